#!/bin/sh
# run-cases.sh SYSATLAS CASES: run every case of a bad-input case file and
# print TAP, one line a case.
#
# A case file holds blocks:
#
#   case NAME            starts a case; each case gets a fresh directory $T
#   needs ptrace|root    skip the case where that is missing
#   setup SHELL          run in $T before the command (any number)
#   kept PATH            PATH is fingerprinted after the setup and must be
#                        the very same file afterwards: type, mode, device
#                        numbers, inode, size and contents (any number)
#   run ARGS             the command: sysatlas ARGS, words split by sh
#   exit N               its expected exit status
#   error TEXT           its expected first line on stderr, exactly, after
#                        warnings; a temporary name's suffix is XXXXXX
#   error-match RE       the same line matches extended regular expression
#                        RE instead (for a number that changes, as a
#                        schema version)
#   check SHELL          must succeed after the command (any number)
#   end
#
# In every line @TMP@ is $T; commands see $SYSATLAS, $DBQ, $FIXTURES and
# $T in the environment, and the command TMPDIR=$T/.tmp.  Lines starting
# with # are comments.
set -u

SYSATLAS=$1
cases=$2
export SYSATLAS
: "${DBQ:=}"
: "${FIXTURES:=}"
export DBQ FIXTURES
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT

can_ptrace=0
"$SYSATLAS" trace -o "$top/probe.db" -- /bin/true >/dev/null 2>&1 && can_ptrace=1
is_root=0
[ "$(id -u)" = 0 ] && is_root=1

n=0
failed=0

fingerprint() {
	if [ -e "$1" ] || [ -L "$1" ]; then
		st=$(stat -c '%F %a %t:%T %i %s' "$1")
		if [ -L "$1" ]; then
			echo "$st -> $(readlink "$1")"
		elif [ -f "$1" ]; then
			echo "$st $(cksum <"$1")"
		else
			echo "$st"
		fi
	else
		echo "absent"
	fi
}

# run_case: the collected case in $name, $needs, $setups, $kepts, $args,
# $want_exit, $want_error, $want_match, $checks (newline-separated lists).
run_case() {
	n=$((n + 1))
	T=$top/case-$n
	mkdir "$T"
	export T
	case $needs in
	*ptrace*) if [ $can_ptrace = 0 ]; then echo "ok $n - $name # SKIP ptrace refused"; return; fi ;;
	esac
	case $needs in
	*root*) if [ $is_root = 0 ]; then echo "ok $n - $name # SKIP not root"; return; fi ;;
	esac
	why=
	printf '%s\n' "$setups" | while IFS= read -r s; do
		[ -n "$s" ] || continue
		(cd "$T" && eval "$s") >/dev/null 2>&1 || echo "setup failed: $s"
	done >"$T/.why"
	why=$(cat "$T/.why")
	: >"$T/.prints"
	printf '%s\n' "$kepts" | while IFS= read -r k; do
		[ -n "$k" ] || continue
		(cd "$T" && echo "$k	$(fingerprint "$k")")
	done >"$T/.prints"
	rc=0
	if [ -z "$why" ]; then
		# TMPDIR of the case's own: what the command leaves there is its
		# alone, whatever other tests run beside it
		mkdir -p "$T/.tmp"
		(cd "$T" && TMPDIR=$T/.tmp && export TMPDIR &&
			eval "exec \"\$SYSATLAS\" $args") >"$T/.out" 2>"$T/.err" </dev/null || rc=$?
		[ "$rc" = "$want_exit" ] || why="exit $rc, expected $want_exit"
		got=$(grep -v '^sysatlas: warning: ' "$T/.err" | head -n 1 |
			sed 's/\.tmp-[0-9A-Za-z]\{6\}/.tmp-XXXXXX/g')
		if [ -z "$why" ] && [ -n "$want_error" ] && [ "$got" != "$want_error" ]; then
			why="stderr '$got', expected '$want_error'"
		fi
		if [ -z "$why" ] && [ -n "$want_match" ] &&
		   ! printf '%s\n' "$got" | grep -Eq -- "$want_match"; then
			why="stderr '$got', expected a match of '$want_match'"
		fi
		if [ -z "$why" ] && [ -z "$want_error$want_match" ] && [ "$want_exit" != 0 ]; then
			why="no expected message given for a failing case"
		fi
		if [ -z "$why" ] && grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$T/.err"; then
			why="sanitizer report: $(grep -m1 'runtime error\|Sanitizer' "$T/.err")"
		fi
	fi
	if [ -z "$why" ]; then
		while IFS='	' read -r k before; do
			after=$(cd "$T" && fingerprint "$k")
			if [ "$after" != "$before" ]; then
				why="$k changed: was '$before', now '$after'"
				break
			fi
		done <"$T/.prints"
	fi
	if [ -z "$why" ]; then
		printf '%s\n' "$checks" | while IFS= read -r c; do
			[ -n "$c" ] || continue
			(cd "$T" && eval "$c") >/dev/null 2>&1 || { echo "check failed: $c"; break; }
		done >"$T/.why"
		why=$(cat "$T/.why")
	fi
	if [ -z "$why" ]; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name"
		echo "# $why"
		sed 's/^/#   stderr: /' "$T/.err" 2>/dev/null | head -5
		failed=$((failed + 1))
	fi
}

name=
while IFS= read -r line || [ -n "$line" ]; do
	case $line in
	'#'*|'') continue ;;
	esac
	line=$(printf '%s' "$line" | sed "s|@TMP@|$top/case-$((n + 1))|g")
	word=${line%% *}
	rest=${line#"$word"}
	rest=${rest# }
	case $word in
	case) name=$rest needs= setups= kepts= args= want_exit= want_error= want_match= checks= ;;
	needs) needs="$needs $rest" ;;
	setup) setups="$setups
$rest" ;;
	kept) kepts="$kepts
$rest" ;;
	run) args=$rest ;;
	exit) want_exit=$rest ;;
	error) want_error=$rest ;;
	error-match) want_match=$rest ;;
	check) checks="$checks
$rest" ;;
	end) run_case ;;
	*) echo "Bail out! $cases: unknown line: $line"; exit 1 ;;
	esac
done <"$cases"
echo "1..$n"
[ $failed = 0 ]
