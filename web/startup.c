/*
 * How tracing starts (startup.h): the steps as data, their rows from the
 * index, and the story drawn as a swimlane or written as text.
 */
#include <linux/ptrace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "startup.h"

struct startup_row {
	struct strbuf text, where, url, note, note_url;
	int plain;			/* shown as text: not a link, not missing */
	int missing;			/* the index lacks it */
};

struct startup_node {
	int lane;			/* STARTUP_LANE_* */
	struct strbuf title;
	struct startup_row *rows;
	int nrows, arows;
	int alt;			/* strace's other way, not taken by this run */
	int same_row;			/* beside the previous node */
};

enum { STARTUP_LANE_TRACEE, STARTUP_LANE_KERNEL, STARTUP_LANE_TRACER, STARTUP_LANES };

static const char *const lane_ids[STARTUP_LANES] = { "tracee", "kernel", "tracer" };
static const char *const lane_heads[STARTUP_LANES] = {
	"TRACEE\nthe command", "KERNEL", "TRACER\nsysatlas, beside strace's code",
};

/*
 * The steps, in order.  Each names who acts, what sysatlas's own code
 * does (no link: sysatlas's tree is not indexed), strace's path for the
 * same step (shown from the function the story starts in), and the
 * kernel's side: the first of kernel_paths the index has, or the
 * definition of kernel_syscall.
 */
static const struct startup_step {
	enum startup_how how;
	int alt;
	int lane;
	const char *title;
	const char *sysatlas;
	const char *strace_path, *strace_from;
	const char *kernel_title;
	const char *kernel_paths[2];
	const char *kernel_syscall;
} startup_steps[] = {
	{ STARTUP_LAUNCH, 0, STARTUP_LANE_TRACER, "the tracer forks: fork()",
	  "sysatlas: engine_launch(), tracer/launch.c",
	  "strace-startup", "startup_child",
	  "clone(): the child, a copy of the tracer", { NULL }, "clone" },
	{ STARTUP_LAUNCH, 1, STARTUP_LANE_TRACEE, "or: the child asks to be traced: ptrace(PTRACE_TRACEME)",
	  "strace's way when PTRACE_SEIZE fails (kernels before 3.4); not this one's",
	  "strace-traceme", "exec_or_die",
	  "ptrace_traceme() marks it PT_PTRACED", { "ptrace-traceme" }, NULL },
	{ STARTUP_LAUNCH, 0, STARTUP_LANE_TRACEE, "the child stops itself: kill(getpid(), SIGSTOP)",
	  "sysatlas: engine_child(), tracer/launch.c",
	  "strace-self-stop", "exec_or_die",
	  "kill(): the child is group-stopped", { NULL }, "kill" },
	{ STARTUP_LAUNCH, 0, STARTUP_LANE_TRACER, "the tracer seizes it: ptrace(PTRACE_SEIZE, pid, 0, options)",
	  "sysatlas: engine_launch(), after waitpid() saw the stop",
	  "strace-attach", "startup_child",
	  "ptrace_attach() marks it PT_PTRACED (and PT_SEIZED)",
	  { "ptrace-seize", "ptrace-attach" }, NULL },
	{ STARTUP_LAUNCH, 0, STARTUP_LANE_TRACER, "the tracer ends the self-stop: kill(pid, SIGCONT)",
	  "sysatlas: engine_launch()",
	  "strace-resume-child", "startup_child",
	  "kill(): SIGCONT wakes the child", { NULL }, "kill" },
	{ STARTUP_LAUNCH, 0, STARTUP_LANE_TRACEE, "the child execs the command: execve()",
	  "sysatlas: execv() in engine_child()",
	  "strace-exec", "startup_child",
	  "execve(), now traced: it stops on the way in", { NULL }, "execve" },
	{ STARTUP_ATTACH, 0, STARTUP_LANE_TRACER, "the tracer seizes the thread: ptrace(PTRACE_SEIZE, tid, 0, options)",
	  "sysatlas: engine_seize(), tracer/launch.c",
	  "strace-attach", "ptrace_attach_or_seize",
	  "ptrace_attach() marks it PT_PTRACED (and PT_SEIZED)",
	  { "ptrace-seize", "ptrace-attach" }, NULL },
	{ STARTUP_ATTACH, 0, STARTUP_LANE_TRACER, "and stops it: ptrace(PTRACE_INTERRUPT, tid)",
	  "sysatlas: engine_seize(), tracer/launch.c",
	  "strace-attach", "ptrace_attach_or_seize",
	  "the PTRACE_INTERRUPT case: a trap at the next chance", { "ptrace-interrupt" }, NULL },
};

