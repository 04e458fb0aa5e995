#!/bin/sh
# 200 threads: every one recorded, created by a clone event, ended, with
# all its calls; --text pairs each "resumed" with an "unfinished".
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
rc=0
"$SYSATLAS" trace --text="$tmp/text" -o "$db" -- "$PROGS/prog-threads" 200 5 >"$tmp/out" || rc=$?
expect_eq "$rc" 0 "exit status"
expect_eq "$(cat "$tmp/out")" "threads=200" "program output"
check_db
pid=$(q "SELECT tid FROM task WHERE parent_tid IS NULL")
expect_eq "$(q "SELECT count(*) FROM task WHERE tgid = $pid")" 201 "tasks"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'clone'")" 200 "clone events"
expect_eq "$(q "SELECT count(*) FROM task t WHERE tid != $pid AND exit_status = 0 AND parent_tid = $pid
	AND EXISTS (SELECT 1 FROM event c WHERE c.kind = 'clone' AND c.other_tid = t.tid AND c.seq < t.first_seq)")" \
	200 "threads created, then run, then exited 0"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND nr = 110")" 1000 "getppid calls"
expect_eq "$(q "SELECT count(DISTINCT tid) FROM event WHERE kind = 'exit' AND nr = 110")" 200 \
	"getppid in every thread"
# text: prefixed lines; every resumed line follows an unfinished one of the same pid
awk '
	/^\[pid +[0-9]+\] / { pid = $2; sub(/\]/, "", pid) }
	/ <unfinished \.\.\.>$/ { open[pid]++ }
	/<\.\.\. [a-z_0-9]+ resumed>/ { if (!open[pid]) { print "orphan resume: " $0; bad = 1 } else open[pid]-- }
	END { exit bad }
' "$tmp/text" || fail "text: resumed without unfinished"
expect_ge "$(grep -c '<\.\.\. [a-z_0-9]* resumed>' "$tmp/text" || true)" 1 "text: interleaving shown"
echo ok
