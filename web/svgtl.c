/*
 * `sysatlas report --svg-timeline FROM..TO`: part of a trace as a
 * graphviz timeline (svgtl.h), written as FILE.svg and FILE.dot.
 *
 * The trace is streamed once; the calls and markers in the range are
 * kept in two bounded max-heaps by seq (the first max_calls calls, the
 * first 4 * max_calls markers), so memory is bounded by the limit, not
 * by the range.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "db.h"
#include "error.h"
#include "graph.h"
#include "index-read.h"
#include "links.h"
#include "outfile.h"
#include "redact.h"
#include "schema.h"
#include "signame.h"
#include "svgtl.h"
#include "tracedb.h"
#include "web.h"

struct svgtl_item {
	int64_t seq, t0, t1;
	int lane;
	int is_call;
	/* calls */
	char *abi;			/* NULL: native */
	long nr;
	unsigned flags;
	int64_t retval;
	/* markers */
	enum tracedb_marker_kind kind;
	char *event_kind;
	int64_t other_tid, status;
	int has_status;
	char *text;			/* the strace line, the exec'd path, … */
};

struct svgtl_heap {
	struct svgtl_item *items;
	int n, cap;
	uint64_t total;			/* items in the range, kept or not */
};

struct svgtl {
	const struct web_report_opts *o;
	struct svgtl_range range;
	sqlite3 *trace;
	struct tracedb_run run;
	struct ix ix;
	struct links links;
	struct svgtl_heap calls, markers;
	struct svgtl_item *items;	/* both, by seq, cut */
	int nitems;
	int64_t cut_seq;		/* 0: nothing cut */
	int ncalls;			/* calls in items */
};

static void svgtl_item_release(struct svgtl_item *it)
{
	free(it->abi);
	free(it->event_kind);
	free(it->text);
}

static void svgtl_heap_swap(struct svgtl_heap *h, int a, int b)
{
	struct svgtl_item t = h->items[a];

	h->items[a] = h->items[b];
	h->items[b] = t;
}

static void svgtl_heap_down(struct svgtl_heap *h, int i)
{
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;

		if (l < h->n && h->items[l].seq > h->items[m].seq)
			m = l;
		if (r < h->n && h->items[r].seq > h->items[m].seq)
			m = r;
		if (m == i)
			return;
		svgtl_heap_swap(h, i, m);
		i = m;
	}
}

/* Whether an item of seq is kept: one of the cap smallest seqs so far. */
static int svgtl_heap_wants(struct svgtl_heap *h, int64_t seq)
{
	h->total++;
	return h->n < h->cap || seq < h->items[0].seq;
}

