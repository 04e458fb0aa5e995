#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "error.h"
#include "infile.h"
#include "outfile.h"
#include "strbuf.h"

/* The mode a new file gets (0666 under the umask); dirs add x where r is. */
static mode_t new_mode(mode_t base)
{
	mode_t mask = umask(0);

	umask(mask);
	return base & ~mask;
}

/*
 * Character devices a stream may be written to: /dev/null and terminals
 * (tty, console, pseudo-terminals).  Anything else, a disk or /dev/mem
 * say, is refused: writing text onto it would destroy it.
 */
static int chr_is_null(dev_t rdev)
{
	return major(rdev) == 1 && minor(rdev) == 3;
}

static int chr_is_terminal(dev_t rdev)
{
	unsigned ma = major(rdev);

	return ma == 4 || (ma == 5 && minor(rdev) != 2) || (ma >= 136 && ma <= 143);
}

/* dirname and basename of p, without touching p. */
static void split(const char *p, struct strbuf *dir, struct strbuf *base)
{
	const char *slash = strrchr(p, '/');

	strbuf_reset(dir);
	strbuf_reset(base);
	if (!slash) {
		strbuf_addstr(dir, ".");
		strbuf_addstr(base, p);
	} else {
		strbuf_add(dir, p, slash == p ? 1 : (size_t)(slash - p));
		strbuf_addstr(base, slash + 1);
	}
}

/*
 * The resolved path of a file that does not exist yet: its directory
 * through realpath(), then its name.  NULL after error().
 */
static char *resolve_new(const char *what, const char *arg)
{
	struct strbuf dir = STRBUF_INIT, base = STRBUF_INIT, out = STRBUF_INIT;
	char *real = NULL;
	struct stat st;

	split(arg, &dir, &base);
	if (!base.len || !strcmp(base.buf, ".") || !strcmp(base.buf, "..")) {
		error("%s %s: not a file name", what, arg);
		goto cleanup;
	}
	real = realpath(dir.buf, NULL);
	if (!real || stat(real, &st) < 0) {
		error_errno("%s %s: directory %s", what, arg, dir.buf);
		goto cleanup;
	}
	if (!S_ISDIR(st.st_mode)) {
		error("%s %s: %s is not a directory", what, arg, dir.buf);
		goto cleanup;
	}
	if (access(real, W_OK | X_OK) < 0) {
		error_errno("%s %s: cannot write in %s", what, arg, dir.buf);
		goto cleanup;
	}
	strbuf_addstr(&out, real);
	if (out.len > 1)
		strbuf_addch(&out, '/');
	strbuf_add(&out, base.buf, base.len);
cleanup:
	free(real);
	strbuf_release(&dir);
	strbuf_release(&base);
	return out.len ? strbuf_detach(&out, NULL) : (strbuf_release(&out), NULL);
}

