#include <stdlib.h>
#include <string.h>

#include "doc-site.h"
#include "startup.h"
#include "stopkind.h"

/*
 * The tracer's life cycle as data: each stage names the index paths that
 * lead to its kernel handler (the first one the index has wins); the
 * handler is that path's last step.
 */
static const struct stage {
	const char *id, *label, *paths[3];
} stages[] = {
	{ "traceme", "PTRACE_TRACEME\n(in the child, before exec)", { "ptrace-traceme" } },
	{ "seize", "PTRACE_SEIZE / PTRACE_ATTACH\n(a running task)", { "ptrace-seize", "ptrace-attach" } },
	{ "setoptions", "PTRACE_SETOPTIONS\n(TRACESYSGOOD, TRACEFORK …)", { "ptrace-setoptions" } },
	{ "resume", "PTRACE_SYSCALL\n(run to the next syscall stop)", { "ptrace-syscall", "ptrace-syscall-resume" } },
	{ "stop", "tracee stops\n(syscall-enter / syscall-exit)", { "syscall-enter" } },
	{ "wait", "wait4()\n(the tracer wakes up)", { "wait-stopped-tracee" } },
	{ "getregs", "PTRACE_GETREGS", { "ptrace-getregs" } },
	{ "getinfo", "PTRACE_GET_SYSCALL_INFO", { "ptrace-get-syscall-info" } },
	{ "peek", "PTRACE_PEEKDATA\n(one word of memory)", { "ptrace-peekdata" } },
	{ "vmreadv", "process_vm_readv()\n(many bytes at once)", { "process-vm-readv" } },
};

static const struct { const char *from, *to, *label; } flow[] = {
	{ "traceme", "setoptions", NULL },
	{ "seize", "setoptions", NULL },
	{ "setoptions", "resume", NULL },
	{ "resume", "stop", "the tracee runs" },
	{ "stop", "wait", "SIGCHLD, wake-up" },
	{ "wait", "getregs", "registers" },
	{ "wait", "getinfo", "or" },
	{ "getregs", "peek", "arguments in memory" },
	{ "getregs", "vmreadv", NULL },
	{ "getinfo", "peek", NULL },
	{ "getinfo", "vmreadv", NULL },
	{ "peek", "resume", "print, resume" },
	{ "vmreadv", "resume", NULL },
};

static const char *const tracer_paths_prefix = "ptrace-";
static const char *const other_kernel_paths[] = { "wait-stopped-tracee", "process-vm-readv" };
static const char *const strace_paths[] = {
	"strace-startup", "strace-traceme", "strace-self-stop", "strace-attach",
	"strace-resume-child", "strace-exec", "strace-wait", "strace-enter",
	"strace-get-args", "strace-read-memory", "strace-read-string", "strace-exit",
};

static int lifecycle_graph(struct strbuf *out, struct doc_site *site, struct ix *ix)
{
	struct graph *g = web_graph_new("tracer_life_cycle", GRAPH_TB);
	size_t s, k;
	int rc;

	for (s = 0; s < sizeof(stages) / sizeof(stages[0]); s++) {
		struct strbuf label = STRBUF_INIT, url = STRBUF_INIT;
		struct graph_attrs a = { 0 };
		struct ix_path p = { 0 };

		strbuf_addstr(&label, stages[s].label);
		for (k = 0; k < 3 && stages[s].paths[k]; k++) {
			if (ix_path_load(ix, ix->kernel.id, stages[s].paths[k], &p) < 0)
				break;
			if (p.nr_steps)
				break;
			ix_path_release(&p);
		}
		a.klass = "missing";
		a.style = "dashed";
		if (p.nr_steps) {
			const struct ix_step *last = &p.steps[p.nr_steps - 1];

			strbuf_addstr(&label, "\n");
			strbuf_addstr(&label, last->sym.name ? last->sym.name : "?");
			if (last->sym.file)
				strbuf_addf(&label, " %s:%lld", last->sym.file, (long long)last->sym.line);
			if (ix_url(site->links, &ix->kernel, last->sym.file, last->sym.line, &url) == 0) {
				a.href = url.buf;
				a.klass = "kernel";
				a.style = NULL;
			}
		} else {
			strbuf_addstr(&label, "\n(not in the index)");
		}
		a.label = label.buf;
		web_graph_node_add(g, NULL, stages[s].id, &a);
		ix_path_release(&p);
		strbuf_release(&label);
		strbuf_release(&url);
	}
	for (k = 0; k < sizeof(flow) / sizeof(flow[0]); k++) {
		struct graph_attrs a = { 0 };

		a.label = flow[k].label;
		web_graph_edge_add(g, flow[k].from, flow[k].to, &a);
	}
	rc = web_graph_render_svg(site->renderer, g, out);
	web_graph_free(g);
	return rc;
}

