#!/bin/sh
# vfork + exec under -f: the child is recorded from its creation to its
# end, and the parent's vfork returns its pid after the child's exec.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
rc=0
"$SYSATLAS" trace -f -o "$db" -- "$PROGS/prog-vfork" >"$tmp/out" || rc=$?
expect_eq "$rc" 0 "exit status"
child=$(sed -n 's/^child=\([0-9]*\) status=7$/\1/p' "$tmp/out")
[ -n "$child" ] || fail "prog-vfork said: $(cat "$tmp/out")"
check_db
pid=$(q "SELECT tid FROM task WHERE parent_tid IS NULL")
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'vfork' AND tid = $pid AND other_tid = $child")" 1 \
	"vfork event"
expect_eq "$(q "SELECT tgid || ':' || parent_tid || ':' || exit_status FROM task WHERE tid = $child")" \
	"$child:$pid:$((7 << 8))" "child task row"
vfork_seq=$(q "SELECT seq FROM event WHERE kind = 'vfork'")
# every event of the child comes after its creation
expect_eq "$(q "SELECT min(seq) > $vfork_seq FROM event WHERE tid = $child")" 1 "child events after vfork"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exec' AND tid = $child")" 1 "child exec"
# the parent's vfork call (nr 58) returns the child's pid once the child
# has entered execve (the kernel releases the parent before the exec-stop)
execve_seq=$(q "SELECT seq FROM event WHERE kind = 'enter' AND nr = 59 AND tid = $child")
expect_eq "$(q "SELECT retval FROM event WHERE kind = 'exit' AND nr = 58 AND tid = $pid
	AND seq > $execve_seq")" "$child" "vfork returns after the child's execve"
echo ok
