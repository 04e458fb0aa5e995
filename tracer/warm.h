/*
 * warm: keep tracer and tracee on one CPU while stops come fast.
 *
 * Unpinned, a resumed tracee wakes on the CPU it last ran on while that
 * CPU is idle, and the tracer polls on another: every resume is then an
 * interrupt into an idle, in a VM halted, CPU, and every stop one back.
 * Tracer and tracee taking turns on one CPU, as when pinned, pay neither
 * (docs/benchmarks.md, "Tracer and tracee on one CPU, kept there").
 *
 * While the tracer polls, a thread of its own spins at SCHED_IDLE, the
 * lowest priority there is, on the other CPU: with both CPUs busy the
 * scheduler stops looking for an idle one, and wakes the tracee where it
 * stopped, on the tracer's CPU.  If the tracee lives on the spinner's CPU
 * instead (it preempts the spinner at every stop), the spinner asks the
 * tracer over (warm_touch() moves it) and keeps off the tracer's CPU
 * itself.  Any task preempts a SCHED_IDLE thread at once.
 *
 * It spins for WARM_SPIN_NS after the tracer last asked (warm_touch(), at
 * each poll), and only WARM_GRACE_NS more once the tracer sleeps with no
 * tracee expected back soon (warm_rest()); then it sleeps until the
 * tracer has polled WARM_WAKE_RUN times without such a sleep (a tracee
 * that makes a quick call or two between long waits is not worth it).  It
 * never runs at any other priority: where SCHED_IDLE is refused there is
 * no thread.  The engine starts it only where this was measured to help,
 * the tracer allowed on two CPUs, and not where the process's CPU time is
 * capped (warm_cpu_capped()), since spinning would spend it.
 */
#ifndef SYSATLAS_TRACER_WARM_H
#define SYSATLAS_TRACER_WARM_H

#include <stdint.h>

#define WARM_CPUS 2
#define WARM_SPIN_NS 3000000
#define WARM_GRACE_NS 50000
#define WARM_WAKE_RUN 4
#define WARM_WINDOW_NS 1000000
#define WARM_PREEMPT_NS 20000
#define WARM_PREEMPTS 8
#define WARM_SWAP_NS 20000000
#define WARM_JOIN_NS 20000000

struct warm;

struct warm_stats {
	uint64_t wakes;		/* times warm_touch() woke a sleeping spinner */
	uint64_t sleeps;	/* times the spinner went to sleep */
	uint64_t moves;		/* times it stepped off the tracer's CPU */
	int64_t spin_ns;	/* time spent spinning */
	uint64_t swaps;		/* times it asked the tracer to its CPU */
	uint64_t tracer_moves;	/* times the tracer moved there */
};

/*
 * Start the spinner; NULL (errno set, nothing printed) when no thread can
 * be made or it may not be SCHED_IDLE.
 */
struct warm *warm_start(void);

/* The tracer is about to poll for a stop at now_ns (CLOCK_MONOTONIC): spin. */
void warm_touch(struct warm *w, int64_t now_ns);

/* The tracer is about to sleep with no tracee expected back soon. */
void warm_rest(struct warm *w, int64_t now_ns);

/* Stop and join the spinner, and free it; stats, if not NULL, get its counts. */
void warm_stop(struct warm *w, struct warm_stats *stats);

/*
 * Is the CPU time of the process capped?  proc_cgroup is /proc/self/cgroup,
 * cgroup_root where the hierarchies are mounted (/sys/fs/cgroup): a cap
 * in its cgroup or any above it, in cgroup v2 (cpu.max not "max", also
 * under unified/) or v1 (cpu.cfs_quota_us above 0, in the hierarchy that
 * has the cpu controller).  0 where it cannot tell.
 */
int warm_cpu_capped(const char *proc_cgroup, const char *cgroup_root);

#endif
