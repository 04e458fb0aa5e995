/*
 * prog-exec-thread: a second thread execs this program again with
 * "child", while the main thread waits in pthread_join().  The new image
 * prints "child pid=P" (P is the process's pid: the exec'ing thread took
 * the leader's tid) and exits 0.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *self;

static void *exec_thread(void *arg)
{
	char *argv[] = { self, "child", NULL };

	execv(self, argv);
	perror("execv");
	_exit(1);
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1 && !strcmp(argv[1], "child")) {
		printf("child pid=%d\n", (int)getpid());
		return 0;
	}
	self = argv[0];
	printf("parent pid=%d\n", (int)getpid());
	fflush(stdout);
	if (pthread_create(&t, NULL, exec_thread, NULL))
		return 1;
	pthread_join(t, NULL);
	return 1;	/* not reached: the exec replaces us */
}
