/*
 * decode-desc.c: file descriptor calls — close, dup family, fcntl, pipe,
 * flock.
 */
#include <inttypes.h>
#include <linux/fcntl.h>

#include "decode-priv.h"
#include "xlat-tables.h"

unsigned decode_sys_close(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	return DECODE_RVAL_DECODED;
}

/* close_range(first, last, flags): the bounds as unsigned numbers (as strace). */
unsigned decode_sys_close_range(struct decode_ctx *d)
{
	decode_print_arg_uint(d, 0);
	decode_sep(d);
	decode_print_arg_uint(d, 1);
	decode_sep(d);
	decode_print_flags(d, &xlat_close_range_flags, decode_arg_uint(d, 2), "CLOSE_RANGE_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_dup(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_dup2(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_fd(d, decode_arg_int(d, 1));
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_dup3(struct decode_ctx *d)
{
	decode_sys_dup2(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_dup3_flags, decode_arg_uint(d, 2), "O_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

static void print_flock(struct decode_ctx *d, uint64_t addr)
{
	struct flock64 fl;

	if (decode_fetch(d, addr, &fl, sizeof(fl)))
		return;
	strbuf_addstr(d->out, "{l_type=");
	decode_print_xval(d, &xlat_lock_types, (uint16_t)fl.l_type, "F_???");
	strbuf_addstr(d->out, ", l_whence=");
	decode_print_xval(d, &xlat_whence, (uint16_t)fl.l_whence, "SEEK_???");
	strbuf_addf(d->out, ", l_start=%" PRId64 ", l_len=%" PRId64 ", l_pid=%d}",
		    (int64_t)fl.l_start, (int64_t)fl.l_len, (int)fl.l_pid);
}

/* The return value's meaning after it, in names whatever -X says (as strace). */
static void aux_flags(struct decode_ctx *d, const char *prefix,
		      const struct xlat *x, uint64_t v)
{
	struct strbuf *save = d->out;
	const struct decode_opts *o = d->o;
	struct decode_opts abbrev = *o;

	if (!v)
		return;
	abbrev.xlat = STRACE_XLAT_ABBREV;
	d->o = &abbrev;
	d->out = &d->aux;
	strbuf_addstr(d->out, prefix);
	decode_print_flags(d, x, v, NULL);
	d->out = save;
	d->o = o;
}

/* fcntl's return value depends on the command: set it up at exit. */
static unsigned fcntl_rval(struct decode_ctx *d)
{
	int64_t r = d->c->rval;

	switch (decode_arg_uint(d, 1)) {
	case F_GETFD: {
		struct strbuf *save = d->out;

		/* styled by -X, unlike F_GETFL's (as strace) */
		if (r) {
			d->out = &d->aux;
			strbuf_addstr(d->out, "flags ");
			decode_print_flags(d, &xlat_fd_flags, (uint64_t)r, NULL);
			d->out = save;
		}
		return DECODE_RVAL_HEX;
	}
	case F_GETFL: {
		struct strbuf *save = d->out;
		const struct decode_opts *o = d->o;
		struct decode_opts abbrev = *o;

		abbrev.xlat = STRACE_XLAT_ABBREV;
		d->o = &abbrev;
		d->out = &d->aux;
		strbuf_addstr(d->out, "flags ");
		decode_print_open_flags(d, (uint64_t)r);
		d->out = save;
		d->o = o;
		return DECODE_RVAL_HEX;
	}
	case F_GETSIG:
		return DECODE_RVAL_SIGNAL;
	case F_GETLEASE:
		if (xlat_name(&xlat_lock_types, r))
			strbuf_addstr(&d->aux, xlat_name(&xlat_lock_types, r));
		return DECODE_RVAL_HEX;
	case F_GET_SEALS:
		aux_flags(d, "seals ", &xlat_seal_flags, r);
		return DECODE_RVAL_HEX;
	default:
		return DECODE_RVAL_DECIMAL;
	}
}

unsigned decode_sys_fcntl(struct decode_ctx *d)
{
	unsigned cmd = decode_arg_uint(d, 1);
	uint64_t arg = decode_arg_ulong(d, 2);

	if (d->exiting) {
		if (cmd == F_GETLK || cmd == F_OFD_GETLK)
			print_flock(d, arg);
		return fcntl_rval(d);
	}
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_xval(d, &xlat_fcntl_cmds, cmd, "F_???");
	switch (cmd) {
	case F_GETFD: case F_GETFL: case F_GETSIG: case F_GETLEASE:
	case F_GET_SEALS:
		return 0;	/* the return value is decoded at exit */
	case F_GETOWN: case F_GETPIPE_SZ:
		break;
	case F_DUPFD: case F_DUPFD_CLOEXEC:
		decode_sep(d);
		decode_print_arg_int(d, 2);
		return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
	case F_SETFD:
		decode_sep(d);
		decode_print_flags(d, &xlat_fd_flags, arg, "FD_???");
		break;
	case F_SETFL:
		decode_sep(d);
		decode_print_open_flags(d, (unsigned)arg);
		break;
	case F_SETOWN: case F_SETPIPE_SZ:
		decode_sep(d);
		decode_print_arg_int(d, 2);
		break;
	case F_SETSIG:
		decode_sep(d);
		decode_print_signo(d, (int)arg);
		break;
	case F_SETLEASE:
		decode_sep(d);
		decode_print_xval(d, &xlat_lock_types, arg, "F_???");
		break;
	case F_NOTIFY:
		decode_sep(d);
		decode_print_flags(d, &xlat_notify_flags, arg, "DN_???");
		break;
	case F_ADD_SEALS:
		decode_sep(d);
		decode_print_flags(d, &xlat_seal_flags, arg, "F_SEAL_???");
		break;
	case F_SETLK: case F_SETLKW: case F_OFD_SETLK: case F_OFD_SETLKW:
		decode_sep(d);
		print_flock(d, arg);
		break;
	case F_GETLK: case F_OFD_GETLK:
		decode_sep(d);
		print_flock(d, arg);
		strbuf_addstr(d->out, " => ");
		return 0;
	default:
		decode_sep(d);
		strbuf_addf(d->out, "%#" PRIx64, arg);
		break;
	}
	return DECODE_RVAL_DECODED;
}

/* pipe(fds), pipe2(fds, flags): the two new fds at exit. */
static void print_pipe_fds(struct decode_ctx *d)
{
	int fds[2];

	if (decode_fetch(d, decode_arg_ulong(d, 0), fds, sizeof(fds)))
		return;
	strbuf_addch(d->out, '[');
	decode_print_fd(d, fds[0]);
	decode_sep(d);
	decode_print_fd(d, fds[1]);
	strbuf_addch(d->out, ']');
}

unsigned decode_sys_pipe(struct decode_ctx *d)
{
	if (!d->exiting)
		return 0;
	print_pipe_fds(d);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_pipe2(struct decode_ctx *d)
{
	if (!d->exiting)
		return 0;
	print_pipe_fds(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_pipe_flags, decode_arg_uint(d, 1), "O_???");
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_flock(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_flags(d, &xlat_flock_ops, decode_arg_uint(d, 1), "LOCK_???");
	return DECODE_RVAL_DECODED;
}

/* memfd_create(name, flags): the name is at most 249 bytes, -s applies */
unsigned decode_sys_memfd_create(struct decode_ctx *d)
{
	decode_print_str(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_flags(d, &xlat_memfd_flags, decode_arg_uint(d, 1), "MFD_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_inotify_init1(struct decode_ctx *d)
{
	decode_print_flags(d, &xlat_inotify_flags, decode_arg_uint(d, 0), "IN_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}
