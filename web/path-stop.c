/*
 * `sysatlas path --stop KIND`: the round trip of a stop that is not a
 * syscall stop (stopkind.h), each phase one of the index's named paths,
 * as text or as a graph of one table node per phase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path-output.h"

static void pad(struct strbuf *out, size_t n)
{
	while (n--)
		strbuf_addch(out, ' ');
}

static void step_name(struct strbuf *out, const struct ix_symbol *sym)
{
	const char *note = ix_kind_note(sym->kind);

	strbuf_addstr(out, sym->name ? sym->name : "?");
	if (note)
		strbuf_addf(out, " (%s)", note);
}

static void location(struct strbuf *out, const struct ix_symbol *sym)
{
	if (!sym->file) {
		strbuf_addstr(out, "(outside the indexed tree)");
		return;
	}
	strbuf_addstr(out, sym->file);
	if (sym->line > 0)
		strbuf_addf(out, ":%lld", (long long)sym->line);
}

static void url_line(struct strbuf *out, const struct links *links, const struct ix_tree *tree,
		     const char *what, const char *file, int64_t line)
{
	strbuf_addf(out, "       %s", what);
	if (ix_url(links, tree, file, line, out) < 0)
		strbuf_addstr(out, "(no link template)");
	strbuf_addch(out, '\n');
}

int path_stop_text_write(struct strbuf *out, struct ix *ix, const struct stop_kind *k,
			 const struct links *links)
{
	struct strbuf s = STRBUF_INIT;
	size_t name_w = 8, loc_w = 10, i, j;

	/* one width for every phase, so the columns line up */
	for (i = 0; i < k->nr_phases; i++) {
		const struct ix_path *p;

		if (ix_path_get(ix, k->phases[i].path, &p) < 0)
			goto fail;
		for (j = 0; j < p->nr_steps; j++) {
			strbuf_reset(&s);
			step_name(&s, &p->steps[j].sym);
			if (s.len > name_w)
				name_w = s.len;
			strbuf_reset(&s);
			location(&s, &p->steps[j].sym);
			if (s.len > loc_w)
				loc_w = s.len;
		}
	}

	strbuf_addf(out, "%s: ", k->title);
	ix_tree_label(out, &ix->kernel);
	if (ix->strace.id) {
		strbuf_addstr(out, "; ");
		ix_tree_label(out, &ix->strace);
	}
	strbuf_addf(out, "\nwhen: %s\n\ntracee: %s\n", k->what, k->tracee);
	for (i = 0; i < k->nr_phases; i++) {
		const struct stop_phase *ph = &k->phases[i];
		const struct ix_tree *tree = ix_path_tree(ix, ph->path);
		const struct ix_path *p;

		if (ix_path_get(ix, ph->path, &p) < 0)
			goto fail;
		strbuf_addf(out, "\n%zu. %s: %s (path %s):\n", i + 1, ph->lane, ph->title, ph->path);
		if (!p->nr_steps) {
			strbuf_addf(out, "  missing: the index has no %s path\n", ph->path);
			continue;
		}
		for (j = 0; j < p->nr_steps; j++) {
			const struct ix_step *st = &p->steps[j];

			strbuf_addf(out, "  %2zu ", j + 1);
			strbuf_reset(&s);
			step_name(&s, &st->sym);
			strbuf_addstr(out, s.buf);
			pad(out, name_w - s.len + 2);
			strbuf_reset(&s);
			location(&s, &st->sym);
			strbuf_addstr(out, s.buf);
			if (st->call_line > 0) {
				pad(out, loc_w - s.len + 2);
				strbuf_addf(out, "calls next at line %lld",
					    (long long)st->call_line);
			}
			strbuf_addch(out, '\n');
			if (!links || !st->sym.file || !tree->id)
				continue;
			url_line(out, links, tree, "", st->sym.file, st->sym.line);
			if (st->call_line > 0)
				url_line(out, links, tree, "call: ", st->sym.file, st->call_line);
		}
	}
	strbuf_release(&s);
	return 0;
fail:
	strbuf_release(&s);
	return -1;
}

