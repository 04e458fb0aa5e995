/*
 * escape_dot_label() (common/escape.h) through graphviz: the escaped
 * value is set on a node with cgraph, written as DOT by agwrite() and
 * read back with agmemread().  Oracles: valid UTF-8 with no control byte;
 * the DOT parses, holds the two nodes it had and no other, and gives back
 * the value exactly (escaped once: cgraph quotes it, nothing else does).
 */
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "escape.h"
#include "fuzz.h"

static int valid_utf8(const char *s, size_t len)
{
	size_t i = 0, adv;

	while (i < len) {
		if (utf8_decode((const unsigned char *)s + i, len - i, &adv) < 0)
			return 0;
		i += adv;
	}
	return 1;
}

static int put(void *chan, const char *str)
{
	strbuf_addstr(chan, str);
	return 0;
}

static int flush(void *chan)
{
	(void)chan;
	return 0;
}

static Agiodisc_t io = { NULL, put, flush };
static Agdisc_t disc = { &AgMemDisc, &AgIdDisc, &io };

static int gv_quiet(char *msg)
{
	(void)msg;
	return 0;
}

static void check_dot(const char *s, size_t len)
{
	struct strbuf val = STRBUF_INIT, dot = STRBUF_INIT;
	Agraph_t *g, *back;
	Agnode_t *n;
	const char *got;
	size_t i;

	escape_dot_label(&val, s, len);
	if (!valid_utf8(val.buf, val.len))
		fuzz_fail("dot: not UTF-8");
	for (i = 0; i < val.len; i++)
		if ((unsigned char)val.buf[i] < 0x20 || val.buf[i] == 0x7f)
			fuzz_fail("dot: control byte %#x", val.buf[i]);
	g = agopen("g", Agdirected, &disc);
	n = agnode(g, "n", 1);
	agsafeset(n, "label", val.buf, "");
	agnode(g, "m", 1);
	agwrite(g, &dot);
	agclose(g);
	back = agmemread(dot.buf);
	if (!back)
		fuzz_fail("dot: cgraph cannot read what it wrote: %s", dot.buf);
	n = agnode(back, "n", 0);
	got = n ? agget(n, "label") : NULL;
	if (n && !got)
		got = "";	/* cgraph writes no empty value */
	if (agnnodes(back) != 2 || !got || strcmp(got, val.buf))
		fuzz_fail("dot: the value did not come back: %s", dot.buf);
	agclose(back);
	strbuf_release(&val);
	strbuf_release(&dot);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	agseterr(AGMAX);
	agseterrf(gv_quiet);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_dot((const char *)data, size);
	return 0;
}
