/*
 * test-decode-process: memory, process and resource decoders — mmap
 * family, execve's arrays, clone, wait status, prctl, limits, uname,
 * getrandom, affinity.
 */
#include <linux/sched.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/random.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <asm/prctl.h>

#include "tap.h"
#include "decode-harness.h"

static void test_mem(void)
{
	is_str(dec(0x55550000, SYS_brk, 0), "brk(NULL) = 0x55550000", "brk(NULL)");
	is_str(dec(0x55551000, SYS_brk, 0x55551000), "brk(0x55551000) = 0x55551000", "brk");
	is_str(dec(0, SYS_munmap, 0x7f0000000000, 4096), "munmap(0x7f0000000000, 4096) = 0", "munmap");
	is_str(dec(0, SYS_madvise, 0x1000, 4096, MADV_DONTNEED), "madvise(0x1000, 4096, MADV_DONTNEED) = 0", "madvise");
	is_str(dec(-EINVAL, SYS_madvise, 0x1000, 4096, 1000),
	       "madvise(0x1000, 4096, 0x3e8 /* MADV_??? */) = -1 EINVAL (Invalid argument)", "madvise unknown");
	is_str(dec(0x2000, SYS_mremap, 0x1000, 4096, 8192, MREMAP_MAYMOVE | MREMAP_FIXED, 0x2000),
	       "mremap(0x1000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x2000) = 0x2000", "mremap fixed");
	is_str(dec(0, SYS_msync, 0x1000, 4096, MS_ASYNC), "msync(0x1000, 4096, MS_ASYNC) = 0", "msync");
	is_str(dec(0, SYS_mlock, 0x1000, 4096), "mlock(0x1000, 4096) = 0", "mlock");
	is_str(dec(0, SYS_mlockall, MCL_CURRENT | MCL_FUTURE), "mlockall(MCL_CURRENT|MCL_FUTURE) = 0", "mlockall");
	is_str(dec(0x7f0000000000, SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_HUGETLB | (21 << MAP_HUGE_SHIFT), -1, 0),
	       "mmap(NULL, 4096, PROT_READ, MAP_PRIVATE|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, -1, 0) = 0x7f0000000000",
	       "mmap huge page size");
}

static void test_execve(void)
{
	char *argv[] = { "ls", "-l", "a long argument that does not fit in -s", NULL };
	char *envp[] = { "A=1", "B=2", "C=3", NULL };
	char *many[40];
	const char *want;
	int i;

	is_str(dec(0, SYS_execve, "/bin/ls", argv, envp),
	       fmt("execve(\"/bin/ls\", [\"ls\", \"-l\", \"a long argument that does not fi\"...], %p /* 3 vars */) = 0",
		   (void *)envp), "execve: argv strings, env count");
	is_str(dec(-ENOENT, SYS_execve, "/x", NULL, envp + 3),
	       fmt("execve(\"/x\", NULL, %p /* 0 vars */) = -1 ENOENT (No such file or directory)", (void *)(envp + 3)),
	       "NULL argv, empty env");
	is_str(dec(-EFAULT, SYS_execve, "/x", harness_bad_addr(), NULL),
	       fmt("execve(\"/x\", %#llx, NULL) = -1 EFAULT (Bad address)", (unsigned long long)harness_bad_addr()),
	       "unreadable argv");
	for (i = 0; i < 39; i++)
		many[i] = "a";
	many[39] = NULL;
	want = "execve(\"/x\", [\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", "
	       "\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", \"a\", "
	       "\"a\", \"a\", \"a\", \"a\", \"a\", \"a\", ...], NULL) = 0";
	is_str(dec(0, SYS_execve, "/x", many, NULL), want, "more than -s arguments: ...");
	is_str(dec(0, SYS_execveat, 3, "", argv + 2, envp + 2, AT_EMPTY_PATH),
	       fmt("execveat(3, \"\", [\"a long argument that does not fi\"...], %p /* 1 var */, AT_EMPTY_PATH) = 0",
		   (void *)(envp + 2)), "execveat, one var");
}

