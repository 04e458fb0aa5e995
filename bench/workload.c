/*
 * workload getppid N | open N FILE | fork N: the syscall loops of the
 * tracer benchmark.
 *   getppid  N calls of getppid()
 *   open     N times open(FILE) + read(64 bytes) + close
 *   fork     N times fork(); the child _exits at once; the parent waits
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long i, n;
	char buf[64];

	if (argc < 3)
		return 2;
	n = atol(argv[2]);
	if (!strcmp(argv[1], "getppid")) {
		for (i = 0; i < n; i++)
			getppid();
	} else if (!strcmp(argv[1], "open") && argc > 3) {
		for (i = 0; i < n; i++) {
			int fd = open(argv[3], O_RDONLY);

			if (fd < 0 || read(fd, buf, sizeof(buf)) < 0)
				return 1;
			close(fd);
		}
	} else if (!strcmp(argv[1], "fork")) {
		for (i = 0; i < n; i++) {
			pid_t pid = fork();

			if (pid < 0)
				return 1;
			if (pid == 0)
				_exit(0);
			if (waitpid(pid, NULL, 0) != pid)
				return 1;
		}
	} else {
		return 2;
	}
	return 0;
}
