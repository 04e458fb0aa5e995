/*
 * Unit tests for web/tracedb-lanes.c: every answer equals the linear scan
 * it replaced (kept here as the oracle), on random task tables with
 * reused tids, ties and lanes added for tids without a row.
 */
#include <stdint.h>

#include "error.h"
#include "tap.h"
#include "tracedb.h"

/* The scan tracedb_lane_at() did before the index: the reference. */
static int scan(const struct tracedb_task *tasks, int n, int64_t tid, int64_t seq,
		int child, int *unique)
{
	int i, k = 0, first = -1, before = -1, after = -1;

	for (i = 0; i < n; i++) {
		const struct tracedb_task *t = &tasks[i];

		if (t->tid != tid)
			continue;
		k++;
		if (first < 0 || t->first_seq < tasks[first].first_seq)
			first = i;
		if (t->first_seq <= seq && (before < 0 || t->first_seq > tasks[before].first_seq))
			before = i;
		if (t->first_seq >= seq && (after < 0 || t->first_seq < tasks[after].first_seq))
			after = i;
	}
	*unique = k <= 1;
	if (!k)
		return -1;
	if (child && after >= 0)
		return after;
	return before >= 0 ? before : first;
}

static unsigned long long rng = 0x2545F4914F6CDD1Dull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void random_tables(void)
{
	int round, bad = 0, checked = 0;

	for (round = 0; round < 200; round++) {
		int n = (int)rnd(60), i, q;
		struct tracedb_task *tasks = xcalloc((size_t)n + 1, sizeof(*tasks));
		struct tracedb_lanes li;

		for (i = 0; i < n; i++) {
			/* few distinct tids and seqs: reuse and ties are common */
			tasks[i].tid = (int64_t)rnd(12) - 2;
			tasks[i].first_seq = rnd(4) ? (int64_t)rnd(30) : 0;
		}
		tracedb_lanes_build(&li, tasks, n);
		for (q = 0; q < 100; q++) {
			int64_t tid = (int64_t)rnd(14) - 2, seq = (int64_t)rnd(34) - 2;
			int child = (int)rnd(2), u1 = -1, u2 = -1;
			int want = scan(tasks, n, tid, seq, child, &u1);
			int got = tracedb_lanes_find(&li, tid, seq, child, &u2);

			checked++;
			if (got != want || u1 != u2) {
				if (!bad++)
					diag("round %d: tid %lld seq %lld child %d: got %d/%d, want %d/%d",
					     round, (long long)tid, (long long)seq, child, got, u2, want, u1);
			}
		}
		tracedb_lanes_release(&li);
		free(tasks);
	}
	ok(!bad, "%d random lookups answer as the linear scan (%d differ)", checked, bad);
}

static void extremes(void)
{
	struct tracedb_task tasks[3] = {
		{ .tid = INT64_MIN, .first_seq = INT64_MAX },
		{ .tid = INT64_MAX, .first_seq = INT64_MIN },
		{ .tid = -1, .first_seq = -5 },
	};
	struct tracedb_lanes li;
	int unique = 0;

	tracedb_lanes_build(&li, tasks, 3);
	is_int(tracedb_lanes_find(&li, INT64_MIN, 0, 0, &unique), 0, "tid INT64_MIN found");
	ok(unique, "and unique");
	is_int(tracedb_lanes_find(&li, INT64_MAX, INT64_MIN, 1, NULL), 1, "tid INT64_MAX found as a child");
	is_int(tracedb_lanes_find(&li, -1, INT64_MAX, 0, NULL), 2, "a negative tid found");
	is_int(tracedb_lanes_find(&li, 7, 1, 0, NULL), -1, "an unknown tid: -1");
	tracedb_lanes_release(&li);
}

static void added_lanes(void)
{
	struct tracedb_lanes li;
	int i, bad = 0;

	tracedb_lanes_build(&li, NULL, 0);
	is_int(tracedb_lanes_find(&li, 5, 1, 0, NULL), -1, "an empty index knows no tid");
	for (i = 0; i < 100000; i++)
		tracedb_lanes_add(&li, (int64_t)i * 7919 - 50000, i);
	for (i = 0; i < 100000; i++)
		bad += tracedb_lanes_find(&li, (int64_t)i * 7919 - 50000, 0, 0, NULL) != i;
	ok(!bad, "100000 added lanes found again (%d wrong)", bad);
	is_int(tracedb_lanes_find(&li, 3, 0, 0, NULL), -1, "a tid never added: -1");
	tracedb_lanes_release(&li);
}

int main(void)
{
	random_tables();
	extremes();
	added_lanes();
	done_testing();
	return exit_status();
}
