/*
 * path-output: `sysatlas path` output formats for an assembled syscall
 * path (path-build.h): aligned text for terminals, DOT text, SVG.
 */
#ifndef SYSATLAS_WEB_PATH_OUTPUT_H
#define SYSATLAS_WEB_PATH_OUTPUT_H

#include "graph.h"
#include "links.h"
#include "path-build.h"
#include "stopkind.h"
#include "strbuf.h"

/*
 * Append the path as aligned text: a heading naming the syscall and the
 * indexed tree, then each section with, per step, its function, file:line
 * and the line calling the next step.  With ls non-NULL each step is
 * followed by its URL(s).  A section the index lacks says so.
 */
void path_text_write(struct strbuf *out, const struct syscall_path *sp,
		     const struct links *links);

/*
 * Build the path as a graph: one node per distinct step (the entry,
 * do_syscall_64, ptrace_stop … appear once), the enter, dispatch and exit
 * sections as coloured edges labelled with their call lines, the
 * definition as its own node.  Nodes and edges link to their source lines
 * (links NULL: the index's own templates).  A section the index lacks becomes a "missing"
 * node.  Node ids start with id_prefix (an identifier, or NULL), so two
 * graphs can share a page.  Returns a new graph (never NULL); the caller frees it.
 */
struct graph *path_graph_build(const struct syscall_path *sp, const struct links *links,
			       const char *id_prefix);

/*
 * `path --stop KIND`: the stop kind k's round trip as aligned text — a
 * heading naming the stop and the trees, then each phase (lane, what
 * happens, the index's path) with its steps, file:line and call lines;
 * with links non-NULL each step's URL(s).  A path the index lacks says
 * so.  0, or -1 after error().
 */
int path_stop_text_write(struct strbuf *out, struct ix *ix, const struct stop_kind *k,
			 const struct links *links);

/*
 * The same as a graph: the tracee's first step, then one table node per
 * phase (a row per step, linked to its line, the call line as a linked
 * note; links NULL: the index's own templates), chained by labelled
 * edges.  A new graph the caller frees, or NULL after error().
 */
struct graph *path_stop_graph_build(struct ix *ix, const struct stop_kind *k,
				    const struct links *links);

#endif
