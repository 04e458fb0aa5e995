/*
 * prog-naps N USEC: sleep USEC microseconds N times (nanosleep), then exit
 * 0.  A tracee that is blocked most of the time.
 */
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec ts;
	long n, usec;

	if (argc != 3)
		return 2;
	n = atol(argv[1]);
	usec = atol(argv[2]);
	ts.tv_sec = usec / 1000000;
	ts.tv_nsec = usec % 1000000 * 1000;
	while (n-- > 0)
		nanosleep(&ts, NULL);
	return 0;
}
