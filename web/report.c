#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "db.h"
#include "error.h"
#include "escape.h"
#include "html.h"
#include "progress.h"
#include "redact.h"
#include "report.h"
#include "schema.h"
#include "stopkind.h"

const char *const report_class_names[REPORT_CLASSES] = {
	"file", "desc", "process", "network", "signal", "memory", "ipc",
	"creds", "clock", "stat",
};

/* strace's syscall flags and the -e trace=%class each one stands for. */
static const struct {
	const char *flag;
	unsigned classes;
} report_flag_classes[] = {
	{ "TF", REPORT_CLASS_FILE },
	{ "TD", REPORT_CLASS_DESC },
	{ "TP", REPORT_CLASS_PROCESS },
	{ "TN", REPORT_CLASS_NETWORK },
	{ "TS", REPORT_CLASS_SIGNAL },
	{ "TM", REPORT_CLASS_MEMORY },
	{ "TI", REPORT_CLASS_IPC },
	{ "TC", REPORT_CLASS_CREDS },
	{ "TCL", REPORT_CLASS_CLOCK },
	{ "TST", REPORT_CLASS_STAT | REPORT_CLASS_FILE },
	{ "TLST", REPORT_CLASS_STAT | REPORT_CLASS_FILE },
	{ "TFST", REPORT_CLASS_STAT | REPORT_CLASS_DESC },
	{ "TSTA", REPORT_CLASS_STAT },
};

unsigned report_classes_from_flags(const char *flags)
{
	unsigned classes = 0;
	const char *p = flags;
	size_t i, len;

	while (p && *p) {
		len = strcspn(p, "|");
		for (i = 0; i < sizeof(report_flag_classes) / sizeof(report_flag_classes[0]); i++)
			if (strlen(report_flag_classes[i].flag) == len &&
			    !strncmp(p, report_flag_classes[i].flag, len))
				classes |= report_flag_classes[i].classes;
		p += len;
		if (*p == '|')
			p++;
	}
	return classes;
}

const char *report_path(struct report *r, struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", r->dir.buf, name);
	return sb->buf;
}

int report_write_dot(struct report *r, struct graph *g, const char *name)
{
	struct strbuf dot = STRBUF_INIT, path = STRBUF_INIT;
	int rc = -1;

	strbuf_addf(&path, "graphs/%s.dot", name);
	if (web_graph_write_dot(g, &dot) == 0)
		rc = report_write_file(r, path.buf, &dot);
	strbuf_release(&dot);
	strbuf_release(&path);
	return rc;
}

