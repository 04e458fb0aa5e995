/*
 * driver: main() for a fuzz target where libFuzzer is not used (gcc
 * builds, the fuzz-smoke suite of scripts/test.sh).  It takes libFuzzer's
 * command line, as far as it goes:
 *
 *   fuzz-NAME [-max_total_time=S] [-runs=N] [-seed=N] [-max_len=N] FILE|DIR...
 *
 * replays every input once, then mutates them at random (bit flips, bytes
 * that parsers care about, insertions, deletions, repeated runs, splices)
 * until S seconds or N runs have passed.  There is no coverage feedback:
 * this is a smoke test that the targets and their oracles hold on the
 * seeds and near them; long runs use libFuzzer (README.md).  A crash
 * leaves the input that caused it in ./crash-PID.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

struct input {
	uint8_t *data;
	size_t len;
};

static struct input *inputs;
static size_t ninputs, ainputs;
static const uint8_t *current;
static size_t current_len;

static void add_input(const uint8_t *data, size_t len)
{
	if (ninputs == ainputs) {
		ainputs = ainputs ? 2 * ainputs : 64;
		inputs = realloc(inputs, ainputs * sizeof(*inputs));
		if (!inputs)
			abort();
	}
	inputs[ninputs].data = malloc(len ? len : 1);
	if (!inputs[ninputs].data)
		abort();
	memcpy(inputs[ninputs].data, data, len);
	inputs[ninputs++].len = len;
}

static void load_file(const char *path, size_t max_len)
{
	uint8_t *buf;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f) {
		perror(path);
		exit(1);
	}
	buf = malloc(max_len ? max_len : 1);
	if (!buf)
		abort();
	n = fread(buf, 1, max_len, f);
	fclose(f);
	add_input(buf, n);
	free(buf);
}

static void load(const char *path, size_t max_len)
{
	struct stat st;
	struct dirent *de;
	DIR *d;

	if (stat(path, &st) < 0) {
		perror(path);
		exit(1);
	}
	if (!S_ISDIR(st.st_mode)) {
		load_file(path, max_len);
		return;
	}
	d = opendir(path);
	while (d && (de = readdir(d))) {
		char sub[4096];

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (stat(sub, &st) == 0 && S_ISREG(st.st_mode))
			load_file(sub, max_len);
	}
	if (d)
		closedir(d);
}

/* The input being run, written out when it crashes the target. */
static void on_crash(int sig)
{
	char name[64];
	int fd;

	snprintf(name, sizeof(name), "crash-%d", (int)getpid());
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		if (write(fd, current, current_len) < 0)
			(void)0;
		close(fd);
	}
	if (write(2, "fuzz: crashed; the input is in ./", 33) < 0 ||
	    write(2, name, strlen(name)) < 0 || write(2, "\n", 1) < 0)
		(void)0;
	signal(sig, SIG_DFL);
	raise(sig);
}

static unsigned long long rng;

static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

/* Bytes the parsers here care about. */
static const uint8_t special[] = {
	0, 0xff, 0x7f, 0x80, 0x9b, 0xc0, 0xe0, 0xf0, '\n', '\r', '\t', ' ', '"', '\\',
	'(', ')', '[', ']', '{', '}', '$', '%', '#', '!', '&', '|', '=', ',', ':', '<',
	'>', '/', '.', '0', '9', 'x', 'u', 0x1b,
};

