/*
 * sampler: where a call waits (internal to tracer/).
 *
 * A thread of its own looks, every KSTACK_SAMPLE_POLL_NS, at the tasks
 * that are inside a recorded syscall (resumed from its enter stop, not yet
 * at its exit stop) and, on the schedule of kstack.h, reads their kernel
 * stack.  It never stops or signals a tracee: reading /proc/TID/stack of
 * a sleeping task does not wake it.  A task running on a CPU shows no
 * stack and gives no sample; a sample taken as the call was already
 * leaving (the stack holds ptrace_stop, or the task has moved on to its
 * next call) is dropped.
 *
 * The engine thread publishes each task's call in a slot with two atomic
 * stores per call (sampler_enter / sampler_exit); the sampler only reads
 * slots.  Slots live in blocks that are never freed while the sampler
 * runs, so a slot the engine recycles is at worst read as a call that
 * changed (its seq differs) and skipped.  Samples go to the writer
 * thread through a ring of their own (struct trace_kstack records).
 */
#ifndef SYSATLAS_TRACER_SAMPLER_H
#define SYSATLAS_TRACER_SAMPLER_H

#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "ring.h"

struct sampler_slot {
	_Atomic uint64_t seq;		/* the call's enter event; 0: not in a call */
	_Atomic int64_t enter_ns;
	_Atomic int32_t tid;
	/* the sampler's own */
	uint64_t seen;			/* the call the counters below are for */
	unsigned taken;			/* samples tried for it */
	struct sampler_slot *next_free;	/* the engine's own free list */
};

struct sampler;

/*
 * A sampler feeding ring (the writer's sample ring).  NULL never; the
 * thread starts with sampler_start().
 */
struct sampler *sampler_new(struct ring *ring);

/* Start the thread; 0 or -1 after error(). */
int sampler_start(struct sampler *s);

/* Stop and join the thread, free everything (NULL: nothing). */
void sampler_free(struct sampler *s);

/* Engine thread: a slot for a new task, and back when the task is gone. */
struct sampler_slot *sampler_slot_get(struct sampler *s);
void sampler_slot_put(struct sampler *s, struct sampler_slot *slot);

/* Engine thread: the task entered the call whose enter event is seq. */
static inline void sampler_enter(struct sampler_slot *slot, pid_t tid, uint64_t seq,
				 int64_t enter_ns)
{
	/* a seqlock: the sampler rereads seq after the fields */
	atomic_store_explicit(&slot->seq, 0, memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
	atomic_store_explicit(&slot->enter_ns, enter_ns, memory_order_relaxed);
	atomic_store_explicit(&slot->tid, tid, memory_order_relaxed);
	atomic_store_explicit(&slot->seq, seq, memory_order_release);
}

/* Engine thread: the task stopped at the call's exit (or is gone). */
static inline void sampler_exit(struct sampler_slot *slot)
{
	atomic_store_explicit(&slot->seq, 0, memory_order_release);
}

/* How many samples were taken and dropped (for tests and benchmarks). */
void sampler_counts(struct sampler *s, uint64_t *taken, uint64_t *dropped);

#endif
