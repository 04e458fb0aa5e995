/*
 * The report's pages: index.html (overview), timeline.html (timeline and
 * event view; the drawing is assets/timeline.js), log.html (the strace-style
 * log; assets/log.js) and syscalls/NAME.html.
 * Every string from the trace or the index goes through html_text() /
 * html_attr(); graphs are rendered by graph.c.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "argv-json.h"
#include "error.h"
#include "escape.h"
#include "html.h"
#include "report.h"
#include "signame.h"

static const struct html_nav report_nav[] = {
	{ "overview", "index.html", "Overview" },
	{ "timeline", "timeline.html", "Timeline" },
	{ "log", "log.html", "Log" },
	{ "syscalls", "syscalls/index.html", "Syscalls" },
	{ "kernel", "kernel.html", "Kernel" },
	{ NULL, NULL, NULL },
};

static const char *const page_scripts[] = { "assets/site.js", NULL };
static const char *const timeline_scripts[] = {
	"assets/site.js", "assets/draw.js", "assets/filter.js", "data/meta.js", "assets/timeline.js",
	NULL,
};
static const char *const syscall_scripts[] = {
	"assets/site.js", "assets/draw.js", "assets/syscall.js", NULL,
};
static const char *const log_scripts[] = {
	"assets/site.js", "assets/filter.js", "data/meta.js", "assets/log.js", NULL,
};

static void fmt_ns(struct strbuf *out, int64_t ns)
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

static void fact(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addf(out, "<tr><th>%s</th><td>", name);
	html_text(out, value && *value ? value : "—");
	strbuf_addstr(out, "</td></tr>\n");
}

static void fact_html(struct strbuf *out, const char *name, const char *html)
{
	strbuf_addf(out, "<tr><th>%s</th><td>%s</td></tr>\n", name, html);
}

/* A wait status as strace says it: "exited with 1", "killed by SIGSEGV (core dumped)". */
static void fmt_status(struct strbuf *out, int64_t st)
{
	char buf[24];

	if ((st & 0x7f) == 0)
		strbuf_addf(out, "exited with %lld", (long long)((st >> 8) & 0xff));
	else
		strbuf_addf(out, "killed by %s%s", signame(st & 0x7f, buf, sizeof(buf)),
			    st & 0x80 ? " (core dumped)" : "");
}

/* "1 process", "3 processes": n and the noun, singular or plural. */
static void count_of(struct strbuf *out, uint64_t n, const char *one, const char *many)
{
	strbuf_addf(out, "%llu %s", (unsigned long long)n, n == 1 ? one : many);
}

/*
 * Processes: a leader task each (a reused pid is a new process), and one
 * for a thread group whose leader was not seen.  Tasks are sorted by
 * (tgid, tid).
 */
static int count_processes(const struct report *r)
{
	int i = 0, j, leaders, n = 0;

	while (i < r->run.ntasks) {
		leaders = 0;
		for (j = i; j < r->run.ntasks && r->run.tasks[j].tgid == r->run.tasks[i].tgid; j++)
			leaders += r->run.tasks[j].tid == r->run.tasks[j].tgid;
		n += leaders ? leaders : 1;
		i = j;
	}
	return n;
}

/* The first task the tracer attached to (-p): no parent; -1 if none. */
static int attached_task(const struct report *r)
{
	int i;

	for (i = 0; i < r->run.ntasks; i++)
		if (!r->run.tasks[i].parent_tid && r->run.tasks[i].tid == r->run.tasks[i].tgid)
			return i;
	return -1;
}

/*
 * The run's command line: argv, or for -p the attached process's command
 * line (or "pid N (comm)" in a trace that did not record it).  Sets
 * *attached for -p.
 */
static void run_command(const struct report *r, struct strbuf *cmd, int *attached)
{
	int a;

	*attached = 0;
	if (r->run.argv_json && argv_from_json(r->run.argv_json, cmd) == 0 && cmd->len)
		return;
	if (r->run.argv_json && cmd->len) {
		strbuf_reset(cmd);
		strbuf_addstr(cmd, r->run.argv_json);	/* not a JSON array: as recorded */
		return;
	}
	strbuf_reset(cmd);
	*attached = 1;
	if (r->run.attached_argv && argv_from_json(r->run.attached_argv, cmd) == 0 && cmd->len)
		return;
	strbuf_reset(cmd);
	a = attached_task(r);
	if (a >= 0)
		strbuf_addf(cmd, "pid %lld (%s)", (long long)r->run.tasks[a].tid,
			    r->run.tasks[a].comm ? r->run.tasks[a].comm : "?");
	else
		strbuf_addstr(cmd, "?");
}

/* How the run ended, for the overview's "exit" row. */
static void run_ending(const struct report *r, int attached, struct strbuf *v)
{
	uint64_t detached = r->marker_counts[TRACEDB_DETACH];
	int a;

	if (r->run.has_exit_status) {
		fmt_status(v, r->run.exit_status);
	} else if (r->run.has_detached_status) {
		strbuf_addstr(v, "detached (the tracer was interrupted); then, untraced, ");
		fmt_status(v, r->run.detached_status);
	} else if (detached) {
		strbuf_addstr(v, "detached: ");
		count_of(v, detached, "task was", "tasks were");
		strbuf_addstr(v, attached ? " let go, still running, when the trace ended"
				 : " let go, still running, when the tracer was interrupted");
	} else if (attached && (a = attached_task(r)) >= 0 && r->run.tasks[a].has_exit_status) {
		fmt_status(v, r->run.tasks[a].exit_status);
	} else if (!r->run.has_ended) {
		strbuf_addstr(v, "unknown: the tracer did not finish");
	}
}

