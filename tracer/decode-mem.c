/*
 * decode-mem.c: memory mapping — mmap, munmap, mprotect, brk, madvise,
 * mremap, msync, mlock family, mincore.
 */
#include <inttypes.h>
#include <linux/mman.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* MAP_HUGE_SHIFT / MAP_HUGE_MASK come from <asm-generic/hugetlb_encode.h>
 * through <linux/mman.h>. */
static void print_mmap_flags(struct decode_ctx *d, uint64_t flags)
{
	uint64_t huge = flags & ((uint64_t)MAP_HUGE_MASK << MAP_HUGE_SHIFT);
	struct strbuf abbrev, raw = STRBUF_INIT, *saved;

	/* -X raw, verbose: one number; abbrev: the type, then the flags */
	if (d->o->xlat != STRACE_XLAT_ABBREV) {
		struct decode_opts o = *d->o;
		const struct decode_opts *old = d->o;

		strbuf_add_hex(&raw, flags);
		saved = decode_style_begin(d, &abbrev);
		o.xlat = STRACE_XLAT_ABBREV;
		d->o = &o;
		print_mmap_flags(d, flags);
		d->o = old;
		decode_style_end(d, saved, &abbrev, raw.buf);
		strbuf_release(&raw);
		return;
	}
	flags &= ~huge;
	decode_print_xval(d, &xlat_mmap_types, flags & MAP_TYPE, "MAP_???");
	flags &= ~(uint64_t)MAP_TYPE;
	if (flags) {
		strbuf_addch(d->out, '|');
		decode_print_flags(d, &xlat_mmap_flags, flags, NULL);
	}
	if (huge)
		strbuf_addf(d->out, "|%" PRIu64 "<<MAP_HUGE_SHIFT", huge >> MAP_HUGE_SHIFT);
}

void decode_print_prot(struct decode_ctx *d, uint64_t prot)
{
	decode_print_flags(d, &xlat_mmap_prot, prot, "PROT_???");
}

/* addr, len, prot, flags, fd, offset (a[5] in bytes, or pages if shift) */
static void print_mmap_args(struct decode_ctx *d, const uint64_t *a, int shift)
{
	decode_print_addr(d, a[0]);
	strbuf_addf(d->out, ", %" PRIu64 ", ", a[1]);
	decode_print_prot(d, (unsigned)a[2]);
	decode_sep(d);
	print_mmap_flags(d, (unsigned)a[3]);
	decode_sep(d);
	decode_print_fd(d, (int)a[4]);
	strbuf_addf(d->out, ", %#" PRIx64, a[5] << shift);
}

static void long_args(const struct decode_ctx *d, uint64_t *a)
{
	int i;

	for (i = 0; i < 6; i++)
		a[i] = decode_arg_ulong(d, i);
}

unsigned decode_sys_mmap(struct decode_ctx *d)
{
	uint64_t a[6];

	if (d->c->abi == DECODE_ABI_I386) {
		/* old_mmap: one pointer to the six arguments */
		uint32_t a32[6];
		int i;

		if (decode_fetch(d, decode_arg_ulong(d, 0), a32, sizeof(a32)))
			return DECODE_RVAL_DECODED | DECODE_RVAL_HEX;
		for (i = 0; i < 6; i++)
			a[i] = a32[i];
	} else {
		long_args(d, a);
	}
	print_mmap_args(d, a, 0);
	return DECODE_RVAL_DECODED | DECODE_RVAL_HEX;
}

/* mmap2: the offset is in 4096-byte pages */
unsigned decode_sys_mmap2(struct decode_ctx *d)
{
	uint64_t a[6];

	long_args(d, a);
	print_mmap_args(d, a, 12);
	return DECODE_RVAL_DECODED | DECODE_RVAL_HEX;
}

/* addr, len */
unsigned decode_sys_munmap(struct decode_ctx *d)
{
	decode_print_arg_addr(d, 0);
	decode_sep(d);
	decode_print_arg_ulong(d, 1);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_mprotect(struct decode_ctx *d)
{
	decode_sys_munmap(d);
	decode_sep(d);
	decode_print_prot(d, decode_arg_uint(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_pkey_mprotect(struct decode_ctx *d)
{
	decode_sys_mprotect(d);
	decode_sep(d);
	decode_print_arg_int(d, 3);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_brk(struct decode_ctx *d)
{
	decode_print_arg_addr(d, 0);
	return DECODE_RVAL_DECODED | DECODE_RVAL_HEX;
}

unsigned decode_sys_madvise(struct decode_ctx *d)
{
	decode_sys_munmap(d);
	decode_sep(d);
	decode_print_xval(d, &xlat_madvise_cmds, decode_arg_uint(d, 2), "MADV_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_mremap(struct decode_ctx *d)
{
	unsigned flags = decode_arg_uint(d, 3);

	decode_sys_munmap(d);
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	decode_sep(d);
	decode_print_flags(d, &xlat_mremap_flags, flags, "MREMAP_???");
	if (flags & MREMAP_FIXED) {
		decode_sep(d);
		decode_print_arg_addr(d, 4);
	}
	return DECODE_RVAL_DECODED | DECODE_RVAL_HEX;
}

unsigned decode_sys_msync(struct decode_ctx *d)
{
	decode_sys_munmap(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_msync_flags, decode_arg_uint(d, 2), "MS_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_mlock2(struct decode_ctx *d)
{
	decode_sys_munmap(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_mlock_flags, decode_arg_uint(d, 2), "MLOCK_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_mlockall(struct decode_ctx *d)
{
	decode_print_flags(d, &xlat_mlockall_flags, decode_arg_uint(d, 0), "MCL_???");
	return DECODE_RVAL_DECODED;
}
