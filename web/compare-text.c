#include <string.h>

#include "compare.h"

static void place(struct strbuf *out, const struct ix_symbol *sym)
{
	if (!sym->id) {
		strbuf_addstr(out, "(no definition)");
		return;
	}
	strbuf_addstr(out, sym->file ? sym->file : "(no file)");
	if (sym->line > 0)
		strbuf_addf(out, ":%lld", (long long)sym->line);
}

static void status(struct strbuf *out, const struct ix_syscall *sc)
{
	strbuf_addstr(out, sc->status ? sc->status : "?");
	if (sc->reason)
		strbuf_addf(out, " (%s)", sc->reason);
}

/* Where it is defined; for an unimplemented row, why (its definition is sys_ni_syscall). */
static int shows_place(const struct ix_syscall *sc)
{
	return sc->definition.id && (!sc->status || !strcmp(sc->status, "implemented"));
}

static void row_head(struct strbuf *out, const struct ix_syscall *k)
{
	strbuf_addf(out, "  %-6s %4lld %s", k->abi, (long long)k->nr, k->name);
}

static void syscall_changes(struct strbuf *out, const struct compare *c)
{
	size_t i;
	int any = 0;

	strbuf_addstr(out, "\nadded:\n");
	for (i = 0; i < c->nr_syscalls; i++) {
		const struct cmp_syscall *s = &c->syscalls[i];

		if (!(s->flags & CMP_ADDED))
			continue;
		row_head(out, s->b);
		strbuf_addstr(out, "  ");
		if (shows_place(s->b))
			place(out, &s->b->definition);
		else
			status(out, s->b);
		strbuf_addch(out, '\n');
		any = 1;
	}
	if (!any)
		strbuf_addstr(out, "  none\n");

	any = 0;
	strbuf_addstr(out, "\nremoved:\n");
	for (i = 0; i < c->nr_syscalls; i++) {
		const struct cmp_syscall *s = &c->syscalls[i];

		if (!(s->flags & CMP_REMOVED))
			continue;
		row_head(out, s->a);
		strbuf_addstr(out, "  ");
		if (shows_place(s->a))
			place(out, &s->a->definition);
		else
			status(out, s->a);
		strbuf_addch(out, '\n');
		any = 1;
	}
	if (!any)
		strbuf_addstr(out, "  none\n");

	any = 0;
	strbuf_addstr(out, "\nchanged:\n");
	for (i = 0; i < c->nr_syscalls; i++) {
		const struct cmp_syscall *s = &c->syscalls[i];

		if (!s->flags || (s->flags & (CMP_ADDED | CMP_REMOVED)))
			continue;
		row_head(out, s->b);
		strbuf_addstr(out, ": ");
		compare_flags_describe(out, s->flags);
		strbuf_addch(out, '\n');
		if (s->flags & CMP_RENUMBERED)
			strbuf_addf(out, "      number: %lld -> %lld\n",
				    (long long)s->a->nr, (long long)s->b->nr);
		if (s->flags & (CMP_MOVED_FILE | CMP_MOVED_LINE)) {
			strbuf_addstr(out, "      place: ");
			place(out, &s->a->definition);
			strbuf_addstr(out, " -> ");
			place(out, &s->b->definition);
			strbuf_addch(out, '\n');
		}
		if (s->flags & CMP_SIGNATURE)
			strbuf_addf(out, "      signature: %s\n                 %s\n",
				    s->a->definition.signature ? s->a->definition.signature : "(none)",
				    s->b->definition.signature ? s->b->definition.signature : "(none)");
		if (s->flags & CMP_STATUS) {
			strbuf_addstr(out, "      status: ");
			status(out, s->a);
			strbuf_addstr(out, " -> ");
			status(out, s->b);
			strbuf_addch(out, '\n');
		}
		if (s->flags & CMP_ENTRY_POINT)
			strbuf_addf(out, "      entry point: %s -> %s\n",
				    s->a->entry_point ? s->a->entry_point : "(none)",
				    s->b->entry_point ? s->b->entry_point : "(none)");
		any = 1;
	}
	if (!any)
		strbuf_addstr(out, "  none\n");
}

static void step_cell(struct strbuf *out, const struct ix_step *st, size_t width)
{
	size_t start = out->len;

	if (st) {
		strbuf_addstr(out, st->sym.name ? st->sym.name : "?");
		strbuf_addch(out, ' ');
		place(out, &st->sym);
		if (st->call_line > 0)
			strbuf_addf(out, " > %lld", (long long)st->call_line);
	}
	while (out->len - start < width)
		strbuf_addch(out, ' ');
}

static void path_side_by_side(struct strbuf *out, const struct cmp_path *p)
{
	struct strbuf cell = STRBUF_INIT;
	size_t i, width = 1;

	for (i = 0; i < p->nr_rows; i++) {
		strbuf_reset(&cell);
		step_cell(&cell, p->rows[i].a, 0);
		if (cell.len > width)
			width = cell.len;
	}
	strbuf_addf(out, "\n%s: %zu steps -> %zu steps", p->name, p->a.nr_steps, p->b.nr_steps);
	if (p->flags & CMP_ADDED)
		strbuf_addstr(out, " (only in b)");
	else if (p->flags & CMP_REMOVED)
		strbuf_addstr(out, " (only in a)");
	else
		strbuf_addf(out, ", %zu only in a, %zu only in b", p->nr_only_a, p->nr_only_b);
	strbuf_addch(out, '\n');
	for (i = 0; i < p->nr_rows; i++) {
		const struct cmp_step *r = &p->rows[i];
		char mark = r->flags & CMP_REMOVED ? '-' : r->flags & CMP_ADDED ? '+' :
			    r->flags ? '~' : '=';

		strbuf_addf(out, "  %c ", mark);
		step_cell(out, r->a, width);
		strbuf_addstr(out, " | ");
		strbuf_reset(&cell);
		step_cell(&cell, r->b, 0);
		strbuf_add(out, cell.buf, cell.len);
		strbuf_rtrim(out);
		strbuf_addch(out, '\n');
	}
	strbuf_release(&cell);
}

void compare_text_write(struct strbuf *out, const struct compare *c)
{
	size_t i;

	strbuf_addstr(out, "a: ");
	ix_tree_label(out, &c->a->kernel);
	strbuf_addstr(out, "\nb: ");
	ix_tree_label(out, &c->b->kernel);
	strbuf_addch(out, '\n');
	strbuf_addf(out, "\nsyscall table rows: %zu in a, %zu in b: %zu added, %zu removed, "
		    "%zu renumbered, %zu moved to another file, %zu moved within their file, "
		    "%zu with a changed signature, %zu with a changed status, %zu unchanged\n",
		    c->list_a.nr, c->list_b.nr, c->nr_added, c->nr_removed, c->nr_renumbered,
		    c->nr_moved_file, c->nr_moved_line, c->nr_signature, c->nr_status,
		    c->nr_unchanged);
	syscall_changes(out, c);
	strbuf_addstr(out, "\npaths (= same place, ~ moved, - only in a, + only in b; > call line):\n");
	for (i = 0; i < c->nr_paths; i++)
		path_side_by_side(out, &c->paths[i]);
}
