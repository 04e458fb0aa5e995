/*
 * prog-spin STOPFILE [THREADS]: THREADS threads (default 1, the main one
 * included) call getppid() in a loop, with a short sleep, until STOPFILE
 * exists; then prints "done" and exits 0.  A target for -p and for
 * killing the tracer mid-trace.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static const char *stopfile;

static void *run(void *arg)
{
	struct timespec ts = { 0, 1000000 };

	while (access(stopfile, F_OK) != 0) {
		getppid();
		nanosleep(&ts, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int i, n = argc > 2 ? atoi(argv[2]) : 1;
	pthread_t t[64];

	if (argc < 2 || n < 1 || n > 64)
		return 2;
	stopfile = argv[1];
	for (i = 1; i < n; i++)
		if (pthread_create(&t[i], NULL, run, NULL))
			return 1;
	run(NULL);
	for (i = 1; i < n; i++)
		pthread_join(t[i], NULL);
	puts("done");
	return 0;
}
