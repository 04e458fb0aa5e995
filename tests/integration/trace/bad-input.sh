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
expect_error 1 "sysatlas: -o $tmp/missing/dir/t.db: directory $tmp/missing/dir: No such file or directory" \
	trace -o "$tmp/missing/dir/t.db" -- true
echo keep >existing.db
expect_error 1 "sysatlas: -o existing.db: already exists (use --force to replace it)" \
	trace -o existing.db -- true
expect_eq "$(cat existing.db)" keep "the existing file is untouched"

require_ptrace
"$SYSATLAS" trace -o t.db -- true
expect_error 1 "sysatlas: -o t.db: already exists (use --force to replace it)" trace -o t.db -- true
"$SYSATLAS" trace --force -o t.db -- true || fail "--force did not replace the trace"
# an untraceable process: a kernel thread (kthreadd is pid 2 outside containers)
if [ "$(cat /proc/2/comm 2>/dev/null)" = kthreadd ]; then
	expect_error 1 "sysatlas: trace: -p 2: ptrace(PTRACE_SEIZE): Operation not permitted" trace -o k.db -p 2
	[ ! -e k.db ] || fail "untraceable pid: a database was left"
fi
# a --text reader that goes away: a clear error, exit 1, the trace kept
# whole (the reader has gone well before the lines after the sleep)
mkfifo text.fifo
head -c 100 text.fifo >/dev/null &
reader=$!
rc=0
"$SYSATLAS" trace -f --text=text.fifo -o pipe.db -- \
	sh -c '"$1" 5; sleep 0.5; exec true' sh "$PROGS/prog-basic" >/dev/null 2>pipe.err || rc=$?
wait $reader
expect_eq "$rc" 1 "exit status after the --text reader left"
expect_eq "$(cat pipe.err)" "sysatlas: --text: write: Broken pipe" "broken pipe message"
expect_eq "$("$DBQ" pipe.db "SELECT count(*) FROM event WHERE kind = 'exit' AND nr = 110
	AND tid = (SELECT tid FROM task WHERE comm = 'prog-basic')")" 5 "every getppid recorded"
expect_eq "$("$DBQ" pipe.db "SELECT exit_status FROM run")" 0 "the run's end recorded"
echo ok
