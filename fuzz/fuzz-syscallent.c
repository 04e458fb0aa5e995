/*
 * strace's syscall table (linux/x86_64/syscallent.h) as the strace
 * indexer reads it (indexer/syscallent.h): the input is the table, which
 * may #include "syscallent.h" (itself), "common.h" or "../64/syscallent.h"
 * — the same text again — so include loops and depth are reachable.
 * Oracles: the sanitizers, the time limit, and every entry kept has a
 * name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ix.h"
#include "syscallent.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char d1[4096], d2[4096];
	char *dirs[2] = { d1, d2 };
	struct ix_tree *t;
	int i;

	fuzz_write("linux/x86_64/syscallent.h", data, size);
	fuzz_write("linux/x86_64/common.h", data, size);
	fuzz_write("linux/64/syscallent.h", data, size);
	snprintf(d1, sizeof(d1), "%s/linux/x86_64", fuzz_tmpdir());
	snprintf(d2, sizeof(d2), "%s/linux", fuzz_tmpdir());
	t = ix_tree_new("strace", fuzz_tmpdir());
	strace_parse_syscallent(t, "linux/x86_64/syscallent.h", dirs, 2);
	for (i = 0; i < t->nssys; i++)
		if (!t->ssys[i].name || !t->ssys[i].decoder)
			fuzz_fail("syscallent: entry %d without a name", i);
	ix_tree_free(t);
	return 0;
}
