#!/bin/sh
# Group-stops behave as untraced: a parent sees its child stop and
# continue (prog-stopcont), and SIGSTOP/SIGCONT sent from outside stop
# and continue the tracee.
. "$(dirname "$0")/lib.sh"
require_ptrace

"$PROGS/prog-stopcont" >"$tmp/plain"
db=$tmp/t.db
"$SYSATLAS" trace -f -o "$db" -- "$PROGS/prog-stopcont" >"$tmp/traced"
diff -u "$tmp/plain" "$tmp/traced" || fail "job control differs under the tracer"
check_db
expect_eq "$(q "SELECT group_concat(nr, ' ') FROM (SELECT nr FROM event WHERE kind = 'stop' ORDER BY seq)")" \
	"19 20" "group-stop events"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'stop' AND (mechanism NOT LIKE '%PTRACE_LISTEN%'
	OR stop != 'group')")" 0 "group-stops listened"

# from outside, while the tracee blocks in read()
db=$tmp/ext.db
mkfifo "$tmp/fifo"
"$SYSATLAS" trace -o "$db" -- "$PROGS/prog-block-read" "$tmp/pid" "$tmp/fifo" "$tmp/out" &
tracer=$!
bg_pids=$tracer
wait_until test -s "$tmp/pid"
pid=$(cat "$tmp/pid")
wait_until sh -c "grep -q '^0 ' /proc/$pid/syscall"
kill -STOP $pid
wait_until sh -c "sed -n 's/^State:[[:space:]]*//p' /proc/$pid/status | grep -q '^[tT]'"
# The state is 't' already at the signal-delivery-stop, before the tracer
# lets SIGSTOP through; a SIGCONT then cancels the stop to come, as it
# would untraced a moment earlier.  So wait for the group-stop itself,
# committed to the recording database.
live=$(recording "$db")
wait_until sh -c "[ \"\$('$DBQ' '$live' \"SELECT count(*) FROM event WHERE kind = 'stop' AND tid = $pid\")\" = 1 ]"
echo data >"$tmp/fifo"
kill -CONT $pid
wait_until test -s "$tmp/out"
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 0 "exit status"
expect_eq "$(cat "$tmp/out")" "got data" "the tracee read after SIGCONT"
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'stop' AND nr = 19 AND tid = $pid")" 1 "stop event"
echo ok
