#!/usr/bin/env python3
"""check-real-index.py INDEX.db TREE STDERR: check an index of a real
kernel tree against the tree's text.

- Every syscall table row either resolves to a definition whose line
  spells SYSCALL_DEFINEn(name (or COMPAT_…/SYSCALL32_…, or a plain
  sys_name( function) for the table's entry point, with the body's
  closing brace at its end line; or is unimplemented for a reason that
  says sys_ni_syscall runs instead.  Most rows are implemented.
- syscall-enter and syscall-exit run from entry_SYSCALL_64 through the
  generic entry code (kernel/entry/common.c) and the ptrace report of
  syscall entry/exit to ptrace_stop.
- In every path, each step's line names the step and each call line
  names the next step (or is its `case` label).
- The indexer warned of no two compiled definitions of one syscall, and
  every file parsed without errors.
Prints a short summary; exits 1 with every failure listed."""
import re
import sqlite3
import sys

db_path, root, stderr_path = sys.argv[1:4]
db = sqlite3.connect(db_path)
q = db.execute
failures = []
cache = {}


def fail(msg):
    failures.append(msg)


def line_of(path, n):
    if path not in cache:
        with open(f"{root}/{path}", encoding="utf-8", errors="replace") as f:
            cache[path] = f.read().split("\n")
    lines = cache[path]
    return lines[n - 1] if path and n and 0 < n <= len(lines) else None


(tree,) = q("SELECT id FROM tree WHERE kind = 'linux'").fetchone()

# --- syscalls ---------------------------------------------------------
counts = {}
for abi, nr, name, entry, status, reason, sym, kind, path, line, end in q(
        "SELECT y.abi, y.nr, y.name, y.entry_point, y.status, y.reason,"
        " s.name, s.kind, f.path, s.line, s.end_line FROM syscall y"
        " LEFT JOIN symbol s ON s.id = y.definition_id"
        " LEFT JOIN file f ON f.id = s.file_id WHERE y.tree_id = ?", (tree,)):
    row = f"{abi} {nr} {name} ({entry})"
    counts[(abi, status)] = counts.get((abi, status), 0) + 1
    if status == "unimplemented":
        if not reason or "sys_ni_syscall" not in reason:
            fail(f"{row}: unimplemented, and the reason does not say sys_ni_syscall runs"
                 f" instead: {reason!r}")
        continue
    if status != "implemented":
        fail(f"{row}: status {status!r}")
        continue
    m = re.match(r"__(?:x64|x32|ia32)_((?:compat_)?sys_(\w+))$", entry or "")
    if not m:
        fail(f"{row}: implemented, but the entry point is not __<abi>_[compat_]sys_NAME")
        continue
    func, base = m.group(1), m.group(2)
    if sym != func:
        fail(f"{row}: resolves to {sym}, not {func}")
    text = line_of(path, line)
    macro = r"(?:COMPAT_)?SYSCALL(?:32)?_DEFINE\d" if func.startswith("sys_") \
        else r"(?:COMPAT_SYSCALL|SYSCALL32)_DEFINE\d"
    if text is None or not (re.search(macro + r"\(\s*" + re.escape(base) + r"\s*[,)]", text)
                            or re.search(r"\b" + re.escape(func) + r"\s*\(", text)):
        fail(f"{row}: {path}:{line} does not define it: {text!r}")
    end_text = line_of(path, end)
    if end_text is None or not end_text.startswith("}"):
        fail(f"{row}: its body does not end at {path}:{end}: {end_text!r}")

implemented = sum(n for (abi, st), n in counts.items()
                  if abi in ("common", "64") and st == "implemented")
if implemented < 300:
    fail(f"only {implemented} common/64 rows are implemented")

# --- paths ------------------------------------------------------------
paths = {}
for pname, step, sname, kind, path, line, call in q(
        "SELECT p.name, p.step, s.name, s.kind, f.path, s.line, p.call_line FROM path p"
        " JOIN symbol s ON s.id = p.symbol_id LEFT JOIN file f ON f.id = s.file_id"
        " WHERE p.tree_id = ? ORDER BY p.name, p.step", (tree,)):
    paths.setdefault(pname, []).append((sname, kind, path, line, call))


