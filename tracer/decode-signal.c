/*
 * decode-signal.c: signal names and the siginfo of a signal-delivery-stop
 * ("--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---").
 */
#include <inttypes.h>
#include <linux/audit.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* The kernel's real-time signals on x86 are 32 .. 64 (glibc's SIGRTMIN is
 * higher: it keeps two for itself). */
#define KERNEL_SIGRTMIN 32
#define KERNEL_SIGRTMAX 64

const char *decode_signal_name(int sig, char *buf, size_t size)
{
	const char *name = sig > 0 ? xlat_name(&xlat_signals, sig) : NULL;

	if (name)
		return name;
	if (sig == KERNEL_SIGRTMIN)
		return "SIGRTMIN";
	if (sig > KERNEL_SIGRTMIN && sig <= KERNEL_SIGRTMAX)
		snprintf(buf, size, "SIGRT_%d", sig - KERNEL_SIGRTMIN);
	else
		snprintf(buf, size, "SIG%d", sig);
	return buf;
}

/* Append the name of sig, or its number when it has none (as strace). */
static void print_signo(struct strbuf *out, int sig)
{
	char buf[32];

	if (sig > 0 && sig <= KERNEL_SIGRTMAX)
		strbuf_addstr(out, decode_signal_name(sig, buf, sizeof(buf)));
	else
		strbuf_addf(out, "%d", sig);
}

void decode_print_signo(struct decode_ctx *d, int sig)
{
	struct strbuf abbrev, raw = STRBUF_INIT, *saved = decode_style_begin(d, &abbrev);

	strbuf_add_int(&raw, sig);
	print_signo(d->out, sig);
	decode_style_end(d, saved, &abbrev, raw.buf);
	strbuf_release(&raw);
}

/* The table of si_code names specific to a signal. */
static const struct xlat *si_codes_of(int sig)
{
	switch (sig) {
	case SIGCHLD: return &xlat_sigchld_codes;
	case SIGSEGV: return &xlat_sigsegv_codes;
	case SIGBUS: return &xlat_sigbus_codes;
	case SIGILL: return &xlat_sigill_codes;
	case SIGFPE: return &xlat_sigfpe_codes;
	case SIGTRAP: return &xlat_sigtrap_codes;
	case SIGIO: return &xlat_sigpoll_codes;
	case SIGSYS: return &xlat_sigsys_codes;
	default: return NULL;
	}
}

/* A clock_t in ticks, and in seconds as a comment when not 0. */
static void print_clock(struct strbuf *out, uint64_t ticks)
{
	static long tck;

	if (!tck)
		tck = sysconf(_SC_CLK_TCK);
	strbuf_addf(out, "%" PRIu64, ticks);
	if (ticks && tck > 0) {
		int width = 0;
		long t;

		for (t = tck; t > 1 && width < 9; t /= 10)
			width++;
		strbuf_addf(out, " /* %" PRIu64 ".%0*" PRIu64 " s */", ticks / tck, width,
			    ticks % tck);
	}
}

static void print_ptr(struct strbuf *out, const void *p)
{
	if (p)
		strbuf_addf(out, "%#" PRIxPTR, (uintptr_t)p);
	else
		strbuf_addstr(out, "NULL");
}

static void print_source(struct strbuf *out, const siginfo_t *si)
{
	strbuf_addf(out, ", si_pid=%d, si_uid=%u", (int)si->si_pid,
		    (unsigned)si->si_uid);
}

static void print_value(struct strbuf *out, const siginfo_t *si)
{
	strbuf_addf(out, ", si_int=%d, si_ptr=", si->si_value.sival_int);
	print_ptr(out, si->si_value.sival_ptr);
}

/* -X of the siginfo lines the engine prints (decode_siginfo()). */
static int siginfo_xlat = STRACE_XLAT_ABBREV;

void decode_siginfo_set_xlat(int xlat)
{
	siginfo_xlat = xlat;
}

/* A number printed as -X says: raw, its name (abbrev), or both. */
static void print_styled(struct strbuf *out, const char *raw, const char *name, int xlat)
{
	if (xlat == STRACE_XLAT_ABBREV && name) {
		strbuf_addstr(out, name);
		return;
	}
	strbuf_addstr(out, raw);
	if (xlat == STRACE_XLAT_VERBOSE && name)
		strbuf_addf(out, " /* %s */", name);
}

static void print_signo_x(struct strbuf *out, int sig, int xlat)
{
	struct strbuf name = STRBUF_INIT;
	char raw[16];

	print_signo(&name, sig);
	snprintf(raw, sizeof(raw), "%d", sig);
	print_styled(out, raw, name.buf, xlat);
	strbuf_release(&name);
}

