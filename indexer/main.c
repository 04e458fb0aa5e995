/*
 * sysatlas-index: `sysatlas index` as its own program, installed in
 * libexec/sysatlas, so that only it loads libclang and LLVM.  `sysatlas
 * index ARGS` runs it as `sysatlas-index ARGS` (common/libexec.h).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "indexer.h"

int main(int argc, char **argv)
{
	char name[] = "index";

	/* `sysatlas __complete options index` asks here: the table is ours */
	if (argc == 2 && !strcmp(argv[1], "__complete-options")) {
		cli_spec_print(&cmd_index_spec, stdout);
		return 0;
	}
	argv[0] = name;
	return cmd_index(argc, argv);
}
