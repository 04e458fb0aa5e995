/*
 * decode-process.c: process life — execve, clone, clone3, exit, wait4,
 * waitid, kill family, prctl, arch_prctl, unshare.
 */
#include <inttypes.h>
#include <string.h>
#include <linux/sched.h>
#include <linux/prctl.h>
#include <asm/prctl.h>
#include <sys/wait.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/*
 * The words of a pointer array (argv, envp), read a chunk at a time rather
 * than one read a word: 64 bytes first, then 512, never past the page the
 * chunk starts in (so that an unreadable next page fails only the words in
 * it).  An execve's 37 environment pointers took 38 process_vm_readv calls;
 * they take two.
 */
struct words {
	uint64_t start;
	size_t len, next;
	unsigned char buf[512];
};

static int array_word(struct decode_ctx *d, struct words *w, uint64_t addr, unsigned ws,
		      uint64_t *word)
{
	*word = 0;
	if (!addr)
		return -1;
	if (addr < w->start || addr - w->start > w->len || w->len - (addr - w->start) < ws) {
		size_t want = w->next ? w->next : 64, page_left = 4096 - (size_t)(addr & 4095);
		ssize_t n;

		w->next = sizeof(w->buf);
		if (want > page_left)
			want = page_left < ws ? ws : page_left;
		n = d->m->read(d->m, addr, w->buf, want);
		w->start = addr;
		w->len = n > 0 ? (size_t)n : 0;
		if (w->len < ws)
			return -1;
	}
	memcpy(word, w->buf + (addr - w->start), ws);
	return 0;
}

/* ["arg0", "arg1", ...]: at most -s strings (all with -v), each cut at -s. */
static void print_argv(struct decode_ctx *d, uint64_t addr)
{
	unsigned ws = decode_long_size(d), n;
	uint64_t prev = 0;
	struct words w = { 0 };

	if (!addr) {
		strbuf_addstr(d->out, "NULL");
		return;
	}
	for (n = 0;; prev = addr, addr += ws, n++) {
		uint64_t word = 0;

		if (addr < prev || array_word(d, &w, addr, ws, &word) < 0) {
			if (!n) {
				decode_print_addr(d, addr);
				return;
			}
			strbuf_addf(d->out, ", ... /* %#" PRIx64 " */", addr);
			break;
		}
		if (!n)
			strbuf_addch(d->out, '[');
		if (!word)
			break;
		if (n)
			decode_sep(d);
		if ((!d->o->verbose && n + 1 > d->o->string_limit) || !decode_line_room(d, 1)) {
			strbuf_addstr(d->out, "...");
			break;
		}
		decode_print_str(d, word);
	}
	strbuf_addch(d->out, ']');
}

/* The environment as strace shows it by default: its address and a comment
 * counting the variables. */
static void print_argc(struct decode_ctx *d, uint64_t addr)
{
	unsigned ws = decode_long_size(d), n;
	uint64_t prev = 0;
	struct words w = { 0 };

	if (d->o->verbose) {		/* -v: the variables themselves */
		print_argv(d, addr);
		return;
	}
	decode_print_addr(d, addr);
	if (!addr)
		return;
	for (n = 0; addr > prev; prev = addr, addr += ws, n++) {
		uint64_t word = 0;

		if (array_word(d, &w, addr, ws, &word) < 0) {
			if (!n)
				return;
			addr = 0;
			break;
		}
		if (!word)
			break;
	}
	strbuf_addf(d->out, " /* %u var%s%s */", n, n == 1 ? "" : "s",
		    addr < prev ? ", unterminated" : "");
}

