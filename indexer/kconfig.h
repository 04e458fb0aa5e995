/*
 * kconfig: the kernel configuration the indexer parses with.
 *
 * A small Kconfig evaluator, enough to turn a defconfig-style fragment
 * (or a full .config) into the complete set of CONFIG_ values that
 * include/generated/autoconf.h would hold: it reads the tree's Kconfig
 * files (following `source`), then applies, to a fixpoint, the user's
 * values, `depends on`, `default … if …`, `select … if …` and choices.
 * Not modelled: `imply`, `range`, `visible if`, modules' finer rules;
 * $(…) macros other than ARCH/SRCARCH/srctree evaluate to empty.
 */
#ifndef SYSATLAS_INDEXER_KCONFIG_H
#define SYSATLAS_INDEXER_KCONFIG_H

#include "strbuf.h"

struct kconfig;

/*
 * Read root/Kconfig for srcarch ("x86") and arch ("x86_64").  Returns NULL
 * after error() when root/Kconfig cannot be read or nests if/menu blocks
 * deeper than 64; unreadable sourced files, and sources nested deeper
 * than 32, are counted in *skipped (may be NULL) and otherwise ignored.
 * Each file is read once, however often it is sourced.  An expression
 * nested deeper than 256 parentheses or '!' is false.
 */
struct kconfig *kconfig_new(const char *root, const char *srcarch,
			    const char *arch, int *skipped);

/*
 * Read user values from a .config-syntax file (or a pipe a process
 * writes). 0 or -1 after error().
 */
int kconfig_load_values(struct kconfig *kc, const char *path);

/* Compute every symbol's value from the user values and the rules. */
void kconfig_evaluate(struct kconfig *kc);

/* "y", "m", an int/hex/string value, or NULL when unset / n. */
const char *kconfig_get(const struct kconfig *kc, const char *name);

/* Append the content of include/generated/autoconf.h to out. */
void kconfig_write_autoconf(const struct kconfig *kc, struct strbuf *out);

/* Number of symbols known (for the summary and tests). */
int kconfig_count(const struct kconfig *kc);

void kconfig_free(struct kconfig *kc);

#endif
