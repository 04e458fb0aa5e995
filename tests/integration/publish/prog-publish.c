/*
 * prog-publish [N]: the program the publishing tests trace.  It writes a
 * marker string (which --redact must keep out of every file of the site),
 * calls faccessat2 (Linux 5.8) and close_range (5.9) by number, which the
 * v5.7 index lacks, and with N makes N rounds of everyday calls (N = 36:
 * about 300 calls in all, with start-up).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* split, so that the binary itself does not hold it whole */
static const char part1[] = "PUBLISH-MARK", part2[] = "ER-7f3a9c\n";

int main(int argc, char **argv)
{
	char buf[64], cwd[256];
	int i, n = argc > 1 ? atoi(argv[1]) : 0, p[2];
	struct timespec ts = { 0, 1000 };
	struct utsname u;
	struct stat st;

	memcpy(buf, part1, sizeof(part1) - 1);
	memcpy(buf + sizeof(part1) - 1, part2, sizeof(part2));
	if (write(1, buf, sizeof(part1) - 1 + sizeof(part2) - 1) < 0)
		return 1;
	syscall(439, AT_FDCWD, "/", F_OK, 0);	/* faccessat2 */
	syscall(436, 1000, 1010, 0);		/* close_range */
	for (i = 0; i < n; i++) {
		int fd = open(argv[0], O_RDONLY);
		void *m;

		if (fd >= 0) {
			if (read(fd, buf, sizeof(buf)) < 0 || fstat(fd, &st) < 0)
				return 1;
			lseek(fd, 0, SEEK_SET);
			close(fd);
		}
		getpid();
		if (i % 8 == 0) {
			if (pipe(p) == 0) {
				if (write(p[1], "x", 1) < 0 || read(p[0], buf, 1) < 0)
					return 1;
				close(p[0]);
				close(p[1]);
			}
			uname(&u);
			if (!getcwd(cwd, sizeof(cwd)))
				return 1;
			nanosleep(&ts, NULL);
			m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (m != MAP_FAILED)
				munmap(m, 4096);
			stat("/", &st);
		}
	}
	return 0;
}
