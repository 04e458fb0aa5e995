/*
 * golden.h: what every golden program shares.
 *
 * A golden program makes a few syscalls with odd inputs between
 * GOLDEN_BEGIN() and GOLDEN_END(); run-golden.sh keeps the trace lines
 * between the two markers (chdir() calls on paths that do not exist) and
 * compares them, normalised, with NAME.expected.  Syscalls are made with
 * syscall(2) where libc would otherwise pick another one.  Built with
 * -D_GNU_SOURCE, as the whole project.
 */
#ifndef SYSATLAS_GOLDEN_H
#define SYSATLAS_GOLDEN_H

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define GOLDEN_BEGIN() ((void)syscall(SYS_chdir, "/sysatlas-golden-begin"))
#define GOLDEN_END() ((void)syscall(SYS_chdir, "/sysatlas-golden-end"))

/* Descriptors start at 3 whatever the test harness left open. */
__attribute__((constructor)) static void golden_close_inherited(void)
{
	syscall(SYS_close_range, 3, ~0U, 0);
}

/* A page no one can read: mapped PROT_NONE and kept, so that no later
 * mmap reuses it (call it once before GOLDEN_BEGIN, which it maps). */
static inline void *golden_bad_addr(void)
{
	static void *p;

	if (!p)
		p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p;
}

#endif
