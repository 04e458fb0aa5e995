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
	const char *const *patterns;		/* NULL-terminated */
	const char *const *skip_dirs;		/* relative paths, NULL-terminated */
};

struct walk_unreadable {
	char *path;		/* relative; "." for the root */
	char *why;
};

struct walk_result {
	char **files;		/* relative, sorted */
	int nfiles, afiles;
	struct walk_unreadable *unreadable;
	int nunreadable, aunreadable;
	int scanned;
};

void walk_tree(const struct walk_opts *o, struct walk_result *r);
void walk_result_release(struct walk_result *r);

#endif
