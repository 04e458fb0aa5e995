#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "cli.h"
#include "strbuf.h"

int cli_help(const char *usage)
{
	fputs(usage, stdout);
	return 0;
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	error("%s: %s", cmd, msg.buf);
	strbuf_release(&msg);
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cli_bad_option(const char *cmd, const char *usage, char **argv, int c)
{
	const char *arg = argv[optind - 1] ? argv[optind - 1] : "";

	if (c == ':')
		return cli_usage_error(cmd, usage, "option '%s' needs an argument", arg);
	if (optopt && strncmp(arg, "--", 2))
		return cli_usage_error(cmd, usage, "unknown option '-%c'", optopt);
	return cli_usage_error(cmd, usage, "unknown option '%s'", arg);
}

int cli_not_implemented(int argc, char **argv, const char *usage,
			const char *issue)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		if (c == 'h')
			return cli_help(usage);
		return cli_bad_option(argv[0], usage, argv, c);
	}
	error("%s: not implemented yet (%s)", argv[0], issue);
	return 1;
}
