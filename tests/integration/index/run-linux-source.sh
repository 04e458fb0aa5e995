#!/bin/sh
# run-linux-source.sh SYSATLAS CHECK: index a real kernel — Debian's
# linux-source-6.1, with Debian's own amd64 configuration — and check the
# index against the source text with CHECK (check-real-index.py).
#
# The tarball is unpacked once into a cache shared by the build
# directories ($SYSATLAS_TEST_CACHE, else $XDG_CACHE_HOME/sysatlas, else
# ~/.cache/sysatlas), under a lock; a copy whose stamp does not match the
# tarball (half unpacked, or an older package) is thrown away first.
set -eu

bin=$1
check=$2
tarball=/usr/src/linux-source-6.1.tar.xz
config_xz=/usr/src/linux-config-6.1/config.amd64_none_amd64.xz
for f in "$tarball" "$config_xz"; do
	if [ ! -r "$f" ]; then
		echo "FAIL: $f is missing: install linux-source-6.1 and linux-config-6.1" \
			"(scripts/deps.sh test)" >&2
		exit 1
	fi
done

cache=${SYSATLAS_TEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sysatlas}
mkdir -p "$cache"
tree=$cache/linux-source-6.1
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
) 9>"$cache/linux-source-6.1.lock"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xz -dc "$config_xz" >"$tmp/config"

rc=0
"$bin" index --linux "$tree" --config "$tmp/config" -o "$tmp/index.db" \
	>"$tmp/stdout" 2>"$tmp/stderr" || rc=$?
cat "$tmp/stderr"
if [ $rc -ne 0 ]; then
	echo "FAIL: sysatlas index exited with $rc" >&2
	exit 1
fi
python3 "$check" "$tmp/index.db" "$tree" "$tmp/stderr"
