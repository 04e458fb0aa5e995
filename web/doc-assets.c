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

int doc_assets_write(struct doc_site *site)
{
	struct strbuf css = STRBUF_INIT, js = STRBUF_INIT;
	int rc = -1;

	if (asset_append(&css, "assets/sysatlas.css") < 0 ||
	    asset_append(&css, "assets/doc.css") < 0 ||
	    asset_append(&js, "assets/doc.js") < 0)
		goto cleanup;
	if (doc_file_write(site, "assets/sysatlas.css", &css) < 0 ||
	    doc_file_write(site, "assets/doc.js", &js) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&css);
	strbuf_release(&js);
	return rc;
}
