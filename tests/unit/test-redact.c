/* Unit tests for common/redact.c. */
#include <string.h>

#include "redact.h"
#include "tap.h"

static void check(const char *in, const char *want, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	redact_strings(&sb, in, strlen(in));
	is_str(sb.buf, want, "%s", name);
	strbuf_release(&sb);
}

int main(void)
{
	check("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3",
	      "openat(AT_FDCWD, \"<11 bytes>\", O_RDONLY) = 3", "a path");
	check("write(1, \"hi\\n\", 3) = 3", "write(1, \"<3 bytes>\", 3) = 3",
	      "an escape is one byte");
	check("read(3, \"\\x7fELF\\2\\1\\1\\0\\0\\0\"..., 832) = 832",
	      "read(3, \"<10 bytes>\"..., 832) = 832", "hex and octal escapes; the cut stays");
	check("write(1, \"\\177\\0011\\\"\\\\\", 5)", "write(1, \"<5 bytes>\", 5)",
	      "three-digit octal, octal then a digit, quote and backslash");
	check("execve(\"/bin/ls\", [\"ls\", \"-l\"], 0x7ffd /* 20 vars */) = 0",
	      "execve(\"<7 bytes>\", [\"<2 bytes>\", \"<2 bytes>\"], 0x7ffd /* 20 vars */) = 0",
	      "every literal of a line");
	check("write(1, \"\", 0) = 0", "write(1, \"<0 bytes>\", 0) = 0", "empty string");
	check("write(1, \"x\", 1) = 1", "write(1, \"<1 byte>\", 1) = 1", "one byte");
	check("close(3) = 0", "close(3) = 0", "no string: unchanged");
	check("write(1, \"secret an", "write(1, \"<9 bytes>\"", "a line cut inside a string");
	check("write(1, \"ab\\", "write(1, \"<3 bytes>\"", "a line cut after a backslash");
	check("write(1, \"<19 bytes>\", 19), \"<1 byte>\"", "write(1, \"<19 bytes>\", 19), \"<1 byte>\"",
	      "redacting a redacted line changes nothing");
	check("write(1, \"<19 bytesX\", 9)", "write(1, \"<10 bytes>\", 9)", "a look-alike is redacted");
	ok(redact_needed("a \"b\"", 5), "redact_needed: a literal");
	ok(!redact_needed("close(3) = 0", 12), "redact_needed: none");
	{
		struct strbuf sb = STRBUF_INIT;

		redact_strings(&sb, "w(\"a\0b\")", 8);
		is_str(sb.buf, "w(\"<3 bytes>\")", "a NUL byte inside is a byte");
		strbuf_release(&sb);
	}
	done_testing();
	return exit_status();
}
