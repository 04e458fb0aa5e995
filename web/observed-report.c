/*
 * The observed kernel in the report: the running kernel's stack beside
 * the indexed path in a round trip, every distinct stack as data for the
 * event view (data/kstacks.js), and where each call waited (its samples,
 * one entry per distinct stack, in the call's detail row).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"
#include "report.h"

static const char *const pair_names[] = { "same", "index-only", "observed-only" };

/* "func+0x1a/0x40 [mod]" */
static void frame_text(const struct obs_frame *f, struct strbuf *out)
{
	strbuf_addstr(out, f->func);
	if (f->offset >= 0 && f->size >= 0)
		strbuf_addf(out, "+0x%llx/0x%llx", (unsigned long long)f->offset,
			    (unsigned long long)f->size);
	if (f->module)
		strbuf_addf(out, " [%s]", f->module);
}

/* The running kernel's name, for titles: "Linux 6.18.44-fc-v1272". */
static void running_label(const struct report *r, struct strbuf *out)
{
	strbuf_addf(out, "Linux %s", r->run.kernel_release ? r->run.kernel_release : "?");
}

/*
 * The stack at stop of syscall sc: for an enter stop under a seccomp
 * filter, the seccomp stop's.  -1: none.
 */
static int sc_stack(struct report *r, const struct report_sc *sc, const char *stop)
{
	int si = obs_stop_stack(&r->obs, stop, sc->abi ? sc->abi : "", sc->nr);

	if (si < 0 && !strcmp(stop, "syscall-enter"))
		si = obs_stop_stack(&r->obs, "seccomp", sc->abi ? sc->abi : "", sc->nr);
	return si;
}

/*
 * ,"also":{"index":…,"rows":[…]}, rows as in "rows" (pair, step, step url,
 * frame text, frame url, aligned index's line, this index's line): the
 * stack aligned with the main index's path too, when the stacks are
 * aligned with another (the current kernel's).
 */
static int also_rows(struct report *r, const struct obs_stack *st, const char *path_name,
		     struct strbuf *json)
{
	const struct ix_tree *tree = ix_path_tree(&r->ix, path_name);
	const struct ix_path *p;
	struct obs_row *rows = NULL;
	struct strbuf t = STRBUF_INIT, u = STRBUF_INIT, x = STRBUF_INIT, y = STRBUF_INIT;
	int n, i, rc = 0;

	if (ix_path_get(&r->ix, path_name, &p) < 0 ||
	    (n = obs_align(&r->obs, &r->ix, p, st, &rows)) < 0)
		return -1;
	strbuf_addstr(json, ",\"also\":{\"index\":");
	escape_js_string_str(json, r->ix.kernel.version ? r->ix.kernel.version : "");
	strbuf_addstr(json, ",\"rows\":[");
	for (i = 0; i < n; i++) {
		const struct ix_step *s = rows[i].step >= 0 ? &p->steps[rows[i].step] : NULL;

		strbuf_addf(json, "%s[\"%s\",", i ? "," : "", pair_names[rows[i].pair]);
		escape_js_string_str(json, s && s->sym.name ? s->sym.name : "");
		strbuf_addch(json, ',');
		strbuf_reset(&t);
		if (s)
			ix_url(&r->links, tree, s->sym.file, s->sym.line, &t);
		escape_js_string(json, t.buf, t.len);
		strbuf_addch(json, ',');
		if (rows[i].frame >= 0) {
			const char *func = st->frames[rows[i].frame].func;

			strbuf_reset(&t);
			frame_text(&st->frames[rows[i].frame], &t);
			strbuf_reset(&u);
			strbuf_reset(&x);
			strbuf_reset(&y);
			if (obs_frame_urls(&r->obs, r->oix, &r->links, func, &u, &x) < 0 ||
			    obs_index_url(&r->obs, &r->ix, &r->links, func, &y) < 0) {
				rc = -1;
				break;
			}
			escape_js_string(json, t.buf, t.len);
			strbuf_addch(json, ',');
			escape_js_string(json, u.buf, u.len);
			strbuf_addch(json, ',');
			escape_js_string(json, x.buf, x.len);
			strbuf_addch(json, ',');
			escape_js_string(json, y.buf, y.len);
		} else {
			strbuf_addstr(json, "\"\",\"\",\"\",\"\"");
		}
		strbuf_addch(json, ']');
	}
	strbuf_addstr(json, "]}");
	strbuf_release(&t);
	strbuf_release(&u);
	strbuf_release(&x);
	strbuf_release(&y);
	free(rows);
	return rc;
}

