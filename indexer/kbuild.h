/*
 * kbuild: whether the active configuration compiles a kernel .c file,
 * read from the tree's Kbuild Makefiles (private to indexer/).
 */
#ifndef SYSATLAS_INDEXER_KBUILD_H
#define SYSATLAS_INDEXER_KBUILD_H

#include <stddef.h>

#include "kconfig.h"

struct kbuild;

/* A reader for the tree at root under configuration kc (both outlive it). */
struct kbuild *kbuild_new(const char *root, const struct kconfig *kc);
void kbuild_free(struct kbuild *kb);

/*
 * The size past which an expansion or a value stops growing and is
 * unknown (by default 256 KiB).  fuzz-kbuild sets it small, so that its
 * inputs reach the bound in a few lines rather than thousands of bytes of
 * copying.
 */
void kbuild_set_max_value(struct kbuild *kb, size_t max);

/*
 * 1 if relpath (e.g. "fs/fhandle.c") is compiled, 0 if its Makefile (or a
 * parent directory's) leaves it out; then needs gets the CONFIG_ option
 * that would bring it in, when one is named, else "".  A file its
 * Makefile does not mention (or mentions only in ways the reader cannot
 * follow) counts as compiled.
 */
int kbuild_compiled(struct kbuild *kb, const char *relpath, char *needs, size_t needs_size);

#endif
