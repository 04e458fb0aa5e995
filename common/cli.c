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

static const char *cli_arg_kind(const struct cli_spec *spec, int val)
{
	const struct cli_arg *a;

	for (a = spec->args; a && a->kind; a++)
		if (a->val == val)
			return a->kind;
	return "file";
}

void cli_spec_print(const struct cli_spec *spec, FILE *out)
{
	const struct option *o;
	const char *p = spec->shortopts;

	if (*p == '+' || *p == '-')
		p++;
	if (*p == ':')
		p++;
	for (; *p; p++) {
		if (*p == ':')
			continue;
		/* "x::" (an optional argument, attached) is offered as a flag */
		fprintf(out, "-%c %s\n", *p, p[1] == ':' && p[2] != ':' ?
			cli_arg_kind(spec, (unsigned char)*p) : "-");
	}
	for (o = spec->longopts; o && o->name; o++) {
		if (o->has_arg == optional_argument)
			fprintf(out, "--%s -\n--%s= %s\n", o->name, o->name,
				cli_arg_kind(spec, o->val));
		else
			fprintf(out, "--%s %s\n", o->name, o->has_arg == required_argument ?
				cli_arg_kind(spec, o->val) : "-");
	}
	fprintf(out, "@operands %s\n", spec->operands ? spec->operands : "-");
}
