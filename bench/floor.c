/*
 * floor CMD [ARGS...]: the cheapest possible ptrace tracer, the floor of
 * the tracer benchmark.  It stops the command at every syscall entry and
 * exit (PTRACE_SYSCALL + waitpid, following forks and threads) and does
 * nothing else: no registers, no memory, no output.  Signals are passed
 * on; the exit status is the command's.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status, exit_status = 0, live = 1;
	pid_t child, pid;

	if (argc < 2) {
		fprintf(stderr, "usage: floor CMD [ARGS...]\n");
		return 2;
	}
	child = fork();
	if (child < 0)
		return 1;
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(126);
		raise(SIGSTOP);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (waitpid(child, &status, 0) != child || !WIFSTOPPED(status))
		return 1;
	if (ptrace(PTRACE_SETOPTIONS, child, NULL,
		   (void *)(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEFORK |
			    PTRACE_O_TRACEVFORK |
			    PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL)) < 0) {
		perror("floor: PTRACE_SETOPTIONS");
		return 1;
	}
	if (ptrace(PTRACE_SYSCALL, child, NULL, NULL) < 0)
		return 1;
	while (live > 0) {
		int sig = 0;

		pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			live--;
			if (pid == child)
				exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (status >> 16 == PTRACE_EVENT_FORK || status >> 16 == PTRACE_EVENT_VFORK ||
		    status >> 16 == PTRACE_EVENT_CLONE)
			live++;
		else if (WSTOPSIG(status) != (SIGTRAP | 0x80) && !(status >> 16) &&
			 WSTOPSIG(status) != SIGSTOP)
			sig = WSTOPSIG(status);
		ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
	}
	return exit_status;
}
