/*
 * The observed kernel as HTML, for the report and the doc pages: a frame
 * (linked to the running version's source and the index's line), a stack,
 * stacks merged into a tree with counts, and a stack aligned with a path.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"
#include "html.h"
#include "observed.h"

/*
 * One frame as links: the running version's source, and the index's line;
 * with its offset in the function (a frame), or without (a function, as in
 * a merged tree).
 */
int obs_frame_html(const struct obs_view *v, const struct obs_frame *f, int offset,
		   struct strbuf *out)
{
	struct strbuf url = STRBUF_INIT, idx = STRBUF_INIT, t = STRBUF_INIT;
	int rc = obs_frame_urls(v->obs, v->ix, v->links, f->func, &url, &idx);

	if (rc == 0) {
		strbuf_addstr(&t, f->func);
		if (offset && f->offset >= 0 && f->size >= 0)
			strbuf_addf(&t, "+0x%llx/0x%llx", (unsigned long long)f->offset,
				    (unsigned long long)f->size);
		if (f->module)
			strbuf_addf(&t, " [%s]", f->module);
		if (url.len) {
			html_link(out, url.buf, t.buf, "src");
		} else {
			strbuf_addstr(out, "<span class=\"mono\">");
			html_text(out, t.buf);
			strbuf_addstr(out, "</span>");
		}
		if (idx.len) {
			strbuf_addch(out, ' ');
			html_link(out, idx.buf, v->ix->kernel.version ? v->ix->kernel.version : "index",
				  "idx");
		}
		strbuf_reset(&idx);
		if (v->also && v->also != v->ix &&
		    (rc = obs_index_url(v->obs, v->also, v->links, f->func, &idx)) == 0 && idx.len) {
			strbuf_addch(out, ' ');
			html_link(out, idx.buf, v->also->kernel.version ? v->also->kernel.version :
				  "index", "idx");
		}
	}
	strbuf_release(&url);
	strbuf_release(&idx);
	strbuf_release(&t);
	return rc;
}

int obs_stack_html(const struct obs_view *v, const struct obs_stack *st, struct strbuf *out)
{
	int d;

	strbuf_addstr(out, "<ol class=\"frames\">\n");
	for (d = 0; d < st->depth; d++) {
		strbuf_addstr(out, "<li>");
		if (obs_frame_html(v, &st->frames[d], 1, out) < 0)
			return -1;
		strbuf_addstr(out, "</li>\n");
	}
	strbuf_addstr(out, "</ol>\n");
	return 0;
}

void obs_ktree_add(struct obs_ktree *t, const struct obs_stack *st, int is_sample)
{
	int d, k;

	t->count++;
	for (d = st->depth - 1; d >= 0; d--) {
		const struct obs_frame *f = &st->frames[d];
		struct obs_ktree *kid = NULL;

		for (k = 0; k < t->nkids; k++)
			if (!strcmp(t->kids[k].frame->func, f->func)) {
				kid = &t->kids[k];
				break;
			}
		if (!kid) {
			if (t->nkids == t->akids) {
				t->akids = t->akids ? t->akids * 2 : 4;
				t->kids = xrealloc(t->kids, (size_t)t->akids * sizeof(*t->kids));
			}
			kid = &t->kids[t->nkids++];
			memset(kid, 0, sizeof(*kid));
			kid->frame = f;
		}
		kid->count++;
		t = kid;
	}
	if (is_sample)
		t->samples++;
	else
		t->stops++;
}

void obs_ktree_free(struct obs_ktree *t)
{
	int k;

	for (k = 0; k < t->nkids; k++)
		obs_ktree_free(&t->kids[k]);
	free(t->kids);
}

static int ktree_html(const struct obs_view *v, const struct obs_ktree *t, int depth,
		      struct strbuf *out)
{
	int k;

	if (depth > 256)
		return 0;
	for (k = 0; k < t->nkids; k++) {
		const struct obs_ktree *c = &t->kids[k];

		strbuf_addstr(out, c->nkids ? "<details class=\"ktree\" open><summary>" :
			      "<div class=\"ktree leaf\">");
		if (obs_frame_html(v, c->frame, 0, out) < 0)
			return -1;
		strbuf_addf(out, "<span class=\"count\">%llu", (unsigned long long)c->count);
		if (c->stops)
			strbuf_addf(out, " · %llu at stops", (unsigned long long)c->stops);
		if (c->samples)
			strbuf_addf(out, " · %llu waiting", (unsigned long long)c->samples);
		strbuf_addstr(out, "</span>");
		if (c->nkids) {
			strbuf_addstr(out, "</summary>\n");
			if (ktree_html(v, c, depth + 1, out) < 0)
				return -1;
			strbuf_addstr(out, "</details>\n");
		} else {
			strbuf_addstr(out, "</div>\n");
		}
	}
	return 0;
}

