/*
 * report: the pieces of `sysatlas report` (internal to web/).
 *
 * report.c streams the trace once (tracedb.h) and fans every call and
 * marker out to the timeline data files (report-data.c), the summary and
 * per-syscall tables, the round-trip registry (roundtrip.c) and the
 * exports (export.c); then the pages (report-pages.c) are written from
 * what was gathered, which is bounded by the number of distinct syscalls
 * and threads, never by the number of events.
 */
#ifndef SYSATLAS_WEB_REPORT_H
#define SYSATLAS_WEB_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "calltree.h"
#include "compare.h"
#include "graph.h"
#include "index-read.h"
#include "links.h"
#include "observed.h"
#include "outfile.h"
#include "strbuf.h"
#include "tracedb.h"
#include "web.h"

/* Occurrences listed on a syscall's own page; the timeline has them all. */
#define REPORT_OCCURRENCES 500

/* Exec'd programs kept per task for the process tree. */
#define REPORT_IMAGES 12

/* Syscalls per timeline data chunk. */
#define REPORT_CHUNK 16384

/* One distinct syscall (abi, nr) seen in the trace. */
struct report_sc {
	char *abi;			/* NULL: native */
	long nr;
	char *name;			/* from the index, the trace text, or syscall_NNN */
	char *stem;			/* page file name stem (safe) */
	const struct ix_syscall *isc;	/* the index's row (ix's cache), or NULL */
	const struct ix_syscall *csc;	/* the current kernel's row (cur's cache), or NULL */
	unsigned classes;		/* report_class bits */
	uint64_t calls, errors, unfinished;
	uint64_t timed;			/* calls with a duration (entered and returned) */
	int64_t total_ns, max_ns;
	uint64_t listed;		/* occurrences in occ */
	struct strbuf occ;		/* table rows for its page */
	char *tree_json;		/* its definition's call tree for the event view */
	char *added_after;		/* not in the index because it is newer than the
					   indexed kernel: why we know (a phrase), or NULL */
};


enum report_class {
	REPORT_CLASS_FILE = 1 << 0,
	REPORT_CLASS_DESC = 1 << 1,
	REPORT_CLASS_PROCESS = 1 << 2,
	REPORT_CLASS_NETWORK = 1 << 3,
	REPORT_CLASS_SIGNAL = 1 << 4,
	REPORT_CLASS_MEMORY = 1 << 5,
	REPORT_CLASS_IPC = 1 << 6,
	REPORT_CLASS_CREDS = 1 << 7,
	REPORT_CLASS_CLOCK = 1 << 8,
	REPORT_CLASS_STAT = 1 << 9,
	REPORT_CLASSES = 10
};

extern const char *const report_class_names[REPORT_CLASSES];

/* strace's flags ("TD|TF") as report_class bits. */
unsigned report_classes_from_flags(const char *flags);

/* A call the sampler caught waiting (observed.h), for the kernel page. */
struct report_wait {
	int64_t seq, tid, t, dur;	/* dur -1: it never returned */
	int sc;				/* scs index */
	int first, n;			/* its samples in obs.samples */
};

/* One round trip shape: what the event view draws for a call. */
struct report_rt {
	int sc;				/* index into report.scs */
	char *mech_enter, *mech_exit;
	unsigned flags;			/* TRACEDB_UNFINISHED etc. */
	uint64_t calls;
};

struct report_chunk {
	struct strbuf t, d, l, c, f, e, r, s;	/* timeline columns */
	struct strbuf mt, ml, mk, mx, ms, mtx;	/* marker columns */
	struct strbuf mst;			/* marker: its stop kind (stopkind.h), -1 */
	struct strbuf detail;			/* detail rows */
	int n, nmarkers;
	int64_t last_t, last_s, last_mt, last_ms;
	int64_t tmin, tmax;
};

/* Distinct JSON texts, numbered in order of arrival (roundtrip.c). */
struct report_table {
	char **v;
	int n, alloc;
	int *hash;			/* open addressing: v index + 1 */
	int hash_size;
};

struct report {
	const struct web_report_opts *o;
	sqlite3 *trace;
	struct ix ix;			/* the index; empty without one */
	struct ix cur;			/* the current kernel's index shown beside it
					   (current.c); empty without one */
	struct ix *oix;			/* the index observed stacks are aligned with:
					   &cur when it is open, else &ix */
	struct compare *cmp;		/* ix against cur; NULL without cur */
	struct tracedb_run run;
	struct links links;
	struct graph_renderer *gr;
	struct strbuf dir;		/* output directory, no trailing slash */

