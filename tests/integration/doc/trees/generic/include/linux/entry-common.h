/* fixture: the generic entry code's interface */
long syscall_enter_from_user_mode(struct pt_regs *regs, long syscall);
void syscall_exit_to_user_mode(struct pt_regs *regs);
