#!/usr/bin/env python3
"""dump-index.py INDEX.db: print an index as sorted, diffable text
(syscalls with their definitions, paths step by step, strace tables,
what was skipped) for comparison with an .expected file."""
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
q = db.execute


def where(sym):
    if sym is None:
        return "-"
    row = q("SELECT s.name, s.kind, f.path, s.line, s.end_line, s.signature"
            " FROM symbol s LEFT JOIN file f ON f.id = s.file_id WHERE s.id = ?",
            (sym,)).fetchone()
    name, kind, path, line, end, sig = row
    text = f"{kind} {name} {path}:{line}"
    if end and end != line:
        text += f"-{end}"
    if sig:
        text += f" [{sig}]"
    return text


for tid, kind, version in q("SELECT id, kind, version FROM tree ORDER BY kind"):
    print(f"tree {kind} {version}")
    for abi, nr, name, entry, defn, status, reason, dec in q(
            "SELECT abi, nr, name, entry_point, definition_id, status, reason, decoder_id"
            " FROM syscall WHERE tree_id = ? ORDER BY abi, nr", (tid,)):
        print(f"syscall {abi} {nr} {name} {entry} {status} {where(defn)}"
              + (f" ({reason})" if reason else "")
              + (f" decoded by {where(dec)}" if dec is not None else ""))
    for name, step, sym, line in q(
            "SELECT name, step, symbol_id, call_line FROM path WHERE tree_id = ?"
            " ORDER BY name, step", (tid,)):
        print(f"path {name} {step} {where(sym)} call {line}")
    for abi, nr, name, nargs, flags, dec, decid in q(
            "SELECT abi, nr, name, nargs, flags, decoder, decoder_id FROM strace_syscall"
            " WHERE tree_id = ? ORDER BY abi, nr", (tid,)):
        print(f"strace {abi} {nr} {name} {nargs} {flags} {dec} {where(decid)}")
    for path, line, reason in q(
            "SELECT path, line, reason FROM skipped WHERE tree_id = ? ORDER BY path, line",
            (tid,)):
        print(f"skipped {path}:{line} {reason}")
    # which printing function each decoder passes each argument to (schema 3)
    if q("SELECT count(*) FROM sqlite_master WHERE name = 'decoder_arg'").fetchone()[0]:
        for dec, arg, printer, path, line, via in q(
                "SELECT a.decoder_id, a.arg, a.printer_id, f.path, a.line, a.via_id"
                " FROM decoder_arg a JOIN symbol d ON d.id = a.decoder_id"
                " JOIN file f ON f.id = a.file_id WHERE d.tree_id = ?"
                " ORDER BY d.name, a.arg, f.path, a.line", (tid,)):
            print(f"decoder_arg {where(dec)} arg {arg} -> {where(printer)}"
                  f" at {path}:{line}" + (f" via {where(via)}" if via else ""))
        # the call edges of the helpers and printers (the main loop's are above)
        for caller, callee, path, line in q(
                "SELECT c.caller_id, c.callee_id, f.path, c.line FROM call c"
                " JOIN symbol a ON a.id = c.caller_id JOIN file f ON f.id = c.file_id"
                " WHERE a.tree_id = ? AND ? = 'strace'"
                " AND f.path NOT LIKE '%strace.c' AND f.path NOT LIKE '%syscall.c'"
                " AND f.path NOT LIKE '%ucopy.c' AND f.path NOT LIKE '%get_syscall_args.c'"
                " ORDER BY f.path, c.line", (tid, kind)):
            print(f"call {path}:{line} {where(caller)} -> {where(callee)}")
