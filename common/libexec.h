/*
 * Helper programs in libexec/, as git runs its own: a command whose code
 * needs heavy libraries (libclang and LLVM for `sysatlas index`) lives in
 * a separate executable, so every other command starts without loading
 * them.
 */
#ifndef SYSATLAS_LIBEXEC_H
#define SYSATLAS_LIBEXEC_H

#include "strbuf.h"

/*
 * Find helper program name (e.g. "sysatlas-index") and put its full path
 * in out.  Searched in order: $SYSATLAS_EXEC_PATH; <exe dir>/../libexec/
 * sysatlas (a relocated install); <exe dir> itself (running from a build
 * directory, where the helper is built beside sysatlas); the configured
 * install libexecdir.  Returns 0, or -1 after error() naming the places
 * searched.
 */
int libexec_find(const char *name, struct strbuf *out);

/*
 * Replace this process with helper name, giving it argv (argv[0] is
 * replaced by the helper's path).  Returns only on failure: -1 after
 * error().
 */
int libexec_exec(const char *name, char **argv);

#endif
