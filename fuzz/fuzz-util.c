#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fuzz.h"

static void drop(const char *line)
{
	(void)line;
}

void fuzz_quiet(void)
{
	error_set_routine(drop);
}

static char tmpdir[64];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void rm_tmpdir(void)
{
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_tmpdir(void)
{
	if (!tmpdir[0]) {
		const char *base = getenv("TMPDIR");

		snprintf(tmpdir, sizeof(tmpdir), "%s/sysatlas-fuzz-XXXXXX",
			 base && *base && strlen(base) < 32 ? base : "/tmp");
		if (!mkdtemp(tmpdir)) {
			perror("fuzz: mkdtemp");
			abort();
		}
		atexit(rm_tmpdir);
	}
	return tmpdir;
}

const char *fuzz_write(const char *rel, const void *data, size_t len)
{
	static char path[4096];
	char *slash;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", fuzz_tmpdir(), rel);
	for (slash = strchr(path + strlen(tmpdir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = 0;
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			perror(path);
			abort();
		}
		*slash = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (len && write(fd, data, len) != (ssize_t)len) || close(fd) < 0) {
		perror(path);
		abort();
	}
	return path;
}

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: oracle failed: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void fuzz_split(const uint8_t *data, size_t size, const char *sep,
		const uint8_t **a, size_t *alen, const uint8_t **b, size_t *blen)
{
	const uint8_t *at = memmem(data, size, sep, strlen(sep));

	*a = data;
	if (!at) {
		*alen = size;
		*b = data + size;
		*blen = 0;
		return;
	}
	*alen = (size_t)(at - data);
	*b = at + strlen(sep);
	*blen = size - *alen - strlen(sep);
}
