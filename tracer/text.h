/*
 * text: strace-style lines from the recorded events (--text; internal to
 * tracer/).  Runs in the writer thread, in event order.
 *
 * Lines look like strace's: a pid prefix when several tasks are traced
 * ("[pid  1234] " on stderr, "1234  " in a file, as strace does with and
 * without -o), "<unfinished ...>" when another task stops between a
 * call's enter and exit, "<... NAME resumed>" on its exit, signals as
 * "--- SIGxxx {...} ---", and "+++ exited with N +++" / "+++ killed by
 * SIGxxx +++" at the end of each task.
 */
#ifndef SYSATLAS_TRACER_TEXT_H
#define SYSATLAS_TRACER_TEXT_H

#include <stdio.h>

#include "trace.h"

struct text_out;

/*
 * Write to f (owned when close_f) in strace's -o FILE style (to_file) or
 * its stderr style; always_prefix: print the pid on every line (-f).
 */
struct text_out *text_out_new(FILE *f, int close_f, int to_file, int always_prefix);

void text_out_task(struct text_out *t, const struct trace_task *task, uint32_t type);
void text_out_event(struct text_out *t, const struct trace_event *e);

/* fflush; 0, or -1 after error(). */
int text_out_flush(struct text_out *t);

/* Flush and close; 0, or -1 after error(). NULL is a no-op. */
int text_out_free(struct text_out *t);

#endif
