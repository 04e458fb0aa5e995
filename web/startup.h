/*
 * startup: how tracing starts, as a story of steps drawn from an index.
 *
 * A launched command: the tracer forks; the child stops itself; the
 * tracer seizes it (PTRACE_SEIZE, the kernel's ptrace_attach marks it
 * PT_PTRACED) and ends the self-stop with SIGCONT; the child execs the
 * command and the first stop arrives.  That is strace v5.7's way when
 * PTRACE_SEIZE works, and sysatlas's; strace's other way, the child's
 * ptrace(PTRACE_TRACEME) (the kernel's ptrace_traceme), is drawn beside
 * it as not taken.  An attached process (-p): PTRACE_SEIZE and
 * PTRACE_INTERRUPT for each thread.
 *
 * Each step is one row of a swimlane (tracee, kernel, tracer): the
 * actor's node with sysatlas's own code and strace's lines for the same
 * step (the index's strace-* paths), and the kernel's node (ptrace-*
 * paths, or the definition of the syscall that serves the step).  Every
 * place comes from the index; a path the index lacks is a missing row.
 * Used by the report's overview (with the run's own facts), the doc
 * site's ptrace page and `sysatlas path --stop start|attach`.
 */
#ifndef SYSATLAS_WEB_STARTUP_H
#define SYSATLAS_WEB_STARTUP_H

#include <stdint.h>

#include "graph.h"
#include "index-read.h"
#include "links.h"
#include "strbuf.h"

enum startup_how {
	STARTUP_LAUNCH,			/* fork, self-stop, PTRACE_SEIZE, SIGCONT, exec */
	STARTUP_ATTACH,			/* -p: PTRACE_SEIZE, PTRACE_INTERRUPT per thread */
};

#define STARTUP_THREADS 4		/* attached threads drawn one by one */

/* The first stop a task reported, as trace.db recorded it. */
struct startup_event {
	int64_t seq;			/* 0: none recorded */
	const char *kind;		/* event.kind: enter, exec, signal, … */
	const char *text;		/* event.text, untrusted; may be NULL */
	const char *name;		/* the syscall's name, or NULL */
};

/* What a run really did; NULL where a story is told without a run. */
struct startup_run {
	int has_options;
	uint64_t options;		/* PTRACE_O_* given to PTRACE_SEIZE */
	int nthreads;			/* tasks seized at the start (attach: up to
					   STARTUP_THREADS of them are drawn) */
	int64_t tids[STARTUP_THREADS];
	struct startup_event first[STARTUP_THREADS];	/* each one's first stop */
	struct startup_event exec;	/* launch: the exec event of the command */
	const char *event_href;		/* prefix of an event's link ("timeline.html#e="),
					   NULL: no links to events */
};

struct startup_row;
struct startup_node;

struct startup_story {
	enum startup_how how;
	struct startup_node *nodes;
	int n, alloc;
};

/*
 * Build the story of how: the steps from the index ix (links NULL: the
 * index's own templates), with run's facts when run is not NULL.  0, or
 * -1 after error() (story released).
 */
int startup_story_build(struct startup_story *s, struct ix *ix, const struct links *links,
			enum startup_how how, const struct startup_run *run);
void startup_story_release(struct startup_story *s);

/*
 * The story as a swimlane graph (tracee, kernel, tracer), node ids
 * starting with id_prefix (an identifier, or NULL).  A new graph, never
 * NULL; the caller frees it.  Returns NULL after error() only.
 */
struct graph *startup_graph_build(const struct startup_story *s, const char *id_prefix);

/*
 * Append the story as text: each step, and under it each row with its
 * file:line, the line it calls the next from, and with urls its links.
 */
void startup_text_write(struct strbuf *out, const struct startup_story *s, int urls);

/* Append the PTRACE_O_* names of options, '|'-separated ("0" for none). */
void startup_options_names(struct strbuf *out, uint64_t options);

#endif
