/* golden: signals — handlers, masks, delivery, sigreturn, alternate stacks. */
#include <signal.h>
#include <string.h>

#include "golden.h"

static void on_usr1(int sig)
{
	(void)sig;
}

int main(void)
{
	struct sigaction sa, old;
	sigset_t set;
	stack_t ss;
	static char stack[16384];

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGTERM);
	sa.sa_flags = SA_RESTART;
	golden_bad_addr();
	GOLDEN_BEGIN();
	sigaction(SIGUSR1, &sa, &old);
	sigaction(SIGUSR1, NULL, &old);
	sigaction(SIGKILL, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, 40);
	sigprocmask(SIG_BLOCK, &set, NULL);
	sigfillset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, golden_bad_addr(), 8);
	syscall(SYS_rt_sigprocmask, 5, NULL, NULL, 8);
	syscall(SYS_kill, syscall(SYS_getpid), SIGUSR1);
	ss.ss_sp = stack;
	ss.ss_size = sizeof(stack);
	ss.ss_flags = 0;
	syscall(SYS_sigaltstack, &ss, NULL);
	syscall(SYS_sigaltstack, NULL, &ss);
	syscall(SYS_rt_sigpending, &set, 8);
	GOLDEN_END();
	return 0;
}
