/*
 * redact: strace lines without the strings read from the traced program's
 * memory, for a report that is to be published (`report --redact`).
 *
 * Every string literal strace printed ("/etc/passwd", "hello\n") keeps
 * its quotes and its place, and its contents become their length in
 * bytes ("<11 bytes>"), C escapes counted as the one byte each stands
 * for; strace's "..." after a cut string stays.  A literal that reads
 * "<N bytes>" already is kept, so redacting twice changes nothing.  Nothing else changes:
 * numbers, flags and structures carry no text the program wrote.
 */
#ifndef SYSATLAS_REDACT_H
#define SYSATLAS_REDACT_H

#include <stddef.h>

#include "strbuf.h"

/* Append text, its string literals redacted, to out. */
void redact_strings(struct strbuf *out, const char *text, size_t len);

/* Whether text holds a string literal redact_strings() would change. */
int redact_needed(const char *text, size_t len);

#endif
