/*
 * walk: find the files worth parsing — a cheap pre-filter before libclang.
 *
 * A tree is untrusted: the walk keeps its directories to visit on the
 * heap (a tree nested thousands of levels deep cannot overflow the
 * stack), builds paths without a fixed buffer, reports a path past
 * PATH_MAX as unreadable instead of cutting it, never follows a symbolic
 * link to a directory, and opens only regular files, without blocking.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "infile.h"
#include "strbuf.h"
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
	int fd, found = 0;
	struct stat st;
	void *map;
	const char *const *p;

	if (!o->patterns)
		return 1;	/* every file: the caller reads it anyway */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) < 0) {
		*err = errno;
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {	/* replaced since readdir() */
		close(fd);
		*err = EINVAL;
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

static void add_unreadable(struct walk_result *r, const char *path, const char *why)
{
	if (r->nunreadable == r->aunreadable) {
		r->aunreadable = r->aunreadable ? r->aunreadable * 2 : 16;
		r->unreadable = xrealloc(r->unreadable,
					 (size_t)r->aunreadable * sizeof(*r->unreadable));
	}
	r->unreadable[r->nunreadable].path = xstrdup(path);
	r->unreadable[r->nunreadable].why = xstrdup(why);
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

static int cmp_unreadable(const void *a, const void *b)
{
	return strcmp(((const struct walk_unreadable *)a)->path,
		      ((const struct walk_unreadable *)b)->path);
}

/* The directories still to visit, relative to the root ("" is the root). */
struct todo {
	char **v;
	size_t n, alloc;
};

static void todo_push(struct todo *t, const char *rel)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 64;
		t->v = xrealloc(t->v, t->alloc * sizeof(*t->v));
	}
	t->v[t->n++] = xstrdup(rel);
}

/* rel inside root: "root" for "", else "root/rel". */
static void full_path(struct strbuf *out, const char *root, const char *rel)
{
	strbuf_reset(out);
	strbuf_addstr(out, root);
	if (*rel) {
		strbuf_addch(out, '/');
		strbuf_addstr(out, rel);
	}
}

/*
 * What an entry of a directory is: 'd' a directory, 'f' a regular file,
 * 0 anything else (a symbolic link is looked at, never followed).
 */
static int entry_type(const struct dirent *de, const char *full)
{
	struct stat st;

	if (de->d_type == DT_DIR)
		return 'd';
	if (de->d_type == DT_REG)
		return 'f';
	if (de->d_type != DT_UNKNOWN || lstat(full, &st) < 0)
		return 0;
	return S_ISDIR(st.st_mode) ? 'd' : S_ISREG(st.st_mode) ? 'f' : 0;
}

static void walk_dir(const struct walk_opts *o, struct walk_result *r, const char *rel,
		     struct todo *todo)
{
	struct strbuf path = STRBUF_INIT, sub = STRBUF_INIT, full = STRBUF_INIT;
	struct dirent *de;
	DIR *d;

	full_path(&path, o->root, rel);
	if (path.len >= PATH_MAX) {
		add_unreadable(r, rel, strerror(ENAMETOOLONG));
		goto cleanup;
	}
	d = opendir(path.buf);
	if (!d) {
		add_unreadable(r, *rel ? rel : ".", strerror(errno));
		goto cleanup;
	}
	while ((de = readdir(d))) {
		int type;

		if (de->d_name[0] == '.')
			continue;
		strbuf_reset(&sub);
		if (*rel) {
			strbuf_addstr(&sub, rel);
			strbuf_addch(&sub, '/');
		}
		strbuf_addstr(&sub, de->d_name);
		full_path(&full, o->root, sub.buf);
		type = entry_type(de, full.buf);
		if (type == 'd') {
			if (!skip_dir(o, sub.buf))
				todo_push(todo, sub.buf);
		} else if (type == 'f' && has_suffix(de->d_name, o->suffix)) {
			int err = 0, m;

			r->scanned++;
			if (full.len >= PATH_MAX) {
				add_unreadable(r, sub.buf, strerror(ENAMETOOLONG));
				continue;
			}
			m = matches(o, full.buf, &err);
			if (m < 0)
				add_unreadable(r, sub.buf, strerror(err));
			else if (m)
				add(&r->files, &r->nfiles, &r->afiles, sub.buf);
		}
	}
	closedir(d);
cleanup:
	strbuf_release(&path);
	strbuf_release(&sub);
	strbuf_release(&full);
}

void walk_tree(const struct walk_opts *o, struct walk_result *r)
{
	struct todo todo = { 0 };

	memset(r, 0, sizeof(*r));
	todo_push(&todo, "");
	while (todo.n) {
		char *rel = todo.v[--todo.n];

		walk_dir(o, r, rel, &todo);
		free(rel);
	}
	free(todo.v);
	/* sorted, not in the file system's readdir() order */
	if (r->nfiles)
		qsort(r->files, (size_t)r->nfiles, sizeof(*r->files), cmp_str);
	if (r->nunreadable)
		qsort(r->unreadable, (size_t)r->nunreadable, sizeof(*r->unreadable),
		      cmp_unreadable);
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

/* Is this entry a FIFO, socket or device, itself or through a symbolic link? */
static int is_special(const struct dirent *de, const char *full, mode_t *mode)
{
	struct stat st;

	switch (de->d_type) {
	case DT_DIR: case DT_REG:
		return 0;
	case DT_FIFO: case DT_SOCK: case DT_CHR: case DT_BLK:
		*mode = de->d_type == DT_FIFO ? S_IFIFO : de->d_type == DT_SOCK ? S_IFSOCK :
			de->d_type == DT_CHR ? S_IFCHR : S_IFBLK;
		return 1;
	}
	/* a link (or an unknown type): what it leads to; a dangling link is harmless */
	if (stat(full, &st) < 0 || S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))
		return 0;
	*mode = st.st_mode;
	return 1;
}

int walk_check_special(const char *root)
{
	struct strbuf path = STRBUF_INIT, sub = STRBUF_INIT;
	struct todo todo = { 0 };
	int rc = 0;

	todo_push(&todo, "");
	while (todo.n && !rc) {
		char *rel = todo.v[--todo.n];
		struct dirent *de;
		DIR *d;

		full_path(&path, root, rel);
		d = path.len < PATH_MAX ? opendir(path.buf) : NULL;
		while (d && !rc && (de = readdir(d))) {
			mode_t mode = 0;
			struct stat st;

			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			strbuf_reset(&sub);
			if (*rel) {
				strbuf_addstr(&sub, rel);
				strbuf_addch(&sub, '/');
			}
			strbuf_addstr(&sub, de->d_name);
			full_path(&path, root, sub.buf);
			if (de->d_type == DT_DIR || (de->d_type == DT_UNKNOWN &&
						     lstat(path.buf, &st) == 0 && S_ISDIR(st.st_mode)))
				todo_push(&todo, sub.buf);
			else if (is_special(de, path.buf, &mode))
				rc = error("index: %s: %s; refusing to index a tree that holds one "
					   "(the compiler would read or wait on it)", path.buf,
					   file_kind_name(mode));
		}
		if (d)
			closedir(d);
		free(rel);
	}
	while (todo.n)
		free(todo.v[--todo.n]);
	free(todo.v);
	strbuf_release(&path);
	strbuf_release(&sub);
	return rc;
}
