#!/bin/sh
# Every stop kind has its round trip.  `sysatlas run` of a SIGALRM + pause()
# program writes the signal-delivery stop's own round trip
# (data/rt-stop-signal.js) with the get_signal -> ptrace_signal ->
# ptrace_stop lines of the built-in index, the exec and exit stops theirs,
# and marks each marker with its stop kind; prog-forks' report has the fork
# event's.  The expected links are read from the index text itself
# (data/index/v5.7-x86_64.tsv), not from the code that draws them.
. "$(dirname "$0")/lib.sh"
require_ptrace
tsv=$(dirname "$0")/../../../data/index/v5.7-x86_64.tsv
[ -f "$tsv" ] || fail "no index text at $tsv"

# urls PATH: the URL of every located step of the index text's path PATH
urls() {
	awk -F '\t' -v p="$1" '
	$1 == "tree" && $2 == "linux" { base = "https://github.com/torvalds/linux/blob/v5.7/" }
	$1 == "tree" && $2 == "strace" { base = "https://github.com/strace/strace/blob/v5.7/" }
	$1 == "path" && $2 == p && $4 ~ /@.*:[0-9]+$/ {
		ref = $4; sub(/^[^@]*@/, "", ref)
		file = ref; sub(/:[0-9]+$/, "", file)
		line = ref; sub(/.*:/, "", line)
		print base file "#L" line
	}' "$tsv"
}

# has_path FILE PATH [MIN]: FILE holds every step URL of PATH (at least MIN)
has_path() {
	n=0
	urls "$2" >"$tmp/urls" || fail "cannot read path $2 of the index text"
	for u in $(cat "$tmp/urls"); do
		grep -qF -- "\"$u\"" "$1" || fail "$(basename "$1"): no step $u of path $2"
		n=$((n + 1))
	done
	expect_ge "$n" "${3:-1}" "steps of $2 in the index text"
}

# url_of PATH NAME: the URL of step NAME of PATH in the index text
url_of() {
	awk -F '\t' -v p="$1" -v n="$2" '$1 == "path" && $2 == p && index($4, n "@") == 1 {
		ref = $4; sub(/^[^@]*@/, "", ref); file = ref; sub(/:[0-9]+$/, "", file)
		line = ref; sub(/.*:/, "", line)
		print "https://github.com/torvalds/linux/blob/v5.7/" file "#L" line; exit }' "$tsv"
}

rc=0
"$SYSATLAS" run -o "$tmp/site" -- "$PROGS/prog-pause" >/dev/null 2>"$tmp/err" || rc=$?
expect_eq "$rc" 3 "prog-pause exit status"
d=$tmp/site/data
e=$(rts "$tmp/site")

# the signal-delivery stop: get_signal -> ptrace_signal -> ptrace_stop, the
# tracer's PTRACE_GETSIGINFO and re-injecting resume, the handler's frame
# and rt_sigreturn
sig=$e/rt-stop-signal.js
[ -f "$sig" ] || fail "no round trip of the signal-delivery stop (data/rt-stop-signal.js)"
for fn in get_signal ptrace_signal ptrace_stop; do
	u=$(url_of stop-signal "$fn")
	[ -n "$u" ] || fail "the index text has no $fn on stop-signal"
	grep -qF -- "\"$u\"" "$sig" || fail "signal round trip: no $fn ($u)"
done
has_path "$sig" stop-signal 8
has_path "$sig" ptrace-getsiginfo 4
has_path "$sig" strace-print-signal 3
has_path "$sig" strace-restart 3
has_path "$sig" ptrace-syscall 4
has_path "$sig" signal-frame 5
has_path "$sig" rt-sigreturn 2
grep -qF 'sysatlas.roundtrip("stop-signal",' "$sig" || fail "signal round trip: not keyed stop-signal"

# the exec event and the exit (event, death, reaping)
has_path "$e/rt-stop-exec.js" stop-exec 5
has_path "$e/rt-stop-exec.js" ptrace-geteventmsg 4
has_path "$e/rt-stop-exit.js" stop-exit 4
has_path "$e/rt-stop-exit.js" exit-notify 3
has_path "$e/rt-stop-exit.js" wait-zombie 3
has_path "$e/rt-stop-exit.js" strace-print-exited 3
[ ! -e "$e/rt-stop-fork.js" ] || fail "a fork round trip without a fork"

# the markers: their texts, and each its stop kind (meta.stops)
grep -qF '"stops":["signal","exec","fork","exit","group"]' "$d/meta.js" ||
	fail "meta.js: no stop kinds"
grep -qF -- '--- SIGALRM {si_signo=SIGALRM' "$d"/t-*.js || fail "no SIGALRM marker text"
grep -qF -- '+++ exited with 3 +++' "$d"/t-*.js || fail "no exit marker text"
# "k" 0 (signal) goes with "st" 0 (signal), 2 (exec) with 1, 3 (exit) with 3
cols=$(sed -n 's/.*"m":{\(.*\)}});$/\1/p' "$d"/t-*.js)
k=$(printf '%s\n' "$cols" | sed -n 's/.*"k":\[\([^]]*\)\].*/\1/p' | tr '\n' ',')
st=$(printf '%s\n' "$cols" | sed -n 's/.*"st":\[\([^]]*\)\].*/\1/p' | tr '\n' ',')
[ -n "$k" ] && [ -n "$st" ] || fail "no marker columns k and st"
printf '%s\n%s\n' "$k" "$st" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) k[i] = $i; n = NF }
	NR == 2 { if (NF != n) exit 1
		  for (i = 1; i < NF; i++) if (k[i] != "" && ((k[i] == 0 && $i != 0) ||
		      (k[i] == 2 && $i != 1) || (k[i] == 3 && $i != 3))) exit 1 }' ||
	fail "marker stop kinds do not match their kinds: k=$k st=$st"

# a fork event
"$SYSATLAS" run -f -o "$tmp/site2" -- "$PROGS/prog-forks" 3 >/dev/null 2>"$tmp/err" ||
	fail "run prog-forks: $(cat "$tmp/err")"
fork=$(rts "$tmp/site2")/rt-stop-fork.js
[ -f "$fork" ] || fail "no round trip of the fork event (data/rt-stop-fork.js)"
has_path "$fork" stop-fork 5
has_path "$fork" ptrace-geteventmsg 4
u=$(url_of stop-fork _do_fork)
[ -n "$u" ] && grep -qF -- "\"$u\"" "$fork" || fail "fork round trip: no _do_fork"
# a group-stop (SIGSTOP, SIGTSTP) and the PTRACE_LISTEN that keeps it
"$SYSATLAS" run -f -o "$tmp/site3" -- "$PROGS/prog-stopcont" >/dev/null 2>"$tmp/err" ||
	fail "run prog-stopcont: $(cat "$tmp/err")"
grp=$(rts "$tmp/site3")/rt-stop-group.js
[ -f "$grp" ] || fail "no round trip of the group-stop (data/rt-stop-group.js)"
has_path "$grp" stop-group 5
has_path "$grp" ptrace-listen 4
u=$(url_of stop-group do_jobctl_trap)
[ -n "$u" ] && grep -qF -- "\"$u\"" "$grp" || fail "group-stop round trip: no do_jobctl_trap"
grep -qF -- '--- stopped by SIGSTOP ---' "$tmp/site3"/data/t-*.js || fail "no group-stop marker text"
echo "ok: stop round trips"
