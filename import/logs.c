/*
 * logs: strace logs read line by line; -ff files merged by time (logs.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "infile.h"
#include "logs.h"
#include "progress.h"
#include "strbuf.h"

#define DAY_NS ((int64_t)86400 * 1000000000)
#define HALF_DAY_NS ((int64_t)12 * 3600 * 1000000000)

struct source {
	const struct log_file *f;
	int fd;				/* -1: not opened yet, or closed */
	int eof, done;			/* done: every line read and checked */
	char *buf;
	size_t pos, len;
	struct strbuf line, carry;
	struct import_line l;
	int has;			/* l holds a line not yet handed out */
	int64_t lineno, good;
	/* the merge's clock: a -t/-tt time of day becomes day + time */
	int64_t key, day, last_tod;
	int has_tod;
	/* merged: a call line with -T is handed out at its start, as
	 * "<unfinished ...>", and its end here, as "<... resumed>", at its
	 * start plus its duration, where the other files' lines meet it */
	struct strbuf pend_line;
	struct import_line pend;
	int has_pend;
	int64_t pend_key;
};

struct logs {
	struct source *src;
	size_t n, cur;
	int strict;
	enum logs_mode mode;
	struct progress *pr;
	uint64_t bytes;
	int64_t lines, skipped;
};

#define READ_BUF ((size_t)1 << 16)

static int source_open(struct source *s)
{
	struct stat st;

	s->fd = infile_open(s->f->path, INFILE_PIPE_OK, &st);
	if (s->fd < 0)
		return -1;
	s->buf = xmalloc(READ_BUF);
	return 0;
}

static void source_close(struct source *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
}

/*
 * The next line into s->line (without its newline).  1: a line; 0: end of
 * file; -1 after error() (a read error, a line too long).  *cut is set
 * for a last line without its newline.
 */
static int read_line(struct source *s, int *cut)
{
	struct strbuf *line = &s->line;
	const char *path = s->f->path;
	long long lineno = (long long)s->lineno + 1;

	strbuf_reset(line);
	*cut = 0;
	for (;;) {
		char *nl;
		size_t take;

		if (s->pos == s->len) {
			ssize_t n;

			if (s->eof)
				break;
			n = read(s->fd, s->buf, READ_BUF);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				return error_errno("%s:%lld: read", path, lineno);
			}
			if (n == 0) {
				s->eof = 1;
				break;
			}
			s->pos = 0;
			s->len = (size_t)n;
		}
		nl = memchr(s->buf + s->pos, '\n', s->len - s->pos);
		take = nl ? (size_t)(nl - s->buf) - s->pos : s->len - s->pos;
		if (line->len + take > IMPORT_LINE_MAX)
			return error("%s:%lld: a line longer than %zu MiB: not a strace log", path,
				     lineno, IMPORT_LINE_MAX >> 20);
		strbuf_add(line, s->buf + s->pos, take);
		s->pos += take;
		if (nl) {
			s->pos++;
			return 1;
		}
	}
	if (!line->len)
		return 0;
	*cut = 1;
	return 1;
}

/*
 * strace writing to a terminal puts "strace: Process N attached" where
 * it is, even inside a line: cut it out and join the line with the next.
 * Returns 1 when line ended with such a message (now removed).
 */
static int cut_attach_note(struct strbuf *line)
{
	const char *m;

	if (line->len < 20 || memcmp(line->buf + line->len - 9, " attached", 9))
		return 0;
	m = strstr(line->buf, "strace: Process ");
	if (!m || m == line->buf)
		return 0;
	strbuf_setlen(line, (size_t)(m - line->buf));
	return 1;
}

/* The merge's clock for the line in s->l; a line without a time keeps the last. */
static void source_key(struct source *s)
{
	const struct import_line *l = &s->l;

	if (l->tstamp == IMPORT_TS_EPOCH) {
		s->key = l->ts_ns;
	} else if (l->tstamp != IMPORT_TS_NONE) {
		if (s->has_tod && l->ts_ns + HALF_DAY_NS < s->last_tod)
			s->day += DAY_NS;	/* past midnight */
		s->has_tod = 1;
		s->last_tod = l->ts_ns;
		s->key = s->day + l->ts_ns;
	}
}

/*
 * Read s's next strace line into s->l.  1: a line; 0: the file is done
 * (and was a log); -1 after error().
 */
static int source_next(struct logs *g, struct source *s)
{
	int got, cut;

	if (s->done)
		return 0;
	if (s->fd < 0 && source_open(s) < 0)
		return -1;
	while ((got = read_line(s, &cut)) > 0) {
		s->lineno++;
		g->lines++;
		g->bytes += s->line.len + 1;
		progress_update(g->pr, g->bytes);
		if (s->carry.len) {
			strbuf_add(&s->carry, s->line.buf, s->line.len);
			strbuf_reset(&s->line);
			strbuf_add(&s->line, s->carry.buf, s->carry.len);
			strbuf_reset(&s->carry);
		}
		if (cut_attach_note(&s->line)) {
			strbuf_add(&s->carry, s->line.buf, s->line.len);
			continue;
		}
		import_parse_line(s->line.buf, s->line.len, &s->l);
		if (s->l.kind != IMPORT_LINE_OTHER) {
			s->good++;
			s->has = 1;
			source_key(s);
			return 1;
		}
		if (g->strict)
			return error("%s:%lld: %s%s", s->f->path, (long long)s->lineno, s->l.why,
				     cut ? " (the last line, without its newline)" : "");
		if (++g->skipped <= IMPORT_SKIP_SHOWN)
			warning("%s:%lld: skipped: %s%s", s->f->path, (long long)s->lineno, s->l.why,
				cut ? " (the last line, without its newline: cut short?)" : "");
	}
	if (got < 0)
		return -1;
	if (!s->lineno)
		return error("%s: an empty file, not a strace log", s->f->path);
	if (!s->good)
		return error("%s: not a strace log (no line of its %lld is strace's; line 1: %s)",
			     s->f->path, (long long)s->lineno, s->l.why ? s->l.why : "?");
	s->done = 1;
	source_close(s);
	return 0;
}

