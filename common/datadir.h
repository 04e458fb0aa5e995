/*
 * Where sysatlas finds its data files (the built-in index, link templates,
 * web assets), so the installed binary works without the source tree.
 */
#ifndef SYSATLAS_DATADIR_H
#define SYSATLAS_DATADIR_H

#include "strbuf.h"

/*
 * Find data file name (e.g. "default-index.db") and put its full path in
 * out.  Searched in order: $SYSATLAS_DATADIR; <exe dir>/../share/sysatlas
 * (a relocated install); the configured install datadir; the build tree's
 * data/ and the source tree's data/ (running from a build directory).
 * Returns 0, or -1 after error() naming the places searched.
 */
int datadir_find(const char *name, struct strbuf *out);

#endif
