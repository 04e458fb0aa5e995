/*
 * `sysatlas run`: trace + report with the built-in index.
 */
#ifndef SYSATLAS_RUN_H
#define SYSATLAS_RUN_H

struct cli_spec;

int cmd_run(int argc, char **argv);
/* Its options (cli.h), for getopt and the shell completion. */
extern const struct cli_spec cmd_run_spec;

#endif
