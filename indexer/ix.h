/*
 * ix: the indexer's in-memory model of one indexed tree, written to
 * index.db at the end (docs/schema.md).  Private to indexer/.
 *
 * Everything is appended by the main thread only (parse workers return
 * their findings, which the main thread merges), so nothing here locks.
 * Indices into the arrays stand for ids; the writer turns them into rows.
 */
#ifndef SYSATLAS_INDEXER_IX_H
#define SYSATLAS_INDEXER_IX_H

#include <sqlite3.h>

#include "strmap.h"

struct ix_symbol {
	char *name;
	const char *kind;	/* static string: "function", … */
	int file;		/* index into files, -1 none */
	int line, end_line;	/* 0: unknown */
	char *signature;
	int merged_into;	/* -1; else the symbol this one became (not written) */
};

/* A call through a pointer: `file->f_op->read_iter(…)` inside caller. */
struct ix_icall {
	int caller;		/* symbol */
	int file, line;
	char *expr;		/* the callee expression as written */
	char *member;		/* its last member: read_iter */
};

/* An initialiser that makes member point to function sym: `.read_iter = pipe_read`. */
struct ix_member_init {
	char *member;
	int sym;
	int file, line;
};

struct ix_call {
	int caller, callee;	/* symbols */
	int file, line;
};

struct ix_syscall {
	char abi[8];
	int nr;
	char *name;
	char *entry_point;
	int definition;		/* symbol, -1 none */
	int decoder;		/* symbol in the strace tree (its own ix), -1 */
	const char *status;
	char *reason;
};

struct ix_path_step {
	char *name;
	int step;
	int symbol;
	int call_line;		/* 0: NULL */
};

struct ix_strace_syscall {
	char abi[8];
	int nr;
	char *name;
	int nargs;		/* -1 unknown */
	char *flags;
	char *decoder;
	int decoder_sym;	/* -1 */
};

/*
 * A decoder's argument and the function that prints it: decoder (a
 * strace_decoder symbol) passes its argument arg (0-based) to printer at
 * file:line, in the decoder itself (via -1) or in a helper it calls (via).
 */
struct ix_decoder_arg {
	int decoder, arg, printer;	/* symbols */
	int file, line;
	int via;			/* symbol, -1 */
};

struct ix_skip {
	char *path;		/* NULL: the tree */
	int line;
	char *reason;
};

struct ix_tree {
	const char *kind;	/* "linux" or "strace" */
	char *version, *arch, *url_template, *root, *config;

	char **files;
	int nfiles, afiles;
	struct strmap file_ids;

	struct ix_symbol *syms;
	int nsyms, asyms;
	struct strmap sym_ids;	/* "kind\tname\tfile" -> id */

	struct ix_call *calls;
	int ncalls, acalls;
	struct ix_icall *icalls;
	int nicalls, aicalls;
	struct ix_member_init *minits;
	int nminits, aminits;
	struct ix_syscall *syscalls;
	int nsyscalls, asyscalls;
	struct ix_path_step *steps;
	int nsteps, asteps;
	struct ix_strace_syscall *ssys;
	int nssys, assys;
	struct ix_skip *skips;
	int nskips, askips;
	struct ix_decoder_arg *dargs;
	int ndargs, adargs;

	int db_id;		/* tree.id once written */
};

struct ix_tree *ix_tree_new(const char *kind, const char *root);
void ix_tree_free(struct ix_tree *t);

/* The id of path (relative to the tree), adding it when new. */
int ix_file(struct ix_tree *t, const char *path);

/*
 * Add a symbol, or return the existing one with the same kind, name and
 * file (a header function seen by several translation units).  file may
 * be -1; name and signature are copied.
 */
int ix_symbol_add(struct ix_tree *t, const char *kind, const char *name,
		  int file, int line, int end_line, const char *signature);

/* First symbol of kind and name (any file), or -1. */
int ix_symbol_find(const struct ix_tree *t, const char *kind, const char *name);

void ix_call_add(struct ix_tree *t, int caller, int callee, int file, int line);
void ix_icall_add(struct ix_tree *t, int caller, int file, int line, const char *expr,
		  const char *member);
void ix_member_init_add(struct ix_tree *t, const char *member, int sym, int file, int line);

/*
 * Symbol from becomes symbol to: calls, path steps and syscalls that name
 * from name to instead, and from is not written.
 */
void ix_symbol_merge(struct ix_tree *t, int from, int to);

/* Record something skipped: path may be NULL, line 0. Also warns. */
void ix_skip(struct ix_tree *t, const char *path, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

struct ix_syscall *ix_syscall_add(struct ix_tree *t);
struct ix_strace_syscall *ix_strace_syscall_add(struct ix_tree *t);
void ix_path_add(struct ix_tree *t, const char *name, int step, int symbol,
		 int call_line);
void ix_decoder_arg_add(struct ix_tree *t, int decoder, int arg, int printer, int file,
			int line, int via);

/*
 * Write the trees to db in one transaction (the caller owns the file's
 * lifetime).  Syscall decoder ids refer to strace's symbols: strace may
 * be NULL.  0 or -1 after error().
 */
int ix_write(sqlite3 *db, struct ix_tree *linux_tree, struct ix_tree *strace);

#endif
