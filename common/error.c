#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"

static error_routine routine;

void error_set_routine(error_routine fn)
{
	routine = fn;
}

static void report(const char *prefix, const char *fmt, va_list ap, int errnum)
{
	struct strbuf shown = STRBUF_INIT;
	char msg[4096];
	int n;

	n = snprintf(msg, sizeof(msg), "sysatlas: %s", prefix);
	if (n < 0 || (size_t)n >= sizeof(msg))
		n = 0;
	vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
	if (errnum) {
		size_t len = strlen(msg);
		snprintf(msg + len, sizeof(msg) - len, ": %s", strerror(errnum));
	}
	/* names and lines from traces and source trees: no control byte reaches the terminal */
	escape_terminal(&shown, msg, strlen(msg));
	if (routine) {
		routine(shown.buf);
	} else {
		fflush(stdout);
		fprintf(stderr, "%s\n", shown.buf);
	}
	strbuf_release(&shown);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap, 0);
	va_end(ap);
	return -1;
}

int error_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap, saved);
	va_end(ap);
	errno = saved;
	return -1;
}

void warning(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	report("warning: ", fmt, ap, 0);
	va_end(ap);
	errno = saved;
}

void note(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap, 0);
	va_end(ap);
	errno = saved;
}

int print_line(const char *s)
{
	struct strbuf shown = STRBUF_INIT;
	int rc;

	escape_terminal_str(&shown, s);
	strbuf_addch(&shown, '\n');
	rc = fwrite(shown.buf, 1, shown.len, stdout) == shown.len ? 0 : -1;
	strbuf_release(&shown);
	return rc;
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap, 0);
	va_end(ap);
	exit(1);
}

void die_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;

	va_start(ap, fmt);
	report("", fmt, ap, saved);
	va_end(ap);
	exit(1);
}

static void *check_alloc(void *p, size_t size)
{
	if (!p && size) {
		fputs("sysatlas: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t size)
{
	return check_alloc(malloc(size ? size : 1), size ? size : 1);
}

void *xcalloc(size_t n, size_t size)
{
	if (!n || !size)
		n = size = 1;
	return check_alloc(calloc(n, size), n * size);
}

void *xrealloc(void *ptr, size_t size)
{
	return check_alloc(realloc(ptr, size ? size : 1), size ? size : 1);
}

char *xstrdup(const char *s)
{
	return check_alloc(strdup(s), 1);
}

char *xstrndup(const char *s, size_t n)
{
	return check_alloc(strndup(s, n), 1);
}