/* The kernel path of a stop by event.kind (docs/schema.md), shown from `from`. */
static const struct {
	const char *kind, *path, *from, *what;
} stop_paths[] = {
	{ "enter", "syscall-enter", "syscall_trace_enter", "a syscall-enter stop" },
	{ "exit", "syscall-exit", "syscall_slow_exit_work", "a syscall-exit stop" },
	{ "exec", "stop-exec", "exec_binprm", "the exec event stop (PTRACE_EVENT_EXEC)" },
	{ "signal", "stop-signal", "get_signal", "a signal-delivery stop" },
	{ "stop", "stop-group", "get_signal", "a group-stop" },
	{ "exited", "exit-notify", "do_exit", "its exit" },
	{ "fork", "stop-fork", NULL, "a fork event stop (PTRACE_EVENT_FORK)" },
	{ "vfork", "stop-fork", NULL, "a vfork event stop (PTRACE_EVENT_VFORK)" },
	{ "clone", "stop-fork", NULL, "a clone event stop (PTRACE_EVENT_CLONE)" },
};

static const struct {
	uint64_t bit;
	const char *name;
} ptrace_options[] = {
	{ PTRACE_O_TRACESYSGOOD, "PTRACE_O_TRACESYSGOOD" },
	{ PTRACE_O_TRACEFORK, "PTRACE_O_TRACEFORK" },
	{ PTRACE_O_TRACEVFORK, "PTRACE_O_TRACEVFORK" },
	{ PTRACE_O_TRACECLONE, "PTRACE_O_TRACECLONE" },
	{ PTRACE_O_TRACEEXEC, "PTRACE_O_TRACEEXEC" },
	{ PTRACE_O_TRACEVFORKDONE, "PTRACE_O_TRACEVFORKDONE" },
	{ PTRACE_O_TRACEEXIT, "PTRACE_O_TRACEEXIT" },
	{ PTRACE_O_TRACESECCOMP, "PTRACE_O_TRACESECCOMP" },
	{ PTRACE_O_EXITKILL, "PTRACE_O_EXITKILL" },
	{ PTRACE_O_SUSPEND_SECCOMP, "PTRACE_O_SUSPEND_SECCOMP" },
};

void startup_options_names(struct strbuf *out, uint64_t options)
{
	size_t i;
	int n = 0;

	for (i = 0; i < sizeof(ptrace_options) / sizeof(ptrace_options[0]); i++)
		if (options & ptrace_options[i].bit) {
			strbuf_addf(out, "%s%s", n++ ? "|" : "", ptrace_options[i].name);
			options &= ~ptrace_options[i].bit;
		}
	if (options)
		strbuf_addf(out, "%s%#llx", n++ ? "|" : "", (unsigned long long)options);
	if (!n)
		strbuf_addch(out, '0');
}

/* ---- the story ----------------------------------------------------------- */

static struct startup_node *node_new(struct startup_story *s, int lane, const char *title,
				     int alt, int same_row)
{
	struct startup_node *n;

	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->nodes = xrealloc(s->nodes, s->alloc * sizeof(*s->nodes));
	}
	n = &s->nodes[s->n++];
	memset(n, 0, sizeof(*n));
	n->lane = lane;
	strbuf_init(&n->title, 0);
	strbuf_addstr(&n->title, title);
	n->alt = alt;
	n->same_row = same_row;
	return n;
}

static struct startup_row *row_new(struct startup_node *n)
{
	struct startup_row *w;

