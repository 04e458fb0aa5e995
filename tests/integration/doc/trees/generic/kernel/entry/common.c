#include <linux/syscalls.h>
#include <linux/ptrace.h>
#include <linux/entry-common.h>

static long syscall_trace_enter(struct pt_regs *regs, long syscall)
{
	long ret = 0;

	if (regs->orig_ax)
		ret = ptrace_report_syscall_entry(regs);
	return ret ? -1 : syscall;
}

long syscall_enter_from_user_mode(struct pt_regs *regs, long syscall)
{
	return syscall_trace_enter(regs, syscall);
}

static void syscall_exit_work(struct pt_regs *regs)
{
	ptrace_report_syscall_exit(regs, 0);
}

void syscall_exit_to_user_mode(struct pt_regs *regs)
{
	syscall_exit_work(regs);
}
