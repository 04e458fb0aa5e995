/*
 * html: the page skeleton, links and escaping shared by every page that
 * sysatlas writes (report and doc sites).
 *
 * Pages are static files that work from file:// with no server.  Each
 * carries a strict Content-Security-Policy: scripts only from the site's
 * own files (never inline, never from data), styles only from its CSS, no
 * network.  Data reaches the scripts as <script src> chunk files that call
 * sysatlas.register(); nothing from data is ever executed.
 */
#ifndef SYSATLAS_WEB_HTML_H
#define SYSATLAS_WEB_HTML_H

#include <stddef.h>

#include "strbuf.h"

/* The policy every page carries in its <meta http-equiv> tag. */
extern const char html_csp[];

/* One entry of the navigation bar. */
struct html_nav {
	const char *id;			/* compared with html_page.active */
	const char *href;		/* relative to the site root */
	const char *text;
};

struct html_page {
	const char *title;		/* untrusted: escaped */
	const char *root;		/* from this page to the site root: "" or "../" */
	const char *site;		/* site name in the header, e.g. "sysatlas report" */
	const struct html_nav *nav;	/* terminated by an entry with id NULL */
	const char *active;		/* nav id of this page */
	const char *const *scripts;	/* NULL-terminated, relative to root */
	const char *body_class;		/* a constant */
};

/* Append <!doctype> … <body><header>…</header><main>. */
void html_page_begin(struct strbuf *out, const struct html_page *p);

/* Append </main><footer>…</footer><script>s </body></html>. */
void html_page_end(struct strbuf *out, const struct html_page *p);

/* Escaped text and attribute values (NUL-terminated input). */
void html_text(struct strbuf *out, const char *s);
void html_attr(struct strbuf *out, const char *s);

/*
 * <a href="url" class="klass">text</a>, both escaped; an external URL
 * (http:, https:, file:) opens in a new tab.  url NULL: the text alone in
 * a <span class="missing">.
 */
void html_link(struct strbuf *out, const char *url, const char *text,
	       const char *klass);

/*
 * Is url safe to put in an href: relative (no scheme) or http:, https:,
 * file:?  javascript:, data: and every other scheme are refused.
 */
int html_url_is_safe(const char *url);

/*
 * A file name for untrusted name (a syscall name from a trace) that cannot
 * leave its directory: [a-z0-9_] kept, anything else (and names that are
 * empty, too long or start with '.') replaced by a hex form.  Appends the
 * stem without extension.
 */
void html_file_stem(struct strbuf *out, const char *name);

#endif
