/*
 * prog-basic [N]: known syscalls for the tracer's tests.  Prints the
 * results it got, so a test can compare them with the trace:
 *   ppid=P          getppid() (called N times, default 10)
 *   open=-1 errno=2 openat of a missing file
 * then writes "hello\n" to fd 1 and exits 3.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 10, fd;
	pid_t ppid = 0;

	for (i = 0; i < n; i++)
		ppid = getppid();
	printf("ppid=%d\n", (int)ppid);
	fd = open("/nonexistent-sysatlas-dir/file", O_RDONLY);
	printf("open=%d errno=%d\n", fd, errno);
	fflush(stdout);
	if (write(1, "hello\n", 6) != 6)
		return 1;
	return 3;
}
