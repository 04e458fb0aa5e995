/*
 * A kernel syscall table (arch/x86/entry/syscalls/syscall_64.tbl), read
 * by tbl_parse().  Oracles: every entry kept has a number in range, a
 * known ABI and names that are C identifiers; every line left out is
 * recorded as skipped.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ix.h"
#include "kernel.h"

#define TBL "arch/x86/entry/syscalls/syscall_64.tbl"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

static int ident(const char *s)
{
	if (!s || !*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ix_tree *t;
	struct tbl tb = { 0 };
	int i;

	fuzz_write(TBL, data, size);
	t = ix_tree_new("linux", fuzz_tmpdir());
	if (tbl_parse(t, TBL, &tb) == 0) {
		for (i = 0; i < tb.n; i++) {
			const struct tbl_entry *e = &tb.v[i];

			if (e->nr < 0 || e->nr > 100000 || !ident(e->name) ||
			    (e->entry && !ident(e->entry)) || (e->compat && !ident(e->compat)))
				fuzz_fail("tbl: entry %d kept with a bad field", i);
			if (strcmp(e->abi, "common") && strcmp(e->abi, "64") && strcmp(e->abi, "x32") &&
			    strcmp(e->abi, "i386"))
				fuzz_fail("tbl: entry %d kept with ABI '%s'", i, e->abi);
		}
	}
	tbl_release(&tb);
	ix_tree_free(t);
	return 0;
}
