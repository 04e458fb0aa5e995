#include <string.h>

#include "escape.h"
#include "html.h"

const char html_csp[] =
	"default-src 'none'; script-src 'self'; style-src 'self'; "
	"img-src 'self' data:; base-uri 'none'; form-action 'none'";

void html_text(struct strbuf *out, const char *s)
{
	escape_html_text(out, s, strlen(s));
}

void html_attr(struct strbuf *out, const char *s)
{
	escape_html_attr(out, s, strlen(s));
}

void html_page_begin(struct strbuf *out, const struct html_page *p)
{
	const struct html_nav *n;

	strbuf_addstr(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
		      "<meta charset=\"utf-8\">\n"
		      "<meta http-equiv=\"Content-Security-Policy\" content=\"");
	strbuf_addstr(out, html_csp);
	strbuf_addstr(out, "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
	html_text(out, p->title);
	if (p->site) {
		strbuf_addstr(out, " — ");
		html_text(out, p->site);
	}
	strbuf_addf(out, "</title>\n<link rel=\"stylesheet\" href=\"%sassets/sysatlas.css\">\n"
		    "</head>\n<body class=\"%s\">\n<header class=\"top\">\n"
		    "<a class=\"brand\" href=\"%sindex.html\">%s</a>\n<nav>\n",
		    p->root, p->body_class ? p->body_class : "", p->root,
		    p->site ? p->site : "sysatlas");
	for (n = p->nav; n && n->id; n++)
		strbuf_addf(out, "<a href=\"%s%s\"%s>%s</a>\n", p->root, n->href,
			    p->active && !strcmp(p->active, n->id) ? " class=\"active\"" : "",
			    n->text);
	strbuf_addstr(out, "</nav>\n</header>\n<main>\n");
}

void html_page_end(struct strbuf *out, const struct html_page *p)
{
	const char *const *s;

	strbuf_addstr(out, "</main>\n<footer>Written by sysatlas. Every source link "
		      "points at the indexed tree's version; steps the index lacks are "
		      "shown as missing.</footer>\n");
	for (s = p->scripts; s && *s; s++)
		strbuf_addf(out, "<script src=\"%s%s\"></script>\n", p->root, *s);
	strbuf_addstr(out, "</body>\n</html>\n");
}

int html_url_is_safe(const char *url)
{
	const char *p;

	for (p = url; *p; p++) {
		if (*p == ':')
			return !strncmp(url, "http:", 5) || !strncmp(url, "https:", 6) ||
			       !strncmp(url, "file:", 5);
		if (*p == '/' || *p == '?' || *p == '#')
			break;
	}
	return 1;
}

void html_link(struct strbuf *out, const char *url, const char *text,
	       const char *klass)
{
	if (!url || !html_url_is_safe(url)) {
		strbuf_addstr(out, "<span class=\"missing\">");
		html_text(out, text);
		strbuf_addstr(out, "</span>");
		return;
	}
	strbuf_addstr(out, "<a href=\"");
	html_attr(out, url);
	strbuf_addch(out, '"');
	if (klass)
		strbuf_addf(out, " class=\"%s\"", klass);
	if (!strncmp(url, "http", 4) || !strncmp(url, "file:", 5))
		strbuf_addstr(out, " target=\"_blank\" rel=\"noopener\"");
	strbuf_addch(out, '>');
	html_text(out, text);
	strbuf_addstr(out, "</a>");
}

void html_file_stem(struct strbuf *out, const char *name)
{
	size_t len = strlen(name), i;
	int plain = len > 0 && len <= 64 && name[0] != '.';

	for (i = 0; plain && i < len; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') ||
		      (name[i] >= '0' && name[i] <= '9') || name[i] == '_'))
			plain = 0;
	if (plain) {
		strbuf_add(out, name, len);
		return;
	}
	strbuf_addstr(out, "x-");
	for (i = 0; i < len && i < 32; i++)
		strbuf_addf(out, "%02x", (unsigned char)name[i]);
	if (len > 32) {
		/* FNV-1a of the whole name keeps long names apart */
		unsigned long h = 2166136261ul;

		for (i = 0; i < len; i++)
			h = ((h ^ (unsigned char)name[i]) * 16777619ul) & 0xfffffffful;
		strbuf_addf(out, "-%08lx", h);
	}
}
