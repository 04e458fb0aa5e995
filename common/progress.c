#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "progress.h"

#define BAR_WIDTH 24

struct progress {
	pthread_mutex_t lock;
	FILE *out;
	char *title;
	uint64_t total, done;
	int tty, color;
	double start, last_draw;
	unsigned last_decile;
};

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_format_duration(double s, char *buf, size_t size)
{
	unsigned long t = s < 0 ? 0 : (unsigned long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, size, "%luh%02lum", t / 3600, t / 60 % 60);
	else if (t >= 60)
		snprintf(buf, size, "%lum%02lus", t / 60, t % 60);
	else
		snprintf(buf, size, "%lus", t);
}

struct progress *progress_start_to(FILE *out, int tty, const char *title,
				   uint64_t total)
{
	const char *env = getenv("SYSATLAS_PROGRESS");
	struct progress *p;

	if (env && !strcmp(env, "0"))
		return NULL;
	p = xcalloc(1, sizeof(*p));
	pthread_mutex_init(&p->lock, NULL);
	p->out = out;
	p->title = xstrdup(title);
	p->total = total;
	p->tty = tty;
	p->color = tty && !getenv("NO_COLOR");
	p->start = p->last_draw = now_seconds();
	return p;
}

struct progress *progress_start(const char *title, uint64_t total)
{
	return progress_start_to(stderr, isatty(STDERR_FILENO), title, total);
}

/* Caller holds the lock. */
static void draw(struct progress *p, double now, int final)
{
	double elapsed = now - p->start;
	double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	char eta[16] = "", took[16];

	progress_format_duration(elapsed, took, sizeof(took));
	if (!final && p->total && rate > 0 && p->done < p->total)
		progress_format_duration((double)(p->total - p->done) / rate, eta, sizeof(eta));

	if (p->tty)
		fputs("\r\033[K", p->out);
	fprintf(p->out, "%s: ", p->title);
	if (p->total) {
		unsigned pct = (unsigned)(p->done * 100 / p->total);
		unsigned fill = (unsigned)(p->done * BAR_WIDTH / p->total);

		if (p->tty) {
			fprintf(p->out, "%s[", p->color ? "\033[32m" : "");
			for (unsigned i = 0; i < BAR_WIDTH; i++)
				fputc(i < fill ? '#' : '.', p->out);
			fprintf(p->out, "]%s ", p->color ? "\033[0m" : "");
		}
		fprintf(p->out, "%3u%% (%llu/%llu)", pct,
			(unsigned long long)p->done, (unsigned long long)p->total);
	} else {
		fprintf(p->out, "%llu", (unsigned long long)p->done);
	}
	fprintf(p->out, ", %.1f/s", rate);
	if (final)
		fprintf(p->out, ", done in %s\n", took);
	else if (*eta)
		fprintf(p->out, ", ETA %s", eta);
	if (!p->tty && !final)
		fputc('\n', p->out);
	fflush(p->out);
	p->last_draw = now;
}

static void maybe_draw(struct progress *p)
{
	double now = now_seconds();

	if (p->tty) {
		if (now - p->last_draw >= 0.1)
			draw(p, now, 0);
	} else if (p->total) {
		unsigned decile = (unsigned)(p->done * 10 / p->total);

		if (decile > p->last_decile && p->done < p->total) {
			p->last_decile = decile;
			draw(p, now, 0);
		}
	} else if (now - p->last_draw >= 5.0) {
		draw(p, now, 0);
	}
}

void progress_update(struct progress *p, uint64_t done)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->done = done;
	maybe_draw(p);
	pthread_mutex_unlock(&p->lock);
}

void progress_add(struct progress *p, uint64_t n)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->done += n;
	maybe_draw(p);
	pthread_mutex_unlock(&p->lock);
}

void progress_stop(struct progress **pp)
{
	struct progress *p = *pp;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	draw(p, now_seconds(), 1);
	pthread_mutex_unlock(&p->lock);
	pthread_mutex_destroy(&p->lock);
	free(p->title);
	free(p);
	*pp = NULL;
}
