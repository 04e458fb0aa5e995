#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "ring.h"

#define RING_ALIGN(n) (((n) + 7u) & ~(size_t)7u)

int ring_init(struct ring *r, size_t size)
{
	assert(size >= 4096 && !(size & (size - 1)));
	memset(r, 0, sizeof(*r));
	r->buf = malloc(size);
	if (!r->buf)
		return error("ring: cannot allocate %zu bytes", size);
	r->size = size;
	atomic_init(&r->head, 0);
	atomic_init(&r->tail, 0);
	atomic_init(&r->full_waits, 0);
	return 0;
}

void ring_release(struct ring *r)
{
	free(r->buf);
	r->buf = NULL;
}

/* Make sure bytes up to end (a head position) are free, waiting if not. */
static void ring_room(struct ring *r, uint64_t end)
{
	struct timespec ts = { 0, 100 * 1000 };	/* 100 us */

	if (end - r->cached_tail <= r->size)
		return;
	r->cached_tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	if (end - r->cached_tail <= r->size)
		return;
	atomic_fetch_add_explicit(&r->full_waits, 1, memory_order_relaxed);
	do {
		nanosleep(&ts, NULL);
		r->cached_tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	} while (end - r->cached_tail > r->size);
}

void *ring_reserve(struct ring *r, size_t len)
{
	uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	size_t off, room_to_end;

	len = RING_ALIGN(len);
	assert(len >= sizeof(struct ring_hdr) && len <= r->size / 4);
	off = head & (r->size - 1);
	room_to_end = r->size - off;
	if (room_to_end < len) {
		/* Pad the tail end so the record starts at offset 0. */
		struct ring_hdr *pad = (struct ring_hdr *)(r->buf + off);

		ring_room(r, head + room_to_end);
		pad->len = (uint32_t)room_to_end;
		pad->type = RING_PAD;
		head += room_to_end;
		atomic_store_explicit(&r->head, head, memory_order_release);
		off = 0;
	}
	ring_room(r, head + len);
	((struct ring_hdr *)(r->buf + off))->len = (uint32_t)len;
	return r->buf + off;
}

void ring_push(struct ring *r, void *rec, uint32_t type)
{
	struct ring_hdr *h = rec;
	uint64_t head = atomic_load_explicit(&r->head, memory_order_relaxed);

	assert((char *)rec == r->buf + (head & (r->size - 1)));
	h->type = type;
	atomic_store_explicit(&r->head, head + h->len, memory_order_release);
}

struct ring_hdr *ring_peek(struct ring *r)
{
	uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	uint64_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	struct ring_hdr *h;

	while (tail != head) {
		h = (struct ring_hdr *)(r->buf + (tail & (r->size - 1)));
		if (h->type != RING_PAD)
			return h;
		tail += h->len;
		atomic_store_explicit(&r->tail, tail, memory_order_release);
	}
	return NULL;
}

void ring_pop(struct ring *r, struct ring_hdr *h)
{
	uint64_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);

	assert((char *)h == r->buf + (tail & (r->size - 1)));
	atomic_store_explicit(&r->tail, tail + h->len, memory_order_release);
}
