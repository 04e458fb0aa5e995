/*
 * decode-creds.c: credentials and process groups — set*uid/gid, getres*,
 * getgroups/setgroups, setpgid, getpgid, getsid; decimal numbers, as
 * strace prints them (-1 for an unchanged id).
 */
#include <inttypes.h>

#include "decode-priv.h"

/* Every argument a uid or gid: setuid, setreuid, setresuid, setfsuid... */
unsigned decode_sys_ids(struct decode_ctx *d)
{
	const struct decode_syscall_desc *desc = decode_syscall(d->c->abi, d->c->nr);
	unsigned i;

	for (i = 0; i < desc->nargs; i++) {
		if (i)
			decode_sep(d);
		decode_print_id(d, decode_arg_uint(d, i));
	}
	return DECODE_RVAL_DECODED;
}

/* Every argument a signed int: setpgid, getpgid, getsid, nice... */
unsigned decode_sys_ints(struct decode_ctx *d)
{
	const struct decode_syscall_desc *desc = decode_syscall(d->c->abi, d->c->nr);
	unsigned i;

	for (i = 0; i < desc->nargs; i++) {
		if (i)
			decode_sep(d);
		decode_print_arg_int(d, i);
	}
	return DECODE_RVAL_DECODED;
}

/* getresuid(&r, &e, &s): [0], [0], [0] at exit */
unsigned decode_sys_getresuid(struct decode_ctx *d)
{
	int i;

	if (!d->exiting)
		return 0;
	for (i = 0; i < 3; i++) {
		unsigned id;

		if (i)
			decode_sep(d);
		if (!decode_fetch(d, decode_arg_ulong(d, i), &id, sizeof(id))) {
			strbuf_addch(d->out, '[');
			decode_print_id(d, id);
			strbuf_addch(d->out, ']');
		}
	}
	return DECODE_RVAL_DECIMAL;
}

static int print_gid(struct decode_ctx *d, void *elem, size_t size, void *opaque)
{
	decode_print_id(d, *(unsigned *)elem);
	return 0;
}

/* A gid list of len entries; beyond NGROUPS_MAX (a failed call, a bad
 * size) only the address, as strace. */
static void print_groups(struct decode_ctx *d, unsigned len, uint64_t addr)
{
	unsigned gid;

	if (len > 65536)
		decode_print_addr(d, addr);
	else
		decode_print_array(d, addr, len, &gid, sizeof(gid), print_gid, NULL, 0);
}

/* getgroups(size, list): rval entries of the list, which strace shows
 * even when size was 0 and the kernel only counted. */
unsigned decode_sys_getgroups(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_arg_int(d, 0);
		decode_sep(d);
		return 0;
	}
	print_groups(d, (unsigned)d->c->rval, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_setgroups(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	decode_sep(d);
	print_groups(d, decode_arg_uint(d, 0), decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECODED;
}
