#include "cli.h"
#include "indexer.h"

static const char index_usage[] =
	"usage: sysatlas index --linux DIR [--strace DIR] [--arch x86_64] [--config FILE]\n"
	"                      [--jobs N] [--force] -o FILE\n"
	"\n"
	"Index a Linux source tree and a strace source tree with libclang: syscall\n"
	"table and definitions, the entry/tracehook paths, the ptrace request\n"
	"handlers, strace's decoders and main loop.\n"
	"\n"
	"  --linux DIR      the Linux source tree (no build needed)\n"
	"  --strace DIR     the strace source tree\n"
	"  --arch ARCH      architecture to index (default x86_64)\n"
	"  --config FILE    kernel .config deciding #ifdef blocks (default: built-in)\n"
	"  --jobs N         parse N files at once (default: all cores)\n"
	"  -o FILE          write the index to FILE\n"
	"  --force          replace FILE if it exists\n"
	"  -h, --help       show this help\n";

int cmd_index(int argc, char **argv)
{
	return cli_not_implemented(argc, argv, index_usage, "issue #4");
}
