/*
 * web: static reports, reference pages and graphs (public header).
 */
#ifndef SYSATLAS_WEB_H
#define SYSATLAS_WEB_H

#include <stdio.h>

#include "strbuf.h"

/* `sysatlas report`, `sysatlas doc`, `sysatlas path`: exit status. */
int cmd_report(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_path(int argc, char **argv);

struct cli_spec;
/* Their options (cli.h), for getopt and the shell completion. */
extern const struct cli_spec cmd_report_spec, cmd_doc_spec, cmd_path_spec;

/* The names --index takes for the built-in indexes, one a line. */
void web_print_builtin_indexes(FILE *out);

/* What becomes of trace.db in the site (it carries the command line, the
 * working directory and the data the program read and wrote). */
enum web_report_db {
	WEB_DB_COPY = 0,		/* copied into the site as trace.db (redacted
					   with redact) */
	WEB_DB_OMIT,			/* --no-db: left out; no page links to it */
	WEB_DB_IN_SITE,			/* already there as trace.db (sysatlas run);
					   never with redact */
};

/* What `sysatlas report` (and `sysatlas run`) is asked to write. */
struct web_report_opts {
	const char *trace;		/* trace.db */
	const char *index;		/* index.db; NULL: the built-in index if found */
	const char *current;		/* the index shown beside it (--current-index):
					   NULL: 6.12 when the traced kernel is 6.x,
					   "none": no such column */
	const char *outdir;		/* NULL: ./sysatlas-report */
	const char *links;		/* github (NULL), elixir, file:DIR */
	const char *chrome;		/* Chrome Trace Event JSON, or NULL */
	const char *jsonl;		/* one JSON object per event, or NULL */
	int force;			/* write into an existing directory, replace exports */
	const char *site_dir;		/* write straight into this directory, the
					   caller's own temporary one (outdir ignored) */
	int quiet_kernel_note;		/* the caller already said the kernel differs */
	const char *svg_timeline;	/* --svg-timeline FROM..TO: write only that
					   (outdir: the SVG file, default timeline.svg) */
	int svg_calls;			/* its most calls; 0: the default (60) */
	const char *svg_site;		/* prefix of its round-trip links, or NULL */
	enum web_report_db db;		/* what becomes of the trace in the site */
	int graphviz;			/* --graphviz: also graphviz's drawing of each
					   round trip (graphs/rt-N.dot, .svg) */
	int redact;			/* --redact: string contents read from the
					   program's memory replaced by their lengths,
					   in every page, data file, export and the
					   site's trace.db */
};

/*
 * Write the site: every output checked first, then written into a
 * temporary directory (and temporary files) beside the targets, renamed
 * into place at the end.  On success appends the path of its index.html
 * to index_html and returns 0; -1 after error() otherwise, every target
 * left as it was.
 */
int web_report_write(const struct web_report_opts *o, struct strbuf *index_html);

/*
 * --svg-timeline: the calls of o->svg_timeline (svgtl.h) drawn by graphviz
 * into o->outdir (an .svg) and its DOT beside it (FILE.dot), both through
 * temporary files renamed into place.  Appends the SVG's path to svg_path.
 * 0, or -1 after error() ("--svg-timeline: …") with nothing written.
 */
int web_svg_timeline_write(const struct web_report_opts *o, struct strbuf *svg_path);

/*
 * What `sysatlas run` checks before it runs anything: that the index (or
 * the built-in one) opens and the --links style is valid.  0 or -1 after
 * error().
 */
int web_report_check(const struct web_report_opts *o);

/*
 * The one-line note for a kernel that differs from the index's version
 * ("this machine runs 6.1.0-18-amd64; the links show Linux v5.7 …"),
 * appended to out; returns 1 when they differ, 0 when they match or
 * either is unknown.
 */
int web_kernel_note(const char *release, const char *indexed_version,
		    struct strbuf *out);

#endif
