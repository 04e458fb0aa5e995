/*
 * strace -ff logs read by import/logs.c: the input is cut at "\n==\n"
 * into up to three files, PREFIX.100, .101 and .102, which logs_open()
 * merges by time when their first lines carry times (import/logs.h).
 * Oracles: reading ends; no more lines are handed out than the files hold
 * plus one end for each call a -T duration splits; a line handed out is a
 * strace line (a known kind) of one of the three files.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "logs.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "ff.100", "ff.101", "ff.102" };
	struct log_file files[3];
	const uint8_t *part = data, *rest;
	size_t len = size, rest_len, nfiles = 0, i;
	int64_t lines = 0, out = 0, pid;
	struct import_line l;
	struct logs *g;
	int got;

	for (i = 0; i < 3; i++) {
		const char *path;

		if (i < 2)
			fuzz_split(part, len, "\n==\n", &part, &len, &rest, &rest_len);
		else
			rest = NULL, rest_len = 0;
		path = fuzz_write(names[i], part, len);
		files[i].path = strdup(path);
		files[i].pid = 100 + (int64_t)i;
		nfiles++;
		lines += 1;
		for (size_t k = 0; k < len; k++)
			lines += part[k] == '\n';
		if (!rest_len)
			break;
		part = rest;
		len = rest_len;
	}
	g = logs_open(files, nfiles, 0, NULL);
	while (g && (got = logs_next(g, &l, &pid)) > 0) {
		if (++out > 2 * lines)
			fuzz_fail("import-logs: %lld lines handed out of %lld", (long long)out,
				  (long long)lines);
		if (l.kind == IMPORT_LINE_OTHER || l.kind >= IMPORT_LINE_KINDS)
			fuzz_fail("import-logs: a line of kind %d handed out", (int)l.kind);
		if (pid < 100 || pid >= 100 + (int64_t)nfiles)
			fuzz_fail("import-logs: a line of file pid %lld", (long long)pid);
	}
	if (g && logs_lines(g) > lines)
		fuzz_fail("import-logs: %lld lines read of %lld", (long long)logs_lines(g),
			  (long long)lines);
	logs_free(g);
	for (i = 0; i < nfiles; i++)
		free(files[i].path);
	return 0;
}
