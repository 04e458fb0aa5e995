/*
 * graph: small graphs built with cgraph and rendered in-process with gvc.
 *
 * Shared by the report and the doc pages.  Callers name nodes with their
 * own identifiers ([A-Za-z0-9_], never data: numbers through
 * web_graph_id_int(); anything else is refused with an error); every
 * label, tooltip and href handed in is untrusted text and is escaped here,
 * once, with escape_dot_label() before cgraph sees it (cgraph quotes it
 * when it writes DOT).  The same graph gives DOT text
 * (for golden tests and `sysatlas path --format dot`) and SVG (for pages).
 */
#ifndef SYSATLAS_WEB_GRAPH_H
#define SYSATLAS_WEB_GRAPH_H

#include <stdint.h>

#include "strbuf.h"

struct graph;
struct graph_renderer;

enum graph_dir {
	GRAPH_TB,			/* top to bottom (dot's default) */
	GRAPH_LR,			/* left to right */
};

/* What a node or edge shows; every field may be NULL. */
struct graph_attrs {
	const char *label;		/* text; '\n' breaks lines */
	const char *href;		/* link target (already a complete URL) */
	const char *tooltip;
	const char *klass;		/* SVG class, e.g. "missing", "kernel" */
	const char *shape;		/* graphviz shape; default box */
	const char *color;		/* fill colour for nodes, pen for edges */
	const char *style;		/* graphviz style, e.g. "dashed", "invis" */
	const char *group;		/* nodes of one group line up (dot) */
	int weight;			/* edges: 0 is graphviz's default (1) */
	int minlen0;			/* edges: head may share the tail's rank (minlen 0) */
	int loose;			/* edges: drawn, but no constraint on the ranks */
};

/*
 * A new, empty directed graph; name is an identifier.  Never NULL.  Node
 * order inside ranks is the caller's (graph_rank_same), so dot spends
 * little time on crossing minimisation (mclimit 0.1).
 *
 * A builder that also makes data (the report's round trips) may be given
 * a NULL graph when no drawing is wanted: web_graph_node_add, _table_node_add,
 * _edge_add, _node_set and _rank_same then do nothing and return 0.
 */
struct graph *web_graph_new(const char *name, enum graph_dir dir);

/*
 * Append an identifier for number v (a tid, a row id read from a
 * database): prefix, then 'm' for a minus sign, then the digits.
 */
void web_graph_id_int(struct strbuf *out, const char *prefix, int64_t v);

/* Free g and everything in it. NULL is a no-op. */
void web_graph_free(struct graph *g);

/*
 * Add a cluster (a box around nodes, e.g. a swimlane) named id (an
 * identifier, unique in g) with a visible label.  Nodes added with this
 * cluster id go inside it.  0, or -1 after error() if id is taken.
 */
int web_graph_cluster_add(struct graph *g, const char *id, const char *label,
		      const char *color);

/*
 * Add node id (an identifier, unique in g) inside cluster (NULL for the top
 * level).  0, or -1 after error() (unknown cluster, duplicate id).
 */
int web_graph_node_add(struct graph *g, const char *cluster, const char *id,
		   const struct graph_attrs *a);

/* One row of a table node: a linked step and an optional linked note. */
struct graph_row {
	const char *text;		/* e.g. "do_syscall_64" */
	const char *href;		/* NULL: the row is shown as missing (unless plain) */
	const char *tooltip;
	const char *note;		/* e.g. "common.c:291", may be NULL */
	const char *note_href;
	int plain;			/* no href, yet not missing (e.g. libc's wait4) */
};

/*
 * Add node id showing a bold title over rows, each cell its own link
 * (graphviz HTML-like label; every string escaped here).  0, or -1 after
 * error().
 */
int web_graph_table_node_add(struct graph *g, const char *cluster, const char *id,
			 const char *title, const struct graph_row *rows, int nrows,
			 const char *color);

/*
 * Add an edge from -> to between existing nodes; its label is drawn as an
 * xlabel (graphviz 2.42 double-frees on labelled edges between clusters).
 * 0, or -1 after error().
 */
int web_graph_edge_add(struct graph *g, const char *from, const char *to,
		   const struct graph_attrs *a);

/* Set one more attribute (escaped) on node id. 0, or -1 after error(). */
int web_graph_node_set(struct graph *g, const char *id, const char *name,
		   const char *value);

/*
 * Put existing nodes ids[0..n) on one rank, left to right in that order
 * (rows of a swimlane).  0, or -1 after error().
 */
int web_graph_rank_same(struct graph *g, const char *const *ids, int n);

/*
 * Give g a visible title (escaped; '\n' breaks lines), drawn at the top,
 * left-aligned.
 */
void web_graph_label_set(struct graph *g, const char *label);

/* Number of nodes added so far. */
int web_graph_node_count(const struct graph *g);

/* Append g as DOT text (cgraph's agwrite). 0, or -1 after error(). */
int web_graph_write_dot(struct graph *g, struct strbuf *out);

/* One gvc context for many renderings; NULL-safe free. Never NULL. */
struct graph_renderer *web_graph_renderer_new(void);
void web_graph_renderer_free(struct graph_renderer *r);

/*
 * Lay g out with dot and append it as an <svg> element ready to inline in
 * HTML (no XML prolog, no DOCTYPE, no comments).  0, or -1 after error().
 */
int web_graph_render_svg(struct graph_renderer *r, struct graph *g,
		     struct strbuf *out);

#endif
