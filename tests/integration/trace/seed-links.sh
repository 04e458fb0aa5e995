#!/bin/sh
# The seed note made live: `sysatlas run --regs=getregs --mem=peekdata` of
# the note's open/read/close program holds the note's source links
# (seed-links.expected, the note's 17), and a default run every link of the
# default mechanisms' story (default-links.expected) and none of the
# others'.  The links come from the built-in index, never from this list.
. "$(dirname "$0")/lib.sh"
require_ptrace
here=$(dirname "$0")

# has SITE URL: the URL, literally, in a page or data file of SITE
has() {
	grep -rqF -- "$2" "$1"
}

"$SYSATLAS" run --regs=getregs --mem=peekdata -o "$tmp/site" -- "$PROGS/prog-open-read" \
	>/dev/null 2>"$tmp/err" || fail "run --regs=getregs --mem=peekdata: $(cat "$tmp/err")"
n=0
while read -r url; do
	has "$tmp/site" "$url" || fail "getregs/peekdata site: no $url"
	n=$((n + 1))
done <"$here/seed-links.expected"
expect_eq "$(wc -l <"$here/seed-links.expected")" 17 "the note's 17 links"
expect_eq "$n" 17 "links checked"
# the start of tracing is its own graph on the overview, each step linked
expect_eq "$("$DBQ" "$tmp/site/trace.db" "SELECT start FROM run")" "launch" "run.start"
grep -qF '<section id="startup"><h2>How tracing started</h2>' "$tmp/site/index.html" ||
	fail "no \"How tracing started\" on the overview"
for url in https://github.com/strace/strace/blob/v5.7/strace.c#L1542 \
	   https://github.com/strace/strace/blob/v5.7/strace.c#L1339 \
	   https://github.com/torvalds/linux/blob/v5.7/kernel/ptrace.c#L487; do
	grep -qF -- "$url" "$tmp/site/graphs/startup.dot" || fail "the start's graph: no $url"
done

# the memory step follows the decoder, and is the mechanism recorded
rt=$(grep -lF 'SYS_FUNC(open)' "$(rts "$tmp/site")"/rt-*.js | head -n 1)
[ -n "$rt" ] || fail "no round trip of open"
dec=$(grep -o '"phase":"strace decodes and prints (the arguments)"' -b "$rt" | head -n 1 | cut -d: -f1)
mem=$(grep -o '"phase":"strace reads tracee memory: the word-by-word fallback"' -b "$rt" | head -n 1 | cut -d: -f1)
[ -n "$dec" ] && [ -n "$mem" ] || fail "open's round trip: no decoder or memory step"
[ "$dec" -lt "$mem" ] || fail "open's round trip: memory read drawn before the decoder"
grep -qF '"text":"umovestr_peekdata"' "$rt" || fail "open's round trip: no umovestr_peekdata"
if grep -qF '"text":"vm_read_mem"' "$rt"; then fail "peekdata run shows vm_read_mem"; fi

"$SYSATLAS" run -o "$tmp/site2" -- "$PROGS/prog-open-read" >/dev/null 2>"$tmp/err" ||
	fail "run: $(cat "$tmp/err")"
while read -r url; do
	has "$tmp/site2" "$url" || fail "default site: no $url"
done <"$here/default-links.expected"
# what the defaults did not use is not drawn
for url in https://github.com/torvalds/linux/blob/v5.7/arch/x86/kernel/ptrace.c#L788 \
	   https://github.com/torvalds/linux/blob/v5.7/kernel/ptrace.c#L1014 \
	   https://github.com/strace/strace/blob/v5.7/ucopy.c#L285; do
	if has "$tmp/site2" "$url"; then fail "default site links $url"; fi
done
rt=$(grep -lF 'SYS_FUNC(open)' "$(rts "$tmp/site2")"/rt-*.js | head -n 1)
grep -qF '"text":"vm_read_mem"' "$rt" || fail "default: open's round trip has no vm_read_mem"

# pause() returns -514 at its exit stop: named as strace names it, with what
# user space sees instead and where the kernel's signal code decides it
rc=0
"$SYSATLAS" run -o "$tmp/site3" -- "$PROGS/prog-pause" >/dev/null 2>"$tmp/err" || rc=$?
expect_eq "$rc" 3 "prog-pause exit status"
meta=$tmp/site3/data/meta.js
grep -qF '"514":"ERESTARTNOHAND"' "$meta" || fail "514 not named ERESTARTNOHAND"
grep -qF '"514":{"sees":"a signal handler ran: EINTR; no handler: the call restarts"' "$meta" ||
	fail "514: what user space sees"
grep -qF '["handle_signal","arch/x86/kernel/signal.c:680","https://github.com/torvalds/linux/blob/v5.7/arch/x86/kernel/signal.c#L680"]' "$meta" ||
	fail "514: no link to handle_signal"
if grep -qF '"514":""' "$meta"; then fail "514 unnamed"; fi
# the registers panel names rdi..r9 from the kernel signature: pause takes none
grep -qF '{"name":"pause","abi":"","params":[],' "$meta" || fail "pause: no empty parameter list"
grep -qF '{"name":"alarm","abi":"","params":["seconds"],' "$meta" || fail "alarm: parameters"
grep -qF '{"name":"openat","abi":"","params":["dfd","filename","flags","mode"],' \
	"$tmp/site2/data/meta.js" || fail "openat: parameters"
echo "ok"
