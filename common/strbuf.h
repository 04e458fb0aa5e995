/*
 * strbuf: a growable, always NUL-terminated byte string (git's strbuf).
 *
 * buf may hold NUL bytes; len is authoritative.  A strbuf initialised with
 * STRBUF_INIT points at a shared empty string until the first write, so an
 * unused strbuf needs no strbuf_release().  Allocation failure aborts.
 */
#ifndef SYSATLAS_STRBUF_H
#define SYSATLAS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it) and reset sb. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
/* Make room for extra more bytes (plus the terminating NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_setlen(struct strbuf *sb, size_t len);
#define strbuf_reset(sb) strbuf_setlen((sb), 0)

void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) SYSATLAS_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/*
 * Numbers as printf writes them ("%" PRId64, "%" PRIu64, "%#" PRIx64:
 * "0" for zero), without printf's cost, for hot paths.
 */
void strbuf_add_int(struct strbuf *sb, int64_t v);
void strbuf_add_uint(struct strbuf *sb, uint64_t v);
void strbuf_add_hex(struct strbuf *sb, uint64_t v);

/* Remove trailing whitespace. */
void strbuf_rtrim(struct strbuf *sb);

/*
 * Append the whole content of file path, a regular file (infile.h: a
 * FIFO, a device or a socket is refused, never waited on).  Returns bytes
 * read or -1 after error() (naming the file); sb keeps what it held
 * before on error.
 */
long strbuf_read_file(struct strbuf *sb, const char *path);

/* Write sb to path atomically (temp file + rename). 0 or -1 after error(). */
int strbuf_write_file(const struct strbuf *sb, const char *path);

#endif
