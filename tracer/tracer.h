/*
 * tracer: the ptrace tracer behind `sysatlas trace` (public header).
 */
#ifndef SYSATLAS_TRACER_H
#define SYSATLAS_TRACER_H

#include <stdio.h>

/* `sysatlas trace`: returns the exit status for main(). */
int cmd_trace(int argc, char **argv);

struct cli_spec;
/* Its options (cli.h), for getopt and the shell completion. */
extern const struct cli_spec cmd_trace_spec;

/*
 * For the shell completion: every syscall name the tracer knows (all
 * ABIs, each once, sorted), one a line; with classes set, also the other
 * words of -e trace=SET (%file …, all, none).
 */
void tracer_print_syscall_names(FILE *out, int classes);

#endif
