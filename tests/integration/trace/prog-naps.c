/*
 * prog-naps N USEC [busy]: sleep USEC microseconds N times (nanosleep),
 * then exit 0.  A tracee that is blocked most of the time; with "busy",
 * it makes a quick syscall (getppid) before each sleep, as a program that
 * works a little between waits does.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	long n, usec;
	int busy;

	if (argc != 3 && !(argc == 4 && !strcmp(argv[3], "busy")))
		return 2;
	busy = argc == 4;
	n = atol(argv[1]);
	usec = atol(argv[2]);
	ts.tv_sec = usec / 1000000;
	ts.tv_nsec = usec % 1000000 * 1000;
	while (n-- > 0) {
		if (busy)
			getppid();
		nanosleep(&ts, NULL);
	}
	return 0;
}
