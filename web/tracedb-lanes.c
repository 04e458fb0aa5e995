#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "tracedb.h"
#include "tracedb-lanes.h"

static int key_cmp(const void *x, const void *y)
{
	const struct tracedb_lane_key *p = x, *q = y;

	if (p->tid != q->tid)
		return p->tid < q->tid ? -1 : 1;
	if (p->first_seq != q->first_seq)
		return p->first_seq < q->first_seq ? -1 : 1;
	return p->lane < q->lane ? -1 : p->lane > q->lane;
}

void tracedb_lanes_build(struct tracedb_lanes *li, const struct tracedb_task *tasks, int n)
{
	int i;

	memset(li, 0, sizeof(*li));
	if (n <= 0)
		return;
	li->rows = xmalloc((size_t)n * sizeof(*li->rows));
	for (i = 0; i < n; i++) {
		li->rows[i].tid = tasks[i].tid;
		li->rows[i].first_seq = tasks[i].first_seq;
		li->rows[i].lane = i;
	}
	qsort(li->rows, (size_t)n, sizeof(*li->rows), key_cmp);
	li->nrows = n;
}

/*
 * The first position in rows[lo..hi) that is not before (tid, first_seq);
 * with past set, the first that is after it.
 */
static int bound(const struct tracedb_lanes *li, int lo, int hi, int64_t tid,
		 int64_t first_seq, int past)
{
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		const struct tracedb_lane_key *k = &li->rows[mid];

		if (k->tid < tid || (k->tid == tid && (k->first_seq < first_seq ||
						       (past && k->first_seq == first_seq))))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint64_t hash_tid(int64_t tid)
{
	uint64_t h = (uint64_t)tid * 0x9E3779B97F4A7C15ull;

	return h ^ (h >> 29);
}

static int extra_find(const struct tracedb_lanes *li, int64_t tid)
{
	size_t mask, i;

	if (!li->aextra)
		return -1;
	mask = (size_t)li->aextra - 1;
	for (i = hash_tid(tid) & mask; li->extra_lane[i] >= 0; i = (i + 1) & mask)
		if (li->extra_tid[i] == tid)
			return li->extra_lane[i];
	return -1;
}

int tracedb_lanes_find(const struct tracedb_lanes *li, int64_t tid, int64_t seq, int child,
		       int *unique)
{
	int lo, hi, u;

	lo = bound(li, 0, li->nrows, tid, INT64_MIN, 0);
	hi = bound(li, lo, li->nrows, tid, INT64_MAX, 1);
	if (unique)
		*unique = hi - lo <= 1;
	if (lo == hi)
		return extra_find(li, tid);
	/* a fork naming its child: the first task of tid starting at or after seq */
	if (child) {
		u = bound(li, lo, hi, tid, seq, 0);
		if (u < hi)
			return li->rows[u].lane;
	}
	/* the task whose first event is the last at or before seq (the first
	 * row of equal ones), else the first task of tid */
	u = bound(li, lo, hi, tid, seq, 1);
	if (u == lo)
		return li->rows[lo].lane;
	return li->rows[bound(li, lo, u, tid, li->rows[u - 1].first_seq, 0)].lane;
}

static void extra_put(struct tracedb_lanes *li, int64_t tid, int lane)
{
	size_t mask = (size_t)li->aextra - 1, i;

	for (i = hash_tid(tid) & mask; li->extra_lane[i] >= 0; i = (i + 1) & mask)
		if (li->extra_tid[i] == tid) {
			li->extra_lane[i] = lane;
			return;
		}
	li->extra_tid[i] = tid;
	li->extra_lane[i] = lane;
	li->nextra++;
}

void tracedb_lanes_add(struct tracedb_lanes *li, int64_t tid, int lane)
{
	if (2 * (size_t)(li->nextra + 1) > (size_t)li->aextra) {
		int64_t *old_tid = li->extra_tid;
		int *old_lane = li->extra_lane, old = li->aextra, i;

		if (li->aextra >= (1 << 30))
			die("report: too many tasks");
		li->aextra = li->aextra ? 2 * li->aextra : 64;
		li->extra_tid = xmalloc((size_t)li->aextra * sizeof(*li->extra_tid));
		li->extra_lane = xmalloc((size_t)li->aextra * sizeof(*li->extra_lane));
		for (i = 0; i < li->aextra; i++)
			li->extra_lane[i] = -1;
		li->nextra = 0;
		for (i = 0; i < old; i++)
			if (old_lane[i] >= 0)
				extra_put(li, old_tid[i], old_lane[i]);
		free(old_tid);
		free(old_lane);
	}
	extra_put(li, tid, lane);
}

void tracedb_lanes_release(struct tracedb_lanes *li)
{
	free(li->rows);
	free(li->extra_tid);
	free(li->extra_lane);
	memset(li, 0, sizeof(*li));
}
