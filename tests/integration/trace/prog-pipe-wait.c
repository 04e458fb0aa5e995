/*
 * prog-pipe-wait MS: a child blocks in read() on a pipe until its parent,
 * after MS milliseconds, writes to it; both exit 0.  Where the child
 * waits is what the kernel-stack sampler must see.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	int fds[2], status;
	long ms = argc > 1 ? atol(argv[1]) : 200;
	char c;
	pid_t pid;

	if (pipe(fds) < 0)
		return 1;
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
	}
	close(fds[0]);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
	if (write(fds[1], "x", 1) != 1)
		return 1;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}
