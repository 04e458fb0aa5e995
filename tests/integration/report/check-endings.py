#!/usr/bin/env python3
"""check-endings.py SYSATLAS SMALL.db INDEX.db TMPDIR: how a run ended and
what it counted, as the overview and the process tree say it.

Each case edits a copy of the small fixture (tasks 100 demo, 101 its child
process, 102 its thread) into another kind of run, writes its report and
checks the words: an attached (-p) run is titled with the attached
process's command line and ends "detached"; an interrupted run says so and
gives the command's own status after it; a crash names its signal as
strace does; clones of threads are counted as threads; a process shows
each program it exec'd, in order.
"""
import html
import re
import shutil
import sqlite3
import subprocess
import sys

sysatlas, small, index, tmp = sys.argv[1:5]
failures = 0


def fail(msg):
    global failures
    failures += 1
    print("FAIL: report-endings: " + msg, file=sys.stderr)


def report(name, edit):
    db = f"{tmp}/{name}.db"
    shutil.copy(small, db)
    con = sqlite3.connect(db)
    edit(con)
    con.commit()
    con.close()
    out = f"{tmp}/{name}"
    p = subprocess.run([sysatlas, "report", db, "--index", index, "-o", out,
                        "--current-index", "none"], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{name}: report failed: {p.stderr}")
        return "", ""
    page = open(f"{out}/index.html", encoding="utf-8").read()
    dot = open(f"{out}/graphs/tasks.dot", encoding="utf-8").read()
    return page, dot


def fact(page, name):
    m = re.search(r"<tr><th>%s</th><td>(.*?)</td></tr>" % re.escape(name), page)
    return html.unescape(m.group(1)) if m else None


def title(page):
    m = re.search(r'<h1 class="command">(.*?)</h1>', page, re.S)
    return html.unescape(re.sub(r"<[^>]*>", "", m.group(1))) if m else None


def expect(what, got, want):
    if got != want:
        fail(f"{what}: expected {want!r}, got {got!r}")


def detach_all(con):
    seq, ts = con.execute("SELECT max(seq), max(ts_ns) FROM event").fetchone()
    # the tasks did not exit: they were let go
    con.execute("DELETE FROM event WHERE kind = 'exited'")
    con.execute("UPDATE task SET exit_status = NULL")
    for i, tid in enumerate((100, 102)):
        con.execute("INSERT INTO event(seq, tid, ts_ns, kind) VALUES (?, ?, ?, 'detach')",
                    (seq + 1 + i, tid, ts + 1000 * (i + 1)))
    con.execute("UPDATE run SET exit_status = NULL")


# -p: the attached process's command line, and "detached"
def attach(con):
    detach_all(con)
    con.execute("UPDATE run SET argv = '[]', options = '[\"-p\", \"100\"]', "
                "attached_argv = '[\"python3\", \"-m\", \"http.server\", \"<b>8000</b>\"]'")
    con.execute("UPDATE task SET parent_tid = NULL WHERE tid = 100")
    con.execute("UPDATE run SET start = 'attach', seize_options = 9")


def startup(name):
    """The overview's "How tracing started" and its graph's DOT text."""
    page = open(f"{tmp}/{name}/index.html", encoding="utf-8").read()
    m = re.search(r'<section id="startup">(.*?)</section>', page, re.S)
    return (m.group(1) if m else ""), open(f"{tmp}/{name}/graphs/startup.dot",
                                            encoding="utf-8").read()


page, _ = report("attach", attach)
sec, dot = startup("attach")
for want in ("tid 100: the tracer seizes the thread", "tid 100: and stops it: ptrace(PTRACE_INTERRUPT"):
    if want not in dot:
        fail(f"attach: the start's graph has no {want!r}")
if "PTRACE_TRACEME" in dot or "fork()" in dot:
    fail("attach: the start's graph tells a launch")
if "PTRACE_O_TRACESYSGOOD|PTRACE_O_TRACECLONE" not in sec:
    fail("attach: the PTRACE_SEIZE options recorded are not named")
if "inferred" in sec:
    fail("attach: a recorded start said to be inferred")
expect("attached title", title(page), "$ python3 -m http.server <b>8000</b> attached to pid 100")
if "<b>8000</b>" in page:
    fail("the attached command line reached the page unescaped")
expect("attached exit", fact(page, "exit"),
       "detached: 2 tasks were let go, still running, when the trace ended")


# an older trace without attached_argv: pid and comm
def attach_old(con):
    attach(con)
    con.execute("UPDATE run SET attached_argv = NULL, start = NULL, seize_options = NULL")


page, _ = report("attach-old", attach_old)
sec, dot = startup("attach-old")
if "inferred from its command line" not in sec or "PTRACE_INTERRUPT" not in dot:
    fail("attach-old: the start of an attached run without run.start is not inferred as -p")
expect("attached title (no command line recorded)", title(page),
       "$ pid 100 (demo) attached to pid 100")


# Ctrl-C: the tracer let the command go, then it exited with 3
def interrupted(con):
    detach_all(con)
    con.execute("UPDATE run SET detached_status = ?", (3 << 8,))


page, _ = report("interrupted", interrupted)
expect("interrupted exit", fact(page, "exit"),
       "detached (the tracer was interrupted); then, untraced, exited with 3")


def interrupted_sig(con):
    detach_all(con)
    con.execute("UPDATE run SET detached_status = 2")


page, _ = report("interrupted-sig", interrupted_sig)
expect("interrupted exit (killed)", fact(page, "exit"),
       "detached (the tracer was interrupted); then, untraced, killed by SIGINT")


# a crash: SIGSEGV with a core dump, as strace names it
def crash(con):
    con.execute("UPDATE run SET exit_status = 139")	# SIGSEGV | 0x80
    con.execute("UPDATE task SET exit_status = 139 WHERE tid = 100")
    con.execute("UPDATE task SET exit_status = 34 WHERE tid = 101")	# SIGRT_2


page, dot = report("crash", crash)
expect("crash exit", fact(page, "exit"), "killed by SIGSEGV (core dumped)")
if "killed by SIGSEGV (core dumped)" not in dot or "killed by SIGRT_2" not in dot:
    fail("the process tree does not name the signals: " + dot)
if "signal 11" in page or "signal 11" in dot:
    fail("a signal is still shown by number")


# threads: one process whose clones made three threads
def threads(con):
    con.execute("DELETE FROM event WHERE tid = 101 OR other_tid = 101 AND kind = 'fork'")
    con.execute("UPDATE task SET tgid = 100, comm = 'worker' WHERE tid = 101")
    seq, ts = con.execute("SELECT max(seq), max(ts_ns) FROM event").fetchone()
    con.execute("INSERT INTO task(tid, tgid, parent_tid, comm, first_seq, last_seq, exit_status)"
                " VALUES (103, 100, 100, 'worker', ?, ?, 0)", (seq + 2, seq + 2))
    for i, child in enumerate((101, 103)):
        con.execute("INSERT INTO event(seq, tid, ts_ns, kind, other_tid) "
                    "VALUES (?, 100, ?, 'clone', ?)", (seq + 1 + i, ts + 10 + i, child))


page, _ = report("threads", threads)
expect("threads tasks", fact(page, "tasks"), "1 process, 4 threads in all")
ev = fact(page, "events") or ""
if "0 processes started" not in ev or "3 threads started" not in ev:
    fail("threads counted as forks: " + ev)
if "1 signal," not in ev or "1 exec" not in ev:
    fail("counts not in the singular: " + ev)

# the small trace itself: a fork is a process, a clone of a thread a thread
page, _ = report("plain", lambda con: None)
ev = fact(page, "events") or ""
if "1 process started" not in ev or "1 thread started" not in ev:
    fail("fork and clone not told apart: " + ev)
expect("small tasks", fact(page, "tasks"), "2 processes, 3 threads in all")


# a shim: each program exec'd, in order, not only the last comm
def shim(con):
    seq, ts = con.execute("SELECT max(seq), max(ts_ns) FROM event").fetchone()
    for i, path in enumerate(("/home/u/.pyenv/shims/python3", "/usr/bin/bash",
                              "/home/u/.pyenv/libexec/pyenv-exec", "/usr/bin/python3.11")):
        con.execute("INSERT INTO event(seq, tid, ts_ns, kind, nr, text, other_tid) "
                    "VALUES (?, 101, ?, 'exec', 59, ?, 101)", (seq + 1 + i, ts + i, path))


_, dot = report("shim", shim)
if "exec: python3 → bash → pyenv-exec →\\npython3.11" not in dot:
    fail("the child's exec'd programs are not shown in order: " +
         "".join(l for l in dot.splitlines(True) if "demo-child" in l))


# the first stop's text is the traced program's: cut whole (UTF-8), escaped
def hostile_first(con):
    seq = con.execute("SELECT min(seq) FROM event WHERE tid = 100").fetchone()[0]
    con.execute("UPDATE event SET text = ? WHERE seq = ?", ("x" * 55 + "é<script>alert(1)</script>", seq))


page, _ = report("hostile-first", hostile_first)
sec, dot = startup("hostile-first")
if "x" * 55 + "…" not in dot:
    fail("hostile-first: the first stop's text is not cut before the two-byte é")
if "<script>" in page:
    fail("hostile-first: the first stop's text reached the page unescaped")

sys.exit(1 if failures else 0)
