/*
 * tracedb-lanes: which lane (task) a tid is, in O(log n).
 *
 * A trace of a big `make -j` holds 10^5 tasks and more; a lookup that
 * scanned them all made the report quadratic.  The index keeps the task
 * rows sorted by (tid, first_seq) and, in a hash, the lanes added later
 * for tids the task table lacks.  Private to web/ (tracedb.c).
 */
#ifndef SYSATLAS_WEB_TRACEDB_LANES_H
#define SYSATLAS_WEB_TRACEDB_LANES_H

#include <stdint.h>

struct tracedb_task;

struct tracedb_lane_key {
	int64_t tid, first_seq;
	int lane;
};

struct tracedb_lanes {
	struct tracedb_lane_key *rows;	/* the rows, sorted by (tid, first_seq, lane) */
	int nrows;
	int64_t *extra_tid;		/* open addressing; slot empty when extra_lane < 0 */
	int *extra_lane;
	int nextra, aextra;		/* used slots, slots (a power of two) */
};

/* Index tasks[0..n) (the rows read from the trace). */
void tracedb_lanes_build(struct tracedb_lanes *li, const struct tracedb_task *tasks, int n);

/*
 * As tracedb_lane_at() (tracedb.h): the lane of tid at event seq among the
 * indexed rows, else a lane added with tracedb_lanes_add(); -1 when none.
 */
int tracedb_lanes_find(const struct tracedb_lanes *li, int64_t tid, int64_t seq, int child,
		       int *unique);

/* Remember lane as the lane of tid, a tid no indexed row has. */
void tracedb_lanes_add(struct tracedb_lanes *li, int64_t tid, int lane);

void tracedb_lanes_release(struct tracedb_lanes *li);

#endif
