/*
 * tracedb-write: the rows of a trace.db, written (shared by the tracer's
 * writer thread and `sysatlas import`).
 *
 * One prepared statement per kind of row, bound from plain structs; the
 * caller owns the connection, its transactions and the bookkeeping of
 * which task is which (docs/schema.md, trace.db).  Every function reports
 * its failure itself (db_error()) and returns -1.
 *
 * A call's enter is held until its exit, so that both go into one `ev`
 * row (trace.db version 6); the rows after a held enter wait with it, so
 * that rows are written in seq order, each at the end of the table.
 * tracedb_writer_flush() writes what is held, and must be called before
 * every commit.
 */
#ifndef SYSATLAS_TRACEDB_WRITE_H
#define SYSATLAS_TRACEDB_WRITE_H

#include <stdint.h>
#include <sqlite3.h>

struct tracedb_writer;

/* One event row; a field whose has_ flag is 0 (or a NULL string) is NULL. */
struct tracedb_row {
	int64_t seq, tid, ts_ns;
	const char *kind;		/* enter exit signal stop fork … (required) */
	const char *stop;		/* syscall seccomp event signal group, or NULL */
	const char *abi;		/* NULL: native */
	int has_nr, has_args, has_retval, has_enter_seq, has_other_tid;
	int64_t nr;
	int64_t args[6];
	int nargs;			/* has_args: args[0 .. nargs-1] are stored; 0: all six, -1: none */
	int64_t retval;
	const char *text;		/* NULL: none */
	int text_len;			/* bytes of text; -1: up to its NUL */
	const char *mechanism;		/* NULL: none (an imported trace) */
	int64_t enter_seq, other_tid;
};

/* Prepare the statements on db, a trace.db open for writing.  NULL after error(). */
struct tracedb_writer *tracedb_writer_new(sqlite3 *db);

/*
 * Finalize the statements (not the connection); enters still held are
 * dropped (flush first).  NULL is a no-op.
 */
void tracedb_writer_free(struct tracedb_writer *w);

/*
 * Record an event (row's strings are copied when it is held).  An enter
 * is held until its exit or the next flush, and the rows after it with
 * it.  0 or -1.
 */
int tracedb_writer_event(struct tracedb_writer *w, const struct tracedb_row *row);

/* Write the enters still held (before a commit, or at the end).  0 or -1. */
int tracedb_writer_flush(struct tracedb_writer *w);

/*
 * Were enough rows written out of seq order (enters held across a
 * commit, inserted behind later rows) that the table's pages are worth
 * compacting (VACUUM) at the end?  1 or 0.
 */
int tracedb_writer_scattered(const struct tracedb_writer *w);

/*
 * Insert a task row (parent 0: NULL; comm NULL or "": NULL) and return
 * its task.id, or -1.
 */
int64_t tracedb_writer_task_new(struct tracedb_writer *w, int64_t tid, int64_t tgid,
				int64_t parent, const char *comm);

/* Set a task's first and last seq (0: NULL).  0 or -1. */
int tracedb_writer_task_seqs(struct tracedb_writer *w, int64_t id, int64_t first_seq,
			     int64_t last_seq);

/* The same, with its exit status (has_status 0: NULL).  0 or -1. */
int tracedb_writer_task_end(struct tracedb_writer *w, int64_t id, int64_t first_seq,
			    int64_t last_seq, int has_status, int64_t status);

/* Set a task's command name.  0 or -1. */
int tracedb_writer_task_comm(struct tracedb_writer *w, int64_t id, const char *comm);

#endif
