/*
 * decode-dirent.c: getdents64 and getdents — strace's default shows the
 * buffer's address and how many entries the kernel put there.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "decode-priv.h"

/* Count the records of rval bytes; reclen is at offset 16 (getdents64)
 * or 2 * long size (getdents). */
static void print_dirents(struct decode_ctx *d, size_t reclen_off)
{
	uint64_t addr = decode_arg_ulong(d, 1);
	size_t len = (size_t)d->c->rval, off = 0;
	unsigned count = 0;
	unsigned char *buf;

	decode_print_addr(d, addr);
	if (d->c->is_error || !addr || len > (1u << 24))
		goto tail;
	buf = xmalloc(len ? len : 1);
	if (decode_read(d, addr, buf, len) == 0) {
		while (off + reclen_off + 2 <= len) {
			unsigned short reclen = buf[off + reclen_off] |
						(buf[off + reclen_off + 1] << 8);

			if (!reclen)
				break;
			count++;
			off += reclen;
		}
		strbuf_addf(d->out, " /* %u entries */", count);
	}
	free(buf);
tail:
	decode_sep(d);
	decode_print_arg_uint(d, 2);
}

unsigned decode_sys_getdents64(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_dirents(d, 16);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_getdents(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_dirents(d, 2 * decode_long_size(d));
	return DECODE_RVAL_DECIMAL;
}