/* Pointer arrays are read in chunks, and an unreadable page ends them where it starts. */
static void test_execve_arrays(void)
{
	long page = sysconf(_SC_PAGESIZE);
	char *two = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *env[38], **edge;
	unsigned reads;
	int i;

	for (i = 0; i < 37; i++)
		env[i] = "X=1";
	env[37] = NULL;
	harness_reads = 0;
	is_str(dec(0, SYS_execve, "/x", NULL, env), fmt("execve(\"/x\", NULL, %p /* 37 vars */) = 0", (void *)env),
	       "37 variables counted");
	reads = harness_reads;
	ok(reads <= 1 + 3, "37 environment pointers read in a few chunks, not a read each (%u reads)", reads);
	if (!ok(two != MAP_FAILED && munmap(two + page, (size_t)page) == 0,
		"a page with an unmapped page after it"))
		return;
	/* three pointers, the last word of the page, and no NULL before the hole */
	edge = (char **)(two + page) - 3;
	edge[0] = edge[1] = edge[2] = "a";
	is_str(dec(-EFAULT, SYS_execve, "/x", edge, edge),
	       fmt("execve(\"/x\", [\"a\", \"a\", \"a\", ... /* %p */], %p /* 3 vars, unterminated */) = -1 EFAULT (Bad address)",
		   (void *)(two + page), (void *)edge),
	       "arrays running into an unmapped page: cut where it starts");
	munmap(two, (size_t)page);
}

static void test_clone_wait(void)
{
	int status, ptid = 4242;
	siginfo_t si;

	is_str(dec(1234, SYS_clone, CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD, 0, 0, 0x7f0000001000, 0),
	       "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f0000001000) = 1234",
	       "clone as fork() does it");
	is_str(dec(1235, SYS_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0x7f0000002000, 0, 0, 0),
	       "clone(child_stack=0x7f0000002000, flags=CLONE_VM|CLONE_VFORK|SIGCHLD) = 1235", "clone as vfork");
	is_str(dec(1236, SYS_clone, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
			  CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, 0x7f0000003000, &ptid, 0x7f0000004000,
		   0x7f0000005000),
	       "clone(child_stack=0x7f0000003000, flags=CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD|"
	       "CLONE_SYSVSEM|CLONE_SETTLS|CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID, parent_tid=[4242], "
	       "tls=0x7f0000005000, child_tidptr=0x7f0000004000) = 1236", "clone a thread");
	is_str(dec(5, SYS_clone, 0, 0, 0, 0, 0), "clone(child_stack=NULL, flags=0) = 5", "clone with no flags");
	status = 3 << 8;
	is_str(dec(77, SYS_wait4, -1, &status, 0, NULL),
	       "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 3}], 0, NULL) = 77", "wait4 exited");
	status = SIGKILL;
	is_str(dec(77, SYS_wait4, 77, &status, __WALL, NULL),
	       "wait4(77, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}], __WALL, NULL) = 77", "wait4 signaled");
	status = SIGSEGV | 0x80;
	is_str(dec(77, SYS_wait4, 77, &status, 0, NULL),
	       "wait4(77, [{WIFSIGNALED(s) && WTERMSIG(s) == SIGSEGV && WCOREDUMP(s)}], 0, NULL) = 77", "core dumped");
	status = (SIGSTOP << 8) | 0x7f;
	is_str(dec(77, SYS_wait4, 77, &status, WUNTRACED, NULL),
	       "wait4(77, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WUNTRACED, NULL) = 77", "stopped");
	is_str(dec(0, SYS_wait4, 77, &status, WNOHANG, NULL),
	       fmt("wait4(77, %p, WNOHANG, NULL) = 0", (void *)&status), "nothing to reap: status address");
	is_str(dec(-ECHILD, SYS_wait4, -1, &status, 0, NULL),
	       fmt("wait4(-1, %p, 0, NULL) = -1 ECHILD (No child processes)", (void *)&status), "wait4 failing");
	memset(&si, 0, sizeof(si));
	si.si_signo = SIGCHLD;
	si.si_code = CLD_EXITED;
	si.si_pid = 77;
	is_str(dec(0, SYS_waitid, P_ALL, 0, &si, WEXITED | WNOWAIT, NULL),
	       "waitid(P_ALL, 0, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=77, si_uid=0, si_status=0, si_utime=0, "
	       "si_stime=0}, WEXITED|WNOWAIT, NULL) = 0", "waitid");
	is_str(dec(0, SYS_kill, 77, SIGTERM), "kill(77, SIGTERM) = 0", "kill");
	is_str(dec(0, SYS_kill, -1, 0), "kill(-1, 0) = 0", "kill signal 0");
	is_str(dec(-EINVAL, SYS_kill, 1, 100), "kill(1, 100) = -1 EINVAL (Invalid argument)", "kill bad signal");
	is_str(dec(0, SYS_tkill, 78, SIGRTMIN), fmt("tkill(78, %s) = 0", SIGRTMIN == 34 ? "SIGRT_2" : "SIGRTMIN"),
	       "tkill real-time signal");
	is_str(dec(0, SYS_tgkill, 77, 78, SIGUSR1), "tgkill(77, 78, SIGUSR1) = 0", "tgkill");
	is_str(dec(0, SYS_exit_group, 3), "exit_group(3) = ?", "exit_group: = ?");
	is_str(dec_enter(SYS_exit, 0), "exit(0", "exit at entry");
	is_str(dec(0, SYS_unshare, CLONE_NEWNS | CLONE_NEWUSER), "unshare(CLONE_NEWNS|CLONE_NEWUSER) = 0", "unshare");
}

