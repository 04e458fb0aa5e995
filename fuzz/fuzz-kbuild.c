/*
 * A tree's Kbuild Makefiles (indexer/kbuild.h): the input is the top
 * Makefile, then, after a line "---", fs/Makefile.  kbuild_compiled() is
 * asked about files in both, under a small fixed configuration.
 * Oracles: the sanitizers and the time limit (references nested deep,
 * values that double at each line, up to a bound set small here), and a
 * needs string always ended.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kbuild.h"
#include "kconfig.h"

static const char kconfig_text[] =
	"config FHANDLE\n\tbool\n\tdefault y\n"
	"config OLDOPEN\n\tbool\n"
	"config NR\n\tint\n\tdefault 4\n";

/*
 * Values stop growing at 4 KiB here, not 256 KiB: the same bounds are
 * checked, and an input that doubles a value reaches them in a few lines
 * instead of copying a quarter of a megabyte at each (the corpus replays
 * 5 to 10 times faster).
 */
#define FUZZ_MAX_VALUE 4096

static struct kconfig *kc;
static char kroot[4096];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	fuzz_write("k/Kconfig", kconfig_text, sizeof(kconfig_text) - 1);
	snprintf(kroot, sizeof(kroot), "%s/k", fuzz_tmpdir());
	kc = kconfig_new(kroot, "x86", "x86_64", NULL);
	if (!kc)
		fuzz_fail("kbuild: the fixed Kconfig does not read");
	kconfig_evaluate(kc);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = { "fs/open.c", "fs/fhandle.c", "fs/sub/x.c", "kernel/y.c",
		"init.c", NULL };
	const uint8_t *top, *fs;
	size_t top_len, fs_len, i;
	char root[4096], needs[128];
	struct kbuild *kb;

	fuzz_split(data, size, "\n---\n", &top, &top_len, &fs, &fs_len);
	fuzz_write("t/Makefile", top, top_len);
	fuzz_write("t/fs/Makefile", fs, fs_len);
	snprintf(root, sizeof(root), "%s/t", fuzz_tmpdir());
	kb = kbuild_new(root, kc);
	kbuild_set_max_value(kb, FUZZ_MAX_VALUE);
	for (i = 0; files[i]; i++) {
		memset(needs, 'x', sizeof(needs));
		kbuild_compiled(kb, files[i], needs, sizeof(needs));
		if (!memchr(needs, 0, sizeof(needs)))
			fuzz_fail("kbuild: needs not ended for %s", files[i]);
	}
	kbuild_free(kb);
	return 0;
}
