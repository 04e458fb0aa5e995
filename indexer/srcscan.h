/*
 * srcscan: what the text of a kernel file says without a compiler — the
 * syscall definition macros written in it and the #if blocks around a
 * line.  Used only to explain why a syscall is not compiled (the files
 * the configuration leaves out are never parsed, and libclang does not
 * see what an inactive #if block holds).  Private to indexer/.
 */
#ifndef SYSATLAS_INDEXER_SRCSCAN_H
#define SYSATLAS_INDEXER_SRCSCAN_H

#include <stddef.h>

struct srcscan_def {
	char *func;		/* sys_NAME or compat_sys_NAME */
	int line;
};

struct srcscan_defs {
	struct srcscan_def *v;
	int n, alloc;
};

/*
 * Append to out every `SYSCALL_DEFINEn(name`, `COMPAT_SYSCALL_DEFINEn(name`
 * and `SYSCALL32_DEFINEn(name` that starts a line of text outside
 * comments (SYSCALL32 counts as both forms: which one it is depends on the
 * configuration).
 */
void srcscan_defs(const char *text, size_t len, struct srcscan_defs *out);
void srcscan_defs_release(struct srcscan_defs *d);

/*
 * The innermost preprocessor conditional enclosing line: its directive
 * (e.g. "#ifdef CONFIG_USELIB", or "#else" of one, as written, trimmed,
 * continuation lines joined) into buf, its line into *if_line.  Returns 0
 * when the line is not inside any conditional.
 */
int srcscan_enclosing_if(const char *text, size_t len, int line, char *buf, size_t size,
			 int *if_line);

#endif
