/*
 * warm: a SCHED_IDLE thread that spins while the tracer polls (warm.h).
 *
 * The tracer stores when it last asked (touched) and where it ran
 * (tracer_cpu); the spinner reads both between pauses.  Once touched is
 * older than WARM_SPIN_NS it sleeps on a futex, and warm_touch() wakes it.
 * The tracer never waits for the spinner: a SCHED_IDLE thread may wait a
 * second for a CPU that another task keeps busy, and a lock it held then
 * would stall the tracer with it.  So there is no lock: the two sides
 * order sleeping against touched with sequentially consistent atomics,
 * and a touch is never missed (either the tracer sees sleeping set, or the
 * spinner sees the new touched).  For the same reason the tracer makes the
 * thread SCHED_IDLE itself, and at the end waits only WARM_JOIN_NS for it.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "idle.h"
#include "warm.h"

struct warm {
	pthread_t thread;
	_Atomic int go;			/* 0 wait, 1 run, -1 end before running */
	_Atomic int64_t touched;	/* when the tracer last asked */
	_Atomic int tracer_cpu;		/* where it ran then; -1 unknown */
	_Atomic int sleeping;		/* the spinner waits on this futex */
	_Atomic int stop;
	_Atomic int done;		/* the thread has returned */
	_Atomic int swap_to;		/* a tracee runs on the spinner's CPU: come here */
	cpu_set_t allowed;		/* the CPUs the spinner may use: the tracer's */
	int excluded;			/* the CPU it keeps off (the tracer's); -1 none */
	int64_t swapped_at;		/* when it last asked the tracer over */
	unsigned run;			/* the tracer's polls since it last rested */
	struct warm_stats st;		/* wakes, tracer_moves: the tracer's; the rest the spinner's */
	struct warm *parked_next;	/* on warm_parked */
};

/* Spinners that did not end in time at warm_stop(): kept, not freed. */
static struct warm *warm_parked;

static inline void warm_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield" ::: "memory");
#else
	__asm__ __volatile__("" ::: "memory");
#endif
}

