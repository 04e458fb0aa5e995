/*
 * decode-harness.h: drive the decoders the way the engine does, on the
 * test's own memory.
 *
 * The fake struct decode_mem reads this process's memory with
 * process_vm_readv() on itself, so strings, structs and bad pointers
 * (an unmapped page) behave as they do in a real tracee.  -y paths come
 * from /proc/self/fd.
 *
 *	const char *line = dec(SYS_openat, -100, (long)"/etc/passwd", O_RDONLY);
 *	... then decode_exit with the return value:
 *	line = dec_ret(3, SYS_close, 3);
 */
#ifndef SYSATLAS_TESTS_DECODE_HARNESS_H
#define SYSATLAS_TESTS_DECODE_HARNESS_H

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "decode.h"
#include "strbuf.h"

/* The reads made so far (a test may reset it). */
static unsigned harness_reads;

static inline ssize_t harness_read(struct decode_mem *m, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	(void)m;
	harness_reads++;
	n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	if (n < 0 && errno == EFAULT)
		return -1;
	return n;
}

static inline int harness_fd_path(struct decode_mem *m, int fd, struct strbuf *out)
{
	char link[64], target[PATH_MAX];
	ssize_t n;

	(void)m;
	if (fd == -100)		/* AT_FDCWD */
		snprintf(link, sizeof(link), "/proc/self/cwd");
	else
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof(target));
	if (n < 0)
		return -1;
	strbuf_add(out, target, n);
	return 0;
}

static struct decode_mem harness_mem = { harness_read, harness_fd_path, NULL };
static struct decode_opts harness_opts = { 32, 0 };
static struct strbuf harness_line = STRBUF_INIT;
static enum decode_abi harness_abi = DECODE_ABI_X86_64;

/* An address that is certainly not mapped. */
static inline uint64_t harness_bad_addr(void)
{
	static void *page;

	if (!page) {
		long sz = sysconf(_SC_PAGESIZE);

		page = mmap(NULL, sz, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		munmap(page, sz);
	}
	return (uint64_t)(uintptr_t)page;
}

/*
 * The full line of syscall nr with args, returning rval (a negative errno
 * for a failure).  Arguments are read as 6 longs.
 */
static inline const char *dec_call(long rval, long nr, long a0, long a1, long a2,
			    long a3, long a4, long a5)
{
	struct decode_call c = { 0 };

	c.abi = harness_abi;
	c.nr = nr;
	c.args[0] = a0; c.args[1] = a1; c.args[2] = a2;
	c.args[3] = a3; c.args[4] = a4; c.args[5] = a5;
	strbuf_reset(&harness_line);
	decode_enter(&harness_opts, &harness_mem, &c, &harness_line);
	c.rval = rval;
	c.is_error = rval < 0 && rval >= -4095;
	decode_exit(&harness_opts, &harness_mem, &c, &harness_line);
	return harness_line.buf;
}

/* Only the entry part. */
static inline const char *dec_enter_only(long nr, long a0, long a1, long a2,
				  long a3, long a4, long a5)
{
	struct decode_call c = { 0 };

	c.abi = harness_abi;
	c.nr = nr;
	c.args[0] = a0; c.args[1] = a1; c.args[2] = a2;
	c.args[3] = a3; c.args[4] = a4; c.args[5] = a5;
	strbuf_reset(&harness_line);
	decode_enter(&harness_opts, &harness_mem, &c, &harness_line);
	return harness_line.buf;
}

/* A printf-formatted expectation (one of 8 rotating buffers). */
static inline const char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static inline const char *fmt(const char *f, ...)
{
	static char bufs[8][1024];
	static int next;
	char *b = bufs[next++ % 8];
	va_list ap;

	va_start(ap, f);
	vsnprintf(b, sizeof(bufs[0]), f, ap);
	va_end(ap);
	return b;
}

#define DEC_ARGS6(a0, a1, a2, a3, a4, a5, ...) \
	(long)(a0), (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5)
/* dec(rval, nr, args...): the full line. */
#define dec(rval, nr, ...) dec_call((rval), (nr), DEC_ARGS6(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0))
#define dec_enter(nr, ...) dec_enter_only((nr), DEC_ARGS6(__VA_ARGS__, 0, 0, 0, 0, 0, 0, 0))

#endif
