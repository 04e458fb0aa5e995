/*
 * kfuncs: every function the configuration builds, and what each syscall
 * definition calls (private to indexer/).
 *
 * A lexical pass (cscan.h) over every .c file the Kbuild Makefiles compile
 * under the configuration, the headers of include/ and arch/x86/include
 * and those beside compiled files, and the labels of arch/x86's assembly:
 *
 *   - each function becomes a `function` symbol (name, file, line, end
 *     line), each assembly entry symbol an `asm_label`, so that a frame of
 *     a real kernel stack can be looked up by name; callees the libclang
 *     pass left without a definition get theirs;
 *   - from each syscall definition, its call tree to KFUNCS_DEPTH levels:
 *     call edges (libclang's, where that pass parsed the body; lexical
 *     ones elsewhere), calls through pointers (icall: `f->f_op->read_iter`)
 *     and, for the members those go through, the functions initialisers
 *     assign to them (member_init: `.read_iter = pipe_read`).
 */
#ifndef SYSATLAS_INDEXER_KFUNCS_H
#define SYSATLAS_INDEXER_KFUNCS_H

#include "ix.h"
#include "kbuild.h"
#include "kconfig.h"

/* Levels of calls under each syscall definition. */
#define KFUNCS_DEPTH 4

struct kfuncs_stats {
	int files, functions, asm_labels, tree_edges, icalls, member_inits;
	int conds_undecided;
	long bytes;
	double seconds;			/* wall time of the pass */
};

/*
 * The configuration kconfig (a struct kconfig) as cscan asks for it
 * (cscan_config_fn): what include/generated/autoconf.h would say of name.
 */
int kfuncs_config(const char *name, long long *num, void *kconfig);

/*
 * Scan the tree t->root (skip_dirs as for the walk) and add to t.  Call
 * after the syscalls are resolved.  Returns 0 (unreadable files are
 * recorded with ix_skip()).
 */
int kfuncs_index(struct ix_tree *t, const struct kconfig *kc, struct kbuild *kb,
		 const char *const *skip_dirs, struct kfuncs_stats *st);

#endif