int report_observed_beside(struct report *r, struct graph *g, const char *const *row,
			   int nrow, const char *above, const char *id, const char *stop,
			   const char *path_name, const struct report_sc *sc, struct strbuf *json)
{
	struct obs *o = &r->obs;
	const struct ix_path *p;
	const struct obs_stack *st;
	struct obs_row *rows = NULL;
	struct graph_row *gr = NULL;
	struct strbuf *texts = NULL, *urls = NULL, *idx = NULL;
	struct strbuf title = STRBUF_INIT, step_url = STRBUF_INIT;
	const struct ix_tree *tree = ix_path_tree(r->oix, path_name);
	int also = r->oix != &r->ix && r->ix.kernel.id;
	int si, n, i, rc = -1;

	if (json->len)
		strbuf_addstr(json, ",\n");
	strbuf_addstr(json, "{\"stop\":");
	escape_js_string_str(json, stop);
	si = o->have ? sc_stack(r, sc, stop) : -1;
	if (si < 0) {
		/* say why there is nothing to show */
		strbuf_addstr(json, ",\"none\":");
		escape_js_string_str(json, !o->have ? "this trace was recorded before kernel stacks" :
				     o->note ? o->note :
				     o->mode && !strcmp(o->mode, "off") ? "recorded with --kernel-stacks=off" :
				     "no stack was recorded at this stop");
		strbuf_addch(json, '}');
		return 0;
	}
	st = &o->stacks[si];
	if (ix_path_get(r->oix, path_name, &p) < 0)
		return -1;
	n = obs_align(o, r->oix, p, st, &rows);
	if (n < 0)
		return -1;
	gr = xcalloc((size_t)n + 1, sizeof(*gr));
	texts = xcalloc((size_t)n + 1, sizeof(*texts));
	urls = xcalloc((size_t)n + 1, sizeof(*urls));
	idx = xcalloc((size_t)n + 1, sizeof(*idx));
	strbuf_addstr(json, ",\"running\":");
	strbuf_reset(&title);
	running_label(r, &title);
	escape_js_string_str(json, title.buf);
	strbuf_addstr(json, ",\"index\":");
	escape_js_string_str(json, r->oix->kernel.version ? r->oix->kernel.version : "");
	strbuf_addstr(json, ",\"rows\":[");
	for (i = 0; i < n; i++) {
		const struct obs_row *w = &rows[i];
		const struct ix_step *s = w->step >= 0 ? &p->steps[w->step] : NULL;

		strbuf_init(&texts[i], 0);
		strbuf_init(&urls[i], 0);
		strbuf_init(&idx[i], 0);
		if (w->frame >= 0) {
			frame_text(&st->frames[w->frame], &texts[i]);
			if (obs_frame_urls(o, r->oix, &r->links, st->frames[w->frame].func,
					   &urls[i], &idx[i]) < 0)
				goto cleanup;
			gr[i].text = texts[i].buf;
			gr[i].href = urls[i].len ? urls[i].buf : NULL;
			gr[i].plain = !urls[i].len;
			gr[i].note = w->pair == OBS_BOTH ? "same step" : "this kernel's own";
		} else {
			strbuf_addf(&texts[i], "(%s)", s && s->sym.name ? s->sym.name : "?");
			gr[i].text = texts[i].buf;
			gr[i].plain = 1;
			gr[i].note = "inlined or renamed here";
		}
		strbuf_reset(&step_url);
		if (s)
			ix_url(&r->links, tree, s->sym.file, s->sym.line, &step_url);
		strbuf_addf(json, "%s[\"%s\",", i ? "," : "", pair_names[w->pair]);
		escape_js_string_str(json, s && s->sym.name ? s->sym.name : "");
		strbuf_addch(json, ',');
		escape_js_string(json, step_url.buf, step_url.len);
		strbuf_addch(json, ',');
		if (w->frame >= 0) {
			escape_js_string(json, texts[i].buf, texts[i].len);
			strbuf_addch(json, ',');
			escape_js_string(json, urls[i].buf, urls[i].len);
			strbuf_addch(json, ',');
			escape_js_string(json, idx[i].buf, idx[i].len);
			if (also) {
				strbuf_reset(&step_url);
				if (obs_index_url(o, &r->ix, &r->links, st->frames[w->frame].func,
						  &step_url) < 0)
					goto cleanup;
				strbuf_addch(json, ',');
				escape_js_string(json, step_url.buf, step_url.len);
			}
		} else {
			strbuf_addstr(json, also ? "\"\",\"\",\"\",\"\"" : "\"\",\"\",\"\"");
		}
		strbuf_addch(json, ']');
	}
	strbuf_addch(json, ']');
	if (also && also_rows(r, st, path_name, json) < 0)
		goto cleanup;
	strbuf_addch(json, '}');

	strbuf_reset(&title);
	strbuf_addstr(&title, "observed on ");
	running_label(r, &title);
	if (also)
		strbuf_addf(&title, ", beside %s", r->oix->kernel.version ? r->oix->kernel.version :
			    "the current kernel");
	if (web_graph_table_node_add(g, NULL, id, title.buf, gr, n, "#f3eefb") < 0 ||
	    web_graph_node_set(g, id, "group", "observed") < 0)
		goto cleanup;
	{
		/* on the row of the indexed node, right of the row's other nodes */
		const char **same = xcalloc((size_t)nrow + 1, sizeof(*same));
		struct graph_attrs ea = { .style = "dashed", .label = "as it ran", .weight = 0 };
		struct graph_attrs col = { .style = "invis", .weight = 8 };

		memcpy(same, row, (size_t)nrow * sizeof(*same));
		same[nrow] = id;
		rc = web_graph_rank_same(g, same, nrow + 1) < 0 ||
		     web_graph_edge_add(g, row[1], id, &ea) < 0 ||
		     (above && web_graph_edge_add(g, above, id, &col) < 0) ? -1 : 0;
		free(same);
		if (rc < 0)
			goto cleanup;
	}
	rc = 1;
cleanup:
	for (i = 0; i < n; i++) {
		strbuf_release(&texts[i]);
		strbuf_release(&urls[i]);
		strbuf_release(&idx[i]);
	}
	free(texts);
	free(urls);
	free(idx);
	free(gr);
	free(rows);
	strbuf_release(&title);
	strbuf_release(&step_url);
	return rc;
}

