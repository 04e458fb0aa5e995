/*
 * decode-xattr.c: extended attributes — getxattr, setxattr, listxattr,
 * removexattr and their l* (path, no follow) and f* (fd) forms.
 */
#include <inttypes.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* The object: a path for the plain and l* calls, an fd for the f* ones. */
static void print_object(struct decode_ctx *d)
{
	const char *name = decode_syscall(d->c->abi, d->c->nr)->name;

	if (name[0] == 'f')
		decode_print_fd(d, decode_arg_int(d, 0));
	else
		decode_print_path(d, decode_arg_ulong(d, 0));
}

/* The value at exit: rval bytes, or the address on failure or size 0. */
static void print_value(struct decode_ctx *d, int arg, uint64_t size)
{
	if (d->c->is_error || !size)
		decode_print_arg_addr(d, arg);
	else
		decode_print_buf(d, decode_arg_ulong(d, arg), (uint64_t)d->c->rval);
}

unsigned decode_sys_getxattr(struct decode_ctx *d)
{
	if (!d->exiting) {
		print_object(d);
		decode_sep(d);
		decode_print_str(d, decode_arg_ulong(d, 1));
		decode_sep(d);
		return 0;
	}
	print_value(d, 2, decode_arg_ulong(d, 3));
	decode_sep(d);
	decode_print_arg_ulong(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_setxattr(struct decode_ctx *d)
{
	print_object(d);
	decode_sep(d);
	decode_print_str(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_buf(d, decode_arg_ulong(d, 2), decode_arg_ulong(d, 3));
	decode_sep(d);
	decode_print_arg_ulong(d, 3);
	decode_sep(d);
	decode_print_flags(d, &xlat_xattr_flags, decode_arg_uint(d, 4), "XATTR_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_listxattr(struct decode_ctx *d)
{
	if (!d->exiting) {
		print_object(d);
		decode_sep(d);
		return 0;
	}
	print_value(d, 1, decode_arg_ulong(d, 2));
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_removexattr(struct decode_ctx *d)
{
	print_object(d);
	decode_sep(d);
	decode_print_str(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECODED;
}
