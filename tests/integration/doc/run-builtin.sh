#!/bin/sh
# run-builtin.sh SYSATLAS: `sysatlas path openat` with no --index reads the
# built-in index (data/default-index.db, found through SYSATLAS_DATADIR).
# When it is installed, the output must be Linux v5.7's path with the
# landmarks the project's note links (the tracehook call sites in
# arch/x86/entry/common.c, the definition in fs/open.c); when it is not,
# the command must say so and point at --index.  Prints TAP.
set -u

bin=$1
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
n=0
failed=0

check() {
	n=$((n + 1))
	if eval "$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		failed=1
	fi
}

rc=0
"$bin" path openat >"$out" 2>"$err" || rc=$?
if [ -f "${SYSATLAS_DATADIR:-}/default-index.db" ]; then
	check "exit status 0" '[ $rc -eq 0 ]'
	check "the heading names Linux v5.7 and openat's number" \
		'grep -q "^openat: Linux v5.7 x86_64, common 257 (__x64_sys_openat)" "$out"'
	check "syscall_trace_enter calls tracehook_report_syscall_entry at line 85" \
		'grep -A1 "syscall_trace_enter .*arch/x86/entry/common.c:71 .*calls next at line 85" "$out" | grep -q "tracehook_report_syscall_entry"'
	check "syscall_slow_exit_work calls tracehook_report_syscall_exit at line 251" \
		'grep -A1 "syscall_slow_exit_work .*calls next at line 251" "$out" | grep -q "tracehook_report_syscall_exit"'
	check "the definition is fs/open.c:1173" \
		'grep -q "sys_openat  *fs/open.c:1173" "$out"'
	check "both reports end in ptrace_stop" \
		'[ "$(grep -c "ptrace_stop  *kernel/signal.c:2120" "$out")" -eq 2 ]'
	# the reference site of the built-in index: a page per 64-bit syscall
	site=$(mktemp -d)
	trap 'rm -rf "$out" "$err" "$site"' EXIT
	check "sysatlas doc writes the site" '"$bin" doc -o "$site/doc" >/dev/null 2>"$err"'
	missing=$(python3 - "$SYSATLAS_DATADIR/default-index.db" "$site/doc/syscalls" <<'PY'
import os, sqlite3, sys
db = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True)
names = [r[0] for r in db.execute(
    "SELECT DISTINCT s.name FROM syscall s JOIN tree t ON t.id = s.tree_id "
    "WHERE t.kind = 'linux' AND s.abi IN ('common', '64')")]
print(len(names), ' '.join(n for n in names
                           if not os.path.isfile(os.path.join(sys.argv[2], n + '.html'))))
PY
)
	echo "# 64-bit syscalls and pages missing: $missing"
	check "a page for every 64-bit syscall" '[ "${missing#* }" = "" ] && [ "${missing% *}" -gt 300 ]'
	# the ptrace page's stop kinds: each step of each stop path linked, as
	# the index says (read from the database, not from the page's code)
	bad=$(python3 - "$SYSATLAS_DATADIR/default-index.db" "$site/doc/ptrace.html" <<'PY'
import sqlite3, sys
db = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True)
page = open(sys.argv[2], encoding='utf-8').read()
n, bad = 0, []
for name in ('stop-signal', 'stop-exec', 'stop-fork', 'stop-exit', 'stop-group',
             'signal-frame', 'rt-sigreturn', 'exit-notify', 'wait-zombie'):
    rows = db.execute(
        "SELECT f.path, s.line FROM path p JOIN tree t ON t.id = p.tree_id "
        "JOIN symbol s ON s.id = p.symbol_id JOIN file f ON f.id = s.file_id "
        "WHERE t.kind = 'linux' AND p.name = ? ORDER BY p.step", (name,)).fetchall()
    if not rows:
        bad.append(name + ': not in the index')
    for path, line in rows:
        n += 1
        url = 'https://github.com/torvalds/linux/blob/v5.7/%s#L%d' % (path, line)
        if 'href="%s"' % url not in page:
            bad.append(url)
print(n, ' '.join(bad))
PY
)
	echo "# stop path steps and links missing from ptrace.html: $bad"
	check "ptrace.html links every step of the stop paths" '[ "${bad#* }" = "" ] && [ "${bad% *}" -gt 40 ]'
	check "ptrace.html has a section per stop kind" \
		'[ "$(grep -c "<h3 id=\"stop-\(signal\|exec\|fork\|exit\|group\)\">" "$site/doc/ptrace.html")" -eq 5 ]'
else
	echo "# no built-in index in ${SYSATLAS_DATADIR:-(unset)}: checking the message"
	check "exit status 1" '[ $rc -eq 1 ]'
	check "nothing on stdout" '[ ! -s "$out" ]'
	check "the error says no built-in index is installed and to pass --index" \
		'grep -q "^sysatlas: no built-in index is installed; pass --index INDEX.db" "$err"'
fi
echo "1..$n"
exit $failed
