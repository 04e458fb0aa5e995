#!/bin/sh
# run-index.sh SYSATLAS CASE: run `sysatlas index` with the arguments in
# CASE.args (@FIXTURES@ = this directory's fixtures/, @TMP@ = a scratch
# directory; the index is written to @TMP@/index.db), dump the index as
# text with dump-index.py, and diff exit status, stderr and the dump with
# CASE.expected.  With CASE.setup, the fixtures are copied first and the
# setup is sourced with $fixtures pointing at the copy; when it sets
# unprivileged=1 and the test runs as root, sysatlas runs as nobody (so
# that permissions it sets hold).
set -eu

bin=$1
case=$2
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/fixtures
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
unprivileged=0
run=
if [ -f "$case.setup" ]; then
	cp -R "$fixtures" "$tmp/fixtures"
	fixtures=$tmp/fixtures
	. "$case.setup"
	if [ "$unprivileged" = 1 ] && [ "$(id -u)" = 0 ]; then
		chmod 0777 "$tmp"
		run="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
fi

set --
while IFS= read -r line || [ -n "$line" ]; do
	line=$(printf '%s' "$line" | sed -e "s|@FIXTURES@|$fixtures|g" -e "s|@TMP@|$tmp|g")
	set -- "$@" "$line"
done < "$case.args"

rc=0
SYSATLAS_PROGRESS=0 $run "$bin" index "$@" >"$tmp/.stdout" 2>"$tmp/.stderr" || rc=$?
{
	echo "exit $rc"
	echo "--- stderr"
	sed -e "s|$tmp|@TMP@|g" -e "s|$fixtures|@FIXTURES@|g" \
	    -e 's/ in [0-9.]* s$/ in N s/' "$tmp/.stderr"
	echo "--- index"
	if [ -f "$tmp/index.db" ]; then
		python3 "$here/dump-index.py" "$tmp/index.db"
	fi
	ls "$tmp" | grep -v -e '^index.db$' -e '^fixtures$' || true
} >"$tmp/.actual"

if [ -n "${SYSATLAS_REGEN:-}" ]; then
	cp "$tmp/.actual" "$case.expected"
	exit 0
fi
if ! diff -u "$case.expected" "$tmp/.actual"; then
	echo "FAIL: $(basename "$case"): output differs from $case.expected" >&2
	exit 1
fi
