/*
 * graph: turn parse records into symbols and call edges, and find the
 * named paths (docs/schema.md) in the call graph.  Private to indexer/.
 */
#ifndef SYSATLAS_INDEXER_GRAPH_H
#define SYSATLAS_INDEXER_GRAPH_H

#include "ix.h"
#include "parse.h"

struct graph;

struct graph *graph_new(struct ix_tree *t);
void graph_free(struct graph *g);

/*
 * Map the function defined at file:line (the body a SYSCALL_DEFINE or
 * SYS_FUNC expands to) onto symbol sym, so its calls start there.
 */
void graph_alias(struct graph *g, const char *file, int line, int sym);

/* Add a job's FUNC/CALL/CASE/ASSIGN records (after all aliases are set). */
void graph_add_records(struct graph *g, const struct parse_job *job);

/* Parse an assembly file for labels and `call` instructions. */
int graph_add_asm(struct graph *g, const char *relpath);

/* Resolve callees by name and write symbols and edges into the tree. */
void graph_finish(struct graph *g);

/*
 * A named path: from the symbol start (kind, name), through a function
 * whose name contains via (may be NULL; is via when via_exact), to a function named end, or to
 * the `case end_case:` label, or (end_landmark) to a landmark (a member
 * assigned or read) inside the function named end, or inside the first
 * function that has one when end is NULL.  Returns the number of steps stored, 0 when not
 * found.
 */
struct path_spec {
	const char *name;
	const char *start_kind, *start_name;
	const char *via;
	const char *end;		/* function (exact name) */
	const char *end_case;		/* case label */
	const char *end_landmark;	/* member assigned or read inside `end` (ptrace) */
	const char *landmark_label;	/* the landmark symbol's name (PT_PTRACED) */
	const char *end_indirect;	/* call_site (indirect callee base) */
	int via_exact;			/* via names the function exactly */
};

int graph_find_path(struct graph *g, const struct path_spec *spec);

#endif
