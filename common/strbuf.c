#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "infile.h"
#include "strbuf.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->alloc = sb->len = 0;
	sb->buf = strbuf_slopbuf;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *res;

	strbuf_grow(sb, 0);
	res = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return res;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX / 2 - sb->len - 1)
		die("strbuf: request of %zu bytes is too large", extra);
	want = sb->len + extra + 1;
	if (sb->alloc && want <= sb->alloc)
		return;
	if (!sb->alloc)
		sb->buf = NULL;
	if (want < 64)
		want = 64;
	if (want < sb->alloc * 3 / 2)
		want = sb->alloc * 3 / 2;
	sb->buf = xrealloc(sb->buf, want);
	if (!sb->alloc)
		sb->buf[0] = '\0';
	sb->alloc = want;
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc) {
		if (len)
			die("strbuf: setlen %zu on an empty buffer", len);
		return;
	}
	if (len >= sb->alloc)
		die("strbuf: setlen %zu beyond allocation %zu", len, sb->alloc);
	sb->len = len;
	sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	strbuf_grow(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		die("strbuf: vsnprintf failed for format '%s'", fmt);
	if ((size_t)n >= sb->alloc - sb->len) {
		strbuf_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	}
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* Digits of v in base 10 or 16, written backwards from end; the start. */
static char *strbuf_digits(char *end, uint64_t v, unsigned base)
{
	static const char hex[] = "0123456789abcdef";

	do {
		*--end = hex[v % base];
		v /= base;
	} while (v);
	return end;
}

void strbuf_add_uint(struct strbuf *sb, uint64_t v)
{
	char buf[24], *end = buf + sizeof(buf);
	char *p = strbuf_digits(end, v, 10);

	strbuf_add(sb, p, (size_t)(end - p));
}

void strbuf_add_int(struct strbuf *sb, int64_t v)
{
	char buf[24], *end = buf + sizeof(buf);
	/* negate in unsigned arithmetic: INT64_MIN has no positive twin */
	char *p = strbuf_digits(end, v < 0 ? -(uint64_t)v : (uint64_t)v, 10);

	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(end - p));
}

void strbuf_add_hex(struct strbuf *sb, uint64_t v)
{
	char buf[24], *end = buf + sizeof(buf);
	char *p = strbuf_digits(end, v, 16);

	if (v) {
		*--p = 'x';
		*--p = '0';
	}
	strbuf_add(sb, p, (size_t)(end - p));
}

void strbuf_rtrim(struct strbuf *sb)
{
	while (sb->len && strchr(" \t\r\n\v\f", sb->buf[sb->len - 1]))
		sb->len--;
	if (sb->alloc)
		sb->buf[sb->len] = '\0';
}

long strbuf_read_file(struct strbuf *sb, const char *path)
{
	return infile_read(sb, path, 0);
}

int strbuf_write_file(const struct strbuf *sb, const char *path)
{
	struct strbuf tmp = STRBUF_INIT;
	size_t off = 0;
	int fd, rc = -1;

	strbuf_addf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		error_errno("%s", path);
		goto cleanup;
	}
	while (off < sb->len) {
		ssize_t n = write(fd, sb->buf + off, sb->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			error_errno("%s", path);
			close(fd);
			unlink(tmp.buf);
			goto cleanup;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, 0644) < 0 || close(fd) < 0) {
		error_errno("%s", path);
		unlink(tmp.buf);
		goto cleanup;
	}
	if (rename(tmp.buf, path) < 0) {
		error_errno("%s", path);
		unlink(tmp.buf);
		goto cleanup;
	}
	rc = 0;
cleanup:
	strbuf_release(&tmp);
	return rc;
}
