#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "error.h"
#include "escape.h"
#include "link.h"

void link_template_fill(struct strbuf *out, const char *tmpl, const char *version,
			const char *path, int64_t line)
{
	const char *p = tmpl, *hash = NULL;
	const char *line_at = strstr(tmpl, "{line}");

	/* Without a line, the fragment that would carry it goes. */
	if (line <= 0 && line_at) {
		for (hash = line_at; hash > tmpl && *hash != '#'; hash--)
			;
		if (*hash != '#')
			hash = NULL;
	}
	while (*p && p != hash) {
		if (!strncmp(p, "{version}", 9)) {
			escape_url_path_str(out, version ? version : "");
			p += 9;
		} else if (!strncmp(p, "{path}", 6)) {
			escape_url_path_str(out, path);
			p += 6;
		} else if (!strncmp(p, "{line}", 6)) {
			strbuf_addf(out, "%lld", (long long)line);
			p += 6;
		} else {
			strbuf_addch(out, *p++);
		}
	}
}

static int templates_load(struct link_style *ls)
{
	struct strbuf file = STRBUF_INIT, data = STRBUF_INIT, known = STRBUF_INIT;
	char *line, *next;
	int rc = -1;

	if (datadir_find("links.tsv", &file) < 0 || strbuf_read_file(&data, file.buf) < 0)
		goto cleanup;
	for (line = data.buf; line && *line; line = next) {
		char *kind, *style, *tmpl, *end;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		kind = line;
		style = strchr(kind, '\t');
		if (!style)
			continue;
		*style++ = '\0';
		tmpl = strchr(style, '\t');
		if (!tmpl)
			continue;
		*tmpl++ = '\0';
		end = tmpl + strcspn(tmpl, "\t\r ");
		*end = '\0';
		if (!strstr(known.buf, style))
			strbuf_addf(&known, "%s%s", known.len ? ", " : "", style);
		if (strcmp(style, ls->style))
			continue;
		if (!strcmp(kind, "linux") && !ls->templates[0])
			ls->templates[0] = xstrdup(tmpl);
		else if (!strcmp(kind, "strace") && !ls->templates[1])
			ls->templates[1] = xstrdup(tmpl);
	}
	if (!ls->templates[0] && !ls->templates[1]) {
		error("unknown link style '%s' (known: %s, file:DIR)", ls->style, known.buf);
		goto cleanup;
	}
	rc = 0;
cleanup:
	strbuf_release(&file);
	strbuf_release(&data);
	strbuf_release(&known);
	return rc;
}

int link_style_init(struct link_style *ls, const char *arg)
{
	memset(ls, 0, sizeof(*ls));
	if (!arg)
		return 0;
	if (!strncmp(arg, "file:", 5)) {
		size_t len = strlen(arg + 5);

		if (!len || arg[5] != '/')
			return error("--links file:DIR needs an absolute directory, not '%s'", arg + 5);
		while (len > 1 && arg[5 + len - 1] == '/')
			len--;
		ls->style = xstrdup("file");
		ls->dir = xstrndup(arg + 5, len);
		return 0;
	}
	ls->style = xstrdup(arg);
	if (templates_load(ls) < 0) {
		link_style_release(ls);
		return -1;
	}
	return 0;
}

void link_style_release(struct link_style *ls)
{
	free(ls->style);
	free(ls->dir);
	free(ls->templates[0]);
	free(ls->templates[1]);
	memset(ls, 0, sizeof(*ls));
}

static void file_url(struct strbuf *out, const char *dir, const char *path, int64_t line)
{
	strbuf_addstr(out, "file://");
	escape_url_path_str(out, dir);
	strbuf_addch(out, '/');
	escape_url_path_str(out, path);
	if (line > 0)
		strbuf_addf(out, "#L%lld", (long long)line);
}

int link_url(struct strbuf *out, const struct link_style *ls,
	     const struct ix_tree *tree, const char *path, int64_t line)
{
	int is_linux = tree->kind && !strcmp(tree->kind, "linux");
	const char *tmpl = tree->url_template;

	if (!path || !*path || !tree->id)
		return -1;
	if (ls && ls->dir) {
		if (is_linux) {
			file_url(out, ls->dir, path, line);
			return 0;
		}
		if (tree->root && tree->root[0] == '/') {
			file_url(out, tree->root, path, line);
			return 0;
		}
	} else if (ls && ls->style) {
		const char *t = ls->templates[is_linux ? 0 : 1];

		if (t)
			tmpl = t;
	}
	if (!tmpl || !*tmpl)
		return -1;
	link_template_fill(out, tmpl, tree->version, path, line);
	return 0;
}
