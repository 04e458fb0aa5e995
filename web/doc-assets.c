#include "doc-site.h"

/* The assets' bytes, embedded at build time by embed.py. */
extern const char doc_asset_css[], doc_asset_js[];
extern const unsigned long doc_asset_css_len, doc_asset_js_len;

int doc_assets_write(struct doc_site *site)
{
	struct strbuf css = STRBUF_INIT, js = STRBUF_INIT;
	int rc;

	strbuf_add(&css, doc_asset_css, doc_asset_css_len);
	strbuf_add(&js, doc_asset_js, doc_asset_js_len);
	rc = doc_file_write(site, "assets/sysatlas.css", &css) < 0 ||
	     doc_file_write(site, "assets/doc.js", &js) < 0 ? -1 : 0;
	strbuf_release(&css);
	strbuf_release(&js);
	return rc;
}
