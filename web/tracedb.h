/*
 * tracedb: a trace.db read as a stream of syscalls and markers.
 *
 * Events are read once, in seq order, and never all held in memory: an
 * enter waits (one per thread at most) until its exit arrives, and the
 * pair is handed on as one syscall.  Calls still open when their thread
 * exits, or when the trace ends, are handed on as unfinished.
 */
#ifndef SYSATLAS_WEB_TRACEDB_H
#define SYSATLAS_WEB_TRACEDB_H

#include <stdint.h>
#include <sqlite3.h>

#include "tracedb-lanes.h"

enum tracedb_flags {
	TRACEDB_ERROR = 1 << 0,		/* returned -1 .. -4095 */
	TRACEDB_UNFINISHED = 1 << 1,	/* no exit was recorded */
	TRACEDB_NO_ENTER = 1 << 2,	/* exit without its enter (attached mid-call) */
	TRACEDB_NO_RETURN = 1 << 3,	/* the thread exited or exec'd inside the call */
};

/* One syscall from enter to exit; strings valid during the callback only. */
struct tracedb_call {
	int64_t seq;			/* enter's seq (exit's without an enter) */
	int64_t exit_seq;		/* 0: none */
	int64_t tid;
	int lane;			/* index into tracedb_run.tasks */
	int64_t t0, t1;			/* ns since run start; t1 = t0 when unknown */
	const char *abi;		/* NULL: native */
	long nr;
	int64_t args[6];
	int64_t retval;
	unsigned flags;			/* enum tracedb_flags */
	const char *text;		/* the strace line (partial when unfinished) */
	const char *mech_enter, *mech_exit;	/* "" when none */
};

enum tracedb_marker_kind {
	TRACEDB_SIGNAL,
	TRACEDB_FORK,			/* fork, vfork, clone */
	TRACEDB_EXEC,
	TRACEDB_EXIT,
	TRACEDB_DETACH,
	TRACEDB_MARKER_KINDS
};

extern const char *const tracedb_marker_names[TRACEDB_MARKER_KINDS];

struct tracedb_marker {
	int64_t seq, tid;
	int lane;
	int64_t t;
	enum tracedb_marker_kind kind;
	const char *event_kind;		/* as recorded: fork, vfork, clone, … */
	long nr;			/* signal number */
	int64_t other_tid;		/* fork: the child; exec: former tid */
	int64_t status;			/* exit: wait status */
	int has_status;
	const char *text;
};

struct tracedb_task {
	int64_t tid, tgid, parent_tid;	/* parent_tid 0: none */
	char *comm;
	int64_t exit_status;
	int has_exit_status;
	int64_t first_seq;		/* its first event; 0: unknown */
	int64_t first_t, last_t;	/* filled while streaming; -1 none */
	uint64_t calls;
};

/* The latest time a trace's event may have, in ns after its start (~31 years). */
#define TRACEDB_MAX_T ((int64_t)1 << 60)

/*
 * ts relative to base, for times read from an untrusted trace: no
 * overflow, and clamped to [0, TRACEDB_MAX_T] so that later sums and
 * differences of such times cannot overflow either.
 */
int64_t tracedb_rel_ns(int64_t ts, int64_t base);

struct tracedb_run {
	char *argv_json;		/* JSON array as recorded */
	char *attached_argv;		/* -p: the first attached process's, or NULL */
	int64_t detached_status;	/* the command's status after a detach */
	int has_detached_status;
	char *source;			/* trace, import; NULL: recorded before version 3 */
	char *start;			/* launch, attach; NULL: not recorded */
	int64_t seize_options;		/* PTRACE_O_* given to PTRACE_SEIZE */
	int has_seize_options;
	char *cwd;
	int64_t started_ns;		/* realtime */
	int64_t mono_start_ns;
	int64_t ended_ns;		/* monotonic; 0 when has_ended is 0 */
	int has_ended;
	char *kernel_release, *arch, *tool_version, *options;
	int64_t exit_status;
	int has_exit_status;
	char *times;			/* "recorded", "log", "log-relative", "order";
					   NULL before version 3 (recorded) */
	int64_t time_resolution_ns;	/* 0: unknown or recorded */
	char *durations;		/* "recorded", "log", "none"; NULL before 3 */
	int64_t events;			/* rows in event */
	int64_t last_t;			/* ns since start of the last event */
	struct tracedb_task *tasks;	/* lanes, sorted by (tgid, tid) */
	int ntasks, atasks;
	struct tracedb_lanes lanes;	/* tid -> lane */
};

/* Read run and task rows into r.  0, or -1 after error(). */
int tracedb_run_load(sqlite3 *db, struct tracedb_run *r);
void tracedb_run_release(struct tracedb_run *r);

/* The lane of tid, adding one for a thread the task table lacks. */
int tracedb_lane(struct tracedb_run *r, int64_t tid);
/*
 * The lane of tid at event seq, where the kernel reused a tid within the
 * trace (one task row each): the task whose first event is the last at
 * or before seq; with child set (a fork naming its child), the first
 * task of that tid starting at or after seq.  -1 when no task has tid.
 * *unique is set when tid has at most one task, so the answer holds for
 * every seq.
 */
int tracedb_lane_at(struct tracedb_run *r, int64_t tid, int64_t seq, int child, int *unique);

struct tracedb_sink {
	int (*call)(void *ctx, const struct tracedb_call *c);
	int (*marker)(void *ctx, const struct tracedb_marker *m);
	void *ctx;
};

/*
 * Stream every event of db through sink, in seq order (calls when their
 * exit is read, or at the end when unfinished).  A callback returning < 0
 * stops the stream.  progress is called with events read so far (may be
 * NULL).  0, or -1 after error().
 */
int tracedb_stream(sqlite3 *db, struct tracedb_run *r, const struct tracedb_sink *sink,
		   void (*progress)(void *ctx, uint64_t done), void *pctx);

#endif