static void print_code(struct strbuf *out, const siginfo_t *si, int xlat)
{
	const struct xlat *x = si_codes_of(si->si_signo);
	const char *name = xlat_name(&xlat_siginfo_codes,
				     (uint64_t)(int64_t)si->si_code);

	char raw[16];

	if (!name && x)
		name = xlat_name(x, (uint64_t)(int64_t)si->si_code);
	snprintf(raw, sizeof(raw), si->si_code ? "%#x" : "0", (unsigned)si->si_code);
	print_styled(out, raw, name, xlat);
}

/* The fields that follow si_code, depending on who sent the signal. */
static void print_fields(struct strbuf *out, const siginfo_t *si, int xlat)
{
	if (si->si_errno)
		strbuf_addf(out, ", si_errno=%d", si->si_errno);
	if (si->si_code <= 0) {		/* sent by a process */
		switch (si->si_code) {
		case SI_TIMER:
			strbuf_addf(out, ", si_timerid=%#x, si_overrun=%d",
				    (unsigned)si->si_timerid, si->si_overrun);
			print_value(out, si);
			break;
		case SI_SIGIO:
			strbuf_addf(out, ", si_band=%ld, si_fd=%d",
				    (long)si->si_band, si->si_fd);
			break;
		default:
			print_source(out, si);
			if (si->si_code != SI_USER && si->si_code != SI_TKILL &&
			    si->si_value.sival_ptr)
				print_value(out, si);
			break;
		}
		return;
	}
	switch (si->si_signo) {
	case SIGCHLD:
		print_source(out, si);
		strbuf_addstr(out, ", si_status=");
		if (si->si_code == CLD_EXITED)
			strbuf_addf(out, "%d", si->si_status);
		else
			print_signo_x(out, si->si_status, xlat);
		strbuf_addstr(out, ", si_utime=");
		print_clock(out, (uint64_t)si->si_utime);
		strbuf_addstr(out, ", si_stime=");
		print_clock(out, (uint64_t)si->si_stime);
		break;
	case SIGILL: case SIGFPE: case SIGBUS: case SIGSEGV: case SIGTRAP:
		strbuf_addstr(out, ", si_addr=");
		print_ptr(out, si->si_addr);
		break;
	case SIGIO:
		if (si->si_code >= POLL_IN && si->si_code <= POLL_HUP)
			strbuf_addf(out, ", si_band=%ld, si_fd=%d",
				    (long)si->si_band, si->si_fd);
		break;
	case SIGSYS: {
		char name[64];
		const char *arch;
		const struct decode_syscall_desc *desc =
			si->si_arch == AUDIT_ARCH_X86_64
			? decode_syscall(DECODE_ABI_X86_64, si->si_syscall) : NULL;

		strbuf_addstr(out, ", si_call_addr=");
		print_ptr(out, si->si_call_addr);
		if (desc)
			snprintf(name, sizeof(name), "__NR_%s", desc->name);
		else
			snprintf(name, sizeof(name), "%d", si->si_syscall);
		strbuf_addf(out, ", si_syscall=%s, si_arch=", name);
		arch = xlat_name(&xlat_audit_arch, si->si_arch);
		if (arch)
			strbuf_addstr(out, arch);
		else
			strbuf_addf(out, "%#x /* AUDIT_ARCH_??? */", si->si_arch);
		break;
	}
	default:
		if (si->si_pid || si->si_uid)
			print_source(out, si);
		if (si->si_value.sival_ptr)
			print_value(out, si);
		break;
	}
}

static void print_siginfo(struct strbuf *out, const siginfo_t *si, int xlat)
{
	strbuf_addch(out, '{');
	if (si->si_signo) {
		strbuf_addstr(out, "si_signo=");
		print_signo_x(out, si->si_signo, xlat);
		strbuf_addstr(out, ", si_code=");
		print_code(out, si, xlat);
		print_fields(out, si, xlat);
	}
	strbuf_addch(out, '}');
}

void decode_print_siginfo_struct(struct decode_ctx *d, const siginfo_t *si)
{
	print_siginfo(d->out, si, d->o->xlat);
}

void decode_siginfo(const siginfo_t *si, struct strbuf *out)
{
	strbuf_addstr(out, "--- ");
	print_signo(out, si->si_signo);
	strbuf_addch(out, ' ');
	print_siginfo(out, si, siginfo_xlat);
	strbuf_addstr(out, " ---");
}
