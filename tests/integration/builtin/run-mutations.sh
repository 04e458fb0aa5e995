#!/bin/sh
# run-mutations.sh CHECK_BUILTIN INDEX.db GAPS.tsv: the checks of the
# shipped data can fail.  Each case breaks one fact in a copy of the
# built-in index (or adds a stale gap) and expects check-builtin to report
# exactly that, with the diagnostic it names.
set -eu

check=$1
index=$2
gaps=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# mutate SQL WANT_NOT_OK WANT_DIAG [GAPS] (WANT_DIAG empty: no diagnostic expected)
mutate() {
	cp "$index" "$tmp/m.db"
	python3 - "$tmp/m.db" "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(sys.argv[2])
db.commit()
PY
	"$check" "$tmp/m.db" "${4:-$gaps}" >"$tmp/out" || true
	if grep -q "^not ok [0-9]* - $2" "$tmp/out" &&
	   { [ -z "$3" ] || grep -q "^#   $3" "$tmp/out"; }; then
		echo "ok: $1 -> $2: $3"
	else
		echo "FAIL: $1 was not reported as '$2' with '$3':"
		grep -A3 '^not ok' "$tmp/out" | head -n 12
		fail=1
	fi
}

mutate "UPDATE path SET call_line = call_line + 1 WHERE name = 'syscall-enter' AND step = 2" \
	"path syscall-enter" "step 2 syscall_trace_enter: no call of"
mutate "DELETE FROM path WHERE name = 'ptrace-getregs' AND step = 1" \
	"path ptrace-getregs" "step 2 where step 1 belongs"
mutate "UPDATE path SET call_line = NULL WHERE name = 'syscall-exit' AND step = 0" \
	"path syscall-exit" "step 0 entry_SYSCALL_64: no call line"
mutate "DELETE FROM path WHERE name = 'syscall-enter' AND step = (SELECT max(step) FROM path WHERE name = 'syscall-enter')" \
	"path syscall-enter" "ends at function ptrace_do_notify, not function ptrace_stop"
mutate "DELETE FROM path WHERE name = 'wait-stopped-tracee'" \
	"the index has path wait-stopped-tracee" ""
mutate "UPDATE path SET name = 'ptrace-frobnicate' WHERE name = 'ptrace-cont'" \
	"path ptrace-frobnicate" "ends at case_label PTRACE_CONT, not case_label PTRACE_FROBNICATE"
mutate "UPDATE syscall SET definition_id = NULL WHERE abi = 'common' AND nr = 0" \
	"every implemented syscall has a definition" "common 0 read: no definition"
mutate "UPDATE syscall SET reason = NULL WHERE abi = 'common' AND nr = 183" \
	"every unimplemented syscall says why" "common 183 afs_syscall"
mutate "DELETE FROM syscall WHERE abi = 'common' AND nr = 437" \
	"every number in strace's 64-bit table is in the kernel's" "437 openat2"
mutate "UPDATE strace_syscall SET decoder_id = NULL WHERE nr = 257" \
	"every decoder strace's table names is located or a listed gap" "257 openat"
mutate "UPDATE tree SET root = '/usr/src/linux' WHERE kind = 'linux'" \
	"the trees are the expected versions" "linux: v5.7 x86_64 .* root /usr/src/linux"
mutate "INSERT INTO file(tree_id, path) SELECT id, 'mm/nommu.c' FROM tree WHERE kind = 'linux';
	UPDATE symbol SET file_id = (SELECT id FROM file WHERE path = 'mm/nommu.c')
	WHERE id = (SELECT definition_id FROM syscall WHERE abi = 'common' AND nr = 11)" \
	"no 64-bit definition comes from code" "common 11 munmap: mm/nommu.c"
mutate "INSERT INTO file(tree_id, path) SELECT id, 'arch/x86/um/syscalls_64.c' FROM tree WHERE kind = 'linux';
	UPDATE symbol SET file_id = (SELECT id FROM file WHERE path = 'arch/x86/um/syscalls_64.c')
	WHERE id = (SELECT definition_id FROM syscall WHERE abi = 'common' AND nr = 158)" \
	"no 64-bit definition comes from code" "common 158 arch_prctl: arch/x86/um/syscalls_64.c"
mutate "DELETE FROM decoder_arg WHERE arg = 1 AND printer_id IN (SELECT id FROM symbol WHERE name = 'printpath') AND decoder_id IN (SELECT id FROM symbol WHERE kind = 'strace_decoder' AND name = 'openat')" \
	"strace's decoders pass openat's path" "openat arg 1 -> printpath via decode_open"
mutate "UPDATE decoder_arg SET line = line + 200 WHERE decoder_id IN (SELECT id FROM symbol WHERE kind = 'strace_decoder' AND name = 'read') AND arg = 1" \
	"every decoder argument's call is inside" "read arg 1 -> print"
mutate "DELETE FROM call WHERE caller_id IN (SELECT id FROM symbol WHERE name = 'printpathn') AND callee_id IN (SELECT id FROM symbol WHERE name = 'umovestr')" \
	"printpath reaches umovestr" "printpath does not reach umovestr"
{ printf 'strace_decoder\topenat\tsaid to be missing\n'; cat "$gaps"; } >"$tmp/gaps"
mutate "SELECT 1" "no listed gap is stale" "openat is listed but located" "$tmp/gaps"

# and a listed gap is accepted: openat's decoder unlocated, with a reason
cp "$index" "$tmp/m.db"
python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute("UPDATE strace_syscall SET decoder_id = NULL WHERE nr = 257"); db.execute("UPDATE syscall SET decoder_id = NULL WHERE abi = '"'common'"' AND nr = 257"); db.commit()' "$tmp/m.db"
if "$check" "$tmp/m.db" "$tmp/gaps" >"$tmp/out"; then
	echo "ok: a decoder listed in the gaps file may be unlocated"
else
	echo "FAIL: a listed gap was not accepted:"
	grep -A3 '^not ok' "$tmp/out" | head -n 12
	fail=1
fi
exit $fail
