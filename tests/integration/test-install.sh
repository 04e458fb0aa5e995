#!/bin/sh
# test-install.sh BUILDDIR: `meson install --destdir` yields the binary, the
# man page and the data, and the installed binary runs outside the tree.
set -eu

build=$1
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null

fail=0
check() {
	if [ -e "$1" ]; then
		echo "ok: $2"
	else
		echo "FAIL: $2: $1 missing"
		fail=1
	fi
}

bin=$(find "$dest" -path '*/bin/sysatlas' -type f | head -n 1)
check "${bin:-/nonexistent}" "binary installed"
man=$(find "$dest" -path '*/man1/sysatlas.1' | head -n 1)
check "${man:-/nonexistent}" "man page installed"
links=$(find "$dest" -path '*/share/sysatlas/links.tsv' | head -n 1)
check "${links:-/nonexistent}" "data installed"

if [ -n "$bin" ]; then
	# Run from a directory that is neither the build nor the source tree,
	# with no data dir override, so only the install can satisfy it.
	out=$(cd / && env -u SYSATLAS_DATADIR "$bin" --version)
	case $out in
	"sysatlas "*) echo "ok: installed binary runs: $out" ;;
	*) echo "FAIL: installed binary --version printed '$out'"; fail=1 ;;
	esac
fi
exit $fail
