#include <stdlib.h>

#include "db.h"
#include "error.h"
#include "tracedb-write.h"

struct tracedb_writer {
	sqlite3 *db;
	sqlite3_stmt *ins_event, *ins_task, *upd_seq, *upd_end, *upd_comm;
};

struct tracedb_writer *tracedb_writer_new(sqlite3 *db)
{
	struct tracedb_writer *w = xcalloc(1, sizeof(*w));

	w->db = db;
	if (db_prepare(db, &w->ins_event,
		       "INSERT INTO event(seq, tid, ts_ns, kind, stop, abi, nr, "
		       "arg0, arg1, arg2, arg3, arg4, arg5, retval, text, mechanism, "
		       "enter_seq, other_tid) VALUES "
		       "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
		       "?15, ?16, ?17, ?18)") < 0 ||
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

void tracedb_writer_free(struct tracedb_writer *w)
{
	if (!w)
		return;
	db_finalize(w->ins_event);
	db_finalize(w->ins_task);
	db_finalize(w->upd_seq);
	db_finalize(w->upd_end);
	db_finalize(w->upd_comm);
	free(w);
}

static int bind_opt_int(sqlite3_stmt *st, int i, int has, int64_t v)
{
	return has ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
}

static int bind_opt_text(sqlite3_stmt *st, int i, const char *s, int len)
{
	return s ? sqlite3_bind_text(st, i, s, len, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

int tracedb_writer_event(struct tracedb_writer *w, const struct tracedb_row *e)
{
	sqlite3_stmt *st = w->ins_event;
	int i, rc = 0;

	rc |= sqlite3_bind_int64(st, 1, e->seq);
	rc |= sqlite3_bind_int64(st, 2, e->tid);
	rc |= sqlite3_bind_int64(st, 3, e->ts_ns);
	rc |= sqlite3_bind_text(st, 4, e->kind, -1, SQLITE_STATIC);
	rc |= bind_opt_text(st, 5, e->stop, -1);
	rc |= bind_opt_text(st, 6, e->abi, -1);
	rc |= bind_opt_int(st, 7, e->has_nr, e->nr);
	for (i = 0; i < 6; i++)
		rc |= bind_opt_int(st, 8 + i, e->has_args, e->args[i]);
	rc |= bind_opt_int(st, 14, e->has_retval, e->retval);
	rc |= bind_opt_text(st, 15, e->text, e->text_len);
	rc |= bind_opt_text(st, 16, e->mechanism, -1);
	rc |= bind_opt_int(st, 17, e->has_enter_seq, e->enter_seq);
	rc |= bind_opt_int(st, 18, e->has_other_tid, e->other_tid);
	if (rc != SQLITE_OK) {
		sqlite3_reset(st);
		return db_error(w->db, "bind");
	}
	return db_step_done(st);
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