/* How tracing starts (startup.h): a launched command, then an attached one. */
static int start_section(struct strbuf *out, struct doc_site *site, struct ix *ix)
{
	static const struct {
		enum startup_how how;
		const char *id, *title;
	} stories[] = {
		{ STARTUP_LAUNCH, "sl", "A launched command (<code>sysatlas trace -- CMD</code>)" },
		{ STARTUP_ATTACH, "sa", "An attached process (<code>sysatlas trace -p PID</code>)" },
	};
	size_t i;

	strbuf_addstr(out, "<h2 id=\"start\">How tracing starts</h2>\n<p>The tracer forks; the "
		      "child stops itself; the tracer seizes it with <code>PTRACE_SEIZE</code> "
		      "(the kernel's <code>ptrace_attach</code> marks it <code>PT_PTRACED</code>) "
		      "and wakes it with <code>SIGCONT</code>; the child execs the command, and "
		      "its first stop arrives. That is strace's way when <code>PTRACE_SEIZE</code> "
		      "works, and sysatlas's; the dashed boxes are strace's other way, "
		      "<code>ptrace(PTRACE_TRACEME)</code> in the child (the kernel's "
		      "<code>ptrace_traceme</code>). A running process is seized thread by "
		      "thread and stopped with <code>PTRACE_INTERRUPT</code>. Each box links to "
		      "strace's line for the step and to the kernel code that serves it "
		      "(<code>sysatlas path --stop start</code>, <code>--stop attach</code>).</p>\n");
	for (i = 0; i < sizeof(stories) / sizeof(stories[0]); i++) {
		struct startup_story story;
		struct graph *g;
		int rc;

		if (startup_story_build(&story, ix, site->links, stories[i].how, NULL) < 0)
			return -1;
		g = startup_graph_build(&story, stories[i].id);
		startup_story_release(&story);
		if (!g)
			return -1;
		strbuf_addf(out, "<h3>%s</h3>\n<div class=\"graph\">\n", stories[i].title);
		rc = web_graph_render_svg(site->renderer, g, out);
		web_graph_free(g);
		if (rc < 0)
			return -1;
		strbuf_addstr(out, "\n</div>\n");
	}
	return 0;
}

static void chain(struct strbuf *out, struct doc_site *site, const struct ix_tree *tree,
		  const struct ix_path *p)
{
	size_t i;

	for (i = 0; i < p->nr_steps; i++) {
		const struct ix_step *st = &p->steps[i];

		if (i)
			strbuf_addstr(out, " → ");
		doc_source_link(out, site, tree, st->sym.file, st->sym.line,
				st->sym.name ? st->sym.name : "?");
		if (st->call_line > 0) {
			struct strbuf t = STRBUF_INIT;

			strbuf_addf(&t, "line %lld", (long long)st->call_line);
			strbuf_addstr(out, " <small>(");
			doc_source_link(out, site, tree, st->sym.file, st->call_line, t.buf);
			strbuf_addstr(out, ")</small>");
			strbuf_release(&t);
		}
	}
}

