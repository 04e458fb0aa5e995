#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "doc-site.h"
#include "path-output.h"

/* Real examples from --trace: the first few completed calls of each number. */
#define EXAMPLES_PER_SYSCALL 5

struct example {
	int64_t seq, tid, retval;
	char *text, *mechanism;
};

struct examples {
	int64_t nr;
	size_t count;			/* calls in the trace */
	size_t n;
	struct example ex[EXAMPLES_PER_SYSCALL];
};

struct trace_examples {
	size_t nr, alloc;
	struct examples *by_nr;		/* sorted by nr */
	char *kernel_release;
};

static char *col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? xstrdup((const char *)s) : NULL;
}

static struct examples *examples_slot(struct trace_examples *te, int64_t nr)
{
	size_t lo = 0, hi = te->nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (te->by_nr[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < te->nr && te->by_nr[lo].nr == nr)
		return &te->by_nr[lo];
	if (te->nr == te->alloc) {
		te->alloc = te->alloc ? 2 * te->alloc : 64;
		te->by_nr = xrealloc(te->by_nr, te->alloc * sizeof(*te->by_nr));
	}
	memmove(&te->by_nr[lo + 1], &te->by_nr[lo], (te->nr - lo) * sizeof(*te->by_nr));
	memset(&te->by_nr[lo], 0, sizeof(*te->by_nr));
	te->by_nr[lo].nr = nr;
	te->nr++;
	return &te->by_nr[lo];
}

/*
 * One pass over the trace's syscall exits of the native ABI (the index's
 * common/64 numbers); the exit stop carries the whole decoded line.
 */
static int examples_load(sqlite3 *trace, struct trace_examples *te)
{
	sqlite3_stmt *st = NULL;
	int r, rc = -1;

	memset(te, 0, sizeof(*te));
	if (!trace)
		return 0;
	if (db_prepare(trace, &st, "SELECT kernel_release FROM run ORDER BY id LIMIT 1") < 0)
		goto cleanup;
	if ((r = db_step(st)) < 0)
		goto cleanup;
	if (r == SQLITE_ROW)
		te->kernel_release = col_dup(st, 0);
	db_finalize(st);
	if (db_prepare(trace, &st,
		       "SELECT seq, tid, nr, retval, text, mechanism FROM event"
		       " WHERE kind = 'exit' AND abi IS NULL AND nr IS NOT NULL"
		       " AND enter_seq IS NOT NULL ORDER BY seq") < 0)
		goto cleanup;
	while ((r = db_step(st)) == SQLITE_ROW) {
		struct examples *e = examples_slot(te, sqlite3_column_int64(st, 2));
		struct example *x;

		e->count++;
		if (e->n == EXAMPLES_PER_SYSCALL || sqlite3_column_type(st, 4) == SQLITE_NULL)
			continue;
		x = &e->ex[e->n++];
		x->seq = sqlite3_column_int64(st, 0);
		x->tid = sqlite3_column_int64(st, 1);
		x->retval = sqlite3_column_int64(st, 3);
		x->text = col_dup(st, 4);
		x->mechanism = col_dup(st, 5);
	}
	if (r < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

static void examples_release(struct trace_examples *te)
{
	size_t i, j;

	for (i = 0; i < te->nr; i++)
		for (j = 0; j < te->by_nr[i].n; j++) {
			free(te->by_nr[i].ex[j].text);
			free(te->by_nr[i].ex[j].mechanism);
		}
	free(te->by_nr);
	free(te->kernel_release);
	memset(te, 0, sizeof(*te));
}

static const struct examples *examples_find(const struct trace_examples *te, int64_t nr)
{
	size_t i;

	for (i = 0; i < te->nr; i++)
		if (te->by_nr[i].nr == nr)
			return &te->by_nr[i];
	return NULL;
}

/* The step chain of a path, each step linked, with its call line. */
static void path_chain(struct strbuf *out, const struct doc_site *site,
		       const struct ix_tree *tree, const struct ix_path *p)
{
	size_t i;

	if (!p->nr_steps) {
		strbuf_addstr(out, "<span class=\"missing\">not in the index</span>");
		return;
	}
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

static void steps_table(struct strbuf *out, const struct doc_site *site,
			const struct syscall_path *sp)
{
	const struct ix_tree *tree = &sp->ix->kernel;
	size_t i;
	int s;

	strbuf_addstr(out, "<table class=\"steps\">\n<thead><tr><th>section</th><th>#</th>"
		      "<th>step</th><th>defined at</th><th>calls the next step at</th></tr></thead>\n<tbody>\n");
	for (s = 0; s < SP_NR_SECTIONS; s++) {
		const struct sp_section *sec = &sp->sections[s];

		if (!sec->path.nr_steps) {
			strbuf_addf(out, "<tr class=\"missing\"><td>%s</td><td></td><td colspan=\"3\">",
				    sec->title);
			if (sec->path_name)
				strbuf_addf(out, "the index has no %s path", sec->path_name);
			else
				strbuf_addstr(out, "no definition (see the status above)");
			strbuf_addstr(out, "</td></tr>\n");
			continue;
		}
		for (i = 0; i < sec->path.nr_steps; i++) {
			const struct ix_step *st = &sec->path.steps[i];
			const char *note = ix_kind_note(st->sym.kind);

			strbuf_addf(out, "<tr><td>%s</td><td>%zu</td><td><code>", i ? "" : sec->title, i + 1);
			html_text(out, st->sym.name ? st->sym.name : "?");
			strbuf_addstr(out, "</code>");
			if (note)
				strbuf_addf(out, " <small>(%s)</small>", note);
			strbuf_addstr(out, "</td><td>");
			doc_place_link(out, site, tree, &st->sym);
			strbuf_addstr(out, "</td><td>");
			if (st->call_line > 0) {
				struct strbuf t = STRBUF_INIT;

				strbuf_addf(&t, "line %lld", (long long)st->call_line);
				doc_source_link(out, site, tree, st->sym.file, st->call_line, t.buf);
				strbuf_release(&t);
			}
			strbuf_addstr(out, "</td></tr>\n");
		}
	}
	strbuf_addstr(out, "</tbody>\n</table>\n");
}

static int path_has(const struct ix_path *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nr_steps; i++)
		if (p->steps[i].sym.name && !strcmp(p->steps[i].sym.name, name))
			return 1;
	return 0;
}

static void call_at(struct strbuf *out, const struct doc_site *site, const struct ix_tree *tree,
		    const struct ix_step *caller)
{
	struct strbuf t = STRBUF_INIT;

	strbuf_addstr(out, "<code>");
	html_text(out, caller->sym.name ? caller->sym.name : "?");
	strbuf_addstr(out, "</code>");
	if (caller->call_line > 0) {
		strbuf_addf(&t, "line %lld", (long long)caller->call_line);
		strbuf_addstr(out, " at ");
		doc_source_link(out, site, tree, caller->sym.file, caller->call_line, t.buf);
	}
	strbuf_release(&t);
}

/*
 * Where the tracee stops.  The enter and exit paths share their tail (the
 * notification down to ptrace_stop); the last step of each that the other
 * lacks is the function reporting that stop, and its caller's call line is
 * the hook in the syscall code.
 */
static void stops(struct strbuf *out, const struct doc_site *site, const struct syscall_path *sp)
{
	static const struct { int sec, other; const char *stop, *when; } kinds[] = {
		{ SP_ENTER, SP_EXIT, "syscall-enter-stop", "before the kernel runs the call: the tracer sees the arguments" },
		{ SP_EXIT, SP_ENTER, "syscall-exit-stop", "after the call: the tracer sees the return value (rax)" },
	};
	const struct ix_tree *tree = &sp->ix->kernel;
	size_t k;

	strbuf_addstr(out, "<h3>The ptrace stops a tracer sees</h3>\n<p>With <code>PTRACE_SYSCALL</code> "
		      "(or <code>PTRACE_O_TRACESYSGOOD</code>), a traced task stops twice per call; "
		      "its tracer wakes in <code>wait4()</code> and reads registers and memory "
		      "(<a href=\"../ptrace.html\">the ptrace page</a> links each request's handler).</p>\n<ul class=\"stops\">\n");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct ix_path *p = &sp->sections[kinds[k].sec].path;
		const struct ix_path *o = &sp->sections[kinds[k].other].path;
		size_t r;

		strbuf_addf(out, "<li><b>%s</b>, %s: ", kinds[k].stop, kinds[k].when);
		if (p->nr_steps < 2) {
			strbuf_addf(out, "<span class=\"missing\">the index has no %s path</span></li>\n",
				    sp->sections[kinds[k].sec].path_name);
			continue;
		}
		for (r = p->nr_steps - 1; r > 0 && o->nr_steps && p->steps[r].sym.name &&
		     path_has(o, p->steps[r].sym.name); r--)
			;
		if (r > 0 && r < p->nr_steps - 1) {
			strbuf_addstr(out, "reported by <code>");
			html_text(out, p->steps[r].sym.name);
			strbuf_addstr(out, "</code> (");
			doc_place_link(out, site, tree, &p->steps[r].sym);
			strbuf_addstr(out, "), called from ");
			call_at(out, site, tree, &p->steps[r - 1]);
			strbuf_addstr(out, "; ");
		}
		strbuf_addstr(out, "the task sleeps in <code>");
		html_text(out, p->steps[p->nr_steps - 1].sym.name);
		strbuf_addstr(out, "</code> (");
		doc_place_link(out, site, tree, &p->steps[p->nr_steps - 1].sym);
		strbuf_addstr(out, "), called from ");
		call_at(out, site, tree, &p->steps[p->nr_steps - 2]);
		strbuf_addstr(out, ".</li>\n");
	}
	strbuf_addstr(out, "</ul>\n");
}

static void args_table(struct strbuf *out, const struct ix_syscall *sc)
{
	struct doc_arg args[6];
	int n = doc_args_parse(sc->definition.signature, args), i;

	if (n < 0) {
		strbuf_addstr(out, "<p class=\"missing\">The index has no signature for this definition.</p>\n");
		return;
	}
	if (n == 0) {
		strbuf_addstr(out, "<p>No arguments.</p>\n");
		return;
	}
	strbuf_addstr(out, "<table class=\"args\">\n<thead><tr><th>register</th><th>argument</th>"
		      "<th>tracee memory</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		strbuf_addf(out, "<tr><td class=\"reg\">%s</td><td><code%s>", doc_arg_register(sc->abi, i),
			    args[i].user ? " class=\"user\"" : "");
		html_text(out, args[i].decl);
		strbuf_addf(out, "</code></td><td>%s</td></tr>\n",
			    args[i].user ? "yes: a <code>__user</code> pointer" : "no: the value itself");
	}
	strbuf_addstr(out, "</tbody>\n</table>\n");
	doc_args_free(args, n);
}

/* strace's side of the call; 0, or -1 after error() (a failed query). */
static int strace_part(struct strbuf *out, const struct doc_site *site, struct ix *ix,
		       const struct ix_syscall *sc)
{
	static const char *const landmarks[] = {
		"strace-wait", "strace-enter", "strace-get-args", "strace-read-memory",
		"strace-read-string", "strace-exit",
	};
	struct doc_arg args[6];
	int n, i, users = 0;
	size_t k;

	strbuf_addstr(out, "<h3>strace</h3>\n");
	if (!ix->strace.id) {
		strbuf_addstr(out, "<p class=\"missing\">This index has no strace tree.</p>\n");
		return 0;
	}
	strbuf_addstr(out, "<p>Decoder: ");
	if (sc->decoder.id) {
		struct strbuf t = STRBUF_INIT;

		strbuf_addf(&t, "SYS_FUNC(%s)", sc->decoder.name);
		doc_source_link(out, site, &ix->strace, sc->decoder.file, sc->decoder.line, t.buf);
		strbuf_addstr(out, " in ");
		doc_place_link(out, site, &ix->strace, &sc->decoder);
		strbuf_release(&t);
	} else if (sc->strace_decoder) {
		strbuf_addstr(out, "<code>");
		html_text(out, sc->strace_decoder);
		strbuf_addstr(out, "</code> <span class=\"missing\">(its SYS_FUNC is not in the index)</span>");
	} else {
		strbuf_addstr(out, "<span class=\"missing\">none in strace's table for this number</span>");
	}
	if (sc->strace_flags) {
		strbuf_addstr(out, "; flags <code>");
		html_text(out, sc->strace_flags);
		strbuf_addstr(out, "</code>");
	}
	if (sc->strace_nargs >= 0)
		strbuf_addf(out, "; %lld arguments in strace's table", (long long)sc->strace_nargs);
	strbuf_addstr(out, ".</p>\n<p>Arguments read from tracee memory (derived from the kernel "
		      "signature's <code>__user</code> pointers; the index does not analyse the decoder): ");
	n = doc_args_parse(sc->definition.signature, args);
	for (i = 0; i < n; i++) {
		if (!args[i].user)
			continue;
		strbuf_addf(out, "%s<code>", users++ ? ", " : "");
		html_text(out, args[i].decl);
		strbuf_addf(out, "</code> (%s)", doc_arg_register(sc->abi, i));
	}
	if (n < 0)
		strbuf_addstr(out, "<span class=\"missing\">unknown (no signature)</span>");
	else if (!users)
		strbuf_addstr(out, "none: every argument is a value in its register");
	doc_args_free(args, n < 0 ? 0 : n);
	strbuf_addstr(out, ".</p>\n<ul class=\"strace-loop\">\n");
	for (k = 0; k < sizeof(landmarks) / sizeof(landmarks[0]); k++) {
		struct ix_path p;

		if (ix_path_load(ix, ix->strace.id, landmarks[k], &p) < 0)
			return -1;
		if (p.nr_steps) {
			strbuf_addf(out, "<li><b>%s</b>: ", landmarks[k]);
			path_chain(out, site, &ix->strace, &p);
			strbuf_addstr(out, "</li>\n");
		}
		ix_path_release(&p);
	}
	strbuf_addstr(out, "</ul>\n");
	return 0;
}

static void rows_table(struct strbuf *out, const struct doc_site *site, const struct ix *ix,
		       const struct syscall_path *sp)
{
	size_t i;

	strbuf_addstr(out, "<table class=\"rows\">\n<thead><tr><th>ABI</th><th>nr</th><th>entry point</th>"
		      "<th>definition</th><th>status</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < sp->rows.nr; i++) {
		const struct ix_syscall *sc = &sp->rows.items[i];

		strbuf_addstr(out, "<tr><td>");
		html_text(out, sc->abi);
		strbuf_addf(out, "</td><td>%lld</td><td><code>", (long long)sc->nr);
		html_text(out, sc->entry_point ? sc->entry_point : "");
		strbuf_addstr(out, "</code></td><td>");
		if (sc->definition.id) {
			strbuf_addstr(out, "<code>");
			html_text(out, sc->definition.name);
			strbuf_addstr(out, "</code> ");
			doc_place_link(out, site, &ix->kernel, &sc->definition);
		}
		strbuf_addstr(out, "</td><td>");
		html_text(out, sc->status ? sc->status : "?");
		if (sc->reason) {
			strbuf_addstr(out, ": ");
			html_text(out, sc->reason);
		}
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</tbody>\n</table>\n");
}

/* Everything one index says about syscall name. */
static int version_part(struct strbuf *out, struct doc_site *site, struct ix *ix,
			const char *name, const char *id_prefix)
{
	struct syscall_path sp;
	struct strbuf label = STRBUF_INIT;
	struct graph *g;
	int r;

	ix_tree_label(&label, &ix->kernel);
	strbuf_addstr(out, "<h2>");
	html_text(out, label.buf);
	strbuf_addstr(out, "</h2>\n");
	strbuf_release(&label);
	r = syscall_path_build(&sp, ix, name, NULL);
	if (r < 0)
		return -1;
	if (r > 0) {
		strbuf_addstr(out, "<p class=\"missing\">Not in this version's syscall tables.</p>\n");
		return 0;
	}
	rows_table(out, site, ix, &sp);
	strbuf_addstr(out, "<h3>Definition</h3>\n");
	if (sp.main->status && strcmp(sp.main->status, "implemented")) {
		strbuf_addstr(out, "<p class=\"note warn\">Not implemented in this version");
		if (sp.main->reason) {
			strbuf_addstr(out, ": ");
			html_text(out, sp.main->reason);
		}
		strbuf_addstr(out, sp.main->definition.id ? ". What runs instead:" : ".");
		strbuf_addstr(out, "</p>\n");
	}
	if (sp.main->definition.id) {
		strbuf_addstr(out, "<p><code class=\"signature\">");
		html_text(out, sp.main->definition.signature ? sp.main->definition.signature :
			  sp.main->definition.name);
		strbuf_addstr(out, "</code> at ");
		doc_place_link(out, site, &ix->kernel, &sp.main->definition);
		strbuf_addstr(out, "</p>\n");
		args_table(out, sp.main);
	} else {
		strbuf_addstr(out, "<p class=\"missing\">No definition: ");
		html_text(out, sp.main->status ? sp.main->status : "?");
		if (sp.main->reason) {
			strbuf_addstr(out, ", ");
			html_text(out, sp.main->reason);
		}
		strbuf_addstr(out, ".</p>\n");
	}
	strbuf_addstr(out, "<h3>Path through the kernel</h3>\n<p class=\"legend\"><span class=\"enter\">blue</span>: "
		      "entry to the syscall-enter stop; <span class=\"dispatch\">grey</span>: dispatch "
		      "through the table; <span class=\"exit\">green</span>: to the syscall-exit stop. "
		      "Click a box for its definition, an edge label for its call site.</p>\n<div class=\"graph\">\n");
	g = path_graph_build(&sp, site->links, id_prefix);
	if (web_graph_render_svg(site->renderer, g, out) < 0)
		strbuf_addstr(out, "<p class=\"missing\">graph could not be drawn</p>");
	web_graph_free(g);
	strbuf_addstr(out, "\n</div>\n");
	steps_table(out, site, &sp);
	stops(out, site, &sp);
	r = strace_part(out, site, ix, sp.main);
	syscall_path_release(&sp);
	return r;
}

static void compare_part(struct strbuf *out, const struct doc_site *site, const char *name)
{
	size_t i;
	int any = 0;

	strbuf_addstr(out, "<section class=\"changes\">\n<h2>What changed</h2>\n<ul>\n");
	for (i = 0; i < site->cmp->nr_syscalls; i++) {
		const struct cmp_syscall *s = &site->cmp->syscalls[i];
		const struct ix_syscall *k = s->b ? s->b : s->a;

		if (strcmp(k->name, name))
			continue;
		strbuf_addstr(out, "<li>");
		html_text(out, k->abi);
		strbuf_addf(out, " %lld: ", (long long)k->nr);
		{
			struct strbuf f = STRBUF_INIT;

			compare_flags_describe(&f, s->flags);
			html_text(out, f.buf);
			strbuf_release(&f);
		}
		strbuf_addstr(out, "</li>\n");
		any = 1;
	}
	if (!any)
		strbuf_addstr(out, "<li>in neither table</li>\n");
	strbuf_addstr(out, "</ul>\n<p>The entry and exit paths are the same for every syscall: "
		      "<a href=\"../compare.html#paths\">compare them step by step</a>.</p>\n</section>\n");
}

/*
 * The index path of a mechanism the tracer recorded (docs/schema.md):
 * PTRACE_FOO_BAR -> ptrace-foo-bar, wait4/waitpid -> wait-stopped-tracee,
 * anything else in lower case with '_' -> '-'.
 */
static void mechanism_path(struct strbuf *out, const char *m, size_t len)
{
	size_t i;

	if ((len == 5 && !strncmp(m, "wait4", 5)) || (len == 7 && !strncmp(m, "waitpid", 7))) {
		strbuf_addstr(out, "wait-stopped-tracee");
		return;
	}
	for (i = 0; i < len; i++) {
		char c = m[i];

		strbuf_addch(out, c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
	}
}

static int name_in(char **names, const char *name)
{
	size_t i;

	for (i = 0; names && names[i]; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

/* The mechanisms, each linked to its handler's path on the ptrace page. */
static void mechanisms(struct strbuf *out, const char *list, char **paths)
{
	struct strbuf path = STRBUF_INIT, href = STRBUF_INIT, name = STRBUF_INIT;
	const char *p = list;

	while (p && *p) {
		size_t len = strcspn(p, ",");

		strbuf_reset(&path);
		strbuf_reset(&name);
		strbuf_add(&name, p, len);
		mechanism_path(&path, p, len);
		if (p != list)
			strbuf_addstr(out, ", ");
		if (name_in(paths, path.buf)) {
			strbuf_reset(&href);
			strbuf_addf(&href, "../ptrace.html#path-%s", path.buf);
			html_link(out, href.buf, name.buf, NULL);
		} else {
			html_text(out, name.buf);
		}
		p += len;
		if (*p == ',')
			p++;
	}
	strbuf_release(&path);
	strbuf_release(&href);
	strbuf_release(&name);
}

static void examples_part(struct strbuf *out, const struct trace_examples *te,
			  char **kernel_paths, const struct ix_syscall_list *rows)
{
	const struct examples *e = NULL;
	size_t i;

	for (i = 0; i < rows->nr && !e; i++)
		if (!strcmp(rows->items[i].abi, "common") || !strcmp(rows->items[i].abi, "64"))
			e = examples_find(te, rows->items[i].nr);
	strbuf_addstr(out, "<section class=\"examples\">\n<h2>In the trace</h2>\n");
	if (!e) {
		strbuf_addstr(out, "<p>The trace has no completed call of it.</p>\n</section>\n");
		return;
	}
	strbuf_addf(out, "<p>%zu completed call%s", e->count, e->count == 1 ? "" : "s");
	if (te->kernel_release) {
		strbuf_addstr(out, " on kernel ");
		html_text(out, te->kernel_release);
	}
	strbuf_addstr(out, "; the first ones, with the ptrace requests and reads the tracer used "
		      "(each linked to its kernel handler):</p>\n"
		      "<table class=\"examples\">\n<thead><tr><th>seq</th><th>tid</th><th>call</th>"
		      "<th>tracer used</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < e->n; i++) {
		strbuf_addf(out, "<tr><td>%lld</td><td>%lld</td><td><code>",
			    (long long)e->ex[i].seq, (long long)e->ex[i].tid);
		html_text(out, e->ex[i].text);
		strbuf_addstr(out, "</code></td><td>");
		mechanisms(out, e->ex[i].mechanism, kernel_paths);
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</tbody>\n</table>\n</section>\n");
}

static int page_write(struct doc_site *site, const char *name, const struct trace_examples *te,
		      char **kernel_paths, struct doc_observed *dobs)
{
	struct strbuf out = STRBUF_INIT, rel = STRBUF_INIT;
	struct ix_syscall_list rows = { 0 };
	int rc = -1, v;

	doc_page_begin(&out, site, name, "../", NULL);
	strbuf_addstr(&out, "<h1 class=\"syscall\"><code>");
	html_text(&out, name);
	strbuf_addstr(&out, "</code></h1>\n");
	if (site->cmp)
		compare_part(&out, site, name);
	strbuf_addf(&out, "<div class=\"versions%s\">\n", site->ix[1] ? " two" : "");
	for (v = 0; v < 2 && site->ix[v]; v++) {
		strbuf_addstr(&out, "<section class=\"version\">\n");
		if (version_part(&out, site, site->ix[v], name, v ? "b_" : "a_") < 0)
			goto cleanup;
		strbuf_addstr(&out, "</section>\n");
	}
	strbuf_addstr(&out, "</div>\n");
	if (site->trace) {
		size_t i;

		if (ix_syscall_find(site->ix[0], name, &rows) < 0)
			goto cleanup;
		examples_part(&out, te, kernel_paths, &rows);
		for (i = 0; i < rows.nr; i++)
			if (!strcmp(rows.items[i].abi, "common") || !strcmp(rows.items[i].abi, "64")) {
				if (doc_observed_part(&out, dobs, site, site->ix[0],
						      rows.items[i].nr) < 0)
					goto cleanup;
				break;
			}
	}
	doc_page_end(&out, "../");
	doc_syscall_href(&rel, "", name);
	if (doc_file_write(site, rel.buf, &out) < 0)
		goto cleanup;
	site->nr_pages++;
	rc = 0;
cleanup:
	ix_syscall_list_release(&rows);
	strbuf_release(&out);
	strbuf_release(&rel);
	return rc;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int doc_syscall_pages_write(struct doc_site *site)
{
	struct trace_examples te;
	struct doc_observed dobs = { 0 };
	char **kernel_paths = NULL;
	const char **names;
	size_t n = 0, i, v;
	int rc = -1;

	names = xcalloc(site->all[0].nr + site->all[1].nr + 1, sizeof(*names));
	for (v = 0; v < 2; v++)
		for (i = 0; i < site->all[v].nr; i++)
			names[n++] = site->all[v].items[i].name;
	qsort(names, n, sizeof(*names), by_name);
	if (examples_load(site->trace, &te) < 0 || doc_observed_load(site->trace, &dobs) < 0 ||
	    ix_path_names(site->ix[0], site->ix[0]->kernel.id, NULL, &kernel_paths) < 0)
		goto cleanup;
	for (i = 0; i < n; i++) {
		if (i && !strcmp(names[i], names[i - 1]))
			continue;
		if (page_write(site, names[i], &te, kernel_paths, &dobs) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	ix_names_free(kernel_paths);
	examples_release(&te);
	doc_observed_release(&dobs);
	free(names);
	return rc;
}
