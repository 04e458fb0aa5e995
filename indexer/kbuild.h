/*
 * kbuild: whether the active configuration compiles a kernel .c file,
 * read from the tree's Kbuild Makefiles (private to indexer/).
 */
#ifndef SYSATLAS_INDEXER_KBUILD_H
#define SYSATLAS_INDEXER_KBUILD_H

#include <stddef.h>

#include "kconfig.h"

/*
 * 1 if relpath (e.g. "fs/fhandle.c") is compiled, 0 if its Makefile (or a
 * parent directory's) leaves it out; then needs gets the CONFIG_ option
 * that would bring it in, when one is named.  Undecidable: 1.
 */
int kbuild_compiled(const char *root, const struct kconfig *kc, const char *relpath,
		    char *needs, size_t needs_size);

#endif
