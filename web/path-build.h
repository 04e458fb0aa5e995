/*
 * path-build: one syscall's way through the kernel, assembled from an
 * index: entry and syscall-enter report (to the tracer's stop), dispatch
 * through the syscall table, the definition, and the syscall-exit report.
 *
 * The sections are the index's named paths as they are; a section the
 * index lacks is kept, empty, so every output can show it as missing.
 */
#ifndef SYSATLAS_WEB_PATH_BUILD_H
#define SYSATLAS_WEB_PATH_BUILD_H

#include "index-read.h"

enum sp_section_id {
	SP_ENTER,		/* syscall-enter: entry (asm) ... ptrace_stop */
	SP_DISPATCH,		/* syscall-dispatch: ... the table call */
	SP_DEFINITION,		/* the syscall's own definition */
	SP_EXIT,		/* syscall-exit: ... ptrace_stop */
	SP_NR_SECTIONS
};

struct sp_section {
	const char *title;	/* e.g. "entry and syscall-enter stop" */
	const char *path_name;	/* the index's path name; NULL for the definition */
	struct ix_path path;	/* steps; nr_steps 0 when the index lacks it */
};

struct syscall_path {
	const struct ix *ix;
	struct ix_syscall_list rows;	/* every ABI row of the syscall */
	const struct ix_syscall *main;	/* the row shown: common/64 first */
	struct sp_section sections[SP_NR_SECTIONS];
};

/* Section metadata, shared by every output format. */
extern const char *const sp_section_titles[SP_NR_SECTIONS];
extern const char *const sp_section_paths[SP_NR_SECTIONS];

/*
 * Assemble the path of syscall name (abi NULL: the first of common, 64,
 * x32, i386 that has it).  Returns 0; 1 when the index has no such
 * syscall (sp is released, nothing reported); -1 after error().
 */
int syscall_path_build(struct syscall_path *sp, struct ix *ix, const char *name,
		       const char *abi);
void syscall_path_release(struct syscall_path *sp);

#endif
