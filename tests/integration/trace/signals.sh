#!/bin/sh
# Signal handlers see exactly the signals they would see untraced.
. "$(dirname "$0")/lib.sh"
require_ptrace

"$PROGS/prog-signals" >"$tmp/plain"
db=$tmp/t.db
"$SYSATLAS" trace -o "$db" -- "$PROGS/prog-signals" >"$tmp/traced"
diff -u "$tmp/plain" "$tmp/traced" || fail "handlers saw other signals under the tracer"
check_db
# each delivered signal is a recorded signal-delivery-stop (SIGINT too,
# though ignored: the kernel shows ignored signals to a tracer)
expect_eq "$(q "SELECT group_concat(nr, ' ') FROM (SELECT nr FROM event WHERE kind = 'signal' ORDER BY seq)")" \
	"10 12 35 10 35 35 2 18 14 17 11 5" "signal events"
expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'signal' AND (stop != 'signal'
	OR mechanism NOT LIKE '%PTRACE_GETSIGINFO%' OR text NOT LIKE '--- SIG% ---')")" 0 "signal event rows"
# the same under -f (the SIGCHLD child is traced too)
"$SYSATLAS" trace -f -o "$tmp/f.db" -- "$PROGS/prog-signals" >"$tmp/traced-f"
diff -u "$tmp/plain" "$tmp/traced-f" || fail "handlers saw other signals under -f"
echo ok
