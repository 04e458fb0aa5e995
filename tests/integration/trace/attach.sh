#!/bin/sh
# -p attaches to every thread of a running process; SIGINT detaches, and
# the process runs on, untraced and unharmed.
. "$(dirname "$0")/lib.sh"
require_ptrace

"$PROGS/prog-spin" "$tmp/stop" 4 >"$tmp/out" &
pid=$!
bg_pids=$pid
wait_until sh -c "[ \$(ls /proc/$pid/task | wc -l) -eq 4 ]"

db=$tmp/t.db
"$SYSATLAS" trace -p $pid -o "$db" &
tracer=$!
bg_pids="$pid $tracer"
# wait until every thread has a committed syscall exit
live=$(recording "$db")
wait_until sh -c "[ \"\$('$DBQ' '$live' \"SELECT count(DISTINCT tid) FROM event WHERE kind = 'exit'\")\" = 4 ]"
kill -INT $tracer
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 130 "tracer dies of SIGINT"
for tid in $(ls /proc/$pid/task); do
	expect_eq "$(sed -n 's/^TracerPid:[[:space:]]*//p' /proc/$pid/task/$tid/status)" 0 "TracerPid of $tid"
	state=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' /proc/$pid/task/$tid/status)
	case $state in R|S) ;; *) fail "thread $tid state $state after detach" ;; esac
done
check_db
expect_eq "$(q "SELECT count(*) FROM task WHERE tgid = $pid AND parent_tid IS NULL")" 4 "four attached tasks"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'detach'")" 4 "four detach events"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exited'")" 0 "nobody died"
expect_eq "$(q "SELECT argv FROM run")" "[]" "no command"
# how tracing started: recorded, and drawn thread by thread in the report
expect_eq "$(q "SELECT start FROM run")" "attach" "run.start"
expect_eq "$(q "SELECT seize_options & 1 FROM run")" 1 "PTRACE_O_TRACESYSGOOD given to PTRACE_SEIZE"
"$SYSATLAS" report "$db" -o "$tmp/site" >/dev/null 2>"$tmp/err" || fail "report: $(cat "$tmp/err")"
for tid in $(ls /proc/$pid/task); do
	grep -qF "tid $tid: and stops it: ptrace(PTRACE_INTERRUPT, tid)" "$tmp/site/graphs/startup.dot" ||
		fail "the start's graph: no PTRACE_INTERRUPT of $tid"
done
grep -qF 'https://github.com/torvalds/linux/blob/v5.7/kernel/ptrace.c#L1097' "$tmp/site/graphs/startup.dot" ||
	fail "the start's graph: no link to the PTRACE_INTERRUPT case"
if grep -qF 'PTRACE_TRACEME' "$tmp/site/graphs/startup.dot"; then fail "an attached run drawn as launched"; fi
# still running: make it finish
touch "$tmp/stop"
rc=0
wait $pid || rc=$?
expect_eq "$rc" 0 "the process finished normally"
expect_eq "$(cat "$tmp/out")" "done" "its output"

# -p with a comma list; the tracer ends when the tracees end
rm -f "$tmp/stop"
"$PROGS/prog-spin" "$tmp/stop" 1 >/dev/null &
p1=$!
"$PROGS/prog-spin" "$tmp/stop" 2 >/dev/null &
p2=$!
bg_pids="$p1 $p2"
wait_until sh -c "[ \$(ls /proc/$p2/task | wc -l) -eq 2 ]"
db=$tmp/two.db
"$SYSATLAS" trace -p $p1,$p2 -o "$db" &
tracer=$!
bg_pids="$p1 $p2 $tracer"
live=$(recording "$db")
wait_until sh -c "[ \"\$('$DBQ' '$live' \"SELECT count(DISTINCT tid) FROM event WHERE kind = 'exit'\")\" = 3 ]"
touch "$tmp/stop"
rc=0
wait $tracer || rc=$?
expect_eq "$rc" 0 "tracer exit status after the tracees ended"
check_db
expect_eq "$(q "SELECT count(*) FROM task WHERE exit_status = 0")" 3 "three tasks ended"
echo ok
