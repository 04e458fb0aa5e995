#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "infile.h"

const char *file_kind_name(mode_t m)
{
	if (S_ISREG(m))
		return "a regular file";
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

/* May a file of this mode be read?  0, or -1 after error(). */
static int kind_ok(const char *path, mode_t m, unsigned flags)
{
	if (S_ISREG(m) || ((flags & INFILE_PIPE_OK) && S_ISFIFO(m)))
		return 0;
	if (S_ISDIR(m))
		return error("%s: is a directory", path);
	return error("%s: %s, not a regular file; refusing to read it", path, file_kind_name(m));
}

int infile_check(const char *path, unsigned flags, struct stat *st)
{
	struct stat tmp;

	if (!st)
		st = &tmp;
	if (!path || !*path)
		return error("an empty file name");
	if (stat(path, st) < 0)
		return error_errno("%s", path);
	return kind_ok(path, st->st_mode, flags);
}

/* Open without blocking; the descriptor keeps O_NONBLOCK. */
static int open_nonblock(const char *path, unsigned flags, struct stat *st)
{
	struct stat before;
	int fd;

	if (infile_check(path, flags, &before) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return error_errno("%s", path);
	if (fstat(fd, st) < 0) {
		error_errno("%s", path);
		close(fd);
		return -1;
	}
	/* replaced between the check and the open */
	if (kind_ok(path, st->st_mode, flags) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int set_blocking(const char *path, int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
		return error_errno("%s", path);
	return 0;
}

int infile_open(const char *path, unsigned flags, struct stat *st)
{
	struct stat tmp;
	int fd = open_nonblock(path, flags, st ? st : &tmp);

	if (fd >= 0 && set_blocking(path, fd) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

long infile_read(struct strbuf *sb, const char *path, unsigned flags)
{
	size_t old = sb->len;
	char chunk[65536];
	struct stat st;
	int fd, first = 1, rc = -1;
	ssize_t n;

	fd = open_nonblock(path, flags, &st);
	if (fd < 0)
		return -1;
	if (S_ISREG(st.st_mode)) {
		if (st.st_size > INFILE_MAX_SIZE) {
			error("%s: too large (%lld bytes; at most %ld are read)", path,
			      (long long)st.st_size, INFILE_MAX_SIZE);
			goto cleanup;
		}
		if (set_blocking(path, fd) < 0)
			goto cleanup;
		strbuf_grow(sb, (size_t)st.st_size);
		first = 0;
	}
	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (first) {
			/* a FIFO, still non-blocking: is anyone writing to it? */
			first = 0;
			if (n == 0) {
				error("%s: a FIFO that no process writes", path);
				goto cleanup;
			}
			if (set_blocking(path, fd) < 0)
				goto cleanup;
			if (n < 0 && errno == EAGAIN)
				continue;
		}
		if (n < 0) {
			error_errno("%s", path);
			goto cleanup;
		}
		if (!n)
			break;
		if (sb->len - old + (size_t)n > (size_t)INFILE_MAX_SIZE) {
			error("%s: too large (more than %ld bytes)", path, INFILE_MAX_SIZE);
			goto cleanup;
		}
		strbuf_add(sb, chunk, (size_t)n);
	}
	rc = 0;
cleanup:
	close(fd);
	if (rc < 0) {
		if (sb->alloc)
			strbuf_setlen(sb, old);
		return -1;
	}
	return (long)(sb->len - old);
}
