/*
 * Indexing a strace tree (syscallent.h, SYS_FUNC decoders, main loop).
 */
#include "error.h"
#include "index-tree.h"

int strace_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st)
{
	(void)t;
	(void)st;
	return error("index: --strace %s: strace indexing is not implemented yet", o->root);
}

void strace_link_decoders(struct ix_tree *linux_tree, const struct ix_tree *strace)
{
	(void)linux_tree;
	(void)strace;
}
