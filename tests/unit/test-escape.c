/* Unit tests for common/escape.c: every metacharacter, bad UTF-8, NULs. */
#include <stdio.h>

#include "error.h"
#include "escape.h"
#include "tap.h"

typedef void (*escaper)(struct strbuf *, const char *, size_t);

static void check(escaper fn, const char *in, size_t len, const char *want,
		  const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	fn(&sb, in, len);
	is_mem(sb.buf, sb.len, want, strlen(want), "%s", name);
	strbuf_release(&sb);
}

#define CHECK(fn, lit, want, name) check(fn, lit, sizeof(lit) - 1, want, name)

static void test_utf8(void)
{
	size_t adv;

	is_int(utf8_decode((const unsigned char *)"A", 1, &adv), 'A', "ascii");
	is_int(utf8_decode((const unsigned char *)"\xc3\xa9", 2, &adv), 0xE9, "2-byte é");
	is_int(adv, 2, "2-byte advance");
	is_int(utf8_decode((const unsigned char *)"\xe2\x82\xac", 3, &adv), 0x20AC, "3-byte €");
	is_int(utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &adv), 0x1F600, "4-byte emoji");
	is_int(utf8_decode((const unsigned char *)"\xc0\xaf", 2, &adv), -1, "overlong / rejected");
	is_int(adv, 1, "invalid advances one byte");
	is_int(utf8_decode((const unsigned char *)"\xe0\x80\xaf", 3, &adv), -1, "3-byte overlong rejected");
	is_int(utf8_decode((const unsigned char *)"\xed\xa0\x80", 3, &adv), -1, "surrogate rejected");
	is_int(utf8_decode((const unsigned char *)"\xf4\x90\x80\x80", 4, &adv), -1, "above U+10FFFF rejected");
	is_int(utf8_decode((const unsigned char *)"\xe2\x82", 2, &adv), -1, "truncated rejected");
	is_int(utf8_decode((const unsigned char *)"\x80", 1, &adv), -1, "lone continuation rejected");
	is_int(utf8_decode((const unsigned char *)"\xff", 1, &adv), -1, "0xff rejected");
}

static void test_html(void)
{
	CHECK(escape_html_text, "a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f", "html text metacharacters");
	CHECK(escape_html_text, "<script>alert(1)</script>",
	      "&lt;script&gt;alert(1)&lt;/script&gt;", "html text script tag");
	CHECK(escape_html_text, "tab\tnl\ncr\r", "tab\tnl\ncr\r", "html text keeps tab/newline/cr");
	CHECK(escape_html_text, "a\0b", "a\xe2\x90\x80" "b", "html text NUL as U+2400");
	CHECK(escape_html_text, "\x1b[0m", "\xe2\x90\x9b[0m", "html text ESC as control picture");
	CHECK(escape_html_text, "\x7f", "\xe2\x90\xa1", "html text DEL as U+2421");
	CHECK(escape_html_text, "\xff\xfe", "\xef\xbf\xbd\xef\xbf\xbd", "html text invalid bytes as U+FFFD");
	CHECK(escape_html_text, "caf\xc3\xa9", "caf\xc3\xa9", "html text valid UTF-8 kept");
	CHECK(escape_html_text, "\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd", "html text truncated sequence");
	CHECK(escape_html_text, "&amp;", "&amp;amp;", "html text existing entity is text");

	CHECK(escape_html_attr, "a\"b'c`d=e", "a&quot;b&#39;c&#96;d&#61;e", "html attr quotes, backtick, equals");
	CHECK(escape_html_attr, "x\ty\nz\r", "x&#9;y&#10;z&#13;", "html attr whitespace as references");
	CHECK(escape_html_attr, "<>&", "&lt;&gt;&amp;", "html attr < > &");
	CHECK(escape_html_attr, "\0", "\xe2\x90\x80", "html attr NUL");
	CHECK(escape_html_attr, "\xc3", "\xef\xbf\xbd", "html attr invalid UTF-8");
}