static void page_begin(struct report *r, struct strbuf *out, const char *title,
		       const char *root, const char *active, const char *const *scripts,
		       const char *body_class, struct html_page *p)
{
	memset(p, 0, sizeof(*p));
	p->title = title;
	p->root = root;
	p->site = "sysatlas report";
	p->nav = report_nav;
	p->active = active;
	p->scripts = scripts;
	p->body_class = body_class;
	html_page_begin(out, p);
}

/* Is this an imported trace whose log had no times (run.times = order)? */
static int report_order_only(const struct report *r)
{
	return r->run.times && !strcmp(r->run.times, "order");
}

/*
 * What the times of an imported trace are, when they are not the
 * tracer's own: order only (no times in the log), or -r deltas.
 */
static void report_times_note(const struct report *r, struct strbuf *out)
{
	if (report_order_only(r))
		strbuf_addstr(out, "<p class=\"note warn times-note\"><strong>Order only.</strong> "
			      "The strace log this trace was imported from has no times "
			      "(no <code>-t</code>, <code>-tt</code>, <code>-ttt</code> or "
			      "<code>-r</code>): only the order of the events is known. Events are "
			      "drawn 1 µs apart, a call as long as its <code>-T</code> duration "
			      "when the log has one; no time or duration here is measured.</p>\n");
	else if (r->run.times && !strcmp(r->run.times, "log-relative"))
		strbuf_addstr(out, "<p class=\"note times-note\"><strong>Relative times.</strong> "
			      "The strace log this trace was imported from has <code>-r</code> "
			      "times: each event's time since the one before, summed from the "
			      "first. The wall-clock time is not known.</p>\n");
}

static void report_notes(struct report *r, struct strbuf *out)
{
	const struct ix_tree *lt = r->ix.kernel.id ? &r->ix.kernel : NULL;
	struct strbuf note = STRBUF_INIT;

	if (lt && web_kernel_note(r->run.kernel_release, lt->version, &note)) {
		strbuf_addstr(out, "<p class=\"note warn\"><strong>Kernel versions differ.</strong> ");
		strbuf_reset(&note);
		strbuf_addf(&note, "This trace was recorded on Linux %s, but the index is of "
			    "Linux %s: what you see is %s's code. To see your own kernel's path, "
			    "index its source tree with sysatlas index --linux DIR.",
			    r->run.kernel_release, lt->version, lt->version);
		html_text(out, note.buf);
		strbuf_addstr(out, "</p>\n");
	}
	report_times_note(r, out);
	if (!lt)
		strbuf_addstr(out, "<p class=\"note warn\"><strong>No index.</strong> This report "
			      "was written without an index: the round trips show every step as "
			      "missing. Pass --index FILE to link the kernel and strace source.</p>\n");
	if (!r->run.has_ended || r->nunfinished)
		strbuf_addf(out, "<p class=\"note\"><strong>Incomplete trace.</strong> %s%llu "
			    "call%s had no exit stop; %s marked unfinished.</p>\n",
			    r->run.has_ended ? "" : "The tracer did not finish (it was killed or "
			    "crashed). ", (unsigned long long)r->nunfinished,
			    r->nunfinished == 1 ? "" : "s", r->nunfinished == 1 ? "it is" : "they are");
	strbuf_release(&note);
}

/*
 * What the site holds that its author may not want to publish, and the
 * options that leave it out: said on the overview of every report.
 */
static void report_privacy_note(struct report *r, struct strbuf *out)
{
	int db = report_has_db(r);

	strbuf_addstr(out, "<p class=\"note privacy\" id=\"privacy\"><strong>Before you publish "
		      "this site.</strong> ");
	if (db)
		strbuf_addstr(out, "It includes <a href=\"trace.db\" download>trace.db</a>, the "
			      "recorded trace (SQLite): ");
	else
		strbuf_addstr(out, "It was written without trace.db (--no-db); its pages show ");
	strbuf_addstr(out, "the command line, the working directory, the size of the "
		      "environment, and every call's arguments");
	if (r->o->redact)
		strbuf_addf(out, ", with the strings the program read or wrote (file names, data, "
			    "exec arguments) replaced by their lengths (--redact): "
			    "<code>\"&lt;11 bytes&gt;\"</code>%s. Thread names, the "
			    "programs exec'd and kernel stacks are kept.",
			    db ? ", in trace.db too" : "");
	else
		strbuf_addf(out, ", with the strings the program read or wrote: file names, "
			    "data read and written (up to the trace's -s limit), exec arguments. "
			    "Write the report with <code>--redact</code> to replace those strings by "
			    "their lengths%s.", db ? ", or with <code>--no-db</code> to leave "
			    "trace.db out" : "");
	strbuf_addstr(out, "</p>\n");
}

/* The graph node of task i: "tTID", or "tTID_I" for a later task of a reused tid. */
static void task_node_id(const struct report *r, int i, struct strbuf *out)
{
	int j;

	web_graph_id_int(out, "t", r->run.tasks[i].tid);	/* tids of a bad trace may be < 0 */
	for (j = 0; j < i; j++)
		if (r->run.tasks[j].tid == r->run.tasks[i].tid) {
			strbuf_addf(out, "_%d", i);
			break;
		}
}

/*
 * The programs task i exec'd, in order, as label lines ("exec: bash →
 * pyenv → python3", the last part of each path, three to a line) and as a
 * tooltip (the paths).  Nothing when it exec'd none.
 */
static void task_images(const struct report *r, int i, struct strbuf *label,
			struct strbuf *tip)
{
	const struct strbuf *im = i < r->nimages ? &r->images[i] : NULL;
	const char *p, *nl, *base;
	int n = 0;

	if (!im || !im->len)
		return;
	strbuf_addstr(label, "\nexec: ");
	strbuf_addstr(tip, "exec'd, in order: ");
	for (p = im->buf; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		for (base = nl; base > p && base[-1] != '/'; base--)
			;
		if (n)
			strbuf_addstr(label, n % 3 ? " → " : " →\n");
		strbuf_add(label, base, (size_t)(nl - base));
		strbuf_addstr(tip, n ? " → " : "");
		strbuf_add(tip, p, (size_t)(nl - p));
		n++;
	}
	if (r->images_cut[i]) {
		strbuf_addstr(label, " → …");
		strbuf_addstr(tip, " → … (more)");
	}
}

