/* pause() interrupted by a handled SIGALRM: the kernel returns ERESTARTNOHAND. */
#include <signal.h>
#include <unistd.h>

static void on_alarm(int sig)
{
	(void)sig;
}

int main(void)
{
	signal(SIGALRM, on_alarm);
	alarm(1);
	pause();
	return 3;
}
