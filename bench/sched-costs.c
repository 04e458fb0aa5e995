/*
 * sched-costs: what the scheduler calls a tracer could use to keep its
 * tracee on its own CPU cost on this machine (docs/benchmarks.md,
 * "Tracer and tracee on one CPU, again").
 *
 *   cc -O2 -o sched-costs bench/sched-costs.c && ./sched-costs
 *
 * It prints, each as a mean over many calls:
 *   - switching this thread to SCHED_IDLE and back (needs CAP_SYS_NICE
 *     or an RLIMIT_NICE of 20: unprivileged, the way back is refused);
 *   - reading /proc/PID/stat (where a task last ran) from a kept fd;
 *   - moving this thread to the other CPU with sched_setaffinity();
 * and then how a SCHED_IDLE thread fares beside a nice-0 busy loop on
 * the same CPU for 3 s: the CPU time it gets and its longest wait.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int set_policy(int policy)
{
	struct sched_param sp = { 0 };

	return sched_setscheduler(0, policy, &sp);
}

static int pin(int cpu)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	return sched_setaffinity(0, sizeof(one), &one);
}

static void policy_switch(void)
{
	const int n = 20000;
	double t = now_ns();
	int i;

	for (i = 0; i < n; i++) {
		if (set_policy(SCHED_IDLE) || set_policy(SCHED_OTHER)) {
			printf("SCHED_IDLE and back: refused (%s)\n", strerror(errno));
			return;
		}
	}
	printf("SCHED_IDLE and back: %.2f µs\n", (now_ns() - t) / n / 1e3);
}

static void proc_stat(void)
{
	const int n = 20000;
	char path[64], buf[1024];
	double t;
	int fd, i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)getppid());
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("read %s: %s\n", path, strerror(errno));
		return;
	}
	t = now_ns();
	for (i = 0; i < n; i++) {
		if (pread(fd, buf, sizeof(buf), 0) <= 0) {
			printf("read %s: %s\n", path, strerror(errno));
			close(fd);
			return;
		}
	}
	printf("pread of /proc/PID/stat: %.2f µs\n", (now_ns() - t) / n / 1e3);
	close(fd);
}

static void migrate(void)
{
	const int n = 2000;
	cpu_set_t all;
	double t;
	int i;

	if (sched_getaffinity(0, sizeof(all), &all) || !CPU_ISSET(0, &all) ||
	    !CPU_ISSET(1, &all)) {
		printf("moving between CPUs 0 and 1: not both allowed\n");
		return;
	}
	t = now_ns();
	for (i = 0; i < n; i++) {
		if (pin(i & 1)) {
			printf("sched_setaffinity: %s\n", strerror(errno));
			break;
		}
	}
	if (i == n)
		printf("moving to the other CPU (sched_setaffinity): %.2f µs\n",
		       (now_ns() - t) / n / 1e3);
	sched_setaffinity(0, sizeof(all), &all);
}

static void starvation(void)
{
	double start, last, ran = 0, longest = 0;
	int status;
	pid_t hog;

	if (pin(0)) {
		printf("starvation: cannot pin to CPU 0: %s\n", strerror(errno));
		return;
	}
	hog = fork();
	if (hog < 0) {
		printf("starvation: fork: %s\n", strerror(errno));
		return;
	}
	if (hog == 0) {
		for (;;)
			;
	}
	if (set_policy(SCHED_IDLE)) {
		printf("starvation: SCHED_IDLE: %s\n", strerror(errno));
	} else {
		start = last = now_ns();
		while (last - start < 3e9) {
			double t = now_ns(), gap = t - last;

			if (gap > 50e3) {	/* off the CPU */
				if (gap > longest)
					longest = gap;
			} else {
				ran += gap;
			}
			last = t;
		}
		printf("SCHED_IDLE beside a nice-0 busy loop, one CPU, 3 s: "
		       "ran %.1f ms, longest wait %.1f ms\n", ran / 1e6, longest / 1e6);
	}
	kill(hog, SIGKILL);
	waitpid(hog, &status, 0);
}

int main(void)
{
	policy_switch();
	proc_stat();
	migrate();
	starvation();
	return 0;
}
