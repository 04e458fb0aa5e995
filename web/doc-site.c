#include <string.h>

#include "doc-site.h"
#include "escape.h"

const struct html_nav doc_nav[] = {
	{ "index", "index.html", "System calls" },
	{ "ptrace", "ptrace.html", "ptrace" },
	{ NULL, NULL, NULL },
};

static const struct html_nav doc_nav_compare[] = {
	{ "index", "index.html", "System calls" },
	{ "ptrace", "ptrace.html", "ptrace" },
	{ "compare", "compare.html", "Compare versions" },
	{ NULL, NULL, NULL },
};

const char *const doc_scripts[] = { "assets/doc.js", NULL };

void doc_page_begin(struct strbuf *out, const struct doc_site *site, const char *title,
		    const char *root, const char *active)
{
	struct html_page p = {
		.title = title,
		.root = root,
		.site = "sysatlas reference",
		.nav = site->cmp ? doc_nav_compare : doc_nav,
		.active = active,
		.scripts = doc_scripts,
		.body_class = "doc",
	};

	html_page_begin(out, &p);
}

void doc_page_end(struct strbuf *out, const char *root)
{
	struct html_page p = { .root = root, .scripts = doc_scripts };

	html_page_end(out, &p);
}

int doc_file_write(const struct doc_site *site, const char *rel, const struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT;
	int rc;

	strbuf_addf(&path, "%s/%s", site->outdir, rel);
	rc = strbuf_write_file(out, path.buf);
	strbuf_release(&path);
	return rc;
}

void doc_syscall_href(struct strbuf *out, const char *root, const char *name)
{
	strbuf_addf(out, "%ssyscalls/", root);
	html_file_stem(out, name);
	strbuf_addstr(out, ".html");
}

void doc_source_link(struct strbuf *out, const struct doc_site *site, const struct ix_tree *tree,
		     const char *file, int64_t line, const char *text)
{
	struct strbuf url = STRBUF_INIT;

	if (!file) {
		/* a function the path calls but the indexed code does not define */
		strbuf_addstr(out, "<span class=\"extern\" title=\"not defined in the indexed tree\">");
		html_text(out, text);
		strbuf_addstr(out, "</span>");
		return;
	}
	if (ix_url(site->links, tree, file, line, &url) == 0)
		html_link(out, url.buf, text, "src");
	else
		html_link(out, NULL, text, NULL);
	strbuf_release(&url);
}

void doc_place_link(struct strbuf *out, const struct doc_site *site, const struct ix_tree *tree,
		    const struct ix_symbol *sym)
{
	struct strbuf text = STRBUF_INIT;

	if (!sym->id || !sym->file) {
		strbuf_addstr(out, "<span class=\"missing\">not in the index</span>");
		return;
	}
	strbuf_addstr(&text, sym->file);
	if (sym->line > 0)
		strbuf_addf(&text, ":%lld", (long long)sym->line);
	doc_source_link(out, site, tree, sym->file, sym->line, text.buf);
	strbuf_release(&text);
}
