#!/bin/sh
# -e trace=SET: only SET is recorded, and with a launched command only
# SET stops the tracee (seccomp-stops), the rest runs without stopping.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
rc=0
"$SYSATLAS" trace -e trace=openat -o "$db" -- "$PROGS/prog-basic" 1000 >"$tmp/out" || rc=$?
expect_eq "$rc" 3 "exit status"
expect_ge "$(sed -n 's/^ppid=//p' "$tmp/out")" 2 "getppid worked untraced"
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind IN ('enter', 'exit') AND nr != 257")" 0 \
	"only openat recorded"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND nr = 257 AND retval = -2
	AND text LIKE '%ENOENT%'")" 1 "the failing openat"
# enters come from seccomp-stops, exits from syscall-exit-stops
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'enter' AND stop != 'seccomp'")" 0 "seccomp enters"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND stop != 'syscall'")" 0 "syscall exits"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'enter'")" \
	"$(q "SELECT count(*) FROM event WHERE kind = 'exit'")" "enter and exit paired"
# after the exit the tracee runs on with PTRACE_CONT
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND mechanism NOT LIKE '%PTRACE_CONT'")" 0 \
	"resumed with PTRACE_CONT outside traced calls"

# classes, several names, negation
"$SYSATLAS" trace -e trace=%process -f -o "$tmp/p.db" -- "$PROGS/prog-vfork" >/dev/null
db=$tmp/p.db
expect_eq "$(q "SELECT group_concat(DISTINCT nr) FROM (SELECT nr FROM event WHERE kind = 'exit' ORDER BY nr)")" \
	"58,59,61" "%process: vfork, execve, wait4"
"$SYSATLAS" trace -e 'trace=getppid,write' -o "$tmp/n.db" -- "$PROGS/prog-basic" 3 >/dev/null || true
db=$tmp/n.db
expect_eq "$(q "SELECT group_concat(nr) FROM (SELECT DISTINCT nr FROM event WHERE kind = 'exit' ORDER BY nr)")" \
	"1,110" "getppid,write"
"$SYSATLAS" trace -e 'trace=!getppid' -o "$tmp/x.db" -- "$PROGS/prog-basic" 3 >/dev/null || true
db=$tmp/x.db
expect_eq "$(q "SELECT count(*) FROM event WHERE nr = 110 AND kind = 'exit'")" 0 "!getppid"
expect_ge "$(q "SELECT count(*) FROM event WHERE kind = 'exit'")" 10 "!getppid: the rest"

rc=0
"$SYSATLAS" trace -e trace=nosuchcall -o "$tmp/bad.db" -- true 2>"$tmp/err" || rc=$?
expect_eq "$rc" 1 "unknown syscall: exit status"
expect_eq "$(cat "$tmp/err")" "sysatlas: trace: -e trace: unknown syscall 'nosuchcall'" "unknown syscall: message"
[ ! -e "$tmp/bad.db" ] || fail "a database was left behind"
echo ok
