#!/bin/sh
# seeds/import-logs.sh SRC DIR: -ff files, cut at "\n==\n" (fuzz-import-logs.c)
dir=$2
printf '%s\n' '23:59:59.100000 clone(child_stack=NULL, flags=SIGCHLD) = 101 <0.000050>' \
	'23:59:59.200000 wait4(-1, NULL, 0, NULL) = 101 <2.000000>' '00:00:01.300000 exit_group(0) = ?' \
	'==' '23:59:59.500000 getpid() = 101 <0.000005>' '00:00:00.500000 exit_group(0) = ?' \
	'00:00:00.600000 +++ exited with 0 +++' >"$dir/midnight"
printf '%s\n' '1700000000.000000 getpid() = 100 <0.000005>' ' > /lib/libc.so.6(getpid+0x7) [0x1]' \
	'==' '1700000000.000001 read(0, "", 1) = 0 <9223372036.000000>' \
	'==' '1700000000.5 --- SIGCHLD {si_signo=SIGCHLD} ---' '1700000001.000000 +++ killed by SIGKILL +++' >"$dir/epoch"
printf '%s\n' 'getpid() = 100' '==' '10:00:00.000000 getpid() = 101 <0.000005>' >"$dir/mixed"
