#include "datadir.h"
#include "doc-site.h"

/*
 * The site's stylesheet is the report's sysatlas.css with the reference
 * pages' own rules appended (html.c links one sheet); doc.js searches and
 * sorts the tables.  Both come from the installed (or build tree's) data.
 */
static int asset_append(struct strbuf *out, const char *name)
{
	struct strbuf path = STRBUF_INIT;
	int rc = -1;

	if (datadir_find(name, &path) == 0 && strbuf_read_file(out, path.buf) >= 0)
		rc = 0;
	strbuf_release(&path);
	return rc;
}

int doc_assets_load(struct doc_assets *a)
{
	strbuf_init(&a->css, 0);
	strbuf_init(&a->js, 0);
	if (asset_append(&a->css, "assets/sysatlas.css") < 0 ||
	    asset_append(&a->css, "assets/doc.css") < 0 ||
	    asset_append(&a->js, "assets/doc.js") < 0) {
		doc_assets_release(a);
		return -1;
	}
	return 0;
}

void doc_assets_release(struct doc_assets *a)
{
	strbuf_release(&a->css);
	strbuf_release(&a->js);
}

int doc_assets_write(struct doc_site *site, const struct doc_assets *a)
{
	if (doc_file_write(site, "assets/sysatlas.css", &a->css) < 0 ||
	    doc_file_write(site, "assets/doc.js", &a->js) < 0)
		return -1;
	return 0;
}