static void warm_futex_wait(_Atomic int *addr, int val)
{
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void warm_futex_wake(_Atomic int *addr)
{
	syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/*
 * Found on the tracer's CPU: keep off it from now on.  Waiting behind the
 * tracer there, the spinner would get that CPU whenever the tracer yields
 * in its poll, and keep it until the next tick.
 */
static void warm_keep_off(struct warm *w, int cpu)
{
	cpu_set_t m = w->allowed;

	if (cpu < 0 || cpu >= CPU_SETSIZE || cpu == w->excluded)
		return;
	CPU_CLR(cpu, &m);
	if (CPU_COUNT(&m) && !sched_setaffinity(0, sizeof(m), &m)) {	/* this thread */
		w->excluded = cpu;
		w->st.moves++;
	}
}

/*
 * Spin until WARM_SPIN_NS have passed since the last touch, or stop.  Once
 * a window (WARM_WINDOW_NS), if something ran on this CPU in many short
 * turns, a tracee lives here and the tracer is elsewhere: ask the tracer
 * over (warm_touch() moves it), and this thread then keeps off it.  Tracer
 * and tracee then share a CPU, the tracee woken where it stopped.
 */
static void warm_spin(struct warm *w)
{
	int64_t start = idle_now(), now = start, last = start, window = start;
	int i, cpu = -1, preempted = 0;

	while (!atomic_load_explicit(&w->stop, memory_order_relaxed) &&
	       now - atomic_load_explicit(&w->touched, memory_order_relaxed) < WARM_SPIN_NS) {
		cpu = sched_getcpu();
		if (cpu >= 0 && cpu == atomic_load_explicit(&w->tracer_cpu, memory_order_relaxed))
			warm_keep_off(w, cpu);
		for (i = 0; i < 64; i++)
			warm_relax();
		now = idle_now();
		if (now - last > WARM_PREEMPT_NS)
			preempted++;	/* something ran here meanwhile */
		last = now;
		if (now - window < WARM_WINDOW_NS)
			continue;
		if (preempted >= WARM_PREEMPTS && cpu >= 0 && now - w->swapped_at > WARM_SWAP_NS) {
			atomic_store(&w->swap_to, cpu);
			w->swapped_at = now;
			w->st.swaps++;
		}
		preempted = 0;
		window = now;
	}
	w->st.spin_ns += now - start;
}

/* Sleep until touched again, or stopped. */
static void warm_sleep(struct warm *w)
{
	atomic_store(&w->sleeping, 1);
	/* a touch made before the store above did not see it: look again */
	if (idle_now() - atomic_load(&w->touched) < WARM_SPIN_NS || atomic_load(&w->stop)) {
		atomic_store(&w->sleeping, 0);
		return;
	}
	w->st.sleeps++;
	while (atomic_load(&w->sleeping) && !atomic_load(&w->stop))
		warm_futex_wait(&w->sleeping, 1);
}

static void *warm_main(void *arg)
{
	struct warm *w = arg;

	while (!atomic_load(&w->go))
		warm_futex_wait(&w->go, 0);
	if (atomic_load(&w->go) > 0)
		while (!atomic_load(&w->stop)) {
			warm_spin(w);
			warm_sleep(w);
		}
	atomic_store(&w->done, 1);
	return NULL;
}

struct warm *warm_start(void)
{
	struct warm *w = calloc(1, sizeof(*w));
	struct sched_param sp;
	int err;

	if (!w)
		return NULL;
	atomic_init(&w->go, 0);
	atomic_init(&w->touched, INT64_MIN / 2);	/* long ago: it starts asleep */
	atomic_init(&w->tracer_cpu, -1);
	atomic_init(&w->sleeping, 0);
	atomic_init(&w->stop, 0);
	atomic_init(&w->done, 0);
	atomic_init(&w->swap_to, -1);
	w->excluded = -1;
	w->swapped_at = INT64_MIN / 2;
	if (sched_getaffinity(0, sizeof(w->allowed), &w->allowed)) {
		err = errno;
		free(w);
		errno = err;
		return NULL;
	}
	err = idle_thread_start(&w->thread, warm_main, w);
	if (err) {
		free(w);
		errno = err;
		return NULL;
	}
	pthread_setname_np(w->thread, "sysatlas-warm");
	memset(&sp, 0, sizeof(sp));
	err = pthread_setschedparam(w->thread, SCHED_IDLE, &sp);
	atomic_store(&w->go, err ? -1 : 1);	/* never spin at any other priority */
	warm_futex_wake(&w->go);
	if (err) {
		pthread_join(w->thread, NULL);	/* it ends at once, at our priority */
		free(w);
		errno = err;
		return NULL;
	}
	return w;
}

/*
 * Move the calling thread (the tracer) to cpu, then give it back the CPUs
 * it had: it stays there until the scheduler moves it.
 */
static int warm_move_tracer(int cpu)
{
	cpu_set_t had, one;

	if (cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof(had), &had) ||
	    !CPU_ISSET(cpu, &had))
		return -1;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one))
		return -1;
	sched_setaffinity(0, sizeof(had), &had);
	return 0;
}

void warm_touch(struct warm *w, int64_t now_ns)
{
	int cpu, to;

	if (!w)
		return;
	if (w->run < WARM_WAKE_RUN)
		w->run++;
	if (w->run < WARM_WAKE_RUN && atomic_load_explicit(&w->sleeping, memory_order_relaxed))
		return;		/* a poll or two between sleeps: not worth a CPU */
	cpu = sched_getcpu();
	to = atomic_load_explicit(&w->swap_to, memory_order_relaxed);
	if (to >= 0) {
		atomic_store_explicit(&w->swap_to, -1, memory_order_relaxed);
		if (to != cpu && !warm_move_tracer(to)) {
			cpu = sched_getcpu();
			w->st.tracer_moves++;
		}
	}
	atomic_store_explicit(&w->tracer_cpu, cpu, memory_order_relaxed);
	atomic_store(&w->touched, now_ns);
	if (atomic_load(&w->sleeping) && atomic_exchange(&w->sleeping, 0)) {
		warm_futex_wake(&w->sleeping);
		w->st.wakes++;
	}
}

void warm_rest(struct warm *w, int64_t now_ns)
{
	int64_t until;

	if (!w)
		return;
	w->run = 0;
	until = now_ns - WARM_SPIN_NS + WARM_GRACE_NS;	/* as if touched then */
	if (atomic_load_explicit(&w->touched, memory_order_relaxed) > until)
		atomic_store_explicit(&w->touched, until, memory_order_relaxed);
}