int obs_ktree_html(const struct obs_view *v, const struct obs_ktree *t, struct strbuf *out)
{
	return ktree_html(v, t, 0, out);
}

static int ktree_json(const struct obs_view *v, const struct obs_ktree *t, int depth,
		      int *nodes, struct strbuf *out)
{
	struct strbuf url = STRBUF_INIT, idx = STRBUF_INIT;
	int k, rc = 0;

	strbuf_addch(out, '[');
	for (k = 0; k < t->nkids && depth <= 256 && *nodes < OBS_KTREE_NODES && rc == 0; k++) {
		const struct obs_ktree *c = &t->kids[k];

		(*nodes)++;
		strbuf_reset(&url);
		strbuf_reset(&idx);
		rc = obs_frame_urls(v->obs, v->ix, v->links, c->frame->func, &url, &idx);
		strbuf_addstr(out, k ? ",[" : "[");
		escape_js_string_str(out, c->frame->func);
		strbuf_addch(out, ',');
		escape_js_string(out, url.buf, url.len);
		strbuf_addch(out, ',');
		escape_js_string(out, idx.buf, idx.len);
		strbuf_addf(out, ",%llu,%llu,%llu,", (unsigned long long)c->count,
			    (unsigned long long)c->stops, (unsigned long long)c->samples);
		if (rc == 0)
			rc = ktree_json(v, c, depth + 1, nodes, out);
		strbuf_addch(out, ']');
	}
	strbuf_addch(out, ']');
	strbuf_release(&url);
	strbuf_release(&idx);
	return rc;
}

int obs_ktree_json(const struct obs_view *v, const struct obs_ktree *t, struct strbuf *out)
{
	int nodes = 0;

	return ktree_json(v, t, 0, &nodes, out);
}

static const char *const pair_notes[] = {
	"the same step",
	"not on the running kernel's stack: inlined or renamed there",
	"the running kernel's own: not on the indexed path",
};

int obs_align_html(const struct obs_view *v, const struct ix_path *p,
		   const struct obs_stack *st, const char *running, struct strbuf *out)
{
	const struct ix_tree *tree = ix_path_tree(v->ix, p->name ? p->name : "");
	struct strbuf url = STRBUF_INIT;
	struct obs_row *rows = NULL;
	int n = obs_align(v->obs, v->ix, p, st, &rows), i, rc = 0;

	if (n < 0)
		return -1;
	strbuf_addstr(out, "<table class=\"align\"><tr><th>indexed path (");
	html_text(out, v->ix->kernel.version ? v->ix->kernel.version : "index");
	strbuf_addstr(out, ")</th><th>");
	html_text(out, running);
	strbuf_addstr(out, ", as it ran</th><th></th></tr>\n");
	for (i = 0; i < n && rc == 0; i++) {
		const struct obs_row *w = &rows[i];
		const struct ix_step *s = w->step >= 0 ? &p->steps[w->step] : NULL;

		strbuf_addf(out, "<tr class=\"pair-%s\"><td>", w->pair == OBS_BOTH ? "same" :
			    w->pair == OBS_INDEX_ONLY ? "index-only" : "observed-only");
		if (s) {
			strbuf_reset(&url);
			ix_url(v->links, tree, s->sym.file, s->sym.line, &url);
			html_link(out, url.len ? url.buf : NULL, s->sym.name ? s->sym.name : "?", "src");
		} else {
			strbuf_addstr(out, "<span class=\"muted\">—</span>");
		}
		strbuf_addstr(out, "</td><td>");
		if (w->frame >= 0)
			rc = obs_frame_html(v, &st->frames[w->frame], 1, out);
		else
			strbuf_addstr(out, "<span class=\"muted\">—</span>");
		strbuf_addstr(out, "</td><td class=\"muted\">");
		html_text(out, pair_notes[w->pair]);
		strbuf_addstr(out, "</td></tr>\n");
	}
	strbuf_addstr(out, "</table>\n");
	free(rows);
	strbuf_release(&url);
	return rc;
}