/* A path's chain of links, or "not in the index" for a path the index lacks. */
static void chain_or_missing(struct strbuf *out, struct doc_site *site,
			     const struct ix_tree *tree, const struct ix_path *p)
{
	if (p->nr_steps)
		chain(out, site, tree, p);
	else
		strbuf_addstr(out, "<span class=\"missing\">not in the index</span>");
}

/*
 * The stops that are not syscall stops (stopkind.h): each kind's phases in
 * order, the lane that runs it, and its path from the index, linked.
 */
static int stops_section(struct strbuf *out, struct doc_site *site, struct ix *ix)
{
	size_t k, i;

	strbuf_addstr(out, "<h2 id=\"stops\">The other stops: signals, exec, fork, exit, "
		      "group-stop</h2>\n<p>Besides the syscall stops the tracee stops for a "
		      "signal, an exec, a new task, its exit and a group-stop; each is a round "
		      "trip of its own (<code>sysatlas path --stop KIND</code>).</p>\n");
	for (k = 0; k < nr_stop_kinds; k++) {
		const struct stop_kind *sk = &stop_kinds[k];

		strbuf_addf(out, "<h3 id=\"stop-%s\">", sk->name);	/* [a-z] names of the table */
		html_text(out, sk->title);
		strbuf_addstr(out, "</h3>\n<p>");
		html_text(out, sk->what);
		strbuf_addstr(out, "; the tracee: ");
		html_text(out, sk->tracee);
		strbuf_addstr(out, ".</p>\n<ol class=\"paths\">\n");
		for (i = 0; i < sk->nr_phases; i++) {
			const struct stop_phase *ph = &sk->phases[i];
			const struct ix_tree *tree = ix_path_tree(ix, ph->path);
			struct ix_path p;

			if (ix_path_load(ix, tree->id, ph->path, &p) < 0)
				return -1;
			strbuf_addf(out, "<li class=\"lane-%s\"><b>", ph->lane);
			html_text(out, ph->lane);
			strbuf_addstr(out, "</b>: ");
			html_text(out, ph->title);
			strbuf_addstr(out, " <small>(");
			html_text(out, ph->path);
			strbuf_addstr(out, ")</small><br>");
			chain_or_missing(out, site, tree, &p);
			strbuf_addstr(out, "</li>\n");
			ix_path_release(&p);
		}
		strbuf_addstr(out, "</ol>\n");
	}
	return 0;
}

static int paths_list(struct strbuf *out, struct doc_site *site, struct ix *ix,
		      const struct ix_tree *tree, const char *const *names)
{
	size_t i;

	strbuf_addstr(out, "<ul class=\"paths\">\n");
	for (i = 0; names[i]; i++) {
		struct ix_path p;

		if (ix_path_load(ix, tree->id, names[i], &p) < 0)
			return -1;
		strbuf_addf(out, "<li id=\"path-%s\"><b>", names[i]);
		html_text(out, names[i]);
		strbuf_addstr(out, "</b>: ");
		chain_or_missing(out, site, tree, &p);
		strbuf_addstr(out, "</li>\n");
		ix_path_release(&p);
	}
	strbuf_addstr(out, "</ul>\n");
	return 0;
}

