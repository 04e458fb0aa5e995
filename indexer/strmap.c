#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strmap.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static struct strmap_entry *find(const struct strmap *m, const char *key)
{
	size_t i;

	if (!m->size)
		return NULL;
	for (i = hash(key) & (m->size - 1);; i = (i + 1) & (m->size - 1)) {
		struct strmap_entry *e = &m->slots[i];

		if (!e->key || !strcmp(e->key, key))
			return e;
	}
}

static void grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->size = old.size ? old.size * 2 : 64;
	m->slots = xcalloc(m->size, sizeof(*m->slots));
	m->count = 0;
	for (i = 0; i < old.size; i++) {
		struct strmap_entry *e;

		if (!old.slots[i].key)
			continue;
		e = find(m, old.slots[i].key);
		*e = old.slots[i];
		m->count++;
	}
	free(old.slots);
}

long strmap_get(const struct strmap *m, const char *key, long fallback)
{
	const struct strmap_entry *e = find(m, key);

	return e && e->key ? e->value : fallback;
}

static struct strmap_entry *insert(struct strmap *m, const char *key, int *is_new)
{
	struct strmap_entry *e;

	if ((m->count + 1) * 2 > m->size)
		grow(m);
	e = find(m, key);
	*is_new = !e->key;
	if (!e->key) {
		e->key = xstrdup(key);
		m->count++;
	}
	return e;
}

void strmap_put(struct strmap *m, const char *key, long value)
{
	int is_new;

	insert(m, key, &is_new)->value = value;
}

long strmap_put_new(struct strmap *m, const char *key, long value)
{
	int is_new;
	struct strmap_entry *e = insert(m, key, &is_new);

	if (is_new)
		e->value = value;
	return e->value;
}

void strmap_release(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->size; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->size = m->count = 0;
}
