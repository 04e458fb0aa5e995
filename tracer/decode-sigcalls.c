/*
 * decode-sigcalls.c: signal syscalls — rt_sigaction, rt_sigprocmask,
 * rt_sigsuspend, rt_sigpending, rt_sigtimedwait, rt_sigqueueinfo,
 * sigaltstack, signalfd4.
 */
#include <inttypes.h>
#include <stddef.h>
#include <string.h>
#include <ucontext.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* The kernel's sigset on x86 is 64 bits. */
#define KERNEL_NSIG_BYTES 8

/*
 * Signal n (1-based) without its "SIG" prefix, as in strace's sets; -X
 * raw: its number; verbose: both.
 */
static void print_set_member(struct strbuf *out, int n, int xlat)
{
	char buf[32];
	const char *name = decode_signal_name(n, buf, sizeof(buf));

	if (name[0] == 'S' && name[1] == 'I' && name[2] == 'G')
		name += 3;
	if (xlat == STRACE_XLAT_ABBREV) {
		strbuf_addstr(out, name);
		return;
	}
	strbuf_addf(out, "%d", n);
	if (xlat == STRACE_XLAT_VERBOSE)
		strbuf_addf(out, " /* %s */", name);
}

/* [INT TERM], or ~[...] when two thirds or more of the bits are set. */
static void print_sigset_bytes(struct strbuf *out, const unsigned char *set, size_t bytes,
			       int xlat)
{
	size_t words = (bytes + 3) / 4, nbits = words * 32, i, pop = 0;
	unsigned char m[KERNEL_NSIG_BYTES] = { 0 };
	const char *sep = "[";
	int invert;

	memcpy(m, set, bytes);
	for (i = 0; i < nbits; i++)
		pop += (m[i / 8] >> (i % 8)) & 1;
	invert = pop >= nbits * 2 / 3;
	if (invert)
		strbuf_addch(out, '~');
	for (i = 0; i < nbits; i++) {
		int bit = (m[i / 8] >> (i % 8)) & 1;

		if (bit != invert) {
			strbuf_addstr(out, sep);
			print_set_member(out, (int)i + 1, xlat);
			sep = " ";
		}
	}
	if (sep[0] == '[')
		strbuf_addch(out, '[');
	strbuf_addch(out, ']');
}

/* A sigset_t of len bytes at addr. */
void decode_print_sigset(struct decode_ctx *d, uint64_t addr, uint64_t len)
{
	unsigned char set[KERNEL_NSIG_BYTES];

	/* strace prints the address for sizes the kernel would refuse */
	if (!len || len > KERNEL_NSIG_BYTES || (len & (len - 1))) {
		decode_print_addr(d, addr);
		return;
	}
	if (decode_fetch(d, addr, set, (size_t)len))
		return;
	print_sigset_bytes(d->out, set, (size_t)len, d->o->xlat);
}

/* SA_RESTORER is in <asm/signal.h> only, which clashes with <signal.h>:
 * take its value from the generated table. */
static uint64_t sa_restorer_bit(void)
{
	const struct xlat_entry *e = xlat_find_name(&xlat_sigact_flags, "SA_RESTORER");

	return e ? e->val : 0;
}

static void print_handler(struct decode_ctx *d, uint64_t h)
{
	if (h == 0)
		decode_print_styled(d, "0", "SIG_DFL");
	else if (h == 1)
		decode_print_styled(d, "0x1", "SIG_IGN");
	else if (h == (decode_long_size(d) == 8 ? UINT64_MAX : UINT32_MAX))
		strbuf_addstr(d->out, "SIG_ERR");
	else
		strbuf_addf(d->out, "%#" PRIx64, h);
}

