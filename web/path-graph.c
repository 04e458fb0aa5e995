#include <stdlib.h>
#include <string.h>

#include "path-output.h"

/* Edge colours per section: a constant palette, never data. */
static const char *const section_color[SP_NR_SECTIONS] = {
	[SP_ENTER] = "#1f5fa8",
	[SP_DISPATCH] = "#444444",
	[SP_DEFINITION] = "#444444",
	[SP_EXIT] = "#2e7d32",
};

static const char *const section_id[SP_NR_SECTIONS] = {
	[SP_ENTER] = "enter",
	[SP_DISPATCH] = "dispatch",
	[SP_DEFINITION] = "definition",
	[SP_EXIT] = "exit",
};

static void node_id(struct strbuf *out, const char *prefix, const struct ix_symbol *sym)
{
	struct strbuf p = STRBUF_INIT;

	/* a row id of an untrusted index may be negative */
	strbuf_addf(&p, "%ss", prefix);
	web_graph_id_int(out, p.buf, sym->id);
	strbuf_release(&p);
}

static void step_label(struct strbuf *out, const struct ix_symbol *sym)
{
	const char *note = ix_kind_note(sym->kind);

	strbuf_addstr(out, sym->name ? sym->name : "?");
	if (note)
		strbuf_addf(out, " (%s)", note);
	strbuf_addch(out, '\n');
	if (sym->file) {
		strbuf_addstr(out, sym->file);
		if (sym->line > 0)
			strbuf_addf(out, ":%lld", (long long)sym->line);
	} else {
		strbuf_addstr(out, "(no location in the index)");
	}
}

/* The symbols that have a node already: steps shared by sections. */
struct seen {
	size_t nr, alloc;
	int64_t *ids;
};

static int seen_add(struct seen *seen, int64_t id)
{
	size_t i;

	for (i = 0; i < seen->nr; i++)
		if (seen->ids[i] == id)
			return 0;
	if (seen->nr == seen->alloc) {
		seen->alloc = seen->alloc ? 2 * seen->alloc : 16;
		seen->ids = xrealloc(seen->ids, seen->alloc * sizeof(*seen->ids));
	}
	seen->ids[seen->nr++] = id;
	return 1;
}

/* Edges already drawn, as (from, to, call line): the enter and dispatch
 * sections share their first call. */
struct seen_edge {
	size_t nr, alloc;
	int64_t (*e)[3];
};

static int seen_edge_add(struct seen_edge *seen, int64_t from, int64_t to, int64_t line)
{
	size_t i;

	for (i = 0; i < seen->nr; i++)
		if (seen->e[i][0] == from && seen->e[i][1] == to && seen->e[i][2] == line)
			return 0;
	if (seen->nr == seen->alloc) {
		seen->alloc = seen->alloc ? 2 * seen->alloc : 16;
		seen->e = xrealloc(seen->e, seen->alloc * sizeof(*seen->e));
	}
	seen->e[seen->nr][0] = from;
	seen->e[seen->nr][1] = to;
	seen->e[seen->nr++][2] = line;
	return 1;
}

/* Add the step's node unless an earlier section added it. */
static void step_node(struct graph *g, const char *prefix, struct seen *seen,
		      const struct syscall_path *sp,
		      const struct ix_symbol *sym, const char *klass,
		      const struct links *links, const struct links *dflt)
{
	struct strbuf id = STRBUF_INIT, label = STRBUF_INIT, url = STRBUF_INIT;
	struct graph_attrs a = { 0 };

	if (!seen_add(seen, sym->id))
		return;
	node_id(&id, prefix, sym);
	step_label(&label, sym);
	if (!strcmp(klass, "stop"))
		strbuf_addstr(&label, "\nthe tracee stops here");
	a.label = label.buf;
	a.klass = klass;
	a.tooltip = sym->signature;
	if (ix_url(links ? links : dflt, &sp->ix->kernel, sym->file, sym->line, &url) == 0)
		a.href = url.buf;
	else
		a.klass = "missing";
	web_graph_node_add(g, NULL, id.buf, &a);
	strbuf_release(&id);
	strbuf_release(&label);
	strbuf_release(&url);
}

