/*
 * parse: libclang extraction, run on many files in parallel (one CXIndex
 * per thread).  Private to indexer/.
 *
 * A job is one file of the tree.  In PARSE_DEFS mode only the macro
 * expansions named in parse_opts.def_macros (SYSCALL_DEFINEn, SYS_FUNC…)
 * are extracted, with function bodies skipped; PARSE_BODIES also records
 * every function defined in the file (or in one of record_files), the
 * calls it makes, its `case` labels and its assignments to fields named in
 * assign_members.  Findings are plain records; the caller merges them.
 */
#ifndef SYSATLAS_INDEXER_PARSE_H
#define SYSATLAS_INDEXER_PARSE_H

struct progress;

enum parse_mode {
	PARSE_DEFS = 1,
	PARSE_BODIES = 2,
	PARSE_ARGS = 4,		/* also: what each function passes on (PREC_AFUNC, PREC_ACALL) */
	PARSE_NOPCH = 8,	/* parse with all headers, even when a PCH is at hand */
};

enum prec_kind {
	PREC_DEF,	/* a definition macro: name = first argument */
	PREC_FUNC,	/* a function definition */
	PREC_CALL,	/* name = callee; indirect: the called expression's base name */
	PREC_CASE,	/* name = the case label's identifier */
	PREC_ASSIGN,	/* name = the member assigned */
	PREC_REF,	/* name = a member of ref_members, read */
	PREC_ALIAS,	/* `#define name macro` (BODIES mode, names with alias_prefix) */
	PREC_AFUNC,	/* ARGS mode: a function defined; nparams */
	PREC_ACALL,	/* ARGS mode: a call, macro = what its arguments carry (below) */
};

struct prec {
	enum prec_kind kind;
	char *name;
	char *macro;		/* PREC_DEF: e.g. SYSCALL_DEFINE4; PREC_ALIAS: the target */
	char *file;		/* relative path of the line */
	int line, end_line;
	char *func;		/* CALL/CASE/ASSIGN: enclosing function */
	char *func_file;
	int func_line;
	char *signature;	/* DEF, FUNC */
	int indirect;		/* CALL through an expression, not a function */
	int nparams;		/* AFUNC */
};

/*
 * PREC_ACALL's macro: "I:S;" for each argument I (0-based) of the call
 * whose value the parser can trace, S one of
 *   U<k>      the expression reads <arg_member>[k] (tcp->u_arg[1])
 *   P<p>+<k>  it reads <arg_member>[param p + k] (tcp->u_arg[offset + 1])
 *   R<p>      it is the caller's parameter p itself
 *   C<n>      it is the integer constant n
 * The search does not enter nested calls: they are calls of their own.
 */

struct parse_range {
	int first, last;
};

struct parse_job {
	char *relpath;
	unsigned mode;
	/* results */
	struct prec *recs;
	int nrecs, arecs;
	int failed;		/* could not be parsed at all */
	int nerrors;		/* error diagnostics (parsing went on) */
	char *first_error;
	int first_error_line;	/* in the job's own file; 0 elsewhere */
	const char *abspath;	/* while running */
	struct parse_range *skipped;	/* main file lines of inactive #if blocks */
	int nskipped;
};

struct parse_opts {
	const char *root;
	const char *const *args;	/* compiler arguments */
	int nargs;
	const char *pch_header;		/* absolute; built into a PCH for PARSE_DEFS jobs */
	const char *pch_file;		/* where the PCH goes; both NULL: no PCH */
	const char *const *def_macros;	/* NULL-terminated name prefixes */
	const char *const *plain_prefixes;	/* definitions written as plain functions */
	const char *alias_prefix;	/* record `#define <prefix>x y` aliases, or NULL */
	const char *const *record_files;	/* NULL-terminated relative paths */
	const char *const *assign_members;	/* NULL-terminated */
	const char *const *ref_members;		/* NULL-terminated */
	const char *arg_member;		/* ARGS mode: the argument array (u_arg) */
	const char *const *arg_files;	/* ARGS mode: headers whose functions count too */
	int jobs;
	struct progress *progress;
};

/*
 * Run all jobs.  With o->pch_header, the first worker builds a PCH of it
 * while the others parse the PARSE_BODIES jobs (put them first); the
 * PARSE_DEFS jobs then use it.  When it cannot be built they parse without
 * it and *pch_why (may be NULL) gets why, for the caller to free.
 * 0, or -1 after error() when no thread can start.
 */
int parse_run(const struct parse_opts *o, struct parse_job *jobs, int njobs, char **pch_why);

void parse_job_release(struct parse_job *job);

#endif
