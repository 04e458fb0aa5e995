#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "summary.h"
#include "text.h"
#include "tidmap.h"

struct text_task {
	int pending;			/* enter printed, exit not yet */
	uint8_t abi;			/* of the pending call */
	int64_t nr;
	int64_t enter_ts;		/* its enter stop's time (-T, -c) */
};

/* One syscall's line of the summary (-c, -C). */
struct text_count {
	uint8_t abi;
	int64_t nr;
	uint64_t calls, errors;
	int64_t ns;
};

struct text_out {
	FILE *f;
	int close_f;
	int to_file;
	int always_prefix;
	const struct strace_opts *so;
	int64_t real_base;		/* realtime less monotonic */
	int64_t prev_real;		/* the previous line's time (-r); 0: none */
	struct tidmap tasks;		/* tid -> struct text_task */
	pid_t open_tid;			/* whose line is unterminated; 0: none */
	size_t col;			/* bytes on the unterminated line */
	struct strbuf pre;		/* the line's prefix, being made */
	struct text_count *counts;	/* -c, -C */
	size_t ncounts, acounts;
	int native[1024];		/* x86-64 nr -> counts index + 1 */
	int failed;
};

struct text_out *text_out_new(FILE *f, int close_f, int to_file, int always_prefix,
			      const struct strace_opts *so, int64_t real_base)
{
	struct text_out *t = xcalloc(1, sizeof(*t));

	t->f = f;
	t->close_f = close_f;
	t->to_file = to_file;
	t->always_prefix = always_prefix;
	t->so = so;
	t->real_base = real_base;
	strbuf_init(&t->pre, 0);
	return t;
}

static struct text_task *text_task_get(struct text_out *t, pid_t tid)
{
	struct text_task *tt = tidmap_get(&t->tasks, tid);

	if (!tt) {
		tt = xcalloc(1, sizeof(*tt));
		tidmap_put(&t->tasks, tid, tt);
	}
	return tt;
}

/* -c only: the summary and nothing else. */
static int text_lines(const struct text_out *t)
{
	return t->so->summary != STRACE_SUMMARY_ONLY;
}

/*
 * Print the pid prefix strace would print, then the time prefix of a
 * line whose event was seen at ts (monotonic ns); returns their width.
 */
static size_t text_prefix(struct text_out *t, pid_t tid, int64_t ts)
{
	int64_t real = ts + t->real_base;

	strbuf_reset(&t->pre);
	if (t->to_file) {
		if (t->always_prefix || t->tasks.count > 1)
			strbuf_addf(&t->pre, "%-5d ", (int)tid);
	} else if (t->tasks.count > 1) {
		strbuf_addf(&t->pre, "[pid %5d] ", (int)tid);
	}
	strace_opts_time(t->so, real, t->prev_real, &t->pre);
	t->prev_real = real;
	fwrite(t->pre.buf, 1, t->pre.len, t->f);
	return t->pre.len;
}

/*
 * ") ", spaces so that "= " starts at the -a column (none when the line
 * is already longer), "= " and the result.  col is what the line holds.
 */
static void text_pad_result(struct text_out *t, size_t col, const char *result, size_t len)
{
	size_t column = (size_t)t->so->column;

	fputs(") ", t->f);
	for (col += 2; col < column; col++)
		fputc(' ', t->f);
	fputs("= ", t->f);
	fwrite(result, 1, len, t->f);
}

/* The rest of a call's line from its exit text, padded as strace pads it. */
static void text_result(struct text_out *t, const struct trace_event *e, size_t col)
{
	const char *rest = e->text + e->enter_len;
	size_t at;

	if (!e->result_at) {
		fwrite(rest, 1, e->text_len - e->enter_len, t->f);
		return;
	}
	at = e->result_at - e->enter_len;
	fwrite(rest, 1, at, t->f);			/* up to the ")" */
	text_pad_result(t, col + at, e->text + e->result_at + 4,	/* past ") = " */
			e->text_len - e->result_at - 4);
}