static void test_prctl(void)
{
	char name[16] = "worker";
	unsigned long fs = 0x7f00deadbeef;

	is_str(dec(0, SYS_prctl, PR_SET_NAME, "worker"), "prctl(PR_SET_NAME, \"worker\") = 0", "PR_SET_NAME");
	is_str(dec(0, SYS_prctl, PR_SET_NAME, "0123456789abcdefgh"), "prctl(PR_SET_NAME, \"0123456789abcde\"...) = 0",
	       "PR_SET_NAME cut at 15");
	is_str(dec(0, SYS_prctl, PR_SET_NAME, "0123456789abcde"), "prctl(PR_SET_NAME, \"0123456789abcde\") = 0",
	       "PR_SET_NAME of exactly 15");
	is_str(dec(0, SYS_prctl, PR_GET_NAME, name), "prctl(PR_GET_NAME, \"worker\") = 0", "PR_GET_NAME");
	is_str(dec(0, SYS_prctl, PR_SET_PDEATHSIG, SIGKILL), "prctl(PR_SET_PDEATHSIG, SIGKILL) = 0", "PR_SET_PDEATHSIG");
	is_str(dec(1, SYS_prctl, PR_GET_DUMPABLE), "prctl(PR_GET_DUMPABLE) = 1", "PR_GET_DUMPABLE");
	is_str(dec(0, SYS_prctl, PR_SET_PTRACER, -1), "prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY) = 0", "PR_SET_PTRACER");
	is_str(dec(-EINVAL, SYS_prctl, 9999, 1, 2, 3, 4),
	       "prctl(0x270f /* PR_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EINVAL (Invalid argument)", "unknown option");
	is_str(dec(0, SYS_arch_prctl, ARCH_SET_FS, 0x7f0000001000), "arch_prctl(ARCH_SET_FS, 0x7f0000001000) = 0",
	       "ARCH_SET_FS");
	is_str(dec(0, SYS_arch_prctl, ARCH_GET_FS, &fs), "arch_prctl(ARCH_GET_FS, [0x7f00deadbeef]) = 0", "ARCH_GET_FS");
	is_str(dec(-EINVAL, SYS_arch_prctl, 0x3001, 0),
	       "arch_prctl(0x3001 /* ARCH_??? */, 0) = -1 EINVAL (Invalid argument)", "unknown code");
}

