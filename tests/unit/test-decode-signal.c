/*
 * test-decode-signal: the signal syscalls — sigaction structs, sigsets
 * (and their inverted form), sigprocmask, sigaltstack, rt_sigreturn from
 * the stack pointer, sigtimedwait, sigqueueinfo.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/signalfd.h>
#include <ucontext.h>

#include "tap.h"
#include "decode-harness.h"

/* The kernel's struct sigaction on x86-64. */
struct ksigaction {
	uint64_t handler, flags, restorer, mask;
};

#define SA_RESTORER_BIT 0x04000000	/* the x86 ABI's value, for building input */

static uint64_t bit(int sig)
{
	return 1ULL << (sig - 1);
}

static void test_sigaction(void)
{
	struct ksigaction sa = { 0x401000, SA_RESTORER_BIT | SA_RESTART | SA_SIGINFO, 0x402000,
				 0 }, old = { 0, 0, 0, 0 };

	sa.mask = bit(SIGINT) | bit(SIGTERM);
	is_str(dec(0, SYS_rt_sigaction, SIGCHLD, &sa, &old, 8),
	       "rt_sigaction(SIGCHLD, {sa_handler=0x401000, sa_mask=[INT TERM], sa_flags=SA_RESTORER|SA_RESTART|SA_SIGINFO, "
	       "sa_restorer=0x402000}, {sa_handler=SIG_DFL, sa_mask=[], sa_flags=0}, 8) = 0", "rt_sigaction set, old default");
	sa.handler = 1;
	sa.flags = 0x100;
	sa.mask = 0;
	is_str(dec(0, SYS_rt_sigaction, SIGPIPE, &sa, NULL, 8),
	       "rt_sigaction(SIGPIPE, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0x100 /* SA_??? */}, NULL, 8) = 0", "SIG_IGN, unknown flag only");
	is_str(dec(-EINVAL, SYS_rt_sigaction, SIGKILL, &sa, &old, 8),
	       fmt("rt_sigaction(SIGKILL, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0x100 /* SA_??? */}, %p, 8) = -1 EINVAL (Invalid argument)",
		   (void *)&old), "failing: old as an address");
	is_str(dec(-EFAULT, SYS_rt_sigaction, SIGINT, harness_bad_addr(), NULL, 8),
	       fmt("rt_sigaction(SIGINT, %#llx, NULL, 8) = -1 EFAULT (Bad address)", (unsigned long long)harness_bad_addr()),
	       "unreadable act");
}

static void test_sigsets(void)
{
	uint64_t set = bit(SIGCHLD) | bit(32) | bit(40) | bit(64), all = ~0ULL, old = 0;

	is_str(dec(0, SYS_rt_sigprocmask, SIG_BLOCK, &set, &old, 8),
	       "rt_sigprocmask(SIG_BLOCK, [CHLD RTMIN RT_8 RT_32], [], 8) = 0", "names without SIG, real-time");
	all &= ~bit(SIGINT);
	is_str(dec(0, SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8),
	       "rt_sigprocmask(SIG_SETMASK, ~[INT], NULL, 8) = 0", "two thirds set: inverted");
	all = ~0ULL;
	is_str(dec(0, SYS_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8), "rt_sigprocmask(SIG_SETMASK, ~[], NULL, 8) = 0",
	       "full set: ~[]");
	is_str(dec(0, SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 4),
	       "rt_sigprocmask(SIG_UNBLOCK, [CHLD RTMIN], NULL, 4) = 0", "4-byte set: signals 1..32 only");
	is_str(dec(-EINVAL, SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 7),
	       fmt("rt_sigprocmask(SIG_BLOCK, %p, NULL, 7) = -1 EINVAL (Invalid argument)", (void *)&set),
	       "bad size: address");
	is_str(dec(-EINVAL, SYS_rt_sigprocmask, 9, NULL, NULL, 8),
	       "rt_sigprocmask(0x9 /* SIG_??? */, NULL, NULL, 8) = -1 EINVAL (Invalid argument)", "unknown how");
	is_str(dec(-514, SYS_rt_sigsuspend, &old, 8),
	       "rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)", "rt_sigsuspend");
	is_str(dec(0, SYS_rt_sigpending, &set, 8), "rt_sigpending([CHLD RTMIN RT_8 RT_32], 8) = 0", "rt_sigpending");
}

static void test_misc(void)
{
	struct { uint64_t sp; int32_t flags, pad; uint64_t size; } ss = { 0x7f0000010000, 0, 0, 16384 }, oss = { 0, 2, 0, 0 };
	ucontext_t uc;
	siginfo_t si;
	struct { int64_t s, ns; } ts = { 1, 500 };
	uint64_t set = bit(SIGUSR1);
	struct decode_call c = { 0 };

	is_str(dec(0, SYS_sigaltstack, &ss, &oss),
	       "sigaltstack({ss_sp=0x7f0000010000, ss_flags=0, ss_size=16384}, {ss_sp=NULL, ss_flags=SS_DISABLE, ss_size=0}) = 0",
	       "sigaltstack");
	is_str(dec(0, SYS_sigaltstack, NULL, NULL), "sigaltstack(NULL, NULL) = 0", "sigaltstack NULLs");

	/* rt_sigreturn: the mask in the ucontext at the stack pointer */
	memset(&uc, 0, sizeof(uc));
	sigemptyset(&uc.uc_sigmask);
	sigaddset(&uc.uc_sigmask, SIGUSR2);
	c.abi = DECODE_ABI_X86_64;
	c.nr = SYS_rt_sigreturn;
	c.sp = (uint64_t)(uintptr_t)&uc;
	strbuf_reset(&harness_line);
	decode_enter(&harness_opts, &harness_mem, &c, &harness_line);
	decode_exit(&harness_opts, &harness_mem, &c, &harness_line);
	is_str(harness_line.buf, "rt_sigreturn({mask=[USR2]}) = 0", "rt_sigreturn reads the frame's mask");
	is_str(dec(0, SYS_rt_sigreturn, 0), "rt_sigreturn() = 0", "rt_sigreturn without a stack pointer");

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = 5;
	si.si_value.sival_int = 9;
	is_str(dec(SIGUSR1, SYS_rt_sigtimedwait, &set, &si, &ts, 8),
	       "rt_sigtimedwait([USR1], {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=5, si_uid=0, si_int=9, si_ptr=0x9}, "
	       "{tv_sec=1, tv_nsec=500}, 8) = 10 (SIGUSR1)", "rt_sigtimedwait");
	is_str(dec(-EAGAIN, SYS_rt_sigtimedwait, &set, NULL, &ts, 8),
	       "rt_sigtimedwait([USR1], NULL, {tv_sec=1, tv_nsec=500}, 8) = -1 EAGAIN (Resource temporarily unavailable)",
	       "rt_sigtimedwait timeout");
	is_str(dec(0, SYS_rt_sigqueueinfo, 5, SIGUSR1, &si),
	       "rt_sigqueueinfo(5, SIGUSR1, {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=5, si_uid=0, si_int=9, si_ptr=0x9}) = 0",
	       "rt_sigqueueinfo");
	is_str(dec(3, SYS_signalfd4, -1, &set, 8, SFD_CLOEXEC),
	       "signalfd4(-1, [USR1], 8, SFD_CLOEXEC) = 3", "signalfd4");
}

int main(void)
{
	test_sigaction();
	test_sigsets();
	test_misc();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