static void test_js(void)
{
	CHECK(escape_js_string, "plain", "\"plain\"", "js plain");
	CHECK(escape_js_string, "q\"b\\", "\"q\\\"b\\\\\"", "js quote and backslash");
	CHECK(escape_js_string, "\n\r\t\b\f", "\"\\n\\r\\t\\b\\f\"", "js short escapes");
	CHECK(escape_js_string, "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"", "js control characters");
	CHECK(escape_js_string, "a\0b", "\"a\\u0000b\"", "js NUL");
	CHECK(escape_js_string, "</script><!--", "\"\\u003c/script\\u003e\\u003c!--\"", "js cannot close script");
	CHECK(escape_js_string, "&'", "\"\\u0026\\u0027\"", "js ampersand and apostrophe");
	CHECK(escape_js_string, "\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\"", "js line/paragraph separators");
	CHECK(escape_js_string, "\xff", "\"\xef\xbf\xbd\"", "js invalid UTF-8 as U+FFFD");
	CHECK(escape_js_string, "\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"", "js keeps valid astral UTF-8");
}

static void test_dot(void)
{
	CHECK(escape_dot_label, "a\\Nb", "a\\\\Nb", "dot backslash escapes neutralised");
	CHECK(escape_dot_label, "say \"hi\"", "say \"hi\"", "dot quotes left to cgraph, which escapes them");
	CHECK(escape_dot_label, "x\\", "x\\\\", "dot trailing backslash doubled (never odd at the end)");
	CHECK(escape_dot_label, "a\\\"", "a\\\\\"", "dot backslash before a quote doubled");
	CHECK(escape_dot_label, "a&lt;b", "a&amp;lt;b", "dot ampersand (graphviz decodes entities)");
	CHECK(escape_dot_label, "-.", "&#45;.", "dot \"-.\" (cgraph writes it bare and cannot read it) as an entity");
	CHECK(escape_dot_label, "-..", "-..", "dot \"-..\" left to cgraph, which quotes it");
	CHECK(escape_dot_label, "l1\nl2", "l1\\nl2", "dot newline");
	CHECK(escape_dot_label, "<b>{x|y}</b>", "<b>{x|y}</b>", "dot angle brackets and braces kept (not records)");
	CHECK(escape_dot_label, "\0\x07", "\xe2\x90\x80\xe2\x90\x87", "dot NUL and BEL");
	CHECK(escape_dot_label, "\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd", "dot overlong NUL rejected");
}

static void test_url(void)
{
	CHECK(escape_url_path, "kernel/ptrace.c", "kernel/ptrace.c", "url plain path");
	CHECK(escape_url_path, "a b#c?d%e", "a%20b%23c%3Fd%25e", "url reserved characters");
	CHECK(escape_url_path, "\"><script>", "%22%3E%3Cscript%3E", "url quotes and brackets");
	CHECK(escape_url_path, "x\0y", "x%00y", "url NUL");
	CHECK(escape_url_path, "\xc3\xa9", "%C3%A9", "url UTF-8 bytes");
	CHECK(escape_url_path, "javascript:alert(1)", "javascript%3Aalert%281%29", "url colon and parens");
}

static char last_error[256];

static void catch_error(const char *line)
{
	snprintf(last_error, sizeof(last_error), "%s", line);
}

static void test_terminal(void)
{
	CHECK(escape_terminal, "ls -l /tmp/\xc3\xa9t\xc3\xa9", "ls -l /tmp/\xc3\xa9t\xc3\xa9",
	      "terminal keeps printable UTF-8");
	CHECK(escape_terminal, "\x1b]0;pwned\x07", "\\033]0;pwned\\007", "terminal OSC title sequence");
	CHECK(escape_terminal, "\t\n\v\f\r", "\\t\\n\\v\\f\\r", "terminal named controls");
	CHECK(escape_terminal, "\0\x7f", "\\000\\177", "terminal NUL and DEL");
	CHECK(escape_terminal, "\xc2\x9b" "31m", "\\302\\23331m", "terminal C1 CSI as UTF-8");
	CHECK(escape_terminal, "\x9b\xff\xe2\x82", "\\233\\377\\342\\202", "terminal bytes that are not UTF-8");
	CHECK(escape_terminal, "a\\b", "a\\b", "terminal keeps backslashes");
	CHECK(escape_terminal_lines, "l1\nl2\x1b", "l1\nl2\\033", "terminal lines keep line ends");
	error_set_routine(catch_error);
	error("index: %s:%d: garbled line", "a.tbl\x1b[2J", 3);
	is_str(last_error, "sysatlas: index: a.tbl\\033[2J:3: garbled line", "error() escapes what it names");
	warning("%s", "\x1b]0;x\x07");
	is_str(last_error, "sysatlas: warning: \\033]0;x\\007", "warning() too");
	error_set_routine(NULL);
}

int main(void)
{
	test_utf8();
	test_terminal();
	test_html();
	test_js();
	test_dot();
	test_url();
	done_testing();
	return exit_status();
}
