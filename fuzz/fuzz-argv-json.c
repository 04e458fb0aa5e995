/*
 * run.argv / run.options as the report reads them (web/argv-json.h): any
 * text, NUL-terminated.  Oracles: never past the end (the sanitizers);
 * an array of plain strings this target writes itself reads back as the
 * strings, joined by spaces.
 */
#include <stdlib.h>
#include <string.h>

#include "argv-json.h"
#include "escape.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *json = malloc(size + 1);
	struct strbuf out = STRBUF_INIT, arr = STRBUF_INIT, want = STRBUF_INIT;
	size_t i = 0, start = 0;

	if (!json)
		abort();
	memcpy(json, data, size);
	json[size] = 0;
	argv_from_json(json, &out);
	free(json);

	/* the input as words split at NUL bytes, written as a JSON array */
	strbuf_addch(&arr, '[');
	for (i = 0; i <= size; i++) {
		if (i < size && data[i])
			continue;
		if (start)
			strbuf_addch(&arr, ',');
		escape_js_string(&arr, (const char *)data + start, i - start);
		if (start)
			strbuf_addch(&want, ' ');
		{
			/* what the escaper made of invalid UTF-8 */
			size_t k = start, adv;

			while (k < i) {
				long cp = utf8_decode(data + k, i - k, &adv);

				utf8_append(&want, cp < 0 ? 0xFFFD : (unsigned long)cp);
				k += adv;
			}
		}
		start = i + 1;
	}
	strbuf_addch(&arr, ']');
	strbuf_reset(&out);
	if (argv_from_json(arr.buf, &out) < 0 || out.len != want.len ||
	    memcmp(out.buf, want.buf, want.len))
		fuzz_fail("argv: %s did not read back as the words", arr.buf);
	strbuf_release(&out);
	strbuf_release(&arr);
	strbuf_release(&want);
	return 0;
}
