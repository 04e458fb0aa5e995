/*
 * strace's printing steps: openat of a path (printpath -> umovestr), read
 * into a buffer (printstrn -> umoven), fstat of a struct
 * (fetch_struct_stat -> umoven), each by its own number.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char buf[64];
	struct stat st;
	long fd = syscall(SYS_openat, AT_FDCWD, "/etc/hostname", O_RDONLY);

	if (fd < 0)
		return 1;
	if (syscall(SYS_read, fd, buf, sizeof(buf)) < 0)
		return 1;
	if (syscall(SYS_fstat, fd, &st) < 0)
		return 1;
	return syscall(SYS_close, fd) < 0;
}
