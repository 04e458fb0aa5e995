/*
 * prog-forks [N]: fork N children (default 1000) at once; child i exits
 * with i % 256; the parent reaps them all, checks every status, prints
 * "children=N sum=S" and exits 0 (1 if a status was wrong).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int i, n = argc > 1 ? atoi(argv[1]) : 1000, status, bad = 0;
	pid_t *pids = calloc((size_t)n, sizeof(*pids));
	long sum = 0;

	if (!pids)
		return 1;
	for (i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] < 0)
			return 1;
		if (pids[i] == 0)
			_exit(i % 256);
	}
	for (i = 0; i < n; i++) {
		if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != i % 256)
			bad++;
		else
			sum += WEXITSTATUS(status);
	}
	printf("children=%d sum=%ld\n", n, sum);
	free(pids);
	return bad ? 1 : 0;
}