/* Process tree: a cluster per process, a node per thread, edges parent → child. */
static int report_task_graph(struct report *r, struct strbuf *out)
{
	struct graph *g = web_graph_new("tasks", GRAPH_LR);
	struct strbuf id = STRBUF_INIT, label = STRBUF_INIT, href = STRBUF_INIT;
	struct strbuf tip = STRBUF_INIT;
	int i, j, n = r->run.ntasks > 400 ? 400 : r->run.ntasks, rc = -1;

	for (i = 0; i < n; i++) {
		const struct tracedb_task *t = &r->run.tasks[i];
		struct graph_attrs a = { 0 };

		if (t->tid == t->tgid || i == 0 || r->run.tasks[i - 1].tgid != t->tgid) {
			strbuf_reset(&id);
			web_graph_id_int(&id, "p", t->tgid);
			strbuf_reset(&label);
			strbuf_addf(&label, "process %lld", (long long)t->tgid);
			for (j = 0; j < i; j++)
				if (r->run.tasks[j].tgid == t->tgid)
					break;
			if (j == i && web_graph_cluster_add(g, id.buf, label.buf, "#f4f6f8") < 0)
				goto cleanup;
		}
		strbuf_reset(&label);
		strbuf_addf(&label, "%s\n%s %lld · %llu calls", t->comm ? t->comm : "?",
			    t->tid == t->tgid ? "pid" : "tid", (long long)t->tid,
			    (unsigned long long)t->calls);
		strbuf_reset(&tip);
		task_images(r, i, &label, &tip);
		if (t->has_exit_status) {
			strbuf_addch(&label, '\n');
			fmt_status(&label, t->exit_status);
		}
		strbuf_addstr(&tip, tip.len ? "; click to show this thread in the timeline"
			      : "show this thread in the timeline");
		strbuf_reset(&href);
		strbuf_addf(&href, "timeline.html#q=tid:%lld", (long long)t->tid);
		a.label = label.buf;
		a.href = href.buf;
		a.tooltip = tip.buf;
		a.color = t->tid == t->tgid ? "#ffffff" : "#f8fbff";
		strbuf_reset(&id);
		web_graph_id_int(&id, "p", t->tgid);
		{
			struct strbuf nid = STRBUF_INIT;

			task_node_id(r, i, &nid);
			rc = web_graph_node_add(g, id.buf, nid.buf, &a);
			strbuf_release(&nid);
			if (rc < 0)
				goto cleanup;
			rc = -1;
		}
	}
	for (i = 0; i < n; i++) {
		const struct tracedb_task *t = &r->run.tasks[i];
		struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
		struct graph_attrs a = { .label = NULL };

		if (!t->parent_tid)
			continue;
		/* the parent that held that tid when this task began */
		j = tracedb_lane_at(&r->run, t->parent_tid, t->first_seq, 0, NULL);
		if (j < 0 || j >= n)
			continue;
		task_node_id(r, j, &from);
		task_node_id(r, i, &to);
		a.tooltip = t->tgid == t->tid ? "fork: a new process" : "clone: a new thread";
		a.style = t->tgid == t->tid ? NULL : "dashed";
		rc = web_graph_edge_add(g, from.buf, to.buf, &a);
		strbuf_release(&from);
		strbuf_release(&to);
		if (rc < 0)
			goto cleanup;
		rc = -1;
	}
	if (report_write_dot(r, g, "tasks") < 0 || report_graph_svg(r, g, "tasks", "", 1, out) < 0)
		goto cleanup;
	strbuf_addstr(out, "<p class=\"muted\">A box per process, a node per thread, with "
		      "the programs it exec'd in order; solid arrows start new processes "
		      "(fork, vfork, clone), dashed ones new threads (clone). "
		      "Click a thread to see it in the timeline.");
	if (n < r->run.ntasks)
		strbuf_addf(out, " The first %d of %d threads are drawn.", n, r->run.ntasks);
	strbuf_addstr(out, "</p>\n");
	rc = 0;
cleanup:
	web_graph_free(g);
	strbuf_release(&id);
	strbuf_release(&label);
	strbuf_release(&href);
	strbuf_release(&tip);
	return rc;
}

