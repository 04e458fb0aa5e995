#include "cli.h"
#include "tracer.h"

static const char trace_usage[] =
	"usage: sysatlas trace [-o FILE] [--force] [-f] [-p PID[,PID...]] [-e trace=SET]\n"
	"                      [-s N] [-y] [--text[=FILE]] [--] CMD [ARGS...]\n"
	"\n"
	"Record every syscall-enter-stop and syscall-exit-stop (and signals, fork,\n"
	"exec, exit) of CMD into a trace database.\n"
	"\n"
	"  -o FILE          write the trace to FILE (default: ./sysatlas-trace.db)\n"
	"      --force      replace FILE if it exists\n"
	"  -f               follow forks, vforks and clones\n"
	"  -p PID[,PID...]  attach to running processes (all their threads)\n"
	"  -e trace=SET     record only SET: names, %file, %process, %network,\n"
	"                   %signal, %memory (others do not stop the tracee)\n"
	"  -s N             print at most N bytes of each string (default 32)\n"
	"  -y               print paths of file descriptors\n"
	"      --text[=FILE] also write strace-style lines (default: stderr)\n"
	"  -h, --help       show this help\n";

int cmd_trace(int argc, char **argv)
{
	return cli_not_implemented(argc, argv, trace_usage, "issue #3");
}