	struct report_sc *scs;
	int nscs, scs_alloc;
	int native_sc[1024];		/* native nr -> scs index + 1 */

	struct report_rt *rts;
	int nrts, rts_alloc;
	int *rt_hash;			/* open addressing: rts index + 1 */
	struct report_table phases;	/* the round trips' distinct phases, JSON
					   (data/rt-steps.js) */
	struct report_table stacks;	/* the stacks beside them, aligned (idem) */
	int rt_hash_size;

	struct report_chunk chunk;
	int nchunks;
	struct strbuf chunk_meta;	/* JSON array items: [n, tmin, tmax, markers] */
	uint64_t ncalls, nmarkers, nunfinished, nerrors;
	uint64_t marker_counts[TRACEDB_MARKER_KINDS];
	uint64_t new_processes, new_threads;	/* fork markers by what they made */
	unsigned stops_seen;		/* bit i: a marker of stop_kinds[i] */
	struct strbuf *images;		/* per lane: the programs it exec'd, in order,
					   one a line (at most REPORT_IMAGES) */
	int nimages;
	unsigned char *images_cut;	/* per lane: more exec'd than were kept */
	unsigned char errnos[4096];	/* errno values seen */

	FILE *chrome, *jsonl;
	int chrome_first;
	struct outfile chrome_out, jsonl_out;	/* checked before anything is written */
	struct obs obs;				/* the running kernel's stacks */
	int *sample_sc;				/* per obs sample: its call's scs index, -1 */
	struct report_wait *waits;		/* calls with samples, in trace order */
	int nwaits, waits_alloc;
	struct outdir site;			/* the site's target and temporary directory */
	struct strbuf redacted;			/* o->redact: the text handed on */
};

/*
 * current.c: the current kernel beside the index.  When the traced kernel
 * is 6.x and the index is not 6.12 (or --current-index names one), the
 * built-in 6.12 index is opened as r->cur, compared with r->ix, and shown
 * beside it: a column of the round trip, a section of each syscall page.
 */
int report_current_open(struct report *r);
void report_current_close(struct report *r);
/* The syscall's row in cur, or NULL. */
const struct ix_syscall *report_current_syscall(struct report *r, const char *abi, long nr);
/* The round trip's "current" member: ,"current":{…} (nothing without cur). */
int report_current_rt_json(struct report *r, int sci, struct strbuf *out);
/* data/current.js: the paths of both trees side by side (nothing without cur). */
int report_current_data(struct report *r);
/* The overview's fact row naming cur, if any. */
void report_current_fact(struct report *r, struct strbuf *out);
/* The observed stacks' view of sc: its row in oix. */
const struct ix_syscall *report_observed_syscall(const struct report *r,
						 const struct report_sc *sc);

/*
 * The label of a syscall the index lacks: "added after v5.7" when it is
 * newer than the indexed kernel, else "not in the index"; with why, the
 * evidence follows (", Linux 6.12 has it").
 */
void report_sc_missing_label(const struct report *r, const struct report_sc *sc,
			     int why, struct strbuf *out);

/* Path of name inside the output directory (into a reused buffer). */
const char *report_path(struct report *r, struct strbuf *sb, const char *name);

/* Write sb to the output directory's name. 0 or -1 after error(). */
int report_write_file(struct report *r, const char *name, const struct strbuf *sb);

/*
 * Draw g: its SVG appended to out (inline), and also written to
 * graphs/NAME.svg, a standalone file, with a link to it (and to the DOT,
 * when dot is set) after the drawing, root the page's way to the site's
 * top ("" or "../").  0 or -1 after error().
 */
int report_graph_svg(struct report *r, struct graph *g, const char *name, const char *root,
		     int dot, struct strbuf *out);

/* Write g's DOT text to graphs/NAME.dot (the source of a drawn graph). */
int report_write_dot(struct report *r, struct graph *g, const char *name);

/*
 * The scs index of a call's syscall, registering it on first sight;
 * -1 after error() (the index could not be read).
 */
int report_sc_get(struct report *r, const char *abi, long nr, const char *text);

/* report-data.c: timeline chunks and the meta file. */
void report_data_init(struct report *r);
void report_data_release(struct report *r);
int report_data_call(struct report *r, const struct tracedb_call *c, int sc, int rt);
int report_data_marker(struct report *r, const struct tracedb_marker *m);
int report_data_finish(struct report *r);

