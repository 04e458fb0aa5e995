#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "error.h"
#include "escape.h"
#include "html.h"

static int ctree_fill(struct ix *ix, struct ctree *t, int depth, size_t *budget)
{
	struct ix_call *calls = NULL;
	struct ix_icall *icalls = NULL;
	size_t n = 0, ni = 0, i, k;

	if (depth <= 0 || !t->sym.id)
		return 0;
	if (ix_calls_of(ix, t->sym.id, &calls, &n) < 0 ||
	    ix_icalls_of(ix, t->sym.id, &icalls, &ni) < 0) {
		ix_calls_free(calls, n);
		return -1;
	}
	/* one child per callee, with every line that calls it */
	t->kids = xcalloc(n + 1, sizeof(*t->kids));
	for (i = 0; i < n; i++) {
		struct ctree *kid = NULL;

		if (i == CALLTREE_MAX_CALLS) {
			t->cut = 1;
			break;
		}
		for (k = 0; k < t->nkids; k++)
			if (t->kids[k].sym.id == calls[i].callee.id)
				kid = &t->kids[k];
		if (!kid && !*budget) {
			t->cut = 1;
			continue;
		}
		if (!kid) {
			(*budget)--;
			kid = &t->kids[t->nkids++];
			kid->sym = calls[i].callee;
			memset(&calls[i].callee, 0, sizeof(calls[i].callee));
			kid->lines = xcalloc(n + 1, sizeof(*kid->lines));
		}
		kid->lines[kid->nlines++] = calls[i].line;
	}
	ix_calls_free(calls, n);
	t->icalls = xcalloc(ni + 1, sizeof(*t->icalls));
	for (i = 0; i < ni; i++) {
		struct ctree_icall *c = &t->icalls[t->nicalls++];

		c->call = icalls[i];
		if (ix_member_inits(ix, ix->kernel.id, c->call.member, CALLTREE_CANDIDATES,
				    &c->cands, &c->ncands, &c->total) < 0) {
			/* the rest were moved into the tree, or are freed here */
			for (k = i + 1; k < ni; k++) {
				free(icalls[k].expr);
				free(icalls[k].member);
				free(icalls[k].file);
			}
			free(icalls);
			return -1;
		}
		c->cand_seen = xcalloc(c->ncands + 1, 1);
	}
	free(icalls);
	for (k = 0; k < t->nkids; k++)
		if (ctree_fill(ix, &t->kids[k], depth - 1, budget) < 0)
			return -1;
	return 0;
}

static void sym_copy(struct ix_symbol *to, const struct ix_symbol *from)
{
	memset(to, 0, sizeof(*to));
	to->id = from->id;
	to->name = from->name ? xstrdup(from->name) : NULL;
	to->kind = from->kind ? xstrdup(from->kind) : NULL;
	to->file = from->file ? xstrdup(from->file) : NULL;
	to->line = from->line;
	to->end_line = from->end_line;
	to->signature = from->signature ? xstrdup(from->signature) : NULL;
}

int ctree_load(struct ix *ix, const struct ix_symbol *root, int depth, struct ctree *out)
{
	size_t budget = CALLTREE_MAX_NODES - 1;

	memset(out, 0, sizeof(*out));
	sym_copy(&out->sym, root);
	if (ctree_fill(ix, out, depth, &budget) < 0) {
		ctree_release(out);
		return -1;
	}
	return 0;
}

void ctree_release(struct ctree *t)
{
	size_t i;

	for (i = 0; i < t->nkids; i++)
		ctree_release(&t->kids[i]);
	free(t->kids);
	for (i = 0; i < t->nicalls; i++) {
		free(t->icalls[i].call.expr);
		free(t->icalls[i].call.member);
		free(t->icalls[i].call.file);
		ix_symbols_free(t->icalls[i].cands, t->icalls[i].ncands);
		free(t->icalls[i].cand_seen);
	}
	free(t->icalls);
	free(t->lines);
	ix_symbol_release(&t->sym);
	memset(t, 0, sizeof(*t));
}

void ctree_mark(struct ctree *t, int (*seen)(const char *name, void *arg), void *arg)
{
	size_t i, k;

	t->seen = t->sym.name && seen(t->sym.name, arg);
	for (i = 0; i < t->nkids; i++)
		ctree_mark(&t->kids[i], seen, arg);
	for (i = 0; i < t->nicalls; i++)
		for (k = 0; k < t->icalls[i].ncands; k++)
			t->icalls[i].cand_seen[k] = t->icalls[i].cands[k].name &&
						    seen(t->icalls[i].cands[k].name, arg);
}

#define SENTINEL_PATH "sysatlasPATHsentinel"
#define SENTINEL_LINE 987654321

