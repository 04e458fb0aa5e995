/*
 * test-decode-print: strace's string, address and flag formatting, seen
 * through simple decoders (write, openat, access, mmap).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "tap.h"
#include "decode-harness.h"

static void test_strings(void)
{
	static const char nonprint[] = "a\0b\n\t\r\v\f\"\\\033\377\1z";
	static const char octal_next[] = "\0" "1\0" "9\033" "7";
	char buf[128];
	const char *p;

	is_str(dec(5, SYS_write, 1, "hello", 5), "write(1, \"hello\", 5) = 5", "plain string");
	is_str(dec(14, SYS_write, 1, nonprint, 14),
	       "write(1, \"a\\0b\\n\\t\\r\\v\\f\\\"\\\\\\33\\377\\1z\", 14) = 14",
	       "escapes: \\0 \\n \\t \\r \\v \\f quote backslash \\33 \\377");
	/* an octal escape followed by a digit takes three digits */
	is_str(dec(6, SYS_write, 1, octal_next, 6),
	       "write(1, \"\\0001\\09\\0337\", 6) = 6", "octal before a digit: \\000 \\033; before 9: \\0");
	memset(buf, 'x', sizeof(buf));
	is_str(dec(32, SYS_write, 1, buf, 32),
	       "write(1, \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\", 32) = 32", "exactly -s bytes: no ellipsis");
	is_str(dec(33, SYS_write, 1, buf, 33),
	       "write(1, \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"..., 33) = 33", "-s + 1 bytes: ellipsis");
	harness_opts.string_limit = 4;
	is_str(dec(100, SYS_write, 1, buf, 100), "write(1, \"xxxx\"..., 100) = 100", "-s 4");
	/* the byte after the limit decides an escape's width */
	is_str(dec(5, SYS_write, 1, "abc\0" "5", 5), "write(1, \"abc\\000\"..., 5) = 5",
	       "cut after \\0: the next byte (not printed) is a digit: \\000");
	is_str(dec(6, SYS_write, 1, "abcd\0" "5", 6), "write(1, \"abcd\"..., 6) = 6", "cut at the limit");
	is_str(dec(4, SYS_write, 1, "ab\0" "5", 4), "write(1, \"ab\\0005\", 4) = 4", "\\000 before 5 within the limit");
	harness_opts.string_limit = 0;
	is_str(dec(3, SYS_write, 1, "abc", 3), "write(1, \"\"..., 3) = 3", "-s 0");
	harness_opts.string_limit = 32;
	is_str(dec(0, SYS_write, 1, "", 0), "write(1, \"\", 0) = 0", "empty buffer");
	is_str(dec(-EFAULT, SYS_write, 1, 0, 10), "write(1, NULL, 10) = -1 EFAULT (Bad address)", "NULL buffer");
	snprintf(buf, sizeof(buf), "write(1, %#llx, 10) = -1 EFAULT (Bad address)",
		 (unsigned long long)harness_bad_addr());
	is_str(dec(-EFAULT, SYS_write, 1, harness_bad_addr(), 10), buf, "unreadable buffer: its address");

	/* paths are not cut at -s */
	p = "/a/very/long/path/that/is/longer/than/thirty/two/bytes";
	snprintf(buf, sizeof(buf), "openat(AT_FDCWD, \"%s\", O_RDONLY) = 3", p);
	is_str(dec(3, SYS_openat, AT_FDCWD, p, O_RDONLY), buf, "long path printed whole");
	snprintf(buf, sizeof(buf), "openat(AT_FDCWD, %#llx, O_RDONLY) = -1 EFAULT (Bad address)",
		 (unsigned long long)harness_bad_addr());
	is_str(dec(-EFAULT, SYS_openat, AT_FDCWD, harness_bad_addr(), O_RDONLY), buf, "unreadable path");
	is_str(dec(-EFAULT, SYS_openat, AT_FDCWD, 0, O_RDONLY),
	       "openat(AT_FDCWD, NULL, O_RDONLY) = -1 EFAULT (Bad address)", "NULL path");
	is_str(dec(-ENOENT, SYS_openat, AT_FDCWD, "\033[1mbold\n", O_RDONLY),
	       "openat(AT_FDCWD, \"\\33[1mbold\\n\", O_RDONLY) = -1 ENOENT (No such file or directory)",
	       "non-printable path bytes");
}

