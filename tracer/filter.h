/*
 * filter: -e trace=SET (internal to tracer/).
 *
 * A set is a comma-separated list of syscall names and classes (%file,
 * %process, %network, %signal, %memory, %ipc, %desc, %creds, %clock), or
 * "all"; a leading '!' takes the complement.  For a launched command the
 * set becomes a seccomp-bpf program that returns SECCOMP_RET_TRACE for the
 * traced native syscalls only, so other syscalls never stop the tracee.
 */
#ifndef SYSATLAS_TRACER_FILTER_H
#define SYSATLAS_TRACER_FILTER_H

#include <linux/filter.h>
#include <stddef.h>

#include "decode.h"

struct filter {
	int all;			/* no filter: every syscall */
	unsigned char *bits[DECODE_ABI_COUNT];
	long count[DECODE_ABI_COUNT];
	struct sock_filter *prog;	/* seccomp program, from filter_parse() */
	size_t prog_len;
};

/*
 * Parse spec ("trace=SET" or "SET") into f.  Returns 0, or -1 after
 * error() naming the unknown syscall or class.  f needs filter_release().
 */
int filter_parse(struct filter *f, const char *spec);

/* Is syscall nr of abi traced? */
static inline int filter_traced(const struct filter *f, int abi, long nr)
{
	if (f->all)
		return 1;
	if (nr < 0 || nr >= f->count[abi])
		return 0;	/* unknown numbers are outside every named set */
	return f->bits[abi][nr];
}

void filter_release(struct filter *f);

#endif
