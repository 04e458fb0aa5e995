/*
 * calltree: what a syscall's definition calls, from the index's call
 * edges, a few levels deep (internal to web/).
 *
 * Each node is a function with the lines it is called from; calls through
 * pointers are kept with their expression and the functions initialisers
 * assign to that member (the candidates).  Nodes can be marked as seen on
 * the running kernel's stacks, where static and observed meet.
 */
#ifndef SYSATLAS_WEB_CALLTREE_H
#define SYSATLAS_WEB_CALLTREE_H

#include "index-read.h"
#include "links.h"
#include "strbuf.h"

/* Levels shown under a definition; the index holds 4. */
#define CALLTREE_DEPTH 4
/* Candidates named for a call through a pointer. */
#define CALLTREE_CANDIDATES 8
/*
 * A tree's size: the index is untrusted, and a few thousand call rows
 * fanning out 40 ways made 2.5 million nodes (an 800 MB page).  Linux
 * v5.7's largest tree has 2 741 nodes, its busiest caller 140 call rows.
 */
#define CALLTREE_MAX_NODES 4096
#define CALLTREE_MAX_CALLS 1024		/* call rows read for one node */

struct ctree_icall {
	struct ix_icall call;
	struct ix_symbol *cands;
	size_t ncands;
	int64_t total;			/* candidates in the index */
	unsigned char *cand_seen;	/* per candidate: on an observed stack */
};

struct ctree {
	struct ix_symbol sym;
	int64_t *lines;			/* where its caller calls it */
	size_t nlines;
	struct ctree *kids;
	size_t nkids;
	struct ctree_icall *icalls;
	size_t nicalls;
	int seen;			/* on an observed stack */
	int cut;			/* some callees left out: a size limit above */
};

/*
 * Load the tree under symbol root (copied into the root node) to depth
 * levels.  0, or -1 after error() (root released).
 */
int ctree_load(struct ix *ix, const struct ix_symbol *root, int depth, struct ctree *out);
void ctree_release(struct ctree *t);

/* Mark the nodes (and candidates) whose name seen(name, arg) says yes to. */
void ctree_mark(struct ctree *t, int (*seen)(const char *name, void *arg), void *arg);

/*
 * As a JSON value for the event view: [name, url, where, seen, lines,
 * kids, icalls], icalls as [expr, url, total, [[name, url, seen] …]], and
 * an eighth member, 1, when callees were left out (CALLTREE_MAX_*).
 */
void ctree_json(const struct ctree *t, const struct links *l, const struct ix_tree *tree,
		const char *tmpl, struct strbuf *out);

/*
 * The URL template of tree's links for the page: its link of a path and
 * line with {path} and {line} in their place ("" when the link does not
 * hold them once each).  ctree_json() given it writes "" for a function's
 * URL that the template makes from its "path:line" (a path of letters,
 * digits and ._/- only), and the page makes it again.
 */
void ctree_url_template(const struct links *l, const struct ix_tree *tree, struct strbuf *out);

#endif
