/*
 * test-decode: the dispatcher — syscall tables, raw arguments, return
 * values and errno names, signal names and siginfo lines.
 */
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>

#include "tap.h"
#include "decode-harness.h"

static void test_tables(void)
{
	const struct decode_syscall_desc *s;

	s = decode_syscall(DECODE_ABI_X86_64, SYS_read);
	ok(s && !strcmp(s->name, "read") && s->nargs == 3 &&
	   (s->classes & DECODE_CLASS_DESC), "x86_64 read: name, nargs, class");
	s = decode_syscall(DECODE_ABI_X86_64, SYS_openat);
	ok(s && (s->classes & DECODE_CLASS_FILE) && (s->classes & DECODE_CLASS_DESC),
	   "openat is %%file and %%desc");
	is_int(decode_syscall_lookup(DECODE_ABI_X86_64, "execve"), SYS_execve,
	       "lookup execve on x86_64");
	/* i386 numbers: read is 3, _llseek 140, pread64 takes 5 args. */
	s = decode_syscall(DECODE_ABI_I386, 3);
	ok(s && !strcmp(s->name, "read"), "i386 3 is read");
	is_int(decode_syscall_lookup(DECODE_ABI_I386, "pread64"), 180, "i386 pread64 is 180");
	s = decode_syscall(DECODE_ABI_I386, 180);
	ok(s && s->nargs == 5, "i386 pread64 has 5 args (split offset)");
	s = decode_syscall(DECODE_ABI_X32, 0x40000000L | 0);
	ok(s && !strcmp(s->name, "read"), "x32 read with __X32_SYSCALL_BIT");
	s = decode_syscall(DECODE_ABI_X32, 512);
	ok(s && !strcmp(s->name, "rt_sigaction"), "x32 512 is rt_sigaction");
	is_int(decode_syscall_lookup(DECODE_ABI_X32, "rt_sigaction"), 0x40000000L | 512,
	       "x32 lookup carries the bit");
	ok(decode_syscall(DECODE_ABI_X86_64, 100000) == NULL, "unknown nr");
	ok(decode_syscall(DECODE_ABI_X86_64, -1) == NULL, "negative nr");
	ok(decode_syscall_count(DECODE_ABI_X86_64) > SYS_execve, "x86_64 count");
	is_int(decode_syscall_lookup(DECODE_ABI_X86_64, "no_such_call"), -1, "lookup miss");
}

static void test_raw(void)
{
	/* A syscall without a decoder: hexadecimal arguments, 0 as "0". */
	is_str(dec(0, SYS_vhangup, 0), "vhangup() = 0", "no arguments");
	is_str(dec(-ENOSYS, 100000, 1, 0x20, 0, -1, 5, 6),
	       "syscall_0x186a0(0x1, 0x20, 0, 0xffffffffffffffff, 0x5, 0x6) = -1 ENOSYS (Function not implemented)",
	       "unknown syscall");
	is_str(dec(-EPERM, SYS_add_key, 1, 2, 3, 4, 5), "add_key(0x1, 0x2, 0x3, 0x4, 0x5) = -1 EPERM (Operation not permitted)",
	       "raw args and errno");
}

static void test_rval(void)
{
	is_str(dec(-512, SYS_vhangup, 0), "vhangup() = ? ERESTARTSYS (To be restarted if SA_RESTART is set)",
	       "ERESTARTSYS");
	is_str(dec(-513, SYS_vhangup, 0), "vhangup() = ? ERESTARTNOINTR (To be restarted)", "ERESTARTNOINTR");
	is_str(dec(-514, SYS_vhangup, 0), "vhangup() = ? ERESTARTNOHAND (To be restarted if no handler)",
	       "ERESTARTNOHAND");
	is_str(dec(-516, SYS_vhangup, 0), "vhangup() = ? ERESTART_RESTARTBLOCK (Interrupted by signal)",
	       "ERESTART_RESTARTBLOCK");
	is_str(dec(-4000, SYS_vhangup, 0), "vhangup() = -1 (errno 4000)", "unknown errno");
	is_str(dec(-524, SYS_vhangup, 0), "vhangup() = -1 ENOTSUPP (Unknown error 524)", "kernel-internal errno");
	is_str(dec(-EAGAIN, SYS_vhangup, 0), "vhangup() = -1 EAGAIN (Resource temporarily unavailable)",
	       "EAGAIN, not EWOULDBLOCK");
}

