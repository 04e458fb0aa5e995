#!/bin/sh
# The tracee is killed by SIGKILL while blocked inside read(): the trace
# keeps the unfinished call and records the death.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
mkfifo "$tmp/fifo"
"$SYSATLAS" trace --text="$tmp/text" -o "$db" -- \
	"$PROGS/prog-block-read" "$tmp/pid" "$tmp/fifo" "$tmp/out" &
tracer=$!
bg_pids=$tracer
wait_until test -s "$tmp/pid"
pid=$(cat "$tmp/pid")
# inside read(2) (nr 0 in /proc/PID/syscall)
wait_until sh -c "grep -q '^0 ' /proc/$pid/syscall"
kill -9 "$pid"
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 137 "tracer dies of SIGKILL like its command"
check_db
read_enter=$(q "SELECT max(seq) FROM event WHERE kind = 'enter' AND nr = 0 AND tid = $pid")
[ -n "$read_enter" ] || fail "no read enter"
expect_eq "$(q "SELECT count(*) FROM event WHERE enter_seq = $read_enter")" 0 "read never returned"
expect_eq "$(q "SELECT kind || ':' || retval FROM event WHERE seq > $read_enter")" "exited:9" \
	"killed right after the read enter"
expect_eq "$(q "SELECT exit_status FROM task WHERE tid = $pid")" 9 "task exit status"
tail -n 2 "$tmp/text" >"$tmp/last"
grep -q '^read(.* = ?$' "$tmp/last" || fail "text: no 'read(...) = ?' line: $(cat "$tmp/last")"
expect_eq "$(tail -n 1 "$tmp/text")" "+++ killed by SIGKILL +++" "text: last line"
[ ! -e "$tmp/out" ] || fail "the tracee went on after SIGKILL"
echo ok
