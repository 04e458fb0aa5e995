/*
 * observed: the running kernel's own stacks in a trace (internal to web/).
 *
 * trace.db (schema 2) holds the stack /proc/TID/stack showed at ptrace
 * stops and, sampled, inside calls that waited.  This reads them, says
 * which upstream version the traced kernel was, links each frame (to the
 * index's line where the index is of that version, else to the running
 * version's source by identifier; and to the index's own line, labelled
 * with its version, where the index has the function), and aligns a stack
 * with a named path of the index by function name.
 */
#ifndef SYSATLAS_WEB_OBSERVED_H
#define SYSATLAS_WEB_OBSERVED_H

#include <stdint.h>
#include <sqlite3.h>

#include "index-read.h"
#include "links.h"
#include "strbuf.h"

struct obs_frame {
	char *func;			/* as the kernel printed it: do_execveat_common.isra.0 */
	int64_t offset, size;		/* -1: not given */
	char *module;			/* NULL: built in */
};

struct obs_stack {
	int64_t id;
	int depth;			/* frames 0 … depth-1, none missing */
	int nframes;			/* allocated (a frame missing cuts depth short) */
	struct obs_frame *frames;	/* innermost (frame 0) first */
};

struct obs_stop {
	int64_t seq;			/* 0: the stop made no event (exit) */
	int64_t tid, t;			/* t: ns after the run's start */
	char stop[16];			/* syscall-enter, syscall-exit, signal, ... */
	char abi[8];			/* "" native */
	int has_nr;
	int64_t nr;
	int stack;			/* index into stacks */
};

struct obs_sample {
	int64_t call_seq, tid, t;
	char state;			/* S D R ..., 0 unknown */
	int stack;
};

/* A frame's name looked up in the index, cached. */
struct obs_name;

struct obs {
	int have;			/* the trace has the tables (schema >= 2) */
	char *mode;			/* off first all; NULL: not recorded */
	char *note;			/* why stacks could not be read, or NULL */
	char *proc_version;		/* /proc/version, or NULL */
	char running[40];		/* upstream version of the traced kernel: v6.18.44; "" unknown */
	struct obs_stack *stacks;
	int nstacks;
	struct obs_stop *stops;
	int nstops;
	struct obs_sample *samples;	/* by call_seq, then time */
	int nsamples;
	struct obs_name *names;		/* lookup cache */
	int nnames, anames;
};

/*
 * Load what trace holds (nothing from a trace made before schema 2: have
 * is 0 then).  release is run.kernel_release, mono_start the run's start.
 * 0, or -1 after error().
 */
int obs_load(sqlite3 *trace, const char *release, int64_t mono_start, struct obs *o);
void obs_release(struct obs *o);

/*
 * The upstream version a kernel release is built from, as Elixir names
 * it ("v6.1.119", "v6.18.44", "v5.15" for a .0): from /proc/version where
 * a distribution says it there (Debian: "... Debian 6.1.119-1 ..."), else
 * the leading numbers of the release (uname -r: "6.18.44-fc-v1272").
 * "" when neither has one.
 */
void obs_upstream_version(const char *release, const char *proc_version, char *out,
			  size_t size);

/*
 * The stack seen most often at stop (e.g. "syscall-enter") of syscall
 * (abi "" native, nr); nr is ignored for stops without one (exec, fork).
 * -1: none.
 */
int obs_stop_stack(const struct obs *o, const char *stop, const char *abi, int64_t nr);

/* The samples of the call entered at seq: returns their count, *first the first. */
int obs_samples_of(const struct obs *o, int64_t call_seq, int *first);

/*
 * The name a frame's function has in source: compiler suffixes dropped
 * (.isra.0, .constprop.1, .part.0, .cold), a syscall's wrappers named as
 * its definition (__x64_sys_read, __do_sys_read, __se_sys_read: sys_read).
 */
void obs_source_name(const char *func, struct strbuf *out);