static void test_names(void)
{
	char buf[32];

	is_str(decode_errno_name(ENOENT), "ENOENT", "errno 2");
	is_str(decode_errno_name(EHWPOISON), "EHWPOISON", "last errno");
	ok(decode_errno_name(0) == NULL, "errno 0 has no name");
	ok(decode_errno_name(4000) == NULL, "errno 4000 has no name");
	is_str(decode_signal_name(SIGSEGV, buf, sizeof(buf)), "SIGSEGV", "SIGSEGV");
	is_str(decode_signal_name(SIGSYS, buf, sizeof(buf)), "SIGSYS", "SIGSYS");
	is_str(decode_signal_name(32, buf, sizeof(buf)), "SIGRTMIN", "32 is SIGRTMIN");
	is_str(decode_signal_name(40, buf, sizeof(buf)), "SIGRT_8", "40 is SIGRT_8");
	is_str(decode_signal_name(64, buf, sizeof(buf)), "SIGRT_32", "64 is SIGRT_32");
	is_str(decode_signal_name(65, buf, sizeof(buf)), "SIG65", "65 is unknown");
	is_str(decode_signal_name(0, buf, sizeof(buf)), "SIG0", "0 is unknown");
}

static const char *siginfo_line(const siginfo_t *si)
{
	strbuf_reset(&harness_line);
	decode_siginfo(si, &harness_line);
	return harness_line.buf;
}

static void test_siginfo(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 1234;
	si.si_uid = 1000;
	si.si_status = 3;
	is_str(siginfo_line(&si),
	       "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=1234, si_uid=1000, si_status=3, si_utime=0, si_stime=0} ---",
	       "SIGCHLD exited");
	si.si_code = CLD_KILLED;
	si.si_status = SIGKILL;
	is_str(siginfo_line(&si),
	       "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=1234, si_uid=1000, si_status=SIGKILL, si_utime=0, si_stime=0} ---",
	       "SIGCHLD killed");

	si.si_utime = 150;
	si.si_stime = 7;
	is_str(siginfo_line(&si),
	       "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=1234, si_uid=1000, si_status=SIGKILL, "
	       "si_utime=150 /* 1.50 s */, si_stime=7 /* 0.07 s */} ---", "clock ticks with seconds");

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGSEGV;
	si.si_code = SEGV_MAPERR;
	is_str(siginfo_line(&si), "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---",
	       "SIGSEGV at NULL");
	si.si_addr = (void *)0x1000;
	si.si_code = SEGV_ACCERR;
	is_str(siginfo_line(&si), "--- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_ACCERR, si_addr=0x1000} ---",
	       "SIGSEGV at 0x1000");

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_USER;
	si.si_pid = 42;
	si.si_uid = 0;
	is_str(siginfo_line(&si), "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=42, si_uid=0} ---",
	       "kill()");
	si.si_code = SI_TKILL;
	is_str(siginfo_line(&si), "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=42, si_uid=0} ---",
	       "tgkill()");
	si.si_code = SI_QUEUE;
	si.si_value.sival_int = 7;
	is_str(siginfo_line(&si),
	       "--- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=42, si_uid=0, si_int=7, si_ptr=0x7} ---",
	       "sigqueue()");

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGKILL;
	si.si_code = SI_KERNEL;
	is_str(siginfo_line(&si), "--- SIGKILL {si_signo=SIGKILL, si_code=SI_KERNEL} ---", "SI_KERNEL");

	memset(&si, 0, sizeof(si));
	si.si_signo = 40;
	si.si_code = SI_USER;
	si.si_pid = 5;
	is_str(siginfo_line(&si), "--- SIGRT_8 {si_signo=SIGRT_8, si_code=SI_USER, si_pid=5, si_uid=0} ---",
	       "real-time signal");
}

int main(void)
{
	test_tables();
	test_raw();
	test_rval();
	test_names();
	test_siginfo();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
