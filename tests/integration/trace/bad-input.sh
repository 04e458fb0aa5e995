#!/bin/sh
# Bad input: a clear message naming the problem, a non-zero status, and
# nothing recorded or damaged.
. "$(dirname "$0")/lib.sh"

# expect_error RC MESSAGE ARGS...: sysatlas ARGS fails with RC and MESSAGE
expect_error() {
	want_rc=$1
	want=$2
	shift 2
	rc=0
	"$SYSATLAS" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	expect_eq "$rc" "$want_rc" "exit status of: $*"
	expect_eq "$(head -n 1 "$tmp/err")" "$want" "message of: $*"
}

cd "$tmp"
expect_error 1 "sysatlas: trace: no-such-command-xyz: command not found" \
	trace -o a.db -- no-such-command-xyz
[ ! -e a.db ] || fail "missing command: a database was created"
expect_error 1 "sysatlas: trace: ./nothing-here: No such file or directory" \
	trace -o a.db -- ./nothing-here
expect_error 2 "sysatlas: trace: no command to trace (and no -p)" trace -o a.db
expect_error 2 "sysatlas: trace: -p abc: not a process id list" trace -p abc
expect_error 2 "sysatlas: trace: give either a command or -p PID, not both" trace -p 1 -- true
# a pid that does not exist (above pid_max)
expect_error 1 "sysatlas: trace: -p 2147483647: No such process" trace -o a.db -p 2147483647
[ ! -e a.db ] || fail "bad pid: a database was created"
expect_error 1 "sysatlas: $tmp/missing/dir/t.db: No such file or directory" \
	trace -o "$tmp/missing/dir/t.db" -- true
echo keep >existing.db
expect_error 1 "sysatlas: existing.db: already exists (use --force to replace it)" \
	trace -o existing.db -- true
expect_eq "$(cat existing.db)" keep "the existing file is untouched"

require_ptrace
"$SYSATLAS" trace -o t.db -- true
expect_error 1 "sysatlas: t.db: already exists (use --force to replace it)" trace -o t.db -- true
"$SYSATLAS" trace --force -o t.db -- true || fail "--force did not replace the trace"
# an untraceable process: a kernel thread (kthreadd is pid 2 outside containers)
if [ "$(cat /proc/2/comm 2>/dev/null)" = kthreadd ]; then
	expect_error 1 "sysatlas: trace: -p 2: ptrace(PTRACE_SEIZE): Operation not permitted" trace -o k.db -p 2
	[ ! -e k.db ] || fail "untraceable pid: a database was left"
fi
echo ok
