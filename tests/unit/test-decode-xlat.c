/*
 * test-decode-xlat: the generated tables — every listed name is defined
 * by the system headers (except the few Debian 12's headers predate),
 * values equal the headers' own, and every syscall the project promises
 * to decode has a decoder in the x86-64 table.
 */
#include <asm/mman.h>
#include <errno.h>
#include <linux/fcntl.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include "tap.h"
#include "decode-priv.h"
#include "xlat-tables.h"

/* Names newer than the linux-libc-dev of Debian 12: absent there. */
static const char *const may_be_missing[] = {
	"MFD_NOEXEC_SEAL", "MFD_EXEC", "SEGV_CPERR", NULL,
};

static int allowed_missing(const char *name)
{
	const char *const *p;

	for (p = may_be_missing; *p; p++)
		if (!strcmp(*p, name))
			return 1;
	return 0;
}

static void test_tables_complete(void)
{
	const struct xlat *const *x;
	int tables = 0;

	for (x = xlat_all; *x; x++) {
		size_t i, missing = 0;

		tables++;
		for (i = 0; i < (*x)->nlisted; i++) {
			if (xlat_find_name(*x, (*x)->listed[i]) || allowed_missing((*x)->listed[i]))
				continue;
			diag("%s: %s is not defined by the headers", (*x)->name, (*x)->listed[i]);
			missing++;
		}
		ok((*x)->n > 0 && !missing, "%s: %zu of %zu names defined", (*x)->name, (*x)->n, (*x)->nlisted);
	}
	ok(tables > 80, "%d tables generated", tables);
}

#define VAL(table, name) do { \
	const struct xlat_entry *e_ = xlat_find_name(&xlat_##table, #name); \
	ok(e_ && e_->val == (uint64_t)(name), #table ": " #name " has the header's value"); \
} while (0)

static void test_values(void)
{
	VAL(open_mode_flags, O_CLOEXEC);
	VAL(open_mode_flags, O_DIRECTORY);
	VAL(open_mode_flags, O_LARGEFILE);
	VAL(at_flags, AT_EMPTY_PATH);
	VAL(mmap_prot, PROT_EXEC);
	VAL(mmap_flags, MAP_ANONYMOUS);
	VAL(clone_flags, CLONE_THREAD);
	VAL(futex_ops, FUTEX_WAIT_BITSET);
	VAL(errnos, ENOENT);
	VAL(errnos, EHWPOISON);
	VAL(signals, SIGSYS);
	VAL(addrfams, AF_INET6);
	VAL(msg_flags, MSG_NOSIGNAL);
	/* the kernel's internal codes, which no header exports */
	ok(!strcmp(xlat_name(&xlat_errnos, 512), "ERESTARTSYS"), "512 is ERESTARTSYS");
	ok(!strcmp(xlat_name(&xlat_errnos, 516), "ERESTART_RESTARTBLOCK"), "516 is ERESTART_RESTARTBLOCK");
	/* aliases: the first name listed wins */
	ok(!strcmp(xlat_name(&xlat_errnos, EAGAIN), "EAGAIN"), "EAGAIN, not EWOULDBLOCK");
	ok(!strcmp(xlat_name(&xlat_errnos, EDEADLK), "EDEADLK"), "EDEADLK, not EDEADLOCK");
	ok(!strcmp(xlat_name(&xlat_errnos, EOPNOTSUPP), "EOPNOTSUPP"), "EOPNOTSUPP, not ENOTSUP");
}

/* The syscalls issue 3 names, all decoded (not printed raw). */
static const char *const promised[] = {
	"execve", "brk", "arch_prctl", "access", "openat", "newfstatat", "fstat", "stat", "lstat",
	"mmap", "mprotect", "munmap", "pread64", "read", "write", "close", "set_robust_list",
	"prlimit64", "getrandom", "readlink", "uname", "open", "creat", "pwrite64", "readv",
	"writev", "lseek", "dup", "dup2", "dup3", "fcntl", "ioctl", "getdents64", "statx",
	"faccessat", "unlink", "unlinkat", "rename", "renameat2", "mkdir", "mkdirat", "rmdir",
	"chdir", "getcwd", "readlinkat", "pipe", "pipe2", "poll", "ppoll", "select", "pselect6",
	"epoll_create1", "epoll_ctl", "epoll_wait", "epoll_pwait", "eventfd2", "madvise", "mremap",
	"clone", "clone3", "execveat", "exit", "exit_group", "wait4", "waitid", "kill", "tgkill",
	"prctl", "sched_getaffinity", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
	"sigaltstack", "rt_sigsuspend", "socket", "connect", "bind", "listen", "accept", "accept4",
	"sendto", "recvfrom", "sendmsg", "recvmsg", "shutdown", "getsockname", "getpeername",
	"setsockopt", "getsockopt", "socketpair", "clock_gettime", "clock_nanosleep", "nanosleep",
	"gettimeofday", "time", "futex", NULL,
};

/* ...and those strace prints with raw arguments too (no arguments, or
 * only numbers and addresses). */
static const char *const raw_is_right[] = {
	"fork", "vfork", "getpid", "getppid", "gettid", "getuid", "geteuid", "getgid", "getegid",
	"sched_yield", "set_tid_address", "rseq", NULL,
};

static void test_coverage(void)
{
	const char *const *p;
	int n = 0;

	for (p = promised; *p; p++, n++) {
		long nr = decode_syscall_lookup(DECODE_ABI_X86_64, *p);

		ok(nr >= 0 && decode_sysent_x86_64[nr].decode, "%s has a decoder", *p);
	}
	for (p = raw_is_right; *p; p++)
		ok(decode_syscall_lookup(DECODE_ABI_X86_64, *p) >= 0, "%s is known (printed raw, as strace)", *p);
	ok(n >= 70, "%d syscalls promised and decoded", n);
}

int main(void)
{
	test_tables_complete();
	test_values();
	test_coverage();
	done_testing();
	return exit_status();
}
