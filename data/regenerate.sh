#!/bin/sh
# regenerate.sh [v5.7|6.12] LINUX_TREE STRACE_TREE: rebuild a built-in
# index, data/index/NAME-x86_64.tsv, and its list of known gaps,
# data/index/NAME-x86_64.gaps.tsv (data/README.md says how to get the
# trees):
#
#   v5.7  (the default) an exact Linux v5.7 tree;
#   6.12  Debian's linux-source-6.12 6.12.118-1~deb12u1 (upstream 6.12.118
#         with Debian's patches), linked to sources.debian.org;
#
# both with a checkout of strace's v5.7 tag and the built-in kernel
# configuration (data/kernel-x86_64.config).
#
#   SYSATLAS=FILE  the sysatlas binary to index with (default: build it
#                  in build/ with meson and ninja)
#   JOBS=N         files parsed at once (default: all cores)
#
# Nothing else is needed: the build turns the text into default-index.db.
set -eu

die() { echo "regenerate: $*" >&2; exit 1; }

name=v5.7
case ${1:-} in
v5.7|6.12) name=$1; shift ;;
esac
[ $# -eq 2 ] || die "usage: data/regenerate.sh [v5.7|6.12] LINUX_TREE STRACE_TREE"
linux=$1
strace=$2
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/data/index/$name-x86_64.tsv
gaps=$top/data/index/$name-x86_64.gaps.tsv
case $name in
v5.7)
	want=5.7.0 lver= lurl=
	;;
6.12)
	# Debian's source package: the version names the tree exactly
	want=6.12.118 lver=6.12.118-1~deb12u1
	lurl='https://sources.debian.org/src/linux/{version}/{path}/#L{line}'
	;;
esac

# The trees must be exactly that version: a stable tree of another
# sublevel has other lines.
mk=$linux/Makefile
[ -f "$mk" ] || die "$linux: no Makefile: not a Linux tree"
mkvar() { sed -n "s/^$1 *= *//p" "$mk" | head -n 1; }
[ "$(mkvar VERSION).$(mkvar PATCHLEVEL).$(mkvar SUBLEVEL)" = "$want" ] && [ -z "$(mkvar EXTRAVERSION)" ] ||
	die "$linux: Makefile says $(mkvar VERSION).$(mkvar PATCHLEVEL).$(mkvar SUBLEVEL)$(mkvar EXTRAVERSION), not exactly $want"
[ -f "$linux/arch/x86/entry/syscalls/syscall_64.tbl" ] || die "$linux: no x86 syscall table"
if [ -f "$strace/.tarball-version" ]; then
	sv=$(cat "$strace/.tarball-version")
elif [ -f "$strace/NEWS" ]; then
	sv=$(sed -n '1s/^Noteworthy changes in release \([^ ]*\) .*/\1/p' "$strace/NEWS")
else
	die "$strace: no .tarball-version or NEWS: not a strace tree"
fi
[ "$sv" = 5.7 ] || die "$strace: strace ${sv:-of unknown version}, not 5.7"
[ -f "$strace/linux/dummy.h" ] || die "$strace: no linux/dummy.h"

if [ -z "${SYSATLAS:-}" ]; then
	[ -f "$top/build/build.ninja" ] || meson setup "$top/build" >/dev/null
	ninja -C "$top/build" sysatlas >/dev/null
	SYSATLAS=$top/build/sysatlas
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

"$SYSATLAS" index --linux "$linux" --strace "$strace" ${JOBS:+--jobs "$JOBS"} \
	${lver:+--linux-version "$lver"} ${lurl:+--linux-url "$lurl"} -o "$tmp/index.db"
"$SYSATLAS" index --export-text "$tmp/index.db" -o "$tmp/index.tsv"

# The links must say the version (the indexer reads it from Makefile and
# NEWS, or is told it).
awk -F '\t' '$1 == "tree" { print $2, $3 }' "$tmp/index.tsv" >"$tmp/trees"
printf 'linux %s\nstrace v5.7\n' "${lver:-$name}" | cmp -s - "$tmp/trees" ||
	die "the index's trees are $(tr '\n' ' ' <"$tmp/trees"), not linux ${lver:-$name} and strace v5.7"

# Every row of the kernel's syscall tables is in the index, and no other.
tbl=$linux/arch/x86/entry/syscalls
{
	awk '!/^#/ && NF { print $2, $1, $3 }' "$tbl/syscall_64.tbl"
	awk '!/^#/ && NF { print "i386", $1, $3 }' "$tbl/syscall_32.tbl"
} | sort >"$tmp/tbl"
awk -F '\t' '$1 == "syscall" { print $2, $3, $4 }' "$tmp/index.tsv" | sort >"$tmp/rows"
if ! cmp -s "$tmp/tbl" "$tmp/rows"; then
	diff "$tmp/tbl" "$tmp/rows" | head -n 20 >&2
	die "the index's syscall rows differ from syscall_64.tbl and syscall_32.tbl (< tables, > index)"
fi

# Every place the index names says what the index says is there.
awk -v linux="$linux" -v strace="$strace" -f "$top/data/verify-lines.awk" \
	"$tmp/index.tsv" >"$tmp/verify" || die "lines that do not say what the index says (above)"

# strace decoders the index could not locate: each must be an alias in
# linux/dummy.h (#define sys_getpid printargs), recorded with its line.
{
	echo "# Known gaps of the built-in index: strace decoders that syscallent.h names"
	echo "# and the index does not locate, each with the reason.  Written by"
	echo "# data/regenerate.sh; checked by tests/integration/builtin."
	echo "# strace_decoder	NAME	REASON"
	awk -F '\t' '$1 == "strace_syscall" && $8 == "\\N" { print $7 }' "$tmp/index.tsv" |
		sort -u | while read -r dec; do
		hit=$(grep -n "^#[[:space:]]*define[[:space:]]\{1,\}sys_$dec[[:space:]]" \
			"$strace/linux/dummy.h" | head -n 1) ||
			die "strace decoder $dec: not located, and linux/dummy.h has no alias for it"
		line=${hit%%:*}
		target=$(echo "${hit#*:}" | awk '{ print $NF }')
		printf 'strace_decoder\t%s\tlinux/dummy.h:%s defines sys_%s as %s, an alias the index does not follow\n' \
			"$dec" "$line" "$dec" "$target"
	done
} >"$tmp/gaps.tsv"

size=$(wc -c <"$tmp/index.tsv")
[ "$size" -lt 10000000 ] || die "the text is $size bytes; keep data files under 10 MB"
mv "$tmp/index.tsv" "$out"
mv "$tmp/gaps.tsv" "$gaps"

echo "regenerate: wrote ${out#$top/} ($(wc -l <"$out") lines, $size bytes):"
awk -F '\t' '!/^#/ && NF { n[$1]++ } END { for (r in n) printf "  %-15s %d\n", r, n[r] }' "$out" | sort
cat "$tmp/verify"
echo "regenerate: the syscall rows match syscall_64.tbl and syscall_32.tbl ($(wc -l <"$tmp/tbl") rows)"
echo "regenerate: ${gaps#$top/}: $(grep -c -v '^#' "$gaps" || true) known gaps"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$top" --no-pager diff --stat -- data/index
fi
