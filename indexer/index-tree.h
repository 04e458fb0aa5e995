/*
 * Indexing one tree (private to indexer/): the kernel in kernel.c, strace
 * in strace.c.  Both fill an ix_tree; cmd-index.c writes them.
 */
#ifndef SYSATLAS_INDEXER_INDEX_TREE_H
#define SYSATLAS_INDEXER_INDEX_TREE_H

#include "ix.h"

struct progress;

struct index_opts {
	const char *root;	/* absolute */
	const char *arch;	/* x86_64 */
	const char *config;	/* kernel: --config FILE, NULL: built-in */
	const char *version;	/* override, or NULL */
	const char *url_template;	/* override of the tree's link template, or NULL */
	int jobs;
	int verbose;
	int no_pch;		/* kernel: parse every file with all its headers */
	const char *tmpdir;	/* scratch directory for generated files */
	int check_lexical;	/* kernel: parse this many more files with their bodies
				   and print how the lexical pass agrees (kcheck.h) */
};

/* Counts for the summary line. */
struct index_stats {
	int files_parsed, files_failed, files_with_errors;
	int definitions, syscalls, implemented, unimplemented;
	int paths, decoders;
	int functions, tree_edges, icalls;	/* the lexical pass (kfuncs.h) */
};

/*
 * Index a Linux tree into t.  Returns 0, or -1 after error() when the tree
 * is not a kernel tree (no Makefile, no syscall table, no entry code).
 */
int kernel_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st);

/* Index a strace tree into t; -1 after error() when it is not one. */
int strace_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st);

/* Fill the kernel's syscall.decoder from strace's x86-64 table. */
void strace_link_decoders(struct ix_tree *linux_tree, const struct ix_tree *strace);

struct parse_job;

/*
 * Count a parsed job into st; a file that could not be parsed, or parsed
 * with errors, is recorded with ix_skip() (which warns).
 */
void index_report_job(struct ix_tree *t, const struct parse_job *job, struct index_stats *st);

/* Compiler arguments shared by both: -isystem for clang's own headers. */
const char *index_clang_resource_include(void);

#endif
