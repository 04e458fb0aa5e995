/*
 * stopkind: the stops that are not syscall stops, each as the story of
 * its round trip — the kernel path that stops the tracee, the tracer's
 * wake-up and reaction, the kernel code of each ptrace request it makes,
 * and what follows (the handler's frame, the death reported).  The table
 * is data: every step is one of the index's named paths, so `sysatlas
 * path --stop KIND`, the report's stop round trips and the doc site's
 * ptrace page draw the same phases from the same paths.
 */
#ifndef SYSATLAS_WEB_STOPKIND_H
#define SYSATLAS_WEB_STOPKIND_H

#include <stddef.h>

/* One phase: a named path of the index, in the lane that runs it. */
struct stop_phase {
	const char *lane;		/* tracee, kernel or tracer */
	const char *title;		/* what happens, e.g. "strace prints the signal" */
	const char *path;		/* the index's path name (docs/schema.md) */
	const char *edge;		/* label of the arrow into this phase */
};

struct stop_kind {
	const char *name;		/* --stop word: signal, exec, fork, exit, group */
	const char *title;		/* e.g. "signal-delivery stop" */
	const char *tracee;		/* what the tracee does first (user space) */
	const char *what;		/* one sentence: when the kernel stops it */
	const char *after;		/* the tracee afterwards, or NULL (gone) */
	const struct stop_phase *phases;
	size_t nr_phases;
};

extern const struct stop_kind stop_kinds[];
extern const size_t nr_stop_kinds;

/* The kind named name (a --stop word), or NULL. */
const struct stop_kind *stop_kind_find(const char *name);

/*
 * The kind of a recorded event (trace.db event.kind: signal, fork,
 * vfork, clone, exec, exited, stop), or NULL when it has none.
 */
const struct stop_kind *stop_kind_of_event(const char *event_kind);

#endif
