/*
 * floor [-r] CMD [ARGS...]: the cheapest possible ptrace tracer, the floor
 * of the tracer benchmark.  It stops the command at every syscall entry
 * and exit (PTRACE_SYSCALL + waitpid, following forks and threads) and
 * does nothing else: no registers, no memory, no output.  Signals are
 * passed on; the exit status is the command's.
 *
 * -r: also read the syscall at each syscall stop with one
 * PTRACE_GET_SYSCALL_INFO (number and arguments at entry, return value
 * at exit), as any tracer that records calls must, and throw it away:
 * the floor of a tracer that knows which call it stopped in.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status, exit_status = 0, live = 1, read_info = 0;
	unsigned char info[128];	/* struct ptrace_syscall_info and spare */
	pid_t child, pid;

	if (argc > 1 && !strcmp(argv[1], "-r")) {
		read_info = 1;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: floor [-r] CMD [ARGS...]\n");
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
		if (read_info && WSTOPSIG(status) == (SIGTRAP | 0x80) &&
		    ptrace(PTRACE_GET_SYSCALL_INFO, pid,
			   (void *)sizeof(info), info) <= 0) {
			perror("floor: PTRACE_GET_SYSCALL_INFO");
			return 1;
		}
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
