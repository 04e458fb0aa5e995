#include <stdint.h>
#include <stdlib.h>

#include "error.h"
#include "tidmap.h"

static size_t tidmap_hash(const struct tidmap *m, pid_t tid)
{
	return (size_t)(((uint32_t)tid * 2654435761u) >> 7) & m->mask;
}

void *tidmap_get(const struct tidmap *m, pid_t tid)
{
	size_t i;

	if (!m->slots)
		return NULL;
	for (i = tidmap_hash(m, tid); m->slots[i].tid; i = (i + 1) & m->mask)
		if (m->slots[i].tid == tid)
			return m->slots[i].value;
	return NULL;
}

static void tidmap_grow(struct tidmap *m)
{
	struct tidmap_slot *old = m->slots;
	size_t i, oldcap = old ? m->mask + 1 : 0;
	size_t cap = oldcap ? oldcap * 2 : 64;

	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->mask = cap - 1;
	m->count = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].tid)
			tidmap_put(m, old[i].tid, old[i].value);
	free(old);
}

void tidmap_put(struct tidmap *m, pid_t tid, void *value)
{
	size_t i;

	if (!m->slots || (m->count + 1) * 2 > m->mask + 1)
		tidmap_grow(m);
	for (i = tidmap_hash(m, tid); m->slots[i].tid; i = (i + 1) & m->mask) {
		if (m->slots[i].tid == tid) {
			m->slots[i].value = value;
			return;
		}
	}
	m->slots[i].tid = tid;
	m->slots[i].value = value;
	m->count++;
}

void *tidmap_del(struct tidmap *m, pid_t tid)
{
	size_t i, j, k;
	void *value;

	if (!m->slots)
		return NULL;
	for (i = tidmap_hash(m, tid); m->slots[i].tid; i = (i + 1) & m->mask)
		if (m->slots[i].tid == tid)
			break;
	if (!m->slots[i].tid)
		return NULL;
	value = m->slots[i].value;
	/* Backward-shift deletion: keep every later entry reachable. */
	for (j = (i + 1) & m->mask; m->slots[j].tid; j = (j + 1) & m->mask) {
		k = tidmap_hash(m, m->slots[j].tid);
		/* move j into the hole at i unless its home lies in (i, j] */
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			m->slots[i] = m->slots[j];
			i = j;
		}
	}
	m->slots[i].tid = 0;
	m->slots[i].value = NULL;
	m->count--;
	return value;
}

void tidmap_each(const struct tidmap *m, void (*fn)(pid_t tid, void *value, void *arg),
		 void *arg)
{
	size_t i;

	if (!m->slots)
		return;
	for (i = 0; i <= m->mask; i++)
		if (m->slots[i].tid)
			fn(m->slots[i].tid, m->slots[i].value, arg);
}

void tidmap_release(struct tidmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->mask = m->count = 0;
}
