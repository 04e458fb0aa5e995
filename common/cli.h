/*
 * Small helpers shared by the cmd_* functions: usage and option errors in
 * one voice.  Exit codes: 0 success, 1 error, EXIT_USAGE (2) usage error;
 * `trace` and `run` pass the traced command's status through.
 */
#ifndef SYSATLAS_CLI_H
#define SYSATLAS_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "error.h"

/*
 * What a command accepts.  getopt_long() parses with shortopts and
 * longopts, and `sysatlas __complete` prints the same tables for the
 * shell completion (data/sysatlas.bash), so the two cannot drift apart.
 * An option argument is one of these kinds (args maps getopt's val to
 * one; an option taking an argument that is not listed is a "file"):
 *
 *   file  dir  number  pids  index (built-in name or file)
 *   syscall  trace-set (-e trace=SET)  words:a,b,c (one of these)
 *   text (anything: nothing to complete)
 *
 * operands says what the words after the options are: "file", "syscall",
 * "command" (a command line to run), or NULL (none).
 */
struct cli_arg {
	int val;			/* getopt_long's return value for the option */
	const char *kind;
};

struct cli_spec {
	const char *shortopts;
	const struct option *longopts;
	const struct cli_arg *args;	/* ends with { 0, NULL } */
	const char *operands;
};

/*
 * Print spec for `sysatlas __complete options CMD`: one line per option,
 * "WORD KIND" ("-" when it takes no argument; a long option with an
 * optional argument is written "--name=", which must carry it), then
 * "@operands KIND".
 */
void cli_spec_print(const struct cli_spec *spec, FILE *out);

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