/* The kernel's struct sigaction: handler, flags, restorer, mask. */
static void print_sigaction(struct decode_ctx *d, uint64_t addr)
{
	uint64_t sa[4];
	uint32_t sa32[5];
	uint64_t handler, flags, restorer;
	unsigned char mask[KERNEL_NSIG_BYTES];

	if (d->c->abi == DECODE_ABI_I386) {
		/* handler, flags, restorer (4 bytes each), mask (8) */
		if (decode_fetch(d, addr, sa32, sizeof(sa32)))
			return;
		handler = sa32[0];
		flags = sa32[1];
		restorer = sa32[2];
		memcpy(mask, &sa32[3], sizeof(mask));
	} else {
		if (decode_fetch(d, addr, sa, sizeof(sa)))
			return;
		handler = sa[0];
		flags = sa[1];
		restorer = sa[2];
		memcpy(mask, &sa[3], sizeof(mask));
	}
	strbuf_addstr(d->out, "{sa_handler=");
	print_handler(d, handler);
	strbuf_addstr(d->out, ", sa_mask=");
	print_sigset_bytes(d->out, mask, sizeof(mask), d->o->xlat);
	strbuf_addstr(d->out, ", sa_flags=");
	decode_print_flags(d, &xlat_sigact_flags, flags, "SA_???");
	if (flags & sa_restorer_bit()) {
		strbuf_addstr(d->out, ", sa_restorer=");
		decode_print_addr(d, restorer);
	}
	strbuf_addch(d->out, '}');
}

