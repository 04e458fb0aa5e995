/*
 * summary: the table `strace -c` prints, for `trace -c`/`-C` and the
 * report.
 *
 *   % time     seconds  usecs/call     calls    errors syscall
 *   ------ ----------- ----------- --------- --------- ----------------
 *    52.17    0.000012          12         1           execve
 *   ...
 *   ------ ----------- ----------- --------- --------- ----------------
 *   100.00    0.000023           2        10         1 total
 *
 * Time is each call's, from its enter to its exit (strace -c -w's
 * latency, not strace -c's system CPU time, which a tracer that does not
 * read the task's rusage at each stop cannot know).
 */
#ifndef SYSATLAS_SUMMARY_H
#define SYSATLAS_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct summary_row {
	const char *name;
	long nr;			/* ties are in number order, as strace's table */
	uint64_t calls, errors;
	int64_t total_ns;		/* saturates at INT64_MAX */
};

/* Sort rows for -S sortby (enum strace_sort) in place. */
void summary_sort(struct summary_row *rows, size_t n, int sortby);

/* Sort rows, then append the table (with its total line) to out. */
void summary_format(struct summary_row *rows, size_t n, int sortby, struct strbuf *out);

#endif
