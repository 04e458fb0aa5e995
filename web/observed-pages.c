/*
 * The observed kernel on the report's pages: the overview's card, each
 * syscall's stacks merged into one tree, and kernel.html (the stack of
 * each kind of stop; the calls that waited, ranked by time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"
#include "html.h"
#include "report.h"

/* The order kernel.html shows the kinds of stop in, and what each is. */
static const struct {
	const char *stop;
	const char *what;
} stop_kinds[] = {
	{ "syscall-enter", "syscall-enter stop: the entry code's tracehook stopped it" },
	{ "seccomp", "seccomp stop: the filter of -e trace= stopped it" },
	{ "syscall-exit", "syscall-exit stop: the exit work's tracehook stopped it" },
	{ "signal", "signal-delivery stop: a signal is about to be delivered" },
	{ "group-stop", "group-stop: a stop signal stopped it" },
	{ "fork", "fork event" },
	{ "vfork", "vfork event" },
	{ "clone", "clone event" },
	{ "exec", "exec event: execve replaced the program" },
	{ "exit", "exit event: the task is ending" },
};

void report_observed_call(struct report *r, const struct tracedb_call *c, int sci)
{
	int first, n = obs_samples_of(&r->obs, c->seq, &first), i;
	struct report_wait *w;

	if (!n)
		return;
	for (i = first; i < first + n; i++)
		r->sample_sc[i] = sci;
	if (r->nwaits == r->waits_alloc) {
		r->waits_alloc = r->waits_alloc ? r->waits_alloc * 2 : 64;
		r->waits = xrealloc(r->waits, (size_t)r->waits_alloc * sizeof(*r->waits));
	}
	w = &r->waits[r->nwaits++];
	w->seq = c->seq;
	w->tid = c->tid;
	w->t = c->t0;
	w->dur = c->flags & (TRACEDB_UNFINISHED | TRACEDB_NO_RETURN) ? -1 : c->t1 - c->t0;
	w->sc = sci;
	w->first = first;
	w->n = n;
}

/* Is stop s of syscall sc? */
static int stop_of_sc(const struct obs_stop *s, const struct report_sc *sc)
{
	return s->has_nr && s->nr == sc->nr && !strcmp(s->abi, sc->abi ? sc->abi : "") &&
	       (!strcmp(s->stop, "syscall-enter") || !strcmp(s->stop, "syscall-exit") ||
		!strcmp(s->stop, "seccomp"));
}

/* Where stacks are missing, say why, with the fix. */
static void why_none(struct report *r, struct strbuf *out)
{
	const struct obs *o = &r->obs;

	strbuf_addstr(out, "<p class=\"note\">");
	if (!o->have)
		html_text(out, "This trace was recorded before kernel stacks: trace it again with "
			  "this sysatlas (as root) to see the running kernel's own path.");
	else if (o->note)
		html_text(out, o->note);
	else if (o->mode && !strcmp(o->mode, "off"))
		html_text(out, "Recorded with --kernel-stacks=off: trace without it (as root) to "
			  "see the running kernel's own path.");
	else
		html_text(out, "No kernel stack was recorded here.");
	strbuf_addstr(out, "</p>\n");
}

int report_observed_sc_section(struct report *r, int sci, struct strbuf *out)
{
	const struct report_sc *sc = &r->scs[sci];
	const struct obs *o = &r->obs;
	struct obs_ktree root = { 0 };
	struct obs_view v = { &r->obs, r->oix, &r->links, &r->ix };
	uint64_t stops = 0, samples = 0;
	int i, rc = 0;

	strbuf_addstr(out, "<section class=\"observed\"><h2>The running kernel</h2>\n");
	for (i = 0; i < o->nstops; i++)
		if (stop_of_sc(&o->stops[i], sc)) {
			obs_ktree_add(&root, &o->stacks[o->stops[i].stack], 0);
			stops++;
		}
	for (i = 0; i < o->nsamples; i++)
		if (r->sample_sc[i] == sci) {
			obs_ktree_add(&root, &o->stacks[o->samples[i].stack], 1);
			samples++;
		}
	if (!stops && !samples) {
		why_none(r, out);
	} else {
		strbuf_addstr(out, "<p class=\"muted\">The stacks of its calls on ");
		html_text(out, r->run.kernel_release ? r->run.kernel_release : "?");
		strbuf_addf(out, ", outermost first, merged: %llu at its stops, %llu sampled while a "
			    "call waited.  Each frame links to the running version's source",
			    (unsigned long long)stops, (unsigned long long)samples);
		if (r->oix->kernel.version) {
			strbuf_addstr(out, ", and to ");
			html_text(out, r->oix->kernel.version);
			strbuf_addstr(out, " where the index has it");
		}
		strbuf_addstr(out, ".</p>\n");
		/* drawn by the page (draw.js) from this data block */
		strbuf_addstr(out, "<div id=\"sc-ktree\" class=\"graph drawn\"></div>\n"
			      "<script type=\"application/json\" id=\"sc-ktree-data\">");
		rc = obs_ktree_json(&v, &root, out);
		strbuf_addstr(out, "</script>\n");

	}
	strbuf_addstr(out, "</section>\n");
	obs_ktree_free(&root);
	return rc;
}

