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

/* getgroups(size, list): the list the kernel filled, rval entries */
unsigned decode_sys_getgroups(struct decode_ctx *d)
{
	unsigned gid;

	if (!d->exiting) {
		decode_print_arg_int(d, 0);
		decode_sep(d);
		return 0;
	}
	if (!decode_arg_int(d, 0) || d->c->is_error)
		decode_print_arg_addr(d, 1);
	else
		decode_print_array(d, decode_arg_ulong(d, 1), (uint64_t)d->c->rval,
				   &gid, sizeof(gid), print_gid, NULL, 0);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_setgroups(struct decode_ctx *d)
{
	unsigned gid;

	decode_print_arg_int(d, 0);
	decode_sep(d);
	decode_print_array(d, decode_arg_ulong(d, 1), decode_arg_uint(d, 0),
			   &gid, sizeof(gid), print_gid, NULL, 0);
	return DECODE_RVAL_DECODED;
}