int doc_ptrace_write(struct doc_site *site)
{
	struct ix *ix = site->ix[0];
	struct strbuf out = STRBUF_INIT, label = STRBUF_INIT, fn = STRBUF_INIT;
	struct ix_symbol *cases = NULL;
	const char *names[16];
	char **tracer = NULL;
	size_t nr_cases = 0, i, n;
	int rc = -1;

	ix_tree_label(&label, &ix->kernel);
	doc_page_begin(&out, site, "ptrace", "", "ptrace");
	strbuf_addstr(&out, "<h1>ptrace in ");
	html_text(&out, label.buf);
	strbuf_addstr(&out, "</h1>\n<p class=\"lead\">A tracer attaches (or the child asks to be traced), "
		      "sets its options, and resumes the tracee with <code>PTRACE_SYSCALL</code>; the "
		      "tracee stops at each syscall entry and exit, the tracer wakes in <code>wait4()</code>, "
		      "reads registers and memory, and resumes it. Each box links to the kernel code "
		      "that serves that step.</p>\n<h2>The tracer's life cycle</h2>\n<div class=\"graph\">\n");
	if (lifecycle_graph(&out, site, ix) < 0)
		goto cleanup;
	strbuf_addstr(&out, "\n</div>\n");
	if (start_section(&out, site, ix) < 0)
		goto cleanup;
	strbuf_addstr(&out, "<h2 id=\"requests\">Requests and their handlers</h2>\n"
		      "<p>Every <code>case PTRACE_…:</code> label the index found in the ptrace code, "
		      "with the function that holds it.</p>\n<table class=\"requests sortable\">\n"
		      "<thead><tr><th data-sort=\"text\">request</th><th data-sort=\"text\">handler</th>"
		      "<th data-sort=\"text\">case label</th></tr></thead>\n<tbody>\n");
	if (ix_symbols_by_kind(ix, ix->kernel.id, "case_label", "PTRACE_", &cases, &nr_cases) < 0)
		goto cleanup;
	for (i = 0; i < nr_cases; i++) {
		strbuf_addstr(&out, "<tr><td><code>");
		html_text(&out, cases[i].name);
		strbuf_addstr(&out, "</code></td><td><code>");
		strbuf_reset(&fn);
		if (ix_function_at(ix, ix->kernel.id, cases[i].file, cases[i].line, &fn) < 0)
			goto cleanup;
		html_text(&out, fn.buf);
		strbuf_addstr(&out, "</code></td><td>");
		doc_place_link(&out, site, &ix->kernel, &cases[i]);
		strbuf_addstr(&out, "</td></tr>\n");
	}
	if (!nr_cases)
		strbuf_addstr(&out, "<tr><td colspan=\"3\" class=\"missing\">the index has no case labels</td></tr>\n");
	strbuf_addstr(&out, "</tbody>\n</table>\n<h2 id=\"paths\">From the ptrace and wait4 syscalls to the handlers</h2>\n");
	if (ix_path_names(ix, ix->kernel.id, tracer_paths_prefix, &tracer) < 0)
		goto cleanup;
	for (n = 0; tracer[n]; n++)
		;
	{
		const char **all = xcalloc(n + 3, sizeof(*all));

		for (i = 0; i < n; i++)
			all[i] = tracer[i];
		all[n] = other_kernel_paths[0];
		all[n + 1] = other_kernel_paths[1];
		rc = paths_list(&out, site, ix, &ix->kernel, all);
		free(all);
		if (rc < 0)
			goto cleanup;
		rc = -1;
	}
	if (stops_section(&out, site, ix) < 0)
		goto cleanup;
	strbuf_addstr(&out, "<h2 id=\"strace\">The tracer's side: strace</h2>\n");
	if (ix->strace.id) {
		for (i = 0; i < sizeof(strace_paths) / sizeof(strace_paths[0]); i++)
			names[i] = strace_paths[i];
		names[i] = NULL;
		if (paths_list(&out, site, ix, &ix->strace, names) < 0)
			goto cleanup;
	} else {
		strbuf_addstr(&out, "<p class=\"missing\">This index has no strace tree.</p>\n");
	}
	doc_page_end(&out, "");
	if (doc_file_write(site, "ptrace.html", &out) < 0)
		goto cleanup;
	site->nr_pages++;
	rc = 0;
cleanup:
	ix_names_free(tracer);
	ix_symbols_free(cases, nr_cases);
	strbuf_release(&out);
	strbuf_release(&label);
	strbuf_release(&fn);
	return rc;
}
