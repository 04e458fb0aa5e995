#!/bin/sh
# SIGINT to the tracer while its tracee blocks in read(): the tracer
# detaches and dies of SIGINT; the tracee, unharmed, reads its input and
# finishes normally.  With --kill-on-interrupt the tracee is killed instead.
. "$(dirname "$0")/lib.sh"
require_ptrace

# start_blocked [TRACE-OPTIONS...]: trace prog-block-read into $db until
# it blocks in read(); sets $tracer and $pid.
start_blocked() {
	rm -f "$tmp/pid" "$tmp/out"
	"$SYSATLAS" trace "$@" -o "$db" -- "$PROGS/prog-block-read" "$tmp/pid" "$tmp/fifo" "$tmp/out" &
	tracer=$!
	bg_pids=$tracer
	wait_until test -s "$tmp/pid"
	pid=$(cat "$tmp/pid")
	bg_pids="$tracer $pid"
	wait_until sh -c "grep -q '^0 ' /proc/$pid/syscall"
}

db=$tmp/t.db
mkfifo "$tmp/fifo"
start_blocked
kill -INT $tracer
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 130 "tracer dies of SIGINT"
# detached: no tracer any more, still blocked in read, not stopped
expect_eq "$(sed -n 's/^TracerPid:[[:space:]]*//p' /proc/$pid/status)" 0 "TracerPid after detach"
state=$(proc_state $pid)
[ "$state" = S ] || fail "tracee state after detach: $state"
echo "input" >"$tmp/fifo"
wait_until test -s "$tmp/out"
expect_eq "$(cat "$tmp/out")" "got input" "the tracee finished its read"
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'detach' AND tid = $pid")" 1 "detach event"
expect_eq "$(q "SELECT exit_status IS NULL FROM task WHERE tid = $pid")" 1 "no exit status after detach"
expect_eq "$(q "SELECT ended_ns IS NOT NULL AND exit_status IS NULL FROM run")" 1 "run ended, no status"

# --wait-on-interrupt (what `sysatlas run` asks for): detach, then wait
# for the command and exit with its status, recorded as detached_status
db=$tmp/w.db
start_blocked --wait-on-interrupt
kill -INT $tracer
wait_until sh -c "[ \"\$(sed -n 's/^TracerPid:[[:space:]]*//p' /proc/$pid/status)\" = 0 ]"
[ -d /proc/$tracer ] && [ "$(proc_state $tracer)" != Z ] || fail "the tracer did not wait for its command"
echo "input" >"$tmp/fifo"
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 0 "the command's status, not 130"
expect_eq "$(cat "$tmp/out")" "got input" "the command finished, untraced"
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'detach' AND tid = $pid")" 1 "detach event (wait)"
expect_eq "$(q "SELECT exit_status IS NULL, detached_status FROM run")" "1|0" "status after the detach"

# --kill-on-interrupt: the launched command is killed, and recorded so
db=$tmp/k.db
start_blocked --kill-on-interrupt
kill -TERM $tracer
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 143 "tracer dies of SIGTERM"
[ ! -d /proc/$pid ] || [ "$(proc_state $pid)" = Z ] || fail "tracee $pid still alive"
check_db
expect_eq "$(q "SELECT exit_status FROM task WHERE tid = $pid")" 9 "killed tracee recorded"

# SIGQUIT, like strace: detach and die of it (no core file left behind)
ulimit -c 0
db=$tmp/q.db
start_blocked
kill -QUIT $tracer
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 131 "tracer dies of SIGQUIT"
expect_eq "$(sed -n 's/^TracerPid:[[:space:]]*//p' /proc/$pid/status)" 0 "TracerPid after SIGQUIT"
echo "input" >"$tmp/fifo"
wait_until test -s "$tmp/out"
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'detach' AND tid = $pid")" 1 "detach event (SIGQUIT)"
echo ok
