/*
 * Unit tests for web/html.c and web/links.c: the page skeleton and its
 * policy, escaping in links, URL safety, file names from trace data, link
 * templates, and the kernel-version note.
 */
#include "html.h"
#include "links.h"
#include "tap.h"
#include "web.h"

static void test_page(void)
{
	static const struct html_nav nav[] = {
		{ "a", "index.html", "Overview" }, { NULL, NULL, NULL },
	};
	static const char *const scripts[] = { "assets/site.js", NULL };
	struct html_page p = {
		.title = "</title><script>x</script>", .root = "../", .site = "sysatlas report",
		.nav = nav, .active = "a", .scripts = scripts, .body_class = "page",
	};
	struct strbuf sb = STRBUF_INIT;

	html_page_begin(&sb, &p);
	strbuf_addstr(&sb, "body");
	html_page_end(&sb, &p);
	ok(strstr(sb.buf, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
		  "script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; "
		  "form-action 'none'\">") != NULL, "page carries the CSP");
	ok(strstr(sb.buf, "<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; — sysatlas report</title>") != NULL,
	   "title escaped");
	ok(strstr(sb.buf, "<link rel=\"stylesheet\" href=\"../assets/sysatlas.css\">") != NULL,
	   "stylesheet relative to the root");
	ok(strstr(sb.buf, "<a href=\"../index.html\" class=\"active\">Overview</a>") != NULL,
	   "active nav entry");
	ok(strstr(sb.buf, "<script src=\"../assets/site.js\"></script>\n</body>") != NULL,
	   "scripts only as src, at the end");
	strbuf_release(&sb);
}

static void test_links(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct links l;

	html_link(&sb, "https://x.org/a?b=1&c=\"2\"", "<i>t</i>", "src");
	is_str(sb.buf, "<a href=\"https://x.org/a?b&#61;1&amp;c&#61;&quot;2&quot;\" class=\"src\" "
	       "target=\"_blank\" rel=\"noopener\">&lt;i&gt;t&lt;/i&gt;</a>", "external link escaped");
	strbuf_reset(&sb);
	html_link(&sb, "javascript:alert(1)", "x", NULL);
	is_str(sb.buf, "<span class=\"missing\">x</span>", "javascript: link refused");
	strbuf_reset(&sb);
	html_link(&sb, NULL, "gone", NULL);
	is_str(sb.buf, "<span class=\"missing\">gone</span>", "no URL: shown as missing");
	ok(html_url_is_safe("syscalls/openat.html#x:y"), "relative URL with a colon later is safe");
	ok(!html_url_is_safe("data:text/html,x"), "data: refused");
	ok(html_url_is_safe("file:///src/linux/fs/open.c"), "file: allowed");

	strbuf_reset(&sb);
	ok(links_expand("https://github.com/torvalds/linux/blob/{version}/{path}#L{line}", "v5.7",
			"fs/open file.c", 1173, &sb) == 0, "template expanded");
	is_str(sb.buf, "https://github.com/torvalds/linux/blob/v5.7/fs/open%20file.c#L1173",
	       "version, percent-encoded path and line");
	strbuf_reset(&sb);
	ok(links_expand("javascript:{path}", "v", "p", 1, &sb) < 0 && sb.len == 0,
	   "a template with another scheme gives no link");
	ok(links_init(&l, "file:/") == 0, "--links file:/ accepted");
	strbuf_reset(&sb);
	ok(links_url(&l, "linux", "v5.7", "https://h/{path}", "fs/open.c", 3, &sb) == 0 &&
	   !strcmp(sb.buf, "file:////fs/open.c#L3"), "file: links point into the local tree, line kept");
	strbuf_reset(&sb);
	ok(links_url(&l, "strace", "v5.7", "https://h/{version}/{path}#L{line}", "open.c", 3, &sb) == 0 &&
	   !strcmp(sb.buf, "https://h/v5.7/open.c#L3"), "strace keeps its template under file:");
	links_release(&l);
	ok(links_init(&l, "gitlab") < 0, "unknown --links style refused");

	/* stable releases are not tagged in torvalds/linux: Elixir has them */
	ok(links_version_is_stable("v6.1.192") && links_version_is_stable("6.12.118-1~deb12u1") &&
	   !links_version_is_stable("v6.1") && !links_version_is_stable("v6.2-rc3") &&
	   !links_version_is_stable("v5.7") && !links_version_is_stable("v6.1.0") &&
	   !links_version_is_stable(NULL) && !links_version_is_stable("x1.2.3"),
	   "stable versions told from mainline ones");
	ok(links_init(&l, "github") == 0, "--links github");
	strbuf_reset(&sb);
	ok(links_url(&l, "linux", "v6.1.192", "https://github.com/torvalds/linux/blob/{version}/{path}#L{line}",
		     "kernel/signal.c", 2205, &sb) == 0, "a stable tree's link");
	is_str(sb.buf, "https://elixir.bootlin.com/linux/v6.1.192/source/kernel/signal.c#L2205",
	       "a stable release links to Elixir, not to a torvalds/linux tag that does not exist");
	strbuf_reset(&sb);
	links_url(&l, "linux", "v6.1", "https://github.com/torvalds/linux/blob/{version}/{path}#L{line}",
		  "kernel/signal.c", 2205, &sb);
	is_str(sb.buf, "https://github.com/torvalds/linux/blob/v6.1/kernel/signal.c#L2205",
	       "a mainline tag stays on torvalds/linux");
	strbuf_reset(&sb);
	links_url(&l, "linux", "v6.2-rc3", "https://github.com/torvalds/linux/blob/{version}/{path}#L{line}",
		  "kernel/signal.c", 1, &sb);
	is_str(sb.buf, "https://github.com/torvalds/linux/blob/v6.2-rc3/kernel/signal.c#L1",
	       "a release candidate stays on torvalds/linux");
	strbuf_reset(&sb);
	links_url(&l, "linux", "6.12.118-1~deb12u1", "https://sources.debian.org/src/linux/{version}/{path}/#L{line}",
		  "kernel/signal.c", 7, &sb);
	is_str(sb.buf, "https://sources.debian.org/src/linux/6.12.118-1~deb12u1/kernel/signal.c/#L7",
	       "a tree's own template other than torvalds/linux is kept");
	links_release(&l);
	strbuf_release(&sb);
}

