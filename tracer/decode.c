/*
 * decode.c: the dispatcher — syscall tables by ABI, "name(" ... ") = rval"
 * around each decoder, return values and errno names.
 */
#include <inttypes.h>
#include <string.h>

#include "decode-priv.h"
#include "xlat-tables.h"

static const struct decode_sysent *table_of(enum decode_abi abi, long *count)
{
	switch (abi) {
	case DECODE_ABI_X86_64:
		*count = decode_sysent_x86_64_count;
		return decode_sysent_x86_64;
	case DECODE_ABI_I386:
		*count = decode_sysent_i386_count;
		return decode_sysent_i386;
	case DECODE_ABI_X32:
		*count = decode_sysent_x32_count;
		return decode_sysent_x32;
	default:
		*count = 0;
		return NULL;
	}
}

/* x32 numbers carry __X32_SYSCALL_BIT; the table is indexed without it. */
static long table_index(enum decode_abi abi, long nr)
{
	if (abi == DECODE_ABI_X32)
		return nr & ~0x40000000L;
	return nr;
}

static const struct decode_sysent *sysent_of(enum decode_abi abi, long nr)
{
	long count;
	const struct decode_sysent *t = table_of(abi, &count);

	nr = table_index(abi, nr);
	if (!t || nr < 0 || nr >= count || !t[nr].desc.name)
		return NULL;
	return &t[nr];
}

const struct decode_syscall_desc *decode_syscall(enum decode_abi abi, long nr)
{
	const struct decode_sysent *e = sysent_of(abi, nr);

	return e ? &e->desc : NULL;
}

long decode_syscall_count(enum decode_abi abi)
{
	long count;

	table_of(abi, &count);
	return count;
}

long decode_syscall_lookup(enum decode_abi abi, const char *name)
{
	long count, i;
	const struct decode_sysent *t = table_of(abi, &count);

	for (i = 0; i < count; i++)
		if (t[i].desc.name && !strcmp(t[i].desc.name, name))
			return abi == DECODE_ABI_X32 ? i | 0x40000000L : i;
	return -1;
}

const char *decode_errno_name(int err)
{
	return err > 0 ? xlat_name(&xlat_errnos, (uint64_t)err) : NULL;
}

/*
 * State the dispatcher keeps in scratch[3] between the two stops: the
 * DECODE_RVAL_* the entry call returned, and whether it was called.
 */
#define STATE_ENTERED (1u << 8)

static void ctx_init(struct decode_ctx *d, const struct decode_opts *o,
		     struct decode_mem *m, struct decode_call *c,
		     struct strbuf *out, int exiting)
{
	d->o = o;
	d->m = m;
	d->c = c;
	d->out = out;
	d->exiting = exiting;
	strbuf_init(&d->aux, 0);
}

static unsigned decode_raw(struct decode_ctx *d)
{
	decode_print_raw_args(d, 0);
	return DECODE_RVAL_DECODED;
}

void decode_enter(const struct decode_opts *o, struct decode_mem *m,
		  struct decode_call *c, struct strbuf *out)
{
	const struct decode_sysent *e = sysent_of(c->abi, c->nr);
	struct decode_ctx d;
	unsigned rv;

	ctx_init(&d, o, m, c, out, 0);
	if (e) {
		strbuf_addstr(out, e->desc.name);
		strbuf_addch(out, '(');
	} else
		strbuf_addf(out, "syscall_%#lx(", (unsigned long)c->nr);
	rv = e && e->decode ? e->decode(&d) : decode_raw(&d);
	c->scratch[3] = rv | STATE_ENTERED;
	strbuf_release(&d.aux);
}

static void print_errno(struct strbuf *out, int err)
{
	const struct xlat_entry *e = err > 0 ? xlat_find(&xlat_errnos, err) : NULL;

	if (!e) {
		strbuf_addf(out, "-1 (errno %d)", err);
		return;
	}
	/* The kernel's restart codes never reach user space: strace shows
	 * them as "?" with what the kernel will do. */
	if (e->note && !strncmp(e->name, "ERESTART", 8))
		strbuf_addf(out, "? %s (%s)", e->name, e->note);
	else
		strbuf_addf(out, "-1 %s (%s)", e->name, strerror(err));
}

static void print_rval(struct decode_ctx *d, unsigned rv)
{
	int64_t r = d->c->rval;

	switch (rv & DECODE_RVAL_MASK) {
	case DECODE_RVAL_NONE:
		strbuf_addch(d->out, '?');
		return;
	case DECODE_RVAL_HEX:
		if (decode_long_size(d) == 4)
			strbuf_add_hex(d->out, (uint32_t)r);
		else
			strbuf_add_hex(d->out, (uint64_t)r);
		break;
	case DECODE_RVAL_OCTAL:
		strbuf_addf(d->out, "%#03" PRIo64, (uint64_t)r);
		break;
	case DECODE_RVAL_UDECIMAL:
		if (decode_long_size(d) == 4)
			strbuf_add_uint(d->out, (uint32_t)r);
		else
			strbuf_add_uint(d->out, (uint64_t)r);
		break;
	case DECODE_RVAL_SIGNAL: {
		char buf[32];

		strbuf_add_int(d->out, r);
		if (r > 0 && !d->aux.len)
			strbuf_addstr(&d->aux, decode_signal_name((int)r, buf, sizeof(buf)));
		break;
	}
	case DECODE_RVAL_FD:
		if (r >= 0 && r <= INT32_MAX)
			decode_print_fd(d, (int)r);
		else
			strbuf_add_int(d->out, r);
		break;
	default:
		strbuf_add_int(d->out, r);
		break;
	}
	if (d->aux.len)
		strbuf_addf(d->out, " (%s)", d->aux.buf);
}

size_t decode_exit(const struct decode_opts *o, struct decode_mem *m,
		   struct decode_call *c, struct strbuf *out)
{
	const struct decode_sysent *e = sysent_of(c->abi, c->nr);
	unsigned rv = (unsigned)c->scratch[3];
	struct decode_ctx d;
	size_t result_at;

	ctx_init(&d, o, m, c, out, 1);
	if (!(rv & STATE_ENTERED))
		rv = DECODE_RVAL_DECODED;	/* exit without enter: no args */
	if (!(rv & DECODE_RVAL_DECODED) && e && e->decode)
		rv = e->decode(&d);
	result_at = out->len;
	strbuf_addstr(out, ") = ");
	if (c->is_error && (rv & DECODE_RVAL_MASK) != DECODE_RVAL_NONE)
		print_errno(out, (int)-c->rval);
	else
		print_rval(&d, rv);
	strbuf_release(&d.aux);
	return result_at;
}
