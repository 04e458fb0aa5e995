/*
 * walk: find the files worth parsing — a cheap pre-filter before libclang.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "walk.h"

static int skip_dir(const struct walk_opts *o, const char *rel)
{
	const char *const *p;

	for (p = o->skip_dirs; p && *p; p++)
		if (!strcmp(*p, rel))
			return 1;
	return 0;
}

static int has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n > s && !strcmp(name + n - s, suffix);
}

/* 1 when the file contains one of the patterns, 0 not, -1 unreadable. */
static int matches(const struct walk_opts *o, const char *path, int *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), found = 0;
	struct stat st;
	void *map;
	const char *const *p;

	if (fd < 0 || fstat(fd, &st) < 0) {
		*err = errno;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!st.st_size) {
		close(fd);
		return 0;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		*err = errno;
		return -1;
	}
	for (p = o->patterns; *p && !found; p++)
		found = memmem(map, (size_t)st.st_size, *p, strlen(*p)) != NULL;
	munmap(map, (size_t)st.st_size);
	return found;
}

static void add_unreadable(struct walk_result *r, const char *path, int err)
{
	if (r->nunreadable == r->aunreadable) {
		r->aunreadable = r->aunreadable ? r->aunreadable * 2 : 16;
		r->unreadable = xrealloc(r->unreadable,
					 (size_t)r->aunreadable * sizeof(*r->unreadable));
	}
	r->unreadable[r->nunreadable].path = xstrdup(path);
	r->unreadable[r->nunreadable].why = xstrdup(strerror(err));
	r->nunreadable++;
}

static void add(char ***v, int *n, int *a, const char *s)
{
	if (*n == *a) {
		*a = *a ? *a * 2 : 256;
		*v = xrealloc(*v, (size_t)*a * sizeof(**v));
	}
	(*v)[(*n)++] = xstrdup(s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(const struct walk_opts *o, struct walk_result *r,
		     const char *rel)
{
	char path[4096];
	DIR *d;
	struct dirent *de;

	snprintf(path, sizeof(path), "%s%s%s", o->root, *rel ? "/" : "", rel);
	d = opendir(path);
	if (!d) {
		add_unreadable(r, *rel ? rel : ".", errno);
		return;
	}
	while ((de = readdir(d))) {
		char sub[4096];
		int isdir;

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
			struct stat st;
			char full[8192];

			snprintf(full, sizeof(full), "%s/%s", o->root, sub);
			if (lstat(full, &st) < 0)
				continue;
			isdir = S_ISDIR(st.st_mode);
			if (!isdir && !S_ISREG(st.st_mode))
				continue;
		} else {
			isdir = de->d_type == DT_DIR;
			if (!isdir && de->d_type != DT_REG)
				continue;
		}
		if (isdir) {
			if (!skip_dir(o, sub))
				walk_dir(o, r, sub);
		} else if (has_suffix(de->d_name, o->suffix)) {
			char full[8192];
			int err = 0, m;

			snprintf(full, sizeof(full), "%s/%s", o->root, sub);
			m = matches(o, full, &err);
			r->scanned++;
			if (m < 0)
				add_unreadable(r, sub, err);
			else if (m)
				add(&r->files, &r->nfiles, &r->afiles, sub);
		}
	}
	closedir(d);
}

void walk_tree(const struct walk_opts *o, struct walk_result *r)
{
	memset(r, 0, sizeof(*r));
	walk_dir(o, r, "");
	if (r->nfiles)
		qsort(r->files, (size_t)r->nfiles, sizeof(*r->files), cmp_str);
}

void walk_result_release(struct walk_result *r)
{
	int i;

	for (i = 0; i < r->nfiles; i++)
		free(r->files[i]);
	for (i = 0; i < r->nunreadable; i++) {
		free(r->unreadable[i].path);
		free(r->unreadable[i].why);
	}
	free(r->files);
	free(r->unreadable);
	memset(r, 0, sizeof(*r));
}
