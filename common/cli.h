/*
 * Small helpers shared by the cmd_* functions: usage and option errors in
 * one voice.  Exit codes: 0 success, 1 error, EXIT_USAGE (2) usage error;
 * `trace` and `run` pass the traced command's status through.
 */
#ifndef SYSATLAS_CLI_H
#define SYSATLAS_CLI_H

#include <stdio.h>

#include "error.h"

/* Print usage text to stdout and return 0 (for --help). */
int cli_help(const char *usage);

/*
 * After getopt_long() returned '?' or ':': report the offending option as
 * "sysatlas: <cmd>: unknown option '--x'" (or "missing argument"), print
 * the usage to stderr, and return EXIT_USAGE.  Call with opterr = 0.
 */
int cli_bad_option(const char *cmd, const char *usage, char **argv, int c);

/* Report "sysatlas: <cmd>: <fmt>", print usage to stderr, return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
	SYSATLAS_PRINTF(3, 4);

/*
 * The whole cmd_* of a subcommand whose issue has not landed: --help
 * prints usage, a bad option is a usage error, anything else says plainly
 * that the command is not implemented yet and returns 1.
 */
int cli_not_implemented(int argc, char **argv, const char *usage,
			const char *issue);

#endif
