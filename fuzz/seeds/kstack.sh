#!/bin/sh
# seeds/kstack.sh SRC DIR: stacks in the shapes /proc/TID/stack has
dir=$2
printf '[<0>] ptrace_stop+0x132/0x340\n[<0>] ptrace_notify+0x4b/0x70\n[<0>] syscall_trace_enter.constprop.0+0xa2/0x1a0\n[<0>] do_syscall_64+0x3a/0xc0\n[<0>] entry_SYSCALL_64_after_hwframe+0x6e/0xd8\n' >"$dir/enter"
printf '[<ffffffff8a1b2c3d>] nfs_wait_bit_killable+0x1e/0x90 [nfs]\n[<0>] 0xffffffffc0a1b2c3\n[<0>] weird line here\n\n[<0>] f+0xzz/0x10\n' >"$dir/odd"
printf 'pipe_read+0x2d1/0x440\r\n[<0>] vfs_read+0x1e8/0x200\t\n' >"$dir/plain"
