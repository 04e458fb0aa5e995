/*
 * import: strace logs turned into a trace.db (public header).
 *
 *   parse.c       one line of a strace log: prefix, times, what it says
 *   names.c       errno and signal names, both ways
 *   logs.c        the logs read line by line, -ff files merged by time
 *   session.c     lines become events, tasks and stacks (common/tracedb-write.h)
 *   sysnr.c       syscall names to numbers, from the index's table
 *   cmd-import.c  `sysatlas import`
 *
 * strace 4.x to 6.x print a line as
 *
 *   [PID] [TIME] [(+ REL)] BODY [ <DURATION>]
 *
 * PID is "[pid N] " (-f, to a terminal, once there are several tasks) or
 * "N " (-f with -o); TIME is -t "HH:MM:SS", -tt "HH:MM:SS.UUUUUU", -ttt
 * "SECONDS.UUUUUU" (up to 9 digits: --timestamps=ns); -r alone is the
 * same as "SECONDS.UUUUUU" padded, after -t/-tt/-ttt "(+ SECONDS.UUUUUU)".
 * The parser holds no state: a line is read alone, in bounded time,
 * never past len, and nothing it returns points outside the line.
 */
#ifndef SYSATLAS_IMPORT_H
#define SYSATLAS_IMPORT_H

#include <stddef.h>
#include <stdint.h>

/* `sysatlas import`: exit status. */
int cmd_import(int argc, char **argv);

struct cli_spec;
/* Its options (cli.h), for getopt and the shell completion. */
extern const struct cli_spec cmd_import_spec;

enum import_line_kind {
	IMPORT_LINE_OTHER = 0,		/* not a strace line (the program's output, damage) */
	IMPORT_LINE_CALL,		/* NAME(ARGS) = RET */
	IMPORT_LINE_UNFINISHED,		/* NAME(ARGS <unfinished ...> */
	IMPORT_LINE_RESUMED,		/* <... NAME resumed>REST) = RET */
	IMPORT_LINE_SIGNAL,		/* --- SIGNAME {siginfo} --- */
	IMPORT_LINE_STOPPED,		/* --- stopped by SIGSTOP --- */
	IMPORT_LINE_EXITED,		/* +++ exited with N +++ */
	IMPORT_LINE_KILLED,		/* +++ killed by SIGNAME [(core dumped)] +++ */
	IMPORT_LINE_SUPERSEDED,		/* +++ superseded by execve in pid N +++ */
	IMPORT_LINE_STACK,		/*  > frame (-k) */
	IMPORT_LINE_ATTACHED,		/* strace: Process N attached */
	IMPORT_LINE_DETACHED,		/* strace: Process N detached */
	IMPORT_LINE_PERSONALITY,	/* [ Process PID=N runs in 32 bit mode. ] */
	IMPORT_LINE_KINDS
};

/* How the line's time was printed. */
enum import_tstamp {
	IMPORT_TS_NONE = 0,
	IMPORT_TS_SECONDS,		/* -t: time of day, seconds */
	IMPORT_TS_TIME_OF_DAY,		/* -tt: time of day with a fraction */
	IMPORT_TS_EPOCH,		/* -ttt: seconds since the epoch */
};

struct import_line {
	enum import_line_kind kind;
	const char *why;		/* OTHER: what is wrong with the line */

	int has_pid;
	int64_t pid;			/* from the prefix; SUPERSEDED, ATTACHED,
					   DETACHED, PERSONALITY: the pid named */
	enum import_tstamp tstamp;
	int64_t ts_ns;			/* time of day, or since the epoch */
	int ts_digits;			/* digits of its fraction (0 for -t) */
	int has_rel;
	int64_t rel_ns;			/* -r: since the previous line */
	int rel_digits;
	int has_dur;
	int64_t dur_ns;			/* -T */

	/* the line without prefix, times and duration, as strace printed it */
	const char *body;
	size_t body_len;

	/* CALL, UNFINISHED, RESUMED: the syscall; SIGNAL, STOPPED, KILLED:
	 * the signal's name */
	const char *name;
	size_t name_len;
	int has_nr;			/* syscall_0x1b6( or syscall_438( */
	int64_t nr;

	/* CALL: NAME(ARGS) — args between the parentheses.  UNFINISHED:
	 * args_len bytes after "NAME(" up to " <unfinished ...>".  RESUMED:
	 * the arguments after "resumed>" up to the closing parenthesis. */
	const char *args;
	size_t args_len;

	/* CALL, RESUMED: " = " and what follows, without the padding */
	const char *result;		/* "= 3</etc/passwd>", "= -1 ENOENT (…)" */
	size_t result_len;
	int has_retval;
	int64_t retval;			/* -errno for "-1 ENAME"; "?": none */
	const char *err;		/* the errno name, or NULL */
	size_t err_len;

	int64_t status;			/* EXITED: the exit code; KILLED: the signal */
	int has_status;
	int core_dumped;
	int personality;		/* PERSONALITY: 32 (i386), 64, or 0 for x32 */
};

/*
 * Parse one line (without its newline).  Always fills *out; returns its
 * kind (IMPORT_LINE_OTHER with out->why set for a line that is not
 * strace's).
 */
enum import_line_kind import_parse_line(const char *line, size_t len, struct import_line *out);

/* The value of an errno name ("ENOENT" → 2, "ERESTARTSYS" → 512), or 0. */
int import_errno_value(const char *name, size_t len);

/* The number of a signal name as strace prints it ("SIGCHLD", "SIGRT_3"), or 0. */
int import_signal_value(const char *name, size_t len);

#endif
