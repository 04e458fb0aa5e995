#!/bin/sh
# The tracer's exit status is the command's; killed by a signal, the
# tracer dies of the same signal.
. "$(dirname "$0")/lib.sh"
require_ptrace

for code in 0 1 42 255; do
	rc=0
	"$SYSATLAS" trace -o "$tmp/c$code.db" -- "$PROGS/prog-exit" code $code || rc=$?
	expect_eq "$rc" $code "exit code $code"
	db=$tmp/c$code.db
	expect_eq "$(q "SELECT exit_status FROM run")" $((code << 8)) "run.exit_status for $code"
done

for sig in 15 9 10; do	# SIGTERM, SIGKILL, SIGUSR1
	rc=0
	"$SYSATLAS" trace -o "$tmp/s$sig.db" -- "$PROGS/prog-exit" signal $sig || rc=$?
	expect_eq "$rc" $((128 + sig)) "died of signal $sig"
	db=$tmp/s$sig.db
	check_db
	expect_eq "$(q "SELECT exit_status FROM run")" $sig "run.exit_status for signal $sig"
	expect_eq "$(q "SELECT count(*) FROM event WHERE kind = 'exited' AND retval = $sig
		AND text LIKE '+++ killed by SIG% +++'")" 1 "exited event for signal $sig"
done
echo ok