/* Mutate buf[0..*len) in place (capacity cap). */
static void mutate(uint8_t *buf, size_t *len, size_t cap)
{
	int k, rounds = 1 + (int)below(4);

	for (k = 0; k < rounds; k++) {
		size_t n = *len, at = below(n + 1), span;

		switch (below(8)) {
		case 0:		/* flip a bit */
			if (n)
				buf[below(n)] ^= (uint8_t)(1u << below(8));
			break;
		case 1:		/* a special byte */
			if (n)
				buf[below(n)] = special[below(sizeof(special))];
			break;
		case 2:		/* insert bytes */
			span = 1 + below(8);
			if (n + span <= cap) {
				size_t i;

				memmove(buf + at + span, buf + at, n - at);
				for (i = 0; i < span; i++)
					buf[at + i] = rnd() & 1 ? special[below(sizeof(special))] :
						  (uint8_t)rnd();
				*len = n + span;
			}
			break;
		case 3:		/* delete a range */
			if (n) {
				at = below(n);
				span = 1 + below(n - at < 64 ? n - at : 64);
				memmove(buf + at, buf + at + span, n - at - span);
				*len = n - span;
			}
			break;
		case 4:		/* repeat a short range many times: nesting, long runs */
			if (n) {
				size_t from = below(n), w = 1 + below(n - from < 8 ? n - from : 8);
				size_t times = 1 + below(256);

				while (times-- && *len + w <= cap) {
					memmove(buf + from + w, buf + from, *len - from);
					*len += w;
				}
			}
			break;
		case 5:		/* copy a range over another place */
			if (n > 1) {
				size_t from = below(n), to = below(n);

				span = 1 + below(n - (from > to ? from : to));
				memmove(buf + to, buf + from, span);
			}
			break;
		case 6: {	/* splice in part of another input */
			const struct input *o = &inputs[below(ninputs)];

			if (o->len) {
				size_t from = below(o->len);

				span = 1 + below(o->len - from);
				if (n + span > cap)
					span = cap - n;
				memmove(buf + at + span, buf + at, n - at);
				memcpy(buf + at, o->data + from, span);
				*len = n + span;
			}
			break;
		}
		default:	/* cut the end */
			if (n)
				*len = below(n + 1);
			break;
		}
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	double max_time = 0, t0;
	unsigned long long runs = 0, max_runs = 0, seed = 0;
	size_t max_len = 65536, i, len;
	uint8_t *buf;
	int a;

	LLVMFuzzerInitialize(&argc, &argv);
	for (a = 1; a < argc; a++) {
		if (!strncmp(argv[a], "-max_total_time=", 16))
			max_time = atof(argv[a] + 16);
		else if (!strncmp(argv[a], "-runs=", 6))
			max_runs = strtoull(argv[a] + 6, NULL, 10);
		else if (!strncmp(argv[a], "-seed=", 6))
			seed = strtoull(argv[a] + 6, NULL, 10);
		else if (!strncmp(argv[a], "-max_len=", 9))
			max_len = strtoul(argv[a] + 9, NULL, 10);
		else if (argv[a][0] != '-')
			load(argv[a], max_len);
	}
	if (!ninputs)
		add_input((const uint8_t *)"", 0);
	signal(SIGSEGV, on_crash);
	signal(SIGABRT, on_crash);
	signal(SIGBUS, on_crash);
	signal(SIGFPE, on_crash);
	signal(SIGILL, on_crash);
	rng = (seed ? seed : (unsigned long long)time(NULL) ^ (unsigned long long)getpid()) | 1;
	fprintf(stderr, "fuzz: %zu inputs, seed %llu\n", ninputs, rng);

	t0 = now();
	for (i = 0; i < ninputs; i++) {
		current = inputs[i].data;
		current_len = inputs[i].len;
		LLVMFuzzerTestOneInput(current, current_len);
		runs++;
	}
	buf = malloc(max_len ? max_len : 1);
	if (!buf)
		abort();
	while ((!max_runs || runs < max_runs) && (max_runs || now() - t0 < max_time)) {
		const struct input *in = &inputs[below(ninputs)];

		len = in->len < max_len ? in->len : max_len;
		memcpy(buf, in->data, len);
		mutate(buf, &len, max_len);
		current = buf;
		current_len = len;
		LLVMFuzzerTestOneInput(buf, len);
		runs++;
	}
	fprintf(stderr, "fuzz: Done %llu runs in %.0f second(s), no crash\n", runs, now() - t0);
	free(buf);
	for (i = 0; i < ninputs; i++)
		free(inputs[i].data);
	free(inputs);
	return 0;
}