unsigned decode_sys_execve(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	print_argv(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	print_argc(d, decode_arg_ulong(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_execveat(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	print_argv(d, decode_arg_ulong(d, 2));
	decode_sep(d);
	print_argc(d, decode_arg_ulong(d, 3));
	decode_sep(d);
	decode_print_flags(d, &xlat_at_flags, decode_arg_uint(d, 4), "AT_???");
	return DECODE_RVAL_DECODED;
}

/* exit(status), exit_group(status): no exit stop follows ("= ?"). */
unsigned decode_sys_exit(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	return DECODE_RVAL_DECODED | DECODE_RVAL_NONE;
}

/*
 * clone(flags, stack, parent_tid, child_tid, tls) on x86-64;
 * i386 passes tls before child_tid.
 */
unsigned decode_sys_clone(struct decode_ctx *d)
{
	uint64_t flags = decode_arg_ulong(d, 0) & ~(uint64_t)CSIGNAL;
	int i386 = d->c->abi == DECODE_ABI_I386;
	int arg_ctid = i386 ? 4 : 3, arg_tls = i386 ? 3 : 4;

	if (!d->exiting) {
		unsigned sig = decode_arg_ulong(d, 0) & CSIGNAL;

		strbuf_addstr(d->out, "child_stack=");
		decode_print_arg_addr(d, 1);
		strbuf_addstr(d->out, ", flags=");
		if (flags) {
			decode_print_flags(d, &xlat_clone_flags, flags, "CLONE_???");
			if (sig) {
				strbuf_addch(d->out, '|');
				decode_print_signo(d, sig);
			}
		} else {
			decode_print_signo(d, sig);
		}
		if (!(flags & (CLONE_PARENT_SETTID | CLONE_PIDFD | CLONE_CHILD_SETTID |
			       CLONE_CHILD_CLEARTID | CLONE_SETTLS)))
			return DECODE_RVAL_DECODED;
		return 0;
	}
	if (flags & (CLONE_PARENT_SETTID | CLONE_PIDFD)) {
		int v;

		strbuf_addstr(d->out, ", parent_tid=");
		if (!decode_fetch(d, decode_arg_ulong(d, 2), &v, sizeof(v)))
			strbuf_addf(d->out, "[%d]", v);
	}
	if (flags & CLONE_SETTLS) {
		strbuf_addstr(d->out, ", tls=");
		decode_print_arg_addr(d, arg_tls);
	}
	if (flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)) {
		strbuf_addstr(d->out, ", child_tidptr=");
		decode_print_arg_addr(d, arg_ctid);
	}
	return DECODE_RVAL_DECIMAL;
}

/* clone3(struct clone_args *args, size) */
unsigned decode_sys_clone3(struct decode_ctx *d)
{
	struct clone_args a;
	uint64_t size = decode_arg_ulong(d, 1);

	if (d->exiting) {
		/* strace shows the parent tid the kernel stored, if asked */
		if (!d->c->is_error && size >= CLONE_ARGS_SIZE_VER0 &&
		    !decode_read(d, decode_arg_ulong(d, 0), &a, CLONE_ARGS_SIZE_VER0) &&
		    (a.flags & CLONE_PARENT_SETTID)) {
			int v;

			strbuf_addstr(d->out, " => {parent_tid=");
			if (!decode_fetch(d, a.parent_tid, &v, sizeof(v)))
				strbuf_addf(d->out, "[%d]", v);
			strbuf_addch(d->out, '}');
		}
		strbuf_addf(d->out, ", %" PRIu64, size);
		return DECODE_RVAL_DECIMAL;
	}
	memset(&a, 0, sizeof(a));
	if (size < CLONE_ARGS_SIZE_VER0 ||
	    decode_fetch(d, decode_arg_ulong(d, 0), &a,
			 size < sizeof(a) ? (size_t)size : sizeof(a))) {
		if (size < CLONE_ARGS_SIZE_VER0)
			decode_print_arg_addr(d, 0);
		strbuf_addf(d->out, ", %" PRIu64, size);
		return DECODE_RVAL_DECODED;
	}
	strbuf_addstr(d->out, "{flags=");
	decode_print_flags(d, &xlat_clone3_flags, a.flags, "CLONE_???");
	if (a.flags & CLONE_PIDFD)
		strbuf_addf(d->out, ", pidfd=%#" PRIx64, (uint64_t)a.pidfd);
	if (a.flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID))
		strbuf_addf(d->out, ", child_tid=%#" PRIx64, (uint64_t)a.child_tid);
	if (a.flags & CLONE_PARENT_SETTID)
		strbuf_addf(d->out, ", parent_tid=%#" PRIx64, (uint64_t)a.parent_tid);
	strbuf_addstr(d->out, ", exit_signal=");
	decode_print_signo(d, (int)a.exit_signal);
	strbuf_addstr(d->out, ", stack=");
	decode_print_addr(d, a.stack);
	strbuf_addf(d->out, ", stack_size=%#" PRIx64, (uint64_t)a.stack_size);
	if (a.flags & CLONE_SETTLS)
		strbuf_addf(d->out, ", tls=%#" PRIx64, (uint64_t)a.tls);
	strbuf_addch(d->out, '}');
	return 0;
}

/* A wait status: [{WIFEXITED(s) && WEXITSTATUS(s) == 0}] */
static void print_wait_status(struct decode_ctx *d, int status)
{
	char buf[32];

	strbuf_addstr(d->out, "[{");
	if (WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status);

		strbuf_addf(d->out, "WIFSTOPPED(s) && WSTOPSIG(s) == %s%s}",
			    decode_signal_name(sig & 0x7f, buf, sizeof(buf)),
			    sig & 0x80 ? " | 0x80" : "");
		status &= ~0xffff;
	} else if (WIFSIGNALED(status)) {
		strbuf_addf(d->out, "WIFSIGNALED(s) && WTERMSIG(s) == %s%s}",
			    decode_signal_name(WTERMSIG(status), buf, sizeof(buf)),
			    WCOREDUMP(status) ? " && WCOREDUMP(s)" : "");
		status &= ~0xff;
	} else if (WIFEXITED(status)) {
		strbuf_addf(d->out, "WIFEXITED(s) && WEXITSTATUS(s) == %d}",
			    WEXITSTATUS(status));
		status &= ~0xff00;
	} else if (WIFCONTINUED(status)) {
		strbuf_addstr(d->out, "WIFCONTINUED(s)}");
		status &= ~0xffff;
	} else {
		strbuf_setlen(d->out, d->out->len - 1);
		strbuf_addf(d->out, "%#x]", (unsigned)status);
		return;
	}
	if (status)
		strbuf_addf(d->out, " | %#x", (unsigned)status);
	strbuf_addch(d->out, ']');
}

/* struct rusage, abbreviated: {ru_utime={...}, ru_stime={...}, ...} */
void decode_print_rusage(struct decode_ctx *d, uint64_t addr)
{
	struct { int64_t sec, usec; } t[2];

	if (d->c->abi != DECODE_ABI_X86_64) {
		decode_print_addr(d, addr);
		return;
	}
	if (decode_fetch(d, addr, t, sizeof(t)))
		return;
	strbuf_addf(d->out, "{ru_utime={tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}, "
		    "ru_stime={tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}, ...}",
		    t[0].sec, t[0].usec, t[1].sec, t[1].usec);
}

unsigned decode_sys_wait4(struct decode_ctx *d)
{
	int status;

	if (!d->exiting) {
		decode_print_arg_int(d, 0);
		decode_sep(d);
		return 0;
	}
	if (d->c->rval == 0)
		decode_print_arg_addr(d, 1);
	else if (!decode_fetch(d, decode_arg_ulong(d, 1), &status, sizeof(status)))
		print_wait_status(d, status);
	decode_sep(d);
	decode_print_flags(d, &xlat_wait4_options, decode_arg_uint(d, 2), "W???");
	decode_sep(d);
	if (d->c->rval > 0)
		decode_print_rusage(d, decode_arg_ulong(d, 3));
	else
		decode_print_arg_addr(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_waitid(struct decode_ctx *d)
{
	siginfo_t si;

	if (!d->exiting) {
		decode_print_xval(d, &xlat_waitid_types, decode_arg_uint(d, 0), "P_???");
		decode_sep(d);
		decode_print_arg_int(d, 1);
		decode_sep(d);
		return 0;
	}
	if (d->c->abi == DECODE_ABI_I386)
		decode_print_arg_addr(d, 2);
	else if (!decode_fetch(d, decode_arg_ulong(d, 2), &si, sizeof(si)))
		decode_print_siginfo_struct(d, &si);
	decode_sep(d);
	decode_print_flags(d, &xlat_wait4_options, decode_arg_uint(d, 3), "W???");
	decode_sep(d);
	decode_print_rusage(d, decode_arg_ulong(d, 4));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_kill(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	decode_sep(d);
	decode_print_signo(d, decode_arg_int(d, 1));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_tgkill(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	decode_sep(d);
	decode_print_arg_int(d, 1);
	decode_sep(d);
	decode_print_signo(d, decode_arg_int(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_unshare(struct decode_ctx *d)
{
	decode_print_flags(d, &xlat_unshare_flags, decode_arg_ulong(d, 0), "CLONE_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_prctl(struct decode_ctx *d)
{
	unsigned option = decode_arg_uint(d, 0);
	int i;

	if (d->exiting) {
		/* PR_GET_NAME: the name the kernel wrote */
		if (d->c->is_error)
			decode_print_arg_addr(d, 1);
		else
			decode_print_strz(d, decode_arg_ulong(d, 1), 16);
		return DECODE_RVAL_DECIMAL;
	}
	decode_print_xval(d, &xlat_prctl_options, option, "PR_???");
	switch (option) {
	case PR_SET_NAME:
		decode_sep(d);
		decode_print_strz(d, decode_arg_ulong(d, 1), 16);
		break;
	case PR_GET_NAME:
		decode_sep(d);
		return 0;
	case PR_SET_PDEATHSIG:
		decode_sep(d);
		decode_print_signo(d, decode_arg_int(d, 1));
		break;
	case PR_GET_DUMPABLE: case PR_GET_KEEPCAPS: case PR_GET_SECCOMP:
	case PR_GET_TIMERSLACK: case PR_GET_CHILD_SUBREAPER:
	case PR_GET_NO_NEW_PRIVS: case PR_GET_THP_DISABLE:
		break;
	case PR_SET_DUMPABLE: case PR_SET_KEEPCAPS: case PR_SET_CHILD_SUBREAPER:
	case PR_SET_TIMERSLACK:
		decode_sep(d);
		decode_print_arg_ulong(d, 1);
		break;
	case PR_SET_NO_NEW_PRIVS: case PR_SET_THP_DISABLE:
		for (i = 1; i < 5; i++) {
			decode_sep(d);
			decode_print_arg_ulong(d, i);
		}
		break;
	case PR_SET_PTRACER:
		decode_sep(d);
		if (decode_arg_long(d, 1) == -1)
			strbuf_addstr(d->out, "PR_SET_PTRACER_ANY");
		else
			decode_print_arg_int(d, 1);
		break;
	default:
		for (i = 1; i < 5; i++) {
			decode_sep(d);
			decode_print_arg_hex(d, i);
		}
		break;
	}
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_arch_prctl(struct decode_ctx *d)
{
	unsigned code = decode_arg_uint(d, 0);

	if (d->exiting) {
		uint64_t v;

		if (!decode_fetch(d, decode_arg_ulong(d, 1), &v, sizeof(v)))
			strbuf_addf(d->out, "[%#" PRIx64 "]", v);
		return DECODE_RVAL_DECIMAL;
	}
	decode_print_xval(d, &xlat_arch_prctl_codes, code, "ARCH_???");
	decode_sep(d);
	if (code == ARCH_GET_FS || code == ARCH_GET_GS)
		return 0;
	decode_print_arg_hex(d, 1);
	return DECODE_RVAL_DECODED;
}
