/*
 * tracer: the ptrace tracer behind `sysatlas trace` (public header).
 */
#ifndef SYSATLAS_TRACER_H
#define SYSATLAS_TRACER_H

/* `sysatlas trace`: returns the exit status for main(). */
int cmd_trace(int argc, char **argv);

#endif