int report_observed_waits(struct report *r, int64_t call_seq, struct strbuf *out)
{
	const struct obs *o = &r->obs;
	int first, n = obs_samples_of(o, call_seq, &first), i, j, put = 0;

	if (!n)
		return 0;
	strbuf_addstr(out, ",[");
	/* one entry per distinct stack: [stack, count, first t, last t, states] */
	for (i = first; i < first + n; i++) {
		int seen = 0, count = 0;
		int64_t t0 = o->samples[i].t, t1 = o->samples[i].t;
		char states[8] = "";

		for (j = first; j < i && !seen; j++)
			seen = o->samples[j].stack == o->samples[i].stack;
		if (seen)
			continue;
		for (j = i; j < first + n; j++) {
			const struct obs_sample *s = &o->samples[j];
			size_t k;

			if (s->stack != o->samples[i].stack)
				continue;
			count++;
			t1 = s->t;
			if (s->state && !strchr(states, s->state) &&
			    (k = strlen(states)) + 1 < sizeof(states)) {
				states[k] = s->state;
				states[k + 1] = '\0';
			}
		}
		strbuf_addf(out, "%s[%d,%d,%lld,%lld,", put++ ? "," : "", o->samples[i].stack, count,
			    (long long)t0, (long long)t1);
		escape_js_string_str(out, states);
		strbuf_addch(out, ']');
	}
	strbuf_addch(out, ']');
	return n;
}

int report_observed_data(struct report *r)
{
	struct obs *o = &r->obs;
	struct strbuf out = STRBUF_INIT, t = STRBUF_INIT, url = STRBUF_INIT, idx = STRBUF_INIT;
	int i, d, rc = -1;

	strbuf_addstr(&out, "sysatlas.kstacks({\"running\":");
	strbuf_reset(&t);
	running_label(r, &t);
	escape_js_string_str(&out, t.buf);
	strbuf_addstr(&out, ",\"upstream\":");
	escape_js_string_str(&out, o->running);
	strbuf_addstr(&out, ",\"index\":");
	escape_js_string_str(&out, r->oix->kernel.version ? r->oix->kernel.version : "");
	if (r->oix != &r->ix && r->ix.kernel.id) {
		strbuf_addstr(&out, ",\"also\":");
		escape_js_string_str(&out, r->ix.kernel.version ? r->ix.kernel.version : "");
	}
	strbuf_addstr(&out, ",\"note\":");
	escape_js_string_str(&out, !o->have ? "This trace was recorded before kernel stacks." :
			     o->note ? o->note : "");
	strbuf_addstr(&out, ",\"stacks\":[");
	for (i = 0; i < o->nstacks; i++) {
		const struct obs_stack *st = &o->stacks[i];

		strbuf_addstr(&out, i ? ",\n[" : "\n[");
		for (d = 0; d < st->depth; d++) {
			strbuf_reset(&t);
			strbuf_reset(&url);
			strbuf_reset(&idx);
			frame_text(&st->frames[d], &t);
			if (obs_frame_urls(o, r->oix, &r->links, st->frames[d].func, &url, &idx) < 0)
				goto cleanup;
			strbuf_addstr(&out, d ? ",[" : "[");
			escape_js_string(&out, t.buf, t.len);
			strbuf_addch(&out, ',');
			escape_js_string(&out, url.buf, url.len);
			strbuf_addch(&out, ',');
			escape_js_string(&out, idx.buf, idx.len);
			if (r->oix != &r->ix && r->ix.kernel.id) {
				strbuf_reset(&idx);
				if (obs_index_url(o, &r->ix, &r->links, st->frames[d].func, &idx) < 0)
					goto cleanup;
				strbuf_addch(&out, ',');
				escape_js_string(&out, idx.buf, idx.len);
			}
			strbuf_addch(&out, ']');
		}
		strbuf_addch(&out, ']');
	}
	strbuf_addstr(&out, "]});\n");
	rc = report_write_file(r, "data/kstacks.js", &out);
cleanup:
	strbuf_release(&out);
	strbuf_release(&t);
	strbuf_release(&url);
	strbuf_release(&idx);
	return rc;
}
