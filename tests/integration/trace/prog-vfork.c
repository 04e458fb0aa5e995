/*
 * prog-vfork: vfork; the child execs this program with "child", which
 * exits 7; the parent prints "child=PID status=7" and exits 0.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "child"))
		return 7;
	pid = vfork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		char *args[] = { argv[0], "child", NULL };

		execv("/proc/self/exe", args);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	printf("child=%d status=%d\n", (int)pid, WEXITSTATUS(status));
	return 0;
}