def names(text, name, kind):
    if text is None:
        return False
    if kind == "landmark":        # the assignment that sets the member
        return name in text or re.search(r"->\s*ptrace\s*=[^=]", text) is not None
    m = re.match(r"(?:compat_)?sys_(\w+)$", name)
    if kind == "syscall_definition" and m and \
            re.search(r"DEFINE\d\(\s*" + re.escape(m.group(1)) + r"\s*[,)]", text):
        return True
    return re.search(r"\b" + re.escape(name) + r"\b", text) is not None


for pname, steps in sorted(paths.items()):
    for i, (sname, kind, path, line, call) in enumerate(steps):
        if path is None:        # a function outside the tree (none in the kernel)
            fail(f"{pname} step {i}: {sname} has no place in the tree")
            continue
        if not names(line_of(path, line), sname, kind):
            fail(f"{pname} step {i}: {path}:{line} does not name {sname}: "
                 f"{line_of(path, line)!r}")
        if i + 1 < len(steps):
            nxt, nkind = steps[i + 1][0], steps[i + 1][1]
            if not names(line_of(path, call), nxt, nkind):
                fail(f"{pname} step {i}: call line {path}:{call} does not name {nxt}: "
                     f"{line_of(path, call)!r}")
        elif call is not None:
            fail(f"{pname}: the last step has a call line")

for pname, report in (("syscall-enter", "ptrace_report_syscall_entry"),
                      ("syscall-exit", "ptrace_report_syscall_exit")):
    steps = paths.get(pname)
    if not steps:
        fail(f"{pname}: not found")
        continue
    if (steps[0][0], steps[0][1], steps[0][2]) != \
            ("entry_SYSCALL_64", "asm_label", "arch/x86/entry/entry_64.S"):
        fail(f"{pname}: does not start at entry_SYSCALL_64 in entry_64.S: {steps[0]}")
    if not any(s[2] == "kernel/entry/common.c" for s in steps):
        fail(f"{pname}: does not pass the generic entry code (kernel/entry/common.c)")
    if not any(s[0] == report and s[2] == "include/linux/ptrace.h" for s in steps):
        fail(f"{pname}: does not pass {report} in include/linux/ptrace.h")
    if (steps[-1][0], steps[-1][2]) != ("ptrace_stop", "kernel/signal.c"):
        fail(f"{pname}: does not end in ptrace_stop (kernel/signal.c): {steps[-1]}")
    print(f"{pname}: " + " -> ".join(f"{s[0]} {s[2]}:{s[3]}" for s in steps))

for pname in ("syscall-dispatch", "ptrace-traceme", "ptrace-getregs", "ptrace-peekdata",
              "wait-stopped-tracee", "process-vm-readv"):
    if pname not in paths:
        fail(f"{pname}: not found")

# --- warnings ---------------------------------------------------------
# Every file parses cleanly: an error in a file can drop the definitions
# and landmarks after it (a missing generated header lost exit_group).
stats = None
with open(stderr_path, encoding="utf-8", errors="replace") as f:
    for msg in f:
        if "both compiled" in msg:
            fail(f"the indexer found two definitions: {msg.strip()}")
        m = re.search(r"(\d+) files parsed \((\d+) with errors\), (\d+) skipped", msg)
        if m:
            stats = tuple(int(x) for x in m.groups())
        elif re.search(r"\berror\b", msg) and "sysatlas: index:" in msg:
            fail(f"the indexer reported a parse error: {msg.strip()}")
for path, line, reason in q("SELECT path, line, reason FROM skipped WHERE tree_id = ?"
                            " ORDER BY path", (tree,)):
    fail(f"{path}:{line}: {reason}")
if stats is None:
    fail("the indexer's summary (N files parsed (M with errors)) is missing")
elif stats[1] or stats[2]:
    fail(f"{stats[1]} of {stats[0]} files parsed with errors, {stats[2]} skipped (listed above)")

print("rows: " + ", ".join(f"{abi} {st} {n}" for (abi, st), n in sorted(counts.items())))
print(f"paths: {len(paths)}")
for msg in failures:
    print(f"FAIL: {msg}", file=sys.stderr)
sys.exit(1 if failures else 0)