static int sc_by_time(const void *x, const void *y, void *arg)
{
	const struct report_sc *scs = arg;
	const struct report_sc *a = &scs[*(const int *)x], *b = &scs[*(const int *)y];

	if (a->total_ns != b->total_ns)
		return a->total_ns > b->total_ns ? -1 : 1;
	if (a->calls != b->calls)
		return a->calls > b->calls ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* The strace -c style table, sortable by any column (assets/site.js). */
static void report_summary_table(struct report *r, struct strbuf *out, const char *root)
{
	int *order = xcalloc(r->nscs ? r->nscs : 1, sizeof(*order));
	int64_t total = 0;
	uint64_t calls = 0, errors = 0;
	int i;

	for (i = 0; i < r->nscs; i++) {
		order[i] = i;
		if (__builtin_add_overflow(total, r->scs[i].total_ns, &total))
			total = INT64_MAX;	/* a hostile trace's times */
		calls += r->scs[i].calls;
		errors += r->scs[i].errors;
	}
	qsort_r(order, r->nscs, sizeof(*order), sc_by_time, r->scs);
	strbuf_addstr(out, "<table class=\"summary sortable\" id=\"summary\">\n<thead><tr>"
		      "<th data-type=\"num\">% time</th><th data-type=\"num\">seconds</th>"
		      "<th data-type=\"num\">µs/call</th><th data-type=\"num\">calls</th>"
		      "<th data-type=\"num\">errors</th><th data-type=\"text\">syscall</th>"
		      "<th data-type=\"text\">class</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < r->nscs; i++) {
		const struct report_sc *sc = &r->scs[order[i]];
		uint64_t done = sc->timed;
		double pct = total ? 100.0 * sc->total_ns / total : 0;
		int k, first = 1;

		strbuf_addf(out, "<tr><td class=\"num\" data-v=\"%.6f\">%.2f</td>"
			    "<td class=\"num\" data-v=\"%lld\">%.6f</td>"
			    "<td class=\"num\" data-v=\"%.3f\">%.0f</td>"
			    "<td class=\"num\" data-v=\"%llu\">%llu</td>"
			    "<td class=\"num\" data-v=\"%llu\">%s%llu</td><td>",
			    pct, pct, (long long)sc->total_ns, sc->total_ns / 1e9,
			    done ? sc->total_ns / 1e3 / done : 0, done ? sc->total_ns / 1e3 / done : 0,
			    (unsigned long long)sc->calls, (unsigned long long)sc->calls,
			    (unsigned long long)sc->errors, "", (unsigned long long)sc->errors);
		{
			struct strbuf href = STRBUF_INIT;

			strbuf_addf(&href, "%ssyscalls/%s.html", root, sc->stem);
			html_link(out, href.buf, sc->name, NULL);
			strbuf_release(&href);
		}
		if (sc->abi) {
			strbuf_addstr(out, " <span class=\"tag\">");
			html_text(out, sc->abi);
			strbuf_addstr(out, "</span>");
		}
		strbuf_addstr(out, "</td><td>");
		for (k = 0; k < REPORT_CLASSES; k++)
			if (sc->classes & (1u << k)) {
				strbuf_addf(out, "%s%%%s", first ? "" : " ", report_class_names[k]);
				first = 0;
			}
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addf(out, "</tbody>\n<tfoot><tr><td class=\"num\">100.00</td><td class=\"num\">%.6f</td>"
		    "<td></td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td>total</td>"
		    "<td></td></tr></tfoot>\n</table>\n",
		    total / 1e9, (unsigned long long)calls, (unsigned long long)errors);
	free(order);
}

static int report_overview(struct report *r)
{
	const struct ix_tree *lt = r->ix.kernel.id ? &r->ix.kernel : NULL;
	const struct ix_tree *st = r->ix.strace.id ? &r->ix.strace : NULL;
	struct strbuf out = STRBUF_INIT, cmd = STRBUF_INIT, v = STRBUF_INIT;
	struct html_page p;
	int rc = -1, attached, a;

	run_command(r, &cmd, &attached);
	page_begin(r, &out, cmd.buf, "", "overview", page_scripts, "overview", &p);
	strbuf_addstr(&out, "<h1 class=\"command\"><span class=\"prompt\">$</span> <code>");
	html_text(&out, cmd.buf);
	strbuf_addstr(&out, "</code>");
	if (attached && (a = attached_task(r)) >= 0)
		strbuf_addf(&out, " <span class=\"tag\">attached to pid %lld</span>",
			    (long long)r->run.tasks[a].tid);
	strbuf_addstr(&out, "</h1>\n");
	report_notes(r, &out);
	report_privacy_note(r, &out);

	strbuf_addstr(&out, "<div class=\"cards\">\n<section class=\"card\"><h2>Run</h2>"
		      "<table class=\"facts\">\n");
	{
		time_t secs = (time_t)(r->run.started_ns / 1000000000);
		struct tm tm;
		char buf[64];

		if (gmtime_r(&secs, &tm) && strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm))
			fact(&out, "started", buf);
	}
	strbuf_reset(&v);
	fmt_ns(&v, r->run.last_t);
	if (!r->run.has_ended)
		strbuf_addstr(&v, " (tracer did not finish)");
	fact(&out, "duration", v.buf);
	fact(&out, "working directory", r->run.cwd);
	strbuf_reset(&v);
	run_ending(r, attached, &v);
	fact(&out, "exit", v.buf);
	strbuf_reset(&v);
	if (r->run.options && argv_from_json(r->run.options, &v) < 0) {
		strbuf_reset(&v);
		strbuf_addstr(&v, r->run.options);	/* not a JSON array: as recorded */
	}
	fact(&out, "trace options", v.buf);
	strbuf_reset(&v);
	count_of(&v, (uint64_t)count_processes(r), "process", "processes");
	strbuf_addstr(&v, ", ");
	count_of(&v, (uint64_t)r->run.ntasks, "thread", "threads");
	strbuf_addstr(&v, " in all");
	fact(&out, "tasks", v.buf);
	strbuf_reset(&v);
	count_of(&v, r->ncalls, "syscall", "syscalls");
	strbuf_addf(&v, " (%llu failed, %llu unfinished), ", (unsigned long long)r->nerrors,
		    (unsigned long long)r->nunfinished);
	count_of(&v, r->marker_counts[TRACEDB_SIGNAL], "signal", "signals");
	strbuf_addstr(&v, ", ");
	count_of(&v, r->new_processes, "process started", "processes started");
	strbuf_addstr(&v, " (fork, vfork, clone), ");
	count_of(&v, r->new_threads, "thread started", "threads started");
	strbuf_addstr(&v, " (clone), ");
	count_of(&v, r->marker_counts[TRACEDB_EXEC], "exec", "execs");
	fact(&out, "events", v.buf);
	strbuf_addstr(&out, "</table></section>\n<section class=\"card\"><h2>Kernel and sources</h2>"
		      "<table class=\"facts\">\n");
	strbuf_reset(&v);
	strbuf_addf(&v, "Linux %s (%s)", r->run.kernel_release ? r->run.kernel_release : "?",
		    r->run.arch ? r->run.arch : "?");
	fact(&out, "traced on", v.buf);
	strbuf_reset(&v);
	if (lt)
		strbuf_addf(&v, "Linux %s %s%s%s", lt->version, lt->arch,
			    lt->root ? ", from " : " (shipped index)", lt->root ? lt->root : "");
	fact(&out, "kernel code shown", lt ? v.buf : "none: no index");
	report_current_fact(r, &out);
	strbuf_reset(&v);
	if (st)
		strbuf_addf(&v, "strace %s%s%s", st->version, st->root ? ", from " : "",
			    st->root ? st->root : "");
	fact(&out, "tracer code shown", st ? v.buf : "none: no strace tree indexed");
	fact(&out, "recorded by", r->run.tool_version);
	strbuf_reset(&v);
	strbuf_addstr(&v, "<a href=\"timeline.html\">open the timeline</a> — every call, "
		      "click one to follow its round trip; <a href=\"log.html\">the log</a> — "
		      "every call, signal, exec and exit in order, as strace prints them");
	fact_html(&out, "explore", v.buf);
	strbuf_addstr(&out, "</table></section>\n");
	report_observed_card(r, &out);
	strbuf_addstr(&out, "</div>\n");
	if (report_startup_section(r, &out) < 0)
		goto cleanup;

	strbuf_addstr(&out, "<section><h2>Processes and threads</h2>\n");
	if (report_task_graph(r, &out) < 0)
		goto cleanup;
	strbuf_addstr(&out, "</section>\n<section><h2>Syscall summary</h2>\n"
		      "<p class=\"muted\">Like <code>strace -c</code>: time is from each "
		      "syscall-enter stop to its syscall-exit stop, as the tracer saw it. "
		      "Click a column to sort, a name for its kernel path.</p>\n");
	report_summary_table(r, &out, "");
	strbuf_addstr(&out, "</section>\n");
	html_page_end(&out, &p);
	rc = report_write_file(r, "index.html", &out);
cleanup:
	strbuf_release(&out);
	strbuf_release(&cmd);
	strbuf_release(&v);
	return rc;
}

static int report_timeline(struct report *r)
{
	struct strbuf out = STRBUF_INIT;
	struct html_page p;
	int rc, k;

	page_begin(r, &out, "Timeline", "", "timeline", timeline_scripts, "timeline", &p);
	report_times_note(r, &out);
	strbuf_addstr(&out,
		"<section class=\"tl-controls\" aria-label=\"filter\">\n"
		"<input id=\"q\" type=\"search\" placeholder=\"filter: openat read · %file · pid:1234 · errno:ENOENT\" "
		"autocomplete=\"off\" spellcheck=\"false\">\n"
		"<select id=\"cls\" title=\"syscall class\"><option value=\"\">any class</option>\n");
	for (k = 0; k < REPORT_CLASSES; k++)
		strbuf_addf(&out, "<option value=\"%s\">%%%s</option>\n", report_class_names[k],
			    report_class_names[k]);
	strbuf_addstr(&out,
		"</select>\n<select id=\"pid\" title=\"process\"><option value=\"\">any process</option></select>\n"
		"<select id=\"errno\" title=\"result\"><option value=\"\">any result</option>"
		"<option value=\"any\">failed calls</option></select>\n"
		"<label class=\"chk\" title=\"show only the threads with a matching call\">"
		"<input id=\"hide\" type=\"checkbox\"> hide lanes without matches</label>\n"
		"<button id=\"zoom-in\" type=\"button\" title=\"zoom in (+)\">+</button>"
		"<button id=\"zoom-out\" type=\"button\" title=\"zoom out (-)\">−</button>"
		"<button id=\"zoom-reset\" type=\"button\" title=\"fit the events (0)\">fit</button>\n"
		"<button id=\"help-open\" type=\"button\" title=\"keys and mouse (?)\">?</button>\n"
		"<a id=\"to-log\" href=\"log.html\" title=\"the same calls as a strace-style log\">log</a>\n"
		"</section>\n<section class=\"tl-controls tl-lanes\" aria-label=\"lanes\">\n"
		"<label>lanes by <select id=\"sort\" title=\"order of the processes and threads\"></select></label>\n"
		"<button id=\"collapse-all\" type=\"button\" title=\"collapse every process (c)\">collapse all</button>"
		"<button id=\"expand-all\" type=\"button\" title=\"expand every process (e)\">expand all</button>\n"
		"<span id=\"tl-status\" class=\"muted\">loading…</span>\n</section>\n"
		"<div id=\"tl-wrap\" class=\"tl-wrap\"><div id=\"tl-scroll\" class=\"tl-scroll\">"
		"<canvas id=\"tl\" data-slices=\"0\" data-drawn=\"0\" data-loaded=\"0\"></canvas>"
		"<div id=\"tl-space\"></div></div>"
		"<div id=\"tl-tip\" class=\"tl-tip\" hidden></div></div>\n"
		"<section id=\"tl-results\" class=\"tl-results\" aria-label=\"matching calls\" hidden>\n"
		"<div class=\"tl-results-head\"><span id=\"tl-rcount\"></span>"
		"<button id=\"prev-match\" type=\"button\" title=\"previous match (N, Shift+Enter)\">◀ previous</button>"
		"<button id=\"next-match\" type=\"button\" title=\"next match (n, Enter)\">next ▶</button></div>\n"
		"<div class=\"tl-rrow tl-rhead\"><span class=\"seq\">#</span><span class=\"call\">call</span>"
		"<span class=\"task\">task</span><span class=\"time\">time</span><span class=\"res\">result</span></div>\n"
		"<div id=\"tl-rlist\" class=\"tl-rlist\" role=\"listbox\" tabindex=\"0\"><div id=\"tl-rspace\" class=\"tl-rspace\"></div></div>\n"
		"</section>\n"
		"<div id=\"tl-legend\" class=\"legend\" aria-label=\"colours and marks\"></div>\n"
		"<p class=\"muted legend\">Drag to pan, wheel to zoom, Shift+wheel to pan, wheel over the "
		"names or the scrollbar to scroll the lanes; click a process to collapse it, a call to "
		"open it; <kbd>?</kbd> lists every key.</p>\n"
		"<div id=\"tl-help\" class=\"tl-help\" role=\"dialog\" aria-label=\"keys and mouse\" tabindex=\"-1\" hidden>\n"
		"<h2>Keys and mouse</h2>\n<table class=\"keys\">\n"
		"<tr><th><kbd>?</kbd></th><td>show or hide this help (<kbd>Esc</kbd> hides it)</td></tr>\n"
		"<tr><th><kbd>+</kbd> <kbd>=</kbd> / <kbd>-</kbd></th><td>zoom in / out</td></tr>\n"
		"<tr><th><kbd>0</kbd></th><td>fit the events (the first view)</td></tr>\n"
		"<tr><th><kbd>←</kbd> <kbd>→</kbd></th><td>pan in time</td></tr>\n"
		"<tr><th><kbd>↑</kbd> <kbd>↓</kbd></th><td>scroll the lanes by one</td></tr>\n"
		"<tr><th><kbd>PageUp</kbd> <kbd>PageDown</kbd></th><td>scroll the lanes by a page</td></tr>\n"
		"<tr><th><kbd>Home</kbd> <kbd>End</kbd></th><td>the first / last lanes</td></tr>\n"
		"<tr><th><kbd>c</kbd> / <kbd>e</kbd></th><td>collapse / expand every process</td></tr>\n"
		"<tr><th><kbd>/</kbd></th><td>go to the filter</td></tr>\n"
		"<tr><th><kbd>Enter</kbd> <kbd>Shift+Enter</kbd></th><td>in the filter: next / previous match</td></tr>\n"
		"<tr><th><kbd>n</kbd> / <kbd>N</kbd></th><td>next / previous match</td></tr>\n"
		"<tr><th><kbd>Esc</kbd></th><td>in the filter: leave it, so these keys work</td></tr>\n"
		"<tr><th>drag</th><td>pan in time</td></tr>\n"
		"<tr><th>wheel</th><td>zoom at the pointer (over the names: scroll the lanes)</td></tr>\n"
		"<tr><th><kbd>Ctrl</kbd>+wheel, pinch</th><td>zoom at the pointer</td></tr>\n"
		"<tr><th><kbd>Shift</kbd>+wheel, sideways wheel</th><td>pan in time</td></tr>\n"
		"<tr><th><kbd>Alt</kbd>+wheel, scrollbar</th><td>scroll the lanes</td></tr>\n"
		"<tr><th>click a process</th><td>collapse or expand its threads</td></tr>\n"
		"<tr><th>click a call</th><td>open it: its line, registers and round trip</td></tr>\n"
		"<tr><th>click a match</th><td>show it: the time around it, its lane, the call opened</td></tr>\n"
		"</table>\n<h3>Filter</h3>\n<table class=\"keys\">\n"
		"<tr><th><code>openat read</code></th><td>calls named openat or read</td></tr>\n"
		"<tr><th><code>open*</code></th><td>calls whose name starts with open</td></tr>\n"
		"<tr><th><code>%file</code></th><td>calls of a syscall class</td></tr>\n"
		"<tr><th><code>pid:1234</code> <code>tid:1234</code></th><td>calls of a process, of a thread</td></tr>\n"
		"<tr><th><code>errno</code> <code>errno:ENOENT</code></th><td>failed calls, calls failing with one error</td></tr>\n"
		"</table>\n<p class=\"muted\">Words of one kind are alternatives; kinds combine: "
		"<code>read write errno</code> is the failed reads and writes.</p>\n"
		"<button id=\"help-close\" type=\"button\">close</button>\n</div>\n"
		"<section id=\"event\" class=\"event\" hidden>\n"
		"<h2 id=\"ev-title\"></h2>\n<pre id=\"ev-line\" class=\"strace-line\"></pre>\n"
		"<div class=\"ev-grid\"><div><h3>Registers</h3><table id=\"ev-regs\" class=\"regs\"></table></div>\n"
		"<div><h3>At the stops</h3><table id=\"ev-facts\" class=\"facts\"></table></div></div>\n"
		"<h3>Round trip</h3>\n<p class=\"muted\">Tracee, kernel and tracer, from the "
		"syscall instruction back to user space. Every name is a link to its source line; "
		"a step the index lacks is marked missing.</p>\n"
		"<div class=\"rt-grid\"><div id=\"ev-graph\" class=\"graph\"></div>\n"
		"<ol id=\"ev-steps\" class=\"steps\"></ol></div>\n"
		"<div id=\"ev-current\" class=\"current\"></div>\n"
		"<div id=\"ev-tree\" class=\"calltree\"></div>\n"
		"<div id=\"ev-observed\" class=\"observed\"></div>\n"
		"<div id=\"ev-waited\" class=\"waited\"></div>\n"
		"</section>\n");
	html_page_end(&out, &p);
	rc = report_write_file(r, "timeline.html", &out);
	strbuf_release(&out);
	return rc;
}

/*
 * log.html: the whole trace in order, one line per call, signal, exec and
 * exit, as strace -f prints it.  The lines are drawn by assets/log.js
 * from the timeline's data files, only those in view.
 */
static int report_log(struct report *r)
{
	struct strbuf out = STRBUF_INIT;
	struct html_page p;
	int rc;

	page_begin(r, &out, "Log", "", "log", log_scripts, "log", &p);
	report_times_note(r, &out);
	strbuf_addstr(&out,
		"<section class=\"tl-controls\" aria-label=\"filter\">\n"
		"<input id=\"q\" type=\"search\" placeholder=\"filter: openat read · %file · pid:1234 · errno:ENOENT\" "
		"autocomplete=\"off\" spellcheck=\"false\">\n"
		"<label>times <select id=\"tfmt\" title=\"how times are printed, as strace's options\">"
		"<option value=\"tt\">-tt</option><option value=\"t\">-t</option>"
		"<option value=\"ttt\">-ttt</option><option value=\"r\">-r</option>"
		"<option value=\"none\">none</option></select></label>\n"
		"<label class=\"chk\" title=\"the time spent in each call, as strace -T\">"
		"<input id=\"durs\" type=\"checkbox\" checked> -T</label>\n"
		"<a href=\"timeline.html\" title=\"the same calls on the timeline\">timeline</a>\n"
		"<span id=\"log-status\" class=\"muted\">loading…</span>\n</section>\n"
		"<div id=\"log-view\" class=\"log-view\" tabindex=\"0\" role=\"list\" aria-label=\"log\" "
		"data-loaded=\"0\" data-rows=\"0\"><div id=\"log-space\" class=\"log-space\">"
		"<div id=\"log-rows\" class=\"log-rows\"></div></div></div>\n"
		"<p class=\"muted legend\">Every call, signal, exec and exit in the order they "
		"happened; each thread has its colour and, as with <code>strace -f</code>, its "
		"<code>[pid N]</code>. A call is one line at its start, with what it returned and "
		"(<code>-T</code>) how long it took. Click a call to open its round trip on the "
		"timeline. <kbd>/</kbd> goes to the filter; <kbd>PageUp</kbd> <kbd>PageDown</kbd> "
		"<kbd>Home</kbd> <kbd>End</kbd> scroll.</p>\n"
		"<table class=\"keys legend\">\n"
		"<tr><th><code>openat read</code></th><td>calls named openat or read</td></tr>\n"
		"<tr><th><code>open*</code></th><td>calls whose name starts with open</td></tr>\n"
		"<tr><th><code>%file</code></th><td>calls of a syscall class</td></tr>\n"
		"<tr><th><code>pid:1234</code> <code>tid:1234</code></th><td>the lines of a process, "
		"of a thread (with its signals, execs and exit)</td></tr>\n"
		"<tr><th><code>errno</code> <code>errno:ENOENT</code></th><td>failed calls, calls "
		"failing with one error</td></tr>\n"
		"</table>\n");
	html_page_end(&out, &p);
	rc = report_write_file(r, "log.html", &out);
	strbuf_release(&out);
	return rc;
}

static int report_syscall_page(struct report *r, int sci)
{
	const struct report_sc *sc = &r->scs[sci];
	const struct ix_syscall *asc = sc->isc;
	struct strbuf out = STRBUF_INIT, name = STRBUF_INIT, url = STRBUF_INIT, v = STRBUF_INIT;
	struct html_page p;
	uint64_t done = sc->timed;
	int rc = -1, k, rt;

	for (rt = 0; rt < r->nrts && r->rts[rt].sc != sci; rt++)
		;
	page_begin(r, &out, sc->name, "../", "syscalls", syscall_scripts, "syscall", &p);
	strbuf_addstr(&out, "<h1><code>");
	html_text(&out, sc->name);
	strbuf_addf(&out, "</code> <span class=\"tag\">nr %ld%s", sc->nr, sc->abi ? " · " : "");
	if (sc->abi)
		html_text(&out, sc->abi);
	strbuf_addstr(&out, "</span></h1>\n<div class=\"cards\"><section class=\"card\"><h2>Kernel</h2>"
		      "<table class=\"facts\">\n");
	if (asc && asc->definition.id) {
		strbuf_reset(&v);
		ix_symbol_where(&asc->definition, 0, &v);
		strbuf_reset(&url);
		ix_url(&r->links, &r->ix.kernel, asc->definition.file, asc->definition.line, &url);
		strbuf_addstr(&out, "<tr><th>definition</th><td>");
		html_link(&out, url.len ? url.buf : NULL, v.buf, NULL);
		strbuf_addstr(&out, "</td></tr>\n");
		if (asc->definition.signature) {
			strbuf_addstr(&out, "<tr><th>signature</th><td><code>");
			html_text(&out, asc->definition.signature);
			strbuf_addstr(&out, "</code></td></tr>\n");
		}
	} else {
		strbuf_reset(&v);
		report_sc_missing_label(r, sc, 1, &v);
		strbuf_addf(&out, "<tr><th>definition</th><td><span class=\"missing%s\">",
			    sc->added_after ? " added-after" : "");
		html_text(&out, v.buf);
		strbuf_addstr(&out, "</span></td></tr>\n");
	}
	fact(&out, "entry point", asc ? asc->entry_point : NULL);
	if (asc && asc->status && strcmp(asc->status, "implemented")) {
		strbuf_reset(&v);
		strbuf_addf(&v, "%s%s%s", asc->status, asc->reason ? ": " : "",
			    asc->reason ? asc->reason : "");
		fact(&out, "status", v.buf);
	}
	strbuf_addstr(&out, "</table></section>\n<section class=\"card\"><h2>strace</h2>"
		      "<table class=\"facts\">\n<tr><th>decoder</th><td>");
	if (asc && asc->decoder.id) {
		strbuf_reset(&v);
		if (strncmp(asc->decoder.name, "SYS_FUNC", 8))
			strbuf_addf(&v, "SYS_FUNC(%s) — ", asc->decoder.name);
		else
			strbuf_addf(&v, "%s — ", asc->decoder.name);
		ix_symbol_where(&asc->decoder, 0, &v);
		strbuf_reset(&url);
		ix_url(&r->links, &r->ix.strace, asc->decoder.file, asc->decoder.line, &url);
		html_link(&out, url.len ? url.buf : NULL, v.buf, NULL);
	} else {
		strbuf_addstr(&out, "<span class=\"missing\">not in the index</span>");
	}
	strbuf_addstr(&out, "</td></tr>\n");
	fact(&out, "flags", asc ? asc->strace_flags : NULL);
	strbuf_reset(&v);
	for (k = 0; k < REPORT_CLASSES; k++)
		if (sc->classes & (1u << k))
			strbuf_addf(&v, "%s%%%s", v.len ? " " : "", report_class_names[k]);
	fact(&out, "classes", v.buf);
	strbuf_addstr(&out, "</table></section>\n<section class=\"card\"><h2>In this trace</h2>"
		      "<table class=\"facts\">\n");
	strbuf_reset(&v);
	strbuf_addf(&v, "%llu (%llu failed, %llu unfinished)", (unsigned long long)sc->calls,
		    (unsigned long long)sc->errors, (unsigned long long)sc->unfinished);
	fact(&out, "calls", v.buf);
	strbuf_reset(&v);
	fmt_ns(&v, sc->total_ns);
	fact(&out, "total time", v.buf);
	strbuf_reset(&v);
	fmt_ns(&v, done ? sc->total_ns / (int64_t)done : 0);
	fact(&out, "mean", v.buf);
	strbuf_reset(&v);
	fmt_ns(&v, sc->max_ns);
	fact(&out, "longest", v.buf);
	strbuf_addstr(&out, "</table></section></div>\n");

	/* the round trip of its first shape, drawn by the page (syscall.js)
	 * from data/rt-N.js: the path, the stacks, the call tree, the
	 * current kernel */
	if (rt < r->nrts) {
		strbuf_addf(&out, "<section id=\"sc-rt\" data-rt=\"%d\"><h2>Path through the "
			    "kernel and the tracer</h2>\n<p class=\"muted\">A call of ", rt);
		html_text(&out, sc->name);
		strbuf_addstr(&out, " from the syscall instruction back to user space: the entry to "
			      "the ptrace hook, strace's wait, reads and decoder, the dispatch to "
			      "the definition, and the exit through the hook again.  Every name "
			      "links to its source line.</p>\n<div class=\"rt-grid\"><div "
			      "id=\"sc-graph\" class=\"graph drawn\"></div>\n<ol id=\"sc-steps\" "
			      "class=\"steps\"></ol></div>\n<div id=\"sc-observed\"></div>\n"
			      "<div id=\"sc-current\"></div>\n<div id=\"sc-tree\" "
			      "class=\"calltree\"></div>\n<noscript><p class=\"note\">The round "
			      "trip is drawn by the page's script.</p></noscript>\n</section>\n");
	}
	if (report_observed_sc_section(r, sci, &out) < 0)
		goto cleanup;
	strbuf_addstr(&out, "<section><h2>Every occurrence</h2>\n");
	strbuf_reset(&url);
	strbuf_addstr(&url, "../timeline.html#q=");
	escape_url_path_str(&url, sc->name);
	if (sc->listed < sc->calls) {
		strbuf_addf(&out, "<p class=\"muted\">The first %llu of %llu calls; ",
			    (unsigned long long)sc->listed, (unsigned long long)sc->calls);
		html_link(&out, url.buf, "the timeline filtered by name", NULL);
		strbuf_addstr(&out, " has them all.</p>\n");
	} else {
		strbuf_addstr(&out, "<p class=\"muted\">Click a number to open the call in the ");
		html_link(&out, url.buf, "timeline", NULL);
		strbuf_addstr(&out, ".</p>\n");
	}
	strbuf_addstr(&out, "<table class=\"occ sortable\"><thead><tr><th data-type=\"num\">seq</th>"
		      "<th data-type=\"num\">tid</th><th data-type=\"num\">at</th>"
		      "<th data-type=\"num\">duration</th><th data-type=\"text\">call</th></tr></thead>\n<tbody>\n");
	strbuf_add(&out, sc->occ.buf, sc->occ.len);
	strbuf_addstr(&out, "</tbody></table>\n</section>\n");
	html_page_end(&out, &p);
	strbuf_addf(&name, "syscalls/%s.html", sc->stem);
	rc = report_write_file(r, name.buf, &out);
cleanup:
	strbuf_release(&out);
	strbuf_release(&name);
	strbuf_release(&url);
	strbuf_release(&v);
	return rc;
}

static int report_kernel_page(struct report *r)
{
	struct strbuf out = STRBUF_INIT;
	struct html_page p;
	int rc = -1;

	page_begin(r, &out, "The running kernel", "", "kernel", page_scripts, "kernel", &p);
	if (report_observed_page(r, &out) < 0)
		goto cleanup;
	html_page_end(&out, &p);
	rc = report_write_file(r, "kernel.html", &out);
cleanup:
	strbuf_release(&out);
	return rc;
}

static int report_syscall_index(struct report *r)
{
	struct strbuf out = STRBUF_INIT;
	struct html_page p;
	int rc;

	page_begin(r, &out, "Syscalls", "../", "syscalls", page_scripts, "syscalls", &p);
	strbuf_addstr(&out, "<h1>Syscalls in this trace</h1>\n<p class=\"muted\">Each name "
		      "opens its page: kernel definition, path, strace decoder and every "
		      "occurrence.</p>\n");
	report_summary_table(r, &out, "../");
	html_page_end(&out, &p);
	rc = report_write_file(r, "syscalls/index.html", &out);
	strbuf_release(&out);
	return rc;
}

int report_pages_write(struct report *r)
{
	int i;

	if (report_overview(r) < 0 || report_timeline(r) < 0 || report_log(r) < 0 ||
	    report_syscall_index(r) < 0 || report_kernel_page(r) < 0 ||
	    report_observed_data(r) < 0 || report_current_data(r) < 0)
		return -1;
	for (i = 0; i < r->nscs; i++)
		if (report_syscall_page(r, i) < 0)
			return -1;
	return 0;
}
