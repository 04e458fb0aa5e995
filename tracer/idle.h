/*
 * idle: a background thread's sleep that its owner can cut short.
 *
 * The writer and the sampler sleep when they have nothing to do (10 ms,
 * 2 ms).  At the end of a trace the engine stops them and joins them; a
 * plain nanosleep made every trace wait out the rest of that sleep (8 ms
 * of a 21 ms `sysatlas trace -- /bin/true`).  idle_wait() sleeps on a
 * condition variable instead, which idle_wake() signals.
 */
#ifndef SYSATLAS_TRACER_IDLE_H
#define SYSATLAS_TRACER_IDLE_H

#include <pthread.h>
#include <stdint.h>

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

#endif
