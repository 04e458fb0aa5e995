/*
 * ring: a single-producer single-consumer byte ring of variable-size
 * records (internal to tracer/).
 *
 * The tracer thread produces, the recorder's writer thread consumes.  Each
 * record starts with a struct ring_hdr and is padded to 8 bytes; a record
 * never wraps (a PAD record fills the tail instead).  The only shared
 * state is the two positions, read and written with acquire/release
 * atomics, so the producer never takes a lock or makes a syscall unless
 * the ring is full, when it sleeps until the consumer frees room
 * (back-pressure: no record is ever dropped).
 */
#ifndef SYSATLAS_TRACER_RING_H
#define SYSATLAS_TRACER_RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct ring_hdr {
	uint32_t len;		/* whole record, header included, multiple of 8 */
	uint32_t type;		/* RING_PAD or the user's type (> 0) */
};

#define RING_PAD 0u

struct ring {
	/* producer-owned line */
	_Alignas(64) _Atomic uint64_t head;	/* bytes ever written */
	uint64_t cached_tail;
	/* consumer-owned line */
	_Alignas(64) _Atomic uint64_t tail;	/* bytes ever consumed */
	_Alignas(64) size_t size;		/* a power of two */
	char *buf;
	_Atomic uint64_t full_waits;		/* times the producer waited */
};

/* Allocate a ring of size bytes (a power of two, >= 4096). 0 or -1. */
int ring_init(struct ring *r, size_t size);
void ring_release(struct ring *r);

/*
 * Producer: room for a record of len bytes (header included; rounded up
 * to 8), waiting for the consumer while the ring is full.  Fill the record
 * after the header, then ring_push().  len must be at most size / 4.
 */
void *ring_reserve(struct ring *r, size_t len);

/* Producer: publish the record ring_reserve() returned, as type. */
void ring_push(struct ring *r, void *rec, uint32_t type);

/*
 * Consumer: the oldest unconsumed record, or NULL when the ring is empty.
 * PAD records are skipped.  The record stays valid until ring_pop().
 */
struct ring_hdr *ring_peek(struct ring *r);

/* Consumer: free the record ring_peek() returned. */
void ring_pop(struct ring *r, struct ring_hdr *h);

#endif
