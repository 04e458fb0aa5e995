/*
 * A strace log (import/import.h): each line through import_parse_line().
 * Oracles: every span it returns lies inside its line; the kind is
 * known; a line that is not strace's says why; a call's result starts
 * with "= "; a pid is positive.
 */
#include <string.h>

#include "fuzz.h"
#include "import.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

static void inside(const char *what, const char *p, size_t len, const char *line, const char *eol)
{
	if (p && (p < line || p + len > eol))
		fuzz_fail("import-parse: %s outside its line", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		struct import_line l;
		enum import_line_kind k;

		if (!eol)
			eol = end;
		k = import_parse_line(p, (size_t)(eol - p), &l);
		if (k != l.kind || k < IMPORT_LINE_OTHER || k >= IMPORT_LINE_KINDS)
			fuzz_fail("import-parse: kind %d", (int)k);
		if (k == IMPORT_LINE_OTHER && !l.why)
			fuzz_fail("import-parse: a skipped line without its reason");
		inside("body", l.body, l.body_len, p, eol);
		inside("name", l.name, l.name_len, p, eol);
		inside("args", l.args, l.args_len, p, eol);
		inside("result", l.result, l.result_len, p, eol);
		inside("errno", l.err, l.err_len, p, eol);
		if ((k == IMPORT_LINE_CALL || k == IMPORT_LINE_RESUMED) &&
		    (l.result_len < 2 || memcmp(l.result, "= ", 2)))
			fuzz_fail("import-parse: a result not starting with \"= \"");
		if (l.has_pid && l.pid <= 0)
			fuzz_fail("import-parse: pid %lld", (long long)l.pid);
		if (l.has_dur && l.dur_ns < 0)
			fuzz_fail("import-parse: negative duration");
		p = eol + 1;
	}
	return 0;
}
