/*
 * index-read: what the web generators (report, doc, path) read from an
 * index.db.
 *
 * A read-only view of one index database: its trees, its syscall tables,
 * symbols and named paths, loaded into small owned structs; for the
 * report, lookups by name or number that are cached for the view's life,
 * and small excerpts of the indexed source when the tree was indexed from
 * a local directory.  Every location comes from the index; nothing is
 * filled in when the index lacks it (a missing path is an empty path, a
 * missing line is 0).  A view with no database (ix_init_empty()) has no
 * trees, and every load and lookup in it finds nothing.
 */
#ifndef SYSATLAS_WEB_INDEX_READ_H
#define SYSATLAS_WEB_INDEX_READ_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "links.h"
#include "strbuf.h"

struct ix_tree {
	int64_t id;			/* 0: no such tree in the index */
	char *kind;			/* linux | strace */
	char *version;			/* as used in links, e.g. v5.7 */
	char *arch;
	char *url_template;		/* {version} {path} {line} */
	char *root;			/* local tree, or NULL */
};

/* A symbol with its place: anything a link can point at. */
struct ix_symbol {
	int64_t id;			/* 0: none */
	char *name;
	char *kind;			/* function, syscall_definition, asm_label, ... */
	char *file;			/* path in the tree, or NULL */
	int64_t line, end_line;		/* 0 when unknown */
	char *signature;		/* or NULL */
};

/* One step of a named path: the symbol and the line in it calling the next. */
struct ix_step {
	struct ix_symbol sym;
	int64_t call_line;		/* 0 when the index has none */
};

struct ix_path {
	char *name;			/* e.g. syscall-enter */
	size_t nr_steps;
	struct ix_step *steps;		/* empty: not in the index */
};

/* One row of the kernel's syscall table, with what it resolves to. */
struct ix_syscall {
	char *abi;			/* common 64 x32 i386 */
	int64_t nr;
	char *name;
	char *entry_point;		/* e.g. __x64_sys_openat, or NULL */
	char *status;			/* implemented | unimplemented */
	char *reason;			/* why unimplemented, or NULL */
	struct ix_symbol definition;	/* id 0 when unresolved */
	struct ix_symbol decoder;	/* strace SYS_FUNC, id 0 when none */
	char *strace_decoder;		/* SEN() name from strace's table, or NULL */
	char *strace_flags;		/* e.g. TD|TF, or NULL */
	int64_t strace_nargs;		/* -1 when unknown */
};

struct ix_syscall_list {
	size_t nr;
	struct ix_syscall *items;
};

struct ix_cache;

struct ix {
	sqlite3 *db;			/* NULL: an empty view */
	char *path;			/* the file, for messages */
	struct ix_tree kernel;		/* the kernel tree (id 0 if absent) */
	struct ix_tree strace;		/* the strace tree (id 0 if absent) */
	struct ix_cache *cache;		/* ix_*_get() results, source files */
};

/*
 * Open arg read-only as an index (db_open() checks kind and version) and
 * load its linux and strace trees; arg is a file or the name of a
 * built-in index (ix_builtin_path()).  An index without a linux tree is
 * an error.  0, or -1 after error() with *ix released.
 */
int ix_open(struct ix *ix, const char *arg);
/* A view of no index: no trees; loads and lookups find nothing. */
void ix_init_empty(struct ix *ix);
void ix_close(struct ix *ix);

/*
 * Load every syscall table row of the linux tree, ordered by ABI (common,
 * 64, x32, i386, then others) and number; abi NULL for all ABIs.
 * 0 or -1 after error(); on error list is empty.
 */
int ix_syscalls_load(struct ix *ix, const char *abi, struct ix_syscall_list *list);

/*
 * Load the rows of syscall name (every ABI), in the same order.  Returns
 * the number of rows found (0: no such syscall) or -1 after error().
 */
int ix_syscall_find(struct ix *ix, const char *name, struct ix_syscall_list *list);

void ix_syscall_list_release(struct ix_syscall_list *list);

/*
 * Load named path name of tree_id.  A path the index does not hold is
 * returned empty (nr_steps 0), not as an error.  0 or -1 after error().
 */
int ix_path_load(struct ix *ix, int64_t tree_id, const char *name, struct ix_path *path);
void ix_path_release(struct ix_path *path);

/*
 * Names of the paths tree_id holds whose name starts with prefix (all when
 * prefix is NULL), sorted; *names is a NULL-terminated array the caller
 * frees with ix_names_free().  0 or -1.
 */
int ix_path_names(struct ix *ix, int64_t tree_id, const char *prefix, char ***names);
void ix_names_free(char **names);

/*
 * Load symbols of tree_id of one kind (e.g. case_label), optionally only
 * those whose name starts with prefix, ordered by name then file and line.
 * *out is an array of *nr symbols the caller releases with
 * ix_symbols_free().  0 or -1.
 */
int ix_symbols_by_kind(struct ix *ix, int64_t tree_id, const char *kind,
		       const char *prefix, struct ix_symbol **out, size_t *nr);
void ix_symbols_free(struct ix_symbol *syms, size_t nr);

void ix_symbol_release(struct ix_symbol *sym);
void ix_syscall_release(struct ix_syscall *sc);

/*
 * The first symbol of tree_id of kind named exactly name (by file and
 * line), into *out (released by the caller).  1 when found, 0 when not
 * (*out empty), -1 after error().
 */
int ix_symbol_first(struct ix *ix, int64_t tree_id, const char *kind, const char *name,
		   struct ix_symbol *out);

