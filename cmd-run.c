#include "cli.h"
#include "run.h"

static const char run_usage[] =
	"usage: sysatlas run [-o DIR] [--index INDEX.db] [trace options] [--] CMD [ARGS...]\n"
	"\n"
	"Trace CMD (as 'sysatlas trace') and write its report (as 'sysatlas report')\n"
	"with the built-in index of Linux v5.7 x86-64 and strace v5.7; prints the\n"
	"path of index.html.  The exit status is CMD's.\n"
	"\n"
	"  -o DIR           output directory (default: ./sysatlas-report)\n"
	"  --index FILE     use another index\n"
	"  -h, --help       show this help\n"
	"Trace options (-f, -e, -s, -y, ...) are those of 'sysatlas trace'.\n";

int cmd_run(int argc, char **argv)
{
	return cli_not_implemented(argc, argv, run_usage, "issues #3, #5, #6");
}
