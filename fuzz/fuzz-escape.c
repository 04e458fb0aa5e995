/*
 * The escapers of common/escape.h, each with an oracle on its output:
 * valid UTF-8 and none of the bytes its context cannot carry; the JS/JSON
 * string parses as strict JSON back to the input; the URL path
 * percent-decodes back to the input; the terminal text has no control
 * character left, and printable UTF-8 goes through unchanged.  The DOT
 * escaper has its own target (fuzz-dot.c): graphviz is slow to run.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "fuzz.h"

/* Is s[0..len) valid UTF-8? */
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

/* The input as every escaper reads it: invalid bytes as U+FFFD. */
static void as_read(struct strbuf *out, const char *s, size_t len)
{
	size_t i = 0, adv;

	while (i < len) {
		long cp = utf8_decode((const unsigned char *)s + i, len - i, &adv);

		utf8_append(out, cp < 0 ? 0xFFFD : (unsigned long)cp);
		i += adv;
	}
}

static void check_html(const char *s, size_t len, int attr)
{
	struct strbuf out = STRBUF_INIT;
	size_t i;

	if (attr)
		escape_html_attr(&out, s, len);
	else
		escape_html_text(&out, s, len);
	if (!valid_utf8(out.buf, out.len))
		fuzz_fail("html: not UTF-8");
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.buf[i];

		if (strchr("<>\"'", c) && c)
			fuzz_fail("html: a raw %c", c);
		if (c == '&' && strncmp(out.buf + i, "&amp;", 5) && strncmp(out.buf + i, "&lt;", 4) &&
		    strncmp(out.buf + i, "&gt;", 4) && strncmp(out.buf + i, "&quot;", 6) &&
		    strncmp(out.buf + i, "&#", 2))
			fuzz_fail("html: a bare &");
		if ((c < 0x20 && (attr || !strchr("\t\n\r", c))) || c == 0x7f)
			fuzz_fail("html: control byte %#x", c);
		if (attr && (c == '`' || c == '='))
			fuzz_fail("html attribute: a raw %c", c);
	}
	strbuf_release(&out);
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Parse a strict JSON string literal at s; its value in out.  0 or -1. */
static int json_string(const char *s, size_t len, struct strbuf *out)
{
	size_t i = 1;

	if (len < 2 || s[0] != '"' || s[len - 1] != '"')
		return -1;
	while (i < len - 1) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == '"')
			return -1;
		if (c != '\\') {
			strbuf_addch(out, c);
			i++;
			continue;
		}
		if (++i >= len - 1)
			return -1;
		switch (s[i]) {
		case '"': case '\\': case '/': strbuf_addch(out, s[i]); i++; break;
		case 'n': strbuf_addch(out, '\n'); i++; break;
		case 'r': strbuf_addch(out, '\r'); i++; break;
		case 't': strbuf_addch(out, '\t'); i++; break;
		case 'b': strbuf_addch(out, '\b'); i++; break;
		case 'f': strbuf_addch(out, '\f'); i++; break;
		case 'u': {
			unsigned long cp = 0;
			int k;

			if (i + 4 > len - 2)
				return -1;
			for (k = 1; k <= 4; k++) {
				int h = hexval((unsigned char)s[i + k]);

				if (h < 0)
					return -1;
				cp = cp * 16 + (unsigned long)h;
			}
			if (cp >= 0xD800 && cp <= 0xDFFF)
				return -1;	/* the escaper never writes surrogates */
			utf8_append(out, cp);
			i += 5;
			break;
		}
		default:
			return -1;
		}
	}
	return 0;
}

static void check_js(const char *s, size_t len)
{
	struct strbuf out = STRBUF_INIT, back = STRBUF_INIT, want = STRBUF_INIT;

	escape_js_string(&out, s, len);
	if (!valid_utf8(out.buf, out.len))
		fuzz_fail("js: not UTF-8");
	if (memchr(out.buf, '<', out.len) || memchr(out.buf, '>', out.len) ||
	    memchr(out.buf, '&', out.len) || strstr(out.buf, "\xe2\x80\xa8") ||
	    strstr(out.buf, "\xe2\x80\xa9"))
		fuzz_fail("js: < > & or U+2028/9 left raw");
	if (json_string(out.buf, out.len, &back) < 0)
		fuzz_fail("js: not a JSON string: %s", out.buf);
	as_read(&want, s, len);
	if (back.len != want.len || memcmp(back.buf, want.buf, want.len))
		fuzz_fail("js: does not decode to the input");
	strbuf_release(&out);
	strbuf_release(&back);
	strbuf_release(&want);
}

static void check_url(const char *s, size_t len)
{
	struct strbuf out = STRBUF_INIT, back = STRBUF_INIT;
	size_t i;

	escape_url_path(&out, s, len);
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.buf[i];

		if (c == '%') {
			int h = i + 2 < out.len ? hexval(out.buf[i + 1]) : -1;
			int l = i + 2 < out.len ? hexval(out.buf[i + 2]) : -1;

			if (h < 0 || l < 0)
				fuzz_fail("url: a bad %% escape");
			strbuf_addch(&back, h * 16 + l);
			i += 2;
			continue;
		}
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      strchr("-._~/", c)) || !c)
			fuzz_fail("url: byte %#x left raw", c);
		strbuf_addch(&back, c);
	}
	if (back.len != len || memcmp(back.buf, s, len))
		fuzz_fail("url: does not decode to the input");
	strbuf_release(&out);
	strbuf_release(&back);
}

static void check_terminal(const char *s, size_t len)
{
	struct strbuf out = STRBUF_INIT;
	size_t i = 0, adv;
	int plain = 1;

	escape_terminal(&out, s, len);
	while (i < out.len) {
		long cp = utf8_decode((const unsigned char *)out.buf + i, out.len - i, &adv);

		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f))
			fuzz_fail("terminal: code point %#lx left", cp);
		i += adv;
	}
	for (i = 0; i < len && plain; i += adv) {
		long cp = utf8_decode((const unsigned char *)s + i, len - i, &adv);

		plain = cp >= 0x20 && cp != 0x7f && (cp < 0x80 || cp > 0x9f);
	}
	if (plain && (out.len != len || memcmp(out.buf, s, len)))
		fuzz_fail("terminal: printable text changed");
	strbuf_release(&out);
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
	const char *s = (const char *)data;

	check_html(s, size, 0);
	check_html(s, size, 1);
	check_js(s, size);
	check_url(s, size);
	check_terminal(s, size);
	return 0;
}
