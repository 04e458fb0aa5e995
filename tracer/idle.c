/*
 * idle: a background thread's sleep that its owner can cut short (idle.h).
 */
#include <signal.h>
#include <time.h>

#include "idle.h"

void idle_init(struct idle *i)
{
	pthread_condattr_t a;

	pthread_mutex_init(&i->lock, NULL);
	pthread_condattr_init(&a);
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
	pthread_cond_init(&i->cond, &a);
	pthread_condattr_destroy(&a);
	i->woken = 0;
}

void idle_destroy(struct idle *i)
{
	pthread_cond_destroy(&i->cond);
	pthread_mutex_destroy(&i->lock);
}

void idle_wait(struct idle *i, int64_t ns)
{
	struct timespec until;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += (time_t)(ns / 1000000000);
	until.tv_nsec += (long)(ns % 1000000000);
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&i->lock);
	/* one wait: a spurious wake-up only ends the sleep early */
	if (!i->woken)
		pthread_cond_timedwait(&i->cond, &i->lock, &until);
	pthread_mutex_unlock(&i->lock);
}

void idle_wake(struct idle *i)
{
	pthread_mutex_lock(&i->lock);
	i->woken = 1;
	pthread_cond_broadcast(&i->cond);
	pthread_mutex_unlock(&i->lock);
}

int idle_thread_start(pthread_t *thread, void *(*fn)(void *), void *arg)
{
	sigset_t all, old;
	int err;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(thread, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return err;
}