unsigned decode_sys_rt_sigaction(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_signo(d, decode_arg_int(d, 0));
		decode_sep(d);
		if (decode_arg_ulong(d, 1))
			print_sigaction(d, decode_arg_ulong(d, 1));
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		return 0;
	}
	if (decode_arg_ulong(d, 2))
		print_sigaction(d, decode_arg_ulong(d, 2));
	else
		strbuf_addstr(d->out, "NULL");
	decode_sep(d);
	decode_print_arg_ulong(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_rt_sigprocmask(struct decode_ctx *d)
{
	uint64_t size = decode_arg_ulong(d, 3);

	if (!d->exiting) {
		decode_print_xval(d, &xlat_sigprocmask_cmds, decode_arg_uint(d, 0), "SIG_???");
		decode_sep(d);
		if (decode_arg_ulong(d, 1))
			decode_print_sigset(d, decode_arg_ulong(d, 1), size);
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		return 0;
	}
	if (decode_arg_ulong(d, 2))
		decode_print_sigset(d, decode_arg_ulong(d, 2), size);
	else
		strbuf_addstr(d->out, "NULL");
	strbuf_addf(d->out, ", %" PRIu64, size);
	return DECODE_RVAL_DECIMAL;
}

/* rt_sigsuspend(mask, size) */
unsigned decode_sys_rt_sigsuspend(struct decode_ctx *d)
{
	decode_print_sigset(d, decode_arg_ulong(d, 0), decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_arg_ulong(d, 1);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_rt_sigpending(struct decode_ctx *d)
{
	if (!d->exiting)
		return 0;
	decode_print_sigset(d, decode_arg_ulong(d, 0), decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_arg_ulong(d, 1);
	return DECODE_RVAL_DECIMAL;
}

static void print_siginfo_at(struct decode_ctx *d, uint64_t addr)
{
	siginfo_t si;

	if (!addr)
		strbuf_addstr(d->out, "NULL");
	else if (d->c->abi == DECODE_ABI_I386)
		decode_print_addr(d, addr);
	else if (!decode_fetch(d, addr, &si, sizeof(si)))
		decode_print_siginfo_struct(d, &si);
}

/*
 * rt_sigtimedwait(set, info, timeout, size): "= 17 (SIGCHLD)".  Without
 * info to show at exit, everything is printed at entry.
 */
unsigned decode_sys_rt_sigtimedwait(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_sigset(d, decode_arg_ulong(d, 0), decode_arg_ulong(d, 3));
		decode_sep(d);
		if (decode_arg_ulong(d, 1))
			return 0;
		strbuf_addstr(d->out, "NULL, ");
		decode_print_timespec_ex(d, decode_arg_ulong(d, 2), 0);
		decode_sep(d);
		decode_print_arg_ulong(d, 3);
		return DECODE_RVAL_DECODED | DECODE_RVAL_SIGNAL;
	}
	print_siginfo_at(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	/* the timeout is input only: still readable after a failure */
	decode_print_timespec_ex(d, decode_arg_ulong(d, 2), 1);
	decode_sep(d);
	decode_print_arg_ulong(d, 3);
	return DECODE_RVAL_SIGNAL;
}

unsigned decode_sys_rt_sigqueueinfo(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	decode_sep(d);
	decode_print_signo(d, decode_arg_int(d, 1));
	decode_sep(d);
	print_siginfo_at(d, decode_arg_ulong(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_rt_tgsigqueueinfo(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	decode_sep(d);
	decode_print_arg_int(d, 1);
	decode_sep(d);
	decode_print_signo(d, decode_arg_int(d, 2));
	decode_sep(d);
	print_siginfo_at(d, decode_arg_ulong(d, 3));
	return DECODE_RVAL_DECODED;
}

static void print_stack_t(struct decode_ctx *d, uint64_t addr)
{
	struct { uint64_t sp; int32_t flags; int32_t pad; uint64_t size; } ss;
	struct { uint32_t sp; int32_t flags; uint32_t size; } ss32;
	uint64_t sp, size;
	int flags;

	if (decode_long_size(d) == 4) {
		if (decode_fetch(d, addr, &ss32, sizeof(ss32)))
			return;
		sp = ss32.sp;
		flags = ss32.flags;
		size = ss32.size;
	} else {
		if (decode_fetch(d, addr, &ss, sizeof(ss)))
			return;
		sp = ss.sp;
		flags = ss.flags;
		size = ss.size;
	}
	strbuf_addstr(d->out, "{ss_sp=");
	decode_print_addr(d, sp);
	strbuf_addstr(d->out, ", ss_flags=");
	decode_print_flags(d, &xlat_sigaltstack_flags, (unsigned)flags, "SS_???");
	strbuf_addf(d->out, ", ss_size=%" PRIu64 "}", size);
}

unsigned decode_sys_sigaltstack(struct decode_ctx *d)
{
	if (!d->exiting) {
		if (decode_arg_ulong(d, 0))
			print_stack_t(d, decode_arg_ulong(d, 0));
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		return 0;
	}
	if (decode_arg_ulong(d, 1))
		print_stack_t(d, decode_arg_ulong(d, 1));
	else
		strbuf_addstr(d->out, "NULL");
	return DECODE_RVAL_DECIMAL;
}

/* signalfd4(fd, mask, size, flags) */
unsigned decode_sys_signalfd4(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_sigset(d, decode_arg_ulong(d, 1), decode_arg_ulong(d, 2));
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	decode_sep(d);
	decode_print_flags(d, &xlat_sfd_flags, decode_arg_uint(d, 3), "SFD_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

/*
 * rt_sigreturn(): the mask it restores, read from the signal frame at the
 * stack pointer (x86-64: struct ucontext, whose uc_sigmask follows the
 * 256-byte sigcontext).  Without the stack pointer: no arguments.
 */
unsigned decode_sys_rt_sigreturn(struct decode_ctx *d)
{
	unsigned char mask[KERNEL_NSIG_BYTES];

	if (d->c->abi != DECODE_ABI_X86_64 || !d->c->sp)
		return DECODE_RVAL_DECODED;
	strbuf_addstr(d->out, "{mask=");
	if (decode_read(d, d->c->sp + offsetof(ucontext_t, uc_sigmask), mask, sizeof(mask)) < 0)
		decode_print_addr(d, d->c->sp);
	else
		print_sigset_bytes(d->out, mask, sizeof(mask), d->o->xlat);
	strbuf_addch(d->out, '}');
	return DECODE_RVAL_DECODED;
}

/* restart_syscall(): the kernel resuming a call a signal interrupted.
 * strace names the interrupted call; the decoders do not keep it. */
unsigned decode_sys_restart_syscall(struct decode_ctx *d)
{
	strbuf_addstr(d->out, "<... resuming interrupted system call ...>");
	return DECODE_RVAL_DECODED;
}
