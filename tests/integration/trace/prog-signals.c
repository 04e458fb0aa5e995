/*
 * prog-signals: receive a known set of signals and print what each
 * handler saw (number, si_code and the relevant field), in order.  Run
 * untraced and traced, the two outputs must be equal: the tracer must
 * deliver exactly the signals the program would get without it.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_SEEN 64

static struct {
	int signo, code;
	long extra;
} seen[MAX_SEEN];
static volatile sig_atomic_t nseen;
static sigjmp_buf segv_jmp;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	int i = nseen;

	if (i >= MAX_SEEN)
		return;
	seen[i].signo = sig;
	seen[i].code = si->si_code;
	if (sig == SIGCHLD)
		seen[i].extra = si->si_status;
	else if (sig == SIGSEGV)
		seen[i].extra = (long)si->si_addr;
	else if (si->si_code == SI_QUEUE)
		seen[i].extra = si->si_value.sival_int;
	else
		seen[i].extra = 0;
	nseen = i + 1;
	if (sig == SIGSEGV)
		siglongjmp(segv_jmp, 1);
}

static void handle(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

int main(void)
{
	struct itimerval it = { { 0, 0 }, { 0, 10000 } };
	union sigval v;
	sigset_t set, old;
	pid_t child;
	int i, status;

	handle(SIGUSR1);
	handle(SIGUSR2);
	handle(SIGRTMIN + 1);
	handle(SIGALRM);
	handle(SIGCHLD);
	handle(SIGSEGV);
	handle(SIGTRAP);
	handle(SIGCONT);
	signal(SIGINT, SIG_IGN);

	raise(SIGUSR1);
	kill(getpid(), SIGUSR2);
	v.sival_int = 42;
	sigqueue(getpid(), SIGRTMIN + 1, v);

	/* while blocked: a standard signal merges, a real-time one queues */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, &old);
	raise(SIGUSR1);
	raise(SIGUSR1);
	v.sival_int = 7;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	v.sival_int = 8;
	sigqueue(getpid(), SIGRTMIN + 1, v);
	sigprocmask(SIG_SETMASK, &old, NULL);

	raise(SIGINT);		/* ignored: nobody sees it */
	kill(getpid(), SIGCONT);

	setitimer(ITIMER_REAL, &it, NULL);
	while (nseen < MAX_SEEN && !(nseen && seen[nseen - 1].signo == SIGALRM))
		pause();

	/* SIGCHLD from a child that exits 5 */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	child = fork();
	if (child == 0)
		_exit(5);
	sigdelset(&old, SIGCHLD);
	sigsuspend(&old);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	waitpid(child, &status, 0);

	/* a real fault */
	if (!sigsetjmp(segv_jmp, 1))
		*(volatile int *)0 = 1;
#if defined(__x86_64__) || defined(__i386__)
	__asm__ volatile("int3");
#endif

	for (i = 0; i < nseen; i++)
		printf("%s code=%d extra=%ld\n", sigabbrev_np(seen[i].signo) ?
		       sigabbrev_np(seen[i].signo) : "RT", seen[i].code, seen[i].extra);
	return 0;
}