static const char *lane_color(const char *lane)
{
	return !strcmp(lane, "kernel") ? "#eef3fb" : !strcmp(lane, "tracer") ? "#fdf8ec" :
	       "#eaf6ea";
}

/* One phase as a table node: a row per step, linked to its line and call line. */
static int phase_node(struct graph *g, struct ix *ix, const struct stop_phase *ph,
		      const char *id, const struct links *links)
{
	const struct ix_tree *tree = ix_path_tree(ix, ph->path);
	const struct links dflt = { 0 };
	const struct ix_path *p;
	struct graph_row *rows;
	struct strbuf *text, *url, *note, *note_url, title = STRBUF_INIT;
	size_t n, j;
	int rc;

	if (ix_path_get(ix, ph->path, &p) < 0)
		return -1;
	n = p->nr_steps ? p->nr_steps : 1;
	rows = xcalloc(n, sizeof(*rows));
	text = xcalloc(n, sizeof(*text));
	url = xcalloc(n, sizeof(*url));
	note = xcalloc(n, sizeof(*note));
	note_url = xcalloc(n, sizeof(*note_url));
	for (j = 0; j < n; j++) {
		strbuf_init(&text[j], 0);
		strbuf_init(&url[j], 0);
		strbuf_init(&note[j], 0);
		strbuf_init(&note_url[j], 0);
	}
	if (!p->nr_steps) {
		strbuf_addf(&text[0], "path %s: not in the index", ph->path);
		rows[0].text = text[0].buf;
	}
	for (j = 0; j < p->nr_steps; j++) {
		const struct ix_step *st = &p->steps[j];

		step_name(&text[j], &st->sym);
		rows[j].text = text[j].buf;
		if (!st->sym.file) {
			strbuf_addstr(&text[j], " (outside the indexed tree)");
			rows[j].plain = 1;
			continue;
		}
		if (ix_url(links ? links : &dflt, tree, st->sym.file, st->sym.line, &url[j]) == 0)
			rows[j].href = url[j].buf;
		rows[j].tooltip = st->sym.signature;
		if (st->call_line > 0) {
			const char *base = strrchr(st->sym.file, '/');

			strbuf_addf(&note[j], "%s:%lld", base ? base + 1 : st->sym.file,
				    (long long)st->call_line);
			rows[j].note = note[j].buf;
			if (ix_url(links ? links : &dflt, tree, st->sym.file, st->call_line,
				   &note_url[j]) == 0)
				rows[j].note_href = note_url[j].buf;
		}
	}
	strbuf_addf(&title, "%s: %s", ph->lane, ph->title);
	rc = web_graph_table_node_add(g, NULL, id, title.buf, rows, (int)n, lane_color(ph->lane));
	for (j = 0; j < n; j++) {
		strbuf_release(&text[j]);
		strbuf_release(&url[j]);
		strbuf_release(&note[j]);
		strbuf_release(&note_url[j]);
	}
	free(text);
	free(url);
	free(note);
	free(note_url);
	free(rows);
	strbuf_release(&title);
	return rc;
}

struct graph *path_stop_graph_build(struct ix *ix, const struct stop_kind *k,
				    const struct links *links)
{
	struct graph *g = web_graph_new("stop_path", GRAPH_TB);
	struct graph_attrs ta = { .label = k->tracee, .shape = "box", .color = "#eaf6ea",
				  .klass = "tracee" };
	char id[24], prev[24] = "tracee";
	size_t i;

	if (web_graph_node_add(g, NULL, "tracee", &ta) < 0)
		goto fail;
	for (i = 0; i < k->nr_phases; i++) {
		struct graph_attrs ea = { .label = k->phases[i].edge };

		snprintf(id, sizeof(id), "p%u", (unsigned)i);
		if (phase_node(g, ix, &k->phases[i], id, links) < 0 ||
		    web_graph_edge_add(g, prev, id, &ea) < 0)
			goto fail;
		memcpy(prev, id, sizeof(prev));
	}
	return g;
fail:
	web_graph_free(g);
	return NULL;
}
