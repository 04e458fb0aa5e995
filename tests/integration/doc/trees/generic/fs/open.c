#include <linux/syscalls.h>

long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode);
long do_faccessat(int dfd, const char __user *filename, int mode, int flags);

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode,
		int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, unsigned short, mode)
{
	return do_sys_open(-100, filename, flags, mode);
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, unsigned long, count)
{
	if (fd > 2) {
		return -9;
	}
	return 0;
}
