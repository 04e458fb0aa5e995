#!/bin/sh
# A plain trace: the run, task and event rows say what prog-basic did.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
rc=0
"$SYSATLAS" trace -o "$db" -- "$PROGS/prog-basic" 10 >"$tmp/out" || rc=$?
expect_eq "$rc" 3 "exit status passed through"
check_db

ppid=$(sed -n 's/^ppid=//p' "$tmp/out")
pid=$(q "SELECT tid FROM task WHERE parent_tid IS NULL")
expect_eq "$(q "SELECT json_extract(argv, '\$[0]') || ' ' || json_extract(argv, '\$[1]') FROM run")" \
	"$PROGS/prog-basic 10" "run.argv"
expect_eq "$(q "SELECT exit_status FROM run")" $((3 << 8)) "run.exit_status"
expect_eq "$(q "SELECT arch = '$(uname -m)' AND kernel_release = '$(uname -r)'
	AND tool_version != '' AND ended_ns >= mono_start_ns FROM run")" 1 "run: uname, version, times"
expect_eq "$(q "SELECT options FROM run")" "[\"-o\", \"$db\"]" "run.options"
expect_eq "$(q "SELECT count(*) FROM task")" 1 "one task"
# version 6: a call's enter and exit in one ev row, each mechanism list once
expect_eq "$(q "SELECT count(*) FROM ev WHERE nr = 110 AND x_seq = 1 AND enter_len = 8")" 10 \
	"each getppid call one row"
expect_eq "$(q "SELECT count(*) = count(DISTINCT names) AND count(*) > 1 FROM mechanism")" 1 \
	"mechanism lists stored once"
expect_eq "$(q "SELECT count(*) FROM ev WHERE nr = 110 AND arg0 IS NULL")" 10 \
	"getppid takes no arguments: none stored"
expect_eq "$(q "SELECT comm, exit_status, first_seq = (SELECT min(seq) FROM event),
	last_seq = (SELECT max(seq) FROM event) FROM task")" "prog-basic|$((3 << 8))|1|1" "task row"

# the first recorded call is the execve of the command, then its exec event
expect_eq "$(q "SELECT kind || ':' || nr FROM event ORDER BY seq LIMIT 1")" "enter:59" "first event"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exec' AND tid = $pid AND other_tid = $pid
	AND text LIKE '%/prog-basic'")" 1 "exec event with the new path"

# getppid (nr 110): ten calls, each enter + exit, returning the real ppid
expect_eq "$(q "SELECT count(*) FROM event WHERE nr = 110 AND kind = 'enter'")" 10 "getppid enters"
expect_eq "$(q "SELECT count(*) FROM event WHERE nr = 110 AND kind = 'exit' AND retval = $ppid")" 10 \
	"getppid exits returning $ppid"
# openat of the missing file failed with -ENOENT
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND nr = 257 AND retval = -2
	AND text LIKE '%ENOENT%'")" 1 "failing openat"
# write(1, "hello\n", 6) = 6
expect_eq "$(q "SELECT arg0 || ',' || arg2 || ',' || retval FROM event WHERE kind = 'exit' AND nr = 1
	ORDER BY seq DESC LIMIT 1")" "1,6,6" "write args and result"
# the exit text is the enter text continued
expect_eq "$(q "SELECT count(*) FROM event x JOIN event n ON n.seq = x.enter_seq
	WHERE substr(x.text, 1, length(n.text)) != n.text")" 0 "exit text starts with enter text"
# mechanisms: every syscall stop used PTRACE_GET_SYSCALL_INFO and resumed with PTRACE_SYSCALL
expect_eq "$(q "SELECT count(*) FROM event WHERE stop = 'syscall' AND
	mechanism NOT LIKE 'wait4,PTRACE_GET_SYSCALL_INFO,%PTRACE_SYSCALL'")" 0 "syscall-stop mechanisms"
expect_ge "$(q "SELECT count(*) FROM event WHERE mechanism LIKE '%process_vm_readv%'")" 1 \
	"memory reads recorded"
# the end: exit_group without an exit stop, then the task's end
expect_eq "$(q "SELECT kind || ':' || retval || ':' || text FROM event ORDER BY seq DESC LIMIT 1")" \
	"exited:$((3 << 8)):+++ exited with 3 +++" "last event"

# Without PTRACE_GET_SYSCALL_INFO (kernels before 5.3): the same calls by PTRACE_GETREGS.
db=$tmp/regs.db
rc=0
"$SYSATLAS" trace --regs=getregs -o "$db" -- "$PROGS/prog-basic" 10 >"$tmp/out" || rc=$?
expect_eq "$rc" 3 "exit status (GETREGS)"
ppid=$(sed -n 's/^ppid=//p' "$tmp/out")
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE nr = 110 AND kind = 'exit' AND retval = $ppid")" 10 \
	"getppid exits (GETREGS)"