int report_graph_svg(struct report *r, struct graph *g, const char *name, const char *root,
		     int dot, struct strbuf *out)
{
	static const char prolog[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n";
	struct strbuf svg = STRBUF_INIT, path = STRBUF_INIT;
	int rc = -1;

	strbuf_addstr(&svg, prolog);
	if (web_graph_render_svg(r->gr, g, &svg) < 0)
		goto cleanup;
	strbuf_addstr(out, "<div class=\"graph\">");
	strbuf_add(out, svg.buf + sizeof(prolog) - 1, svg.len - (sizeof(prolog) - 1));
	strbuf_addstr(out, "</div>\n<p class=\"svg-dl\">");
	strbuf_addf(&path, "graphs/%s.svg", name);
	if (report_write_file(r, path.buf, &svg) < 0)
		goto cleanup;
	strbuf_addstr(out, "<a href=\"");
	escape_html_attr(out, root, strlen(root));
	escape_html_attr(out, path.buf, path.len);
	strbuf_addstr(out, "\" download>download SVG</a>");
	if (dot) {
		strbuf_setlen(&path, path.len - 3);
		strbuf_addstr(&path, "dot");
		strbuf_addstr(out, " · <a href=\"");
		escape_html_attr(out, root, strlen(root));
		escape_html_attr(out, path.buf, path.len);
		strbuf_addstr(out, "\">DOT</a>");
	}
	strbuf_addstr(out, "</p>\n");
	rc = 0;
cleanup:
	strbuf_release(&svg);
	strbuf_release(&path);
	return rc;
}

int report_write_file(struct report *r, const char *name, const struct strbuf *sb)
{
	struct strbuf path = STRBUF_INIT;
	int rc = strbuf_write_file(sb, report_path(r, &path, name));

	strbuf_release(&path);
	return rc;
}

/* The syscall name at the start of an strace line, if it looks like one. */
static int name_from_text(const char *text, struct strbuf *out)
{
	size_t n = 0;

	while (text && ((text[n] >= 'a' && text[n] <= 'z') || (text[n] >= '0' && text[n] <= '9') ||
			text[n] == '_'))
		n++;
	if (!n || n > 48 || text[n] != '(')
		return -1;
	strbuf_add(out, text, n);
	return 0;
}

static int kernel_version(const char *s, unsigned v[3]);

/* Whether version a is later than b ("v6.12" > "v5.7"); 0 when either is unknown. */
static int version_later(const char *a, const char *b)
{
	unsigned x[3], y[3];
	int i;

	if (!a || !b || kernel_version(a, x) < 0 || kernel_version(b, y) < 0)
		return 0;
	for (i = 0; i < 3; i++)
		if (x[i] != y[i])
			return x[i] > y[i];
	return 0;
}

/*
 * Why sc, which the index lacks, is newer than the indexed kernel, from
 * data: its number is above the last of the index's table for its ABI, a
 * later kernel's table (the current index) has it, or the tracer's table
 * named it (the trace's text) where the index's has no such row.  NULL
 * when none of these holds.  -1 after error().
 */
static int report_sc_newer(struct report *r, struct report_sc *sc, int named)
{
	const struct ix_tree *lt = &r->ix.kernel;
	struct strbuf why = STRBUF_INIT;
	int64_t max;

	sc->added_after = NULL;
	if (sc->isc || !lt->id || !lt->version)
		return 0;
	if (ix_syscall_max_nr(&r->ix, sc->abi, &max) < 0)
		return -1;
	if (max >= 0 && sc->nr > max)
		strbuf_addf(&why, "its number, %ld, is above the last in Linux %s's "
					    "table (%lld)", sc->nr, lt->version, (long long)max);
	else if (sc->csc && r->cur.kernel.id && version_later(r->cur.kernel.version, lt->version))
		strbuf_addf(&why, "Linux %s's table has it as number %ld; Linux %s's has "
					    "no syscall %ld", r->cur.kernel.version, sc->nr,
					    lt->version, sc->nr);
	else if (named && max >= 0)
		strbuf_addf(&why, "the tracer's table names number %ld %s; Linux %s's "
					    "table has no syscall %ld", sc->nr, sc->name,
					    lt->version, sc->nr);
	if (why.len)
		sc->added_after = strbuf_detach(&why, NULL);
	strbuf_release(&why);
	return 0;
}

void report_sc_missing_label(const struct report *r, const struct report_sc *sc,
			     int why, struct strbuf *out)
{
	if (!sc->added_after) {
		strbuf_addstr(out, "not in the index");
		return;
	}
	strbuf_addf(out, "added after %s", r->ix.kernel.version);
	if (why)
		strbuf_addf(out, " (%s)", sc->added_after);
}

int report_sc_get(struct report *r, const char *abi, long nr, const char *text)
{
	const struct ix_syscall *asc;
	struct report_sc *sc;
	struct strbuf name = STRBUF_INIT;
	int i, named = 0;

	if (!abi && nr >= 0 && nr < 1024 && r->native_sc[nr])
		return r->native_sc[nr] - 1;
	for (i = 0; i < r->nscs; i++)
		if (r->scs[i].nr == nr && r->scs[i].abi && abi && !strcmp(r->scs[i].abi, abi))
			return i;
	if (!abi)
		for (i = 0; i < r->nscs; i++)
			if (!r->scs[i].abi && r->scs[i].nr == nr)
				return i;
	if (ix_syscall_get(&r->ix, abi, nr, &asc) < 0)
		return -1;
	if (r->nscs == r->scs_alloc) {
		r->scs_alloc = r->scs_alloc ? 2 * r->scs_alloc : 64;
		r->scs = xrealloc(r->scs, r->scs_alloc * sizeof(*r->scs));
	}
	sc = &r->scs[r->nscs];
	memset(sc, 0, sizeof(*sc));
	sc->abi = abi ? xstrdup(abi) : NULL;
	sc->nr = nr;
	strbuf_init(&sc->occ, 0);
	sc->isc = asc;
	sc->csc = report_current_syscall(r, abi, nr);
	if (asc && asc->name)
		strbuf_addstr(&name, asc->name);
	else if (name_from_text(text, &name) < 0 || !strncmp(name.buf, "syscall_", 8))
		strbuf_reset(&name);
	else
		named = 1;
	if (!name.len)
		strbuf_addf(&name, "syscall_%ld", nr);
	sc->name = strbuf_detach(&name, NULL);
	if (report_sc_newer(r, sc, named) < 0) {
		free(sc->abi);
		free(sc->name);
		strbuf_release(&sc->occ);
		return -1;
	}
	sc->classes = asc ? report_classes_from_flags(asc->strace_flags) : 0;
	{
		struct strbuf stem = STRBUF_INIT, raw = STRBUF_INIT;

		/* a compat (i386, x32) call is another syscall: its own page */
		strbuf_addstr(&raw, sc->name);
		if (abi)
			strbuf_addf(&raw, "_%s", abi);
		html_file_stem(&stem, raw.buf);
		sc->stem = strbuf_detach(&stem, NULL);
		strbuf_release(&raw);
	}
	if (!abi && nr >= 0 && nr < 1024)
		r->native_sc[nr] = r->nscs + 1;
	return r->nscs++;
}

/* Format ns as "1.234 ms" style for pages. */
static void fmt_duration(struct strbuf *out, int64_t ns)
{
	if (ns < 1000)
		strbuf_addf(out, "%lld ns", (long long)ns);
	else if (ns < 1000000)
		strbuf_addf(out, "%.1f µs", ns / 1e3);
	else if (ns < 1000000000)
		strbuf_addf(out, "%.2f ms", ns / 1e6);
	else
		strbuf_addf(out, "%.3f s", ns / 1e9);
}

static void report_occurrence(struct report *r, struct report_sc *sc,
			      const struct tracedb_call *c)
{
	struct strbuf *o = &sc->occ;

	strbuf_addf(o, "<tr%s><td class=\"num\"><a href=\"../timeline.html#e=%lld\">%lld</a></td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">", 
		    c->flags & TRACEDB_ERROR ? " class=\"err\"" : "",
		    (long long)c->seq, (long long)c->seq, (long long)c->tid);
	fmt_duration(o, c->t0);
	strbuf_addstr(o, "</td><td class=\"num\">");
	if (c->flags & TRACEDB_UNFINISHED)
		strbuf_addstr(o, "unfinished");
	else if (c->flags & TRACEDB_NO_RETURN)
		strbuf_addstr(o, "did not return");
	else
		fmt_duration(o, c->t1 - c->t0);
	strbuf_addstr(o, "</td><td><code>");
	escape_html_text(o, c->text, strlen(c->text));
	strbuf_addstr(o, "</code></td></tr>\n");
	sc->listed++;
}

/* --redact: text with its string literals redacted (into r->redacted). */
static const char *report_redact(struct report *r, const char *text)
{
	if (!r->o->redact || !text || !redact_needed(text, strlen(text)))
		return text;
	strbuf_reset(&r->redacted);
	redact_strings(&r->redacted, text, strlen(text));
	return r->redacted.buf;
}

static int report_on_call(void *ctx, const struct tracedb_call *call)
{
	struct report *r = ctx;
	struct tracedb_call redacted = *call, *c = &redacted;
	int sci = report_sc_get(r, c->abi, c->nr, c->text), rt;
	struct report_sc *sc;
	int64_t dur = c->t1 - c->t0;

	if (sci < 0)
		return -1;
	c->text = report_redact(r, c->text);
	sc = &r->scs[sci];
	sc->calls++;
	r->ncalls++;
	if (c->flags & TRACEDB_ERROR) {
		sc->errors++;
		r->nerrors++;
		if (-c->retval < (int64_t)sizeof(r->errnos))
			r->errnos[-c->retval] = 1;
	}
	if (c->flags & TRACEDB_UNFINISHED) {
		sc->unfinished++;
		r->nunfinished++;
	} else if (!(c->flags & TRACEDB_NO_RETURN)) {
		sc->timed++;
		/* times of a hostile trace: each up to 2^60, the sum saturates */
		if (__builtin_add_overflow(sc->total_ns, dur, &sc->total_ns))
			sc->total_ns = INT64_MAX;
		if (dur > sc->max_ns)
			sc->max_ns = dur;
	}
	if (sc->listed < REPORT_OCCURRENCES)
		report_occurrence(r, sc, c);
	rt = report_rt_get(r, c, sci);
	if (rt < 0)
		return -1;
	report_observed_call(r, c, sci);
	if (report_data_call(r, c, sci, rt) < 0)
		return -1;
	return report_export_call(r, c, sci);
}

/* A fork/vfork/clone made a process (the child leads its group) or a thread. */
static void report_count_child(struct report *r, const struct tracedb_marker *m)
{
	int lane = tracedb_lane_at(&r->run, m->other_tid, m->seq, 1, NULL);

	if (lane >= 0 && lane < r->run.ntasks) {
		const struct tracedb_task *c = &r->run.tasks[lane];

		if (c->tid == c->tgid)
			r->new_processes++;
		else
			r->new_threads++;
	} else if (m->event_kind && !strcmp(m->event_kind, "clone")) {
		r->new_threads++;	/* no task row: PTRACE_EVENT_CLONE is a thread's */
	} else {
		r->new_processes++;
	}
}

/* Note the program task m->lane exec'd (the recorded path), in order. */
static void report_note_image(struct report *r, const struct tracedb_marker *m)
{
	struct strbuf *im;
	size_t n = 0, i;

	if (m->lane < 0)
		return;
	if (m->lane >= r->nimages) {
		int want = m->lane + 16;

		r->images = xrealloc(r->images, want * sizeof(*r->images));
		r->images_cut = xrealloc(r->images_cut, want);
		for (i = r->nimages; i < (size_t)want; i++) {
			strbuf_init(&r->images[i], 0);
			r->images_cut[i] = 0;
		}
		r->nimages = want;
	}
	im = &r->images[m->lane];
	for (i = 0; i < im->len; i++)
		n += im->buf[i] == '\n';
	if (n >= REPORT_IMAGES) {
		r->images_cut[m->lane] = 1;
		return;
	}
	/* a path is one line here: a hostile one may hold newlines */
	for (i = 0; m->text && m->text[i] && i < 4096; i++)
		strbuf_addch(im, m->text[i] == '\n' ? ' ' : m->text[i]);
	if (!m->text || !*m->text)
		strbuf_addch(im, '?');
	strbuf_addch(im, '\n');
}

static int report_on_marker(void *ctx, const struct tracedb_marker *marker)
{
	struct report *r = ctx;
	struct tracedb_marker redacted = *marker, *m = &redacted;
	const struct stop_kind *stop = stop_kind_of_event(m->event_kind);

	m->text = report_redact(r, m->text);
	r->nmarkers++;
	r->marker_counts[m->kind]++;
	if (stop)
		r->stops_seen |= 1u << (stop - stop_kinds);
	if (m->kind == TRACEDB_FORK)
		report_count_child(r, m);
	else if (m->kind == TRACEDB_EXEC)
		report_note_image(r, m);
	if (report_data_marker(r, m) < 0)
		return -1;
	return report_export_marker(r, m);
}

static void report_progress(void *ctx, uint64_t done)
{
	progress_update(ctx, done);
}

/* major.minor.patch of a release ("6.1.0-18-amd64", "v5.7"); -1 if none. */
static int kernel_version(const char *s, unsigned v[3])
{
	int n;

	v[0] = v[1] = v[2] = 0;
	if (*s == 'v')
		s++;
	n = sscanf(s, "%u.%u.%u", &v[0], &v[1], &v[2]);
	return n >= 2 ? 0 : -1;
}

int web_kernel_note(const char *release, const char *indexed_version,
		    struct strbuf *out)
{
	unsigned a[3], b[3];

	if (!release || !indexed_version || kernel_version(release, a) < 0 ||
	    kernel_version(indexed_version, b) < 0)
		return 0;
	/* a stable release (5.7.19) differs from v5.7 in dozens of lines */
	if (a[0] == b[0] && a[1] == b[1] && a[2] == b[2])
		return 0;
	strbuf_addf(out, "the traced kernel is Linux %s, but the index is of Linux %s: "
		    "the links show %s's code; to see your kernel's own path, index its "
		    "source tree ('sysatlas index --linux DIR')",
		    release, indexed_version, indexed_version);
	return 1;
}

static int report_mkdir(const char *path)
{
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return error_errno("cannot create %s", path);
	return 0;
}

/*
 * Check every output before anything is read or written: the site's
 * directory, --chrome and --jsonl, none of them the trace or the index.
 */
static int report_check_outputs(struct report *r)
{
	const struct web_report_opts *o = r->o;
	unsigned flags = OUTFILE_STREAM_OK | (o->force ? OUTFILE_FORCE : 0);
	struct outfile *outs[2] = { NULL, NULL };
	struct outfile_input ins[3] = { { "the trace", o->trace }, { "--index", NULL },
					{ "--current-index", NULL } };
	struct strbuf builtin = STRBUF_INIT, builtin2 = STRBUF_INIT;
	int rc;

	if (!o->site_dir && outdir_check(&r->site, "-o", o->outdir ? o->outdir : "sysatlas-report",
					 o->force) < 0)
		return -1;
	if (o->chrome) {
		if (outfile_check(&r->chrome_out, "--chrome", o->chrome, flags) < 0)
			return -1;
		outs[0] = &r->chrome_out;
	}
	if (o->jsonl) {
		if (outfile_check(&r->jsonl_out, "--jsonl", o->jsonl, flags) < 0)
			return -1;
		outs[1] = &r->jsonl_out;
	}
	if ((o->index && !(ins[1].path = ix_resolve(o->index, &builtin))) ||
	    (o->current && strcmp(o->current, "none") &&
	     !(ins[2].path = ix_resolve(o->current, &builtin2))))
		rc = -1;
	else
		rc = outfile_distinct(outs, 2, ins, 3);
	strbuf_release(&builtin);
	strbuf_release(&builtin2);
	return rc;
}

/* The site is written into a new temporary directory (or the caller's). */
static int report_prepare_dir(struct report *r)
{
	static const char *const subdirs[] = { "assets", "data", "graphs", "syscalls" };
	struct strbuf p = STRBUF_INIT;
	size_t i;
	int rc = -1;

	if (r->o->site_dir) {
		strbuf_addstr(&r->dir, r->o->site_dir);
	} else {
		if (outdir_open(&r->site) < 0)
			goto cleanup;
		strbuf_addstr(&r->dir, r->site.tmp);
	}
	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++)
		if (report_mkdir(report_path(r, &p, subdirs[i])) < 0)
			goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&p);
	return rc;
}

