/*
 * xlat: tables of named constants (flags, commands, errno and signal
 * names), generated at build time from xlat/<name>.in by gen-xlat.py with
 * their values taken from the system headers.  Internal to tracer/.
 */
#ifndef SYSATLAS_TRACER_XLAT_H
#define SYSATLAS_TRACER_XLAT_H

#include <stddef.h>
#include <stdint.h>

struct xlat_entry {
	uint64_t val;
	const char *name;
	const char *note;		/* e.g. an errno's message, or NULL */
};

struct xlat {
	const struct xlat_entry *e;	/* in the .in file's order */
	size_t n;
	const char *name;		/* "open_mode_flags" */
	/* The names the .in file lists, defined by the headers or not; a
	 * name no header defines is left out of e (see test-decode-xlat). */
	const char *const *listed;
	size_t nlisted;
};

/* Every generated table, NULL-terminated (xlat-all.c). */
extern const struct xlat *const xlat_all[];

/* The first entry of x whose value is val, or NULL. */
const struct xlat_entry *xlat_find(const struct xlat *x, uint64_t val);

/* The name of val in x, or NULL. */
const char *xlat_name(const struct xlat *x, uint64_t val);

/* The entry named name in x, or NULL. */
const struct xlat_entry *xlat_find_name(const struct xlat *x, const char *name);

#endif
