/*
 * x86-64 syscall registers, for kernels without PTRACE_GET_SYSCALL_INFO
 * (before 5.3): PTRACE_GETREGS and the ABI from the code segment.
 *
 * 64-bit ABI: nr in orig_rax, args in rdi rsi rdx r10 r8 r9; x32: the
 * same with __X32_SYSCALL_BIT in nr; i386 (int $0x80, 32-bit tasks,
 * cs 0x23): ebx ecx edx esi edi ebp.  The return value is rax.
 */
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "engine.h"

#define X32_SYSCALL_BIT 0x40000000L

int regs_abi(uint32_t audit_arch, long *nr)
{
	if (audit_arch == AUDIT_ARCH_I386)
		return DECODE_ABI_I386;
	if (*nr >= 0 && (*nr & X32_SYSCALL_BIT)) {
		*nr &= ~X32_SYSCALL_BIT;
		return DECODE_ABI_X32;
	}
	return DECODE_ABI_X86_64;
}

int regs_get(struct task *t, struct regs_syscall *out)
{
	struct user_regs_struct r;

	if (engine_ptrace(t, PTRACE_GETREGS, NULL, &r) < 0)
		return -1;
	out->nr = (long)r.orig_rax;
	if (r.cs == 0x23) {
		out->abi = DECODE_ABI_I386;
		out->nr = (int32_t)r.orig_rax;
		out->args[0] = (uint32_t)r.rbx;
		out->args[1] = (uint32_t)r.rcx;
		out->args[2] = (uint32_t)r.rdx;
		out->args[3] = (uint32_t)r.rsi;
		out->args[4] = (uint32_t)r.rdi;
		out->args[5] = (uint32_t)r.rbp;
		out->rval = (int32_t)r.rax;
		out->sp = (uint32_t)r.rsp;
	} else {
		out->abi = regs_abi(AUDIT_ARCH_X86_64, &out->nr);
		out->args[0] = r.rdi;
		out->args[1] = r.rsi;
		out->args[2] = r.rdx;
		out->args[3] = r.r10;
		out->args[4] = r.r8;
		out->args[5] = r.r9;
		out->rval = (int64_t)r.rax;
		out->sp = r.rsp;
	}
	out->is_error = out->rval < 0 && out->rval >= -4095;
	return 0;
}
