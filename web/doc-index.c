#include <string.h>

#include "doc-site.h"

/* The ABIs of the x86 tables, in the order the index page lists them. */
static const struct {
	const char *abi, *title, *about;
} abis[] = {
	{ "common", "x86-64: common", "served to 64-bit and x32 programs alike" },
	{ "64", "x86-64: 64-bit only", "served to 64-bit programs only" },
	{ "x32", "x32", "the x32 ABI's own entries (numbers from 512, __X32_SYSCALL_BIT added)" },
	{ "i386", "i386", "32-bit programs (int $0x80, sysenter)" },
};

static void args_cell(struct strbuf *out, const struct ix_syscall *sc)
{
	struct doc_arg args[6];
	int n = doc_args_parse(sc->definition.signature, args), i;

	if (n < 0) {
		strbuf_addstr(out, sc->definition.id ? "<span class=\"missing\">no signature</span>" : "");
		return;
	}
	if (n == 0)
		strbuf_addstr(out, "<span class=\"none\">no arguments</span>");
	for (i = 0; i < n; i++) {
		strbuf_addf(out, "%s<span class=\"reg\">%s</span> ", i ? "<br>" : "",
			    doc_arg_register(sc->abi, i));
		strbuf_addf(out, "<code%s>", args[i].user ? " class=\"user\"" : "");
		html_text(out, args[i].decl);
		strbuf_addstr(out, "</code>");
	}
	doc_args_free(args, n);
}

static void status_cell(struct strbuf *out, const struct ix_syscall *sc)
{
	int impl = sc->status && !strcmp(sc->status, "implemented");

	strbuf_addf(out, "<td class=\"status %s\">", impl ? "ok" : "ni");
	html_text(out, sc->status ? sc->status : "?");
	if (sc->reason) {
		strbuf_addstr(out, ": ");
		html_text(out, sc->reason);
	}
	strbuf_addstr(out, "</td>");
}

static void row(struct strbuf *out, const struct doc_site *site, const struct ix *ix,
		const struct ix_syscall *sc)
{
	struct strbuf href = STRBUF_INIT;

	strbuf_addstr(out, "<tr data-name=\"");
	html_attr(out, sc->name);
	strbuf_addf(out, "\"><td class=\"nr\">%lld</td><td class=\"name\">", (long long)sc->nr);
	doc_syscall_href(&href, "", sc->name);
	html_link(out, href.buf, sc->name, NULL);
	strbuf_addstr(out, "</td><td class=\"args\">");
	args_cell(out, sc);
	strbuf_addstr(out, "</td><td class=\"def\">");
	if (sc->definition.id)
		doc_place_link(out, site, &ix->kernel, &sc->definition);
	strbuf_addstr(out, "</td><td class=\"decoder\">");
	if (sc->decoder.id) {
		struct strbuf text = STRBUF_INIT;

		strbuf_addstr(&text, sc->decoder.name);
		doc_source_link(out, site, &ix->strace, sc->decoder.file, sc->decoder.line, text.buf);
		strbuf_release(&text);
	} else if (sc->strace_decoder) {
		html_link(out, NULL, sc->strace_decoder, NULL);
	}
	if (sc->strace_flags) {
		strbuf_addstr(out, " <small>");
		html_text(out, sc->strace_flags);
		strbuf_addstr(out, "</small>");
	}
	strbuf_addstr(out, "</td>");
	status_cell(out, sc);
	strbuf_addstr(out, "</tr>\n");
	strbuf_release(&href);
}

int doc_index_write(struct doc_site *site)
{
	const struct ix *ix = site->ix[0];
	const struct ix_syscall_list *all = &site->all[0];
	struct strbuf out = STRBUF_INIT, label = STRBUF_INIT;
	size_t a, i;
	int rc;

	ix_tree_label(&label, &ix->kernel);
	doc_page_begin(&out, site, "System calls", "", "index");
	strbuf_addstr(&out, "<h1>System calls of ");
	html_text(&out, label.buf);
	strbuf_addstr(&out, "</h1>\n<p class=\"lead\">Every entry of the kernel's syscall tables with "
		      "its number, its arguments and the registers that carry them, the "
		      "definition the configuration compiles, and strace's decoder");
	if (ix->strace.id) {
		strbuf_reset(&label);
		ix_tree_label(&label, &ix->strace);
		strbuf_addstr(&out, " (");
		html_text(&out, label.buf);
		strbuf_addstr(&out, ")");
	} else {
		strbuf_addstr(&out, " (no strace tree in this index)");
	}
	strbuf_addstr(&out, ". Arguments in <code class=\"user\">this style</code> are <code>__user</code> "
		      "pointers: the kernel reads or writes the tracee's memory through them.</p>\n"
		      "<p class=\"search\"><label for=\"syscall-search\">Search</label> "
		      "<input id=\"syscall-search\" type=\"search\" autocomplete=\"off\" "
		      "placeholder=\"name, file or decoder\"> <span id=\"search-count\"></span></p>\n");

	for (a = 0; a < sizeof(abis) / sizeof(abis[0]); a++) {
		size_t count = 0;

		for (i = 0; i < all->nr; i++)
			count += !strcmp(all->items[i].abi, abis[a].abi);
		if (!count)
			continue;
		strbuf_addf(&out, "<section class=\"abi\" id=\"abi-%s\">\n<h2>%s <small>%zu entries, %s</small></h2>\n",
			    abis[a].abi, abis[a].title, count, abis[a].about);
		strbuf_addstr(&out, "<table class=\"syscalls sortable\">\n<thead><tr>"
			      "<th data-sort=\"num\">nr</th><th data-sort=\"text\">name</th>"
			      "<th>arguments (register)</th><th data-sort=\"text\">definition</th>"
			      "<th data-sort=\"text\">strace decoder</th><th data-sort=\"text\">status</th>"
			      "</tr></thead>\n<tbody>\n");
		for (i = 0; i < all->nr; i++)
			if (!strcmp(all->items[i].abi, abis[a].abi))
				row(&out, site, ix, &all->items[i]);
		strbuf_addstr(&out, "</tbody>\n</table>\n</section>\n");
	}
	/* ABIs the list above does not know still get their table */
	for (i = 0; i < all->nr; i++) {
		const struct ix_syscall *sc = &all->items[i];
		size_t k;

		for (a = 0; a < sizeof(abis) / sizeof(abis[0]); a++)
			if (!strcmp(sc->abi, abis[a].abi))
				break;
		if (a < sizeof(abis) / sizeof(abis[0]))
			continue;
		if (i == 0 || strcmp(all->items[i - 1].abi, sc->abi)) {
			strbuf_addstr(&out, "<section class=\"abi\">\n<h2>ABI ");
			html_text(&out, sc->abi);
			strbuf_addstr(&out, "</h2>\n<table class=\"syscalls sortable\">\n<thead><tr>"
				      "<th data-sort=\"num\">nr</th><th data-sort=\"text\">name</th>"
				      "<th>arguments (register)</th><th data-sort=\"text\">definition</th>"
				      "<th data-sort=\"text\">strace decoder</th><th data-sort=\"text\">status</th>"
				      "</tr></thead>\n<tbody>\n");
		}
		row(&out, site, ix, sc);
		k = i + 1;
		if (k == all->nr || strcmp(all->items[k].abi, sc->abi))
			strbuf_addstr(&out, "</tbody>\n</table>\n</section>\n");
	}
	doc_page_end(&out, "");
	rc = doc_file_write(site, "index.html", &out);
	site->nr_pages += rc == 0;
	strbuf_release(&out);
	strbuf_release(&label);
	return rc;
}
