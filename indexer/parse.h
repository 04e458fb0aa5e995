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
};

enum prec_kind {
	PREC_DEF,	/* a definition macro: name = first argument */
	PREC_FUNC,	/* a function definition */
	PREC_CALL,	/* name = callee; indirect: the called expression's base name */
	PREC_CASE,	/* name = the case label's identifier */
	PREC_ASSIGN,	/* name = the member assigned */
};

struct prec {
	enum prec_kind kind;
	char *name;
	char *macro;		/* PREC_DEF: e.g. SYSCALL_DEFINE4 */
	char *file;		/* relative path of the line */
	int line, end_line;
	char *func;		/* CALL/CASE/ASSIGN: enclosing function */
	char *func_file;
	int func_line;
	char *signature;	/* DEF, FUNC */
	int indirect;		/* CALL through an expression, not a function */
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
};

struct parse_opts {
	const char *root;
	const char *const *args;	/* compiler arguments */
	int nargs;
	const char *pch;		/* prefix PCH for PARSE_DEFS jobs, or NULL */
	const char *const *def_macros;	/* NULL-terminated name prefixes */
	const char *const *record_files;	/* NULL-terminated relative paths */
	const char *const *assign_members;	/* NULL-terminated */
	int jobs;
	struct progress *progress;
};

/* Run all jobs; 0, or -1 after error() when threads cannot start. */
int parse_run(const struct parse_opts *o, struct parse_job *jobs, int njobs);

/*
 * Build a PCH at out from header (an absolute path) with o's arguments.
 * 0, or -1 (quietly: the caller parses without it) when the header does
 * not parse cleanly or cannot be saved.
 */
int parse_make_pch(const struct parse_opts *o, const char *header, const char *out,
		   char **why);

void parse_job_release(struct parse_job *job);

#endif
