/*
 * strmap: a string -> long hash map (open addressing) for the indexer's
 * name lookups.  Keys are copied; values are the caller's (an index into
 * one of its arrays, usually).  Not thread-safe.
 */
#ifndef SYSATLAS_INDEXER_STRMAP_H
#define SYSATLAS_INDEXER_STRMAP_H

#include <stddef.h>

struct strmap_entry {
	char *key;
	long value;
};

struct strmap {
	struct strmap_entry *slots;
	size_t size;		/* slots, a power of two, or 0 */
	size_t count;
};

#define STRMAP_INIT { NULL, 0, 0 }

/* Value of key, or fallback when absent. */
long strmap_get(const struct strmap *m, const char *key, long fallback);

/* Set key to value (replacing). */
void strmap_put(struct strmap *m, const char *key, long value);

/* Set key to value only if absent; returns the value now stored. */
long strmap_put_new(struct strmap *m, const char *key, long value);

void strmap_release(struct strmap *m);

#endif
