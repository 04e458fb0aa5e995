#include <linux/syscalls.h>
#include <linux/entry-common.h>

typedef long (*sys_call_ptr_t)(struct pt_regs *);
extern const sys_call_ptr_t sys_call_table[];

static int do_syscall_x64(struct pt_regs *regs, int nr)
{
	if (nr < 450) {
		regs->ax = sys_call_table[nr](regs);
		return 1;
	}
	return 0;
}

void do_syscall_64(struct pt_regs *regs, int nr)
{
	nr = syscall_enter_from_user_mode(regs, nr);
	do_syscall_x64(regs, nr);
	syscall_exit_to_user_mode(regs);
}