/* End another task's open line with " <unfinished ...>". */
static void text_close_open(struct text_out *t, pid_t tid)
{
	if (t->open_tid && t->open_tid != tid)
		fputs(" <unfinished ...>\n", t->f);
	if (t->open_tid != tid)
		t->open_tid = 0;
}

/*
 * Start tid's line for the end of a call whose start another task's line
 * interrupted: "<... NAME resumed>"; returns the line's width so far.
 */
static size_t text_resumed(struct text_out *t, pid_t tid, int64_t ts, int abi, int64_t nr)
{
	const struct decode_syscall_desc *d = decode_syscall(abi, nr);
	size_t col;
	int n;

	text_close_open(t, tid);
	col = text_prefix(t, tid, ts);
	if (d)
		n = fprintf(t->f, "<... %s resumed>", d->name);
	else
		n = fprintf(t->f, "<... syscall_%#llx resumed>", (unsigned long long)nr);
	return col + (n > 0 ? (size_t)n : 0);
}

/* Count a call that returned, for the summary. */
static void text_count(struct text_out *t, uint8_t abi, int64_t nr, int64_t retval,
		       int64_t ns)
{
	struct text_count *c = NULL;
	size_t i;

	if (abi == DECODE_ABI_X86_64 && nr >= 0 && nr < 1024 && t->native[nr]) {
		c = &t->counts[t->native[nr] - 1];
	} else {
		for (i = 0; i < t->ncounts; i++)
			if (t->counts[i].abi == abi && t->counts[i].nr == nr) {
				c = &t->counts[i];
				break;
			}
	}
	if (!c) {
		if (t->ncounts == t->acounts) {
			t->acounts = t->acounts ? 2 * t->acounts : 64;
			t->counts = xrealloc(t->counts, t->acounts * sizeof(*t->counts));
		}
		c = &t->counts[t->ncounts++];
		memset(c, 0, sizeof(*c));
		c->abi = abi;
		c->nr = nr;
		if (abi == DECODE_ABI_X86_64 && nr >= 0 && nr < 1024)
			t->native[nr] = (int)t->ncounts;
	}
	c->calls++;
	if (retval < 0 && retval >= -4095)
		c->errors++;
	if (ns > 0 && __builtin_add_overflow(c->ns, ns, &c->ns))
		c->ns = INT64_MAX;
}

void text_out_task(struct text_out *t, const struct trace_task *task, uint32_t type)
{
	if (type == TRACE_REC_TASK_NEW)
		text_task_get(t, task->tid);
}

/* A call's line, or its end (lines are printed unless -c). */
static void text_call(struct text_out *t, struct text_task *tt, const struct trace_event *e)
{
	struct strbuf dur = STRBUF_INIT;

	if (e->kind == TRACE_ENTER) {
		text_close_open(t, 0);
		t->col = text_prefix(t, e->tid, e->ts_ns) + e->text_len;
		fwrite(e->text, 1, e->text_len, t->f);
		t->open_tid = e->tid;
		return;
	}
	text_result(t, e, t->open_tid == e->tid ? t->col :
			  text_resumed(t, e->tid, e->ts_ns, e->abi, e->nr));
	if (t->so->durations) {
		strace_opts_duration(tt->pending ? e->ts_ns - tt->enter_ts : 0, &dur);
		fwrite(dur.buf, 1, dur.len, t->f);
	}
	fputc('\n', t->f);
	t->open_tid = 0;
	strbuf_release(&dur);
}