expect_eq "$(q "SELECT count(*) FROM event WHERE stop = 'syscall' AND
	mechanism NOT LIKE 'wait4,PTRACE_GETREGS,%PTRACE_SYSCALL'")" 0 "GETREGS mechanisms"

# Where process_vm_readv() is refused, memory comes by PTRACE_PEEKDATA, a
# word at a time: the same decoded lines, and the mechanism says so.
"$SYSATLAS" trace -o "$tmp/vm.db" -- "$PROGS/prog-basic" 3 >/dev/null 2>&1 || true
rc=0
"$SYSATLAS" trace --mem=peekdata -o "$tmp/peek.db" -- "$PROGS/prog-basic" 3 >/dev/null || rc=$?
expect_eq "$rc" 3 "exit status (PEEKDATA)"
lines() {
	"$DBQ" "$1" "SELECT text FROM event WHERE kind = 'exit' AND nr IN (1, 257, 21)
		AND text NOT LIKE '%ppid=%' ORDER BY seq"
}
expect_eq "$(lines "$tmp/peek.db")" "$(lines "$tmp/vm.db")" "same openat/access/write lines by PEEKDATA"
expect_ge "$(lines "$tmp/peek.db" | grep -c 'hello')" 1 "the write's buffer was read"
expect_eq "$("$DBQ" "$tmp/peek.db" "SELECT count(*) FROM event WHERE mechanism LIKE '%process_vm_readv%'")" 0 \
	"no process_vm_readv"
expect_ge "$("$DBQ" "$tmp/peek.db" "SELECT count(*) FROM event WHERE mechanism LIKE '%PTRACE_PEEKDATA%'")" 3 \
	"reads by PTRACE_PEEKDATA"

# --regs and --mem take only their words: a usage error, nothing recorded
for bad in --regs=peekdata --mem=getregs --regs= ; do
	rc=0
	"$SYSATLAS" trace "$bad" -o "$tmp/bad.db" -- "$PROGS/prog-basic" 1 >/dev/null 2>"$tmp/err" || rc=$?
	expect_eq "$rc" 2 "$bad: usage error"
	expect_eq "$(test -e "$tmp/bad.db" && echo yes || echo no)" no "$bad: no database"
done
expect_eq "$(grep -c 'sysatlas: trace: --regs=: expected syscall-info or getregs' "$tmp/err")" 1 "--regs= message"
rc=0
"$SYSATLAS" trace --poll=sometimes -o "$tmp/bad.db" -- "$PROGS/prog-basic" 1 >/dev/null 2>"$tmp/err" || rc=$?
expect_eq "$rc" 2 "--poll=sometimes: usage error"
grep -q 'sysatlas: trace: --poll=sometimes: expected auto, nospin or off' "$tmp/err" || fail "--poll message: $(cat "$tmp/err")"

# --poll=off (always sleep in wait4), nospin (poll, no spinning thread) and
# the default record the same calls,
# whether the tracer may run on one CPU or on more
for poll in --poll=off --poll=nospin --poll=auto; do
	rc=0
	"$SYSATLAS" trace "$poll" -o "$tmp/poll.db" --force -- "$PROGS/prog-basic" 30 >/dev/null || rc=$?
	expect_eq "$rc" 3 "trace $poll: prog-basic's status"
	expect_eq "$("$DBQ" "$tmp/poll.db" "SELECT count(*) FROM event WHERE kind = 'enter' AND nr = 110")" 30 \
		"$poll: every getppid recorded"
done

# --text lays lines out as strace does: a short call's "= " at column 40,
# a long one's right after ") ", and a call without an exit stop "= ?".
db=$tmp/text.db
rc=0
"$SYSATLAS" trace --text="$tmp/text" -o "$db" -- "$PROGS/prog-basic" 2 >/dev/null || rc=$?
expect_eq "$rc" 3 "exit status (--text)"
expect_eq "$(grep -c '^getppid()                               = [0-9][0-9]*$' "$tmp/text")" 2 \
	"getppid lines padded to column 40"
expect_eq "$(grep -c '^exit_group(3)                           = ?$' "$tmp/text")" 1 \
	"exit_group without an exit stop padded"
expect_eq "$(grep -c '^openat(AT_FDCWD, "/nonexistent-sysatlas-dir/file", O_RDONLY) = -1 ENOENT ' "$tmp/text")" 1 \
	"a long line is not padded"
expect_eq "$(awk '/\) +=/ { i = index($0, ") "); rest = substr($0, i + 2);
	sub(/^ +/, "", rest); if (substr(rest, 1, 2) != "= ") bad++ } END { print bad + 0 }' "$tmp/text")" 0 \
	"every result follows its padding"
echo "ok"
