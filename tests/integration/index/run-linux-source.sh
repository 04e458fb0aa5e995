#!/bin/sh
# run-linux-source.sh SYSATLAS CHECK VERSION [BUILTIN.tsv VERIFY.awk]:
# index a real kernel — Debian's linux-source-VERSION (6.1 or 6.12), with
# Debian's own amd64 configuration — and check the index against the
# source text with CHECK (check-real-index.py).
#
# With BUILTIN.tsv (a built-in index's text) and VERIFY.awk
# (data/verify-lines.awk): when the installed package is the very Debian
# version the built-in index was made from, every line the built-in
# index names — each one a link to sources.debian.org at that version —
# is read in this tree and must spell what the index says is there.
# Another package version (a later Debian upload) skips that part, saying
# so.
#
# The tarball is unpacked once into a cache shared by the build
# directories ($SYSATLAS_TEST_CACHE, else $XDG_CACHE_HOME/sysatlas, else
# ~/.cache/sysatlas), under a lock; a copy whose stamp does not match the
# tarball (half unpacked, or an older package) is thrown away first.
set -eu

bin=$1
check=$2
version=$3
builtin=${4:-}
verify=${5:-}
case $version in
6.1|6.12) ;;
*) echo "FAIL: run-linux-source.sh: version $version: expected 6.1 or 6.12" >&2; exit 1 ;;
esac
tarball=/usr/src/linux-source-$version.tar.xz
config_xz=/usr/src/linux-config-$version/config.amd64_none_amd64.xz
for f in "$tarball" "$config_xz"; do
	if [ ! -r "$f" ]; then
		echo "FAIL: $f is missing: install linux-source-$version and" \
			"linux-config-$version (scripts/deps.sh test)" >&2
		exit 1
	fi
done

cache=${SYSATLAS_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sysatlas}
mkdir -p "$cache"
tree=$cache/linux-source-$version
stamp=$(stat -c '%s %Y' "$tarball")

(
	flock 9
	if [ ! -f "$tree/.sysatlas-stamp" ] || [ "$(cat "$tree/.sysatlas-stamp")" != "$stamp" ]; then
		echo "unpacking $tarball into $tree"
		rm -rf "$tree" "$tree.partial"
		mkdir "$tree.partial"
		tar -xJf "$tarball" -C "$tree.partial" --strip-components=1
		echo "$stamp" >"$tree.partial/.sysatlas-stamp"
		mv "$tree.partial" "$tree"
	fi
) 9>"$cache/linux-source-$version.lock"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xz -dc "$config_xz" >"$tmp/config"

rc=0
"$bin" index -v --linux "$tree" --config "$tmp/config" -o "$tmp/index.db" \
	>"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
cat "$tmp/stderr"
if [ $rc -ne 0 ]; then
	echo "FAIL: sysatlas index exited with $rc" >&2
	exit 1
fi
python3 "$check" "$tmp/index.db" "$tree" "$tmp/stderr"

[ -n "$builtin" ] || exit 0
want=$(awk -F '\t' '$1 == "tree" && $2 == "linux" { print $3; exit }' "$builtin")
have=$(dpkg-query -W -f '${Version}' "linux-source-$version" 2>/dev/null || :)
if [ "$have" != "$want" ]; then
	echo "built-in index: made from linux-source-$version $want; this machine has" \
		"${have:-no such package}: its lines are not checked here"
	exit 0
fi
awk -v linux="$tree" -v strace= -f "$verify" "$builtin" || {
	echo "FAIL: the built-in index $builtin names lines that do not say what it says" \
		"(above), in linux-source-$version $have" >&2
	exit 1
}
echo "built-in index: every line it names checked in linux-source-$version $have"
