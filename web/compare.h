/*
 * compare: what changed between two indexes (an older tree a, a newer b).
 *
 * Per syscall table row (matched by ABI and name): added, removed,
 * renumbered, moved (file, or line within the file), signature changed,
 * status changed (implemented / unimplemented), entry point changed.  Per
 * named path of the kernel trees (syscall-enter, syscall-exit, …): the two
 * step lists aligned by function name (longest common subsequence), each
 * aligned row flagged when its place or call line moved.  Structured, so
 * pages render it side by side; compare_text_write() gives a plain
 * summary.
 */
#ifndef SYSATLAS_WEB_COMPARE_H
#define SYSATLAS_WEB_COMPARE_H

#include <stddef.h>

#include "index-read.h"
#include "strbuf.h"

enum cmp_flags {
	CMP_ADDED = 1 << 0,		/* only in b */
	CMP_REMOVED = 1 << 1,		/* only in a */
	CMP_RENUMBERED = 1 << 2,	/* syscall number differs */
	CMP_MOVED_FILE = 1 << 3,	/* defined in another file */
	CMP_MOVED_LINE = 1 << 4,	/* same file, another line */
	CMP_SIGNATURE = 1 << 5,		/* signature text differs */
	CMP_STATUS = 1 << 6,		/* implemented <-> unimplemented, or reason */
	CMP_ENTRY_POINT = 1 << 7,	/* table entry point differs */
	CMP_CALL_LINE = 1 << 8,		/* path step: the call line moved */
};

struct cmp_syscall {
	const struct ix_syscall *a, *b;	/* NULL when absent on that side */
	unsigned flags;
};

struct cmp_step {
	const struct ix_step *a, *b;	/* NULL: the step exists only on the other side */
	unsigned flags;			/* for aligned steps: moved, call line */
};

struct cmp_path {
	const char *name;
	struct ix_path a, b;		/* empty when that index lacks the path */
	size_t nr_rows;
	struct cmp_step *rows;
	size_t nr_only_a, nr_only_b;	/* steps without a partner */
	unsigned flags;			/* CMP_ADDED/REMOVED for a whole path */
};

struct compare {
	struct ix *a, *b;
	struct ix_syscall_list list_a, list_b;
	size_t nr_syscalls;
	struct cmp_syscall *syscalls;	/* union, in b's order, then a's removed */
	size_t nr_paths;
	struct cmp_path *paths;		/* union of the kernel trees' path names */
	/* totals over syscalls */
	size_t nr_added, nr_removed, nr_renumbered, nr_moved_file, nr_moved_line,
	       nr_signature, nr_status, nr_unchanged;
};

/*
 * Compare index a (older) with index b (newer); both stay owned by the
 * caller and must outlive c.  0, or -1 after error() with c released.
 */
int compare_build(struct compare *c, struct ix *a, struct ix *b);
void compare_release(struct compare *c);

/*
 * Only the paths of a and b (no syscall rows: nr_syscalls is 0), for a
 * caller that compares the few rows it needs with compare_syscall_flags().
 * 0, or -1 after error() with c released.
 */
int compare_paths_build(struct compare *c, struct ix *a, struct ix *b);

/* How row a (older) differs from b: CMP_* bits; ADDED or REMOVED when one is NULL. */
unsigned compare_syscall_flags(const struct ix_syscall *a, const struct ix_syscall *b);

/* Find the comparison of syscall name in abi (NULL: any ABI). */
const struct cmp_syscall *compare_syscall_find(const struct compare *c,
					       const char *abi, const char *name);
/* Find the comparison of path name, or NULL. */
const struct cmp_path *compare_path_find(const struct compare *c, const char *name);

/* Name the bits of flags, comma-separated ("moved file, signature"). */
void compare_flags_describe(struct strbuf *out, unsigned flags);

/*
 * A plain-text summary: totals, every changed syscall row with what
 * changed, every path side by side with its differing steps marked.
 */
void compare_text_write(struct strbuf *out, const struct compare *c);

#endif
