#!/bin/sh
# run-text.sh SYSATLAS CASE: import CASE.tsv with `sysatlas index
# --import-text`, and compare the exit status, stderr and whether the
# database was written with CASE.expected.  When the import succeeds, the
# database is exported again and must give CASE.tsv back byte for byte
# (the cases are written in the exporter's canonical, sorted form).
set -eu

bin=$1
case=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dir=$(cd "$(dirname "$case")" && pwd)

rc=0
"$bin" index --import-text "$case.tsv" -o "$tmp/index.db" 2>"$tmp/.stderr" || rc=$?
{
	echo "exit $rc"
	echo "--- stderr"
	sed -e "s|$tmp/|@TMP@/|g" -e "s|$dir/||g" -e 's/\.tmp-[0-9A-Za-z]\{6\}/.tmp-XXXXXX/g' "$tmp/.stderr"
	echo "--- files"
	ls "$tmp"
} >"$tmp/.actual"
if ! diff -u "$case.expected" "$tmp/.actual"; then
	echo "FAIL: $(basename "$case"): output differs from $case.expected" >&2
	exit 1
fi
if [ "$rc" -eq 0 ]; then
	"$bin" index --export-text "$tmp/index.db" -o "$tmp/again.tsv"
	if ! diff -u "$case.tsv" "$tmp/again.tsv"; then
		echo "FAIL: $(basename "$case"): export after import differs from $case.tsv" >&2
		exit 1
	fi
fi
