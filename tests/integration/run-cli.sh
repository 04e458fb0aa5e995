#!/bin/sh
# run-cli.sh SYSATLAS CASE: run `SYSATLAS $(cat CASE.args)` and diff its
# normalised exit status, stdout and stderr with CASE.expected.
#
# In CASE.args, @FIXTURES@ is tests/integration/fixtures and @TMP@ a fresh
# temporary directory.  Output normalisation: the temporary directory
# becomes @TMP@, the fixtures directory @FIXTURES@, the version @VERSION@.
set -eu

bin=$1
case=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

set --
while IFS= read -r line || [ -n "$line" ]; do
	line=$(printf '%s' "$line" | sed -e "s|@FIXTURES@|$fixtures|g" -e "s|@TMP@|$tmp|g")
	set -- "$@" "$line"
done < "$case.args"

[ -f "$case.setup" ] && (cd "$tmp" && sh "$case.setup" "$fixtures")

rc=0
"$bin" "$@" >"$tmp/.stdout" 2>"$tmp/.stderr" || rc=$?
version=$("$bin" --version | sed 's/^sysatlas //')

normalise() {
	sed -e "s|$tmp|@TMP@|g" -e "s|$fixtures|@FIXTURES@|g" -e "s|$version|@VERSION@|g" "$1"
}

{
	echo "exit $rc"
	echo "--- stdout"
	normalise "$tmp/.stdout"
	echo "--- stderr"
	normalise "$tmp/.stderr"
} >"$tmp/.actual"

# SYSATLAS_REGEN=1: rewrite the .expected file (review the diff)
if [ -n "${SYSATLAS_REGEN:-}" ]; then
	cp "$tmp/.actual" "$case.expected"
fi
if ! diff -u "$case.expected" "$tmp/.actual"; then
	echo "FAIL: $(basename "$case"): output differs from $case.expected" >&2
	exit 1
fi
