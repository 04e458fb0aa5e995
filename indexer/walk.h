/*
 * walk: list the files of a tree whose name ends in suffix and whose text
 * contains one of patterns (a memmem pre-filter, so libclang only sees
 * files that can matter).  Private to indexer/.
 */
#ifndef SYSATLAS_INDEXER_WALK_H
#define SYSATLAS_INDEXER_WALK_H

struct walk_opts {
	const char *root;
	const char *suffix;			/* ".c" */
	const char *const *patterns;		/* NULL-terminated; NULL: every file (none read) */
	const char *const *skip_dirs;		/* relative paths, NULL-terminated */
};

struct walk_unreadable {
	char *path;		/* relative; "." for the root */
	char *why;
};

struct walk_result {
	char **files;		/* relative, sorted */
	int nfiles, afiles;
	struct walk_unreadable *unreadable;	/* sorted by path */
	int nunreadable, aunreadable;
	int scanned;
};

/*
 * List the files of o->root as the header says.  Directories that cannot
 * be read and files that cannot be opened, or whose path is longer than
 * PATH_MAX, are listed in r->unreadable.  Never fails otherwise.
 */
void walk_tree(const struct walk_opts *o, struct walk_result *r);
void walk_result_release(struct walk_result *r);

/*
 * Refuse a tree that holds a FIFO, a socket or a device (or a symbolic
 * link to one) anywhere, hidden directories too: libclang opens whatever
 * a source #includes and would block on a FIFO or read /dev/zero forever.
 * 0, or -1 after error() naming the first one found.
 */
int walk_check_special(const char *root);

#endif
