#!/bin/sh
# test-install.sh BUILDDIR: `meson install --destdir` yields the binary, the
# man page and the data (with the built-in index), and the installed binary
# runs outside the tree and reads that index.
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
comp=$(find "$dest" -path '*/bash-completion/completions/sysatlas' -type f | head -n 1)
check "${comp:-/nonexistent}" "bash completion installed"
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
	# `sysatlas index` runs the libexec helper, the only program that
	# links libclang; sysatlas itself must not load it.
	helper=$(find "$dest" -path '*/libexec/sysatlas/sysatlas-index' -type f | head -n 1)
	check "${helper:-/nonexistent}" "index helper installed in libexec"
	out=$(cd / && env -u SYSATLAS_EXEC_PATH "$bin" index --help 2>&1) || true
	case $out in
	"usage: sysatlas index "*) echo "ok: installed 'sysatlas index --help' runs the helper" ;;
	*) echo "FAIL: installed 'sysatlas index --help' printed:"; echo "$out" | head -n 3; fail=1 ;;
	esac
	if ldd "$bin" 2>/dev/null | grep -q 'libclang\|libLLVM'; then
		echo "FAIL: sysatlas links libclang or LLVM"
		fail=1
	else
		echo "ok: sysatlas does not link libclang or LLVM"
	fi
fi

# The built-in index: installed, and found and read by the installed
# binary with no source or build tree to fall back on.
index=$(find "$dest" -path '*/share/sysatlas/default-index.db' | head -n 1)
check "${index:-/nonexistent}" "built-in index installed"
if [ -n "$bin" ] && [ -n "$index" ]; then
	for f in "$index-journal" "$index-wal"; do
		[ ! -e "$f" ] || { echo "FAIL: $f installed beside the index"; fail=1; }
	done
	rc=0
	out=$(cd / && env -u SYSATLAS_DATADIR "$bin" path openat --links github 2>&1) || rc=$?
	case $out in
	"openat: Linux v5.7 x86_64, common 257 "*)
		echo "ok: installed binary reads its built-in index: $(echo "$out" | head -n 1)" ;;
	*)
		echo "FAIL: installed 'sysatlas path openat' (exit $rc) printed:"
		echo "$out" | head -n 5
		fail=1 ;;
	esac
	# the tracehook call site and the definition, as links to v5.7
	gh=https://github.com/torvalds/linux/blob/v5.7
	for want in "$gh/arch/x86/entry/common.c#L85" "$gh/fs/open.c#L1173"; do
		if echo "$out" | grep -q "$want"; then
			echo "ok: installed index gives $want"
		else
			echo "FAIL: installed index does not give $want"
			fail=1
		fi
	done
fi
exit $fail
