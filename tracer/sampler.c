#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "idle.h"
#include "kstack.h"
#include "sampler.h"
#include "trace.h"

#define SAMPLER_BLOCK_SLOTS 256

struct sampler_block {
	struct sampler_slot slots[SAMPLER_BLOCK_SLOTS];
	_Atomic unsigned used;				/* published slots */
	struct sampler_block *_Atomic next;
};

struct sampler {
	struct ring *ring;
	pthread_t thread;
	int started;
	_Atomic int stopping;
	struct idle idle;				/* its sleep between looks */
	/* blocks: appended by the engine, read by the sampler */
	struct sampler_block *first, *last;
	struct sampler_slot *free;			/* the engine's */
	int noted;					/* a failed read was reported */
	_Atomic uint64_t taken, dropped;
	char buf[KSTACK_TEXT_MAX];
};

struct sampler *sampler_new(struct ring *ring)
{
	struct sampler *s = xcalloc(1, sizeof(*s));

	s->ring = ring;
	idle_init(&s->idle);
	s->first = s->last = xcalloc(1, sizeof(*s->first));
	return s;
}

struct sampler_slot *sampler_slot_get(struct sampler *s)
{
	struct sampler_block *b = s->last;
	struct sampler_slot *slot = s->free;
	unsigned used;

	if (slot) {
		s->free = slot->next_free;
		slot->next_free = NULL;
		return slot;
	}
	used = atomic_load_explicit(&b->used, memory_order_relaxed);
	if (used == SAMPLER_BLOCK_SLOTS) {
		struct sampler_block *nb = xcalloc(1, sizeof(*nb));

		atomic_store_explicit(&b->next, nb, memory_order_release);
		s->last = b = nb;
		used = 0;
	}
	slot = &b->slots[used];
	atomic_store_explicit(&b->used, used + 1, memory_order_release);
	return slot;
}

void sampler_slot_put(struct sampler *s, struct sampler_slot *slot)
{
	sampler_exit(slot);
	slot->next_free = s->free;
	s->free = slot;
}

/* When the k-th sample of a call is due, in ns after it entered. */
static int64_t sampler_due(unsigned k)
{
	static const int64_t first[] = KSTACK_SAMPLE_FIRST;
	const unsigned nfirst = sizeof(first) / sizeof(first[0]);

	if (k < nfirst)
		return first[k];
	return first[nfirst - 1] + (int64_t)(k - nfirst + 1) * KSTACK_SAMPLE_EVERY_NS;
}

/* Report, once, why a task's stack could not be read. */
static void sampler_note(struct sampler *s, int err)
{
	const char *why = kstack_why(err);
	size_t len = strlen(why);
	struct trace_note *n;

	if (s->noted)
		return;
	s->noted = 1;
	n = ring_reserve(s->ring, sizeof(*n) + len);
	n->text_len = (uint32_t)len;
	memcpy(n->text, why, len);
	ring_push(s->ring, n, TRACE_REC_KSTACK_NOTE);
}

/* Sample the task of slot if its call is due; now is the poll's time. */
static void sampler_look(struct sampler *s, struct sampler_slot *slot, int64_t now)
{
	uint64_t seq = atomic_load_explicit(&slot->seq, memory_order_acquire);
	struct trace_kstack *k;
	int64_t enter;
	pid_t tid;
	char state;
	int n;

	if (!seq)
		return;
	enter = atomic_load_explicit(&slot->enter_ns, memory_order_relaxed);
	tid = atomic_load_explicit(&slot->tid, memory_order_relaxed);
	atomic_thread_fence(memory_order_acquire);
	if (atomic_load_explicit(&slot->seq, memory_order_relaxed) != seq)
		return;
	if (slot->seen != seq) {
		slot->seen = seq;
		slot->taken = 0;
	}
	if (slot->taken >= KSTACK_SAMPLES_PER_CALL || now - enter < sampler_due(slot->taken))
		return;
	/* the next one after now: a late look does not take a burst */
	while (slot->taken < KSTACK_SAMPLES_PER_CALL && now - enter >= sampler_due(slot->taken))
		slot->taken++;

	state = kstack_task_state(tid);
	n = kstack_read(tid, s->buf, sizeof(s->buf));
	now = idle_now();
	if (n < 0 && n != -ESRCH && n != -ENOENT)
		sampler_note(s, -n);
	/*
	 * Dropped: no stack (running, or gone), the call over meanwhile, or
	 * already stopped for the tracer on its way out.
	 */
	if (n <= 0 || atomic_load_explicit(&slot->seq, memory_order_acquire) != seq ||
	    memmem(s->buf, (size_t)n, "ptrace_stop", 11) ||
	    memmem(s->buf, (size_t)n, "ptrace_notify", 13)) {
		atomic_fetch_add_explicit(&s->dropped, 1, memory_order_relaxed);
		return;
	}
	k = ring_reserve(s->ring, sizeof(*k) + (size_t)n);
	k->seq = seq;
	k->ts_ns = now;
	k->tid = tid;
	k->at = KSTACK_AT_SAMPLE;
	k->abi = 0;
	k->state = state;
	k->has_nr = 0;
	k->nr = 0;
	k->text_len = (uint32_t)n;
	memcpy(k->text, s->buf, (size_t)n);
	ring_push(s->ring, k, TRACE_REC_KSTACK);
	atomic_fetch_add_explicit(&s->taken, 1, memory_order_relaxed);
}

static void *sampler_main(void *arg)
{
	struct sampler *s = arg;

	while (!atomic_load_explicit(&s->stopping, memory_order_acquire)) {
		struct sampler_block *b;
		int64_t now = idle_now();

		for (b = s->first; b; b = atomic_load_explicit(&b->next, memory_order_acquire)) {
			unsigned i, used = atomic_load_explicit(&b->used, memory_order_acquire);

			for (i = 0; i < used; i++)
				sampler_look(s, &b->slots[i], now);
		}
		idle_wait(&s->idle, KSTACK_SAMPLE_POLL_NS);
	}
	return NULL;
}

int sampler_start(struct sampler *s)
{
	int err = idle_thread_start(&s->thread, sampler_main, s);

	if (err) {
		errno = err;
		return error_errno("cannot start the kernel-stack sampler");
	}
	s->started = 1;
	return 0;
}

void sampler_counts(struct sampler *s, uint64_t *taken, uint64_t *dropped)
{
	*taken = atomic_load(&s->taken);
	*dropped = atomic_load(&s->dropped);
}

void sampler_free(struct sampler *s)
{
	struct sampler_block *b, *next;

	if (!s)
		return;
	if (s->started) {
		atomic_store_explicit(&s->stopping, 1, memory_order_release);
		idle_wake(&s->idle);
		pthread_join(s->thread, NULL);
	}
	idle_destroy(&s->idle);
	for (b = s->first; b; b = next) {
		next = atomic_load(&b->next);
		free(b);
	}
	free(s);
}
