/*
 * Kernel-tree pieces of the indexer (private to indexer/): the .tbl
 * parser and the headers a kernel build would generate.
 */
#ifndef SYSATLAS_INDEXER_KERNEL_H
#define SYSATLAS_INDEXER_KERNEL_H

#include "ix.h"
#include "kconfig.h"

struct tbl_entry {
	int nr;
	char abi[8];		/* common 64 x32 i386 */
	char *name;
	char *entry;		/* e.g. sys_read; NULL: no entry (sys_ni_syscall) */
	char *compat;		/* e.g. compat_sys_lseek; NULL */
	char *entry_point;	/* __x64_sys_read …; NULL when no entry */
	int line;
};

struct tbl {
	struct tbl_entry *v;
	int n, alloc;
};

/*
 * Parse the .tbl file relpath of tree t, appending to out.  A garbled or
 * truncated line is recorded with ix_skip() and left out.  -1 after
 * error() when the file cannot be read.
 */
int tbl_parse(struct ix_tree *t, const char *relpath, struct tbl *out);
void tbl_release(struct tbl *tb);

struct kgen_info {
	const struct kconfig *kc;
	const struct tbl *tbl64, *tbl32;
	int version, patchlevel, sublevel;
	const char *release;	/* e.g. "5.7.0" */
};

/*
 * Write under gendir the headers the kernel build would generate and
 * parsing needs: include/generated/{autoconf,bounds,timeconst,
 * asm-offsets,utsrelease,compile}.h, include/generated/uapi/linux/
 * version.h, arch/x86/include/generated/{asm,uapi/asm}/ (asm-generic
 * wrappers named by the Kbuild files, unistd_*.h from the tables).
 * 0 or -1 after error().
 */
int kgen_write(const char *root, const char *gendir, const struct kgen_info *info);

#endif
