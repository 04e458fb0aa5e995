#include "cli.h"
#include "web.h"

static const char path_usage[] =
	"usage: sysatlas path NAME [--index INDEX.db] [--format text|dot|svg]\n"
	"\n"
	"Print the kernel path of syscall NAME: entry, tracehook, dispatch,\n"
	"definition, exit; each step with its file:line and call-site line.\n"
	"\n"
	"  --index FILE     index to read (default: the built-in v5.7 index)\n"
	"  --format FMT     text (default), dot or svg\n"
	"  -h, --help       show this help\n";

int cmd_path(int argc, char **argv)
{
	return cli_not_implemented(argc, argv, path_usage, "issue #7");
}
