/*
 * Kernel C text as the indexer reads it without a compiler
 * (indexer/srcscan.h): the syscall definition macros, and the #if around
 * a few lines.  Oracles: the sanitizers; a definition is on a line of the
 * text and names sys_… or compat_sys_…; the directive found fits its
 * buffer and is on a line of the text.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "srcscan.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct srcscan_defs d = { 0 };
	char buf[64];
	int i, lines = 1, line, if_line;
	size_t k;

	for (k = 0; k < size; k++)
		lines += text[k] == '\n';
	srcscan_defs(text, size, &d);
	for (i = 0; i < d.n; i++) {
		if (d.v[i].line < 1 || d.v[i].line > lines)
			fuzz_fail("srcscan: definition on line %d of %d", d.v[i].line, lines);
		if (strncmp(d.v[i].func, "sys_", 4) && strncmp(d.v[i].func, "compat_sys_", 11))
			fuzz_fail("srcscan: definition named %s", d.v[i].func);
	}
	srcscan_defs_release(&d);
	for (line = 1; line <= lines && line < 64; line += 1 + line / 4) {
		memset(buf, 'x', sizeof(buf));
		if_line = 0;
		if (srcscan_enclosing_if(text, size, line, buf, sizeof(buf), &if_line)) {
			if (!memchr(buf, 0, sizeof(buf)))
				fuzz_fail("srcscan: the directive overran its buffer");
			if (if_line < 1 || if_line > line)
				fuzz_fail("srcscan: #if of line %d on line %d", line, if_line);
		}
	}
	return 0;
}
