/*
 * prog-stopcont: job control as a parent sees it.  A child waits in
 * pause(); the parent stops it (SIGSTOP), continues it (SIGCONT), stops
 * it again (SIGTSTP), continues it and ends it (SIGTERM), printing each
 * status waitpid() reports.  Traced with -f, the output must equal the
 * untraced one: group-stops behave as without a tracer.
 *
 * The child gets a process group of its own (set by both, as shells do):
 * the kernel discards SIGTSTP sent to an orphaned process group, which
 * the test runner's group may be.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(pid_t pid, int flags)
{
	int status;

	if (waitpid(pid, &status, flags) != pid) {
		puts("waitpid failed");
		return;
	}
	if (WIFSTOPPED(status))
		printf("stopped by %s\n", sigabbrev_np(WSTOPSIG(status)));
	else if (WIFCONTINUED(status))
		puts("continued");
	else if (WIFSIGNALED(status))
		printf("killed by %s\n", sigabbrev_np(WTERMSIG(status)));
	else if (WIFEXITED(status))
		printf("exited %d\n", WEXITSTATUS(status));
	fflush(stdout);
}

int main(void)
{
	pid_t pid = fork();

	if (pid < 0)
		return 1;
	if (pid == 0) {
		setpgid(0, 0);
		for (;;)
			pause();
	}
	setpgid(pid, pid);
	kill(pid, SIGSTOP);
	report(pid, WUNTRACED);
	kill(pid, SIGCONT);
	report(pid, WCONTINUED);
	kill(pid, SIGTSTP);
	report(pid, WUNTRACED);
	kill(pid, SIGCONT);
	report(pid, WCONTINUED);
	kill(pid, SIGTERM);
	report(pid, 0);
	return 0;
}
