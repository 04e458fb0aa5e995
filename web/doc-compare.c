#include <string.h>

#include "doc-site.h"

static void name_link(struct strbuf *out, const char *name)
{
	struct strbuf href = STRBUF_INIT;

	doc_syscall_href(&href, "", name);
	html_link(out, href.buf, name, NULL);
	strbuf_release(&href);
}

static void def_cell(struct strbuf *out, const struct doc_site *site, const struct ix *ix,
		     const struct ix_syscall *sc)
{
	if (!sc) {
		strbuf_addstr(out, "<td class=\"none\">—</td>");
		return;
	}
	strbuf_addstr(out, "<td>");
	/* an unimplemented row's definition is sys_ni_syscall: say why instead */
	if (sc->definition.id && (!sc->status || !strcmp(sc->status, "implemented")))
		doc_place_link(out, site, &ix->kernel, &sc->definition);
	else {
		html_text(out, sc->status ? sc->status : "?");
		if (sc->reason) {
			strbuf_addstr(out, ": ");
			html_text(out, sc->reason);
		}
	}
	strbuf_addstr(out, "</td>");
}

static void rows_table(struct strbuf *out, const struct doc_site *site, unsigned want,
		       const char *title, const char *id)
{
	const struct compare *c = site->cmp;
	struct strbuf la = STRBUF_INIT, lb = STRBUF_INIT, f = STRBUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < c->nr_syscalls; i++) {
		unsigned fl = c->syscalls[i].flags;

		n += want ? !!(fl & want) : fl && !(fl & (CMP_ADDED | CMP_REMOVED));
	}
	ix_tree_label(&la, &c->a->kernel);
	ix_tree_label(&lb, &c->b->kernel);
	strbuf_addf(out, "<h2 id=\"%s\">%s <small>%zu</small></h2>\n", id, title, n);
	if (!n) {
		strbuf_addstr(out, "<p>None.</p>\n");
		goto cleanup;
	}
	strbuf_addstr(out, "<table class=\"changes sortable\">\n<thead><tr><th data-sort=\"text\">ABI</th>"
		      "<th data-sort=\"num\">nr</th><th data-sort=\"text\">name</th>"
		      "<th data-sort=\"text\">what changed</th><th>");
	html_text(out, la.buf);
	strbuf_addstr(out, "</th><th>");
	html_text(out, lb.buf);
	strbuf_addstr(out, "</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < c->nr_syscalls; i++) {
		const struct cmp_syscall *s = &c->syscalls[i];
		const struct ix_syscall *k = s->b ? s->b : s->a;

		if (want ? !(s->flags & want) : !s->flags || (s->flags & (CMP_ADDED | CMP_REMOVED)))
			continue;
		strbuf_addstr(out, "<tr><td>");
		html_text(out, k->abi);
		strbuf_addf(out, "</td><td class=\"nr\">%lld</td><td>", (long long)k->nr);
		name_link(out, k->name);
		strbuf_addstr(out, "</td><td>");
		strbuf_reset(&f);
		compare_flags_describe(&f, s->flags);
		html_text(out, f.buf);
		if (s->flags & CMP_SIGNATURE) {
			strbuf_addstr(out, "<br><code>");
			html_text(out, s->a->definition.signature);
			strbuf_addstr(out, "</code><br><code>");
			html_text(out, s->b->definition.signature);
			strbuf_addstr(out, "</code>");
		}
		strbuf_addstr(out, "</td>");
		def_cell(out, site, c->a, s->a);
		def_cell(out, site, c->b, s->b);
		strbuf_addstr(out, "</tr>\n");
	}
	strbuf_addstr(out, "</tbody>\n</table>\n");
cleanup:
	strbuf_release(&la);
	strbuf_release(&lb);
	strbuf_release(&f);
}

static void step_cell(struct strbuf *out, const struct doc_site *site, const struct ix *ix,
		      const struct ix_step *st, const char *klass)
{
	strbuf_addf(out, "<td class=\"%s\">", klass);
	if (st) {
		strbuf_addstr(out, "<code>");
		html_text(out, st->sym.name ? st->sym.name : "?");
		strbuf_addstr(out, "</code> ");
		doc_place_link(out, site, &ix->kernel, &st->sym);
		if (st->call_line > 0) {
			struct strbuf t = STRBUF_INIT;

			strbuf_addf(&t, "line %lld", (long long)st->call_line);
			strbuf_addstr(out, " <small>calls next at ");
			doc_source_link(out, site, &ix->kernel, st->sym.file, st->call_line, t.buf);
			strbuf_addstr(out, "</small>");
			strbuf_release(&t);
		}
	}
	strbuf_addstr(out, "</td>");
}

