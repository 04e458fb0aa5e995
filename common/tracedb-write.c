#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "tidmap.h"
#include "tracedb-write.h"

/*
 * A row not written yet: an enter waiting for its exit, or a row that came
 * after one.  Rows are written in seq order, so that each lands at the end
 * of the table (a row inserted behind later ones splits a full page).
 */
struct queued {
	struct tracedb_row row;		/* its strings are copies; mechanism NULL: mech */
	int64_t mech;			/* mechanism.id; 0: none */
	int waiting;			/* an enter whose exit may still come */
	int merged;			/* its exit came: x */
	struct tracedb_row x;		/* the exit (strings copied; mechanism NULL: xmech) */
	int64_t xmech;
	char *text, *xtext;		/* row.text and x.text point here */
	size_t cap, xcap;
	char *names;			/* kind, stop and abi not known by code: copies */
	struct queued *next;		/* in the queue, or in the free list */
};

/* A mechanism list and its mechanism.id. */
struct mech_id {
	char *names;
	int64_t id;
};

struct tracedb_writer {
	sqlite3 *db;
	sqlite3_stmt *ins_event, *ins_more, *ins_task, *upd_seq, *upd_end, *upd_comm;
	sqlite3_stmt *ins_mech, *get_mech;
	struct tidmap held;		/* tid -> its waiting enter (struct queued) */
	struct queued *head, *tail;	/* rows not written yet, in seq order */
	struct queued *free_q;
	struct mech_id *mechs;
	size_t nmechs, last_mech;	/* last_mech: the one found last */
	int64_t base;			/* ev_base.ns: times are stored from it */
	int64_t max_seq;		/* the highest seq written */
	uint64_t rows, behind;		/* rows written; of them, below max_seq */
};

struct tracedb_writer *tracedb_writer_new(sqlite3 *db)
{
	struct tracedb_writer *w = xcalloc(1, sizeof(*w));

	w->db = db;
	/* times from the run's start (ev_base.ns), set while ev is empty */
	if (db_exec(db, "INSERT INTO ev_base(id, ns) SELECT 1, COALESCE((SELECT mono_start_ns "
		    "FROM run ORDER BY id LIMIT 1), 0) WHERE NOT EXISTS (SELECT 1 FROM ev) "
		    "ON CONFLICT(id) DO UPDATE SET ns = excluded.ns") < 0 ||
	    db_query_int(db, "SELECT ns FROM ev_base", &w->base) < 0 ||
	    db_prepare(db, &w->ins_event,
		       "INSERT INTO ev(seq, tid, t, kind, nr, arg0, arg1, arg2, arg3, arg4, "
		       "arg5, retval, text, mech, x_seq, x_ts, x_mech, enter_len) VALUES "
		       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		       "?15, ?16, ?17, ?18)") < 0 ||
	    db_prepare(db, &w->ins_more,
		       "INSERT OR REPLACE INTO ev_more(seq, stop, abi, enter_seq, other_tid, "
		       "enter_text, x_stop) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") < 0 ||
	    db_prepare(db, &w->ins_mech,
		       "INSERT INTO mechanism(names) VALUES (?) ON CONFLICT DO NOTHING") < 0 ||
	    db_prepare(db, &w->get_mech, "SELECT id FROM mechanism WHERE names = ?") < 0 ||
	    db_prepare(db, &w->ins_task,
		       "INSERT INTO task(tid, tgid, parent_tid, comm) VALUES (?, ?, ?, ?)") < 0 ||
	    db_prepare(db, &w->upd_seq,
		       "UPDATE task SET first_seq = ?, last_seq = ? WHERE id = ?") < 0 ||
	    db_prepare(db, &w->upd_end,
		       "UPDATE task SET first_seq = ?, last_seq = ?, exit_status = ? "
		       "WHERE id = ?") < 0 ||
	    db_prepare(db, &w->upd_comm, "UPDATE task SET comm = ? WHERE id = ?") < 0) {
		tracedb_writer_free(w);
		return NULL;
	}
	return w;
}

static void free_queue(struct queued *q)
{
	while (q) {
		struct queued *next = q->next;

		free(q->text);
		free(q->xtext);
		free(q->names);
		free(q);
		q = next;
	}
}

