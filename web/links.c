#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "error.h"
#include "escape.h"
#include "html.h"
#include "links.h"

/*
 * Read the templates from links.tsv (kind TAB style TAB template): the
 * elixir ones, and the kernel's identifier template.
 */
static int links_load_tsv(struct links *l)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char *line, *save = NULL;
	int rc = -1;

	if (datadir_find("links.tsv", &path) < 0)
		goto cleanup;
	if (strbuf_read_file(&text, path.buf) < 0)
		goto cleanup;
	for (line = strtok_r(text.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *kind = line, *style, *tmpl;

		if (*line == '#')
			continue;
		style = strchr(kind, '\t');
		if (!style)
			continue;
		*style++ = '\0';
		tmpl = strchr(style, '\t');
		if (!tmpl)
			continue;
		*tmpl++ = '\0';
		if (!strcmp(kind, "linux") && !strcmp(style, "ident") && !l->ident_linux)
			l->ident_linux = xstrdup(tmpl);
		if (!strcmp(kind, "linux") && !strcmp(style, "github") && !l->github_linux)
			l->github_linux = xstrdup(tmpl);
		if (!strcmp(kind, "linux") && !strcmp(style, "stable") && !l->stable_linux)
			l->stable_linux = xstrdup(tmpl);
		if (strcmp(style, "elixir"))
			continue;
		if (!strcmp(kind, "linux") && !l->elixir_linux)
			l->elixir_linux = xstrdup(tmpl);
		else if (!strcmp(kind, "strace") && !l->elixir_strace)
			l->elixir_strace = xstrdup(tmpl);
	}
	if (l->style == LINKS_ELIXIR && !l->elixir_linux)
		rc = error("%s: no elixir template for linux", path.buf);
	else
		rc = 0;
cleanup:
	strbuf_release(&path);
	strbuf_release(&text);
	return rc;
}

static void links_quiet(const char *line)
{
	(void)line;
}

int links_init(struct links *l, const char *spec)
{
	memset(l, 0, sizeof(*l));
	if (!spec || !strcmp(spec, "github")) {
		l->style = LINKS_GITHUB;
	} else if (!strcmp(spec, "elixir")) {
		l->style = LINKS_ELIXIR;
	} else if (!strncmp(spec, "file:", 5) && spec[5]) {
		char *abs = realpath(spec + 5, NULL);

		if (!abs)
			return error_errno("--links: %s", spec + 5);
		l->style = LINKS_FILE;
		l->file_dir = abs;
	} else {
		return error("--links: '%s': expected github, elixir or file:DIR", spec);
	}
	if (l->style == LINKS_ELIXIR) {
		if (links_load_tsv(l) < 0) {
			links_release(l);
			return -1;
		}
	} else {
		/* only the identifier template: its absence costs those links alone */
		error_set_routine(links_quiet);
		links_load_tsv(l);
		error_set_routine(NULL);
	}
	return 0;
}

int links_ident(const struct links *l, const char *version, const char *ident,
		struct strbuf *out)
{
	size_t start = out->len;
	const char *p;

	if (!l->ident_linux || !version || !*version || !ident || !*ident)
		return -1;
	for (p = l->ident_linux; *p; p++) {
		if (!strncmp(p, "{version}", 9)) {
			escape_url_path_str(out, version);
			p += 8;
		} else if (!strncmp(p, "{ident}", 7)) {
			escape_url_path_str(out, ident);
			p += 6;
		} else {
			strbuf_addch(out, *p);
		}
	}
	if (!html_url_is_safe(out->buf + start)) {
		strbuf_setlen(out, start);
		return -1;
	}
	return 0;
}

void links_release(struct links *l)
{
	free(l->file_dir);
	free(l->elixir_linux);
	free(l->elixir_strace);
	free(l->ident_linux);
	free(l->github_linux);
	free(l->stable_linux);
	memset(l, 0, sizeof(*l));
}

int links_expand(const char *tmpl, const char *version, const char *path,
		 int line, struct strbuf *out)
{
	size_t start = out->len;
	const char *p;

	if (!tmpl || !*tmpl || !path)
		return -1;
	for (p = tmpl; *p; p++) {
		if (!strncmp(p, "{version}", 9)) {
			escape_url_path_str(out, version ? version : "");
			p += 8;
		} else if (!strncmp(p, "{path}", 6)) {
			escape_url_path_str(out, path);
			p += 5;
		} else if (!strncmp(p, "{line}", 6)) {
			strbuf_addf(out, "%d", line > 0 ? line : 1);
			p += 5;
		} else {
			strbuf_addch(out, *p);
		}
	}
	if (!html_url_is_safe(out->buf + start) || !strchr(out->buf + start, ':')) {
		strbuf_setlen(out, start);
		return -1;
	}
	return 0;
}

void links_upstream_tag(const char *version, char *out, size_t size)
{
	unsigned long v[3] = { 0, 0, 0 };
	const char *p = version;
	int n = 0;

	snprintf(out, size, "%s", version ? version : "");
	if (!version || !isdigit((unsigned char)*version))
		return;
	while (n < 3 && isdigit((unsigned char)*p)) {
		char *end;

		v[n++] = strtoul(p, &end, 10);
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (n < 2 || v[0] > 1000 || v[1] > 1000 || v[2] > 100000)
		return;
	if (v[2])
		snprintf(out, size, "v%lu.%lu.%lu", v[0], v[1], v[2]);
	else
		snprintf(out, size, "v%lu.%lu", v[0], v[1]);
}

int links_version_is_stable(const char *version)
{
	unsigned long v[3] = { 0, 0, 0 };
	const char *p = version;
	int n = 0;

	if (!p)
		return 0;
	if (*p == 'v')
		p++;
	while (n < 3 && isdigit((unsigned char)*p)) {
		char *end;

		v[n++] = strtoul(p, &end, 10);
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	return n == 3 && v[2] > 0;
}

int links_url(const struct links *l, const char *kind, const char *version,
	      const char *tmpl, const char *path, int line, struct strbuf *out)
{
	char tag[64];

	if (!path)
		return -1;
	switch (l->style) {
	case LINKS_FILE:
		if (strcmp(kind, "linux"))	/* file:DIR names the kernel tree */
			break;
		strbuf_addstr(out, "file://");
		escape_url_path_str(out, l->file_dir);
		strbuf_addch(out, '/');
		escape_url_path_str(out, path);
		if (line > 0)		/* the line stays in the URL: #L as GitHub writes it */
			strbuf_addf(out, "#L%d", line);
		return 0;
	case LINKS_ELIXIR:
		if (!strcmp(kind, "linux") && l->elixir_linux) {
			/* Elixir serves upstream tags: 6.12.118-1~deb12u1 is v6.12.118 */
			links_upstream_tag(version, tag, sizeof(tag));
			tmpl = l->elixir_linux;
			version = tag;
		}
		else if (!strcmp(kind, "strace") && l->elixir_strace)
			tmpl = l->elixir_strace;
		break;
	case LINKS_GITHUB:
		/* torvalds/linux has mainline tags only: a stable release goes elsewhere */
		if (!strcmp(kind, "linux") && l->stable_linux && l->github_linux &&
		    tmpl && !strcmp(tmpl, l->github_linux) && links_version_is_stable(version)) {
			links_upstream_tag(version, tag, sizeof(tag));
			tmpl = l->stable_linux;
			version = tag;
		}
		break;
	}
	return links_expand(tmpl, version, path, line, out);
}
