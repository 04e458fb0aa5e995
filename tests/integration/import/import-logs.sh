#!/bin/sh
# Real strace logs of prog-threads and prog-forks (tests/integration/trace)
# in strace's formats, imported: the calls per task agree with what
# `sysatlas trace` records of the same program, the run says where the
# trace came from, and the report reads it.  Skips (77) without strace or
# where ptrace is refused.
. "$(dirname "$0")/../trace/lib.sh"
command -v strace >/dev/null 2>&1 || { echo "SKIP: strace is not installed (scripts/deps.sh test)"; exit 77; }
require_ptrace
export SYSATLAS_PROGRESS=0

prog="$PROGS/prog-forks"
args=20
# calls per task, tasks numbered in order of their first event
per_task() {
	"$DBQ" "$1" "SELECT t.n, count(*) FROM event e JOIN (SELECT tid, row_number() OVER (ORDER BY min(seq)) AS n
		FROM event GROUP BY tid) t ON t.tid = e.tid WHERE e.kind = 'exit' GROUP BY t.n ORDER BY t.n"
}
# prog-basic is deterministic: its import agrees with `sysatlas trace` of it
"$SYSATLAS" trace -o "$tmp/basic.db" -- "$PROGS/prog-basic" >/dev/null || :	# its own status
strace -o "$tmp/basic.log" "$PROGS/prog-basic" >/dev/null 2>&1 || :
[ -s "$tmp/basic.log" ] || fail "strace prog-basic wrote nothing"
"$SYSATLAS" import -o "$tmp/basic-imp.db" "$tmp/basic.log" 2>/dev/null || fail "import prog-basic"
expect_eq "$(per_task "$tmp/basic-imp.db")" "$(per_task "$tmp/basic.db")" "prog-basic: calls per task, imported and traced"
expect_eq "$("$DBQ" "$tmp/basic-imp.db" "SELECT group_concat(nr) FROM (SELECT nr FROM event WHERE kind = 'exit' ORDER BY seq)")" \
	"$("$DBQ" "$tmp/basic.db" "SELECT group_concat(nr) FROM (SELECT nr FROM event WHERE kind = 'exit' ORDER BY seq)")" \
	"prog-basic: the same calls in the same order"

# prog-forks varies from run to run: each import agrees with its own log
# (calls that returned, per pid in the order pids first appear)
log_per_task() {
	awk '{ p = $1; if (!(p in n)) { order[++k] = p; n[p] = 0 }
		if ($0 ~ /\) += ([^?]|\? E)/ && $0 !~ / <unfinished \.\.\.>$/) n[p]++ }
		END { for (i = 1; i <= k; i++) print i "|" n[order[i]] }' "$1"
}

check() {	# NAME STRACE-OPTIONS...
	name=$1
	shift
	strace "$@" -o "$tmp/$name.log" "$prog" $args >/dev/null 2>&1 || fail "strace $*"
	"$SYSATLAS" import -o "$tmp/$name.db" "$tmp/$name.log" 2>"$tmp/$name.err" ||
		{ cat "$tmp/$name.err" >&2; fail "import of strace $*"; }
	db=$tmp/$name.db
	check_db
	case " $* " in
	*" -k "*) ;;	# frame lines carry no pid
	*) expect_eq "$(per_task "$db")" "$(log_per_task "$tmp/$name.log")" "strace $*: calls per task" ;;
	esac
	expect_eq "$(q "SELECT source FROM run")" import "strace $*: run.source"
	expect_eq "$(q "SELECT source_files FROM run")" "[\"$tmp/$name.log\"]" "strace $*: run.source_files"
	expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND nr IS NULL")" 0 \
		"strace $*: every call numbered"
	expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND enter_seq IS NULL")" 0 \
		"strace $*: every resumed call paired"
	expect_eq "$(q "SELECT count(*) FROM task WHERE parent_tid IS NULL")" 1 "strace $*: one root task"
}
check f -f
check tt-T -f -tt -T
expect_eq "$(q "SELECT times || ' ' || durations || ' ' || time_resolution_ns FROM run")" "log log 1000" "-tt -T: times"
expect_eq "$(q "SELECT options FROM run")" '["-f", "-tt", "-T"]' "-tt -T: options"
check ttt -f -ttt
check t -f -t
check r -f -r
expect_eq "$(q "SELECT times FROM run")" "log-relative" "-r: times"
check yy -f -yy
check Xraw -f -X raw
check Xverbose -f -X verbose
check raw -f -e raw=all
check k -f -k
expect_ge "$(q "SELECT count(*) FROM ustack")" 1 "-k: stacks kept"
check plain -f
expect_eq "$(q "SELECT times FROM run")" "order" "no times: order only"

# -ff: the files, or their prefix
strace -ff -o "$tmp/ff" "$prog" $args >/dev/null 2>&1 || fail "strace -ff"
"$SYSATLAS" import -o "$tmp/ff.db" "$tmp/ff" 2>"$tmp/ff.err" || { cat "$tmp/ff.err" >&2; fail "import -ff prefix"; }
db=$tmp/ff.db
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit'")" \
	"$(cat "$tmp"/ff.[0-9]* | grep -av ' <unfinished \.\.\.>$' | grep -cE '\) *= ([^?]|\? E)')" "-ff: calls"
expect_eq "$(q "SELECT count(*) FROM task")" "$(ls "$tmp"/ff.[0-9]* | wc -l)" "-ff: tasks"

