/*
 * Error reporting in git's manner.
 *
 * Every message goes to stderr as "sysatlas: <what>: <why>".  Library code
 * reports with error() and returns its -1; only cmd_* code calls die() or
 * exits.  A message names untrusted things (paths, lines of a source tree,
 * what a trace holds): its control bytes are written escaped, as strace
 * writes them (escape_terminal()), never raw.
 */
#ifndef SYSATLAS_ERROR_H
#define SYSATLAS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#define SYSATLAS_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* Exit status for usage errors (unknown command or option), as git uses 129
 * and most tools 2; we follow strace and coreutils: 2. */
#define EXIT_USAGE 2

/* Print "sysatlas: <fmt>" and return -1. */
int error(const char *fmt, ...) SYSATLAS_PRINTF(1, 2);

/* Like error(), followed by ": strerror(errno)". Returns -1; errno kept. */
int error_errno(const char *fmt, ...) SYSATLAS_PRINTF(1, 2);

/* Print "sysatlas: warning: <fmt>"; never fails. */
void warning(const char *fmt, ...) SYSATLAS_PRINTF(1, 2);

/* Print "sysatlas: <fmt>", a message that is no error (a summary); never fails. */
void note(const char *fmt, ...) SYSATLAS_PRINTF(1, 2);

/*
 * Print s and a newline on stdout (a path for the user or a script), its
 * control bytes escaped as in messages.  0, or -1 with errno set.
 */
int print_line(const char *s);

/* Print "sysatlas: <fmt>" and exit(1). */
void die(const char *fmt, ...) SYSATLAS_PRINTF(1, 2) __attribute__((noreturn));

/* Like die(), followed by ": strerror(errno)". */
void die_errno(const char *fmt, ...) SYSATLAS_PRINTF(1, 2) __attribute__((noreturn));

/*
 * Redirect messages (for tests): routine receives the full line without the
 * trailing newline.  NULL restores the default, which writes to stderr.
 */
typedef void (*error_routine)(const char *line);
void error_set_routine(error_routine fn);

/* Abort with a message on allocation failure; never returns NULL. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
