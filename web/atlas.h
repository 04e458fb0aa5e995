/*
 * atlas: what the report and doc pages read from an index.db — trees and
 * their link templates, syscall definitions and strace decoders, named
 * paths, ptrace request handlers — with source-line URLs and, when the
 * index was built from a local tree, small source excerpts.
 *
 * Everything returned is owned by the atlas and lives until atlas_close().
 * Lookups that find nothing return NULL: the caller shows the step as
 * missing, never invents it.
 */
#ifndef SYSATLAS_WEB_ATLAS_H
#define SYSATLAS_WEB_ATLAS_H

#include <sqlite3.h>

#include "links.h"
#include "strbuf.h"

enum atlas_tree_kind {
	ATLAS_LINUX,
	ATLAS_STRACE,
	ATLAS_TREES
};

struct atlas_tree {
	int present;
	long long id;
	char *version, *arch, *url_template, *root, *config;
};

/* A place in a tree: a symbol with its file and line. */
struct atlas_loc {
	enum atlas_tree_kind tree;
	char *name;
	char *kind;			/* symbol.kind */
	char *path;			/* NULL when the index has no file */
	int line, end_line;
	char *signature;
};

struct atlas_step {
	struct atlas_loc loc;
	int call_line;			/* 0: none */
};

struct atlas_path {
	char *name;
	int nsteps;
	struct atlas_step *steps;
};

struct atlas_syscall {
	char *name;
	char *entry_point;
	char *status, *reason;
	struct atlas_loc *definition;	/* NULL: not located */
	struct atlas_loc *decoder;	/* strace's SYS_FUNC, NULL: not located */
	char *strace_flags;		/* e.g. "TD|TF", NULL */
	char *strace_decoder;		/* SEN() name */
	int strace_nargs;
};

struct atlas;

/*
 * Read the trees of index (NULL: an empty atlas, every lookup misses).
 * links chooses the URL style and must outlive the atlas.  Never NULL;
 * -1 errors are reported by lookups, which then miss.
 */
struct atlas *atlas_open(sqlite3 *index, const struct links *links);
void atlas_close(struct atlas *a);

const struct atlas_tree *atlas_tree(const struct atlas *a, enum atlas_tree_kind k);

/* The named path (e.g. "syscall-enter"), or NULL. */
const struct atlas_path *atlas_path(struct atlas *a, const char *name);

/*
 * The syscall nr of abi (NULL: x86-64's own, abis common and 64), or NULL
 * when the index has none.
 */
const struct atlas_syscall *atlas_syscall(struct atlas *a, const char *abi,
					  long nr);

/* Number of a syscall by name in the native table, or -1. */
long atlas_syscall_nr(struct atlas *a, const char *name);

/*
 * Symbols of kind (e.g. "case_label") named name in tree; sets *n.
 * Returns an array (possibly empty, *n 0).
 */
const struct atlas_loc *atlas_symbols(struct atlas *a, enum atlas_tree_kind tree,
				      const char *name, const char *kind, int *n);

/* Append the source URL of loc (or of its line `line` if > 0). 0 or -1. */
int atlas_url(const struct atlas *a, const struct atlas_loc *loc, int line,
	      struct strbuf *out);

/*
 * Append lines [line - before, line + after] of loc's file when the tree
 * has a local root (never from shipped data).  Lines are raw (untrusted)
 * text, each ending in '\n'.  0, or -1 when there is no excerpt.
 */
int atlas_excerpt(struct atlas *a, const struct atlas_loc *loc, int line,
		  int before, int after, struct strbuf *out);

/* "path:line" of loc (or "?" when unknown). */
void atlas_loc_where(const struct atlas_loc *loc, int line, struct strbuf *out);

#endif