	if (n->nrows == n->arows) {
		n->arows = n->arows ? 2 * n->arows : 4;
		n->rows = xrealloc(n->rows, n->arows * sizeof(*n->rows));
	}
	w = &n->rows[n->nrows++];
	memset(w, 0, sizeof(*w));
	strbuf_init(&w->text, 0);
	strbuf_init(&w->where, 0);
	strbuf_init(&w->url, 0);
	strbuf_init(&w->note, 0);
	strbuf_init(&w->note_url, 0);
	return w;
}

static void row_plain(struct startup_node *n, const char *text)
{
	struct startup_row *w = row_new(n);

	strbuf_addstr(&w->text, text);
	w->plain = 1;
}

static void row_missing(struct startup_node *n, const char *what, const char *name)
{
	struct startup_row *w = row_new(n);

	strbuf_addf(&w->text, "%s %s: not in this index", what, name);
	w->missing = 1;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/* A row for sym of tree: its own line, and the line calling the next step. */
static void row_symbol(struct startup_node *n, const struct links *links,
		       const struct ix_tree *tree, const struct ix_symbol *sym, int64_t call_line)
{
	struct startup_row *w = row_new(n);
	const char *note = ix_kind_note(sym->kind);

	strbuf_addstr(&w->text, sym->name ? sym->name : "?");
	if (!sym->file) {
		/* called, not defined in the indexed tree (libc's fork, ptrace) */
		strbuf_addstr(&w->text, "() — libc, outside the indexed tree");
		w->plain = 1;
		return;
	}
	if (note)
		strbuf_addf(&w->text, " (%s)", note);
	ix_symbol_where(sym, 0, &w->where);
	if (ix_url(links, tree, sym->file, sym->line, &w->url) < 0)
		w->missing = 1;
	if (call_line > 0) {
		strbuf_addf(&w->note, "%s:%lld", base_name(sym->file), (long long)call_line);
		ix_url(links, tree, sym->file, call_line, &w->note_url);
	}
}

/*
 * Rows for the index's path name, from its step named from (all steps
 * when none is).  1 when the index has the path, 0 when not, -1 on error.
 */
static int rows_path(struct startup_node *n, struct ix *ix, const struct links *links,
		     const char *name, const char *from)
{
	const struct ix_tree *tree = ix_path_tree(ix, name);
	struct ix_path p;
	size_t i, start = 0;

	if (!tree || !tree->id)
		return 0;
	if (ix_path_load(ix, tree->id, name, &p) < 0)
		return -1;
	if (!p.nr_steps) {
		ix_path_release(&p);
		return 0;
	}
	for (i = 0; from && i < p.nr_steps; i++)
		if (p.steps[i].sym.name && !strcmp(p.steps[i].sym.name, from)) {
			start = i;
			break;
		}
	for (i = start; i < p.nr_steps; i++)
		row_symbol(n, links, tree, &p.steps[i].sym, p.steps[i].call_line);
	ix_path_release(&p);
	return 1;
}

/* The row of syscall name's definition.  0, or -1 on error. */
static int rows_syscall(struct startup_node *n, struct ix *ix, const struct links *links,
			const char *name)
{
	struct ix_syscall_list list = { 0 };
	size_t i;
	int r = ix_syscall_find(ix, name, &list);

	if (r < 0)
		return -1;
	for (i = 0; i < list.nr; i++)
		if (list.items[i].definition.id) {
			row_symbol(n, links, &ix->kernel, &list.items[i].definition, 0);
			break;
		}
	if (i == list.nr)
		row_missing(n, "the definition of", name);
	ix_syscall_list_release(&list);
	return 0;
}

/* Rows for the kernel's side of a step. 0 or -1. */
static int rows_kernel(struct startup_node *n, struct ix *ix, const struct links *links,
		       const struct startup_step *st)
{
	int k, r;

	if (st->kernel_syscall)
		return rows_syscall(n, ix, links, st->kernel_syscall);
	for (k = 0; k < 2 && st->kernel_paths[k]; k++) {
		r = rows_path(n, ix, links, st->kernel_paths[k], NULL);
		if (r)
			return r < 0 ? -1 : 0;
	}
	row_missing(n, "the path", st->kernel_paths[0]);
	return 0;
}

/* The actor's node and the kernel's node of one step. 0 or -1. */
static int add_step(struct startup_story *s, struct ix *ix, const struct links *links,
		    const struct startup_step *st, const char *title, const struct startup_run *run)
{
	struct startup_node *n = node_new(s, st->lane, title, st->alt, 0);
	int r;

	if (st->sysatlas)
		row_plain(n, st->sysatlas);
	if (run && run->has_options && strstr(st->title, "PTRACE_SEIZE")) {
		struct strbuf o = STRBUF_INIT;
		const char *p, *bar;
		int k = 0;

		/* the options three to a row */
		startup_options_names(&o, run->options);
		for (p = o.buf; *p; p = *bar ? bar + 1 : bar, k++) {
			struct strbuf part = STRBUF_INIT;
			int m;

			for (bar = p, m = 0; *bar && (*bar != '|' || ++m < 3); bar++)
				;
			strbuf_addstr(&part, k ? "  " : "options: ");
			strbuf_add(&part, p, (size_t)(bar - p));
			row_plain(n, part.buf);
			strbuf_release(&part);
		}
		strbuf_release(&o);
	}
	r = rows_path(n, ix, links, st->strace_path, st->strace_from);
	if (r < 0)
		return -1;
	if (!r)
		row_missing(n, "strace's path", st->strace_path);
	n = node_new(s, STARTUP_LANE_KERNEL, st->kernel_title, st->alt, 1);
	return rows_kernel(n, ix, links, st);
}

/*
 * A stop the task reported: the event (linked to it in the timeline when
 * the run has one) and the kernel's path to it.  0 or -1.
 */
static int add_stop(struct startup_story *s, struct ix *ix, const struct links *links,
		    const char *title, const struct startup_event *ev, const char *kind,
		    const struct startup_run *run, int same_row)
{
	struct startup_node *n;
	struct strbuf t = STRBUF_INIT;
	size_t k;
	int r = 0;

	for (k = 0; k < sizeof(stop_paths) / sizeof(stop_paths[0]); k++)
		if (!strcmp(stop_paths[k].kind, kind))
			break;
	n = node_new(s, STARTUP_LANE_KERNEL, title, 0, same_row);
	if (k < sizeof(stop_paths) / sizeof(stop_paths[0]))
		row_plain(n, stop_paths[k].what);
	if (ev && ev->seq > 0) {
		struct startup_row *w = row_new(n);
		const char *text = ev->text ? ev->text : ev->name ? ev->name : ev->kind;
		size_t len = strlen(text), cut = len > 56 ? 56 : len;

		while (cut < len && cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;		/* not inside a UTF-8 sequence */
		strbuf_addf(&w->text, "#%lld ", (long long)ev->seq);
		strbuf_add(&w->text, text, cut);
		if (cut < len)
			strbuf_addstr(&w->text, "…");
		strbuf_addf(&w->where, "event %lld of this trace", (long long)ev->seq);
		if (run && run->event_href)
			strbuf_addf(&w->url, "%s%lld", run->event_href, (long long)ev->seq);
		else
			w->plain = 1;
	}
	if (k < sizeof(stop_paths) / sizeof(stop_paths[0])) {
		r = rows_path(n, ix, links, stop_paths[k].path, stop_paths[k].from);
		if (r == 0)
			row_missing(n, "the path", stop_paths[k].path);
	} else {
		strbuf_reset(&t);
		strbuf_addf(&t, "a %s event: its kernel path is not drawn here", kind);
		row_plain(n, t.buf);
	}
	strbuf_release(&t);
	return r < 0 ? -1 : 0;
}

/* The tracer's wait4() that returns a stop, beside it. 0 or -1. */
static int add_wait(struct startup_story *s, struct ix *ix, const struct links *links)
{
	struct startup_node *n = node_new(s, STARTUP_LANE_TRACER,
					  "the tracer's wait4() returns it", 0, 1);
	int r;

	row_plain(n, "sysatlas: engine_run(), tracer/engine.c");
	r = rows_path(n, ix, links, "strace-wait", "next_event");
	if (!r)
		row_missing(n, "strace's path", "strace-wait");
	return r < 0 ? -1 : 0;
}

static int build_launch(struct startup_story *s, struct ix *ix, const struct links *links,
			const struct startup_run *run)
{
	const struct startup_event *first = run && run->nthreads ? &run->first[0] : NULL;
	size_t i;
	int step = 0;

	for (i = 0; i < sizeof(startup_steps) / sizeof(startup_steps[0]); i++) {
		const struct startup_step *st = &startup_steps[i];
		struct strbuf t = STRBUF_INIT;
		int rc;

		if (st->how != STARTUP_LAUNCH)
			continue;
		if (st->alt)
			strbuf_addstr(&t, st->title);
		else
			strbuf_addf(&t, "%d. %s", ++step, st->title);
		rc = add_step(s, ix, links, st, t.buf, run);
		strbuf_release(&t);
		if (rc < 0)
			return -1;
	}
	if (first && first->seq > 0) {
		if (add_stop(s, ix, links, "the first stop", first, first->kind, run, 0) < 0 ||
		    add_wait(s, ix, links) < 0)
			return -1;
	} else if (!run) {
		if (add_stop(s, ix, links, "the first stop, at execve's way in", NULL, "enter", run, 0) < 0 ||
		    add_wait(s, ix, links) < 0)
			return -1;
	}
	if (run && run->exec.seq > 0 && (!first || run->exec.seq != first->seq))
		return add_stop(s, ix, links, "then the exec event", &run->exec, "exec", run, 0);
	if (!run)
		return add_stop(s, ix, links, "then the exec event", NULL, "exec", run, 0);
	return 0;
}

static int build_attach(struct startup_story *s, struct ix *ix, const struct links *links,
			const struct startup_run *run)
{
	int t, nt = run ? (run->nthreads < STARTUP_THREADS ? run->nthreads : STARTUP_THREADS) : 1;
	size_t i;

	for (t = 0; t < nt; t++) {
		for (i = 0; i < sizeof(startup_steps) / sizeof(startup_steps[0]); i++) {
			const struct startup_step *st = &startup_steps[i];
			struct strbuf title = STRBUF_INIT;
			int rc;

			if (st->how != STARTUP_ATTACH)
				continue;
			if (run)
				strbuf_addf(&title, "tid %lld: %s", (long long)run->tids[t], st->title);
			else
				strbuf_addf(&title, "each thread: %s", st->title);
			rc = add_step(s, ix, links, st, title.buf, run);
			strbuf_release(&title);
			if (rc < 0)
				return -1;
		}
		if (run && run->first[t].seq > 0) {
			struct strbuf title = STRBUF_INIT;
			int rc;

			strbuf_addf(&title, "tid %lld: the first stop recorded", (long long)run->tids[t]);
			rc = add_stop(s, ix, links, title.buf, &run->first[t], run->first[t].kind,
				      run, 0);
			strbuf_release(&title);
			if (rc < 0)
				return -1;
		} else if (!run && add_stop(s, ix, links, "the interrupt's stop", NULL, "stop",
					    run, 0) < 0) {
			return -1;
		}
	}
	if (run && run->nthreads > nt) {
		struct startup_node *n = node_new(s, STARTUP_LANE_TRACER, "and the other threads", 0, 0);
		struct strbuf t2 = STRBUF_INIT;

		strbuf_addf(&t2, "%d more threads, each seized and interrupted the same way",
			    run->nthreads - nt);
		row_plain(n, t2.buf);
		strbuf_release(&t2);
	}
	return 0;
}

int startup_story_build(struct startup_story *s, struct ix *ix, const struct links *links,
			enum startup_how how, const struct startup_run *run)
{
	static const struct links github;	/* the index's own templates */
	int rc;

	memset(s, 0, sizeof(*s));
	s->how = how;
	if (!links)
		links = &github;
	rc = how == STARTUP_LAUNCH ? build_launch(s, ix, links, run)
				   : build_attach(s, ix, links, run);
	if (rc < 0)
		startup_story_release(s);
	return rc;
}

void startup_story_release(struct startup_story *s)
{
	int i, j;

	for (i = 0; i < s->n; i++) {
		struct startup_node *n = &s->nodes[i];

		for (j = 0; j < n->nrows; j++) {
			strbuf_release(&n->rows[j].text);
			strbuf_release(&n->rows[j].where);
			strbuf_release(&n->rows[j].url);
			strbuf_release(&n->rows[j].note);
			strbuf_release(&n->rows[j].note_url);
		}
		free(n->rows);
		strbuf_release(&n->title);
	}
	free(s->nodes);
	memset(s, 0, sizeof(*s));
}

/* ---- the swimlane -------------------------------------------------------- */

struct lanes {
	struct graph *g;
	const char *prefix;
	char last[STARTUP_LANES][40];	/* last node id in each lane column */
	int row;
};

static void node_id(char *buf, size_t size, const char *prefix, const char *what, int i)
{
	snprintf(buf, size, "%s%s%d", prefix, what, i);
}

/* Put ids[l] (NULL: an invisible placeholder) on one rank, each in its lane. */
static int lanes_row(struct lanes *ls, char ids[STARTUP_LANES][40])
{
	const char *row[STARTUP_LANES];
	int l;

	for (l = 0; l < STARTUP_LANES; l++) {
		if (!ids[l][0]) {
			struct graph_attrs pa = { .shape = "point", .style = "invis",
						  .group = lane_ids[l] };
			char pid[40];

			snprintf(pid, sizeof(pid), "%sr%dl%d", ls->prefix, ls->row, l);
			memcpy(ids[l], pid, sizeof(pid));
			if (web_graph_node_add(ls->g, NULL, ids[l], &pa) < 0 ||
			    web_graph_node_set(ls->g, ids[l], "width", "0") < 0 ||
			    web_graph_node_set(ls->g, ids[l], "height", "0") < 0)
				return -1;
		} else if (web_graph_node_set(ls->g, ids[l], "group", lane_ids[l]) < 0) {
			return -1;
		}
		row[l] = ids[l];
		if (ls->last[l][0]) {
			struct graph_attrs ia = { .style = "invis", .weight = 8 };

			if (web_graph_edge_add(ls->g, ls->last[l], ids[l], &ia) < 0)
				return -1;
		}
		memcpy(ls->last[l], ids[l], sizeof(ls->last[l]));
	}
	ls->row++;
	return web_graph_rank_same(ls->g, row, STARTUP_LANES);
}

static int lanes_heads(struct lanes *ls)
{
	char ids[STARTUP_LANES][40];
	int l;

	for (l = 0; l < STARTUP_LANES; l++) {
		struct graph_attrs a = { .shape = "plaintext", .style = "solid",
					 .klass = "lane-head", .label = lane_heads[l] };

		node_id(ids[l], sizeof(ids[l]), ls->prefix, "h", l);
		if (web_graph_node_add(ls->g, NULL, ids[l], &a) < 0 ||
		    web_graph_node_set(ls->g, ids[l], "fontsize", "12") < 0 ||
		    web_graph_node_set(ls->g, ids[l], "fontcolor", "#59636e") < 0)
			return -1;
	}
	return lanes_row(ls, ids);
}

static int add_node(struct lanes *ls, const struct startup_node *n, const char *id)
{
	static const char *const colors[STARTUP_LANES] = { "#eef6ee", "#eef3fb", "#fbf5e9" };
	struct graph_row *gr = xcalloc(n->nrows ? n->nrows : 1, sizeof(*gr));
	int i, rc;

	for (i = 0; i < n->nrows; i++) {
		const struct startup_row *w = &n->rows[i];

		gr[i].text = w->text.buf;
		gr[i].href = w->missing || w->plain || !w->url.len ? NULL : w->url.buf;
		gr[i].tooltip = w->where.len ? w->where.buf : NULL;
		gr[i].note = w->note.len ? w->note.buf : NULL;
		gr[i].note_href = w->note_url.len ? w->note_url.buf : NULL;
		gr[i].plain = w->plain;
	}
	rc = web_graph_table_node_add(ls->g, NULL, id, n->title.buf, gr, n->nrows,
				      n->alt ? "#ffffff" : colors[n->lane]);
	free(gr);
	if (rc == 0 && n->alt)
		rc = web_graph_node_set(ls->g, id, "style", "rounded,filled,dashed");
	return rc;
}

static int add_edge(struct lanes *ls, const char *from, const char *to, int dashed)
{
	struct graph_attrs a = { .style = dashed ? "dashed" : NULL, .weight = dashed ? 1 : 2 };

	if (!from[0])
		return 0;
	return web_graph_edge_add(ls->g, from, to, &a);
}

struct graph *startup_graph_build(const struct startup_story *s, const char *id_prefix)
{
	struct graph *g = web_graph_new(s->how == STARTUP_LAUNCH ? "startup_launch"
					: "startup_attach", GRAPH_TB);
	struct lanes ls = { .g = g, .prefix = id_prefix ? id_prefix : "" };
	char main_prev[40] = "", alt_prev[40] = "", prev[40] = "";
	char ids[STARTUP_LANES][40];
	int i, l;

	if (lanes_heads(&ls) < 0)
		goto fail;
	for (i = 0; i < s->n; ) {
		int j, first = i;

		for (l = 0; l < STARTUP_LANES; l++)
			ids[l][0] = 0;
		/*
		 * One swimlane row a node: dot keeps a lane's column straight
		 * only with one real node a row (rows of two cross their edges).
		 */
		for (j = i; j < i + 1; j++) {
			const struct startup_node *n = &s->nodes[j];
			char id[40];

			node_id(id, sizeof(id), ls.prefix, "n", j);
			if (add_node(&ls, n, id) < 0)
				goto fail;
			if (!ids[n->lane][0])
				memcpy(ids[n->lane], id, sizeof(id));
			if (n->alt) {
				if (add_edge(&ls, j == first ? main_prev : prev, id, 1) < 0)
					goto fail;
				memcpy(alt_prev, id, sizeof(id));
			} else {
				if (add_edge(&ls, j == first ? main_prev : prev, id, 0) < 0)
					goto fail;
				if (j == first && alt_prev[0]) {
					if (add_edge(&ls, alt_prev, id, 1) < 0)
						goto fail;
					alt_prev[0] = 0;
				}
				if (j == first)
					memcpy(main_prev, id, sizeof(id));
			}
			memcpy(prev, id, sizeof(id));
		}
		if (lanes_row(&ls, ids) < 0)
			goto fail;
		i = j;
	}
	return g;
fail:
	web_graph_free(g);
	return NULL;
}

/* ---- text ---------------------------------------------------------------- */

void startup_text_write(struct strbuf *out, const struct startup_story *s, int urls)
{
	int i, j;

	strbuf_addstr(out, s->how == STARTUP_LAUNCH
		      ? "How tracing starts: a launched command (sysatlas trace -- CMD)\n"
		      : "How tracing starts: an attached process (sysatlas trace -p PID)\n");
	for (i = 0; i < s->n; i++) {
		const struct startup_node *n = &s->nodes[i];

		strbuf_addf(out, "\n%s %s%s\n", n->same_row ? "  " : "*", n->title.buf,
			    n->alt ? " [not taken]" : "");
		for (j = 0; j < n->nrows; j++) {
			const struct startup_row *w = &n->rows[j];

			if (w->where.len)
				strbuf_addf(out, "    %-28s %s", w->text.buf, w->where.buf);
			else
				strbuf_addf(out, "    %s", w->text.buf);
			if (w->note.len)
				strbuf_addf(out, "  → %s", w->note.buf);
			if (w->missing)
				strbuf_addstr(out, "  (missing)");
			strbuf_addch(out, '\n');
			if (urls && !w->plain && w->url.len)
				strbuf_addf(out, "        %s\n", w->url.buf);
			if (urls && w->note_url.len)
				strbuf_addf(out, "        call: %s\n", w->note_url.buf);
		}
	}
}
