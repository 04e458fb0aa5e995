/* fixture: the generic-entry shape of the syscall report hooks */
int ptrace_notify(int exit_code, unsigned long message);

static inline int ptrace_report_syscall(unsigned long message)
{
	ptrace_notify(5, message);
	return 0;
}

static inline int ptrace_report_syscall_entry(struct pt_regs *regs)
{
	return ptrace_report_syscall(1);
}

static inline void ptrace_report_syscall_exit(struct pt_regs *regs, int step)
{
	ptrace_report_syscall(2);
}
