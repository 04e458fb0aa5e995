#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "strbuf.h"
#include "tracedb.h"

const char *const tracedb_marker_names[TRACEDB_MARKER_KINDS] = {
	"signal", "fork", "exec", "exit", "detach",
};

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static int task_cmp(const void *x, const void *y)
{
	const struct tracedb_task *a = x, *b = y;

	if (a->tgid != b->tgid)
		return a->tgid < b->tgid ? -1 : 1;
	if (a->tid != b->tid)
		return a->tid < b->tid ? -1 : 1;
	return a->first_seq < b->first_seq ? -1 : a->first_seq > b->first_seq;
}

int tracedb_run_load(sqlite3 *db, struct tracedb_run *r)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, step, alloc = 0;

	memset(r, 0, sizeof(*r));
	if (db_prepare(db, &st, "SELECT argv, cwd, started_ns, mono_start_ns, ended_ns, "
		       "kernel_release, arch, tool_version, options, exit_status "
		       "FROM run ORDER BY id LIMIT 1") < 0)
		goto cleanup;
	step = db_step(st);
	if (step < 0)
		goto cleanup;
	if (step != SQLITE_ROW) {
		error("trace has no run: it was not written by 'sysatlas trace'");
		goto cleanup;
	}
	r->argv_json = col_dup(st, 0);
	r->cwd = col_dup(st, 1);
	r->started_ns = sqlite3_column_int64(st, 2);
	r->mono_start_ns = sqlite3_column_int64(st, 3);
	r->has_ended = sqlite3_column_type(st, 4) != SQLITE_NULL;
	r->ended_ns = sqlite3_column_int64(st, 4);
	r->kernel_release = col_dup(st, 5);
	r->arch = col_dup(st, 6);
	r->tool_version = col_dup(st, 7);
	r->options = col_dup(st, 8);
	r->has_exit_status = sqlite3_column_type(st, 9) != SQLITE_NULL;
	r->exit_status = sqlite3_column_int64(st, 9);
	db_finalize(st);
	st = NULL;
	/* version 4: how an attached or interrupted run ended */
	if (db_user_version(db) >= 4) {
		if (db_prepare(db, &st, "SELECT attached_argv, detached_status FROM run "
			       "ORDER BY id LIMIT 1") < 0 || db_step(st) != SQLITE_ROW)
			goto cleanup;
		r->attached_argv = col_dup(st, 0);
		r->has_detached_status = sqlite3_column_type(st, 1) != SQLITE_NULL;
		r->detached_status = sqlite3_column_int64(st, 1);
		db_finalize(st);
		st = NULL;
	}
	/* version 3: imported traces, and what their times are */
	if (db_user_version(db) >= 3) {
		if (db_prepare(db, &st, "SELECT source, times, time_resolution_ns, durations "
			       "FROM run ORDER BY id LIMIT 1") < 0 || db_step(st) != SQLITE_ROW)
			goto cleanup;
		r->source = col_dup(st, 0);
		r->times = col_dup(st, 1);
		r->time_resolution_ns = sqlite3_column_int64(st, 2);
		r->durations = col_dup(st, 3);
		db_finalize(st);
		st = NULL;
	}
	/* version 5: how tracing started */
	if (db_user_version(db) >= 5) {
		if (db_prepare(db, &st, "SELECT start, seize_options FROM run "
			       "ORDER BY id LIMIT 1") < 0 || db_step(st) != SQLITE_ROW)
			goto cleanup;
		r->start = col_dup(st, 0);
		r->has_seize_options = sqlite3_column_type(st, 1) != SQLITE_NULL;
		r->seize_options = sqlite3_column_int64(st, 1);
		db_finalize(st);
		st = NULL;
	}

	if (db_query_int(db, "SELECT count(*) FROM event", &r->events) < 0)
		goto cleanup;
	if (db_prepare(db, &st, "SELECT tid, tgid, parent_tid, comm, exit_status, first_seq "
		       "FROM task") < 0)
		goto cleanup;
	while ((step = db_step(st)) == SQLITE_ROW) {
		struct tracedb_task *t;

		if (r->ntasks == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			r->tasks = xrealloc(r->tasks, alloc * sizeof(*r->tasks));
		}
		t = &r->tasks[r->ntasks++];
		memset(t, 0, sizeof(*t));
		t->tid = sqlite3_column_int64(st, 0);
		t->tgid = sqlite3_column_int64(st, 1);
		t->parent_tid = sqlite3_column_int64(st, 2);
		t->comm = col_dup(st, 3);
		t->has_exit_status = sqlite3_column_type(st, 4) != SQLITE_NULL;
		t->exit_status = sqlite3_column_int64(st, 4);
		t->first_seq = sqlite3_column_int64(st, 5);
		t->first_t = t->last_t = -1;
	}
	if (step < 0)
		goto cleanup;
	if (r->ntasks)
		qsort(r->tasks, r->ntasks, sizeof(*r->tasks), task_cmp);
	r->atasks = alloc;
	tracedb_lanes_build(&r->lanes, r->tasks, r->ntasks);
	rc = 0;
