/*
 * sysatlas: the subcommand table and dispatch, nothing else.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "error.h"
#include "import.h"
#include "libexec.h"
#include "run.h"
#include "tracer.h"
#include "web.h"

/* `sysatlas index`: the sysatlas-index helper, the one that loads libclang. */
static int cmd_index(int argc, char **argv)
{
	(void)argc;
	libexec_exec("sysatlas-index", argv);
	return 1;
}

struct cmd_struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
	const struct cli_spec *spec;	/* its options, for the shell completion */
};

static const struct cmd_struct commands[] = {
	{ "run", cmd_run, "trace a command and write its report (built-in index)", &cmd_run_spec },
	{ "trace", cmd_trace, "record every syscall stop of a command into trace.db",
	  &cmd_trace_spec },
	/* its options are the helper's: see complete() */
	{ "index", cmd_index, "index a Linux and a strace source tree into index.db", NULL },
	{ "report", cmd_report, "write a static site from trace.db and index.db",
	  &cmd_report_spec },
	{ "doc", cmd_doc, "write syscall reference pages from index.db", &cmd_doc_spec },
	{ "path", cmd_path, "print one syscall's kernel path", &cmd_path_spec },
	{ "import", cmd_import, "read strace logs into trace.db", &cmd_import_spec },
};

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: sysatlas [--help] [--version] <command> [<args>]\n"
	      "       sysatlas help <command>\n\n"
	      "Shows what happens when a traced program makes a system call,\n"
	      "linked to the kernel and strace source lines that do it.\n\n"
	      "Commands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "   %-8s %s\n", commands[i].name, commands[i].summary);
	fputs("\nSee 'sysatlas help <command>' or 'man sysatlas'.\n", out);
}

static const struct cmd_struct *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int unknown_command(const char *name)
{
	error("'%s' is not a sysatlas command; see 'sysatlas --help'", name);
	return EXIT_USAGE;
}

/*
 * `sysatlas __complete WHAT [CMD]`, for the shell completion
 * (data/sysatlas.bash), from the tables the commands parse with:
 *   commands         the subcommands, one a line
 *   options CMD      CMD's options (cli_spec_print())
 *   words KIND       the words of an argument kind: syscall, trace-set, index
 * Not a user command: not in --help; a bad request prints nothing, exit 2.
 */
static int complete(int argc, char **argv)
{
	const struct cmd_struct *cmd;
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "commands")) {
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			printf("%s\n", commands[i].name);
		puts("help");
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "options")) {
		cmd = find_command(argv[2]);
		if (cmd && !cmd->spec && cmd->fn == cmd_index) {
			char helper[] = "sysatlas-index", ask[] = "__complete-options";
			char *args[] = { helper, ask, NULL };

			libexec_exec("sysatlas-index", args);
			return 1;
		}
		if (!cmd || !cmd->spec)
			return EXIT_USAGE;
		cli_spec_print(cmd->spec, stdout);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "words")) {
		if (!strcmp(argv[2], "syscall") || !strcmp(argv[2], "trace-set"))
			tracer_print_syscall_names(stdout, !strcmp(argv[2], "trace-set"));
		else if (!strcmp(argv[2], "index"))
			web_print_builtin_indexes(stdout);
		else
			return EXIT_USAGE;
		return 0;
	}
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const struct cmd_struct *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("sysatlas %s\n", SYSATLAS_VERSION);
		return 0;
	}
	if (!strcmp(argv[1], "__complete"))
		return complete(argc - 1, argv + 1);
	if (!strcmp(argv[1], "help")) {
		char help[] = "--help";
		char *args[3] = { NULL, help, NULL };

		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		cmd = find_command(argv[2]);
		if (!cmd)
			return unknown_command(argv[2]);
		args[0] = argv[2];
		return cmd->fn(2, args);
	}
	if (argv[1][0] == '-') {
		error("unknown option '%s'", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = find_command(argv[1]);
	if (!cmd)
		return unknown_command(argv[1]);
	return cmd->fn(argc - 1, argv + 1);
}
