#!/bin/sh
# strace's printing steps as they are: the round trip of an openat of a
# path, a read into a buffer and an fstat of a struct draws, after the
# decoder, the printer each argument goes to and its way to strace's
# memory reader, then the function that read by the mechanism recorded
# (vm_read_mem by default; with --mem=peekdata umovestr_peekdata or
# umoven_peekdata and the kernel's case PTRACE_PEEKDATA).  The expected
# links are strace v5.7's and Linux v5.7's lines (print-steps.expected has
# none: they are here, step by step); the report computes them from the
# built-in index.
. "$(dirname "$0")/lib.sh"
require_ptrace

S=https://github.com/strace/strace/blob/v5.7
L=https://github.com/torvalds/linux/blob/v5.7

# rows FILE: "TEXT URL" of each row of the tracer's memory phases and the
# kernel's PTRACE_PEEKDATA phase, in order
rows() {
	grep -o '{"lane":"[a-z]*","phase":"\(strace reads tracee memory[^"]*\|ptrace(PTRACE_PEEKDATA)\)","text":"[^"]*","where":"[^"]*","url":"[^"]*"' "$1" |
		sed 's/.*"text":"\([^"]*\)".*"url":"\([^"]*\)"$/\1 \2/'
}

# in_order FILE WHAT LINE...: each LINE is a row of FILE, after the one before
in_order() {
	f=$1 what=$2
	shift 2
	rows "$f" >"$tmp/rows"
	at=0
	for want in "$@"; do
		n=$(awk -v from="$at" -v want="$want" 'NR > from && $0 == want { print NR; exit }' "$tmp/rows")
		[ -n "$n" ] || { cat "$tmp/rows" >&2; fail "$what: no '$want' after row $at"; }
		at=$n
	done
}

# rt SITE TEXT: the round trip data file holding TEXT
rt() {
	f=$(grep -lF -- "$2" "$(rts "$1")"/rt-*.js | head -n 1)
	[ -n "$f" ] || fail "$1: no round trip with $2"
	echo "$f"
}

# the phase drawn just before each memory read is the decoder's
after_decoder() {
	grep -o '"phase":"[^"]*"' "$1" | uniq >"$tmp/phases"
	awk '/"phase":"strace reads tracee memory/ { n++; if (prev !~ /"phase":"strace decodes and prints/) bad++ }
	     { prev = $0 } END { exit !(n > 0 && !bad) }' "$tmp/phases" ||
		fail "$1: a memory read is not drawn right after the decoder"
}

"$SYSATLAS" run -o "$tmp/site" -- "$PROGS/prog-print-steps" >/dev/null 2>"$tmp/err" ||
	fail "run: $(cat "$tmp/err")"
f=$(rt "$tmp/site" 'SYS_FUNC(openat): u_arg[1] → printpath()')
after_decoder "$f"
in_order "$f" "openat (default)" \
	"SYS_FUNC(openat): u_arg[1] → printpath() $S/open.c#L154" \
	"decode_open $S/open.c#L103" \
	"printpath $S/util.c#L941" \
	"umovestr (reads a NUL-terminated string) $S/ucopy.c#L350" \
	"vm_read_mem $S/ucopy.c#L103"
f=$(rt "$tmp/site" 'SYS_FUNC(read): u_arg[1] → printstrn()')
after_decoder "$f"
in_order "$f" "read (default)" \
	"printstrn $S/defs.h#L1290" \
	"printstr_ex $S/util.c#L959" \
	"umoven (reads a buffer or a structure) $S/ucopy.c#L243" \
	"vm_read_mem $S/ucopy.c#L103"
f=$(rt "$tmp/site" 'SYS_FUNC(fstat): u_arg[1] → fetch_struct_stat()')
after_decoder "$f"
in_order "$f" "fstat (default)" \
	"decode_struct_stat $S/stat.c#L13" \
	"fetch_struct_stat $S/fetch_struct_stat.c#L55" \
	"umoven_or_printaddr $S/defs.h#L630" \
	"umoven (reads a buffer or a structure) $S/ucopy.c#L243" \
	"vm_read_mem $S/ucopy.c#L103"
if grep -qF '_peekdata' "$tmp/site"/data/rt-*.js "$tmp/site.rt"/rt-*.js; then fail "default run shows the PEEKDATA fallback"; fi

"$SYSATLAS" run --mem=peekdata -o "$tmp/site2" -- "$PROGS/prog-print-steps" >/dev/null \
	2>"$tmp/err" || fail "run --mem=peekdata: $(cat "$tmp/err")"
f=$(rt "$tmp/site2" 'SYS_FUNC(openat): u_arg[1] → printpath()')
after_decoder "$f"
in_order "$f" "openat (peekdata)" \
	"printpath $S/util.c#L941" \
	"umovestr (reads a NUL-terminated string) $S/ucopy.c#L350" \
	"umovestr_peekdata $S/ucopy.c#L285" \
	"PTRACE_PEEKDATA $L/kernel/ptrace.c#L1014"
f=$(rt "$tmp/site2" 'SYS_FUNC(read): u_arg[1] → printstrn()')
in_order "$f" "read (peekdata)" \
	"printstrn $S/defs.h#L1290" \
	"umoven (reads a buffer or a structure) $S/ucopy.c#L243" \
	"umoven_peekdata $S/ucopy.c#L189" \
	"PTRACE_PEEKDATA $L/kernel/ptrace.c#L1014"
if grep -qF '"text":"vm_read_mem"' "$tmp/site2.rt"/rt-*.js; then
	fail "peekdata run shows vm_read_mem"
fi
echo "ok"
