#include <stdio.h>

#include "signame.h"

/* 1..31, as in strace's xlat/signals.in for x86 */
static const char *const signames[32] = {
	NULL, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS",
	"SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM",
	"SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN",
	"SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
	"SIGIO", "SIGPWR", "SIGSYS",
};

#define KERNEL_SIGRTMIN 32
#define KERNEL_SIGRTMAX 64

const char *signame(int64_t sig, char *buf, size_t size)
{
	if (sig > 0 && sig < KERNEL_SIGRTMIN)
		return signames[sig];
	if (sig == KERNEL_SIGRTMIN)
		return "SIGRTMIN";
	if (sig > KERNEL_SIGRTMIN && sig <= KERNEL_SIGRTMAX)
		snprintf(buf, size, "SIGRT_%d", (int)(sig - KERNEL_SIGRTMIN));
	else
		snprintf(buf, size, "SIG%lld", (long long)sig);
	return buf;
}
