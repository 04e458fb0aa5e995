/*
 * decode-futex.c: futex(2), its arguments depending on the command.
 */
#include <inttypes.h>
#include <linux/futex.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* FUTEX_WAIT_PRIVATE, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME */
static void print_op(struct decode_ctx *d, unsigned op)
{
	unsigned cmd = op & FUTEX_CMD_MASK;
	const char *name = xlat_name(&xlat_futex_ops, cmd);
	unsigned rest = op & ~(FUTEX_CMD_MASK | FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	int clock_ok = cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET ||
		       cmd == FUTEX_WAIT_REQUEUE_PI || cmd == FUTEX_LOCK_PI2;

	if (d->o->xlat != STRACE_XLAT_ABBREV && name && !rest &&
	    (!(op & FUTEX_CLOCK_REALTIME) || clock_ok)) {
		struct strbuf raw = STRBUF_INIT, names = STRBUF_INIT;

		strbuf_add_hex(&raw, op);
		strbuf_addf(&names, "%s%s%s", name, op & FUTEX_PRIVATE_FLAG ? "_PRIVATE" : "",
			    op & FUTEX_CLOCK_REALTIME ? "|FUTEX_CLOCK_REALTIME" : "");
		decode_print_styled(d, raw.buf, names.buf);
		strbuf_release(&raw);
		strbuf_release(&names);
		return;
	}
	if (!name || rest || ((op & FUTEX_CLOCK_REALTIME) && !clock_ok)) {
		strbuf_addf(d->out, "%#x", op);
		if (d->o->xlat != STRACE_XLAT_RAW)
			decode_print_comment(d, "FUTEX_???");
		return;
	}
	strbuf_addstr(d->out, name);
	if (op & FUTEX_PRIVATE_FLAG)
		strbuf_addstr(d->out, "_PRIVATE");
	if (op & FUTEX_CLOCK_REALTIME)
		strbuf_addstr(d->out, "|FUTEX_CLOCK_REALTIME");
}

static void print_timeout(struct decode_ctx *d)
{
	if (decode_arg_ulong(d, 3))
		decode_print_timespec(d, decode_arg_ulong(d, 3));
	else
		strbuf_addstr(d->out, "NULL");
}

/*
 * val3 of FUTEX_WAKE_OP: op<<28|oparg<<12|cmp<<24|cmparg.  Under -X raw
 * strace 6.1 prints the op and the comparison as numbers marked unknown
 * (FUTEX_OP_???, FUTEX_OP_CMP_???); so does this.
 */
static void print_wake_op(struct decode_ctx *d, unsigned v)
{
	const char *name;

	if ((v >> 28) & FUTEX_OP_OPARG_SHIFT)
		strbuf_addstr(d->out, "FUTEX_OP_OPARG_SHIFT<<28|");
	name = xlat_name(&xlat_futex_wake_ops, (v >> 28) & 7);
	if (name && d->o->xlat == STRACE_XLAT_ABBREV)
		strbuf_addf(d->out, "%s<<28", name);
	else if (name && d->o->xlat == STRACE_XLAT_VERBOSE)
		strbuf_addf(d->out, "%#x /* %s */<<28", (v >> 28) & 7, name);
	else
		strbuf_addf(d->out, "%#x<<28 /* FUTEX_OP_??? */", (v >> 28) & 7);
	strbuf_addf(d->out, "|%#x<<12|", (v >> 12) & 0xfff);
	name = xlat_name(&xlat_futex_wake_cmps, (v >> 24) & 0xf);
	if (name && d->o->xlat == STRACE_XLAT_ABBREV)
		strbuf_addf(d->out, "%s<<24", name);
	else if (name && d->o->xlat == STRACE_XLAT_VERBOSE)
		strbuf_addf(d->out, "%#x /* %s */<<24", (v >> 24) & 0xf, name);
	else
		strbuf_addf(d->out, "%#x<<24 /* FUTEX_OP_CMP_??? */", (v >> 24) & 0xf);
	strbuf_addf(d->out, "|%#x", v & 0xfff);
}

unsigned decode_sys_futex(struct decode_ctx *d)
{
	unsigned op = decode_arg_uint(d, 1), cmd = op & FUTEX_CMD_MASK;
	unsigned val = decode_arg_uint(d, 2), val2 = decode_arg_uint(d, 3);
	unsigned val3 = decode_arg_uint(d, 5);

	decode_print_arg_addr(d, 0);
	decode_sep(d);
	print_op(d, op);
	switch (cmd) {
	case FUTEX_WAIT:
		strbuf_addf(d->out, ", %u, ", val);
		print_timeout(d);
		break;
	case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2:
		decode_sep(d);
		print_timeout(d);
		break;
	case FUTEX_WAIT_BITSET:
		strbuf_addf(d->out, ", %u, ", val);
		print_timeout(d);
		decode_sep(d);
		decode_print_xval(d, &xlat_futex_bitset, val3, NULL);
		break;
	case FUTEX_WAKE_BITSET:
		strbuf_addf(d->out, ", %u, ", val);
		decode_print_xval(d, &xlat_futex_bitset, val3, NULL);
		break;
	case FUTEX_REQUEUE:
		strbuf_addf(d->out, ", %u, %u, ", val, val2);
		decode_print_arg_addr(d, 4);
		break;
	case FUTEX_CMP_REQUEUE: case FUTEX_CMP_REQUEUE_PI:
		strbuf_addf(d->out, ", %u, %u, ", val, val2);
		decode_print_arg_addr(d, 4);
		strbuf_addf(d->out, ", %u", val3);
		break;
	case FUTEX_WAKE_OP:
		strbuf_addf(d->out, ", %u, %u, ", val, val2);
		decode_print_arg_addr(d, 4);
		decode_sep(d);
		print_wake_op(d, val3);
		break;
	case FUTEX_WAIT_REQUEUE_PI:
		strbuf_addf(d->out, ", %u, ", val);
		print_timeout(d);
		decode_sep(d);
		decode_print_arg_addr(d, 4);
		break;
	case FUTEX_FD: case FUTEX_WAKE:
		strbuf_addf(d->out, ", %u", val);
		break;
	case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI:
		break;
	default:
		strbuf_addf(d->out, ", %u, ", val);
		decode_print_arg_addr(d, 3);
		decode_sep(d);
		decode_print_arg_addr(d, 4);
		strbuf_addf(d->out, ", %#x", val3);
		break;
	}
	return DECODE_RVAL_DECODED;
}

/* set_robust_list lives in decode-resource.c; get_robust_list: */
unsigned decode_sys_get_robust_list(struct decode_ctx *d)
{
	uint64_t v = 0;

	if (!d->exiting) {
		decode_print_arg_int(d, 0);
		decode_sep(d);
		return 0;
	}
	if (!decode_fetch(d, decode_arg_ulong(d, 1), &v, decode_long_size(d)))
		strbuf_addf(d->out, "[%#" PRIx64 "]", v);
	decode_sep(d);
	if (!decode_fetch(d, decode_arg_ulong(d, 2), &v, decode_long_size(d)))
		strbuf_addf(d->out, "[%" PRIu64 "]", v);
	return DECODE_RVAL_DECIMAL;
}
