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
 *
 * strace's output options (struct strace_opts) are honoured: the time
 * prefixes (-t -tt -ttt -r), durations (-T), the result column (-a), -qq
 * (no "+++ exited" lines), and the summary table at the end (-c instead
 * of the lines, -C after them, sorted by -S).
 */
#ifndef SYSATLAS_TRACER_TEXT_H
#define SYSATLAS_TRACER_TEXT_H

#include <stdio.h>

#include "strace-opts.h"
#include "trace.h"

struct text_out;

/*
 * Write to f (owned when close_f) in strace's -o FILE style (to_file) or
 * its stderr style; always_prefix: print the pid on every line (-f).  so
 * (kept, not copied) says how; real_base is CLOCK_REALTIME less
 * CLOCK_MONOTONIC, to turn the events' times into times of day.
 */
struct text_out *text_out_new(FILE *f, int close_f, int to_file, int always_prefix,
			      const struct strace_opts *so, int64_t real_base);

void text_out_task(struct text_out *t, const struct trace_task *task, uint32_t type);
void text_out_event(struct text_out *t, const struct trace_event *e);

/* fflush; 0, or -1 after error(). */
int text_out_flush(struct text_out *t);

/* Print the summary (-c, -C), flush and close; 0, or -1 after error().
 * NULL is a no-op. */
int text_out_free(struct text_out *t);

#endif
