/*
 * The timeline's data files.  The page loads data/meta.js, then the chunks
 * data/t-K.js one after another with <script src> (works from file://, no
 * fetch); each calls sysatlas.chunk(K, {...}) with column arrays of
 * numbers only.  The text of each call (strace line, raw arguments,
 * mechanisms) sits in data/d-K.js, loaded when an event is opened.  Every
 * string is a JSON string written by escape_js_string().
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"
#include "report.h"
#include "stopkind.h"

/* Append v in decimal (no printf: a million calls make eight million). */
static void add_int(struct strbuf *sb, int64_t v)
{
	char buf[24], *p = buf + sizeof(buf);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

static void add_hex(struct strbuf *sb, uint64_t u)
{
	static const char hex[] = "0123456789abcdef";
	char buf[24], *p = buf + sizeof(buf);

	do {
		*--p = hex[u & 15];
		u >>= 4;
	} while (u);
	*--p = 'x';
	*--p = '0';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

static void col_add(struct strbuf *col, int64_t v)
{
	if (col->len)
		strbuf_addch(col, ',');
	add_int(col, v);
}

/*
 * A JSON/JS string literal of s.  Runs of plain printable ASCII are copied
 * as they are (they escape to themselves); everything else goes through
 * escape_js_string(), so the result is the same, only faster.
 */
static void js_str(struct strbuf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t plain = 0;

	while (p[plain] >= 0x20 && p[plain] < 0x7f && !strchr("\"\\<>&'", p[plain]))
		plain++;
	if (!p[plain]) {
		strbuf_addch(out, '"');
		strbuf_add(out, p, plain);
		strbuf_addch(out, '"');
		return;
	}
	escape_js_string(out, (const char *)p, strlen((const char *)p));
}

static void chunk_reset(struct report_chunk *k)
{
	struct strbuf *cols[] = { &k->t, &k->d, &k->l, &k->c, &k->f, &k->e, &k->r, &k->s,
				  &k->mt, &k->ml, &k->mk, &k->mx, &k->ms, &k->mtx, &k->mst, &k->detail };
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		strbuf_reset(cols[i]);
	k->n = k->nmarkers = 0;
	k->last_t = k->last_s = k->last_mt = k->last_ms = 0;
	k->tmin = INT64_MAX;
	k->tmax = 0;
}

void report_data_release(struct report *r)
{
	struct report_chunk *k = &r->chunk;
	struct strbuf *cols[] = { &k->t, &k->d, &k->l, &k->c, &k->f, &k->e, &k->r, &k->s,
				  &k->mt, &k->ml, &k->mk, &k->mx, &k->ms, &k->mtx, &k->mst, &k->detail };
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		strbuf_release(cols[i]);
}

void report_data_init(struct report *r)
{
	struct report_chunk *k = &r->chunk;
	struct strbuf *cols[] = { &k->t, &k->d, &k->l, &k->c, &k->f, &k->e, &k->r, &k->s,
				  &k->mt, &k->ml, &k->mk, &k->mx, &k->ms, &k->mtx, &k->mst, &k->detail };
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		strbuf_init(cols[i], 0);
	chunk_reset(k);
}

static int chunk_flush(struct report *r)
{
	struct report_chunk *k = &r->chunk;
	struct strbuf out = STRBUF_INIT, name = STRBUF_INIT;
	int rc = -1;

	if (!k->n && !k->nmarkers)
		return 0;
	strbuf_addf(&out, "sysatlas.chunk(%d,{\"n\":%d,\"t\":[%s],\"d\":[%s],\"l\":[%s],"
		    "\"c\":[%s],\"f\":[%s],\"e\":[%s],\"r\":[%s],\"s\":[%s],",
		    r->nchunks, k->n, k->t.buf, k->d.buf, k->l.buf, k->c.buf, k->f.buf,
		    k->e.buf, k->r.buf, k->s.buf);
	strbuf_addf(&out, "\"m\":{\"n\":%d,\"t\":[%s],\"l\":[%s],\"k\":[%s],\"x\":[%s],"
		    "\"s\":[%s],\"tx\":[%s],\"st\":[%s]}});\n",
		    k->nmarkers, k->mt.buf, k->ml.buf, k->mk.buf, k->mx.buf, k->ms.buf,
		    k->mtx.buf, k->mst.buf);
	strbuf_addf(&name, "data/t-%d.js", r->nchunks);
	if (report_write_file(r, name.buf, &out) < 0)
		goto cleanup;
	strbuf_reset(&out);
	strbuf_addf(&out, "sysatlas.detail(%d,[%s]);\n", r->nchunks, k->detail.buf);
	strbuf_reset(&name);
	strbuf_addf(&name, "data/d-%d.js", r->nchunks);
	if (report_write_file(r, name.buf, &out) < 0)
		goto cleanup;
	if (r->chunk_meta.len)
		strbuf_addch(&r->chunk_meta, ',');
	strbuf_addf(&r->chunk_meta, "[%d,%lld,%lld,%d]", k->n,
		    (long long)(k->tmin == INT64_MAX ? 0 : k->tmin), (long long)k->tmax,
		    k->nmarkers);
	r->nchunks++;
	chunk_reset(k);
	rc = 0;
cleanup:
	strbuf_release(&out);
	strbuf_release(&name);
	return rc;
}

static void chunk_span(struct report_chunk *k, int64_t t0, int64_t t1)
{
	if (!k->n && !k->nmarkers)
		k->tmin = INT64_MAX;
	if (t0 < k->tmin)
		k->tmin = t0;
	if (t1 > k->tmax)
		k->tmax = t1;
}

int report_data_call(struct report *r, const struct tracedb_call *c, int sc, int rt)
{
	struct report_chunk *k = &r->chunk;
	int64_t err = (c->flags & TRACEDB_ERROR) ? -c->retval : 0;
	int i;

	chunk_span(k, c->t0, c->t1);
	col_add(&k->t, c->t0 - k->last_t);	/* deltas keep the files small */
	k->last_t = c->t0;
	col_add(&k->d, c->t1 - c->t0);
	col_add(&k->l, c->lane);
	col_add(&k->c, sc);
	col_add(&k->f, c->flags);
	col_add(&k->e, err);
	col_add(&k->r, rt);
	/* seqs of a hostile trace may span all of int64: the delta wraps */
	col_add(&k->s, (int64_t)((uint64_t)c->seq - (uint64_t)k->last_s));
	k->last_s = c->seq;

	if (k->detail.len)
		strbuf_addstr(&k->detail, ",\n");
	strbuf_addch(&k->detail, '[');
	add_int(&k->detail, c->exit_seq);
	strbuf_addch(&k->detail, ',');
	js_str(&k->detail, c->text);
	strbuf_addstr(&k->detail, ",[");
	for (i = 0; i < 6; i++) {
		strbuf_addstr(&k->detail, i ? ",\"" : "\"");
		add_hex(&k->detail, (uint64_t)c->args[i]);
		strbuf_addch(&k->detail, '"');
	}
	strbuf_addstr(&k->detail, "],\"");
	add_int(&k->detail, c->retval);
	strbuf_addstr(&k->detail, "\",");
	js_str(&k->detail, c->mech_enter);
	strbuf_addch(&k->detail, ',');
	js_str(&k->detail, c->mech_exit);
	strbuf_addch(&k->detail, ',');
	add_int(&k->detail, c->tid);
	report_observed_waits(r, c->seq, &k->detail);	/* where it waited, if it did */
	strbuf_addch(&k->detail, ']');
	k->n++;
	/* a small first chunk: the timeline draws as soon as it is in */
	if (k->n >= (r->nchunks ? REPORT_CHUNK : REPORT_CHUNK / 8))
		return chunk_flush(r);
	return 0;
}

int report_data_marker(struct report *r, const struct tracedb_marker *m)
{
	struct report_chunk *k = &r->chunk;
	const struct stop_kind *stop;
	int64_t x = 0;

	switch (m->kind) {
	case TRACEDB_SIGNAL:
		x = m->nr;
		break;
	case TRACEDB_FORK:
	case TRACEDB_EXEC:
		x = m->other_tid;
		break;
	case TRACEDB_EXIT:
		x = m->status;
		break;
	default:
		break;
	}
	chunk_span(k, m->t, m->t);
	col_add(&k->mt, m->t - k->last_mt);
	k->last_mt = m->t;
	col_add(&k->ml, m->lane);
	col_add(&k->mk, m->kind);
	col_add(&k->mx, x);
	col_add(&k->ms, m->seq - k->last_ms);
	k->last_ms = m->seq;
	if (k->mtx.len)
		strbuf_addch(&k->mtx, ',');
	js_str(&k->mtx, m->text && *m->text ? m->text : m->event_kind);
	stop = stop_kind_of_event(m->event_kind);
	col_add(&k->mst, stop ? (int64_t)(stop - stop_kinds) : -1);
	k->nmarkers++;
	if (k->nmarkers >= REPORT_CHUNK)
		return chunk_flush(r);
	return 0;
}

/*
 * The kernel's internal return codes (include/linux/errno.h), by strace's
 * names for them: a syscall returns one only to be restarted or turned
 * into EINTR by the signal code on the way out; user space never sees it.
 * Where that happens is looked up in the index by function name.
 */
static const struct {
	int nr;
	const char *name;
	const char *sees;
} report_restarts[] = {
	{ 512, "ERESTARTSYS", "a signal handler ran: EINTR, or the call restarts if the "
	  "handler has SA_RESTART; no handler: the call restarts" },
	{ 513, "ERESTARTNOINTR", "the call restarts, handler or not" },
	{ 514, "ERESTARTNOHAND", "a signal handler ran: EINTR; no handler: the call restarts" },
	{ 516, "ERESTART_RESTARTBLOCK", "a signal handler ran: EINTR; no handler: the call "
	  "restarts as restart_syscall" },
};

/* Where the kernel turns them into EINTR or a restart: with a handler, without. */
static const char *const report_restart_fns[] = {
	"handle_signal", "do_signal", "arch_do_signal_or_restart",
};

static int restart_index(size_t e)
{
	size_t i;

	for (i = 0; i < sizeof(report_restarts) / sizeof(report_restarts[0]); i++)
		if ((size_t)report_restarts[i].nr == e)
			return (int)i;
	return -1;
}

/* errno names: glibc knows them (strerrorname_np, glibc 2.32); strace's for ERESTART*. */
static void meta_errnos(struct report *r, struct strbuf *out)
{
	size_t e;
	int first = 1;

	strbuf_addch(out, '{');
	for (e = 1; e < sizeof(r->errnos); e++) {
		const char *name;
		int k;

		if (!r->errnos[e])
			continue;
		k = restart_index(e);
		name = k >= 0 ? report_restarts[k].name : strerrorname_np((int)e);
		strbuf_addf(out, "%s\"%zu\":", first ? "" : ",", e);
		js_str(out, name ? name : "");
		first = 0;
	}
	strbuf_addch(out, '}');
}

/*
 * The ERESTART* codes seen: {"514":{"sees":…,"fns":[[name, where, url]…]}};
 * the functions from the index (none: the list is empty).
 */
static int meta_restarts(struct report *r, struct strbuf *out)
{
	const struct ix_tree *lt = &r->ix.kernel;
	size_t e, f;
	int first = 1;

	strbuf_addch(out, '{');
	for (e = 512; e <= 516 && e < sizeof(r->errnos); e++) {
		int k = restart_index(e), ffirst = 1;

		if (k < 0 || !r->errnos[e])
			continue;
		strbuf_addf(out, "%s\"%zu\":{\"sees\":", first ? "" : ",", e);
		js_str(out, report_restarts[k].sees);
		strbuf_addstr(out, ",\"fns\":[");
		for (f = 0; lt->id && f < sizeof(report_restart_fns) / sizeof(report_restart_fns[0]);
		     f++) {
			struct ix_symbol sym = { 0 };
			struct strbuf url = STRBUF_INIT, where = STRBUF_INIT;
			int found = ix_symbol_first(&r->ix, lt->id, "function", report_restart_fns[f],
						    &sym);

			if (found < 0)
				return -1;
			if (found > 0 && sym.file && ix_url(&r->links, lt, sym.file, sym.line, &url) == 0) {
				ix_symbol_where(&sym, 0, &where);
				strbuf_addstr(out, ffirst ? "[" : ",[");
				js_str(out, sym.name);
				strbuf_addch(out, ',');
				js_str(out, where.buf);
				strbuf_addch(out, ',');
				js_str(out, url.buf);
				strbuf_addch(out, ']');
				ffirst = 0;
			}
			ix_symbol_release(&sym);
			strbuf_release(&url);
			strbuf_release(&where);
		}
		strbuf_addstr(out, "]}");
		first = 0;
	}
	strbuf_addch(out, '}');
	return 0;
}

/*
 * The parameter names of a kernel signature, as a JSON array
 * ("long sys_pipe2(int __user *fildes, int flags)" -> ["fildes","flags"];
 * "(void)" -> []); null when there is none or it does not parse.
 */
static void meta_params(const char *sig, struct strbuf *out)
{
	const char *open = sig ? strchr(sig, '(') : NULL, *close = sig ? strrchr(sig, ')') : NULL;
	const char *p, *end;
	int n = 0;

	if (!open || !close || close < open || strchr(open + 1, '(')) {
		strbuf_addstr(out, "null");	/* none, or a function-pointer parameter */
		return;
	}
	for (p = open + 1; p < close && *p == ' '; p++)
		;
	if (!strncmp(p, "void", 4) && (p + 4 == close || p[4] == ')')) {
		strbuf_addstr(out, "[]");
		return;
	}
	strbuf_addch(out, '[');
	for (; p < close; p = end + 1) {
		const char *e, *b;
		struct strbuf name = STRBUF_INIT;

		end = memchr(p, ',', (size_t)(close - p));
		if (!end)
			end = close;
		for (e = end; e > p && (e[-1] == ' ' || e[-1] == ']' || e[-1] == '['); e--)
			;
		for (b = e; b > p && (isalnum((unsigned char)b[-1]) || b[-1] == '_'); b--)
			;
		strbuf_add(&name, b, (size_t)(e - b));
		strbuf_addstr(out, n++ ? "," : "");
		js_str(out, name.len ? name.buf : "?");
		strbuf_release(&name);
	}
	strbuf_addch(out, ']');
}

int report_data_finish(struct report *r)
{
	const struct ix_tree *lt = &r->ix.kernel, *st = &r->ix.strace;
	struct strbuf out = STRBUF_INIT;
	int i, rc = -1;

	if (chunk_flush(r) < 0)
		goto cleanup;

	strbuf_addstr(&out, "sysatlas.meta({\"argv\":");
	js_str(&out, r->run.argv_json);
	strbuf_addstr(&out, ",\"kernel\":");
	js_str(&out, r->run.kernel_release);
	strbuf_addstr(&out, ",\"linux\":");
	js_str(&out, lt->id ? lt->version : "");
	strbuf_addstr(&out, ",\"strace\":");
	js_str(&out, st->id ? st->version : "");
	/* what the times are (an imported log may have none: order only) and
	 * the wall clock at t = 0, split so that JS numbers keep every ns */
	strbuf_addstr(&out, ",\"times\":");
	js_str(&out, r->run.times ? r->run.times : "recorded");
	strbuf_addstr(&out, ",\"durations\":");
	js_str(&out, r->run.durations ? r->run.durations : "recorded");
	/* -T: durations as strace would print them (an imported log without
	 * -T has none, only the gaps between its lines) */
	strbuf_addf(&out, ",\"T\":%s",
		    r->run.source && !strcmp(r->run.source, "import") &&
		    !(r->run.options && strstr(r->run.options, "\"-T\"")) ? "false" : "true");
	strbuf_addstr(&out, ",\"source\":");
	js_str(&out, r->run.source ? r->run.source : "trace");
	{
		int64_t sec = r->run.started_ns / 1000000000, ns = r->run.started_ns % 1000000000;

		if (ns < 0) {
			ns += 1000000000;
			sec--;
		}
		strbuf_addf(&out, ",\"wall\":[%lld,%lld],\"res\":%lld", (long long)sec,
			    (long long)ns, (long long)r->run.time_resolution_ns);
	}
	strbuf_addf(&out, ",\"ended\":%s,\"end\":%lld,\"calls\":%llu,\"markers\":%llu,"
		    "\"unfinished\":%llu,\n\"classes\":[",
		    r->run.has_ended ? "true" : "false", (long long)r->run.last_t,
		    (unsigned long long)r->ncalls, (unsigned long long)r->nmarkers,
		    (unsigned long long)r->nunfinished);
	for (i = 0; i < REPORT_CLASSES; i++) {
		strbuf_addstr(&out, i ? "," : "");
		js_str(&out, report_class_names[i]);
	}
	strbuf_addstr(&out, "],\n\"markerKinds\":[");
	for (i = 0; i < TRACEDB_MARKER_KINDS; i++) {
		strbuf_addstr(&out, i ? "," : "");
		js_str(&out, tracedb_marker_names[i]);
	}
	/* the stop kinds a marker's "st" column indexes (stopkind.h) */
	strbuf_addstr(&out, "],\n\"stops\":[");
	for (i = 0; i < (int)nr_stop_kinds; i++) {
		strbuf_addstr(&out, i ? "," : "");
		js_str(&out, stop_kinds[i].name);
	}
	strbuf_addstr(&out, "],\n\"lanes\":[");
	for (i = 0; i < r->run.ntasks; i++) {
		const struct tracedb_task *t = &r->run.tasks[i];

		strbuf_addf(&out, "%s\n{\"tid\":%lld,\"tgid\":%lld,\"ptid\":%lld,\"comm\":",
			    i ? "," : "", (long long)t->tid, (long long)t->tgid,
			    (long long)t->parent_tid);
		js_str(&out, t->comm);
		if (t->has_exit_status)
			strbuf_addf(&out, ",\"status\":%lld", (long long)t->exit_status);
		strbuf_addf(&out, ",\"calls\":%llu}", (unsigned long long)t->calls);
	}
	strbuf_addstr(&out, "],\n\"syscalls\":[");
	for (i = 0; i < r->nscs; i++) {
		const struct report_sc *sc = &r->scs[i];

		strbuf_addf(&out, "%s\n{\"name\":", i ? "," : "");
		js_str(&out, sc->name);
		strbuf_addstr(&out, ",\"abi\":");
		js_str(&out, sc->abi ? sc->abi : "");
		strbuf_addstr(&out, ",\"params\":");
		meta_params(sc->isc && sc->isc->definition.id ? sc->isc->definition.signature : NULL,
			    &out);
		strbuf_addf(&out, ",\"nr\":%ld,\"cls\":%u,\"calls\":%llu,\"errors\":%llu,\"page\":",
			    sc->nr, sc->classes, (unsigned long long)sc->calls,
			    (unsigned long long)sc->errors);
		strbuf_addstr(&out, "\"syscalls/");
		strbuf_addstr(&out, sc->stem);	/* [a-z0-9_-] only */
		strbuf_addstr(&out, ".html\"");
		/* its kernel definition's URL, for "this view as SVG" */
		if (sc->isc && sc->isc->definition.id) {
			struct strbuf url = STRBUF_INIT;

			if (ix_url(&r->links, &r->ix.kernel, sc->isc->definition.file,
				   sc->isc->definition.line, &url) == 0) {
				strbuf_addstr(&out, ",\"def\":");
				js_str(&out, url.buf);
			}
			strbuf_release(&url);
		}
		strbuf_addch(&out, '}');
	}
	strbuf_addstr(&out, "],\n\"rts\":[");
	for (i = 0; i < r->nrts; i++)
		strbuf_addf(&out, "%s%d", i ? "," : "", r->rts[i].sc);
	strbuf_addstr(&out, "],\n\"errnos\":");
	meta_errnos(r, &out);
	strbuf_addstr(&out, ",\n\"restarts\":");
	if (meta_restarts(r, &out) < 0)
		goto cleanup;
	strbuf_addf(&out, ",\n\"chunks\":[%s]});\n", r->chunk_meta.buf);
	rc = report_write_file(r, "data/meta.js", &out);
cleanup:
	strbuf_release(&out);
	return rc;
}