/*
 * Look frame function func up in the kernel tree of ix (a function, a
 * syscall definition or an assembly label of that source name).  *sym
 * points into o's cache (valid until obs_release()); 1 found, 0 not,
 * -1 after error().
 */
int obs_lookup(struct obs *o, struct ix *ix, const char *func, const struct ix_symbol **sym);

/*
 * The links of frame function func: primary (the index's line when the
 * index is of the running version, else the running version's source by
 * identifier; empty when the version is unknown), indexed (the index's
 * line, when the index has the function).  0 or -1 after error().
 */
int obs_frame_urls(struct obs *o, struct ix *ix, const struct links *l, const char *func,
		   struct strbuf *primary, struct strbuf *indexed);

/*
 * Append the line of frame function func in index ix, where ix has it
 * (nothing otherwise): the second index's tag beside a frame.  0 or -1.
 */
int obs_index_url(struct obs *o, struct ix *ix, const struct links *l, const char *func,
		  struct strbuf *out);

/* How a row of an alignment pairs a path step with a frame. */
enum obs_pair {
	OBS_BOTH,			/* the same function on both */
	OBS_INDEX_ONLY,			/* inlined or renamed in the running kernel */
	OBS_OBSERVED_ONLY,		/* the running kernel's own */
};

struct obs_row {
	enum obs_pair pair;
	int step;			/* index into the path's steps, or -1 */
	int frame;			/* index into the stack's frames, or -1 */
};

/*
 * Align stack st with path p, outermost first, by function name (a frame
 * that is an assembly label inside a step's symbol, as
 * entry_SYSCALL_64_after_hwframe inside entry_SYSCALL_64, is that step).
 * *rows is malloc'd (the caller frees it); returns the number of rows, or
 * -1 after error().
 */
int obs_align(struct obs *o, struct ix *ix, const struct ix_path *p, const struct obs_stack *st,
	      struct obs_row **rows);

/* --- as HTML (observed-html.c) --- */

/* What the HTML needs to link frames. */
struct obs_view {
	struct obs *obs;
	struct ix *ix;
	const struct links *links;
	struct ix *also;		/* a second index whose line is tagged too, or NULL */
};

/*
 * A frame: its function (with its offset when offset) linked to the
 * running version's source, and a tag linking the index's line where the
 * index has it (and one for the second index's).  0 or -1.
 */
int obs_frame_html(const struct obs_view *v, const struct obs_frame *f, int offset,
		   struct strbuf *out);

/* A stack as an ordered list, innermost first.  0 or -1. */
int obs_stack_html(const struct obs_view *v, const struct obs_stack *st, struct strbuf *out);

/* Stacks merged by function, outermost first, with counts. */
struct obs_ktree {
	const struct obs_frame *frame;	/* NULL at the root */
	uint64_t count, stops, samples;	/* through here; ending here at a stop / a sample */
	struct obs_ktree *kids;
	int nkids, akids;
};

void obs_ktree_add(struct obs_ktree *t, const struct obs_stack *st, int is_sample);
void obs_ktree_free(struct obs_ktree *t);

/* The tree as nested <details>, each frame linked.  0 or -1. */
int obs_ktree_html(const struct obs_view *v, const struct obs_ktree *t, struct strbuf *out);

/*
 * The tree as JSON for the page to draw: the root's children, each
 * [function, its URL, the index's URL, count, at stops, waiting, children],
 * at most OBS_KTREE_NODES nodes and 256 levels.  0 or -1.
 */
#define OBS_KTREE_NODES 4096
int obs_ktree_json(const struct obs_view *v, const struct obs_ktree *t, struct strbuf *out);

/*
 * Stack st aligned with path p (obs_align()) as a table: the indexed step,
 * the frame as it ran on running (e.g. "Linux 6.18.44"), and how they
 * pair.  0 or -1.
 */
int obs_align_html(const struct obs_view *v, const struct ix_path *p,
		   const struct obs_stack *st, const char *running, struct strbuf *out);

#endif
