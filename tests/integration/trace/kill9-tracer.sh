#!/bin/sh
# kill -9 of the tracer mid-trace: the trace is recorded into t.db.tmp-XXXXXX
# beside t.db and renamed only at the end, so t.db (an older trace here)
# stays as it was, and the temporary database opens, passes
# integrity_check, and holds a gap-free prefix of the events.
. "$(dirname "$0")/lib.sh"
require_ptrace

"$SYSATLAS" trace -o "$tmp/t.db" -- /bin/true
old=$(cksum < "$tmp/t.db")
"$SYSATLAS" trace -f --force -o "$tmp/t.db" -- "$PROGS/prog-spin" "$tmp/stop" 3 &
tracer=$!
bg_pids=$tracer
wait_until sh -c "ls '$tmp'/t.db.tmp-?????? >/dev/null"
db=$(ls "$tmp"/t.db.tmp-??????)
wait_until sh -c "[ \"\$('$DBQ' '$db' 'SELECT count(*) >= 2000 FROM event')\" = 1 ]"
kill -9 $tracer
wait $tracer || true
touch "$tmp/stop"	# (the tracees die with the tracer: PTRACE_O_EXITKILL)
expect_eq "$(cksum < "$tmp/t.db")" "$old" "the older trace untouched"

expect_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check"
n=$(q 'SELECT count(*) FROM event')
expect_ge "$n" 2000 "committed events"
expect_eq "$(q 'SELECT min(seq) || ":" || max(seq) FROM event')" "1:$n" "no gap in the committed events"
expect_eq "$(q 'SELECT count(*) FROM task')" 3 "task rows"
expect_eq "$(q 'SELECT ended_ns IS NULL FROM run')" 1 "the run did not end"
check_db
# a tracee launched by the tracer does not outlive it
pids=$(q 'SELECT tid FROM task')
for p in $pids; do
	wait_until sh -c "[ ! -d /proc/$p ] || grep -q '^State:.*Z' /proc/$p/status"
done
echo ok