void tracedb_writer_free(struct tracedb_writer *w)
{
	size_t i;

	if (!w)
		return;
	db_finalize(w->ins_event);
	db_finalize(w->ins_more);
	db_finalize(w->ins_mech);
	db_finalize(w->get_mech);
	db_finalize(w->ins_task);
	db_finalize(w->upd_seq);
	db_finalize(w->upd_end);
	db_finalize(w->upd_comm);
	free_queue(w->head);
	free_queue(w->free_q);
	tidmap_release(&w->held);
	for (i = 0; i < w->nmechs; i++)
		free(w->mechs[i].names);
	free(w->mechs);
	free(w);
}

/* The codes of trace.db versions 6 and 7 (common/schema.c); -1: stored as text. */
static int name_code(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return (int)i + 1;
	return -1;
}

static const char *const kind_names[] = {
	"enter", "exit", "signal", "stop", "fork", "vfork", "clone", "exec", "exited", "detach",
};
static const char *const stop_names[] = { "syscall", "seccomp", "event", "signal", "group" };
static const char *const abi_names[] = { "i386", "x32" };

#define NAMES(a) a, sizeof(a) / sizeof(a[0])

static int bind_code(sqlite3_stmt *st, int i, const char *const *names, size_t n,
		     const char *s)
{
	int code;

	if (!s)
		return sqlite3_bind_null(st, i);
	code = name_code(names, n, s);
	return code > 0 ? sqlite3_bind_int(st, i, code)
			: sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static int bind_opt_int(sqlite3_stmt *st, int i, int has, int64_t v)
{
	return has ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
}

static int bind_opt_text(sqlite3_stmt *st, int i, const char *s, int len)
{
	return s ? sqlite3_bind_text(st, i, s, len, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* mechanism.id of names (added when new), 0 for NULL, or -1. */
static int64_t mech_id(struct tracedb_writer *w, const char *names)
{
	struct mech_id *m;
	size_t i;
	int rc;

	if (!names)
		return 0;
	if (w->last_mech < w->nmechs && !strcmp(w->mechs[w->last_mech].names, names))
		return w->mechs[w->last_mech].id;
	for (i = 0; i < w->nmechs; i++)
		if (!strcmp(w->mechs[i].names, names)) {
			w->last_mech = i;
			return w->mechs[i].id;
		}
	if (db_bind_text(w->ins_mech, 1, names, -1) < 0 || db_step_done(w->ins_mech) < 0 ||
	    db_bind_text(w->get_mech, 1, names, -1) < 0)
		return -1;
	rc = sqlite3_step(w->get_mech);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(w->get_mech);
		return db_error(w->db, "mechanism");
	}
	w->mechs = xrealloc(w->mechs, (w->nmechs + 1) * sizeof(*w->mechs));
	m = &w->mechs[w->nmechs++];
	m->names = xstrdup(names);
	w->last_mech = w->nmechs - 1;
	m->id = sqlite3_column_int64(w->get_mech, 0);
	sqlite3_reset(w->get_mech);
	return m->id;
}

/* How many of row e's args are stored (tracedb_row.nargs). */
static int stored_args(const struct tracedb_row *e)
{
	return e->nargs < 0 ? 0 : e->nargs == 0 || e->nargs > 6 ? 6 : e->nargs;
}

static size_t text_len(const struct tracedb_row *e)
{
	return !e->text ? 0 : e->text_len < 0 ? strlen(e->text) : (size_t)e->text_len;
}

/*
 * Write row e (its mechanism.id mech, 0: none), merged with exit x when x
 * is not NULL.  0 or -1.
 */
/* The code of kind's usual stop (trace.db 7: TRACE7_STOP_USUAL), 0: none. */
static int usual_stop(int kind)
{
	static const int usual[] = { 0, 1, 1, 4, 5, 3, 3, 3, 3, 0, 0 };

	return kind > 0 && kind < (int)(sizeof(usual) / sizeof(usual[0])) ? usual[kind] : 0;
}

/*
 * Bind ev_more's stop column i: NULL for the usual stop of kind (as
 * TRACE7_STOP_STORE), 0 for none, else the code or the name.  Returns
 * whether it says something, or -1.
 */
static int bind_stop(sqlite3_stmt *st, int i, const char *kind, int usual_of, const char *stop)
{
	int k = kind ? name_code(NAMES(kind_names), kind) : usual_of;
	int usual = usual_stop(kind ? k : usual_of), code;

	if (!stop)
		return usual ? (sqlite3_bind_int(st, i, 0) == SQLITE_OK ? 1 : -1)
			     : (sqlite3_bind_null(st, i) == SQLITE_OK ? 0 : -1);
	code = name_code(NAMES(stop_names), stop);
	if (code > 0 && code == usual)
		return sqlite3_bind_null(st, i) == SQLITE_OK ? 0 : -1;
	return bind_code(st, i, NAMES(stop_names), stop) == SQLITE_OK ? 1 : -1;
}

static int write_row(struct tracedb_writer *w, const struct tracedb_row *e, int64_t mech,
		     const struct tracedb_row *x, int64_t xmech)
{
	sqlite3_stmt *st = w->ins_event, *more = w->ins_more;
	int i, nargs = stored_args(e), rc = 0, says, need_more;
	const char *enter_text = NULL;
	int enter_text_len = -1;

	if (mech < 0 || xmech < 0)
		return -1;
	rc |= sqlite3_bind_int64(st, 1, e->seq);
	rc |= sqlite3_bind_int64(st, 2, e->tid);
	rc |= sqlite3_bind_int64(st, 3, (int64_t)((uint64_t)e->ts_ns - (uint64_t)w->base));
	rc |= bind_code(st, 4, NAMES(kind_names), e->kind);
	rc |= bind_opt_int(st, 5, e->has_nr, e->nr);
	for (i = 0; i < 6; i++)
		rc |= bind_opt_int(st, 6 + i, e->has_args && i < nargs, e->args[i]);
	rc |= bind_opt_int(st, 14, mech > 0, mech);
	/* ev_more: what few rows have */
	says = bind_stop(more, 2, e->kind, 0, e->stop);
	need_more = says > 0 || e->abi || e->has_enter_seq || e->has_other_tid;
	rc |= says < 0;
	rc |= bind_code(more, 3, NAMES(abi_names), e->abi);
	rc |= bind_opt_int(more, 4, e->has_enter_seq, e->enter_seq);
	rc |= bind_opt_int(more, 5, e->has_other_tid, e->other_tid);
	rc |= sqlite3_bind_null(more, 7);
	if (!x) {
		rc |= bind_opt_int(st, 12, e->has_retval, e->retval);
		rc |= bind_opt_text(st, 13, e->text, e->text_len);
		for (i = 15; i <= 18; i++)
			rc |= sqlite3_bind_null(st, i);
	} else {
		size_t elen = text_len(e), xlen = text_len(x);
		int prefix = e->text && x->text && elen <= xlen && !memcmp(e->text, x->text, elen);

		rc |= bind_opt_int(st, 12, x->has_retval, x->retval);
		rc |= bind_opt_text(st, 13, x->text, x->text_len);
		rc |= sqlite3_bind_int64(st, 15, x->seq - e->seq);
		rc |= sqlite3_bind_int64(st, 16, x->ts_ns - e->ts_ns);
		rc |= bind_opt_int(st, 17, xmech > 0, xmech);
		rc |= bind_opt_int(st, 18, prefix, (int64_t)elen);
		/* the enter's text when not a prefix; the exit's stop when not syscall */
		if (!prefix && e->text) {
			enter_text = e->text;
			enter_text_len = e->text_len;
			need_more = 1;
		}
		says = bind_stop(more, 7, NULL, 2, x->stop);
		rc |= says < 0;
		need_more |= says > 0;
	}
	rc |= bind_opt_text(more, 6, enter_text, enter_text_len);
	if (rc != SQLITE_OK) {
		sqlite3_reset(st);
		return db_error(w->db, "bind");
	}
	w->rows++;
	if (e->seq < w->max_seq)
		w->behind++;
	else
		w->max_seq = e->seq;
	if (db_step_done(st) < 0)
		return -1;
	if (!need_more)
		return 0;
	if (sqlite3_bind_int64(more, 1, e->seq) != SQLITE_OK)
		return db_error(w->db, "bind");
	return db_step_done(more);
}

int tracedb_writer_scattered(const struct tracedb_writer *w)
{
	/* each row written behind the last one can split a full page,
	 * leaving half of it empty: past one in 256 rows (rows of ~100
	 * bytes, 40 to a page), that is over 5 % of the file */
	return w->behind * 256 > w->rows;
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Can exit x share held enter h's row (the view gives back both)? */
static int can_merge(const struct tracedb_row *h, const struct tracedb_row *x)
{
	int i, n = stored_args(h);

	if (!x->has_enter_seq || x->enter_seq != h->seq || x->seq <= h->seq ||
	    x->has_other_tid || strcmp(x->kind, "exit") ||
	    (x->stop && name_code(NAMES(stop_names), x->stop) < 0) ||
	    x->has_nr != h->has_nr || (h->has_nr && x->nr != h->nr) || !same_str(x->abi, h->abi) ||
	    x->has_args != h->has_args || stored_args(x) != n)
		return 0;
	for (i = 0; h->has_args && i < n; i++)
		if (x->args[i] != h->args[i])
			return 0;
	return 1;
}

/* A copy of text (len bytes) in *buf (capacity *cap), NUL-terminated. */
static char *copy_text(char **buf, size_t *cap, const char *text, size_t len)
{
	if (*cap < len + 1) {
		*cap = len + 1 > 64 ? len + 1 : 64;
		free(*buf);
		*buf = xmalloc(*cap);
	}
	memcpy(*buf, text, len);
	(*buf)[len] = '\0';
	return *buf;
}

/*
 * The name s kept for q: the table's own string when it is a known name,
 * else a copy in q->names (at most three, kind stop abi: *used bytes so far).
 */
static const char *keep_name(struct queued *q, size_t *used, const char *const *names,
			     size_t n, const char *s)
{
	int code;
	size_t len;

	if (!s)
		return NULL;
	code = name_code(names, n, s);
	if (code > 0)
		return names[code - 1];
	len = strlen(s) + 1;
	q->names = xrealloc(q->names, *used + len);
	memcpy(q->names + *used, s, len);
	*used += len;
	return NULL;	/* fixed up by the caller: q->names moved */
}

/* Copy row e into q (its mechanism resolved to an id).  0 or -1. */
static int queue_copy(struct tracedb_writer *w, struct queued *q, const struct tracedb_row *e)
{
	const char *kind, *stop, *abi;
	size_t used = 0, at[3];
	int64_t mech = mech_id(w, e->mechanism);

	if (mech < 0)
		return -1;
	q->row = *e;
	q->mech = mech;
	q->row.mechanism = NULL;
	if (e->text)
		q->row.text = copy_text(&q->text, &q->cap, e->text, text_len(e));
	q->row.text_len = e->text ? (int)text_len(e) : -1;
	/* the names: known ones by the table's string, others copied */
	at[0] = used;
	kind = keep_name(q, &used, NAMES(kind_names), e->kind);
	at[1] = used;
	stop = keep_name(q, &used, NAMES(stop_names), e->stop);
	at[2] = used;
	abi = keep_name(q, &used, NAMES(abi_names), e->abi);
	q->row.kind = kind ? kind : q->names + at[0];
	q->row.stop = stop || !e->stop ? stop : q->names + at[1];
	q->row.abi = abi || !e->abi ? abi : q->names + at[2];
	return 0;
}

/* A free queue entry. */
static struct queued *queue_get(struct tracedb_writer *w)
{
	struct queued *q = w->free_q;

	if (q)
		w->free_q = q->next;
	else
		q = xcalloc(1, sizeof(*q));
	q->waiting = q->merged = 0;
	q->next = NULL;
	return q;
}

/* Write the head of the queue and put it back on the free list.  0 or -1. */
static int queue_write_head(struct tracedb_writer *w)
{
	struct queued *q = w->head;
	int rc;

	if (q->waiting)
		tidmap_del(&w->held, (pid_t)q->row.tid);
	rc = write_row(w, &q->row, q->mech, q->merged ? &q->x : NULL, q->merged ? q->xmech : 0);
	w->head = q->next;
	if (!w->head)
		w->tail = NULL;
	q->next = w->free_q;
	w->free_q = q;
	return rc;
}

/* Write the rows at the head of the queue that wait for nothing.  0 or -1. */
static int queue_drain(struct tracedb_writer *w)
{
	while (w->head && !w->head->waiting)
		if (queue_write_head(w) < 0)
			return -1;
	return 0;
}

/* Can e wait for its exit?  An enter of a task, with nothing of an exit. */
static int can_hold(const struct tracedb_row *e)
{
	return !strcmp(e->kind, "enter") && e->tid > 0 && e->tid <= INT32_MAX &&
	       !e->has_retval && !e->has_enter_seq && !e->has_other_tid;
}

int tracedb_writer_event(struct tracedb_writer *w, const struct tracedb_row *e)
{
	struct queued *h = NULL, *q;

	if (e->tid > 0 && e->tid <= INT32_MAX)
		h = tidmap_get(&w->held, (pid_t)e->tid);
	if (h && !strcmp(e->kind, "exit") && can_merge(&h->row, e)) {
		/* its exit: one row for both */
		int64_t xmech = mech_id(w, e->mechanism);

		if (xmech < 0)
			return -1;
		h->x = *e;
		h->x.mechanism = NULL;
		h->x.kind = "exit";
		h->x.abi = h->row.abi;
		h->x.stop = e->stop ? stop_names[name_code(NAMES(stop_names), e->stop) - 1] : NULL;
		if (e->text)
			h->x.text = copy_text(&h->xtext, &h->xcap, e->text, text_len(e));
		h->x.text_len = e->text ? (int)text_len(e) : -1;
		h->xmech = xmech;
		h->merged = 1;
		h->waiting = 0;
		tidmap_del(&w->held, (pid_t)e->tid);
		return queue_drain(w);
	}
	if (h && !strcmp(e->kind, "enter")) {
		/* a new enter of the task: the one waiting gets no exit */
		h->waiting = 0;
		tidmap_del(&w->held, (pid_t)e->tid);
	}
	if (!w->head && !can_hold(e)) {
		int64_t mech = mech_id(w, e->mechanism);

		return mech < 0 ? -1 : write_row(w, e, mech, NULL, 0);
	}
	q = queue_get(w);
	if (queue_copy(w, q, e) < 0) {
		q->next = w->free_q;
		w->free_q = q;
		return -1;
	}
	if (w->tail)
		w->tail->next = q;
	else
		w->head = q;
	w->tail = q;
	if (can_hold(e)) {
		q->waiting = 1;
		tidmap_put(&w->held, (pid_t)e->tid, q);
	}
	return queue_drain(w);
}

int tracedb_writer_flush(struct tracedb_writer *w)
{
	int rc = 0;

	while (w->head)
		if (queue_write_head(w) < 0)
			rc = -1;
	return rc;
}

int64_t tracedb_writer_task_new(struct tracedb_writer *w, int64_t tid, int64_t tgid,
				int64_t parent, const char *comm)
{
	sqlite3_stmt *st = w->ins_task;

	if (db_bind_int(st, 1, tid) < 0 || db_bind_int(st, 2, tgid) < 0 ||
	    (parent > 0 ? db_bind_int(st, 3, parent) : db_bind_null(st, 3)) < 0 ||
	    db_bind_text(st, 4, comm && *comm ? comm : NULL, -1) < 0 ||
	    db_step_done(st) < 0)
		return -1;
	return sqlite3_last_insert_rowid(w->db);
}

static int bind_seq(sqlite3_stmt *st, int i, int64_t seq)
{
	return seq ? db_bind_int(st, i, seq) : db_bind_null(st, i);
}

int tracedb_writer_task_seqs(struct tracedb_writer *w, int64_t id, int64_t first_seq,
			     int64_t last_seq)
{
	sqlite3_stmt *st = w->upd_seq;

	return bind_seq(st, 1, first_seq) < 0 || bind_seq(st, 2, last_seq) < 0 ||
	       db_bind_int(st, 3, id) < 0 || db_step_done(st) < 0 ? -1 : 0;
}

int tracedb_writer_task_end(struct tracedb_writer *w, int64_t id, int64_t first_seq,
			    int64_t last_seq, int has_status, int64_t status)
{
	sqlite3_stmt *st = w->upd_end;

	return bind_seq(st, 1, first_seq) < 0 || bind_seq(st, 2, last_seq) < 0 ||
	       (has_status ? db_bind_int(st, 3, status) : db_bind_null(st, 3)) < 0 ||
	       db_bind_int(st, 4, id) < 0 || db_step_done(st) < 0 ? -1 : 0;
}

int tracedb_writer_task_comm(struct tracedb_writer *w, int64_t id, const char *comm)
{
	sqlite3_stmt *st = w->upd_comm;

	return db_bind_text(st, 1, comm, -1) < 0 || db_bind_int(st, 2, id) < 0 ||
	       db_step_done(st) < 0 ? -1 : 0;
}
