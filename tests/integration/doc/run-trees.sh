#!/bin/sh
# run-trees.sh SYSATLAS EXPECTED: the comparison from real indexes of two
# miniature kernel trees.  The old shape is the indexer's linux-mini; the
# generic-entry shape is linux-mini with trees/generic laid over it and the
# files in trees/generic.remove deleted (trees/README).  Both are indexed
# with `sysatlas index`, compared with `sysatlas doc --index A --index B`,
# and the site's compare.txt is diffed with EXPECTED.
set -eu

bin=$1
expected=$2
here=$(cd "$(dirname "$0")" && pwd)
mini=$(cd "$here/../index/fixtures/linux-mini" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -R "$mini" "$tmp/old"
cp -R "$mini" "$tmp/generic"
cp -R "$here/trees/generic/." "$tmp/generic/"
while IFS= read -r f || [ -n "$f" ]; do
	rm "$tmp/generic/$f"
done < "$here/trees/generic.remove"

for t in old generic; do
	if ! "$bin" index --linux "$tmp/$t" -o "$tmp/$t.db" >"$tmp/$t.log" 2>&1; then
		cat "$tmp/$t.log" >&2
		echo "FAIL: sysatlas index of the $t miniature tree" >&2
		exit 1
	fi
done
"$bin" doc --index "$tmp/old.db" --index "$tmp/generic.db" -o "$tmp/site" >/dev/null

if [ -n "${SYSATLAS_REGEN:-}" ]; then
	cp "$tmp/site/compare.txt" "$expected"
	exit 0
fi
if ! diff -u "$expected" "$tmp/site/compare.txt"; then
	echo "FAIL: the comparison of the miniature trees differs from $expected" >&2
	exit 1
fi
