#!/bin/sh
# 1000 children at once under -f: each one recorded with its parent, its
# fork event and its own exit status.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
rc=0
"$SYSATLAS" trace -f -o "$db" -- "$PROGS/prog-forks" 1000 >"$tmp/out" || rc=$?
expect_eq "$rc" 0 "exit status"
expect_eq "$(cat "$tmp/out")" "children=1000 sum=124716" "program output"
check_db
pid=$(q "SELECT tid FROM task WHERE parent_tid IS NULL")
expect_eq "$(q "SELECT count(*) FROM task WHERE parent_tid = $pid AND tgid = tid")" 1000 "child tasks"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'fork' AND tid = $pid")" 1000 "fork events"
expect_eq "$(q "SELECT count(*) FROM task t JOIN event f ON f.kind = 'fork' AND f.other_tid = t.tid
	WHERE f.seq < t.first_seq")" 1000 "each fork event precedes its child's events"
expect_eq "$(q "SELECT sum(exit_status >> 8) FROM task WHERE parent_tid = $pid")" 124716 "child statuses"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exited'")" 1001 "exited events"
# without -f the children are not traced
db=$tmp/nof.db
"$SYSATLAS" trace -o "$db" -- "$PROGS/prog-forks" 50 >/dev/null
expect_eq "$(q "SELECT count(*) FROM task")" 1 "no children without -f"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'fork'")" 0 "no fork events without -f"
echo ok
