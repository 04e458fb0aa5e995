#include <string.h>

#include "xlat.h"

/* Tables are short (tens of entries): a linear scan beats any index. */
const struct xlat_entry *xlat_find(const struct xlat *x, uint64_t val)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (x->e[i].val == val)
			return &x->e[i];
	return NULL;
}

const char *xlat_name(const struct xlat *x, uint64_t val)
{
	const struct xlat_entry *e = xlat_find(x, val);

	return e ? e->name : NULL;
}

const struct xlat_entry *xlat_find_name(const struct xlat *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->n; i++)
		if (!strcmp(x->e[i].name, name))
			return &x->e[i];
	return NULL;
}
