#!/bin/sh
# exec from a non-leader thread: the exec'ing thread takes the leader's
# tid; the exec event says which tid it had.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
rc=0
"$SYSATLAS" trace --text="$tmp/text" -o "$db" -- "$PROGS/prog-exec-thread" >"$tmp/out" || rc=$?
expect_eq "$rc" 0 "exit status"
pid=$(sed -n 's/^parent pid=//p' "$tmp/out")
expect_eq "$(sed -n 's/^child pid=//p' "$tmp/out")" "$pid" "the new image runs as the process id"
check_db
expect_eq "$(q "SELECT count(*) FROM task WHERE tgid = $pid")" 2 "leader and thread"
thread=$(q "SELECT tid FROM task WHERE tgid = $pid AND tid != $pid")
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'clone' AND tid = $pid AND other_tid = $thread")" 1 \
	"clone event names the thread"
# two execs: the command's own, then the thread's, reported by the leader's tid
expect_eq "$(q "SELECT tid || ':' || other_tid FROM event WHERE kind = 'exec' ORDER BY seq")" \
	"$pid:$pid
$pid:$thread" "exec events"
exec_seq=$(q "SELECT max(seq) FROM event WHERE kind = 'exec'")
# the thread's execve enter is its own; the exit comes under the leader's tid
expect_eq "$(q "SELECT tid FROM event WHERE kind = 'enter' AND nr = 59 ORDER BY seq DESC LIMIT 1")" \
	"$thread" "execve entered by the thread"
expect_eq "$(q "SELECT tid || ':' || retval FROM event WHERE kind = 'exit' AND nr = 59 AND seq > $exec_seq")" \
	"$pid:0" "execve returns 0 in the leader's tid"
expect_eq "$(q "SELECT last_seq <= $exec_seq AND exit_status IS NULL FROM task WHERE tid = $thread")" 1 \
	"the thread's row ends at the exec"
expect_eq "$(q "SELECT comm || ':' || exit_status FROM task WHERE tid = $pid")" "prog-exec-threa:0" \
	"leader row continues"
grep -q "^$pid  +++ superseded by execve in pid $thread +++\$" "$tmp/text" ||
	grep -q "+++ superseded by execve in pid $thread +++" "$tmp/text" ||
	fail "text: no superseded line"
echo ok