void text_out_event(struct text_out *t, const struct trace_event *e)
{
	struct text_task *tt = text_task_get(t, e->tid);
	int lines = text_lines(t);

	switch (e->kind) {
	case TRACE_ENTER:
		if (lines)
			text_call(t, tt, e);
		tt->pending = 1;
		tt->abi = e->abi;
		tt->nr = e->nr;
		tt->enter_ts = e->ts_ns;
		break;
	case TRACE_EXIT:
		if (lines)
			text_call(t, tt, e);
		if (t->so->summary)
			text_count(t, e->abi, e->nr, e->retval, tt->pending ? e->ts_ns - tt->enter_ts : 0);
		tt->pending = 0;
		break;
	case TRACE_EXITED:
		if (tt->pending && lines) {
			/* no exit stop: strace's "= ?" */
			text_pad_result(t, t->open_tid == e->tid ? t->col :
					text_resumed(t, e->tid, e->ts_ns, tt->abi, tt->nr), "?", 1);
			fputc('\n', t->f);
			t->open_tid = 0;
		}
		tt->pending = 0;
		/* -qq: no "+++ exited with N +++" (a death by a signal is still said) */
		if (t->so->quiet >= 2 && e->text_len >= 11 && !memcmp(e->text, "+++ exited ", 11))
			break;
		/* fall through */
	case TRACE_SIGNAL:
	case TRACE_STOP:
		if (!e->text_len || !lines)
			break;
		text_close_open(t, 0);
		text_prefix(t, e->tid, e->ts_ns);
		fwrite(e->text, 1, e->text_len, t->f);
		fputc('\n', t->f);
		break;
	case TRACE_EXEC:
		/* strace prints nothing, unless a non-leader thread exec'd */
		if (e->other_tid == e->tid || !lines)
			break;
		text_close_open(t, 0);
		text_prefix(t, e->tid, e->ts_ns);
		fprintf(t->f, "+++ superseded by execve in pid %d +++\n", (int)e->other_tid);
		break;
	case TRACE_DETACH:
		if (t->open_tid == e->tid) {
			fputs(" <detached ...>\n", t->f);
			t->open_tid = 0;
		}
		break;
	default:
		break;
	}
	if (e->kind == TRACE_EXITED || e->kind == TRACE_DETACH)
		free(tidmap_del(&t->tasks, e->tid));
}

int text_out_flush(struct text_out *t)
{
	if (fflush(t->f) && !t->failed) {
		t->failed = 1;
		return error_errno("--text: write");
	}
	return t->failed ? -1 : 0;
}

/* The summary table, as strace -c prints it at the end. */
static void text_summary(struct text_out *t)
{
	struct summary_row *rows = xcalloc(t->ncounts + 1, sizeof(*rows));
	struct strbuf names = STRBUF_INIT, out = STRBUF_INIT;
	size_t i, *at = xcalloc(t->ncounts + 1, sizeof(*at));

	for (i = 0; i < t->ncounts; i++) {
		const struct text_count *c = &t->counts[i];
		const struct decode_syscall_desc *d = decode_syscall(c->abi, c->nr);

		at[i] = names.len;
		if (d)
			strbuf_addstr(&names, d->name);
		else
			strbuf_addf(&names, "syscall_%#llx", (unsigned long long)c->nr);
		strbuf_addch(&names, '\0');
	}
	for (i = 0; i < t->ncounts; i++) {
		rows[i].name = names.buf + at[i];
		rows[i].nr = (long)t->counts[i].nr + (long)t->counts[i].abi * 100000;
		rows[i].calls = t->counts[i].calls;
		rows[i].errors = t->counts[i].errors;
		rows[i].total_ns = t->counts[i].ns;
	}
	summary_format(rows, t->ncounts, t->so->sortby, &out);
	fwrite(out.buf, 1, out.len, t->f);
	strbuf_release(&out);
	strbuf_release(&names);
	free(rows);
	free(at);
}

static void text_task_free(pid_t tid, void *value, void *arg)
{
	free(value);
}

int text_out_free(struct text_out *t)
{
	int rc;

	if (!t)
		return 0;
	if (t->open_tid)
		fputc('\n', t->f);
	if (t->so->summary)
		text_summary(t);
	rc = text_out_flush(t);
	if (t->close_f && fclose(t->f) && !rc)
		rc = error_errno("--text: close");
	tidmap_each(&t->tasks, text_task_free, NULL);
	tidmap_release(&t->tasks);
	strbuf_release(&t->pre);
	free(t->counts);
	free(t);
	return rc;
}