static void test_resources(void)
{
	struct rlimit64 { uint64_t cur, max; } rl = { 8192 * 1024, UINT64_MAX }, small = { 1000, 1024 };
	struct utsname u;
	unsigned char rnd[40], cpus[16] = { 0x0b };
	struct { int64_t us[4]; long rest[14]; } ru = { { 1, 2, 3, 4 }, { 0 } };
	int i;

	is_str(dec(0, SYS_prlimit64, 0, RLIMIT_STACK, NULL, &rl),
	       "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0", "prlimit64 get");
	is_str(dec(0, SYS_prlimit64, 77, RLIMIT_NOFILE, &small, NULL),
	       "prlimit64(77, RLIMIT_NOFILE, {rlim_cur=1000, rlim_max=1024}, NULL) = 0",
	       "prlimit64 set; 1024 is not shown as 1*1024");
	is_str(dec(0, SYS_getrlimit, RLIMIT_CORE, &rl),
	       "getrlimit(RLIMIT_CORE, {rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}) = 0", "getrlimit");
	is_str(dec(0, SYS_setrlimit, RLIMIT_AS, &small), "setrlimit(RLIMIT_AS, {rlim_cur=1000, rlim_max=1024}) = 0", "setrlimit");
	is_str(dec(0, SYS_getrusage, RUSAGE_SELF, &ru),
	       "getrusage(RUSAGE_SELF, {ru_utime={tv_sec=1, tv_usec=2}, ru_stime={tv_sec=3, tv_usec=4}, ...}) = 0", "getrusage");
	memset(&u, 0, sizeof(u));
	strcpy(u.sysname, "Linux");
	strcpy(u.nodename, "box\n1");
	is_str(dec(0, SYS_uname, &u), "uname({sysname=\"Linux\", nodename=\"box\\n1\", ...}) = 0", "uname");
	for (i = 0; i < 40; i++)
		rnd[i] = (unsigned char)(i * 37);
	is_str(dec(4, SYS_getrandom, rnd, 4, GRND_NONBLOCK), "getrandom(\"\\x00\\x25\\x4a\\x6f\", 4, GRND_NONBLOCK) = 4",
	       "getrandom: bytes in hex");
	is_str(dec(40, SYS_getrandom, rnd, 40, 0),
	       "getrandom(\"\\x00\\x25\\x4a\\x6f\\x94\\xb9\\xde\\x03\\x28\\x4d\\x72\\x97\\xbc\\xe1\\x06\\x2b\\x50\\x75\\x9a\\xbf"
	       "\\xe4\\x09\\x2e\\x53\\x78\\x9d\\xc2\\xe7\\x0c\\x31\\x56\\x7b\"..., 40, 0) = 40", "getrandom past -s");
	is_str(dec(-EAGAIN, SYS_getrandom, rnd, 4, GRND_NONBLOCK | GRND_RANDOM),
	       fmt("getrandom(%p, 4, GRND_NONBLOCK|GRND_RANDOM) = -1 EAGAIN (Resource temporarily unavailable)", (void *)rnd),
	       "getrandom failing");
	is_str(dec(8, SYS_sched_getaffinity, 0, 16, cpus), "sched_getaffinity(0, 16, [0 1 3]) = 8", "sched_getaffinity");
	is_str(dec(0, SYS_sched_setaffinity, 0, 1, cpus), "sched_setaffinity(0, 1, [0 1 3]) = 0", "sched_setaffinity");
	is_str(dec(0, SYS_set_robust_list, 0x7f0000001000, 24), "set_robust_list(0x7f0000001000, 24) = 0", "set_robust_list");
	is_str(dec(0, SYS_sched_yield, 0), "sched_yield() = 0", "sched_yield");
	is_str(dec(0, SYS_fadvise64, 3, 0, 0, POSIX_FADV_SEQUENTIAL), "fadvise64(3, 0, 0, POSIX_FADV_SEQUENTIAL) = 0",
	       "fadvise64");
	{
		struct sysinfo si;

		memset(&si, 0, sizeof(si));
		si.uptime = 5;
		si.loads[1] = 7;
		si.procs = 3;
		si.mem_unit = 1;
		is_str(dec(0, SYS_sysinfo, &si),
		       "sysinfo({uptime=5, loads=[0, 7, 0], totalram=0, freeram=0, sharedram=0, bufferram=0, "
		       "totalswap=0, freeswap=0, procs=3, totalhigh=0, freehigh=0, mem_unit=1}) = 0", "sysinfo");
	}
	is_str(dec(1234, SYS_getpid, 0), "getpid() = 1234", "getpid");
	is_str(dec(1234, SYS_set_tid_address, 0x7f0000001000), "set_tid_address(0x7f0000001000) = 1234", "set_tid_address");
	is_str(dec(0, SYS_rseq, 0x7f0000001000, 0x20, 0, 0x53053053), "rseq(0x7f0000001000, 0x20, 0, 0x53053053) = 0", "rseq");
	is_str(dec(0, SYS_getpriority, PRIO_PROCESS, 0), "getpriority(PRIO_PROCESS, 0) = 0", "getpriority");
}

static void test_creds(void)
{
	unsigned r = 0, e = 1000, sv = (unsigned)-1, groups[3] = { 0, 4, 27 };

	is_str(dec(0, SYS_setuid, 1000), "setuid(1000) = 0", "setuid: decimal");
	is_str(dec(0, SYS_setresuid, -1, 1000, -1), "setresuid(-1, 1000, -1) = 0", "setresuid: -1 unchanged");
	is_str(dec(-EPERM, SYS_setgid, 0), "setgid(0) = -1 EPERM (Operation not permitted)", "setgid failing");
	is_str(dec(0, SYS_getresuid, &r, &e, &sv), "getresuid([0], [1000], [-1]) = 0", "getresuid");
	is_str(dec(3, SYS_getgroups, 3, groups), "getgroups(3, [0, 4, 27]) = 3", "getgroups");
	is_str(dec(3, SYS_getgroups, 0, NULL), "getgroups(0, NULL) = 3", "getgroups counting");
	is_str(dec(0, SYS_getgroups, 0, groups), "getgroups(0, []) = 0", "getgroups of none");
	is_str(dec(-EINVAL, SYS_getgroups, -1, groups),
	       fmt("getgroups(-1, %p) = -1 EINVAL (Invalid argument)", (void *)groups), "getgroups failing");
	is_str(dec(0, SYS_setgroups, 2, groups), "setgroups(2, [0, 4]) = 0", "setgroups");
	is_str(dec(0, SYS_setpgid, 0, 0), "setpgid(0, 0) = 0", "setpgid");
	is_str(dec(77, SYS_getsid, 0), "getsid(0) = 77", "getsid");
}

int main(void)
{
	test_creds();
	test_mem();
	test_execve();
	test_execve_arrays();
	test_clone_wait();
	test_prctl();
	test_resources();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
