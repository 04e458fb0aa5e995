#include <linux/syscalls.h>

static int ptrace_stop(int exit_code, unsigned long message)
{
	current->ptrace = current->ptrace;
	return 0;
}

static int ptrace_do_notify(int signr, int exit_code, unsigned long message)
{
	return ptrace_stop(exit_code, message);
}

int ptrace_notify(int exit_code, unsigned long message)
{
	return ptrace_do_notify(5, exit_code, message);
}
