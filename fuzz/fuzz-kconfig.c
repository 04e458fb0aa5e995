/*
 * A tree's Kconfig and a .config (indexer/kconfig.h): the input is the
 * Kconfig text, then, after a line "---", the user's values.  The Kconfig
 * may `source` itself (Kconfig) or its copy (Kconfig.again), so loops
 * and nesting are reachable.  The values are evaluated and autoconf.h
 * written.  Oracles: the sanitizers, and the time limit (a Kconfig read
 * 2^n times, an endless evaluation).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kconfig.h"
#include "strbuf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *kc_text, *values;
	size_t kc_len, values_len;
	struct kconfig *kc;
	const char *cfg;
	int skipped = 0;

	fuzz_split(data, size, "\n---\n", &kc_text, &kc_len, &values, &values_len);
	fuzz_write("Kconfig", kc_text, kc_len);
	fuzz_write("Kconfig.again", kc_text, kc_len);
	cfg = fuzz_write("config", values, values_len);
	kc = kconfig_new(fuzz_tmpdir(), "x86", "x86_64", &skipped);
	if (kc) {
		struct strbuf out = STRBUF_INIT;

		if (kconfig_load_values(kc, cfg) < 0)
			fuzz_fail("kconfig: the values file could not be read");
		kconfig_evaluate(kc);
		kconfig_write_autoconf(kc, &out);
		strbuf_release(&out);
		kconfig_free(kc);
	}
	return 0;
}
