/* golden: processes — fork, wait4, waitid, kill, prctl, limits, uname. */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "golden.h"

int main(void)
{
	struct rlimit rl = { 8192 * 1024, RLIM_INFINITY }, got;
	struct utsname u;
	char name[32];
	siginfo_t si;
	int status;
	pid_t pid;

	sigset_t chld;

	/* SIGCHLD blocked: no signal stop racing with wait4 in the trace */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	golden_bad_addr();
	GOLDEN_BEGIN();
	syscall(SYS_getpid);
	syscall(SYS_prctl, PR_SET_NAME, "golden\tname\n-too-long-for-comm");
	syscall(SYS_prctl, PR_GET_NAME, name);
	syscall(SYS_prctl, PR_SET_PDEATHSIG, SIGUSR2);
	syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	syscall(SYS_prctl, 0x7fff, 1, 2, 3, 4);
	syscall(SYS_prlimit64, 0, RLIMIT_FSIZE, &rl, NULL);
	syscall(SYS_prlimit64, 0, RLIMIT_FSIZE, NULL, &got);
	rl.rlim_cur = 1000;
	syscall(SYS_prlimit64, 0, RLIMIT_FSIZE, &rl, &got);
	syscall(SYS_prlimit64, 0, 99, NULL, golden_bad_addr());
	syscall(SYS_uname, &u);
	pid = syscall(SYS_fork);
	if (pid == 0)
		syscall(SYS_exit_group, 7);
	syscall(SYS_wait4, pid, &status, 0, NULL);
	pid = syscall(SYS_fork);
	if (pid == 0) {
		syscall(SYS_pause);
		syscall(SYS_exit_group, 0);
	}
	syscall(SYS_kill, pid, SIGKILL);
	syscall(SYS_wait4, pid, &status, __WALL, NULL);
	pid = syscall(SYS_fork);
	if (pid == 0)
		syscall(SYS_exit_group, 0);
	/* the kernel leaves si_utime and si_stime alone: no stack garbage */
	memset(&si, 0, sizeof(si));
	syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL);
	syscall(SYS_wait4, -1, &status, WNOHANG, NULL);
	syscall(SYS_kill, 0x7ffffff0, 0);
	syscall(SYS_tgkill, -1, -1, 99);
	GOLDEN_END();
	syscall(SYS_exit_group, 0);
}
