#!/bin/sh
# run-roundtrip.sh SYSATLAS LINUX_TREE STRACE_TREE DUMP_INDEX_PY: index two
# miniature trees, then export -> import -> export must give the same text
# byte for byte, and the imported index must answer queries as the
# original does (every row through dump-index.py, `sysatlas path`), while
# being one self-contained file with no local tree root.  An index the
# text cannot represent (two symbols with one reference) is refused.
set -eu

bin=$1
linux=$2
strace=$3
dump=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

ok() { echo "ok: $*"; }
not_ok() { echo "FAIL: $*"; fail=1; }

"$bin" index --linux "$linux" --strace "$strace" -o "$tmp/orig.db" 2>"$tmp/index.err" ||
	{ cat "$tmp/index.err"; exit 1; }
"$bin" index --export-text "$tmp/orig.db" -o "$tmp/a.tsv"
"$bin" index --import-text "$tmp/a.tsv" -o "$tmp/imported.db"
"$bin" index --export-text "$tmp/imported.db" >"$tmp/b.tsv"

if cmp -s "$tmp/a.tsv" "$tmp/b.tsv"; then
	ok "export -> import -> export gives identical text ($(wc -l <"$tmp/a.tsv") lines)"
else
	not_ok "text differs after a round trip"
	diff -u "$tmp/a.tsv" "$tmp/b.tsv" || true
fi
for rec in tree file symbol syscall call path strace_syscall skipped; do
	if grep -q "^$rec	" "$tmp/a.tsv"; then
		ok "the text has $rec records"
	else
		not_ok "no $rec record in the text of the fixture trees"
	fi
done

python3 "$dump" "$tmp/orig.db" >"$tmp/orig.dump"
python3 "$dump" "$tmp/imported.db" >"$tmp/imported.dump"
if diff -u "$tmp/orig.dump" "$tmp/imported.dump"; then
	ok "imported index dumps the same syscalls, paths, strace rows, skipped ($(wc -l <"$tmp/orig.dump") lines)"
else
	not_ok "imported index answers differently"
fi

for name in read open wait4 ptrace oldopen; do
	"$bin" path "$name" --index "$tmp/orig.db" --links github >"$tmp/p1" 2>&1 || true
	"$bin" path "$name" --index "$tmp/imported.db" --links github >"$tmp/p2" 2>&1 || true
	sed -i "s|$tmp/[a-z]*\.db|INDEX|g" "$tmp/p1" "$tmp/p2"
	if [ -s "$tmp/p1" ] && cmp -s "$tmp/p1" "$tmp/p2"; then
		ok "sysatlas path $name: same output from both ($(wc -l <"$tmp/p1") lines)"
	else
		not_ok "sysatlas path $name differs"
		diff -u "$tmp/p1" "$tmp/p2" || true
	fi
done

python3 - "$tmp/orig.db" "$tmp/imported.db" >"$tmp/props" <<'PY'
import sqlite3, sys
orig = sqlite3.connect(sys.argv[1])
imp = sqlite3.connect(sys.argv[2])
print("orig roots", orig.execute("SELECT count(*) FROM tree WHERE root IS NOT NULL").fetchone()[0])
print("imported roots", imp.execute("SELECT count(*) FROM tree WHERE root IS NOT NULL").fetchone()[0])
print("journal", imp.execute("PRAGMA journal_mode").fetchone()[0])
print("application_id", hex(imp.execute("PRAGMA application_id").fetchone()[0]))
for t in ("file", "symbol", "call", "syscall", "path", "strace_syscall", "skipped"):
    a = orig.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    b = imp.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
    print("rows", t, "same" if a == b else f"{a} != {b}")
PY
expect() {
	if grep -qx "$1" "$tmp/props"; then ok "$1"; else not_ok "expected '$1'"; cat "$tmp/props"; fi
}
expect "orig roots 2"
expect "imported roots 0"
expect "journal delete"
expect "application_id 0x53414958"
for t in file symbol call syscall path strace_syscall skipped; do
	expect "rows $t same"
done
if ls "$tmp" | grep -q -- '-journal$\|-wal$'; then
	not_ok "journal or WAL file left next to the imported index"
else
	ok "no journal or WAL file beside the index"
fi

# an existing file is not replaced without --force
if "$bin" index --import-text "$tmp/a.tsv" -o "$tmp/imported.db" 2>"$tmp/err"; then
	not_ok "--import-text replaced an existing file without --force"
elif grep -q "already exists (use --force" "$tmp/err"; then
	ok "--import-text refuses to replace a file without --force"
else
	not_ok "unexpected message: $(cat "$tmp/err")"
fi
"$bin" index --import-text "$tmp/a.tsv" --force -o "$tmp/imported.db" &&
	ok "--force replaces it" || not_ok "--force failed"

# an index the text could not represent is refused, not exported lossily
cp "$tmp/orig.db" "$tmp/dup.db"
python3 - "$tmp/dup.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO symbol(tree_id, name, kind, file_id, line, end_line)"
           " SELECT tree_id, name, 'landmark', file_id, line, line FROM symbol"
           " WHERE name = 'do_syscall_64'")
db.commit()
PY
if "$bin" index --export-text "$tmp/dup.db" -o "$tmp/dup.tsv" 2>"$tmp/err"; then
	not_ok "exported an index with two symbols do_syscall_64@…:21"
elif grep -q "references shared by two symbols" "$tmp/err" && [ ! -e "$tmp/dup.tsv" ]; then
	ok "export refuses two symbols with one reference: $(cat "$tmp/err")"
else
	not_ok "unexpected: $(cat "$tmp/err")"
fi
exit $fail
