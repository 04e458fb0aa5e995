/*
 * Unit tests for tracer/warm.c: the spinner runs at SCHED_IDLE with every
 * signal blocked, sleeps until touched, spins while touched, sleeps again
 * once the tracer rests, keeps off the tracer's CPU; and the cgroup CPU
 * cap is found in v1 and v2 trees, at the process's cgroup or above it.
 *
 * Timing: the checks wait for a state with long margins (seconds where the
 * code needs microseconds), so that a loaded machine, which may starve a
 * SCHED_IDLE thread, slows them down without failing them; a spinner that
 * did the wrong thing fails them at any load.
 */
#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "idle.h"
#include "tap.h"
#include "warm.h"

static char tmp[64];		/* the tree of a capped() case */

static void nap_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Write text to tmp/rel, making the directories on the way. */
static void put(const char *rel, const char *text)
{
	char path[PATH_MAX], *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	for (p = path + strlen(tmp) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	f = fopen(path, "w");
	if (!f) {
		diag("cannot write %s: %s", path, strerror(errno));
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* warm_cpu_capped() on a tree made of files, the tree removed after. */
static int capped(const char *name, const char *cgroup, const char *const *files)
{
	char proc[128], root[128], cmd[160];
	int i, r;

	snprintf(tmp, sizeof(tmp), "/tmp/test-warm.XXXXXX");
	if (!mkdtemp(tmp)) {
		diag("mkdtemp: %s", strerror(errno));
		return -1;
	}
	put("proc-cgroup", cgroup);
	for (i = 0; files[i]; i += 2)
		put(files[i], files[i + 1]);
	snprintf(proc, sizeof(proc), "%s/proc-cgroup", tmp);
	snprintf(root, sizeof(root), "%s/fs", tmp);
	r = warm_cpu_capped(proc, root);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		diag("%s: could not remove %s", name, tmp);
	return r;
}

static void test_capped(void)
{
	static const char *const v2_above[] = {
		"fs/a/b/cpu.max", "max 100000\n", "fs/a/cpu.max", "50000 100000\n", NULL };
	static const char *const v2_none[] = {
		"fs/a/b/cpu.max", "max 100000\n", "fs/a/cpu.max", "max 100000\n", NULL };
	static const char *const v2_unified[] = {
		"fs/unified/x/cpu.max", "20000 100000\n", NULL };
	static const char *const v1_above[] = {
		"fs/cpu,cpuacct/docker/abc/cpu.cfs_quota_us", "-1\n",
		"fs/cpu,cpuacct/docker/cpu.cfs_quota_us", "100000\n", NULL };
	static const char *const v1_none[] = {
		"fs/cpu/cpu.cfs_quota_us", "-1\n", "fs/cpu/u/cpu.cfs_quota_us", "-1\n", NULL };
	static const char *const v1_other[] = {
		"fs/cpuacct/u/cpu.cfs_quota_us", "100000\n",
		"fs/cpuset/u/cpu.cfs_quota_us", "100000\n", NULL };
	static const char *const dotdot[] = {
		"fs/cpu.max", "10000 100000\n", "fs/a/cpu.max", "max 100000\n", NULL };
	static const char *const none[] = { NULL };

	is_int(capped("v2 cap above", "0::/a/b\n", v2_above), 1,
	       "cgroup v2: a cpu.max cap on the parent counts");
	is_int(capped("v2 no cap", "0::/a/b\n", v2_none), 0, "cgroup v2: max everywhere, no cap");
	is_int(capped("v2 unified", "1:name=systemd:/\n0::/x\n", v2_unified), 1,
	       "cgroup v2 mounted at unified/ beside v1");
	is_int(capped("v1 cap above", "5:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n",
		      v1_above), 1, "cgroup v1: cpu.cfs_quota_us on the parent, cpu,cpuacct");
	is_int(capped("v1 no cap", "1:cpu:/u\n", v1_none), 0, "cgroup v1: -1 everywhere, no cap");
	is_int(capped("v1 other controllers", "2:cpuacct:/u\n3:cpuset:/u\n", v1_other), 0,
	       "cgroup v1: only the hierarchy with the cpu controller is read");
	is_int(capped("dot-dot", "0::/a/../..\n", dotdot), 0,
	       "a path climbing out of the root is not followed");
	is_int(capped("garbage", "no colon here\n::\n0:\n", none), 0, "lines without a path");
	is_int(warm_cpu_capped("/nonexistent/cgroup", "/nonexistent"), 0,
	       "no /proc/self/cgroup: not capped");
}

/* Touch as a tracer polling WARM_WAKE_RUN times in a row does, at t. */
static void touch_run(struct warm *w, int64_t t)
{
	int i;

	for (i = 0; i < WARM_WAKE_RUN; i++)
		warm_touch(w, t);
}

/* The spinner's tid, by its name in /proc/self/task. */
static pid_t spinner_tid(void)
{
	DIR *d = opendir("/proc/self/task");
	struct dirent *de;
	char path[PATH_MAX], comm[64];
	pid_t tid = 0;
	FILE *f;

	if (!d)
		return 0;
	while (!tid && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/self/task/%s/comm", de->d_name);
		if (!(f = fopen(path, "r")))
			continue;
		if (fgets(comm, sizeof(comm), f) && !strcmp(comm, "sysatlas-warm\n"))
			tid = (pid_t)atoi(de->d_name);
		fclose(f);
	}
	closedir(d);
	return tid;
}

/* Field n (1-based) of /proc/self/task/TID/stat, after the comm; -1 if none. */
static long long stat_field(pid_t tid, int n, char *state)
{
	char path[64], buf[1024], *p;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
	if (!(f = fopen(path, "r")))
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (!p || !(p = strrchr(buf, ')')))
		return -1;
	p += 2;			/* field 3, the state */
	if (state)
		*state = *p;
	for (i = 3; i < n; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		p++;
	}
	return strtoll(p, NULL, 10);
}

static char state_of(pid_t tid)
{
	char s = '?';

	stat_field(tid, 3, &s);
	return s;
}

/* Wait up to ms for the spinner's state to be want (R or S); 1 if it was. */
static int wait_state(pid_t tid, char want, int ms)
{
	int i;

	for (i = 0; i < ms; i++) {
		if (state_of(tid) == want)
			return 1;
		nap_ms(1);
	}
	return state_of(tid) == want;
}

/* CPU time the spinner has had, in ns (schedstat); -1 if unknown. */
static long long ran_ns(pid_t tid)
{
	char path[64];
	long long ns = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/task/%d/schedstat", (int)tid);
	if (!(f = fopen(path, "r")))
		return -1;
	if (fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	fclose(f);
	return ns;
}

/*
 * Did it have most of a CPU since ran_ns() gave before, at since (idle_now())?
 * Where other work keeps both CPUs busy, it does not, and where it runs is
 * then the scheduler's whim: what it would do is not tested there.
 */
static int had_cpu(pid_t tid, long long before, int64_t since)
{
	long long now = ran_ns(tid);

	return before < 0 || now < 0 || (now - before) * 2 >= idle_now() - since;
}

/* A line of /proc/self/task/TID/status ("SigBlk:", ...) into buf. */
static int status_line(pid_t tid, const char *key, char *buf, size_t size)
{
	char path[64], line[512];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	if (!(f = fopen(path, "r")))
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key))) {
			snprintf(buf, size, "%s", line + strlen(key));
			found = 1;
		}
	fclose(f);
	return found;
}

/* Is cpu in the spinner's Cpus_allowed_list ("0-3,5")? */
static int allowed_has(pid_t tid, int cpu)
{
	char buf[256], *p;

	if (!status_line(tid, "Cpus_allowed_list:", buf, sizeof(buf)))
		return -1;
	for (p = buf; *p;) {
		char *end;
		long a = strtol(p, &end, 10), b = a;

		if (end == p)
			break;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		if (cpu >= a && cpu <= b)
			return 1;
		p = *end == ',' ? end + 1 : end;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
	}
	return 0;
}

/* A tracee's stand-in: on one CPU, it runs for a moment every 30 us. */
struct napper {
	int cpu;
	_Atomic int stop;
};

static void *napper_main(void *arg)
{
	struct napper *n = arg;
	struct timespec ts = { 0, 30000 };
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(n->cpu, &one);
	sched_setaffinity(0, sizeof(one), &one);
	while (!atomic_load(&n->stop))
		nanosleep(&ts, NULL);
	return NULL;
}

/*
 * A task that keeps preempting the spinner on its CPU is a tracee living
 * there: the spinner asks the tracer over, and the tracer's next poll
 * moves it to that CPU.
 */
static int test_swap(struct warm *w, pid_t tid, const cpu_set_t *all)
{
	struct napper n;
	pthread_t th;
	int other, i, moved = 0;
	long long before;
	int64_t since;

	touch_run(w, idle_now() + 60 * 1000000000LL);
	wait_state(tid, 'R', 10000);
	nap_ms(20);
	n.cpu = (int)stat_field(tid, 39, NULL);
	atomic_init(&n.stop, 0);
	for (other = 0; other < CPU_SETSIZE; other++)
		if (other != n.cpu && CPU_ISSET(other, all))
			break;
	if (n.cpu < 0 || other == CPU_SETSIZE || pthread_create(&th, NULL, napper_main, &n)) {
		skip("no second CPU or no thread for the swap");
		return 0;
	}
	/*
	 * The tracer polls from the other CPU: put there, then allowed all
	 * CPUs again, as a tracer is (the move keeps to the CPUs it has).
	 */
	before = ran_ns(tid);
	since = idle_now();
	for (i = 0; i < 3000 && !moved; i++) {
		cpu_set_t one;

		CPU_ZERO(&one);
		CPU_SET(other, &one);
		sched_setaffinity(0, sizeof(one), &one);
		sched_setaffinity(0, sizeof(*all), all);
		if (sched_getcpu() != other)
			continue;
		warm_touch(w, idle_now() + 60 * 1000000000LL);
		moved = sched_getcpu() == n.cpu;
		nap_ms(1);
	}
	atomic_store(&n.stop, 1);
	pthread_join(th, NULL);
	sched_setaffinity(0, sizeof(*all), all);
	warm_rest(w, idle_now());
	if (!moved && !had_cpu(tid, before, since)) {
		skip("the spinner had little CPU: the machine is busy");
		return 0;
	}
	ok(moved, "a task preempting the spinner on CPU %d brought the tracer there", n.cpu);
	return 1;
}

static void test_spinner(void)
{
	struct warm_stats st;
	struct warm *w;
	char buf[128];
	pid_t tid;
	cpu_set_t all, one;
	int cpu, kept_off, i;
	long long before = -1;
	int64_t since = 0;
	int swapped = 0;

	w = warm_start();
	if (!w && errno == EPERM) {
		skip("SCHED_IDLE refused here: no spinner to test");
		return;
	}
	ok(w != NULL, "warm_start() starts the spinner");
	if (!w)
		return;
	tid = spinner_tid();
	ok(tid > 0, "the spinner is the thread named sysatlas-warm");
	is_int((int)stat_field(tid, 41, NULL), SCHED_IDLE, "it runs at SCHED_IDLE");
	ok(status_line(tid, "SigBlk:", buf, sizeof(buf)) &&
	   strtoull(buf, NULL, 16) & (1ull << (SIGINT - 1)) &&
	   strtoull(buf, NULL, 16) & (1ull << (SIGTERM - 1)),
	   "it blocks SIGINT and SIGTERM: the tracer takes them");
	ok(wait_state(tid, 'S', 10000), "untouched, it sleeps");

	/* polled a little between rests: not woken */
	for (i = 0; i < 100; i++) {
		warm_touch(w, idle_now() + 60 * 1000000000LL);
		warm_rest(w, idle_now());
	}
	nap_ms(50);
	is_int(state_of(tid), 'S', "a poll or two between rests does not wake it");

	/* touched with a time ahead: it spins until then, or until a rest */
	touch_run(w, idle_now() + 60 * 1000000000LL);
	ok(wait_state(tid, 'R', 10000), "touched, it runs");
	nap_ms(50);
	is_int(state_of(tid), 'R', "50 ms later it still spins");
	warm_rest(w, idle_now());
	ok(wait_state(tid, 'S', 10000), "after a rest it sleeps again, long before the touch's end");

	/* touched now: it spins WARM_SPIN_NS, then sleeps by itself */
	touch_run(w, idle_now());
	ok(wait_state(tid, 'S', 10000), "a touch now ends by itself");

	/* the tracer on the spinner's CPU: the spinner moves off it */
	sched_getaffinity(0, sizeof(all), &all);
	if (CPU_COUNT(&all) < 2) {
		skip("one CPU: nowhere to move");
	} else {
		touch_run(w, idle_now() + 60 * 1000000000LL);
		wait_state(tid, 'R', 10000);
		nap_ms(20);
		cpu = (int)stat_field(tid, 39, NULL);	/* where it last ran */
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		kept_off = 0;
		before = ran_ns(tid);
		since = idle_now();
		if (cpu >= 0 && !sched_setaffinity(0, sizeof(one), &one)) {
			/* touch from there, and sleep, letting the spinner run there */
			for (i = 0; i < 500 && !kept_off; i++) {
				warm_touch(w, idle_now() + 60 * 1000000000LL);
				nap_ms(10);
				kept_off = allowed_has(tid, cpu) == 0;
			}
			sched_setaffinity(0, sizeof(all), &all);
		}
		if (!kept_off && !had_cpu(tid, before, since))
			skip("the spinner had little CPU: the machine is busy");
		else
			ok(kept_off, "found on the tracer's CPU (%d), it keeps off it", cpu);
		warm_rest(w, idle_now());
		swapped = test_swap(w, tid, &all);
	}

	warm_stop(w, &st);
	ok(st.wakes >= 2, "touches woke the sleeping spinner (%llu)",
	   (unsigned long long)st.wakes);
	if (swapped)
		ok(st.swaps >= 1 && st.tracer_moves >= 1, "it asked the tracer over (%llu), "
		   "and the tracer moved (%llu)", (unsigned long long)st.swaps,
		   (unsigned long long)st.tracer_moves);
	ok(st.sleeps >= 3, "it slept each time it had spun long enough (%llu)",
	   (unsigned long long)st.sleeps);
	ok(st.spin_ns > 50000000, "it spun through the 50 ms it was asked to (%.1f ms)",
	   st.spin_ns / 1e6);
	/* a starved spinner is left to end when it next runs */
	for (i = 0; i < 10000 && spinner_tid(); i++)
		nap_ms(1);
	ok(spinner_tid() == 0, "the thread ends after warm_stop()");
	/* NULL, the engine's "no spinner", does nothing (a crash fails the test) */
	warm_stop(NULL, NULL);
	warm_touch(NULL, 0);
	warm_rest(NULL, 0);
}

int main(void)
{
	test_capped();
	test_spinner();
	done_testing();
	return exit_status();
}