/* Keep it (after svgtl_heap_wants()), evicting the largest seq if full. */
static void svgtl_heap_push(struct svgtl_heap *h, const struct svgtl_item *it)
{
	int i;

	if (h->n == h->cap) {
		svgtl_item_release(&h->items[0]);
		h->items[0] = *it;
		svgtl_heap_down(h, 0);
		return;
	}
	i = h->n++;
	h->items[i] = *it;
	while (i > 0 && h->items[(i - 1) / 2].seq < h->items[i].seq) {
		svgtl_heap_swap(h, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static int svgtl_in_range(const struct svgtl *s, int64_t seq, int64_t t, int lane)
{
	switch (s->range.kind) {
	case SVGTL_SEQ:
		return seq >= s->range.from && seq <= s->range.to;
	case SVGTL_TIME:
		return t >= s->range.from && t <= s->range.to;
	case SVGTL_PID:
		return lane >= 0 && lane < s->run.ntasks && s->run.tasks[lane].tgid == s->range.from;
	}
	return 0;
}

static char *svgtl_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The item's text: as recorded, or with --redact its strings' lengths only. */
static char *svgtl_text(const struct svgtl *s, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	if (!text)
		text = "";
	if (s->o->redact)
		redact_strings(&sb, text, strlen(text));
	else
		strbuf_addstr(&sb, text);
	return strbuf_detach(&sb, NULL);
}

static int svgtl_on_call(void *ctx, const struct tracedb_call *c)
{
	struct svgtl *s = ctx;
	struct svgtl_item it = { 0 };

	if (!svgtl_in_range(s, c->seq, c->t0, c->lane) || !svgtl_heap_wants(&s->calls, c->seq))
		return 0;
	it.seq = c->seq;
	it.is_call = 1;
	it.t0 = c->t0;
	it.t1 = c->t1;
	it.lane = c->lane;
	it.abi = svgtl_dup(c->abi);
	it.nr = c->nr;
	it.flags = c->flags;
	it.retval = c->retval;
	it.text = svgtl_text(s, c->text);
	svgtl_heap_push(&s->calls, &it);
	return 0;
}

static int svgtl_on_marker(void *ctx, const struct tracedb_marker *m)
{
	struct svgtl *s = ctx;
	struct svgtl_item it = { 0 };

	if (m->kind == TRACEDB_DETACH || !svgtl_in_range(s, m->seq, m->t, m->lane) ||
	    !svgtl_heap_wants(&s->markers, m->seq))
		return 0;
	it.seq = m->seq;
	it.t0 = it.t1 = m->t;
	it.lane = m->lane;
	it.kind = m->kind;
	it.event_kind = svgtl_dup(m->event_kind);
	it.nr = m->nr;
	it.other_tid = m->other_tid;
	it.status = m->status;
	it.has_status = m->has_status;
	it.text = svgtl_text(s, m->text);
	svgtl_heap_push(&s->markers, &it);
	return 0;
}

static int svgtl_cmp_seq(const void *a, const void *b)
{
	const struct svgtl_item *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Merge the kept calls and markers by seq into s->items, cutting both at
 * the last seq each kept in full: what is drawn is everything of the
 * range up to cut_seq.
 */
static void svgtl_merge(struct svgtl *s)
{
	int64_t cut = INT64_MAX;
	int i;

	if (s->calls.total > (uint64_t)s->calls.n && s->calls.n)
		cut = s->calls.items[0].seq;
	if (s->markers.total > (uint64_t)s->markers.n && s->markers.n &&
	    s->markers.items[0].seq < cut)
		cut = s->markers.items[0].seq;
	s->cut_seq = cut == INT64_MAX ? 0 : cut;
	s->items = xcalloc((size_t)s->calls.n + s->markers.n + 1, sizeof(*s->items));
	for (i = 0; i < s->calls.n; i++) {
		if (s->calls.items[i].seq > cut) {
			svgtl_item_release(&s->calls.items[i]);
			continue;
		}
		s->items[s->nitems++] = s->calls.items[i];
		s->ncalls++;
	}
	for (i = 0; i < s->markers.n; i++) {
		if (s->markers.items[i].seq > cut) {
			svgtl_item_release(&s->markers.items[i]);
			continue;
		}
		s->items[s->nitems++] = s->markers.items[i];
	}
	s->calls.n = s->markers.n = 0;
	qsort(s->items, (size_t)s->nitems, sizeof(*s->items), svgtl_cmp_seq);
}

/* "1.2 µs" style. */
static void svgtl_duration(struct strbuf *out, int64_t ns)
{
	if (ns < 1000)
		strbuf_addf(out, "%lld ns", (long long)ns);
	else if (ns < 1000000)
		strbuf_addf(out, "%.1f µs", ns / 1e3);
	else if (ns < 1000000000)
		strbuf_addf(out, "%.2f ms", ns / 1e6);
	else
		strbuf_addf(out, "%.3f s", ns / 1e9);
}

/* The syscall's name: the index's, else the start of the strace line. */
static void svgtl_call_name(const struct ix_syscall *isc, const struct svgtl_item *it,
			    struct strbuf *out)
{
	size_t n = 0;
	const char *t = it->text;

	if (isc && isc->name) {
		strbuf_addstr(out, isc->name);
		return;
	}
	while ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= '0' && t[n] <= '9') || t[n] == '_')
		n++;
	if (n && n <= 48 && t[n] == '(')
		strbuf_add(out, t, n);
	else
		strbuf_addf(out, "syscall_%ld", it->nr);
}

/* "= -1 ENOENT" from the strace line's end, else the number. */
static void svgtl_call_result(const struct svgtl_item *it, struct strbuf *out)
{
	const char *eq = NULL, *p = it->text, *end;
	size_t len;

	if (it->flags & TRACEDB_UNFINISHED) {
		strbuf_addstr(out, "unfinished");
		return;
	}
	if (it->flags & TRACEDB_NO_RETURN) {
		strbuf_addstr(out, "did not return");
		return;
	}
	while ((p = strstr(p, ") = ")))
		eq = p++;
	if (!eq) {
		strbuf_addf(out, "= %lld", (long long)it->retval);
		return;
	}
	eq += 2;
	end = strstr(eq, " (");
	len = end ? (size_t)(end - eq) : strlen(eq);
	if (len > 40)
		len = 40;
	strbuf_add(out, eq, len);
}

static void svgtl_node_id(struct strbuf *id, const struct svgtl_item *it)
{
	strbuf_reset(id);
	web_graph_id_int(id, it->is_call ? "c" : "m", it->seq);
}

static void svgtl_lane_id(struct strbuf *id, int lane)
{
	strbuf_reset(id);
	web_graph_id_int(id, "L", lane);
}

/* One call: a table node, its rows linking its round trip and its definition. */
static int svgtl_call_node(struct svgtl *s, struct graph *g, const struct svgtl_item *it,
			   const char *cluster, const char *id)
{
	const struct ix_syscall *isc = NULL;
	struct strbuf title = STRBUF_INIT, res = STRBUF_INIT, rt = STRBUF_INIT,
		      def = STRBUF_INIT, where = STRBUF_INIT;
	struct graph_row rows[2];
	int failed = it->flags & TRACEDB_ERROR, rc = -1;

	if (ix_syscall_get(&s->ix, it->abi, it->nr, &isc) < 0)
		goto cleanup;
	if (failed)
		strbuf_addstr(&title, "\xe2\x9c\x97 ");		/* ✗: a mark, not only a colour */
	svgtl_call_name(isc, it, &title);
	strbuf_addf(&title, "  #%lld", (long long)it->seq);
	svgtl_call_result(it, &res);
	if (!(it->flags & (TRACEDB_UNFINISHED | TRACEDB_NO_RETURN))) {
		strbuf_addstr(&res, " \xc2\xb7 ");
		svgtl_duration(&res, it->t1 - it->t0);
	}
	strbuf_addf(&rt, "%stimeline.html#e=%lld", s->o->svg_site ? s->o->svg_site : "",
		    (long long)it->seq);
	memset(rows, 0, sizeof(rows));
	rows[0].text = res.buf;
	rows[0].href = rt.buf;
	rows[0].tooltip = it->text;
	if (isc && isc->definition.id &&
	    ix_url(&s->links, &s->ix.kernel, isc->definition.file, isc->definition.line, &def) == 0) {
		ix_symbol_where(&isc->definition, 0, &where);
		rows[1].text = where.buf;
		rows[1].href = def.buf;
		rows[1].tooltip = isc->definition.signature ? isc->definition.signature :
				  isc->definition.name;
	} else {
		rows[1].text = "no definition in the index";
		rows[1].plain = 1;
	}
	if (web_graph_table_node_add(g, cluster, id, title.buf, rows, 2,
				     failed ? "#fdecea" : "#ffffff") < 0)
		goto cleanup;
	if (web_graph_node_set(g, id, "class", failed ? "call failed" : "call") < 0)
		goto cleanup;
	if (failed && (web_graph_node_set(g, id, "peripheries", "2") < 0 ||
		       web_graph_node_set(g, id, "color", "#b3261e") < 0 ||
		       web_graph_node_set(g, id, "penwidth", "2") < 0))
		goto cleanup;
	if ((it->flags & (TRACEDB_UNFINISHED | TRACEDB_NO_RETURN)) &&
	    web_graph_node_set(g, id, "style", "rounded,filled,dashed") < 0)
		goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&title);
	strbuf_release(&res);
	strbuf_release(&rt);
	strbuf_release(&def);
	strbuf_release(&where);
	return rc;
}

static int svgtl_marker_node(struct graph *g, const struct svgtl_item *it,
			     const char *cluster, const char *id)
{
	struct graph_attrs a = { 0 };
	struct strbuf label = STRBUF_INIT, klass = STRBUF_INIT;
	char buf[24];
	int rc;

	switch (it->kind) {
	case TRACEDB_SIGNAL:
		strbuf_addf(&label, "\xe2\x9a\xa1 %s", signame(it->nr, buf, sizeof(buf)));	/* ⚡ */
		a.shape = "octagon";
		a.color = "#fff3d6";
		break;
	case TRACEDB_FORK:
		strbuf_addf(&label, "%s \xe2\x86\x92 %lld", it->event_kind ? it->event_kind : "fork",
			    (long long)it->other_tid);
		a.shape = "cds";
		a.color = "#e3efff";
		break;
	case TRACEDB_EXEC:
		strbuf_addstr(&label, "exec ");
		strbuf_add(&label, it->text, strnlen(it->text, 60));
		a.shape = "box";
		a.color = "#e6f4ea";
		break;
	case TRACEDB_EXIT:
		if (!it->has_status)
			strbuf_addstr(&label, "+++ exited");
		else if ((it->status & 0x7f) == 0)
			strbuf_addf(&label, "+++ exited with %lld", (long long)((it->status >> 8) & 0xff));
		else
			strbuf_addf(&label, "+++ killed by %s", signame(it->status & 0x7f, buf, sizeof(buf)));
		a.shape = "box";
		a.color = "#eceff1";
		break;
	default:
		strbuf_addstr(&label, "?");
		break;
	}
	strbuf_addf(&klass, "marker %s", tracedb_marker_names[it->kind]);
	a.label = label.buf;
	a.tooltip = *it->text ? it->text : label.buf;
	a.klass = klass.buf;
	a.style = "filled";
	rc = web_graph_node_add(g, cluster, id, &a);
	strbuf_release(&label);
	strbuf_release(&klass);
	return rc;
}

/* The index of the first item of lane after item i (or before: last one), -1. */
static int svgtl_lane_next(const struct svgtl *s, int lane, int i)
{
	for (i++; i < s->nitems; i++)
		if (s->items[i].lane == lane)
			return i;
	return -1;
}

static int svgtl_lane_prev(const struct svgtl *s, int lane, int i)
{
	for (i--; i >= 0; i--)
		if (s->items[i].lane == lane)
			return i;
	return -1;
}

static int svgtl_edge(struct graph *g, const struct svgtl_item *from,
		      const struct svgtl_item *to, const struct graph_attrs *a)
{
	struct strbuf f = STRBUF_INIT, t = STRBUF_INIT;
	int rc;

	svgtl_node_id(&f, from);
	svgtl_node_id(&t, to);
	rc = web_graph_edge_add(g, f.buf, t.buf, a);
	strbuf_release(&f);
	strbuf_release(&t);
	return rc;
}

/* Edges between lanes: fork to the child's first item, a thread's exec, reaping. */
static int svgtl_cross_edges(struct svgtl *s, struct graph *g)
{
	int i, j;

	for (i = 0; i < s->nitems; i++) {
		const struct svgtl_item *it = &s->items[i];
		struct graph_attrs a = { 0 };
		int lane;

		if (it->is_call)
			continue;
		if (it->kind == TRACEDB_FORK) {
			lane = tracedb_lane_at(&s->run, it->other_tid, it->seq, 1, NULL);
			if (lane < 0 || lane == it->lane || (j = svgtl_lane_next(s, lane, i)) < 0)
				continue;
			a.label = it->event_kind ? it->event_kind : "fork";
			a.color = "#1f6feb";
			a.style = "bold";
			a.klass = "fork";
			if (svgtl_edge(g, it, &s->items[j], &a) < 0)
				return -1;
		} else if (it->kind == TRACEDB_EXEC && it->other_tid &&
			   it->other_tid != s->run.tasks[it->lane].tid) {
			/* a thread exec'd: the process goes on in the leader's lane */
			lane = tracedb_lane_at(&s->run, it->other_tid, it->seq, 0, NULL);
			if (lane < 0 || lane == it->lane || (j = svgtl_lane_prev(s, lane, i)) < 0)
				continue;
			a.label = "exec";
			a.color = "#2e7d32";
			a.style = "bold";
			a.klass = "exec";
			if (svgtl_edge(g, &s->items[j], it, &a) < 0)
				return -1;
		} else if (it->kind == TRACEDB_EXIT) {
			/*
			 * a process's end, to the wait4 of its parent that
			 * reaped it (often entered before the child exited)
			 */
			const struct tracedb_task *t = &s->run.tasks[it->lane];

			if (t->tid != t->tgid || !t->parent_tid)
				continue;
			for (j = 0; j < s->nitems; j++) {
				const struct svgtl_item *w = &s->items[j];
				const struct tracedb_task *wt = &s->run.tasks[w->lane];

				if (w->is_call && !w->abi && w->nr == 61 && w->retval == t->tid &&
				    (wt->tid == t->parent_tid || wt->tgid == t->parent_tid))
					break;
			}
			if (j == s->nitems)
				continue;
			a.loose = 1;
			a.label = "reaped";
			a.color = "#6d4c41";
			a.style = "dashed";
			a.klass = "exit";
			if (svgtl_edge(g, it, &s->items[j], &a) < 0)
				return -1;
		}
	}
	return 0;
}

static void svgtl_title(struct svgtl *s, int nlanes, struct strbuf *out)
{
	switch (s->range.kind) {
	case SVGTL_SEQ:
		strbuf_addf(out, "events %lld..%lld", (long long)s->range.from, (long long)s->range.to);
		break;
	case SVGTL_TIME:
		svgtl_time_format(out, s->range.from);
		strbuf_addstr(out, "..");
		svgtl_time_format(out, s->range.to);
		break;
	case SVGTL_PID:
		strbuf_addf(out, "process %lld", (long long)s->range.from);
		break;
	}
	strbuf_addf(out, " \xc2\xb7 %d call%s in %d thread%s", s->ncalls, s->ncalls == 1 ? "" : "s",
		    nlanes, nlanes == 1 ? "" : "s");
	if (s->cut_seq)
		strbuf_addf(out, "\ncut: the first %d of %llu calls in the range are drawn "
			    "(to event %lld); --svg-calls N draws more",
			    s->ncalls, (unsigned long long)s->calls.total, (long long)s->cut_seq);
}

static int svgtl_build(struct svgtl *s, struct graph *g)
{
	struct strbuf id = STRBUF_INIT, cl = STRBUF_INIT, label = STRBUF_INIT;
	unsigned char *used = xcalloc((size_t)s->run.ntasks + 1, 1);
	int i, j, nlanes = 0, rc = -1;

	for (i = 0; i < s->nitems; i++)
		if (s->items[i].lane >= 0 && s->items[i].lane < s->run.ntasks)
			used[s->items[i].lane] = 1;
	for (i = 0; i < s->run.ntasks; i++) {
		const struct tracedb_task *t = &s->run.tasks[i];

		if (!used[i])
			continue;
		nlanes++;
		strbuf_reset(&label);
		strbuf_addf(&label, "%s \xc2\xb7 tid %lld", t->comm && *t->comm ? t->comm : "?",
			    (long long)t->tid);
		if (t->tid != t->tgid)
			strbuf_addf(&label, " (thread of %lld)", (long long)t->tgid);
		svgtl_lane_id(&cl, i);
		if (web_graph_cluster_add(g, cl.buf, label.buf, i % 2 ? "#f4f6f8" : "#eef2f6") < 0)
			goto cleanup;
	}
	for (i = 0; i < s->nitems; i++) {
		const struct svgtl_item *it = &s->items[i];

		if (it->lane < 0 || it->lane >= s->run.ntasks)
			continue;	/* not reached: tracedb gives every event a lane */
		svgtl_node_id(&id, it);
		svgtl_lane_id(&cl, it->lane);
		if ((it->is_call ? svgtl_call_node(s, g, it, cl.buf, id.buf) :
		     svgtl_marker_node(g, it, cl.buf, id.buf)) < 0)
			goto cleanup;
		if (web_graph_node_set(g, id.buf, "group", cl.buf) < 0)
			goto cleanup;
	}
	/* each lane's thread line, and the time order across lanes */
	for (i = 0; i < s->nitems; i++) {
		struct graph_attrs a = { 0 };

		j = svgtl_lane_next(s, s->items[i].lane, i);
		if (j >= 0) {
			a.color = "#9aa5b1";
			a.weight = 8;
			a.klass = "thread";
			if (svgtl_edge(g, &s->items[i], &s->items[j], &a) < 0)
				goto cleanup;
		}
		if (i + 1 < s->nitems && s->items[i + 1].lane != s->items[i].lane &&
		    j != i + 1) {
			memset(&a, 0, sizeof(a));
			a.style = "invis";
			a.minlen0 = 1;
			if (svgtl_edge(g, &s->items[i], &s->items[i + 1], &a) < 0)
				goto cleanup;
		}
	}
	if (svgtl_cross_edges(s, g) < 0)
		goto cleanup;
	strbuf_reset(&label);
	svgtl_title(s, nlanes, &label);
	web_graph_label_set(g, label.buf);
	rc = 0;
cleanup:
	free(used);
	strbuf_release(&id);
	strbuf_release(&cl);
	strbuf_release(&label);
	return rc;
}

/* The index asked for, or the built-in one when installed (else none). */
static int svgtl_open_index(struct svgtl *s)
{
	struct strbuf def = STRBUF_INIT;
	int rc = 0;

	ix_init_empty(&s->ix);
	if (s->o->index)
		return ix_open(&s->ix, s->o->index);
	if (datadir_find("default-index.db", &def) == 0)
		rc = ix_open(&s->ix, def.buf);
	else
		warning("no index given and no built-in index found: the timeline "
			"has no kernel links (use --index FILE)");
	strbuf_release(&def);
	return rc;
}

/* Write sb through of: a temporary file, renamed by the caller. */
static int svgtl_write(struct outfile *of, const struct strbuf *sb)
{
	size_t off = 0;
	int fd = outfile_open(of);

	if (fd < 0)
		return -1;
	while (off < sb->len) {
		ssize_t n = write(fd, sb->buf + off, sb->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_errno("%s %s: cannot write", of->what, of->arg);
			close(fd);
			return -1;
		}
		off += (size_t)n;
	}
	if (close(fd) < 0)
		return error_errno("%s %s: cannot write", of->what, of->arg);
	return 0;
}

/* FILE.svg's DOT: FILE.dot (".dot" added when FILE does not end in .svg). */
static void svgtl_dot_path(const char *svg, struct strbuf *out)
{
	size_t len = strlen(svg);

	if (len > 4 && !strcmp(svg + len - 4, ".svg"))
		len -= 4;
	strbuf_add(out, svg, len);
	strbuf_addstr(out, ".dot");
}

int web_svg_timeline_write(const struct web_report_opts *o, struct strbuf *svg_path)
{
	struct svgtl *s = xcalloc(1, sizeof(*s));
	struct tracedb_sink sink = { svgtl_on_call, svgtl_on_marker, s };
	struct outfile svg = { 0 }, dot = { 0 };
	struct outfile *outs[2] = { &svg, &dot };
	struct outfile_input ins[2] = { { "the trace", o->trace }, { "--index", NULL } };
	struct strbuf why = STRBUF_INIT, dotpath = STRBUF_INIT, text = STRBUF_INIT,
		      builtin = STRBUF_INIT;
	const char *out = o->outdir ? o->outdir : "timeline.svg";
	unsigned flags = o->force ? OUTFILE_FORCE : 0;
	struct graph *g = NULL;
	struct graph_renderer *gr = NULL;
	int rc = -1, checked = 0, i;

	s->o = o;
	ix_init_empty(&s->ix);
	if (svgtl_range_parse(o->svg_timeline, &s->range, &why) < 0) {
		error("--svg-timeline: %s", why.buf);
		goto cleanup;
	}
	svgtl_dot_path(out, &dotpath);
	if (outfile_check(&svg, "-o", out, flags) < 0)
		goto cleanup;
	if (outfile_check(&dot, "-o", dotpath.buf, flags) < 0) {
		outfile_release(&svg);
		goto cleanup;
	}
	checked = 1;
	if (o->index && !(ins[1].path = ix_resolve(o->index, &builtin)))
		goto cleanup;
	if (outfile_distinct(outs, 2, ins, 2) < 0)
		goto cleanup;
	if (db_open(&s->trace, o->trace, &db_schema_trace, DB_READONLY | DB_OLDER_OK) < 0 ||
	    svgtl_open_index(s) < 0 || links_init(&s->links, o->links) < 0 ||
	    tracedb_run_load(s->trace, &s->run) < 0)
		goto cleanup;
	if (s->range.kind == SVGTL_PID) {
		for (i = 0; i < s->run.ntasks; i++)
			if (s->run.tasks[i].tgid == s->range.from)
				break;
		if (i == s->run.ntasks) {
			error("--svg-timeline: pid:%lld: no such process in %s",
			      (long long)s->range.from, o->trace);
			goto cleanup;
		}
	}
	s->calls.cap = o->svg_calls > 0 ? o->svg_calls : SVGTL_DEFAULT_CALLS;
	s->markers.cap = 4 * s->calls.cap;
	s->calls.items = xcalloc((size_t)s->calls.cap, sizeof(*s->calls.items));
	s->markers.items = xcalloc((size_t)s->markers.cap, sizeof(*s->markers.items));
	if (tracedb_stream(s->trace, &s->run, &sink, NULL, NULL) < 0)
		goto cleanup;
	svgtl_merge(s);
	if (!s->nitems) {
		strbuf_reset(&why);
		svgtl_time_format(&why, s->run.last_t);
		error("--svg-timeline: %s: no calls in that range (the trace has %lld events, "
		      "+0ms..%s)", o->svg_timeline, (long long)s->run.events, why.buf);
		goto cleanup;
	}
	g = web_graph_new("timeline", GRAPH_LR);
	if (svgtl_build(s, g) < 0 || web_graph_write_dot(g, &text) < 0 ||
	    svgtl_write(&dot, &text) < 0)
		goto cleanup;
	strbuf_reset(&text);
	strbuf_addstr(&text, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
	gr = web_graph_renderer_new();
	if (web_graph_render_svg(gr, g, &text) < 0)
		goto cleanup;
	strbuf_addch(&text, '\n');
	if (svgtl_write(&svg, &text) < 0)
		goto cleanup;
	if (outfile_commit(&dot) < 0 || outfile_commit(&svg) < 0)
		goto cleanup;
	strbuf_addstr(svg_path, out);
	rc = 0;
cleanup:
	if (checked) {
		if (rc < 0) {
			outfile_abort(&svg);
			outfile_abort(&dot);
		}
		outfile_release(&svg);
		outfile_release(&dot);
	}
	web_graph_free(g);
	web_graph_renderer_free(gr);
	for (i = 0; i < s->nitems; i++)
		svgtl_item_release(&s->items[i]);
	for (i = 0; i < s->calls.n; i++)
		svgtl_item_release(&s->calls.items[i]);
	for (i = 0; i < s->markers.n; i++)
		svgtl_item_release(&s->markers.items[i]);
	free(s->items);
	free(s->calls.items);
	free(s->markers.items);
	links_release(&s->links);
	tracedb_run_release(&s->run);
	ix_close(&s->ix);
	db_close(s->trace);
	free(s);
	strbuf_release(&why);
	strbuf_release(&dotpath);
	strbuf_release(&text);
	strbuf_release(&builtin);
	return rc;
}
