#include <string.h>

#include "path-output.h"

static void pad(struct strbuf *out, size_t n)
{
	while (n--)
		strbuf_addch(out, ' ');
}

static void location(struct strbuf *out, const struct ix_symbol *sym)
{
	if (!sym->file) {
		strbuf_addstr(out, "(no location in the index)");
		return;
	}
	strbuf_addstr(out, sym->file);
	if (sym->line > 0)
		strbuf_addf(out, ":%lld", (long long)sym->line);
}

/* The step's name, with a note on what it is when not a function. */
static void step_name(struct strbuf *out, const struct ix_symbol *sym)
{
	const char *note = ix_kind_note(sym->kind);

	strbuf_addstr(out, sym->name ? sym->name : "?");
	if (note)
		strbuf_addf(out, " (%s)", note);
}

static void heading(struct strbuf *out, const struct syscall_path *sp)
{
	const struct ix_syscall *sc = sp->main;
	size_t i;

	strbuf_addf(out, "%s: ", sc->name);
	ix_tree_label(out, &sp->ix->kernel);
	strbuf_addf(out, ", %s %lld", sc->abi, (long long)sc->nr);
	if (sc->entry_point)
		strbuf_addf(out, " (%s)", sc->entry_point);
	for (i = 0; i < sp->rows.nr; i++) {
		const struct ix_syscall *o = &sp->rows.items[i];

		if (o == sc)
			continue;
		strbuf_addf(out, "; %s %lld", o->abi, (long long)o->nr);
		if (o->entry_point)
			strbuf_addf(out, " (%s)", o->entry_point);
	}
	strbuf_addch(out, '\n');
	if (sc->definition.signature)
		strbuf_addf(out, "%s\n", sc->definition.signature);
	if (sc->status && strcmp(sc->status, "implemented")) {
		strbuf_addf(out, "%s", sc->status);
		if (sc->reason)
			strbuf_addf(out, ": %s", sc->reason);
		strbuf_addch(out, '\n');
	}
}

static void step_links(struct strbuf *out, const struct syscall_path *sp,
		       const struct ix_step *step, const struct links *links)
{
	const struct ix_tree *tree = &sp->ix->kernel;

	if (!step->sym.file)
		return;
	strbuf_addstr(out, "       ");
	if (ix_url(links, tree, step->sym.file, step->sym.line, out) < 0)
		strbuf_addstr(out, "(no link template)");
	strbuf_addch(out, '\n');
	if (step->call_line > 0) {
		strbuf_addstr(out, "       call: ");
		if (ix_url(links, tree, step->sym.file, step->call_line, out) < 0)
			strbuf_addstr(out, "(no link template)");
		strbuf_addch(out, '\n');
	}
}

void path_text_write(struct strbuf *out, const struct syscall_path *sp,
		     const struct links *links)
{
	struct strbuf loc = STRBUF_INIT;
	size_t name_w = 8, loc_w = 10, i;
	int s;

	/* One width for all sections, so the columns line up. */
	for (s = 0; s < SP_NR_SECTIONS; s++) {
		const struct ix_path *p = &sp->sections[s].path;

		for (i = 0; i < p->nr_steps; i++) {
			strbuf_reset(&loc);
			step_name(&loc, &p->steps[i].sym);
			if (loc.len > name_w)
				name_w = loc.len;
			strbuf_reset(&loc);
			location(&loc, &p->steps[i].sym);
			if (loc.len > loc_w)
				loc_w = loc.len;
		}
	}

	heading(out, sp);
	for (s = 0; s < SP_NR_SECTIONS; s++) {
		const struct sp_section *sec = &sp->sections[s];
		const struct ix_path *p = &sec->path;

		strbuf_addf(out, "\n%s", sec->title);
		if (sec->path_name)
			strbuf_addf(out, " (path %s)", sec->path_name);
		strbuf_addstr(out, ":\n");
		if (!p->nr_steps) {
			if (sec->path_name)
				strbuf_addf(out, "  missing: the index has no %s path\n",
					    sec->path_name);
			else if (sp->main->status && strcmp(sp->main->status, "implemented"))
				strbuf_addf(out, "  none: %s%s%s\n", sp->main->status,
					    sp->main->reason ? ", " : "",
					    sp->main->reason ? sp->main->reason : "");
			else
				strbuf_addstr(out, "  missing: the index resolves no definition\n");
			continue;
		}
		for (i = 0; i < p->nr_steps; i++) {
			const struct ix_step *step = &p->steps[i];

			strbuf_addf(out, "  %2zu ", i + 1);
			strbuf_reset(&loc);
			step_name(&loc, &step->sym);
			strbuf_addstr(out, loc.buf);
			pad(out, name_w - loc.len + 2);
			strbuf_reset(&loc);
			location(&loc, &step->sym);
			strbuf_addstr(out, loc.buf);
			if (step->call_line > 0) {
				pad(out, loc_w - loc.len + 2);
				strbuf_addf(out, "calls next at line %lld",
					    (long long)step->call_line);
			}
			strbuf_addch(out, '\n');
			if (links)
				step_links(out, sp, step, links);
		}
	}
	strbuf_release(&loc);
}
