#!/bin/sh
# run-index.sh SYSATLAS CASE: run `sysatlas index` with the arguments in
# CASE.args (@FIXTURES@ = this directory's fixtures/, @TMP@ = a scratch
# directory; the index is written to @TMP@/index.db), dump the index as
# text with dump-index.py, and diff exit status, stderr and the dump with
# CASE.expected.
set -eu

bin=$1
case=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set --
while IFS= read -r line || [ -n "$line" ]; do
	line=$(printf '%s' "$line" | sed -e "s|@FIXTURES@|$fixtures|g" -e "s|@TMP@|$tmp|g")
	set -- "$@" "$line"
done < "$case.args"

rc=0
SYSATLAS_PROGRESS=0 "$bin" index "$@" >"$tmp/.stdout" 2>"$tmp/.stderr" || rc=$?
{
	echo "exit $rc"
	echo "--- stderr"
	sed -e "s|$tmp|@TMP@|g" -e "s|$fixtures|@FIXTURES@|g" \
	    -e 's/ in [0-9.]* s$/ in N s/' "$tmp/.stderr"
	echo "--- index"
	if [ -f "$tmp/index.db" ]; then
		python3 "$here/dump-index.py" "$tmp/index.db"
	fi
	ls "$tmp" | grep -v '^index.db$' || true
} >"$tmp/.actual"

if ! diff -u "$case.expected" "$tmp/.actual"; then
	echo "FAIL: $(basename "$case"): output differs from $case.expected" >&2
	exit 1
fi
