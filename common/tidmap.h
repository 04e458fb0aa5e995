/*
 * tidmap: thread id -> pointer, open addressing (shared: the tracer, import).
 *
 * Used on the stop path (one lookup per stop), so a lookup is a multiply,
 * a mask and a short linear probe.  Deletion shifts later entries back, so
 * there are no tombstones.  Not thread-safe: one owner.
 */
#ifndef SYSATLAS_TIDMAP_H
#define SYSATLAS_TIDMAP_H

#include <stddef.h>
#include <sys/types.h>

struct tidmap_slot {
	pid_t tid;		/* 0: empty */
	void *value;
};

struct tidmap {
	struct tidmap_slot *slots;
	size_t mask;		/* capacity - 1 */
	size_t count;
};

#define TIDMAP_INIT { NULL, 0, 0 }

/* The value for tid (> 0), or NULL. */
void *tidmap_get(const struct tidmap *m, pid_t tid);

/* Set tid's value (value non-NULL), replacing any; allocation failure aborts. */
void tidmap_put(struct tidmap *m, pid_t tid, void *value);

/* Remove tid; returns its value, or NULL if absent. */
void *tidmap_del(struct tidmap *m, pid_t tid);

/* Call fn for every entry; fn must not change the map. */
void tidmap_each(const struct tidmap *m, void (*fn)(pid_t tid, void *value, void *arg),
		 void *arg);

void tidmap_release(struct tidmap *m);

#endif
