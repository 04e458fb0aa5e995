#include "cli.h"
#include "web.h"

static const char doc_usage[] =
	"usage: sysatlas doc [--index INDEX.db ...] [--trace TRACE.db] [-o DIR] [--force]\n"
	"                    [--links github|elixir|file:DIR]\n"
	"\n"
	"Write syscall reference pages: a table of all syscalls, a page per syscall\n"
	"with its kernel path and strace decoder, a ptrace page; with two indexes,\n"
	"what changed between the versions.\n"
	"\n"
	"  --index FILE     index to document (repeat to compare; default: built-in)\n"
	"  --trace FILE     add real examples from a trace\n"
	"  -o DIR           output directory (default: ./sysatlas-doc)\n"
	"  --force          write into DIR even if it exists\n"
	"  --links STYLE    github (default), elixir, or file:DIR\n"
	"  -h, --help       show this help\n";

int cmd_doc(int argc, char **argv)
{
	return cli_not_implemented(argc, argv, doc_usage, "issue #7");
}