cleanup:
	db_finalize(st);
	if (rc < 0)
		tracedb_run_release(r);
	return rc;
}

void tracedb_run_release(struct tracedb_run *r)
{
	int i;

	free(r->argv_json);
	free(r->attached_argv);
	free(r->source);
	free(r->start);
	free(r->cwd);
	free(r->kernel_release);
	free(r->arch);
	free(r->tool_version);
	free(r->options);
	free(r->times);
	free(r->durations);
	for (i = 0; i < r->ntasks; i++)
		free(r->tasks[i].comm);
	free(r->tasks);
	tracedb_lanes_release(&r->lanes);
	memset(r, 0, sizeof(*r));
}

int tracedb_lane_at(struct tracedb_run *r, int64_t tid, int64_t seq, int child, int *unique)
{
	return tracedb_lanes_find(&r->lanes, tid, seq, child, unique);
}

int tracedb_lane(struct tracedb_run *r, int64_t tid)
{
	int lane = tracedb_lanes_find(&r->lanes, tid, INT64_MIN, 0, NULL);

	if (lane >= 0)
		return lane;
	if (r->ntasks == r->atasks) {
		r->atasks = r->atasks ? 2 * r->atasks : 16;
		r->tasks = xrealloc(r->tasks, (size_t)r->atasks * sizeof(*r->tasks));
	}
	memset(&r->tasks[r->ntasks], 0, sizeof(r->tasks[0]));
	r->tasks[r->ntasks].tid = tid;
	r->tasks[r->ntasks].tgid = tid;
	r->tasks[r->ntasks].first_t = r->tasks[r->ntasks].last_t = -1;
	tracedb_lanes_add(&r->lanes, tid, r->ntasks);
	return r->ntasks++;
}

/* An enter waiting for its exit, one per lane. */
struct pending {
	int active;
	int64_t seq, t0;
	char abi[16];
	int has_abi;
	long nr;
	int64_t args[6];
	struct strbuf text, mech;
};

struct stream {
	sqlite3 *db;
	struct tracedb_run *run;
	const struct tracedb_sink *sink;
	struct pending *pend;
	int npend;
	int *lane_cache;		/* tid -> lane for small tids */
	int64_t lane_cache_size;
};

static struct pending *stream_pending(struct stream *s, int lane)
{
	if (lane >= s->npend) {
		int n = lane + 16;

		s->pend = xrealloc(s->pend, n * sizeof(*s->pend));
		memset(s->pend + s->npend, 0, (n - s->npend) * sizeof(*s->pend));
		for (int i = s->npend; i < n; i++) {
			strbuf_init(&s->pend[i].text, 0);
			strbuf_init(&s->pend[i].mech, 0);
		}
		s->npend = n;
	}
	return &s->pend[lane];
}

static int stream_lane(struct stream *s, int64_t tid, int64_t seq)
{
	int lane, unique;

	if (tid >= 0 && tid < s->lane_cache_size && s->lane_cache[tid] >= 0)
		return s->lane_cache[tid];
	lane = tracedb_lane_at(s->run, tid, seq, 0, &unique);
	if (lane < 0)
		lane = tracedb_lane(s->run, tid);	/* events of a task with no row */
	if (unique && tid >= 0 && tid < (1 << 22)) {	/* a reused tid: looked up each time */
		if (tid >= s->lane_cache_size) {
			int64_t n = tid + 1024, i;

			s->lane_cache = xrealloc(s->lane_cache, n * sizeof(*s->lane_cache));
			for (i = s->lane_cache_size; i < n; i++)
				s->lane_cache[i] = -1;
			s->lane_cache_size = n;
		}
		s->lane_cache[tid] = lane;
	}
	return lane;
}

