#!/bin/sh
# seeds/import-parse.sh SRC DIR: strace lines in the formats import reads
dir=$2
printf '%s\n' 'execve("./p", ["./p"], 0x7ffe6cc0ced8 /* 41 vars */) = 0' \
	'openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3' \
	'access("/etc/ld.so.preload", R_OK)      = -1 ENOENT (No such file or directory)' \
	'[pid 19126] read(3,  <unfinished ...>' '<... wait4 resumed>NULL, 0, NULL)       = 19128' \
	'--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=19128, si_uid=0, si_status=3} ---' \
	'+++ exited with 0 +++' '+++ killed by SIGSEGV (core dumped) +++' \
	'syscall_0x3e7(0x11, 0, 0x7f2ff1a8b267) = -1 ENOSYS (Function not implemented)' >"$dir/default"
printf '%s\n' '19136 14:13:48.787009 <... clone3 resumed> => {parent_tid=[19137]}, 88) = 19137 <0.000302>' \
	'19220      0.011715 brk(NULL)           = 0x555f168ad000' \
	'19231 1700000000.123456789 openat(0xffffff9c, 0x7ff3e50940b1, 0x80000, 0) = 0x3' \
	'19239 read(3</usr/lib/libc.so.6>, "\177ELF\2\1"..., 832) = 832' \
	'12:34:56 (+     0.000123) getpid() = 5' \
	' > /usr/lib/x86_64-linux-gnu/libc.so.6(read+0x12) [0x10f7e2]' \
	'strace: Process 19127 attached' '[ Process PID=5 runs in 32 bit mode. ]' \
	'read(0,  <unfinished ...>)              = ? ERESTARTSYS (To be restarted if SA_RESTART is set)' \
	'+++ superseded by execve in pid 7 +++' '--- stopped by SIGSTOP ---' >"$dir/flags"