void warm_stop(struct warm *w, struct warm_stats *stats)
{
	int64_t until;

	if (!w)
		return;
	atomic_store(&w->stop, 1);
	atomic_store(&w->sleeping, 0);
	warm_futex_wake(&w->sleeping);
	/* a starved SCHED_IDLE thread may take long to run and end: wait a little */
	until = idle_now() + WARM_JOIN_NS;
	while (!atomic_load(&w->done) && idle_now() < until) {
		struct timespec ts = { 0, 100000 };

		nanosleep(&ts, NULL);
	}
	if (stats)
		*stats = w->st;
	if (atomic_load(&w->done)) {
		pthread_join(w->thread, NULL);
		free(w);
		return;
	}
	/* it ends when it next runs, or with the process; its memory stays */
	pthread_detach(w->thread);
	w->parked_next = warm_parked;	/* reachable: not a leak */
	warm_parked = w;
}

/* --- is this process's CPU time capped? ------------------------------- */

/* Read the first line of dir/name into buf; -1 if there is none. */
static int warm_read_line(const char *dir, const char *name, char *buf, size_t size)
{
	char path[PATH_MAX];
	FILE *f;
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= sizeof(path) || !(f = fopen(path, "re")))
		return -1;
	if (!fgets(buf, (int)size, f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* Is there a cap in dir or above it, down to root? (v2: cpu.max; v1: cpu.cfs_quota_us) */
static int warm_capped_up(const char *root, const char *cgpath, int v2)
{
	char dir[PATH_MAX], buf[128], *slash;
	size_t rootlen = strlen(root);
	int n = snprintf(dir, sizeof(dir), "%s%s", root, cgpath);

	if (n < 0 || (size_t)n >= sizeof(dir))
		return 0;
	while (strlen(dir) > rootlen && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	for (;;) {
		if (v2 ? !warm_read_line(dir, "cpu.max", buf, sizeof(buf)) &&
			 strncmp(buf, "max", 3) :
			 !warm_read_line(dir, "cpu.cfs_quota_us", buf, sizeof(buf)) &&
			 strtoll(buf, NULL, 10) > 0)
			return 1;
		if (strlen(dir) <= rootlen)
			return 0;
		slash = strrchr(dir + rootlen, '/');
		if (!slash)
			return 0;
		*slash = '\0';
	}
}

/* Does the v1 controller list (a, b, c) name "cpu"? */
static int warm_names_cpu(const char *list, size_t len)
{
	size_t i = 0, j;

	while (i < len) {
		for (j = i; j < len && list[j] != ','; j++)
			;
		if (j - i == 3 && !memcmp(list + i, "cpu", 3))
			return 1;
		i = j + 1;
	}
	return 0;
}

int warm_cpu_capped(const char *proc_cgroup, const char *cgroup_root)
{
	char line[4096], dir[PATH_MAX];
	FILE *f = fopen(proc_cgroup, "re");
	int capped = 0;

	if (!f)
		return 0;
	while (!capped && fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2, *path, *nl;

		if (!c1 || !(c2 = strchr(c1 + 1, ':')))
			continue;
		path = c2 + 1;
		if ((nl = strchr(path, '\n')))
			*nl = '\0';
		if (path[0] != '/' || strstr(path, "/../") || strstr(path, "/.."))
			continue;	/* only paths below the root */
		if (c2 == c1 + 1) {	/* 0::/path: v2, alone or beside v1 */
			capped = warm_capped_up(cgroup_root, path, 1);
			if (!capped && snprintf(dir, sizeof(dir), "%s/unified", cgroup_root) <
					       (int)sizeof(dir))
				capped = warm_capped_up(dir, path, 1);
		} else if (warm_names_cpu(c1 + 1, (size_t)(c2 - c1 - 1))) {
			int n = snprintf(dir, sizeof(dir), "%s/%.*s", cgroup_root,
					 (int)(c2 - c1 - 1), c1 + 1);

			if (n > 0 && (size_t)n < sizeof(dir))
				capped = warm_capped_up(dir, path, 0);
		}
	}
	fclose(f);
	return capped;
}