static void test_stems(void)
{
	struct strbuf sb = STRBUF_INIT;
	const char *bad[] = { "../../etc/passwd", ".hidden", "", "a/b", "OpenAt", "x\xff" };
	size_t i;

	html_file_stem(&sb, "openat");
	is_str(sb.buf, "openat", "plain name kept");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strbuf_reset(&sb);
		html_file_stem(&sb, bad[i]);
		ok(sb.len > 0 && strspn(sb.buf, "abcdefghijklmnopqrstuvwxyz0123456789_-") == sb.len &&
		   sb.buf[0] != '.', "unsafe name %zu becomes a safe stem (%s)", i, sb.buf);
	}
	strbuf_reset(&sb);
	html_file_stem(&sb, "a_very_long_name_that_goes_on_and_on_and_on_and_on_and_on_forever_x");
	ok(strchr(sb.buf, '-') != NULL && sb.len < 120, "long names get a hash, stay short");
	strbuf_release(&sb);
}

static void test_kernel_note(void)
{
	struct strbuf sb = STRBUF_INIT;

	is_int(web_kernel_note("6.1.0-18-amd64", "v5.7", &sb), 1, "6.1 differs from v5.7");
	ok(strstr(sb.buf, "v5.7's code") != NULL, "note says whose code is shown");
	strbuf_reset(&sb);
	is_int(web_kernel_note("5.7.0", "v5.7", &sb), 0, "5.7.0 is v5.7");
	is_int(web_kernel_note("5.7.19-custom", "v5.7", &sb), 1, "5.7.19 is not v5.7 (stable lines differ)");
	is_int(web_kernel_note(NULL, "v5.7", &sb), 0, "unknown release: no note");
	strbuf_release(&sb);
}

int main(void)
{
	test_page();
	test_links();
	test_stems();
	test_kernel_note();
	done_testing();
	return exit_status();
}
