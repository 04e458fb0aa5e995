#!/bin/sh
# The spinner of --poll=auto (tracer/warm.h), a thread of the tracer named
# sysatlas-warm: there while tracing on two CPUs, unless the process's CPU
# time is capped; never with --poll=nospin or --poll=off, nor on one CPU.
# Each trace is looked at while its tracee blocks in read() on a FIFO.
. "$(dirname "$0")/lib.sh"
require_ptrace

# has_spinner [TASKSET...] -- TRACE-OPTIONS...: yes or no
has_spinner() {
	pre=
	while [ "$1" != -- ]; do pre="$pre $1"; shift; done
	shift
	rm -f "$tmp/pid" "$tmp/out" "$tmp/fifo"
	mkfifo "$tmp/fifo"
	$pre "$SYSATLAS" trace "$@" -o "$tmp/w.db" --force -- \
		"$PROGS/prog-block-read" "$tmp/pid" "$tmp/fifo" "$tmp/out" &
	tracer=$!
	bg_pids=$tracer
	wait_until test -s "$tmp/pid"
	wait_until sh -c "grep -q '^0 ' /proc/\$(cat '$tmp/pid')/syscall"
	if grep -qx sysatlas-warm /proc/$tracer/task/*/comm; then seen=yes; else seen=no; fi
	echo data >"$tmp/fifo"
	wait $tracer || fail "trace $*: exit status $?"
	bg_pids=
	echo $seen
}

ncpu=$(nproc)
[ "$ncpu" -ge 2 ] || { echo "SKIP: one CPU here" >&2; exit 77; }
# two CPUs of those this shell may use
cpus=$(python3 -c 'import os; print(",".join(str(c) for c in sorted(os.sched_getaffinity(0))[:2]))')
two="taskset -c $cpus"
one="taskset -c ${cpus%%,*}"

if "$WARM_CAPPED"; then
	expect_eq "$(has_spinner $two -- --poll=auto)" no "two CPUs, CPU time capped: no spinner"
else
	expect_eq "$(has_spinner $two -- --poll=auto)" yes "two CPUs: the spinner"
fi
expect_eq "$(has_spinner $two -- --poll=nospin)" no "--poll=nospin: no spinner"
expect_eq "$(has_spinner $two -- --poll=off)" no "--poll=off: no spinner"
expect_eq "$(has_spinner $one -- --poll=auto)" no "one CPU: no spinner"
if [ "$ncpu" -ge 3 ]; then
	expect_eq "$(has_spinner -- --poll=auto)" no "$ncpu CPUs: no spinner"
fi
echo ok
