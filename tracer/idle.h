/*
 * idle: a background thread's sleep that its owner can cut short.
 *
 * The writer and the sampler sleep when they have nothing to do (10 ms,
 * 2 ms).  At the end of a trace the engine stops them and joins them; a
 * plain nanosleep made every trace wait out the rest of that sleep (8 ms
 * of a 21 ms `sysatlas trace -- /bin/true`).  idle_wait() sleeps on a
 * condition variable instead, which idle_wake() signals.
 *
 * The background threads (writer, sampler, warm.c's spinner) also start
 * here, with every signal blocked, and read the one clock, idle_now().
 */
#ifndef SYSATLAS_TRACER_IDLE_H
#define SYSATLAS_TRACER_IDLE_H

#include <pthread.h>
#include <stdint.h>
#include <time.h>

struct idle {
	pthread_mutex_t lock;
	pthread_cond_t cond;		/* on CLOCK_MONOTONIC */
	int woken;
};

void idle_init(struct idle *i);
void idle_destroy(struct idle *i);

/* Sleep up to ns nanoseconds, or until idle_wake() (at once if it was called). */
void idle_wait(struct idle *i, int64_t ns);

/* End the current and every later idle_wait() at once. */
void idle_wake(struct idle *i);

/*
 * Start a background thread that takes no signal: they are the tracer's
 * to take (SIGINT must end its wait4).  0, or an errno value.
 */
int idle_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg);

/* CLOCK_MONOTONIC in nanoseconds. */
static inline int64_t idle_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

#endif
