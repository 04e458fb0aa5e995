/*
 * The overview's "How tracing started": the run's own start (run.start,
 * its PTRACE_SEIZE options, the tasks seized first and their first
 * stops, read from trace.db) told as startup.h's story, with its graph.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "html.h"
#include "report.h"
#include "startup.h"

/* Owned copies of what struct startup_event points at. */
struct ev_store {
	char *kind[STARTUP_THREADS + 1], *text[STARTUP_THREADS + 1];
};

static void ev_store_release(struct ev_store *es)
{
	int i;

	for (i = 0; i <= STARTUP_THREADS; i++) {
		free(es->kind[i]);
		free(es->text[i]);
	}
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/*
 * The first event of tid from seq on (of kind when kind is not NULL) into
 * *ev (strings kept in es slot k).  0 (ev->seq 0 when none) or -1.
 */
static int first_event(struct report *r, int64_t tid, int64_t seq, const char *kind,
		       struct startup_event *ev, struct ev_store *es, int k)
{
	sqlite3_stmt *st = NULL;
	int step, rc = -1;

	memset(ev, 0, sizeof(*ev));
	if (db_prepare(r->trace, &st, kind
		       ? "SELECT seq, kind, text FROM event WHERE tid = ?1 AND seq >= ?2 "
			 "AND kind = ?3 ORDER BY seq LIMIT 1"
		       : "SELECT seq, kind, text FROM event WHERE tid = ?1 AND seq >= ?2 "
			 "ORDER BY seq LIMIT 1") < 0 ||
	    db_bind_int(st, 1, tid) < 0 || db_bind_int(st, 2, seq) < 0 ||
	    (kind && db_bind_text(st, 3, kind, -1) < 0))
		goto cleanup;
	step = db_step(st);
	if (step < 0)
		goto cleanup;
	if (step == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0) {
		ev->seq = sqlite3_column_int64(st, 0);
		es->kind[k] = col_dup(st, 1);
		es->text[k] = col_dup(st, 2);
		ev->kind = es->kind[k] ? es->kind[k] : "?";
		ev->text = es->text[k];
	}
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

/* Tasks seized at the start: no parent; by their first event. */
static int by_first_seq(const void *x, const void *y, void *arg)
{
	const struct tracedb_task *t = arg;
	const struct tracedb_task *a = &t[*(const int *)x], *b = &t[*(const int *)y];
	int64_t fa = a->first_seq > 0 ? a->first_seq : INT64_MAX;
	int64_t fb = b->first_seq > 0 ? b->first_seq : INT64_MAX;

	if (fa != fb)
		return fa < fb ? -1 : 1;
	return a->tid < b->tid ? -1 : a->tid > b->tid;
}

/* How this run started: from run.start, else inferred; -1: not known (import). */
static int run_how(const struct report *r, int *inferred)
{
	*inferred = 0;
	if (r->run.start && !strcmp(r->run.start, "launch"))
		return STARTUP_LAUNCH;
	if (r->run.start && !strcmp(r->run.start, "attach"))
		return STARTUP_ATTACH;
	if (r->run.source && !strcmp(r->run.source, "import"))
		return -1;
	*inferred = 1;
	if (r->run.attached_argv || (r->run.argv_json && !strcmp(r->run.argv_json, "[]")))
		return STARTUP_ATTACH;
	return STARTUP_LAUNCH;
}

static void section_prose(struct report *r, struct strbuf *out, enum startup_how how,
			  const struct startup_run *run, int inferred)
{
	const struct ix_tree *st = r->ix.strace.id ? &r->ix.strace : NULL;
	struct strbuf v = STRBUF_INIT;

	strbuf_addstr(out, "<p class=\"muted\">");
	if (how == STARTUP_LAUNCH)
		strbuf_addstr(out, "sysatlas forked; the child stopped itself with "
			      "<code>SIGSTOP</code>; the tracer seized it with "
			      "<code>PTRACE_SEIZE</code>, which makes the kernel mark it "
			      "<code>PT_PTRACED</code>, woke it with <code>SIGCONT</code>, and the "
			      "child exec'd the command, whose first stop the tracer's "
			      "<code>wait4()</code> returned. strace's <code>startup_child</code> "
			      "does the same when <code>PTRACE_SEIZE</code> works; the dashed box is "
			      "its other way, <code>ptrace(PTRACE_TRACEME)</code> in the child, which "
			      "this run did not take.");
	else
		strbuf_addstr(out, "The process was running already: for each of its threads the "
			      "tracer sent <code>PTRACE_SEIZE</code> (the kernel marks the thread "
			      "<code>PT_PTRACED</code>) and <code>PTRACE_INTERRUPT</code>, which "
			      "stops it at the next chance, as strace's "
			      "<code>ptrace_attach_or_seize</code> does for <code>-p</code>.");
	if (run->has_options) {
		strbuf_addstr(out, " Options given to <code>PTRACE_SEIZE</code>: <code>");
		startup_options_names(&v, run->options);
		html_text(out, v.buf);
		strbuf_addstr(out, "</code>.");
	}
	strbuf_addstr(out, " Each box links to ");
	if (st) {
		strbuf_addstr(out, "strace ");
		html_text(out, st->version);
		strbuf_addstr(out, "'s lines for the step and to ");
	}
	strbuf_addstr(out, "the kernel code that serves it; sysatlas's own functions are named "
		      "beside strace's.");
	if (inferred)
		strbuf_addstr(out, " This trace does not say how tracing started (it was recorded "
			      "before sysatlas kept it): the story is inferred from its command line.");
	strbuf_addstr(out, "</p>\n");
	strbuf_release(&v);
}

int report_startup_section(struct report *r, struct strbuf *out)
{
	struct startup_run run = { .event_href = "timeline.html#e=" };
	struct startup_story story = { 0 };
	struct ev_store es;
	struct graph *g = NULL;
	int *order = NULL, i, n = 0, inferred, how, rc = -1;

	memset(&es, 0, sizeof(es));

	strbuf_addstr(out, "<section id=\"startup\"><h2>How tracing started</h2>\n");
	how = run_how(r, &inferred);
	if (how < 0) {
		strbuf_addstr(out, "<p class=\"muted\">This trace was imported from strace logs, "
			      "which do not say how strace started tracing.</p>\n</section>\n");
		return 0;
	}
	if (!r->ix.kernel.id) {
		strbuf_addstr(out, "<p class=\"muted\">Without an index the steps cannot be "
			      "linked to their source.</p>\n</section>\n");
		return 0;
	}
	run.has_options = r->run.has_seize_options;
	run.options = (uint64_t)r->run.seize_options;
	order = xcalloc(r->run.ntasks ? r->run.ntasks : 1, sizeof(*order));
	for (i = 0; i < r->run.ntasks; i++)
		if (!r->run.tasks[i].parent_tid)
			order[n++] = i;
	qsort_r(order, n, sizeof(*order), by_first_seq, r->run.tasks);
	run.nthreads = how == STARTUP_LAUNCH && n > 1 ? 1 : n;
	for (i = 0; i < run.nthreads && i < STARTUP_THREADS; i++) {
		const struct tracedb_task *t = &r->run.tasks[order[i]];

		run.tids[i] = t->tid;
		if (first_event(r, t->tid, t->first_seq, NULL, &run.first[i], &es, i) < 0)
			goto cleanup;
	}
	if (how == STARTUP_LAUNCH && n &&
	    first_event(r, run.tids[0], r->run.tasks[order[0]].first_seq, "exec", &run.exec,
			&es, STARTUP_THREADS) < 0)
		goto cleanup;
	section_prose(r, out, (enum startup_how)how, &run, inferred);
	if (startup_story_build(&story, &r->ix, &r->links, (enum startup_how)how, &run) < 0)
		goto cleanup;
	g = startup_graph_build(&story, "st");
	if (!g || report_write_dot(r, g, "startup") < 0)
		goto cleanup;
	if (report_graph_svg(r, g, "startup", "", 1, out) < 0)
		goto cleanup;
	strbuf_addstr(out, "</section>\n");
	rc = 0;
cleanup:
	web_graph_free(g);
	startup_story_release(&story);
	ev_store_release(&es);
	free(order);
	return rc;
}
