/*
 * tap.h: a tiny in-house TAP producer for unit tests (meson protocol: 'tap').
 *
 *	plan(3);  or  done_testing() at the end
 *	ok(cond, "name %d", i);
 *	is_int(got, want, "name");
 *	is_str(got, want, "name");
 *	is_mem(got, got_len, want, want_len, "name");
 *	diag("note");
 *	skip("why this check cannot be made here");
 *	return exit_status();
 *
 * Each check prints "ok N - name" or "not ok N - name" with a diagnostic
 * showing got and want.  Header-only: include it in one test file.
 */
#ifndef SYSATLAS_TAP_H
#define SYSATLAS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_run, tap_failed, tap_planned;

static inline void plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

static inline void skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

static inline void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A check that cannot be made here, and why. */
static inline void skip(const char *why)
{
	printf("ok %d # SKIP %s\n", ++tap_run, why);
	fflush(stdout);
}

static inline void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static inline int tap_vok(int cond, const char *fmt, va_list ap)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	fputc('\n', stdout);
	fflush(stdout);
	return cond;
}

static inline int ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int ok(int cond, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = tap_vok(cond, fmt, ap);
	va_end(ap);
	return r;
}

/* Print bytes with C escapes so a diagnostic shows NULs and bad UTF-8. */
static inline void tap_show(const char *label, const char *s, size_t len)
{
	size_t i;

	printf("#   %s: ", label);
	if (!s) {
		puts("(null)");
		return;
	}
	putchar('"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c >= 0x20 && c < 0x7f)
			putchar(c);
		else
			printf("\\x%02x", c);
	}
	puts("\"");
}

#define is_int(got, want, ...) do { \
	long long tap_g = (long long)(got), tap_w = (long long)(want); \
	if (!ok(tap_g == tap_w, __VA_ARGS__)) \
		printf("#   got: %lld\n#   want: %lld\n", tap_g, tap_w); \
} while (0)

#define is_mem(got, glen, want, wlen, ...) do { \
	const char *tap_g = (got), *tap_w = (want); \
	size_t tap_gl = (glen), tap_wl = (wlen); \
	int tap_same = tap_g && tap_w && tap_gl == tap_wl && !memcmp(tap_g, tap_w, tap_gl); \
	if (!ok(tap_same || (!tap_g && !tap_w), __VA_ARGS__)) { \
		tap_show("got", tap_g, tap_gl); \
		tap_show("want", tap_w, tap_wl); \
	} \
} while (0)

#define is_str(got, want, ...) do { \
	const char *tap_gs = (got), *tap_ws = (want); \
	is_mem(tap_gs, tap_gs ? strlen(tap_gs) : 0, tap_ws, tap_ws ? strlen(tap_ws) : 0, __VA_ARGS__); \
} while (0)

static inline void done_testing(void)
{
	if (!tap_planned)
		printf("1..%d\n", tap_run);
}

static inline int exit_status(void)
{
	if (tap_planned && tap_planned != tap_run) {
		diag("planned %d tests but ran %d", tap_planned, tap_run);
		return 1;
	}
	return tap_failed ? 1 : 0;
}

#endif