static void stream_touch(struct stream *s, int lane, int64_t t0, int64_t t1, int call)
{
	struct tracedb_task *t = &s->run->tasks[lane];

	if (t->first_t < 0 || t0 < t->first_t)
		t->first_t = t0;
	if (t1 > t->last_t)
		t->last_t = t1;
	if (call)
		t->calls++;
}

/* Hand the pending call of lane on as unfinished, ending at t1. */
static int stream_flush(struct stream *s, int lane, int64_t t1, unsigned flags)
{
	struct pending *p = stream_pending(s, lane);
	struct tracedb_call c;
	int rc;

	if (!p->active)
		return 0;
	memset(&c, 0, sizeof(c));
	c.seq = p->seq;
	c.tid = s->run->tasks[lane].tid;
	c.lane = lane;
	c.t0 = p->t0;
	c.t1 = t1 > p->t0 ? t1 : p->t0;
	c.abi = p->has_abi ? p->abi : NULL;
	c.nr = p->nr;
	memcpy(c.args, p->args, sizeof(c.args));
	c.flags = flags;
	c.text = p->text.buf;
	c.mech_enter = p->mech.buf;
	c.mech_exit = "";
	p->active = 0;
	stream_touch(s, lane, c.t0, c.t1, 1);
	rc = s->sink->call ? s->sink->call(s->sink->ctx, &c) : 0;
	return rc;
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? (const char *)t : "";
}

enum {
	C_SEQ, C_TID, C_TS, C_KIND, C_ABI, C_NR, C_ARG0,
	C_RETVAL = C_ARG0 + 6, C_TEXT, C_MECH, C_ENTER_SEQ, C_OTHER_TID,
};

int64_t tracedb_rel_ns(int64_t ts, int64_t base)
{
	int64_t t;

	if (__builtin_sub_overflow(ts, base, &t))
		return ts < 0 ? 0 : TRACEDB_MAX_T;
	return t < 0 ? 0 : t > TRACEDB_MAX_T ? TRACEDB_MAX_T : t;
}

