/*
 * strace-gen: the headers strace's configure and make would generate,
 * written so its source parses without a build (private to indexer/).
 */
#ifndef SYSATLAS_INDEXER_STRACE_GEN_H
#define SYSATLAS_INDEXER_STRACE_GEN_H

#include "ix.h"

struct sgen_info {
	const char *src;			/* absolute: the tree's source directory */
	const char *const *incdirs;		/* absolute, the build's -I order */
	int nincdirs;
	const char *const *sysdirs;		/* the compiler's <> directories, NULL-ended */
	const struct ix_tree *t;		/* its x86-64 syscallent table, parsed */
	char *const *sysfunc_files;		/* relative to the tree root */
	int nsysfunc_files;
};

/*
 * Write under gendir: config.h (what configure finds on a glibc x86-64
 * system), sen.h and sys_func.h (from the syscallent tables and the
 * SYS_FUNC definitions, as strace's Makefile makes them), scno.h (from
 * scno.head and the x86-64 table), printers.h (the mpers printers), and an empty stand-in for every other
 * quoted #include that no directory of the tree holds (a generated xlat
 * header declares its table).  0 or -1 after error().
 */
int sgen_write(const char *gendir, const char *root, const struct sgen_info *in);

#endif
