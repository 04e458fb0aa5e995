/*
 * prog-threads [N [K]]: N threads (default 200), each calling getppid()
 * K times (default 5); all joined; prints "threads=N" and exits 0.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int k = 5;

static void *run(void *arg)
{
	int i;

	for (i = 0; i < k; i++)
		getppid();
	return NULL;
}

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 200;
	pthread_t *t = calloc((size_t)n, sizeof(*t));

	if (argc > 2)
		k = atoi(argv[2]);
	if (!t)
		return 1;
	for (i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, run, NULL))
			return 1;
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	printf("threads=%d\n", n);
	free(t);
	return 0;
}
