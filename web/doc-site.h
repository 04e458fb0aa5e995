/*
 * doc-site: `sysatlas doc`, a static reference site from one or two
 * indexes.  The first index is the one documented; a second one adds the
 * comparison (compare.h) to every syscall page and a compare page.
 *
 *   index.html            every syscall of every ABI, sortable, searchable
 *   syscalls/NAME.html    one page per syscall name
 *   ptrace.html           ptrace requests, handlers, the tracer's life cycle
 *   compare.html, compare.txt   with two indexes
 *   assets/               CSS and the small external scripts
 */
#ifndef SYSATLAS_WEB_DOC_SITE_H
#define SYSATLAS_WEB_DOC_SITE_H

#include <sqlite3.h>

#include "compare.h"
#include "graph.h"
#include "html.h"
#include "index-read.h"
#include "links.h"
#include "observed.h"
#include "strbuf.h"

struct doc_site {
	const char *outdir;
	struct ix *ix[2];		/* ix[1] NULL without a comparison */
	struct compare *cmp;		/* NULL without a comparison */
	sqlite3 *trace;			/* --trace, or NULL */
	const struct links *links;
	struct graph_renderer *renderer;
	struct ix_syscall_list all[2];	/* every table row of each index */
	size_t nr_pages;		/* pages written, for the summary */
};

extern const struct html_nav doc_nav[];
extern const char *const doc_scripts[];

/* Open a page of the site; root is "" or "../". */
void doc_page_begin(struct strbuf *out, const struct doc_site *site, const char *title,
		    const char *root, const char *active);
void doc_page_end(struct strbuf *out, const char *root);

/* Write out to outdir/rel (atomically). 0 or -1 after error(). */
int doc_file_write(const struct doc_site *site, const char *rel, const struct strbuf *out);

/* Append the relative URL of syscall name's page from root ("" or "../"). */
void doc_syscall_href(struct strbuf *out, const char *root, const char *name);

/* An <a> to a source line of tree (or the bare text, marked missing). */
void doc_source_link(struct strbuf *out, const struct doc_site *site, const struct ix_tree *tree,
		     const char *file, int64_t line, const char *text);
/* "file:line" linked to its source line. */
void doc_place_link(struct strbuf *out, const struct doc_site *site, const struct ix_tree *tree,
		    const struct ix_symbol *sym);

/* One syscall argument parsed from a definition's signature. */
struct doc_arg {
	char *decl;			/* "const char __user *filename" */
	int user;			/* a __user pointer: the kernel reads tracee memory */
};

/*
 * Split signature "long sys_x(int a, char __user *b)" into at most 6
 * arguments.  Returns the count (0 for "(void)"), or -1 when the text has
 * no argument list.  Free with doc_args_free().
 */
int doc_args_parse(const char *signature, struct doc_arg args[6]);
void doc_args_free(struct doc_arg args[6], int n);

/* The register carrying argument i (0-5) in abi: rdi … r9, or ebx … ebp. */
const char *doc_arg_register(const char *abi, int i);

/* The running kernel from --trace (doc-observed.c). */
struct doc_observed {
	struct obs obs;
	char *running;			/* the trace's kernel release */
	int64_t *sample_nr;		/* per sample: its call's native syscall, -1 */
};

/* Load what trace (may be NULL) holds.  0, or -1 after error(). */
int doc_observed_load(sqlite3 *trace, struct doc_observed *d);
void doc_observed_release(struct doc_observed *d);

/*
 * Append syscall nr's section: its stacks at the enter and exit stops
 * aligned with the index's paths, and where its calls waited.  0 or -1.
 */
int doc_observed_part(struct strbuf *out, struct doc_observed *d, const struct doc_site *site,
		      struct ix *ix, int64_t nr);

/* Pages. Each returns 0 or -1 after error(). */
int doc_index_write(struct doc_site *site);
int doc_syscall_pages_write(struct doc_site *site);
int doc_ptrace_write(struct doc_site *site);
int doc_compare_write(struct doc_site *site);

/* The site's CSS (the report's sheet + doc.css) and doc.js, read from the
 * data directory before anything is written. */
struct doc_assets {
	struct strbuf css, js;
};
int doc_assets_load(struct doc_assets *a);
void doc_assets_release(struct doc_assets *a);
int doc_assets_write(struct doc_site *site, const struct doc_assets *a);

#endif
