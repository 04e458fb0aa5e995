# lib.sh: sourced by the tracer's integration tests.
#
# Environment (set by meson.build): SYSATLAS (the binary), DBQ (dbq), PROGS
# (the directory of the test programs).  Each test gets a fresh $tmp.
# Waiting helpers poll with a generous limit: they wait for a state, they
# never measure speed.
set -eu

tmp=$(mktemp -d)
bg_pids=
cleanup() {
	for p in $bg_pids; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# q SQL: one query on $db, rows on stdout.
q() {
	"$DBQ" "$db" "$1"
}

# rts SITE: a directory of SITE's round trips with their phases expanded
# into steps, a JSON object a line (tests/integration/rt-expand.py)
rts() {
	python3 "$(dirname "$0")/../rt-expand.py" "$1" "$1.rt" >&2 ||
		fail "$1: the round trips do not expand"
	echo "$1.rt"
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
	[ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"
}

# expect_ge ACTUAL MIN WHAT
expect_ge() {
	[ "$1" -ge "$2" ] || fail "$3: expected at least $2, got $1"
}

# Skip (77) when this machine refuses ptrace; otherwise go on.
require_ptrace() {
	if ! "$SYSATLAS" trace -o "$tmp/probe.db" -- /bin/true 2>"$tmp/probe.err"; then
		if grep -q 'PTRACE_SEIZE.*Operation not permitted' "$tmp/probe.err"; then
			echo "SKIP: ptrace refused here" >&2
			exit 77
		fi
		cat "$tmp/probe.err" >&2
		fail "tracing /bin/true failed"
	fi
	rm -f "$tmp"/probe.db*
}

# wait_until CMD...: poll until CMD succeeds (at most ~60 s).
wait_until() {
	i=0
	while ! "$@" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 1200 ] || fail "timed out waiting for: $*"
		sleep 0.05
	done
}

# recording DB: the temporary database a running `sysatlas trace -o DB` records
# into (DB.tmp-XXXXXX, renamed to DB when the trace ends), once it exists.
recording() {
	wait_until sh -c "ls '$1'.tmp-?????? >/dev/null"
	ls "$1".tmp-??????
}

# proc_state PID: the one-letter state of PID (R S D T t Z ...).
proc_state() {
	sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$1/status" 2>/dev/null
}

# The common integrity checks every trace must pass.
check_db() {
	expect_eq "$(q 'PRAGMA integrity_check')" ok "integrity_check"
	# each exit event names an enter event of the same task and call
	expect_eq "$(q "SELECT count(*) FROM event x WHERE kind = 'exit' AND enter_seq IS NOT NULL
		AND NOT EXISTS (SELECT 1 FROM event n WHERE n.seq = x.enter_seq AND n.kind = 'enter'
		AND n.nr = x.nr AND (n.tid = x.tid OR EXISTS (SELECT 1 FROM event c
		WHERE c.kind = 'exec' AND c.tid = x.tid AND c.other_tid = n.tid)))")" \
		0 "exits without their enter"
	# time never goes backwards along seq
	expect_eq "$(q "SELECT count(*) FROM event a JOIN event b ON b.seq = a.seq + 1
		WHERE b.ts_ns < a.ts_ns")" 0 "timestamps out of order"
	# every event belongs to a task row
	expect_eq "$(q "SELECT count(*) FROM event e WHERE NOT EXISTS
		(SELECT 1 FROM task t WHERE t.tid = e.tid)")" 0 "events of unknown tasks"
}