static void missing_node(struct graph *g, const char *prefix, int s, const char *what)
{
	struct strbuf id = STRBUF_INIT;
	struct graph_attrs a = { 0 };

	strbuf_addf(&id, "%smissing_%s", prefix, section_id[s]);
	a.label = what;
	a.klass = "missing";
	a.style = "dashed";
	web_graph_node_add(g, NULL, id.buf, &a);
	strbuf_release(&id);
}

struct graph *path_graph_build(const struct syscall_path *sp, const struct links *links,
			       const char *prefix)
{
	struct graph *g = web_graph_new("syscall_path", GRAPH_TB);
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT, label = STRBUF_INIT,
		      url = STRBUF_INIT, text = STRBUF_INIT;
	const struct ix_path *dispatch = &sp->sections[SP_DISPATCH].path;
	const struct ix_path *def = &sp->sections[SP_DEFINITION].path;
	struct links dflt = { 0 };	/* LINKS_GITHUB: the trees' own templates */
	struct seen seen = { 0 };
	struct seen_edge seen_edges = { 0 };
	size_t i;
	int s;

	if (!prefix)
		prefix = "";
	for (s = 0; s < SP_NR_SECTIONS; s++) {
		const struct ix_path *p = &sp->sections[s].path;

		if (!p->nr_steps) {
			strbuf_reset(&text);
			if (s == SP_DEFINITION)
				strbuf_addf(&text, "%s: %s%s%s", sp->main->name,
					    sp->main->status ? sp->main->status : "no definition",
					    sp->main->reason ? "\n" : "",
					    sp->main->reason ? sp->main->reason : "");
			else
				strbuf_addf(&text, "%s path:\nnot in the index",
					    sp->sections[s].path_name);
			missing_node(g, prefix, s, text.buf);
			continue;
		}
		for (i = 0; i < p->nr_steps; i++) {
			const struct ix_step *st = &p->steps[i];
			const char *klass = s == SP_DEFINITION ? "definition" :
					    i + 1 == p->nr_steps && s != SP_DISPATCH ? "stop" : "kernel";

			step_node(g, prefix, &seen, sp, &st->sym, klass, links, &dflt);
			if (i == 0 || !seen_edge_add(&seen_edges, p->steps[i - 1].sym.id, st->sym.id,
						     p->steps[i - 1].call_line))
				continue;
			strbuf_reset(&from);
			strbuf_reset(&to);
			strbuf_reset(&label);
			strbuf_reset(&url);
			node_id(&from, prefix, &p->steps[i - 1].sym);
			node_id(&to, prefix, &st->sym);
			{
				const struct ix_step *caller = &p->steps[i - 1];
				struct graph_attrs a = { 0 };

				if (caller->call_line > 0) {
					strbuf_addf(&label, "line %lld", (long long)caller->call_line);
					if (ix_url(links ? links : &dflt, &sp->ix->kernel, caller->sym.file,
						   caller->call_line, &url) == 0)
						a.href = url.buf;
				}
				a.label = label.buf;
				a.color = section_color[s];
				a.klass = section_id[s];
				web_graph_edge_add(g, from.buf, to.buf, &a);
			}
		}
	}
	/* The table call reaches the definition: dispatch's last step -> it. */
	if (dispatch->nr_steps && def->nr_steps) {
		const struct ix_step *last = &dispatch->steps[dispatch->nr_steps - 1];
		struct graph_attrs a = { 0 };

		strbuf_reset(&from);
		strbuf_reset(&to);
		strbuf_reset(&label);
		node_id(&from, prefix, &last->sym);
		node_id(&to, prefix, &def->steps[0].sym);
		strbuf_addf(&label, "%s %lld", sp->main->abi, (long long)sp->main->nr);
		a.label = label.buf;
		a.color = section_color[SP_DISPATCH];
		a.klass = "dispatch";
		a.style = "bold";
		web_graph_edge_add(g, from.buf, to.buf, &a);
	}
	strbuf_release(&from);
	strbuf_release(&to);
	strbuf_release(&label);
	strbuf_release(&url);
	strbuf_release(&text);
	free(seen.ids);
	free(seen_edges.e);
	return g;
}
