#include <string.h>

#include "escape.h"

#define REPLACEMENT 0xFFFDul
#define CONTROL_PICTURES 0x2400ul

long utf8_decode(const unsigned char *s, size_t len, size_t *adv)
{
	unsigned long cp, min;
	size_t need, i;

	*adv = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 1;
		cp = s[0] & 0x1F;
		min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		cp = s[0] & 0x0F;
		min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		cp = s[0] & 0x07;
		min = 0x10000;
	} else {
		return -1;
	}
	if (len < need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*adv = need + 1;
	return (long)cp;
}

void utf8_append(struct strbuf *out, unsigned long cp)
{
	char b[4];

	if (cp < 0x80) {
		strbuf_addch(out, (int)cp);
		return;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(out, b, 3);
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		strbuf_add(out, b, 4);
	}
}

/* A C0 control or DEL as its visible control picture. */
static void add_control_picture(struct strbuf *out, unsigned long c)
{
	utf8_append(out, c == 0x7F ? CONTROL_PICTURES + 0x21 : CONTROL_PICTURES + c);
}

/*
 * Walk s as UTF-8 and call add_cp for each code point; invalid bytes arrive
 * as REPLACEMENT.  Keeps every escaper's UTF-8 handling in one place.
 */
typedef void (*cp_fn)(struct strbuf *out, unsigned long cp);

static void walk(struct strbuf *out, const char *s, size_t len, cp_fn add_cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, adv;

	strbuf_grow(out, len);
	while (i < len) {
		long cp = utf8_decode(p + i, len - i, &adv);
		add_cp(out, cp < 0 ? REPLACEMENT : (unsigned long)cp);
		i += adv;
	}
}

static void html_text_cp(struct strbuf *out, unsigned long cp)
{
	switch (cp) {
	case '&': strbuf_addstr(out, "&amp;"); return;
	case '<': strbuf_addstr(out, "&lt;"); return;
	case '>': strbuf_addstr(out, "&gt;"); return;
	case '"': strbuf_addstr(out, "&quot;"); return;
	case '\'': strbuf_addstr(out, "&#39;"); return;
	case '\t': case '\n': case '\r':
		strbuf_addch(out, (int)cp);
		return;
	}
	if (cp < 0x20 || cp == 0x7F)
		add_control_picture(out, cp);
	else
		utf8_append(out, cp);
}

static void html_attr_cp(struct strbuf *out, unsigned long cp)
{
	switch (cp) {
	case '`': strbuf_addstr(out, "&#96;"); return;
	case '=': strbuf_addstr(out, "&#61;"); return;
	case '\t': strbuf_addstr(out, "&#9;"); return;
	case '\n': strbuf_addstr(out, "&#10;"); return;
	case '\r': strbuf_addstr(out, "&#13;"); return;
	}
	html_text_cp(out, cp);
}

static void js_cp(struct strbuf *out, unsigned long cp)
{
	switch (cp) {
	case '"': strbuf_addstr(out, "\\\""); return;
	case '\\': strbuf_addstr(out, "\\\\"); return;
	case '\n': strbuf_addstr(out, "\\n"); return;
	case '\r': strbuf_addstr(out, "\\r"); return;
	case '\t': strbuf_addstr(out, "\\t"); return;
	case '\b': strbuf_addstr(out, "\\b"); return;
	case '\f': strbuf_addstr(out, "\\f"); return;
	case '<': case '>': case '&': case '\'':
	case 0x7F: case 0x2028: case 0x2029:
		strbuf_addf(out, "\\u%04lx", cp);
		return;
	}
	if (cp < 0x20)
		strbuf_addf(out, "\\u%04lx", cp);
	else
		utf8_append(out, cp);
}

/*
 * No '"' here: cgraph's writer puts a backslash before each quote itself
 * (escaped here too, a quote came out as \\" in the DOT text, which ends
 * the string there).  Every backslash is doubled, so a run of them is
 * never odd before a quote or at the end, where cgraph's writer would
 * emit a DOT string that ends early or never ends.
 */
static void dot_cp(struct strbuf *out, unsigned long cp)
{
	switch (cp) {
	case '\\': strbuf_addstr(out, "\\\\"); return;
	case '&': strbuf_addstr(out, "&amp;"); return;
	case '\n': strbuf_addstr(out, "\\n"); return;
	}
	if (cp < 0x20 || cp == 0x7F)
		add_control_picture(out, cp);
	else
		utf8_append(out, cp);
}

void escape_html_text(struct strbuf *out, const char *s, size_t len)
{
	walk(out, s, len, html_text_cp);
}

void escape_html_attr(struct strbuf *out, const char *s, size_t len)
{
	walk(out, s, len, html_attr_cp);
}

void escape_js_string(struct strbuf *out, const char *s, size_t len)
{
	strbuf_addch(out, '"');
	walk(out, s, len, js_cp);
	strbuf_addch(out, '"');
}

void escape_dot_label(struct strbuf *out, const char *s, size_t len)
{
	size_t start = out->len;

	walk(out, s, len, dot_cp);
	/* cgraph (graphviz 2.42) takes "-." for a number, writes it without
	 * quotes, and then cannot read it back: its '-' as an entity makes
	 * cgraph quote it, and graphviz draws the same text */
	if (out->len - start == 2 && !memcmp(out->buf + start, "-.", 2)) {
		strbuf_setlen(out, start);
		strbuf_addstr(out, "&#45;.");
	}
}

void escape_url_path(struct strbuf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || (c && strchr("-._~/", c))) {
			strbuf_addch(out, c);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
}

/* One byte as strace writes a non-printable one: \t \n \v \f \r, else \ooo. */
static void terminal_byte(struct strbuf *out, unsigned char c)
{
	static const char named[] = "\t\n\v\f\r";
	static const char letter[] = "tnvfr";
	const char *n = c ? memchr(named, c, sizeof(named) - 1) : NULL;

	strbuf_addch(out, '\\');
	if (n) {
		strbuf_addch(out, letter[n - named]);
		return;
	}
	strbuf_addch(out, '0' + (c >> 6));
	strbuf_addch(out, '0' + ((c >> 3) & 7));
	strbuf_addch(out, '0' + (c & 7));
}

static void terminal(struct strbuf *out, const char *s, size_t len, int keep_lines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, adv;

	strbuf_grow(out, len);
	while (i < len) {
		long cp = utf8_decode(p + i, len - i, &adv);
		size_t k;

		if ((cp >= 0x20 && cp != 0x7F && (cp < 0x80 || cp > 0x9F)) ||
		    (keep_lines && cp == '\n')) {
			strbuf_add(out, s + i, adv);
		} else {
			/* a control (C0, DEL, C1) or a byte that is not UTF-8 */
			for (k = 0; k < adv; k++)
				terminal_byte(out, p[i + k]);
		}
		i += adv;
	}
}

void escape_terminal(struct strbuf *out, const char *s, size_t len)
{
	terminal(out, s, len, 0);
}

void escape_terminal_lines(struct strbuf *out, const char *s, size_t len)
{
	terminal(out, s, len, 1);
}
