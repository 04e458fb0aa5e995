/*
 * /proc/TID/stack text (tracer/kstack.h): each line parsed alone, then the
 * whole as kstack_canonical() writes it.  Oracles: a parsed frame lies
 * inside its line; the canonical text has one line a frame, trimmed, with
 * no control byte.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "kstack.h"
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
	const char *text = (const char *)data, *p = text, *end = text + size;
	struct strbuf once = STRBUF_INIT, twice = STRBUF_INIT;
	size_t frames, i, lines = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		struct kstack_frame f;

		if (!eol)
			eol = end;
		if (kstack_parse_line(p, (size_t)(eol - p), &f) == 0) {
			if (f.func < p || f.func + f.func_len > eol || !f.func_len)
				fuzz_fail("kstack: the function is outside its line");
			if (f.module && (f.module < p || f.module + f.module_len > eol))
				fuzz_fail("kstack: the module is outside its line");
		}
		p = eol + 1;
	}
	frames = kstack_canonical(text, size, &once);
	for (i = 0; i < once.len; i++) {
		unsigned char c = (unsigned char)once.buf[i];

		if (c == '\n')
			lines++;
		else if (c < 0x20 || c == 0x7f)
			fuzz_fail("kstack: control byte %#x in the canonical text", c);
	}
	if (lines != frames)
		fuzz_fail("kstack: %zu frames but %zu lines", frames, lines);
	for (p = once.buf, end = once.buf + once.len; p < end; ) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (!eol || eol == p || *p == ' ' || *p == '\t' || eol[-1] == ' ' || eol[-1] == '\t')
			fuzz_fail("kstack: a canonical line empty, untrimmed or unended");
		p = eol + 1;
	}
	/* read again, it may lose a frame whose name is itself an address
	 * prefix ("[<0>] [<0>]"): nothing reads it again, so only run it */
	kstack_canonical(once.buf, once.len, &twice);
	strbuf_release(&once);
	strbuf_release(&twice);
	return 0;
}
