/*
 * syscallent: strace's syscall table (linux/x86_64/syscallent.h and the
 * files it includes), read as text by the strace indexer.  Private to
 * indexer/; declared apart so the fuzzer can reach it.
 */
#ifndef SYSATLAS_INDEXER_SYSCALLENT_H
#define SYSATLAS_INDEXER_SYSCALLENT_H

#include "ix.h"

/*
 * Parse the table rel (relative to t->root), following its #include "…"
 * through dirs[0..ndirs) (absolute include directories inside the tree),
 * at most 4 files deep.  Entries are added to t; unreadable files and
 * entries that do not parse are recorded with ix_skip().  Never fails.
 */
void strace_parse_syscallent(struct ix_tree *t, const char *rel, char *const *dirs, int ndirs);

#endif