int outfile_check(struct outfile *of, const char *what, const char *arg, unsigned flags)
{
	struct stat st;

	memset(of, 0, sizeof(*of));
	of->what = what;
	of->arg = arg;
	if (!arg || !*arg)
		return error("%s: an empty file name", what);
	if (stat(arg, &st) < 0) {
		if (errno != ENOENT && errno != ENOTDIR)
			return error_errno("%s %s", what, arg);
		if (lstat(arg, &st) == 0 && S_ISLNK(st.st_mode))
			return error("%s %s: a symbolic link to nothing; refusing to replace it",
				     what, arg);
		of->kind = OUTFILE_NEW;
		of->path = resolve_new(what, arg);
		return of->path ? 0 : -1;
	}
	of->dev = st.st_dev;
	of->ino = st.st_ino;
	if (S_ISREG(st.st_mode)) {
		char *real;

		if (!(flags & OUTFILE_FORCE))
			return error("%s %s: already exists (use --force to replace it)", what, arg);
		/* through a symbolic link: replace the file it names, keep the link */
		real = realpath(arg, NULL);
		if (!real)
			return error_errno("%s %s", what, arg);
		of->path = resolve_new(what, real);
		free(real);
		of->kind = OUTFILE_REPLACE;
		return of->path ? 0 : -1;
	}
	if ((flags & OUTFILE_STREAM_OK) &&
	    (S_ISFIFO(st.st_mode) ||
	     (S_ISCHR(st.st_mode) && (chr_is_null(st.st_rdev) || chr_is_terminal(st.st_rdev))))) {
		of->kind = OUTFILE_STREAM;
		of->path = xstrdup(arg);
		return 0;
	}
	if ((flags & OUTFILE_DISCARD_OK) && S_ISCHR(st.st_mode) && chr_is_null(st.st_rdev)) {
		of->kind = OUTFILE_DISCARD;
		of->path = xstrdup(arg);
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return error("%s %s: is a directory", what, arg);
	return error("%s %s: %s, not a regular file; refusing to write to it",
		     what, arg, file_kind_name(st.st_mode));
}

/* Is input path the same file as output o? */
static int same_file(const struct outfile *o, const struct stat *st)
{
	return (o->kind == OUTFILE_REPLACE || o->kind == OUTFILE_STREAM) &&
	       o->dev == st->st_dev && o->ino == st->st_ino;
}

static int outputs_clash(const struct outfile *a, const struct outfile *b)
{
	if (a->kind == OUTFILE_DISCARD || b->kind == OUTFILE_DISCARD)
		return 0;
	/* two streams to one terminal or pipe interleave; nothing is lost */
	if (a->kind == OUTFILE_STREAM && b->kind == OUTFILE_STREAM)
		return 0;
	if (a->kind == OUTFILE_NEW && b->kind == OUTFILE_NEW)
		return !strcmp(a->path, b->path);
	return a->kind == b->kind && a->dev == b->dev && a->ino == b->ino;
}

int outfile_distinct(struct outfile *const *outs, size_t nout,
		     const struct outfile_input *ins, size_t nin)
{
	size_t i, j;

	for (i = 0; i < nout; i++) {
		if (!outs[i])
			continue;
		for (j = 0; j < nin; j++) {
			struct stat st;

			if (!ins[j].path || stat(ins[j].path, &st) < 0)
				continue;
			if (same_file(outs[i], &st))
				return error("%s %s: the same file as %s %s; refusing to overwrite it",
					     outs[i]->what, outs[i]->arg, ins[j].what, ins[j].path);
		}
		for (j = i + 1; j < nout; j++)
			if (outs[j] && outputs_clash(outs[i], outs[j]))
				return error("%s %s: the same file as %s %s; give each output its own file",
					     outs[j]->what, outs[j]->arg, outs[i]->what, outs[i]->arg);
	}
	return 0;
}

static int open_stream(struct outfile *of)
{
	int fd = open(of->path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	int fl;

	if (fd < 0) {
		if (errno == ENXIO)
			return error("%s %s: a FIFO that no process reads", of->what, of->arg);
		return error_errno("%s %s", of->what, of->arg);
	}
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
		error_errno("%s %s", of->what, of->arg);
		close(fd);
		return -1;
	}
	return fd;
}

int outfile_open(struct outfile *of)
{
	struct strbuf tmp = STRBUF_INIT;
	int fd;

	if (of->kind == OUTFILE_STREAM)
		return open_stream(of);
	if (of->kind == OUTFILE_DISCARD) {
		const char *dir = getenv("TMPDIR");

		strbuf_addf(&tmp, "%s/sysatlas-discard-XXXXXX", dir && *dir ? dir : "/tmp");
	} else {
		strbuf_addf(&tmp, "%s.tmp-XXXXXX", of->path);
	}
	fd = mkostemp(tmp.buf, O_CLOEXEC);
	if (fd < 0) {
		error_errno("%s %s: cannot create %s", of->what, of->arg, tmp.buf);
		strbuf_release(&tmp);
		return -1;
	}
	if (fchmod(fd, new_mode(0666)) < 0) {
		error_errno("%s %s: %s", of->what, of->arg, tmp.buf);
		close(fd);
		unlink(tmp.buf);
		strbuf_release(&tmp);
		return -1;
	}
	free(of->tmp);
	of->tmp = strbuf_detach(&tmp, NULL);
	return fd;
}

/* rename() that never replaces: renameat2(NOREPLACE), or link()+unlink(). */
static int rename_noreplace(const char *from, const char *to)
{
	if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (link(from, to) < 0)
		return -1;
	unlink(from);
	return 0;
}

int outfile_commit(struct outfile *of)
{
	struct stat st;
	int rc;

	if (!of->tmp)
		return 0;
	if (of->kind == OUTFILE_DISCARD) {
		unlink(of->tmp);
		free(of->tmp);
		of->tmp = NULL;
		return 0;
	}
	if (of->kind == OUTFILE_NEW) {
		rc = rename_noreplace(of->tmp, of->path);
		if (rc < 0 && errno == EEXIST)
			rc = error("%s %s: created by another program meanwhile; "
				   "the output is in %s", of->what, of->arg, of->tmp);
		else if (rc < 0)
			rc = error_errno("%s %s: cannot rename %s into place", of->what,
					 of->arg, of->tmp);
	} else if (lstat(of->path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* no longer the regular file it was when checked */
		rc = error("%s %s: became %s meanwhile; the output is in %s",
			   of->what, of->arg, file_kind_name(st.st_mode), of->tmp);
	} else if ((rc = rename(of->tmp, of->path)) < 0) {
		rc = error_errno("%s %s: cannot rename %s into place", of->what, of->arg, of->tmp);
	}
	/* done, or kept under the name the message gave */
	free(of->tmp);
	of->tmp = NULL;
	return rc;
}

void outfile_abort(struct outfile *of)
{
	if (of->tmp) {
		unlink(of->tmp);
		free(of->tmp);
		of->tmp = NULL;
	}
}

void outfile_release(struct outfile *of)
{
	free(of->path);
	free(of->tmp);
	of->path = of->tmp = NULL;
}

/* --- directories ------------------------------------------------------ */

int outdir_check(struct outdir *od, const char *what, const char *arg, int force)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;

	memset(od, 0, sizeof(*od));
	od->what = what;
	if (!arg || !*arg)
		return error("%s: an empty directory name", what);
	strbuf_addstr(&p, arg);
	while (p.len > 1 && p.buf[p.len - 1] == '/')
		strbuf_setlen(&p, p.len - 1);
	od->path = strbuf_detach(&p, NULL);
	if (stat(od->path, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return error("%s %s: exists and is not a directory", what, arg);
		if (!force)
			return error("%s %s: already exists (use --force to write into it)",
				     what, arg);
		if (access(od->path, W_OK | X_OK) < 0)
			return error_errno("%s %s", what, arg);
		od->exists = 1;
		return 0;
	}
	if (errno != ENOENT)
		return error_errno("%s %s", what, arg);
	if (lstat(od->path, &st) == 0)
		return error("%s %s: a symbolic link to nothing; refusing to replace it", what, arg);
	{
		char *real = resolve_new(what, od->path);

		if (!real)
			return -1;
		free(real);
	}
	return 0;
}

int outdir_open(struct outdir *od)
{
	struct strbuf tmp = STRBUF_INIT;

	strbuf_addf(&tmp, "%s.tmp-XXXXXX", od->path);
	if (!mkdtemp(tmp.buf)) {
		error_errno("%s %s: cannot create %s", od->what, od->path, tmp.buf);
		strbuf_release(&tmp);
		return -1;
	}
	if (chmod(tmp.buf, new_mode(0777)) < 0) {
		error_errno("%s %s: %s", od->what, od->path, tmp.buf);
		rmdir(tmp.buf);
		strbuf_release(&tmp);
		return -1;
	}
	free(od->tmp);
	od->tmp = strbuf_detach(&tmp, NULL);
	return 0;
}

/*
 * Move every entry of directory from (ours) into to: files renamed over
 * their old copies (only if those are regular files), directories merged.
 * Emptied directories of ours are removed.  0 or -1 after error().
 */
static int merge_into(const char *what, const char *from, const char *to, int depth)
{
	struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
	struct dirent *de;
	DIR *d;
	int rc = 0;

	if (depth > 16)
		return error("%s: %s: directories nested too deep", what, from);
	d = opendir(from);
	if (!d)
		return error_errno("%s: %s", what, from);
	while (rc == 0 && (errno = 0, de = readdir(d))) {
		struct stat s, t;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strbuf_reset(&src);
		strbuf_reset(&dst);
		strbuf_addf(&src, "%s/%s", from, de->d_name);
		strbuf_addf(&dst, "%s/%s", to, de->d_name);
		if (lstat(src.buf, &s) < 0) {
			rc = error_errno("%s: %s", what, src.buf);
			break;
		}
		if (S_ISDIR(s.st_mode)) {
			if (lstat(dst.buf, &t) < 0) {
				if (rename_noreplace(src.buf, dst.buf) < 0 &&
				    (errno != EINVAL || rename(src.buf, dst.buf) < 0))
					rc = error_errno("%s: cannot move %s to %s", what, src.buf, dst.buf);
				continue;
			}
			if (!S_ISDIR(t.st_mode)) {
				rc = error("%s: %s is %s; the site's %s is left in %s", what,
					   dst.buf, file_kind_name(t.st_mode), de->d_name, from);
				break;
			}
			rc = merge_into(what, src.buf, dst.buf, depth + 1);
			continue;
		}
		if (lstat(dst.buf, &t) == 0 && !S_ISREG(t.st_mode)) {
			rc = error("%s: %s is %s, not a regular file; refusing to replace it "
				   "(the site's copy is left in %s)", what, dst.buf,
				   file_kind_name(t.st_mode), from);
			break;
		}
		if (rename(src.buf, dst.buf) < 0)
			rc = error_errno("%s: cannot move %s to %s", what, src.buf, dst.buf);
	}
	if (rc == 0 && errno)
		rc = error_errno("%s: %s", what, from);
	closedir(d);
	if (rc == 0 && rmdir(from) < 0)
		rc = error_errno("%s: %s", what, from);
	strbuf_release(&src);
	strbuf_release(&dst);
	return rc;
}

int outdir_commit(struct outdir *od)
{
	struct stat st;

	if (!od->tmp)
		return 0;
	if (!od->exists) {
		if (rename_noreplace(od->tmp, od->path) == 0)
			goto done;
		if (errno == EINVAL && lstat(od->path, &st) < 0 && rename(od->tmp, od->path) == 0)
			goto done;
		if (errno != EEXIST && errno != ENOTEMPTY && errno != EINVAL)
			return error_errno("%s %s: cannot rename %s into place", od->what,
					   od->path, od->tmp);
		/* made by someone else meanwhile: write into it as with --force */
		if (lstat(od->path, &st) < 0 || !S_ISDIR(st.st_mode))
			return error("%s %s: appeared meanwhile and is not a directory; "
				     "the site is in %s", od->what, od->path, od->tmp);
	}
	if (merge_into(od->what, od->tmp, od->path, 0) < 0) {
		/* what is left is named in the message: keep it */
		free(od->tmp);
		od->tmp = NULL;
		return -1;
	}
done:
	free(od->tmp);
	od->tmp = NULL;
	return 0;
}

/* Remove our temporary tree: regular files and directories only. */
static void remove_tree(const char *path, int depth)
{
	struct strbuf sub = STRBUF_INIT;
	struct dirent *de;
	DIR *d;

	if (depth > 16 || !(d = opendir(path)))
		return;
	while ((de = readdir(d))) {
		struct stat st;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		strbuf_reset(&sub);
		strbuf_addf(&sub, "%s/%s", path, de->d_name);
		if (lstat(sub.buf, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode))
			remove_tree(sub.buf, depth + 1);
		else if (S_ISREG(st.st_mode))
			unlink(sub.buf);
	}
	closedir(d);
	rmdir(path);
	strbuf_release(&sub);
}

void outdir_abort(struct outdir *od)
{
	if (od->tmp) {
		remove_tree(od->tmp, 0);
		free(od->tmp);
		od->tmp = NULL;
	}
}

void outdir_release(struct outdir *od)
{
	free(od->path);
	free(od->tmp);
	od->path = od->tmp = NULL;
}
