/*
 * sysatlas-index: `sysatlas index` as its own program, installed in
 * libexec/sysatlas, so that only it loads libclang and LLVM.  `sysatlas
 * index ARGS` runs it as `sysatlas-index ARGS` (common/libexec.h).
 */
#include "indexer.h"

int main(int argc, char **argv)
{
	char name[] = "index";

	argv[0] = name;
	return cmd_index(argc, argv);
}