# -ff with times: the files merged by time (logs.h), every time the log's own
strace -ff -ttt -T -o "$tmp/fft" "$prog" $args >/dev/null 2>&1 || fail "strace -ff -ttt -T"
"$SYSATLAS" import -o "$tmp/fft.db" "$tmp/fft" 2>"$tmp/fft.err" || { cat "$tmp/fft.err" >&2; fail "import -ff -ttt -T"; }
db=$tmp/fft.db
check_db
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit'")" \
	"$(cat "$tmp"/fft.[0-9]* | grep -cE '\) *= ([^?]|\? E)')" "-ff -ttt -T: calls"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exit' AND enter_seq IS NULL")" 0 \
	"-ff -ttt -T: every call's exit paired with its enter"
root=$(q "SELECT tid FROM task WHERE parent_tid IS NULL")
# each child's exit_group at the time its own file gives (not moved after
# the parent's file), and before the parent prints what it reaped
for f in "$tmp"/fft.[0-9]*; do
	pid=${f##*.}
	[ "$pid" = "$root" ] && continue
	want=$(awk '/ exit_group\(/ { split($1, t, "."); print t[1] t[2] "000"; exit }' "$f")
	expect_eq "$(q "SELECT ts_ns FROM event WHERE tid = $pid AND kind = 'enter' AND nr = 231")" "$want" \
		"-ff -ttt -T: child $pid's exit_group at its log time"
done
expect_eq "$(q "SELECT count(*) FROM event WHERE tid != $root AND seq > (SELECT max(seq) FROM event
	WHERE tid = $root AND kind = 'exit' AND nr = 1)")" 0 "-ff -ttt -T: every child's events before the parent's write"
expect_eq "$(q "SELECT count(*) FROM event e JOIN event x ON x.seq = e.enter_seq
	WHERE e.kind = 'exit' AND e.ts_ns < x.ts_ns")" 0 "-ff -ttt -T: no call ends before it starts"

# strace -f writing to a terminal's stderr: [pid N] prefixes, attach notes inside lines
strace -f "$prog" $args >/dev/null 2>"$tmp/stderr.log" || fail "strace -f to stderr"
"$SYSATLAS" import -o "$tmp/stderr.db" "$tmp/stderr.log" 2>"$tmp/stderr.err" || { cat "$tmp/stderr.err" >&2; fail "import of stderr"; }
db=$tmp/stderr.db
check_db
expect_eq "$(q "SELECT count(*) FROM task")" 21 "stderr log: tasks"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'fork'")" 20 "stderr log: forks"

# the report reads an imported trace unchanged
"$SYSATLAS" report "$tmp/tt-T.db" -o "$tmp/site" >/dev/null 2>"$tmp/report.err" || { cat "$tmp/report.err" >&2; fail "report"; }
[ -s "$tmp/site/index.html" ] || fail "report: no index.html"
rts "$tmp/site" >/dev/null
# the round trip of an imported call: the kernel and strace sides, the
# tracer's own requests (wait4, PTRACE_*) marked as not recorded
for step in 'wait4 reports the syscall-enter stop (not recorded)' 'strace wakes up in wait4 (not recorded)' \
	'strace reads the syscall-exit stop (not recorded)' 'ptrace(PTRACE_SYSCALL) resumes the tracee (not recorded)' \
	'syscall entry: the ptrace hook stops the tracee' 'strace decodes and prints (the arguments)'; do
	grep -qF "\"phase\":\"$step\"" "$tmp/site.rt/rt-0.js" || fail "imported round trip: no step '$step'"
done
grep -q 'Order only' "$tmp/site/index.html" "$tmp/site/timeline.html" "$tmp/site/log.html" &&
	fail "a log with -tt times is said to be order only"
# a log without times: the overview, the timeline and the log say it is order only
"$SYSATLAS" report "$tmp/plain.db" -o "$tmp/plain-site" >/dev/null 2>"$tmp/report.err" || { cat "$tmp/report.err" >&2; fail "report (plain)"; }
for page in index.html timeline.html log.html; do
	grep -q '<strong>Order only.</strong>' "$tmp/plain-site/$page" || fail "plain log: $page does not say order only"
done
grep -q '"times":"order"' "$tmp/plain-site/data/meta.js" || fail "plain log: meta.js does not say order"

# bad input: empty file, another format, binary junk, --strict
: >"$tmp/empty.log"
"$SYSATLAS" import -o "$tmp/x.db" "$tmp/empty.log" 2>"$tmp/e" && fail "empty log accepted"
grep -q "empty.log: an empty file" "$tmp/e" || fail "empty: $(cat "$tmp/e")"
printf 'hello\nworld\n' >"$tmp/other.log"
"$SYSATLAS" import -o "$tmp/x.db" "$tmp/other.log" 2>"$tmp/e" && fail "other format accepted"
grep -q "other.log: not a strace log" "$tmp/e" || fail "other: $(cat "$tmp/e")"
head -c 4096 /dev/urandom >"$tmp/junk.log"
"$SYSATLAS" import -o "$tmp/x.db" "$tmp/junk.log" 2>"$tmp/e" && fail "junk accepted"
[ ! -e "$tmp/x.db" ] || fail "a failed import left its output"
{ head -5 "$tmp/f.log"; echo 'program output'; head -c 30 "$tmp/f.log"; } >"$tmp/cut.log"
"$SYSATLAS" import -o "$tmp/cut.db" "$tmp/cut.log" 2>"$tmp/e" || fail "cut log: $(cat "$tmp/e")"
grep -q "cut.log:6: skipped" "$tmp/e" || fail "cut: line 6 not named: $(cat "$tmp/e")"
expect_eq "$("$DBQ" "$tmp/cut.db" "SELECT skipped_lines FROM run")" 2 "skipped lines counted"
"$SYSATLAS" import --strict -o "$tmp/x.db" "$tmp/cut.log" 2>"$tmp/e" && fail "--strict accepted a cut log"
grep -q "cut.log:6: " "$tmp/e" || fail "strict: $(cat "$tmp/e")"
echo ok
