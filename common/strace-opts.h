/*
 * strace's output options, shared by the tracer (`trace`, `run`: --text
 * and the summary), `import` (the options a log was written with) and
 * the report (which honours the options a trace was recorded with).
 *
 *   -t -tt -ttt   time of day, with microseconds, seconds since the epoch
 *   -r            time since the previous line
 *   -T            time spent in each call
 *   -c -C         the summary table instead of / after the lines
 *   -S SORTBY     its order: time calls errors name nothing
 *   -q -qq        quieter: -qq drops "+++ exited with N +++"
 *   -a COLUMN     where " = " is aligned (40)
 *   -v            structures unabbreviated
 *   -X FORMAT     constants raw, abbrev(iated) or verbose
 *   -z -Z         only successful / only failed calls (changes what is recorded)
 */
#ifndef SYSATLAS_STRACE_OPTS_H
#define SYSATLAS_STRACE_OPTS_H

#include <stdint.h>

#include "strbuf.h"

/* getopt letters of these options (append to a command's own). */
#define STRACE_OPTS_GETOPT "trTcCS:qa:vX:zZ"

/* Their arguments, for a command's struct cli_spec (cli.h). */
#define STRACE_OPTS_CLI_ARGS \
	{ 'S', "words:time,calls,errors,name,nothing" }, \
	{ 'a', "number" }, \
	{ 'X', "words:raw,abbrev,verbose" }

enum strace_sort {
	STRACE_SORT_TIME,
	STRACE_SORT_CALLS,
	STRACE_SORT_ERRORS,
	STRACE_SORT_NAME,
	STRACE_SORT_NOTHING,
};

enum strace_xlat {
	STRACE_XLAT_ABBREV,
	STRACE_XLAT_RAW,
	STRACE_XLAT_VERBOSE,
};

enum strace_only {
	STRACE_ONLY_ALL,
	STRACE_ONLY_SUCCESSFUL,	/* -z */
	STRACE_ONLY_FAILED,	/* -Z */
};

enum strace_summary {
	STRACE_SUMMARY_NONE,
	STRACE_SUMMARY_ONLY,	/* -c */
	STRACE_SUMMARY_ALSO,	/* -C */
};

struct strace_opts {
	int tstamp;		/* 0; 1 -t; 2 -tt; 3 -ttt */
	int relative;		/* -r */
	int durations;		/* -T */
	int summary;		/* enum strace_summary */
	int sortby;		/* enum strace_sort */
	int quiet;		/* -q 1, -qq 2 */
	int column;		/* -a */
	int verbose;		/* -v */
	int xlat;		/* enum strace_xlat */
	int only;		/* enum strace_only */
};

#define STRACE_COLUMN_DEFAULT 40

void strace_opts_init(struct strace_opts *o);

/*
 * Apply option c (a letter of STRACE_OPTS_GETOPT) with its argument.
 * Returns 1 when c is one of these options, 0 when it is not, -1 when its
 * argument is not valid (*why says what is expected, for the usage
 * error).
 */
int strace_opts_set(struct strace_opts *o, int c, const char *arg, const char **why);

/*
 * The options a trace was recorded with, from run.options (a JSON array
 * of the words given to `sysatlas trace` or `import`).  Words that are
 * not these options, and options with bad arguments, are passed over.
 * 0, or -1 (o as initialised) when json is not an array of strings.
 */
int strace_opts_from_json(struct strace_opts *o, const char *json);

/*
 * The words of these options that are set, appended to out as JSON
 * array items (", "-separated, without brackets), e.g. "-tt", "-T".
 */
void strace_opts_to_json(const struct strace_opts *o, struct strbuf *out);

/*
 * Append the line's time prefix as strace prints it ("12:34:56.123456 ",
 * "(+     0.000123) "; nothing without -t/-r): real_ns is the line's time
 * in ns since the epoch, prev_ns the previous line's (-r).
 */
void strace_opts_time(const struct strace_opts *o, int64_t real_ns, int64_t prev_ns,
		      struct strbuf *out);

/* " <0.000123>", as -T prints a call's duration. */
void strace_opts_duration(int64_t ns, struct strbuf *out);

/* The -S word for a sort order, "time" … */
const char *strace_sort_name(int sortby);

#endif