static int stream_row(struct stream *s, sqlite3_stmt *st)
{
	const char *kind = col_text(st, C_KIND);
	int64_t tid = sqlite3_column_int64(st, C_TID);
	int64_t t = tracedb_rel_ns(sqlite3_column_int64(st, C_TS), s->run->mono_start_ns);
	int lane = stream_lane(s, tid, sqlite3_column_int64(st, C_SEQ));
	struct pending *p = stream_pending(s, lane);
	int has_nr = sqlite3_column_type(st, C_NR) != SQLITE_NULL;
	int has_enter_seq = sqlite3_column_type(st, C_ENTER_SEQ) != SQLITE_NULL;
	struct tracedb_marker m;
	int i;

	if (t > s->run->last_t)
		s->run->last_t = t;
	if (!strcmp(kind, "enter")) {
		int rc = 0;

		if (p->active)	/* an enter without exit: keep both */
			rc = stream_flush(s, lane, t, TRACEDB_UNFINISHED);
		p->active = 1;
		p->seq = sqlite3_column_int64(st, C_SEQ);
		p->t0 = t;
		p->has_abi = sqlite3_column_type(st, C_ABI) != SQLITE_NULL;
		if (p->has_abi)
			snprintf(p->abi, sizeof(p->abi), "%s", col_text(st, C_ABI));
		p->nr = sqlite3_column_int64(st, C_NR);
		for (i = 0; i < 6; i++)
			p->args[i] = sqlite3_column_int64(st, C_ARG0 + i);
		strbuf_reset(&p->text);
		strbuf_addstr(&p->text, col_text(st, C_TEXT));
		strbuf_reset(&p->mech);
		strbuf_addstr(&p->mech, col_text(st, C_MECH));
		return rc;
	}
	if (!strcmp(kind, "exit") && (has_enter_seq || (has_nr && p->active))) {
		struct tracedb_call c;
		int64_t rv = sqlite3_column_int64(st, C_RETVAL);

		memset(&c, 0, sizeof(c));
		c.exit_seq = sqlite3_column_int64(st, C_SEQ);
		c.tid = tid;
		c.lane = lane;
		c.t1 = t;
		c.retval = rv;
		c.text = col_text(st, C_TEXT);
		c.mech_exit = col_text(st, C_MECH);
		if (rv < 0 && rv >= -4095)
			c.flags |= TRACEDB_ERROR;
		if (p->active && (!has_enter_seq ||
				  p->seq == sqlite3_column_int64(st, C_ENTER_SEQ))) {
			c.seq = p->seq;
			c.t0 = p->t0;
			c.abi = p->has_abi ? p->abi : NULL;
			c.nr = p->nr;
			memcpy(c.args, p->args, sizeof(c.args));
			c.mech_enter = p->mech.buf;
			if (!*c.text)
				c.text = p->text.buf;
			p->active = 0;
		} else {
			c.seq = c.exit_seq;
			c.t0 = t;
			c.abi = sqlite3_column_type(st, C_ABI) != SQLITE_NULL ?
				col_text(st, C_ABI) : NULL;
			c.nr = sqlite3_column_int64(st, C_NR);
			for (i = 0; i < 6; i++)
				c.args[i] = sqlite3_column_int64(st, C_ARG0 + i);
			c.mech_enter = "";
			c.flags |= TRACEDB_NO_ENTER;
		}
		stream_touch(s, lane, c.t0, c.t1, 1);
		return s->sink->call ? s->sink->call(s->sink->ctx, &c) : 0;
	}

	memset(&m, 0, sizeof(m));
	m.seq = sqlite3_column_int64(st, C_SEQ);
	m.tid = tid;
	m.lane = lane;
	m.t = t;
	m.event_kind = kind;
	m.nr = sqlite3_column_int64(st, C_NR);
	m.other_tid = sqlite3_column_int64(st, C_OTHER_TID);
	m.text = col_text(st, C_TEXT);
	if (!strcmp(kind, "signal") || !strcmp(kind, "stop")) {
		m.kind = TRACEDB_SIGNAL;	/* a group-stop is a signal's doing too */
	} else if (!strcmp(kind, "fork") || !strcmp(kind, "vfork") || !strcmp(kind, "clone")) {
		m.kind = TRACEDB_FORK;
	} else if (!strcmp(kind, "exec")) {
		m.kind = TRACEDB_EXEC;
	} else if (!strcmp(kind, "exited") || !strcmp(kind, "exit")) {
		/* "exited" as the tracer writes it; an "exit" with no syscall
		 * (the first schema's name for it) is read the same way */
		m.kind = TRACEDB_EXIT;
		m.has_status = sqlite3_column_type(st, C_RETVAL) != SQLITE_NULL;
		m.status = sqlite3_column_int64(st, C_RETVAL);
		/* exit_group and friends never return: close the call here */
		if (stream_flush(s, lane, t, TRACEDB_NO_RETURN) < 0)
			return -1;
	} else if (!strcmp(kind, "detach")) {
		m.kind = TRACEDB_DETACH;
	} else {
		return 0;	/* a kind this reader does not know: skip */
	}
	stream_touch(s, lane, t, t, 0);
	return s->sink->marker ? s->sink->marker(s->sink->ctx, &m) : 0;
}

int tracedb_stream(sqlite3 *db, struct tracedb_run *r, const struct tracedb_sink *sink,
		   void (*progress)(void *ctx, uint64_t done), void *pctx)
{
	struct stream s = { .db = db, .run = r, .sink = sink };
	sqlite3_stmt *st = NULL;
	uint64_t n = 0;
	int64_t end;
	int step, rc = -1, i;

	if (db_prepare(db, &st, "SELECT seq, tid, ts_ns, kind, abi, nr, arg0, arg1, arg2, "
		       "arg3, arg4, arg5, retval, text, mechanism, enter_seq, other_tid "
		       "FROM event ORDER BY seq") < 0)
		return -1;
	while ((step = db_step(st)) == SQLITE_ROW) {
		if (stream_row(&s, st) < 0)
			goto cleanup;
		if (progress && (++n & 0x3fff) == 0)
			progress(pctx, n);
	}
	if (step < 0)
		goto cleanup;
	end = r->has_ended ? tracedb_rel_ns(r->ended_ns, r->mono_start_ns) : r->last_t;
	if (end > r->last_t)
		r->last_t = end;
	for (i = 0; i < s.npend; i++)
		if (stream_flush(&s, i, r->last_t, TRACEDB_UNFINISHED) < 0)
			goto cleanup;
	if (progress)
		progress(pctx, n);
	rc = 0;
cleanup:
	db_finalize(st);
	for (i = 0; i < s.npend; i++) {
		strbuf_release(&s.pend[i].text);
		strbuf_release(&s.pend[i].mech);
	}
	free(s.pend);
	free(s.lane_cache);
	return rc;
}
