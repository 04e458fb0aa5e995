#!/bin/sh
# --kernel-stacks: the running kernel's own stack at stops (first, all,
# off), samples of where a blocked call waits, stacks stored once, and a
# clear note where they cannot be read.
. "$(dirname "$0")/lib.sh"
require_ptrace
if ! cat /proc/self/stack >/dev/null 2>&1; then
	echo "SKIP: /proc/self/stack cannot be read here (not root, or no CONFIG_STACKTRACE)" >&2
	exit 77
fi

# default mode (first): the stack at a syscall-enter stop holds the stop
# and the entry code
db=$tmp/first.db
"$SYSATLAS" trace -o "$db" -- "$PROGS/prog-basic" 3 >/dev/null || true
check_db
expect_eq "$(q "SELECT kernel_stacks FROM run")" first "mode recorded"
expect_eq "$(q "SELECT kernel_stacks_note IS NULL FROM run")" 1 "no note: stacks were read"
expect_ge "$(q "SELECT count(*) FROM stop_kstack WHERE stop = 'syscall-enter'")" 5 "enter stacks"
getppid_enter=$(q "SELECT s.stack_id FROM stop_kstack s JOIN event e ON e.seq = s.seq
	WHERE s.stop = 'syscall-enter' AND e.kind = 'enter' AND e.nr = 110")
[ -n "$getppid_enter" ] || fail "no stack at getppid's enter stop"
for f in ptrace_stop do_syscall_64; do
	expect_eq "$(q "SELECT count(*) FROM kstack_frame WHERE stack_id = $getppid_enter AND function = '$f'")" \
		1 "$f in the getppid enter stack"
done
expect_eq "$(q "SELECT function FROM kstack_frame WHERE stack_id = $getppid_enter AND depth = 0")" \
	ptrace_stop "the innermost frame is ptrace_stop"
# the exit stop's stack comes from the exit side of the entry code
expect_ge "$(q "SELECT count(*) FROM stop_kstack s JOIN kstack_frame f ON f.stack_id = s.stack_id
	WHERE s.stop = 'syscall-exit' AND s.nr = 110 AND f.function = 'ptrace_stop'")" 1 "getppid exit stack"
# first: at most one stack per (stop, abi, nr)
expect_eq "$(q "SELECT count(*) FROM (SELECT 1 FROM stop_kstack GROUP BY stop, abi, nr HAVING count(*) > 1)")" \
	0 "one stack per kind of stop"
# every stop stack names a real event of the same task (or none: exit)
expect_eq "$(q "SELECT count(*) FROM stop_kstack s WHERE s.seq IS NOT NULL AND NOT EXISTS
	(SELECT 1 FROM event e WHERE e.seq = s.seq AND e.tid = s.tid)")" 0 "stacks of unknown events"
expect_eq "$(q "SELECT count(*) FROM stop_kstack WHERE stop = 'exit'")" 1 "the exit event's stack"
# frames match their stack's text
expect_eq "$(q "SELECT count(*) FROM kstack k WHERE k.depth <> (SELECT count(*) FROM kstack_frame f
	WHERE f.stack_id = k.id)")" 0 "depth = number of frames"

# all: a stack at every recorded syscall stop, each distinct stack once
db=$tmp/all.db
"$SYSATLAS" trace --kernel-stacks=all -o "$db" -- "$PROGS/prog-basic" 50 >/dev/null || true
check_db
n_stops=$(q "SELECT count(*) FROM event WHERE kind IN ('enter', 'exit')")
expect_eq "$(q "SELECT count(*) FROM stop_kstack WHERE stop LIKE 'syscall-%'")" "$n_stops" "a stack at every syscall stop"
expect_ge "$n_stops" 100 "syscall stops"
[ "$(q "SELECT count(*) FROM kstack")" -lt "$((n_stops / 4))" ] || fail "stacks not deduplicated"
expect_eq "$(q "SELECT count(*) FROM (SELECT frames FROM kstack GROUP BY frames HAVING count(*) > 1)")" 0 "stacks unique"

# off: nothing read, no exit-event stops asked for
db=$tmp/off.db
"$SYSATLAS" trace --kernel-stacks=off -o "$db" -- "$PROGS/prog-basic" 3 >/dev/null || true
check_db
expect_eq "$(q "SELECT kernel_stacks FROM run")" off "mode off recorded"
expect_eq "$(q "SELECT (SELECT count(*) FROM stop_kstack) + (SELECT count(*) FROM kstack_sample)")" 0 "no stacks when off"

# where a call waits: a child blocked 300 ms in read() on a pipe is sampled
db=$tmp/wait.db
"$SYSATLAS" trace -f -o "$db" -- "$PROGS/prog-pipe-wait" 300
check_db
child=$(q "SELECT tid FROM task WHERE parent_tid IS NOT NULL")
read_seq=$(q "SELECT seq FROM event WHERE tid = $child AND kind = 'enter' AND nr = 0 ORDER BY seq DESC LIMIT 1")
[ -n "$read_seq" ] || fail "no read call in the child"
expect_ge "$(q "SELECT count(*) FROM kstack_sample WHERE call_seq = $read_seq")" 3 "samples of the blocked read"
expect_ge "$(q "SELECT count(*) FROM kstack_sample s JOIN kstack_frame f ON f.stack_id = s.stack_id
	WHERE s.call_seq = $read_seq AND f.function IN ('vfs_read', 'ksys_read')")" 3 "samples in the read path"
expect_eq "$(q "SELECT count(*) FROM kstack_sample s JOIN kstack_frame f ON f.stack_id = s.stack_id
	WHERE f.function IN ('ptrace_stop', 'ptrace_notify')")" 0 "no sample of a ptrace stop"
# samples fall between the call's enter and exit, on the schedule
expect_eq "$(q "SELECT count(*) FROM kstack_sample s JOIN event n ON n.seq = s.call_seq
	JOIN event x ON x.enter_seq = n.seq WHERE s.ts_ns < n.ts_ns + 2000000 OR s.ts_ns > x.ts_ns")" \
	0 "samples inside their call, none before 2 ms"
expect_eq "$(q "SELECT count(*) FROM kstack_sample WHERE state IS NULL OR state NOT IN ('S', 'D', 'R', 'I')")" \
	0 "sampled tasks' states"
expect_eq "$(q "SELECT max(c) <= 20 FROM (SELECT count(*) c FROM kstack_sample GROUP BY call_seq)")" \
	1 "at most 20 samples a call"

# the report of a real run: where wc's read waited, stacks aligned, frames linked
rc=0
(cd "$tmp" && "$SYSATLAS" run -f -o site -- sh -c '(sleep 0.3; echo hi) | wc -c') >"$tmp/run.out" || rc=$?
expect_eq "$rc" 0 "sysatlas run of the pipeline"
python3 "$(dirname "$0")/check-run-observed.py" "$tmp/site" >"$tmp/check.tap" ||
	fail "the report of the run: $(grep '^not ok' "$tmp/check.tap")"

# not root: the trace goes on, the run says why and what to do
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod 755 "$tmp"
	mkdir "$tmp/user"
	chmod 777 "$tmp/user"
	db=$tmp/user/nonroot.db
	rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SYSATLAS" trace -o "$db" -- "$PROGS/prog-basic" 2 >/dev/null 2>"$tmp/user.err" || rc=$?
	expect_eq "$rc" 3 "a non-root trace succeeds (prog-basic exits 3)"
	[ ! -s "$tmp/user.err" ] || fail "the default mode is quiet about it: $(cat "$tmp/user.err")"
	expect_ge "$(q "SELECT count(*) FROM event")" 10 "events recorded without root"
	expect_eq "$(q "SELECT count(*) FROM stop_kstack")" 0 "no stacks without root"
	case $(q "SELECT kernel_stacks_note FROM run") in
	*"only to root"*"sudo"*) ;;
	*) fail "note: $(q "SELECT kernel_stacks_note FROM run")" ;;
	esac
	# asked for explicitly: said on stderr too
	rm -f "$db"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SYSATLAS" trace --kernel-stacks=all -o "$db" -- "$PROGS/prog-basic" 1 >/dev/null 2>"$tmp/user.err" || true
	grep -q "^sysatlas: warning: --kernel-stacks: the kernel shows a task's stack" "$tmp/user.err" ||
		fail "explicit --kernel-stacks without root: $(cat "$tmp/user.err")"
fi
echo ok