/* roundtrip.c: the registry and the rendered round trips. */
void report_table_release(struct report_table *t);
int report_rt_get(struct report *r, const struct tracedb_call *c, int sc);
int report_rt_write_all(struct report *r);

/*
 * Build the round trip of rt as a graph and a list of its phases' numbers
 * in the site's phase table (r->phases, data/rt-steps.js), and the running
 * kernel's stacks at its stops aligned with the index's paths (JSON array
 * items, observed-report.c) with the number of the phase each is beside
 * (obs_at, comma-separated).  0 or -1.
 */
int report_rt_build(struct report *r, const struct report_rt *rt, struct graph *g,
		    struct strbuf *phases, struct strbuf *observed_json, struct strbuf *obs_at);

/*
 * roundtrip.c: the round trip of each stop kind the trace has a marker of
 * (r->stops_seen), data/rt-stop-KIND.js calling
 * sysatlas.roundtrip("stop-KIND", {stop, title, what, phases, …}), then
 * data/rt-steps.js, the phases of every round trip.  0 or -1 after error().
 */
int report_stop_rt_write_all(struct report *r);

/*
 * current.c: the round trip's "current" member for the kernel paths
 * names[0..n) (titles beside them): ,"current":{"a","b","paths":[…]},
 * the paths aligned as in data/current.js (nothing without cur).
 */
void report_current_paths_json(struct report *r, const char *const *names,
			       const char *const *titles, size_t n, struct strbuf *out);

/* observed-report.c */

/*
 * Add node id at the right end of the swimlane row row[0..nrow) (row[1]
 * is the kernel's node, joined by a dashed edge; above, if not NULL, is the
 * node over it in its column): the running kernel's stack at stop
 * (syscall-enter, syscall-exit) of syscall sc, aligned with the index's
 * path path_name.  Append the alignment as a JSON object to json ({stop,
 * running, rows: [[pair, step, step URL, frame, frame URL, indexed URL]]},
 * or {stop, none: why}).  1 when the node was added, 0 when there is no
 * stack to show, -1 after error().
 */
int report_observed_beside(struct report *r, struct graph *g, const char *const *row,
			   int nrow, const char *above, const char *id, const char *stop,
			   const char *path_name, const struct report_sc *sc, struct strbuf *json);

/*
 * Append to out, for the detail row of the call entered at call_seq, where
 * it waited: ",[[stack, samples, first t, last t, states], …]" (nothing
 * when the call has no sample).  Returns the number of samples.
 */
int report_observed_waits(struct report *r, int64_t call_seq, struct strbuf *out);

/* data/kstacks.js: every distinct stack, its frames linked. 0 or -1. */
int report_observed_data(struct report *r);

/* observed-pages.c */

/* Note the samples of call c (of syscall sci), if any. */
void report_observed_call(struct report *r, const struct tracedb_call *c, int sci);

/*
 * Append to out the section of syscall sci's page on the running kernel:
 * the stacks of its calls (at stops and where they waited), merged into
 * one tree with counts, each frame a link.  0 or -1.
 */
int report_observed_sc_section(struct report *r, int sci, struct strbuf *out);

/*
 * The call tree of syscall sci's definition (calltree.h), its functions
 * seen on the syscall's observed stacks marked.  1 loaded (release it),
 * 0 no definition, -1 after error().
 */
int report_observed_calltree(struct report *r, int sci, struct ctree *out);

/* Append the overview's card on the running kernel. */
void report_observed_card(struct report *r, struct strbuf *out);

/*
 * kernel.html: the stack of each kind of stop, and the calls that waited,
 * ranked by time, with where they waited.  0 or -1.
 */
int report_observed_page(struct report *r, struct strbuf *out);

/* report-pages.c */
int report_pages_write(struct report *r);

/*
 * report-startup.c: append the overview's section "How tracing started"
 * (startup.h), its graph written to graphs/startup.dot too.  0 or -1.
 */
int report_startup_section(struct report *r, struct strbuf *out);

/*
 * site-db.c: with WEB_DB_COPY, the trace copied into the site as
 * trace.db, redacted with o->redact (the input is only read).  0 or -1.
 */
int report_site_db(struct report *r);

/* Whether the site has trace.db (the pages link to it then). */
int report_has_db(const struct report *r);

/* export.c */
int report_export_open(struct report *r);
int report_export_call(struct report *r, const struct tracedb_call *c, int sc);
int report_export_marker(struct report *r, const struct tracedb_marker *m);
/* The kernel stacks and samples (observed.h) into both exports. 0. */
int report_export_observed(struct report *r);
int report_export_close(struct report *r);

#endif
