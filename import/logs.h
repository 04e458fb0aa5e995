/*
 * logs: the strace logs of one import read line by line, the -ff files of
 * a run merged by time (internal to import/; the public header is
 * import.h).
 *
 * strace -ff -o PREFIX writes each task's lines to PREFIX.PID.  When every
 * file is such a file and every file's first strace line carries an
 * absolute time (-t, -tt, -ttt), the files are read at once and the line
 * with the earliest time goes first (ties: the file with the lower pid),
 * as strace-log-merge sorts them; otherwise (no times, -r alone, logs
 * that are not -ff files, more than LOGS_MERGE_MAX files) the files are
 * read one after another, in the order given (-ff files by pid).  Memory
 * stays bounded: one line of each open file.
 */
#ifndef SYSATLAS_IMPORT_LOGS_H
#define SYSATLAS_IMPORT_LOGS_H

#include <stddef.h>
#include <stdint.h>

#include "import.h"

/* The longest line read (strace -s with a large size prints long lines). */
#define IMPORT_LINE_MAX ((size_t)64 << 20)
/* Lines named when skipped; the rest are only counted. */
#define IMPORT_SKIP_SHOWN 5
/* The most files read at once to merge them by time. */
#define LOGS_MERGE_MAX 512

/* A log file: its name, the pid of a -ff file (0: none). */
struct log_file {
	char *path;
	int64_t pid;
};

struct progress;
struct logs;

/* How the logs are being read (logs_mode). */
enum logs_mode {
	LOGS_ONE_BY_ONE = 0,
	LOGS_MERGED_BY_TIME,
};

/*
 * Read files[0..n) (kept by the caller until logs_free); strict makes a
 * line that is not strace's an error, else it is skipped (and the first
 * IMPORT_SKIP_SHOWN named).  pr, when not NULL, is told the bytes read.
 * NULL after error() (a file cannot be opened).
 */
struct logs *logs_open(const struct log_file *files, size_t n, int strict, struct progress *pr);
void logs_free(struct logs *g);

/*
 * The next strace line into *l (its spans valid until the next call) and
 * the pid of the file it came from into *file_pid.  1: a line; 0: all
 * read; -1 after error() (read error, a line too long, an empty file or
 * one with no strace line, a bad line under strict).
 */
int logs_next(struct logs *g, struct import_line *l, int64_t *file_pid);

enum logs_mode logs_mode(const struct logs *g);
/* Lines read and lines skipped so far, over all files. */
int64_t logs_lines(const struct logs *g);
int64_t logs_skipped(const struct logs *g);

#endif
