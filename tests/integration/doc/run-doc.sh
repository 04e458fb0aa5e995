#!/bin/sh
# run-doc.sh SYSATLAS MKINDEX CASE: golden test of `sysatlas path` / `doc`.
#
# The fixture databases are built fresh from fixtures/*.sql into a
# temporary directory (@TMP@/old.db, @TMP@/generic.db, @TMP@/trace.db).  CASE.args holds the
# arguments, one a line (@TMP@ and @FIXTURES@ are substituted).  The exit
# status, stdout and stderr, then each file named in CASE.files (paths
# under @TMP@, one a line), are normalised and compared with CASE.expected.
# Inline SVG (graphviz's layout) is replaced by a marker: the graphs are
# checked as DOT text by the path --format dot cases.
set -eu

bin=$1
mkindex=$2
case=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
here=$(cd "$(dirname "$0")" && pwd)
fixtures=$here/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$mkindex" "$tmp/old.db" "$fixtures/old.sql"
"$mkindex" "$tmp/generic.db" "$fixtures/generic.sql"
"$mkindex" --trace "$tmp/trace.db" "$fixtures/trace.sql"

set --
while IFS= read -r line || [ -n "$line" ]; do
	line=$(printf '%s' "$line" | sed -e "s|@FIXTURES@|$fixtures|g" -e "s|@TMP@|$tmp|g")
	set -- "$@" "$line"
done < "$case.args"

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
	if [ -f "$case.files" ]; then
		while IFS= read -r f || [ -n "$f" ]; do
			echo "--- file $f"
			if [ -f "$tmp/$f" ]; then
				normalise "$tmp/$f" | awk '/^<svg/ { print "[svg]"; skip = 1 } !skip { print } /^<\/svg>/ { skip = 0 }'
			else
				echo "(missing)"
			fi
		done < "$case.files"
	fi
} >"$tmp/.actual"

if [ -n "${SYSATLAS_REGEN:-}" ]; then
	cp "$tmp/.actual" "$case.expected"
	exit 0
fi
if ! diff -u "$case.expected" "$tmp/.actual"; then
	echo "FAIL: $(basename "$case"): output differs from $case.expected" >&2
	exit 1
fi
