#!/bin/sh
# run-opts.sh SYSATLAS PROGDIR "OPTIONS" PROGRAM...: trace each golden
# PROGRAM (PROGDIR/golden-NAME) with `strace OPTIONS` and with `sysatlas
# trace OPTIONS --text`, normalise both (normalise.awk) and diff them: each
# of strace's output options must print what strace 6.1 prints.
#
# The time prefixes (-t, -tt, -ttt, -r) and -T durations are checked for
# their format on every line, then dropped; -a is checked for its column
# (every padded " = " starts there); the summary (-c, -C) is compared on
# its calls, errors and names.  Exit 77 (skip) when strace 6.1 is not
# installed (scripts/deps.sh test installs it) or ptrace is refused.
set -u

bin=$1
progdir=$2
opts=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! command -v strace >/dev/null 2>&1; then
	echo "strace is not installed (scripts/deps.sh test): skipped"
	exit 77
fi
version=$(strace -V 2>/dev/null | sed -n '1s/.*version //p')
case $version in
6.1) ;;
*) echo "compared with strace 6.1; this is strace $version: skipped"; exit 77 ;;
esac

# The time prefix every line starts with (POSIX ERE without intervals).
d2='[0-9][0-9]'
us='\.[0-9][0-9][0-9][0-9][0-9][0-9]'
prefix=
case " $opts " in
*" -ttt "*) prefix="[0-9]+$us " ;;
*" -tt "*) prefix="$d2:$d2:$d2$us " ;;
*" -t "*) prefix="$d2:$d2:$d2 " ;;
esac
case " $opts " in
*" -r "*) [ -n "$prefix" ] && prefix="$prefix\\(\\+ +[0-9]+$us\\) " || prefix=" *[0-9]+$us " ;;
esac
dur=0
case " $opts " in *" -T "*) dur=1 ;; esac
sort=0
case " $opts " in *" -S "*) ;; *" -c "*|*" -C "*) sort=1 ;; esac
column=
case " $opts " in *" -a "*) column=$(printf '%s\n' "$opts" | sed 's/.*-a \([0-9]*\).*/\1/') ;; esac

# Every padded " = " starts at the -a column; an unpadded one follows ") ".
check_column() {
	awk -v col="$column" -v what="$2" '
		match($0, /\) +=/) && RLENGTH > 3 && RSTART + RLENGTH - 2 != col {
			print what ": \"=\" at column " RSTART + RLENGTH - 2 ", not " col ": " $0; bad = 1
		}
		END { exit bad }' "$1"
}

status=0
for prog in "$@"; do
	name=golden-$prog
	for who in strace sysatlas; do
		rm -rf "$tmp/cwd"
		mkdir "$tmp/cwd"
		# shellcheck disable=SC2086
		if [ $who = strace ]; then
			(cd "$tmp/cwd" && exec strace $opts -o "$tmp/$who.txt" "$progdir/$name") \
				>/dev/null 2>"$tmp/$who.err"
		else
			(cd "$tmp/cwd" && exec "$bin" trace -o /dev/null --force $opts \
				--text="$tmp/$who.txt" -- "$progdir/$name") >/dev/null 2>"$tmp/$who.err"
		fi
		if [ ! -s "$tmp/$who.txt" ]; then
			if grep -qi 'operation not permitted' "$tmp/$who.err"; then
				echo "ptrace is refused here: skipped"
				exit 77
			fi
			echo "FAIL: $who $opts $name wrote nothing" >&2
			cat "$tmp/$who.err" >&2
			status=1
			continue 2
		fi
		sed "s|$tmp/cwd|@CWD@|g" "$tmp/$who.txt" |
			awk -v prefix="$prefix" -v dur=$dur -v sort=$sort -v pad=0 \
				-f "$here/normalise.awk" >"$tmp/$who.norm"
		if [ -n "$column" ] && ! check_column "$tmp/$who.txt" "$who"; then
			status=1
		fi
	done
	if grep -q '^BAD' "$tmp/strace.norm"; then
		echo "FAIL: the test's own check refuses strace's output:" >&2
		grep '^BAD' "$tmp/strace.norm" | head -5 >&2
		status=1
	fi
	if ! diff -u "$tmp/strace.norm" "$tmp/sysatlas.norm"; then
		echo "FAIL: sysatlas trace $opts $name differs from strace $opts" >&2
		status=1
	fi
done
exit $status
