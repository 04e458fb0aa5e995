/*
 * decode-io.c: reading and writing — read, write, pread64, pwrite64,
 * readv, writev, preadv, pwritev (and the *2 forms), lseek, sendfile,
 * copy_file_range.
 */
#include <inttypes.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* At the exit of a read: rval bytes of buf, or its address on failure. */
static void print_read_buf(struct decode_ctx *d, int buf_arg)
{
	if (d->c->is_error)
		decode_print_arg_addr(d, buf_arg);
	else
		decode_print_buf(d, decode_arg_ulong(d, buf_arg), (uint64_t)d->c->rval);
}

/* An offset passed as one register (x86-64, x32) or as two (i386). */
static void print_offset(struct decode_ctx *d, int arg)
{
	if (d->c->abi == DECODE_ABI_I386)
		strbuf_addf(d->out, "%" PRId64, (int64_t)(((uint64_t)(uint32_t)d->c->args[arg + 1] << 32)
							  | (uint32_t)d->c->args[arg]));
	else
		strbuf_addf(d->out, "%" PRId64, (int64_t)d->c->args[arg]);
}

unsigned decode_sys_read(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_read_buf(d, 1);
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_write(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_buf(d, decode_arg_ulong(d, 1), decode_arg_ulong(d, 2));
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_pread64(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_read_buf(d, 1);
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	decode_sep(d);
	print_offset(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_pwrite64(struct decode_ctx *d)
{
	decode_sys_write(d);
	decode_sep(d);
	print_offset(d, 3);
	return DECODE_RVAL_DECODED;
}

struct iov_state {
	uint64_t data_left;	/* bytes still to show; UINT64_MAX: all */
	int addr_only;		/* the call failed: bases as addresses */
};

static int print_iov_elem(struct decode_ctx *d, void *elem, size_t size, void *opaque)
{
	struct iov_state *s = opaque;
	uint64_t base = decode_word(d, elem, 0), len = decode_word(d, elem, 1);
	uint64_t show = len < s->data_left ? len : s->data_left;

	if (s->data_left != UINT64_MAX)
		s->data_left -= show;
	strbuf_addstr(d->out, "{iov_base=");
	if (s->addr_only)
		decode_print_addr(d, base);
	else
		decode_print_buf(d, base, show);
	strbuf_addf(d->out, ", iov_len=%" PRIu64 "}", len);
	return 0;
}

/* An iovec array of cnt elements, showing at most data bytes. */
void decode_print_iov(struct decode_ctx *d, uint64_t addr, uint64_t cnt,
		      uint64_t data, int addr_only)
{
	struct iov_state s = { data, addr_only };
	uint64_t elem[2];

	decode_print_array(d, addr, cnt, elem, 2 * decode_long_size(d),
			   print_iov_elem, &s, 1);
}

unsigned decode_sys_readv(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	decode_print_iov(d, decode_arg_ulong(d, 1), decode_arg_ulong(d, 2),
			 (uint64_t)d->c->rval, d->c->is_error);
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_writev(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_iov(d, decode_arg_ulong(d, 1), decode_arg_ulong(d, 2),
			 UINT64_MAX, 0);
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	return DECODE_RVAL_DECODED;
}

/* preadv(fd, iov, cnt, offset); the offset takes two registers on i386. */
unsigned decode_sys_preadv(struct decode_ctx *d)
{
	decode_sys_readv(d);
	if (!d->exiting)
		return 0;
	decode_sep(d);
	print_offset(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_preadv2(struct decode_ctx *d)
{
	decode_sys_preadv(d);
	if (!d->exiting)
		return 0;
	decode_sep(d);
	decode_print_flags(d, &xlat_rwf_flags,
			   decode_arg_uint(d, d->c->abi == DECODE_ABI_I386 ? 5 : 4), "RWF_???");
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_pwritev(struct decode_ctx *d)
{
	decode_sys_writev(d);
	decode_sep(d);
	print_offset(d, 3);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_pwritev2(struct decode_ctx *d)
{
	decode_sys_pwritev(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_rwf_flags,
			   decode_arg_uint(d, d->c->abi == DECODE_ABI_I386 ? 5 : 4), "RWF_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_lseek(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_arg_long(d, 1);
	decode_sep(d);
	decode_print_xval(d, &xlat_whence, decode_arg_uint(d, 2), "SEEK_???");
	return DECODE_RVAL_DECODED;
}

/* [*offset]; 0, or -1 when NULL or the address was printed instead. */
static int print_loff_ptr(struct decode_ctx *d, uint64_t addr)
{
	uint64_t off;

	if (decode_fetch(d, addr, &off, sizeof(off)))
		return -1;
	strbuf_addf(d->out, "[%" PRIu64 "]", off);
	return 0;
}

/* sendfile(out_fd, in_fd, off_t *offset, count): *offset is updated. */
unsigned decode_sys_sendfile(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		decode_print_fd(d, decode_arg_int(d, 1));
		decode_sep(d);
		if (print_loff_ptr(d, decode_arg_ulong(d, 2)) < 0) {
			decode_sep(d);
			decode_print_arg_ulong(d, 3);
			return DECODE_RVAL_DECODED;
		}
		return 0;
	}
	/* The offset before the call, then " => [after]". */
	if (!d->c->is_error && d->c->rval) {
		strbuf_addstr(d->out, " => ");
		print_loff_ptr(d, decode_arg_ulong(d, 2));
	}
	decode_sep(d);
	decode_print_arg_ulong(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_copy_file_range(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	print_loff_ptr(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_fd(d, decode_arg_int(d, 2));
	decode_sep(d);
	print_loff_ptr(d, decode_arg_ulong(d, 3));
	decode_sep(d);
	decode_print_arg_ulong(d, 4);
	decode_sep(d);
	decode_print_arg_uint(d, 5);
	return DECODE_RVAL_DECODED;
}

/* fadvise64(fd, offset, len, advice); i386: the offset in two registers */
unsigned decode_sys_fadvise64(struct decode_ctx *d)
{
	int next = d->c->abi == DECODE_ABI_I386 ? 3 : 2;

	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	print_offset(d, 1);
	decode_sep(d);
	decode_print_arg_ulong(d, next);
	decode_sep(d);
	decode_print_xval(d, &xlat_fadvise_advice, decode_arg_uint(d, next + 1), "POSIX_FADV_???");
	return DECODE_RVAL_DECODED;
}
