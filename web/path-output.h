/*
 * path-output: `sysatlas path` output formats for an assembled syscall
 * path (path-build.h): aligned text for terminals, DOT text, SVG.
 */
#ifndef SYSATLAS_WEB_PATH_OUTPUT_H
#define SYSATLAS_WEB_PATH_OUTPUT_H

#include "link.h"
#include "path-build.h"
#include "strbuf.h"

/*
 * Append the path as aligned text: a heading naming the syscall and the
 * indexed tree, then each section with, per step, its function, file:line
 * and the line calling the next step.  With ls non-NULL each step is
 * followed by its URL(s).  A section the index lacks says so.
 */
void path_text_write(struct strbuf *out, const struct syscall_path *sp,
		     const struct link_style *ls);

#endif
