/* golden: reading and writing — strings with every kind of byte, the -s
 * limit, vectors, offsets, bad and NULL buffers. */
#include <fcntl.h>
#include <string.h>
#include <sys/uio.h>

#include "golden.h"

int main(void)
{
	static const char odd[] = "tab\there\nnul\0after\033[0m\177\200\377end\"\\";
	char big[100], rd[64];
	struct iovec iov[3];
	int fd;

	memset(big, 'A', sizeof(big));
	golden_bad_addr();
	GOLDEN_BEGIN();
	fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);
	syscall(SYS_write, fd, odd, sizeof(odd) - 1);
	syscall(SYS_write, fd, big, 32);
	syscall(SYS_write, fd, big, 33);
	syscall(SYS_write, fd, "0\0001\0009", 5);
	syscall(SYS_write, fd, NULL, 5);
	syscall(SYS_write, fd, golden_bad_addr(), 5);
	syscall(SYS_write, -1, "x", 1);
	syscall(SYS_read, fd, rd, sizeof(rd));
	syscall(SYS_read, fd, golden_bad_addr(), 5);
	syscall(SYS_pwrite64, fd, "abc", 3, 1024);
	syscall(SYS_pread64, fd, rd, 8, 0);
	iov[0].iov_base = "one";
	iov[0].iov_len = 3;
	iov[1].iov_base = big;
	iov[1].iov_len = 40;
	iov[2].iov_base = golden_bad_addr();
	iov[2].iov_len = 0;
	syscall(SYS_writev, fd, iov, 2);
	syscall(SYS_writev, fd, iov, 0);
	syscall(SYS_writev, fd, golden_bad_addr(), 2);
	syscall(SYS_lseek, fd, 0, SEEK_SET);
	syscall(SYS_lseek, fd, (off_t)-1, SEEK_CUR);
	syscall(SYS_lseek, fd, 5, 7);
	syscall(SYS_close, fd);
	fd = syscall(SYS_openat, AT_FDCWD, "/dev/zero", O_RDONLY);
	syscall(SYS_read, fd, rd, sizeof(rd));
	syscall(SYS_read, fd, rd, 4);
	syscall(SYS_close, fd);
	GOLDEN_END();
	return 0;
}
