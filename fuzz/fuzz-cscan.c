/*
 * C text as the indexer's lexical pass reads it (indexer/cscan.h), with a
 * configuration that answers some CONFIG_ names and not others, and the
 * #if expression evaluator alone on the first line.  Oracles: the
 * sanitizers, and every name id a result holds is interned.
 */
#include <stdlib.h>
#include <string.h>

#include "cscan.h"
#include "fuzz.h"

/* CONFIG_A..: y; CONFIG_M..: m; CONFIG_N..: a number; others unknown or unset. */
static int config(const char *name, long long *num, void *arg)
{
	(void)arg;
	switch (name[7]) {
	case 'A': *num = 1; return 2;
	case 'M': return 1;
	case 'N': *num = 42; return 2;
	case 'U': return -1;
	default: return 0;
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cscan_opts o = { config, NULL }, none = { NULL, NULL };
	struct cscan_names nm;
	struct cscan_result r;
	const char *text = (const char *)data;
	const char *eol = memchr(text, '\n', size);
	int i, v;

	memset(&nm, 0, sizeof(nm));
	memset(&r, 0, sizeof(r));
	v = cscan_eval_if(text, eol ? (size_t)(eol - text) : size, &o);
	if (v < -1 || v > 1)
		fuzz_fail("cscan: #if evaluated to %d", v);
	cscan_text(text, size, &o, &nm, &r);
	cscan_text(text, size, &none, &nm, &r);
	for (i = 0; i < r.nfuncs; i++)
		if (r.funcs[i].name < 0 || r.funcs[i].name >= nm.n)
			fuzz_fail("cscan: function %d names id %d of %d", i, r.funcs[i].name, nm.n);
	cscan_result_release(&r);
	cscan_names_release(&nm);
	return 0;
}