/* The source names of the functions on syscall sci's observed stacks. */
struct seen_names {
	char **v;
	size_t n, alloc;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void seen_add_stack(struct seen_names *s, const struct obs_stack *st)
{
	struct strbuf name = STRBUF_INIT;
	int d;

	for (d = 0; d < st->depth; d++) {
		strbuf_reset(&name);
		obs_source_name(st->frames[d].func, &name);
		if (s->n == s->alloc) {
			s->alloc = s->alloc ? s->alloc * 2 : 64;
			s->v = xrealloc(s->v, s->alloc * sizeof(*s->v));
		}
		s->v[s->n++] = strbuf_detach(&name, NULL);
	}
	strbuf_release(&name);
}

static int seen_has(const char *name, void *arg)
{
	const struct seen_names *s = arg;

	return s->n && bsearch(&name, s->v, s->n, sizeof(*s->v), cmp_str) != NULL;
}

static void seen_collect(struct report *r, int sci, struct seen_names *s)
{
	const struct obs *o = &r->obs;
	int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < o->nstops; i++)
		if (stop_of_sc(&o->stops[i], &r->scs[sci]))
			seen_add_stack(s, &o->stacks[o->stops[i].stack]);
	for (i = 0; i < o->nsamples; i++)
		if (r->sample_sc[i] == sci)
			seen_add_stack(s, &o->stacks[o->samples[i].stack]);
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

static void seen_free(struct seen_names *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

int report_observed_calltree(struct report *r, int sci, struct ctree *out)
{
	const struct report_sc *sc = &r->scs[sci];
	const struct ix_syscall *osc = report_observed_syscall(r, sc);
	struct seen_names seen;

	memset(out, 0, sizeof(*out));
	if (!osc || !osc->definition.id)
		return 0;
	if (ctree_load(r->oix, &osc->definition, CALLTREE_DEPTH, out) < 0)
		return -1;
	seen_collect(r, sci, &seen);
	ctree_mark(out, seen_has, &seen);
	seen_free(&seen);
	return 1;
}

void report_observed_card(struct report *r, struct strbuf *out)
{
	const struct obs *o = &r->obs;

	strbuf_addstr(out, "<section class=\"card\"><h2>The running kernel</h2>\n");
	if (!o->nstops && !o->nsamples) {
		why_none(r, out);
	} else {
		strbuf_addstr(out, "<table class=\"facts\">\n<tr><th>traced on</th><td>");
		html_text(out, r->run.kernel_release ? r->run.kernel_release : "?");
		if (o->running[0]) {
			strbuf_addstr(out, " (upstream ");
			html_text(out, o->running);
			strbuf_addstr(out, ")");
		}
		strbuf_addf(out, "</td></tr>\n<tr><th>stacks</th><td>%d distinct: %d at stops "
			    "(--kernel-stacks=", o->nstacks, o->nstops);
		html_text(out, o->mode ? o->mode : "?");
		strbuf_addf(out, "), %d samples of %d calls that waited</td></tr>\n", o->nsamples,
			    r->nwaits);
		strbuf_addstr(out, "<tr><th>explore</th><td><a href=\"kernel.html\">the kernel "
			      "page</a> — its path at each kind of stop, and where calls "
			      "waited</td></tr>\n</table>\n");
		if (o->note) {
			strbuf_addstr(out, "<p class=\"note\">");
			html_text(out, o->note);
			strbuf_addstr(out, "</p>\n");
		}
	}
	strbuf_addstr(out, "</section>\n");
}

static int wait_by_time(const void *a, const void *b)
{
	const struct report_wait *x = a, *y = b;
	int64_t dx = x->dur < 0 ? TRACEDB_MAX_T : x->dur, dy = y->dur < 0 ? TRACEDB_MAX_T : y->dur;

	return dx < dy ? 1 : dx > dy ? -1 : (x->seq > y->seq) - (x->seq < y->seq);
}

/* The stack a call's samples show most often. */
static int main_stack(const struct obs *o, const struct report_wait *w, int *count)
{
	int i, j, best = -1, best_n = 0;

	for (i = w->first; i < w->first + w->n; i++) {
		int n = 0;

		for (j = w->first; j < w->first + w->n; j++)
			n += o->samples[j].stack == o->samples[i].stack;
		if (n > best_n) {
			best_n = n;
			best = o->samples[i].stack;
		}
	}
	*count = best_n;
	return best;
}

/* At most this many waiting calls are listed on kernel.html. */
#define REPORT_WAITS_LISTED 200

int report_observed_page(struct report *r, struct strbuf *out)
{
	const struct obs *o = &r->obs;
	struct obs_view v = { &r->obs, r->oix, &r->links, &r->ix };
	struct report_wait *w = NULL;
	size_t k;
	int i, rc = -1, shown = 0;

	strbuf_addstr(out, "<h1>The running kernel</h1>\n<p class=\"muted\">What the kernel that "
		      "ran the program showed of itself: the stack of a stopped task "
		      "(<code>/proc/TID/stack</code>, read by the tracer at ptrace stops) and of a "
		      "task asleep inside a call (sampled while it waited). ");
	html_text(out, r->run.kernel_release ? r->run.kernel_release : "?");
	if (o->running[0]) {
		strbuf_addstr(out, " is upstream ");
		html_text(out, o->running);
	}
	strbuf_addstr(out, "; frames link to that version's source");
	if (r->oix->kernel.version) {
		strbuf_addstr(out, " and, tagged ");
		html_text(out, r->oix->kernel.version);
		strbuf_addstr(out, ", to the index's line");
	}
	strbuf_addstr(out, ".</p>\n");
	if (!o->nstops && !o->nsamples) {
		why_none(r, out);
		return 0;
	}
	strbuf_addstr(out, "<section><h2>At each kind of stop</h2>\n");
	for (k = 0; k < sizeof(stop_kinds) / sizeof(stop_kinds[0]); k++) {
		const struct obs_stop *s = NULL;
		int n = 0;

		for (i = 0; i < o->nstops; i++)
			if (!strcmp(o->stops[i].stop, stop_kinds[k].stop)) {
				if (!s)
					s = &o->stops[i];
				n++;
			}
		if (!s)
			continue;
		strbuf_addstr(out, "<h3>");
		html_text(out, stop_kinds[k].what);
		strbuf_addf(out, "</h3>\n<p class=\"muted\">%d recorded; the first", n);
		if (s->seq)
			strbuf_addf(out, ", <a href=\"timeline.html#e=%lld\">event #%lld</a>",
				    (long long)s->seq, (long long)s->seq);
		strbuf_addf(out, " (task %lld):</p>\n", (long long)s->tid);
		if (obs_stack_html(&v, &o->stacks[s->stack], out) < 0)
			goto cleanup;
	}
	strbuf_addstr(out, "</section>\n<section><h2>Where calls waited</h2>\n");
	if (!r->nwaits) {
		strbuf_addstr(out, "<p class=\"muted\">No call stayed long enough inside the kernel "
			      "to be sampled (the first sample is taken 2 ms in).</p>\n");
	} else {
		w = xcalloc((size_t)r->nwaits, sizeof(*w));
		memcpy(w, r->waits, (size_t)r->nwaits * sizeof(*w));
		qsort(w, (size_t)r->nwaits, sizeof(*w), wait_by_time);
		strbuf_addf(out, "<p class=\"muted\">%d calls, the longest first%s. Where each "
			    "waited is the stack its samples showed most.</p>\n"
			    "<table class=\"occ\"><thead><tr><th>call</th><th>task</th>"
			    "<th class=\"num\">time in the call</th><th class=\"num\">samples</th>"
			    "<th>where it waited, innermost first</th></tr></thead>\n<tbody>\n",
			    r->nwaits, r->nwaits > REPORT_WAITS_LISTED ? " (the first 200)" : "");
		for (i = 0; i < r->nwaits && shown < REPORT_WAITS_LISTED; i++, shown++) {
			const struct report_sc *sc = &r->scs[w[i].sc];
			int count, st = main_stack(o, &w[i], &count), d;

			strbuf_addf(out, "<tr><td><a href=\"timeline.html#e=%lld\">#%lld ",
				    (long long)w[i].seq, (long long)w[i].seq);
			html_text(out, sc->name);
			strbuf_addf(out, "</a></td><td class=\"num\">%lld</td><td class=\"num\">",
				    (long long)w[i].tid);
			if (w[i].dur < 0)
				strbuf_addstr(out, "did not return");
			else
				strbuf_addf(out, "%.3f ms", (double)w[i].dur / 1e6);
			strbuf_addf(out, "</td><td class=\"num\">%d</td><td>", w[i].n);
			for (d = 0; st >= 0 && d < o->stacks[st].depth && d < 4; d++) {
				if (d)
					strbuf_addstr(out, " ← ");
				if (obs_frame_html(&v, &o->stacks[st].frames[d], 1, out) < 0)
					goto cleanup;
			}
			if (st >= 0 && o->stacks[st].depth > 4)
				strbuf_addstr(out, " ← …");
			strbuf_addstr(out, "</td></tr>\n");
		}
		strbuf_addstr(out, "</tbody></table>\n");
	}
	strbuf_addstr(out, "</section>\n");
	rc = 0;
cleanup:
	free(w);
	return rc;
}
