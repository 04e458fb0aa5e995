/* Unit tests for tracer/kstack.c: /proc/TID/stack lines of every shape. */
#include <stdio.h>
#include <string.h>

#include "kstack.h"
#include "strbuf.h"
#include "tap.h"

static void parses(const char *line, const char *func, long long off, long long size,
		   const char *module)
{
	struct kstack_frame f;
	int rc = kstack_parse_line(line, strlen(line), &f);
	char label[128];

	/* the line as the test's name, on one line */
	snprintf(label, sizeof(label), "%.*s", (int)strcspn(line, "\n"), line);
	line = label;
	ok(rc == 0, "parses: %s", line);
	if (rc)
		return;
	is_mem(f.func, f.func_len, func, strlen(func), "  function of: %s", line);
	is_int(f.offset, off, "  offset of: %s", line);
	is_int(f.size, size, "  size of: %s", line);
	if (module)
		is_mem(f.module, f.module_len, module, strlen(module), "  module of: %s", line);
	else
		ok(!f.module, "  no module: %s", line);
}

static void canonical(const char *what, const char *text, size_t frames, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	is_int(kstack_canonical(text, strlen(text), &sb), frames, "frames: %s", what);
	is_str(sb.buf, want, "canonical text: %s", what);
	strbuf_release(&sb);
}

int main(void)
{
	struct kstack_frame f;
	enum kstack_mode m;

	/* what kernels print */
	parses("[<0>] ptrace_stop+0x132/0x340", "ptrace_stop", 0x132, 0x340, NULL);
	parses("[<0>] entry_SYSCALL_64_after_hwframe+0x76/0x7e\n", "entry_SYSCALL_64_after_hwframe",
	       0x76, 0x7e, NULL);
	parses("[<ffffffff8a1b2c3d>] do_syscall_64+0x5b/0x1a0", "do_syscall_64", 0x5b, 0x1a0, NULL);
	parses("[<0>] nfs_wait_bit_killable+0x1e/0x90 [nfs]", "nfs_wait_bit_killable", 0x1e, 0x90, "nfs");
	parses("[<0>] do_execveat_common.isra.0+0x1a6/0x1b0", "do_execveat_common.isra.0", 0x1a6, 0x1b0, NULL);
	parses("[<0>] __x64_sys_exit_group+0x0/0x20", "__x64_sys_exit_group", 0, 0x20, NULL);
	parses("ptrace_stop+0x132/0x340", "ptrace_stop", 0x132, 0x340, NULL);
	/* other shapes: kept whole, no offset */
	parses("[<0>] 0xffffffffc0a1b2c3", "0xffffffffc0a1b2c3", -1, -1, NULL);
	parses("[<0>] weird line here", "weird line here", -1, -1, NULL);
	parses("[<0>] f+0xzz/0x10", "f+0xzz/0x10", -1, -1, NULL);
	parses("[<0>] f+0x10", "f+0x10", -1, -1, NULL);
	parses("[<0>] f+0x10/0x20 junk", "f+0x10/0x20 junk", -1, -1, NULL);
	parses("[<0>] +0x10/0x20", "+0x10/0x20", -1, -1, NULL);
	parses("[<0>] f+0x1234567890abcdef0/0x10", "f+0x1234567890abcdef0/0x10", -1, -1, NULL);
	parses("[<0>] f [", "f [", -1, -1, NULL);
	parses("[<0>] f []", "f []", -1, -1, NULL);
	parses("[<0 ] f+0x1/0x2", "[<0 ] f+0x1/0x2", -1, -1, NULL);
	ok(kstack_parse_line("", 0, &f) < 0, "an empty line is no frame");
	ok(kstack_parse_line("   \n", 4, &f) < 0, "a blank line is no frame");
	ok(kstack_parse_line("[<0>] ", 6, &f) < 0, "an address alone is no frame");

	/* whole stacks */
	canonical("two frames", "[<0>] ptrace_stop+0x132/0x340\n[<0>] ptrace_notify+0x50/0x80\n", 2,
		  "ptrace_stop+0x132/0x340\nptrace_notify+0x50/0x80\n");
	canonical("empty", "", 0, "");
	canonical("blank lines", "\n\n", 0, "");
	canonical("zeros and a module", "[<0>] a+0x0/0x0 [m]", 1, "a+0x0/0x0 [m]\n");
	canonical("control bytes", "[<0>] bad\x1b]0;title\x07name+0x1/0x2\n", 1, "bad?]0;title?name+0x1/0x2\n");
	canonical("CRLF", "[<0>] x+0x1/0x2\r\n\r\n[<0>] y+0x3/0x4", 2, "x+0x1/0x2\ny+0x3/0x4\n");

	/* modes and names */
	ok(kstack_mode_parse("first", &m) == 0 && m == KSTACK_FIRST, "first");
	ok(kstack_mode_parse("all", &m) == 0 && m == KSTACK_ALL, "all");
	ok(kstack_mode_parse("off", &m) == 0 && m == KSTACK_OFF, "off");
	ok(kstack_mode_parse("some", &m) < 0, "an unknown mode");
	is_str(kstack_at_name(KSTACK_AT_ENTER), "syscall-enter", "stop names");
	is_str(kstack_at_name(KSTACK_AT_SAMPLE), "sample", "sample name");
	is_str(kstack_at_name((enum kstack_at)99), "?", "out of range");
	ok(strstr(kstack_why(13), "root") != NULL, "EACCES says root");
	ok(strstr(kstack_why(2), "CONFIG_STACKTRACE") != NULL, "ENOENT says CONFIG_STACKTRACE");
	is_int(kstack_task_state(-1), 0, "no state for a task that is not there");
	done_testing();
	return exit_status();
}