/* Does s hold needle exactly once? */
static int once(const char *s, const char *needle)
{
	const char *p = strstr(s, needle);

	return p && !strstr(p + 1, needle);
}

void ctree_url_template(const struct links *l, const struct ix_tree *tree, struct strbuf *out)
{
	struct strbuf url = STRBUF_INIT;
	char line[16];
	const char *p;

	snprintf(line, sizeof(line), "%d", SENTINEL_LINE);
	if (ix_url(l, tree, SENTINEL_PATH, SENTINEL_LINE, &url) == 0 &&
	    once(url.buf, SENTINEL_PATH) && once(url.buf, line) &&
	    !strstr(url.buf, "{path}") && !strstr(url.buf, "{line}")) {
		for (p = url.buf; *p; ) {
			if (!strncmp(p, SENTINEL_PATH, strlen(SENTINEL_PATH))) {
				strbuf_addstr(out, "{path}");
				p += strlen(SENTINEL_PATH);
			} else if (!strncmp(p, line, strlen(line))) {
				strbuf_addstr(out, "{line}");
				p += strlen(line);
			} else {
				strbuf_addch(out, *p++);
			}
		}
	}
	strbuf_release(&url);
}

/* A path the template takes as it is: no byte a URL would encode. */
static int plain_path(const char *p)
{
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("._/-", *p)))
			return 0;
	return 1;
}

/* Is url what tmpl makes of where ("path:line")? */
static int from_template(const char *tmpl, const char *where, const struct strbuf *url)
{
	struct strbuf t = STRBUF_INIT;
	const char *colon = strrchr(where, ':'), *p;
	int same;

	if (!tmpl || !*tmpl || !colon || !url->len)
		return 0;
	for (p = tmpl; *p; ) {
		if (!strncmp(p, "{path}", 6)) {
			strbuf_add(&t, where, (size_t)(colon - where));
			p += 6;
		} else if (!strncmp(p, "{line}", 6)) {
			strbuf_addstr(&t, colon + 1);
			p += 6;
		} else {
			strbuf_addch(&t, *p++);
		}
	}
	same = !strcmp(t.buf, url->buf);
	strbuf_release(&t);
	return same;
}

static void json_sym(const struct ix_symbol *s, const struct links *l,
		     const struct ix_tree *tree, const char *tmpl, struct strbuf *out)
{
	struct strbuf url = STRBUF_INIT, where = STRBUF_INIT;

	ix_url(l, tree, s->file, s->line, &url);
	ix_symbol_where(s, 0, &where);
	escape_js_string_str(out, s->name ? s->name : "?");
	strbuf_addch(out, ',');
	/* a URL the page makes from where and the template is left out */
	if (s->file && plain_path(s->file) && from_template(tmpl, where.buf, &url))
		strbuf_addstr(out, "\"\"");
	else
		escape_js_string(out, url.buf, url.len);
	strbuf_addch(out, ',');
	escape_js_string(out, where.buf, where.len);
	strbuf_release(&url);
	strbuf_release(&where);
}

void ctree_json(const struct ctree *t, const struct links *l, const struct ix_tree *tree,
		const char *tmpl, struct strbuf *out)
{
	struct strbuf url = STRBUF_INIT;
	size_t i, k;

	strbuf_addch(out, '[');
	json_sym(&t->sym, l, tree, tmpl, out);
	strbuf_addf(out, ",%d,[", t->seen);
	for (i = 0; i < t->nlines; i++)
		strbuf_addf(out, "%s%lld", i ? "," : "", (long long)t->lines[i]);
	strbuf_addstr(out, "],[");
	for (i = 0; i < t->nkids; i++) {
		if (i)
			strbuf_addch(out, ',');
		ctree_json(&t->kids[i], l, tree, tmpl, out);
	}
	strbuf_addstr(out, "],[");
	for (i = 0; i < t->nicalls; i++) {
		const struct ctree_icall *c = &t->icalls[i];

		strbuf_addstr(out, i ? ",[" : "[");
		escape_js_string_str(out, c->call.expr ? c->call.expr : "?");
		strbuf_reset(&url);
		ix_url(l, tree, c->call.file, c->call.line, &url);
		strbuf_addch(out, ',');
		escape_js_string(out, url.buf, url.len);
		strbuf_addf(out, ",%lld,[", (long long)c->total);
		for (k = 0; k < c->ncands; k++) {
			strbuf_addstr(out, k ? ",[" : "[");
			json_sym(&c->cands[k], l, tree, tmpl, out);
			strbuf_addf(out, ",%d]", c->cand_seen[k]);
		}
		strbuf_addstr(out, "]]");
	}
	/* some callees left out: a size limit */
	strbuf_addstr(out, t->cut ? "],1]" : "]]");
	strbuf_release(&url);
}
