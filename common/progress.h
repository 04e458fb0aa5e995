/*
 * Progress for long work (indexing a kernel, writing a big report).
 *
 * On a terminal: one redrawn line with a bar, count, rate and ETA, at most
 * ten redraws a second, coloured unless NO_COLOR is set.  Otherwise: a plain
 * line at every 10 % (or every 5 s when the total is unknown) and one at the
 * end, so logs stay short.  SYSATLAS_PROGRESS=0 silences it.
 * progress_update() may be called from several threads.  Every function
 * accepts NULL, which is what progress_start() returns when silenced.
 */
#ifndef SYSATLAS_PROGRESS_H
#define SYSATLAS_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

struct progress;

/* total 0 means unknown.  Output goes to stderr. */
struct progress *progress_start(const char *title, uint64_t total);

/* As progress_start, writing to out; tty decides the style (for tests). */
struct progress *progress_start_to(FILE *out, int tty, const char *title,
				   uint64_t total);

/* Set the number of items done so far. */
void progress_update(struct progress *p, uint64_t done);

/* Add n to the number done. */
void progress_add(struct progress *p, uint64_t n);

/* Print the final line and free; *pp becomes NULL. */
void progress_stop(struct progress **pp);

/* Format seconds as "1h02m", "3m07s", "12s" into buf (size >= 16). */
void progress_format_duration(double seconds, char *buf, size_t size);

#endif
