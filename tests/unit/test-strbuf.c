/* Unit tests for common/strbuf.c. */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "strbuf.h"
#include "tap.h"

int main(void)
{
	struct strbuf sb = STRBUF_INIT;
	char path[] = "/tmp/sysatlas-test-strbufXXXXXX";
	size_t len;
	char *det;
	int fd, i;

	is_int(sb.len, 0, "initial length 0");
	is_str(sb.buf, "", "initial buffer is empty string");

	strbuf_addstr(&sb, "hello");
	strbuf_addch(&sb, ' ');
	strbuf_addf(&sb, "%s %d", "world", 42);
	is_str(sb.buf, "hello world 42", "addstr, addch, addf");

	strbuf_reset(&sb);
	for (i = 0; i < 10000; i++)
		strbuf_addf(&sb, "%04d", i % 10000);
	is_int(sb.len, 40000, "grows across many appends");
	ok(!memcmp(sb.buf + 39996, "9999", 4), "last append is in place");
	is_int(sb.buf[sb.len], 0, "stays NUL-terminated");

	strbuf_reset(&sb);
	strbuf_add(&sb, "a\0b", 3);
	is_mem(sb.buf, sb.len, "a\0b", 3, "holds NUL bytes");

	strbuf_reset(&sb);
	strbuf_addstr(&sb, "trail \t\n");
	strbuf_rtrim(&sb);
	is_str(sb.buf, "trail", "rtrim");

	det = strbuf_detach(&sb, &len);
	is_str(det, "trail", "detach hands the buffer over");
	is_int(len, 5, "detach reports the length");
	is_int(sb.len, 0, "detach resets");
	free(det);

	strbuf_addf(&sb, "%0*d", 5000, 7);
	is_int(sb.len, 5000, "addf longer than the first guess");
	ok(sb.buf[4999] == '7' && sb.buf[0] == '0', "addf content");

	{
		static const int64_t ints[] = { 0, 1, -1, 9, 10, -10, 26295, INT64_MAX, INT64_MIN,
						INT32_MIN, 4095 };
		static const uint64_t uints[] = { 0, 1, 15, 16, 255, 4096, 0xdeadbeef,
						  UINT32_MAX, 0x7ffc12345678, UINT64_MAX };
		char want[64];
		size_t k;

		for (k = 0; k < sizeof(ints) / sizeof(ints[0]); k++) {
			strbuf_reset(&sb);
			strbuf_add_int(&sb, ints[k]);
			snprintf(want, sizeof(want), "%" PRId64, ints[k]);
			is_str(sb.buf, want, "add_int %s", want);
		}
		for (k = 0; k < sizeof(uints) / sizeof(uints[0]); k++) {
			strbuf_reset(&sb);
			strbuf_add_uint(&sb, uints[k]);
			snprintf(want, sizeof(want), "%" PRIu64, uints[k]);
			is_str(sb.buf, want, "add_uint %s", want);
			strbuf_reset(&sb);
			strbuf_add_hex(&sb, uints[k]);
			snprintf(want, sizeof(want), "%#" PRIx64, uints[k]);
			is_str(sb.buf, want, "add_hex %s", want);
		}
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "getppid() = ");
		strbuf_add_int(&sb, 26295);
		is_str(sb.buf, "getppid() = 26295", "add_int appends");
	}

	fd = mkstemp(path);
	ok(fd >= 0, "temp file");
	close(fd);
	strbuf_reset(&sb);
	strbuf_add(&sb, "x\0y\n", 4);
	is_int(strbuf_write_file(&sb, path), 0, "write_file");
	strbuf_reset(&sb);
	is_int(strbuf_read_file(&sb, path), 4, "read_file length");
	is_mem(sb.buf, sb.len, "x\0y\n", 4, "read_file content round-trips");
	unlink(path);
	is_int(strbuf_read_file(&sb, path), -1, "read_file on a missing file fails");
	is_int(sb.len, 4, "failed read keeps content");
	is_int(strbuf_write_file(&sb, "/nonexistent-dir/x"), -1, "write_file into a missing dir fails");

	strbuf_release(&sb);
	done_testing();
	return exit_status();
}