/* A string that ends exactly at an unmapped page: readable, then a fault. */
static void test_page_edge(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *two = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *s, want[128];

	munmap(two + pg, pg);
	s = two + pg - 4;
	memcpy(s, "ab\0", 3);
	is_str(dec(-ENOENT, SYS_openat, AT_FDCWD, s, O_RDONLY),
	       "openat(AT_FDCWD, \"ab\", O_RDONLY) = -1 ENOENT (No such file or directory)",
	       "string before an unmapped page");
	memcpy(s, "abcd", 4);	/* no NUL before the hole */
	snprintf(want, sizeof(want), "openat(AT_FDCWD, %p, O_RDONLY) = -1 EFAULT (Bad address)", (void *)s);
	is_str(dec(-EFAULT, SYS_openat, AT_FDCWD, s, O_RDONLY), want,
	       "unterminated string running into a hole: its address");
	snprintf(want, sizeof(want), "write(1, %p, 8) = -1 EFAULT (Bad address)", (void *)s);
	is_str(dec(-EFAULT, SYS_write, 1, s, 8), want, "buffer half readable: its address");
	munmap(two, pg);
}

static void test_flags(void)
{
	is_str(dec(3, SYS_openat, AT_FDCWD, "f", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644),
	       "openat(AT_FDCWD, \"f\", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644) = 3", "O_CREAT shows the mode");
	is_str(dec(3, SYS_openat, AT_FDCWD, ".", O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_DIRECTORY),
	       "openat(AT_FDCWD, \".\", O_RDONLY|O_NONBLOCK|O_CLOEXEC|O_DIRECTORY) = 3", "strace's flag order");
	is_str(dec(3, SYS_openat, AT_FDCWD, "f", O_RDWR | 0x40000000),
	       "openat(AT_FDCWD, \"f\", O_RDWR|0x40000000) = 3", "unknown bit");
	is_str(dec(3, SYS_openat, AT_FDCWD, "f", O_RDONLY | O_SYNC),
	       "openat(AT_FDCWD, \"f\", O_RDONLY|O_SYNC) = 3", "O_SYNC includes O_DSYNC");
	is_str(dec(3, SYS_openat, AT_FDCWD, "d", O_RDWR | O_TMPFILE, 0600),
	       "openat(AT_FDCWD, \"d\", O_RDWR|O_TMPFILE, 0600) = 3", "O_TMPFILE includes O_DIRECTORY");
	is_str(dec(3, SYS_openat, 7, "f", O_ACCMODE),
	       "openat(7, \"f\", O_ACCMODE) = 3", "dirfd 7, access mode 3");
	is_str(dec(0, SYS_access, "/x", R_OK | W_OK | X_OK), "access(\"/x\", R_OK|W_OK|X_OK) = 0", "access modes");
	is_str(dec(0, SYS_access, "/x", F_OK), "access(\"/x\", F_OK) = 0", "F_OK is 0");
	is_str(dec(-EINVAL, SYS_access, "/x", 0x10),
	       "access(\"/x\", 0x10 /* ?_OK */) = -1 EINVAL (Invalid argument)", "unknown access bits only");
	is_str(dec(0x7f0000000000, SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
	       "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f0000000000",
	       "mmap: NULL, prot, type|flags, hex return");
	is_str(dec(0x7f0000001000, SYS_mmap, 0x7f0000001000, 4096, PROT_NONE,
		   MAP_SHARED | MAP_FIXED | MAP_DENYWRITE, 3, 0x7000),
	       "mmap(0x7f0000001000, 4096, PROT_NONE, MAP_SHARED|MAP_FIXED|MAP_DENYWRITE, 3, 0x7000) = 0x7f0000001000",
	       "mmap: PROT_NONE, fixed, offset in hex");
	is_str(dec(-EINVAL, SYS_mmap, 0, 1, 0x80, 0xf, -1, 0),
	       "mmap(NULL, 1, 0x80 /* PROT_??? */, 0xf /* MAP_??? */, -1, 0) = -1 EINVAL (Invalid argument)",
	       "unknown prot and map type");
	is_str(dec(0, SYS_mprotect, 0x1000, 4096, PROT_READ | PROT_EXEC | 0x100),
	       "mprotect(0x1000, 4096, PROT_READ|PROT_EXEC|0x100) = 0", "known and unknown prot bits");
}

static void test_fd_paths(void)
{
	int fd = open("/dev/null", O_RDONLY);

	harness_opts.fd_paths = 1;
	ok(strstr(dec(0, SYS_close, fd), "</dev/null>) = 0") != NULL, "-y: close(N</dev/null>)");
	is_str(dec(fd, SYS_openat, 7, "/dev/null", O_RDONLY),
	       fmt("openat(7, \"/dev/null\", O_RDONLY) = %d</dev/null>", fd), "-y: returned fd with its path");
	is_str(dec(-EBADF, SYS_close, 999), "close(999) = -1 EBADF (Bad file descriptor)", "-y: no path for a closed fd");
	{
		char cwd[PATH_MAX];

		ok(getcwd(cwd, sizeof(cwd)) != NULL, "getcwd");
		is_str(dec(-ENOENT, SYS_openat, AT_FDCWD, "x\n", O_RDONLY),
		       fmt("openat(AT_FDCWD<%s>, \"x\\n\", O_RDONLY) = -1 ENOENT (No such file or directory)", cwd),
		       "-y: AT_FDCWD<cwd>");
	}
	fd = open(".", O_RDONLY);
	{
		/* a directory named with < > and a newline: escaped inside <> */
		const char *odd = "/tmp/sysatlas-test-<odd>\n";
		int dfd;

		mkdir(odd, 0700);
		dfd = open(odd, O_RDONLY | O_DIRECTORY);
		is_str(dec(0, SYS_fchdir, dfd), fmt("fchdir(%d</tmp/sysatlas-test-\\74odd\\76\\n>) = 0", dfd),
		       "-y: < > and newline escaped in the path");
		close(dfd);
		rmdir(odd);
	}
	close(fd);
	harness_opts.fd_paths = 0;
	close(fd);
}

/* The largest single read the decoder asks for. */
static size_t biggest_read;

static ssize_t counting_read(struct decode_mem *m, uint64_t addr, void *buf, size_t len)
{
	if (len > biggest_read)
		biggest_read = len;
	return harness_read(m, addr, buf, len);
}

/* -s far above what a line keeps: no more is read than can show. */
static void test_huge_limit(void)
{
	size_t n = 8u << 20;
	char *big = malloc(n);
	const char *line;

	memset(big, 'a', n);
	harness_opts.string_limit = INT_MAX / 4;
	harness_mem.read = counting_read;
	biggest_read = 0;
	line = dec((long)n, SYS_write, 1, big, (long)n);
	ok(biggest_read <= DECODE_LINE_MAX + 1, "-s %u of an 8 MiB write reads at most %u bytes (read %zu)",
	   harness_opts.string_limit, DECODE_LINE_MAX + 1, biggest_read);
	ok(strlen(line) < DECODE_LINE_MAX + 64 && strstr(line, "aaa\"..., 8388608) = 8388608"),
	   "and the line says it was cut (%zu bytes)", strlen(line));
	harness_mem.read = harness_read;
	harness_opts.string_limit = 32;
	free(big);
}

int main(void)
{
	test_strings();
	test_huge_limit();
	test_page_edge();
	test_flags();
	test_fd_paths();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
