/*
 * prog-exit code N | prog-exit signal SIG: exit with N, or die of SIG
 * (default action restored, so SIGSEGV/SIGABRT dump or not as the
 * system says).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	if (!strcmp(argv[1], "code"))
		return atoi(argv[2]);
	signal(atoi(argv[2]), SIG_DFL);
	kill(getpid(), atoi(argv[2]));
	pause();
	return 100;
}
