/*
 * cscan: function definitions, calls and function-pointer initialisers in
 * C text, found lexically, as cscope and ctags find them (private to
 * indexer/).
 *
 * libclang parses only the files that define syscalls and the path code;
 * a kernel stack names functions of any file, and a syscall's call tree
 * reaches into all of them.  This pass reads every file the configuration
 * builds, fast and without a compiler:
 *
 *   - preprocessor conditionals are decided where the configuration
 *     decides them (#ifdef CONFIG_X, IS_ENABLED(), defined(), &&, ||, !,
 *     comparisons of numbers); an undecidable #if keeps its first branch
 *     and drops the #else ones, as ctags does, so that braces balance;
 *   - a function definition is `NAME ( … ) {` at file scope (annotations
 *     such as __acquires(x) between the ')' and the '{' are skipped;
 *     SYSCALL_DEFINEn(name, …) is sys_name);
 *   - a call is `NAME (` inside a body; `a->b.c (` is a call through the
 *     pointer member c, kept with its expression;
 *   - an initialiser `.member = NAME` (or `->member = NAME;`) says which
 *     functions a member can point to.
 *
 * Names are interned in a shared string table (cscan_names), so the
 * results of many files take little memory.
 */
#ifndef SYSATLAS_INDEXER_CSCAN_H
#define SYSATLAS_INDEXER_CSCAN_H

#include <stddef.h>

#include "strmap.h"

/* Interned names: id <-> string. */
struct cscan_names {
	struct strmap ids;
	char **v;
	int n, alloc;
};

int cscan_name_id(struct cscan_names *nm, const char *s, size_t len);
void cscan_names_release(struct cscan_names *nm);

struct cscan_func {
	int name;		/* cscan_names id */
	int line, end_line;
	int is_static;
	int first_call, ncalls;	/* its calls: out->calls[first_call …] */
};

struct cscan_call {
	int name;		/* callee; for a pointer call, the member */
	int line;
	int expr;		/* pointer call: the expression ("file->f_op->read_iter"); -1: direct */
};

struct cscan_init {
	int member, func;	/* names */
	int line;
};

struct cscan_result {
	struct cscan_func *funcs;
	int nfuncs, afuncs;
	struct cscan_call *calls;
	int ncalls, acalls;
	struct cscan_init *inits;
	int ninits, ainits;
	int conds_undecided;	/* #if blocks whose first branch was assumed */
};

/*
 * A CONFIG_ symbol's value, to decide `#if`: 2 when autoconf.h defines it
 * (y, or an int/hex value: *num gets it, 1 for y), 1 for m (only
 * CONFIG_X_MODULE is defined), 0 when unset, -1 when the caller cannot
 * say.  NULL in the options: every conditional is undecided.
 */
typedef int (*cscan_config_fn)(const char *name, long long *num, void *arg);

struct cscan_opts {
	cscan_config_fn config;
	void *config_arg;
};

/* Scan text; appends to out (names to nm).  Never fails. */
void cscan_text(const char *text, size_t len, const struct cscan_opts *o,
		struct cscan_names *nm, struct cscan_result *out);

/*
 * Evaluate a preprocessor expression (the text after #if / #elif):
 * 1, 0, or -1 when it depends on something other than the configuration.
 */
int cscan_eval_if(const char *expr, size_t len, const struct cscan_opts *o);

void cscan_result_release(struct cscan_result *r);

#endif