/* Put the exports and the site in place, the site last.  0 or -1. */
static int report_commit(struct report *r)
{
	if ((r->o->chrome && outfile_commit(&r->chrome_out) < 0) ||
	    (r->o->jsonl && outfile_commit(&r->jsonl_out) < 0))
		return -1;
	return r->o->site_dir ? 0 : outdir_commit(&r->site);
}

/* The site's CSS and scripts, from the installed (or build tree's) data. */
static const char *const report_assets[] = {
	"sysatlas.css", "site.js", "draw.js", "syscall.js", "filter.js", "timeline.js", "log.js",
	NULL,
};

static int report_copy_assets(struct report *r)
{
	struct strbuf src = STRBUF_INIT, text = STRBUF_INIT, name = STRBUF_INIT;
	const char *const *a;
	int rc = -1;

	for (a = report_assets; *a; a++) {
		strbuf_reset(&name);
		strbuf_addf(&name, "assets/%s", *a);
		if (datadir_find(name.buf, &src) < 0)
			goto cleanup;
		strbuf_reset(&text);
		if (strbuf_read_file(&text, src.buf) < 0)
			goto cleanup;
		if (report_write_file(r, name.buf, &text) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	strbuf_release(&src);
	strbuf_release(&text);
	strbuf_release(&name);
	return rc;
}

int report_has_db(const struct report *r)
{
	return r->o->db != WEB_DB_OMIT;
}

/*
 * --force wrote into an existing directory, whose other files stay: say
 * so when they may hold what --no-db or --redact was to keep out.
 */
static void report_warn_kept(struct report *r)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;

	if (r->o->site_dir || !r->site.exists || (!r->o->redact && r->o->db != WEB_DB_OMIT))
		return;
	strbuf_addf(&p, "%s/trace.db", r->site.path);
	if (r->o->db == WEB_DB_OMIT && lstat(p.buf, &st) == 0)
		warning("%s is still there from before (--force keeps the directory's other "
			"files): remove it before publishing the site", p.buf);
	else if (r->o->redact)
		warning("%s existed: files in it from before that this report did not "
			"replace are not redacted", r->site.path);
	strbuf_release(&p);
}

static void report_quiet(const char *line)
{
}

/* Open the index: the one asked for, or the built-in one when present. */
static int report_open_index(struct report *r)
{
	struct strbuf def = STRBUF_INIT;
	int found, rc = 0;

	ix_init_empty(&r->ix);
	if (r->o->index)
		return ix_open(&r->ix, r->o->index);
	/* the built-in index is optional: its absence is a warning */
	error_set_routine(report_quiet);
	found = datadir_find("default-index.db", &def) == 0;
	error_set_routine(NULL);
	if (found)
		rc = ix_open(&r->ix, def.buf);
	else
		warning("no index given and no built-in index found: the report "
			"shows the trace without source links (use --index FILE)");
	strbuf_release(&def);
	return rc;
}

static void report_release(struct report *r)
{
	int i;

	for (i = 0; i < r->nscs; i++) {
		free(r->scs[i].abi);
		free(r->scs[i].name);
		free(r->scs[i].stem);
		free(r->scs[i].tree_json);
		free(r->scs[i].added_after);
		strbuf_release(&r->scs[i].occ);
	}
	free(r->scs);
	for (i = 0; i < r->nimages; i++)
		strbuf_release(&r->images[i]);
	free(r->images);
	free(r->images_cut);
	for (i = 0; i < r->nrts; i++) {
		free(r->rts[i].mech_enter);
		free(r->rts[i].mech_exit);
	}
	free(r->rts);
	free(r->rt_hash);
	report_table_release(&r->phases);
	report_table_release(&r->stacks);
	strbuf_release(&r->chunk_meta);
	report_data_release(r);
	web_graph_renderer_free(r->gr);
	links_release(&r->links);
	tracedb_run_release(&r->run);
	obs_release(&r->obs);
	free(r->sample_sc);
	free(r->waits);
	report_current_close(r);
	ix_close(&r->ix);
	db_close(r->trace);
	strbuf_release(&r->dir);
	strbuf_release(&r->redacted);
}

int web_report_check(const struct web_report_opts *o)
{
	struct report r = { 0 };
	int rc;

	r.o = o;
	rc = report_open_index(&r) < 0 || links_init(&r.links, o->links) < 0 ? -1 : 0;
	links_release(&r.links);
	ix_close(&r.ix);
	if (rc == 0 && o->current && strcmp(o->current, "none")) {
		rc = ix_open(&r.cur, o->current);
		ix_close(&r.cur);
	}
	return rc;
}

int web_report_write(const struct web_report_opts *o, struct strbuf *index_html)
{
	struct report *r = xcalloc(1, sizeof(*r));
	struct tracedb_sink sink = { report_on_call, report_on_marker, r };
	struct progress *pg = NULL;
	int rc = -1;

	r->o = o;
	strbuf_init(&r->dir, 0);
	strbuf_init(&r->chunk_meta, 0);
	strbuf_init(&r->redacted, 0);
	report_data_init(r);
	if (report_check_outputs(r) < 0)
		goto cleanup;
	if (db_open(&r->trace, o->trace, &db_schema_trace, DB_READONLY | DB_OLDER_OK) < 0)
		goto cleanup;
	if (report_open_index(r) < 0)
		goto cleanup;
	if (links_init(&r->links, o->links) < 0)
		goto cleanup;
	if (tracedb_run_load(r->trace, &r->run) < 0)
		goto cleanup;
	if (obs_load(r->trace, r->run.kernel_release, r->run.mono_start_ns, &r->obs) < 0 ||
	    report_current_open(r) < 0)
		goto cleanup;
	r->sample_sc = xcalloc((size_t)r->obs.nsamples + 1, sizeof(*r->sample_sc));
	memset(r->sample_sc, 0xff, ((size_t)r->obs.nsamples + 1) * sizeof(*r->sample_sc));
	r->gr = web_graph_renderer_new();
	if (report_prepare_dir(r) < 0 || report_copy_assets(r) < 0)
		goto cleanup;
	if (report_export_open(r) < 0)
		goto cleanup;

	pg = progress_start("report", (uint64_t)r->run.events);
	if (tracedb_stream(r->trace, &r->run, &sink, report_progress, pg) < 0)
		goto cleanup;
	progress_stop(&pg);
	if (report_data_finish(r) < 0 || report_export_observed(r) < 0 ||
	    report_export_close(r) < 0)
		goto cleanup;
	if (report_rt_write_all(r) < 0 || report_stop_rt_write_all(r) < 0 ||
	    report_pages_write(r) < 0 || report_site_db(r) < 0)
		goto cleanup;
	if (!o->quiet_kernel_note) {
		const struct ix_tree *lt = &r->ix.kernel;
		struct strbuf note = STRBUF_INIT;

		if (lt->id && web_kernel_note(r->run.kernel_release, lt->version, &note)) {
			if (r->cmp)
				strbuf_addf(&note, "; the report shows Linux %s beside it",
					    r->cur.kernel.version);
			warning("%s", note.buf);
		}
		strbuf_release(&note);
	}
	if (report_commit(r) < 0)
		goto cleanup;
	report_warn_kept(r);
	strbuf_addf(index_html, "%s/index.html", o->site_dir ? o->site_dir : r->site.path);
	rc = 0;
cleanup:
	progress_stop(&pg);
	if (rc < 0 && (r->chrome || r->jsonl))
		report_export_close(r);
	if (rc < 0) {
		outfile_abort(&r->chrome_out);
		outfile_abort(&r->jsonl_out);
		outdir_abort(&r->site);
	}
	outfile_release(&r->chrome_out);
	outfile_release(&r->jsonl_out);
	outdir_release(&r->site);
	report_release(r);
	free(r);
	return rc;
}
