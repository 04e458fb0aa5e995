/*
 * argv-json: run.argv and run.options (JSON arrays of strings, as the
 * tracer records them) as a command line for the report.  The text is
 * untrusted: a malformed array is refused, never read past its end.
 * Private to web/.
 */
#ifndef SYSATLAS_WEB_ARGV_JSON_H
#define SYSATLAS_WEB_ARGV_JSON_H

#include "strbuf.h"

/*
 * Append the JSON array of strings json (NUL-terminated) as a shell-like
 * command line (words separated by spaces, each as recorded).  -1 when
 * json is not such an array (the caller then shows it raw); out may then
 * hold part of it.
 */
int argv_from_json(const char *json, struct strbuf *out);

#endif
