#!/bin/sh
# run-golden.sh SYSATLAS PROGRAM EXPECTED: trace PROGRAM with
# `sysatlas trace --text`, keep the lines between its golden markers,
# normalise them (its directory becomes @CWD@, then normalise.awk) and
# diff with EXPECTED.
#
# The expected lines are strace's: each file was checked against strace
# 6.1 on the same program, normalised the same way (see README).
# Exit 77 (skip) only when the kernel refuses ptrace.
set -u

bin=$1
prog=$2
expected=$3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The program works in a fresh directory of its own (tests run in parallel).
mkdir "$tmp/cwd"
rc=0
(cd "$tmp/cwd" && exec "$bin" trace -o "$tmp/trace.db" --text="$tmp/text" -- "$prog") \
	>"$tmp/stdout" 2>"$tmp/stderr" || rc=$?

if ! grep -q 'sysatlas-golden-begin' "$tmp/text" 2>/dev/null; then
	if grep -qi 'operation not permitted' "$tmp/stderr"; then
		echo "ptrace is refused here: skipped"
		exit 77
	fi
	echo "FAIL: $(basename "$prog"): no golden lines in the trace (exit $rc)" >&2
	cat "$tmp/stderr" >&2
	exit 1
fi
if [ "$rc" -ne 0 ]; then
	echo "FAIL: $(basename "$prog"): sysatlas trace exited $rc" >&2
	cat "$tmp/stderr" >&2
	exit 1
fi
sed "s|$tmp/cwd|@CWD@|g" "$tmp/text" | awk -f "$here/normalise.awk" >"$tmp/actual"
if ! diff -u "$expected" "$tmp/actual"; then
	echo "FAIL: $(basename "$prog"): trace differs from $expected" >&2
	exit 1
fi