/*
 * Append the name of the innermost function (or syscall definition) of
 * tree_id whose body holds file:line, e.g. the handler of a case label;
 * nothing when the index has none.  0 or -1 after error().
 */
int ix_function_at(struct ix *ix, int64_t tree_id, const char *file, int64_t line,
		   struct strbuf *out);

/*
 * Cached lookups, for callers that ask again and again (the report).
 * What they return is owned by ix and lives until ix_close().
 *
 * ix_path_get: named path name of the tree it belongs to (strace-* paths
 * are the strace tree's, the others the kernel's); *out is never NULL and
 * is empty when the index lacks the path.  0 or -1 after error().
 */
int ix_path_get(struct ix *ix, const char *name, const struct ix_path **out);

/*
 * The highest number in the linux tree's table of abi (NULL: native, the
 * common and 64 rows) into *out; -1 when it has none.  0 or -1 after error().
 */
int ix_syscall_max_nr(struct ix *ix, const char *abi, int64_t *out);

/*
 * ix_syscall_get: the row of syscall nr in abi (NULL: the native x86-64
 * table, ABIs common and 64), as ix_syscalls_load() gives it; *out NULL
 * when the index has no such row.  0 or -1 after error().
 */
int ix_syscall_get(struct ix *ix, const char *abi, int64_t nr,
		   const struct ix_syscall **out);

/* The tree a path of this name belongs to (see ix_path_get()). */
const struct ix_tree *ix_path_tree(const struct ix *ix, const char *name);

/*
 * Append lines [line - before, line + after] of file in tree when the tree
 * was indexed from a local directory (tree->root; never from shipped
 * data, which holds no source text).  Lines are raw, untrusted text, each
 * ending in '\n'.  0, or -1 with nothing appended when there is no excerpt
 * (no root, no such file or line, a path that would leave the tree).
 */
int ix_excerpt(struct ix *ix, const struct ix_tree *tree, const char *file,
	       int64_t line, int before, int after, struct strbuf *out);

/* One call a function makes: the callee and the line of the call. */
struct ix_call {
	struct ix_symbol callee;
	int64_t line;
};

/* A call through a pointer: `file->f_op->read_iter(…)` at file:line. */
struct ix_icall {
	char *expr, *member, *file;
	int64_t line;
};

/*
 * The calls symbol caller_id makes, by line; *calls is an array of *n the
 * caller frees with ix_calls_free().  0 or -1.
 */
int ix_calls_of(struct ix *ix, int64_t caller_id, struct ix_call **calls, size_t *n);
void ix_calls_free(struct ix_call *calls, size_t n);

/*
 * Its calls through pointers (an index of schema 2; none in older ones),
 * by line.  Free with ix_icalls_free().  0 or -1.
 */
int ix_icalls_of(struct ix *ix, int64_t caller_id, struct ix_icall **icalls, size_t *n);
void ix_icalls_free(struct ix_icall *icalls, size_t n);

/*
 * Up to limit functions initialisers of tree_id assign to member (the
 * candidates of a call through it), by name; *total gets how many there
 * are in all.  Free with ix_symbols_free().  0 or -1.
 */
int ix_member_inits(struct ix *ix, int64_t tree_id, const char *member, size_t limit,
		    struct ix_symbol **out, size_t *n, int64_t *total);

/*
 * Which printing function a strace decoder hands argument arg to
 * (decoder_arg, index schema 3): printer called at file:line, in the
 * decoder or in its helper via (id 0: the decoder itself).
 */
struct ix_decoder_arg {
	int64_t arg;
	struct ix_symbol printer, via;
	char *file;
	int64_t line;
};

/*
 * The rows of decoder decoder_id, by argument, file and line (none in an
 * index older than schema 3).  Free with ix_decoder_args_free().  0 or -1.
 */
int ix_decoder_args_of(struct ix *ix, int64_t decoder_id, struct ix_decoder_arg **out,
		       size_t *n);
void ix_decoder_args_free(struct ix_decoder_arg *rows, size_t n);

/* Append "file:line" of sym (its own line when line is 0), or "?". */
void ix_symbol_where(const struct ix_symbol *sym, int64_t line, struct strbuf *out);

/* Append a short human label of a tree, e.g. "Linux v5.7 x86_64". */
void ix_tree_label(struct strbuf *out, const struct ix_tree *tree);

/*
 * The built-in indexes by name: "v5.7" (or "5.7", the default index) and
 * "6.12" (or "v6.12", Debian's 6.12.118).  For such a name, put the
 * installed file's path in out and return 1; return 0 for any other
 * string (a file name: "./6.12" names a file), -1 after error() when the
 * name's index is not installed.
 */
int ix_builtin_path(const char *name, struct strbuf *out);

/* arg itself, or the built-in index it names (in buf); NULL after error(). */
const char *ix_resolve(const char *arg, struct strbuf *buf);

/*
 * Put the path of the built-in index (data/default-index.db) in out.
 * 0, or -1 after saying that none is installed and to pass --index.
 */
int ix_default_path(struct strbuf *out);

/*
 * A short note on what a symbol of kind is, for display next to its name:
 * "asm" (asm_label), "indirect call" (call_site), "case" (case_label),
 * "line" (landmark); NULL for functions and definitions.
 */
const char *ix_kind_note(const char *kind);

/*
 * Append the URL of path:line in tree, in the style l chooses (links.h).
 * 0, or -1 with nothing appended when no link can be made (no path, no
 * template).
 */
int ix_url(const struct links *l, const struct ix_tree *tree, const char *path,
	   int64_t line, struct strbuf *out);

#endif
