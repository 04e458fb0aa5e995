/* The seed note's program: open(2) by its own number, read, close. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	char buf[256];
	long fd = syscall(SYS_open, "/etc/hostname", O_RDONLY);

	if (fd < 0)
		return 1;
	if (read((int)fd, buf, sizeof(buf)) < 0)
		return 1;
	return close((int)fd) < 0;
}