struct logs *logs_open(const struct log_file *files, size_t n, int strict, struct progress *pr)
{
	struct logs *g = xcalloc(1, sizeof(*g));
	size_t i, ff = 0;

	g->src = xcalloc(n ? n : 1, sizeof(*g->src));
	g->n = n;
	g->strict = strict;
	g->pr = pr;
	for (i = 0; i < n; i++) {
		g->src[i].f = &files[i];
		g->src[i].fd = -1;
		strbuf_init(&g->src[i].line, 0);
		strbuf_init(&g->src[i].carry, 0);
		strbuf_init(&g->src[i].pend_line, 0);
		ff += files[i].pid != 0;
	}
	if (n < 2 || ff != n || n > LOGS_MERGE_MAX)
		return g;
	/* -ff files: each one's first line says whether they carry times */
	for (i = 0; i < n; i++)
		if (source_next(g, &g->src[i]) < 0) {
			logs_free(g);
			return NULL;
		}
	g->mode = LOGS_MERGED_BY_TIME;
	for (i = 0; i < n; i++)
		if (!g->src[i].has || g->src[i].l.tstamp == IMPORT_TS_NONE ||
		    (g->src[i].l.tstamp == IMPORT_TS_EPOCH) != (g->src[0].l.tstamp == IMPORT_TS_EPOCH))
			g->mode = LOGS_ONE_BY_ONE;
	return g;
}

void logs_free(struct logs *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++) {
		source_close(&g->src[i]);
		strbuf_release(&g->src[i].line);
		strbuf_release(&g->src[i].carry);
		strbuf_release(&g->src[i].pend_line);
	}
	free(g->src);
	free(g);
}

/* The source whose line goes next, or NULL when all are done; -1 on error. */
static int pick(struct logs *g, struct source **out)
{
	struct source *best = NULL, *s;
	int64_t best_key = 0;
	size_t i;

	*out = NULL;
	if (g->mode == LOGS_ONE_BY_ONE) {
		for (; g->cur < g->n; g->cur++) {
			s = &g->src[g->cur];
			if (s->has) {
				*out = s;
				return 0;
			}
			switch (source_next(g, s)) {
			case 1:
				*out = s;
				return 0;
			case -1:
				return -1;
			}
		}
		return 0;
	}
	/* a line without a time of its own (a -k frame) stays with its call */
	s = &g->src[g->cur];
	if (!s->done && !s->has && source_next(g, s) < 0)
		return -1;
	if (s->has && s->l.tstamp == IMPORT_TS_NONE) {
		*out = s;
		return 0;
	}
	for (i = 0; i < g->n; i++) {
		int64_t key;

		s = &g->src[i];
		if (s->has_pend) {
			key = s->pend_key;
		} else {
			if (!s->has && source_next(g, s) < 0)
				return -1;
			if (!s->has)
				continue;
			key = s->key;
		}
		if (!best || key < best_key) {
			best = s;
			best_key = key;
		}
	}
	if (best)
		g->cur = (size_t)(best - g->src);
	*out = best;
	return 0;
}

int logs_next(struct logs *g, struct import_line *l, int64_t *file_pid)
{
	struct source *s;

	if (pick(g, &s) < 0)
		return -1;
	if (!s)
		return 0;
	*file_pid = s->f->pid;
	if (s->has_pend && !(s->has && s->l.tstamp == IMPORT_TS_NONE)) {
		*l = s->pend;
		s->has_pend = 0;
		return 1;
	}
	*l = s->l;
	s->has = 0;
	if (g->mode == LOGS_MERGED_BY_TIME && l->kind == IMPORT_LINE_CALL && l->has_dur &&
	    l->dur_ns > 0 && s->key >= 0 && l->dur_ns <= INT64_MAX - s->key) {
		struct import_line *p = &s->pend;

		strbuf_reset(&s->pend_line);
		strbuf_add(&s->pend_line, s->line.buf, s->line.len);
		import_parse_line(s->pend_line.buf, s->pend_line.len, p);
		p->kind = IMPORT_LINE_RESUMED;
		p->args += p->args_len;
		p->args_len = 0;
		/* its end is its start plus -T: a time of its own would be
		 * the start again, out of order for the session's clock
		 * (a -t/-tt log past midnight would gain a day) */
		p->tstamp = IMPORT_TS_NONE;
		p->has_rel = 0;
		s->pend_key = s->key + l->dur_ns;
		s->has_pend = 1;
		l->kind = IMPORT_LINE_UNFINISHED;
	}
	return 1;
}

enum logs_mode logs_mode(const struct logs *g)
{
	return g->mode;
}

int64_t logs_lines(const struct logs *g)
{
	return g->lines;
}

int64_t logs_skipped(const struct logs *g)
{
	return g->skipped;
}