static void paths_part(struct strbuf *out, const struct doc_site *site)
{
	const struct compare *c = site->cmp;
	size_t i, j;

	strbuf_addstr(out, "<h2 id=\"paths\">Paths, side by side</h2>\n<p>Steps are matched by name; "
		      "<span class=\"only-a\">red</span>: only in the first, <span class=\"only-b\">green</span>: "
		      "only in the second, <span class=\"moved\">yellow</span>: the same function elsewhere.</p>\n");
	for (i = 0; i < c->nr_paths; i++) {
		const struct cmp_path *p = &c->paths[i];

		strbuf_addf(out, "<h3 id=\"path-%zu\"><code>", i);
		html_text(out, p->name);
		strbuf_addf(out, "</code> <small>%zu → %zu steps", p->a.nr_steps, p->b.nr_steps);
		if (p->flags & CMP_ADDED)
			strbuf_addstr(out, ", only in the second");
		else if (p->flags & CMP_REMOVED)
			strbuf_addstr(out, ", only in the first");
		else
			strbuf_addf(out, ", %zu only in the first, %zu only in the second",
				    p->nr_only_a, p->nr_only_b);
		strbuf_addstr(out, "</small></h3>\n<table class=\"side\">\n<tbody>\n");
		for (j = 0; j < p->nr_rows; j++) {
			const struct cmp_step *r = &p->rows[j];
			const char *ka = r->flags & CMP_REMOVED ? "only-a" :
					 r->flags & (CMP_MOVED_FILE | CMP_MOVED_LINE | CMP_CALL_LINE) ? "moved" : "same";
			const char *kb = r->flags & CMP_ADDED ? "only-b" : ka;

			strbuf_addstr(out, "<tr>");
			step_cell(out, site, c->a, r->a, r->a ? ka : "empty");
			step_cell(out, site, c->b, r->b, r->b ? kb : "empty");
			strbuf_addstr(out, "</tr>\n");
		}
		strbuf_addstr(out, "</tbody>\n</table>\n");
	}
}

int doc_compare_write(struct doc_site *site)
{
	const struct compare *c = site->cmp;
	struct strbuf out = STRBUF_INIT, la = STRBUF_INIT, lb = STRBUF_INIT, text = STRBUF_INIT;
	int rc = -1;

	ix_tree_label(&la, &c->a->kernel);
	ix_tree_label(&lb, &c->b->kernel);
	doc_page_begin(&out, site, "Compare versions", "", "compare");
	strbuf_addstr(&out, "<h1>");
	html_text(&out, la.buf);
	strbuf_addstr(&out, " → ");
	html_text(&out, lb.buf);
	strbuf_addf(&out, "</h1>\n<p class=\"lead\">Syscall table rows are matched by ABI and name. "
		    "%zu rows in the first, %zu in the second: %zu added, %zu removed, %zu renumbered, "
		    "%zu moved to another file, %zu moved within their file, %zu with a changed "
		    "signature, %zu with a changed status, %zu unchanged. "
		    "<a href=\"compare.txt\">As plain text</a>.</p>\n",
		    c->list_a.nr, c->list_b.nr, c->nr_added, c->nr_removed, c->nr_renumbered,
		    c->nr_moved_file, c->nr_moved_line, c->nr_signature, c->nr_status, c->nr_unchanged);
	/* the paths first: they are what changes for every syscall */
	paths_part(&out, site);
	rows_table(&out, site, CMP_ADDED, "Added", "added");
	rows_table(&out, site, CMP_REMOVED, "Removed", "removed");
	rows_table(&out, site, 0, "Changed", "changed");
	doc_page_end(&out, "");
	if (doc_file_write(site, "compare.html", &out) < 0)
		goto cleanup;
	compare_text_write(&text, c);
	if (doc_file_write(site, "compare.txt", &text) < 0)
		goto cleanup;
	site->nr_pages++;
	rc = 0;
cleanup:
	strbuf_release(&out);
	strbuf_release(&la);
	strbuf_release(&lb);
	strbuf_release(&text);
	return rc;
}
