#!/usr/bin/env python3
"""tracer-bench.py [--build DIR] [--before DIR] [--rounds R] [--scale S] [--only WORKLOAD] [--section S]
                  [--pinning both|pinned|unpinned]

Per-syscall overhead of tracing, side by side in one run.  For each
workload, every round runs each variant once, in the same order (A B C
A B C ...), so that noise from the shared machine hits all of them alike;
the figure of a variant is its median wall time over the rounds.

  native    the workload untraced
  floor     bench/floor.c: PTRACE_SYSCALL + waitpid, nothing else
  floor+read  bench/floor.c -r: the floor plus one PTRACE_GET_SYSCALL_INFO
            per syscall stop, the least a tracer that knows the call pays
  sysatlas  sysatlas trace -f -o DB (full recording and decoding, with
            the default --kernel-stacks=first)
  stacks-off, stacks-all  the same with --kernel-stacks=off and =all
  strace    strace -f -o FILE
  filtered  sysatlas trace -f -e trace=openat -o DB (getppid only)
  before    with --before DIR: DIR/sysatlas, as "sysatlas" (A/B of a change)

Workloads: a getppid loop, an open/read/close loop, a fork loop, dd bs=1
(bench/workload.c), and the fork/exec-heavy ones: a shell loop running
/bin/true 300 times, and `make -B -j1` of 30 tiny C files (generated in
the temp dir).  Each row also gives the whole-run wall time of sysatlas
against strace ("run" ratio: what the issue-14 targets are about).

--section size: trace.db against strace's -o text of the same run
(getppid x 200 000 and the make workload).  --section startup:
`sysatlas --version` and `sysatlas trace -o DB -- /bin/true` against
`strace -o FILE /bin/true`, wall time (of the command alone: pinned by
this process's own affinity, no taskset in the time) and peak RSS
(/usr/bin/time, a run of its own), medians.

overhead = (median(variant) - median(native)) / syscalls, where syscalls
is the number of syscall enters sysatlas recorded for the workload.  The
whole set runs twice: pinned to CPU 0 (taskset -c 0: tracer and tracee
share one core) and unpinned.  Prints a Markdown report on stdout.
"""
import argparse
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def compile_tools(out):
    cc = os.environ.get("CC", "cc")
    for name in ("floor", "workload"):
        subprocess.run([cc, "-O2", "-o", os.path.join(out, name),
                        os.path.join(HERE, name + ".c")], check=True)


def make_tree(out, n=30):
    """A directory of n tiny C files and a Makefile compiling each."""
    d = os.path.join(out, "mk")
    os.makedirs(d, exist_ok=True)
    for i in range(1, n + 1):
        with open(os.path.join(d, "f%d.c" % i), "w") as f:
            f.write("int f%d(int x) { return x + %d; }\n" % (i, i))
    with open(os.path.join(d, "Makefile"), "w") as f:
        f.write("OBJS := $(patsubst %.c,%.o,$(wildcard f*.c))\nall: $(OBJS)\n"
                "%.o: %.c\n\t$(CC) -O0 -c -o $@ $<\n")
    return d


def run_rss(cmd, pin, tmp):
    """(wall s, peak RSS MB) of cmd.  The RSS is /usr/bin/time's %M: the
    rusage of a child of this (big) Python process would count the pages
    it had before its exec.  The wall time includes /usr/bin/time's own
    fork and exec, alike for every command compared."""
    rss = os.path.join(tmp, "rss")
    cmd = ["/usr/bin/time", "-f", "%M", "-o", rss] + cmd
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = time.perf_counter()
    if p.returncode != 0:
        sys.exit("tracer-bench: failed (%d): %s" % (p.returncode, " ".join(cmd)))
    with open(rss) as f:
        return t1 - t0, int(f.read().split()[-1]) / 1024.0


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, pin):
    """(wall, cpu) seconds of cmd; cpu is user + system time of cmd and
    everything it waited for (tracer and tracees); output discarded."""
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    c0 = cpu_children()
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = time.perf_counter()
    c1 = cpu_children()
    if p.returncode != 0:
        sys.exit("tracer-bench: failed (%d): %s" % (p.returncode, " ".join(cmd)))
    return t1 - t0, c1 - c0


def count_syscalls(sysatlas, workload, tmp):
    db = os.path.join(tmp, "count.db")
    subprocess.run([sysatlas, "trace", "-f", "--force", "-o", db, "--"] + workload,
                   check=True, stdout=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM event WHERE kind = 'enter'").fetchone()[0]
    con.close()
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(TOP, "build"))
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the workload sizes")
    ap.add_argument("--only", help="run one workload")
    ap.add_argument("--before", help="a build of the code before a change, run side by side")
    ap.add_argument("--section", action="append", choices=["speed", "size", "startup"],
                    help="what to measure (default: all three)")
    ap.add_argument("--pinning", choices=["both", "pinned", "unpinned"], default="both",
                    help="the speed section's runs: pinned to CPU 0, unpinned, or both")
    args = ap.parse_args()
    sections = args.section or ["speed", "size", "startup"]
    before = os.path.join(args.before, "sysatlas") if args.before else None

    sysatlas = os.path.join(args.build, "sysatlas")
    strace = shutil.which("strace")
    if not os.access(sysatlas, os.X_OK):
        sys.exit("tracer-bench: %s: not built (run scripts/build.sh build)" % sysatlas)
    if not strace or not shutil.which("taskset"):
        sys.exit("tracer-bench: needs strace and taskset (scripts/deps.sh bench)")

    tmp = tempfile.mkdtemp(prefix="tracer-bench.")
    try:
        compile_tools(tmp)
        floor = os.path.join(tmp, "floor")
        wl = os.path.join(tmp, "workload")
        small = os.path.join(tmp, "small.txt")
        with open(small, "w") as f:
            f.write("a small file\n" * 4)
        s = args.scale
        mk = make_tree(tmp)
        workloads = [
            ("getppid", [wl, "getppid", str(int(100000 * s))]),
            ("open/read/close", [wl, "open", str(int(30000 * s)), small]),
            ("fork", [wl, "fork", str(int(2000 * s))]),
            ("dd bs=1", ["dd", "if=/dev/zero", "of=/dev/null", "bs=1",
                         "count=%d" % int(50000 * s)]),
            ("sh loop /bin/true x300", ["sh", "-c", "for i in $(seq 300); do /bin/true; done"]),
            ("make -j1, 30 files", ["make", "-s", "-B", "-j1", "-C", mk]),
        ]
        if args.only:
            workloads = [w for w in workloads if w[0].startswith(args.only)]
        db = os.path.join(tmp, "t.db")
        out = os.path.join(tmp, "strace.out")

        # the filtered trace must run long enough that the tracer's fixed
        # start-up and shutdown (database creation, final checkpoint) do
        # not hide the per-syscall cost it is about
        filt_wl = ("getppid (filtered)", [wl, "getppid", str(int(3000000 * s))])
        if not args.only or "getppid".startswith(args.only):
            workloads.append(filt_wl)

        def variants(name, cmd):
            if name == filt_wl[0]:
                return [("native", cmd),
                        ("filtered", [sysatlas, "trace", "-f", "--force", "-e",
                                      "trace=openat", "-o", db, "--"] + cmd)]
            ab = [("before", [before, "trace", "-f", "--force", "-o", db, "--"] + cmd)] \
                if before else []
            return [("native", cmd),
                    ("floor", [floor] + cmd),
                    ("floor+read", [floor, "-r"] + cmd),
                    ("sysatlas", [sysatlas, "trace", "-f", "--force", "-o", db, "--"] + cmd),
                    ("stacks-off", [sysatlas, "trace", "-f", "--force", "--kernel-stacks=off",
                                    "-o", db, "--"] + cmd),
                    ("stacks-all", [sysatlas, "trace", "-f", "--force", "--kernel-stacks=all",
                                    "-o", db, "--"] + cmd),
                    ("strace", [strace, "-f", "-o", out] + cmd)] + ab

        print("# tracer benchmark\n")
        if "speed" not in sections:
            workloads = []
        print("- machine: %s, %d CPUs, kernel %s" %
              (platform.processor() or platform.machine(), os.cpu_count(), platform.release()))
        print("- strace: %s" % subprocess.run([strace, "-V"], capture_output=True,
                                                text=True).stdout.splitlines()[0])
        print("- load before: %s" % open("/proc/loadavg").read().split()[0:3])
        print("- rounds: %d (A B C … per round; medians)\n" % args.rounds)
        for pin in (True, False):
            if not workloads:
                break
            if args.pinning != "both" and pin != (args.pinning == "pinned"):
                continue
            print("## %s\n" % ("pinned: taskset -c 0" if pin else "unpinned"))
            print("Overhead per syscall in µs: wall time (and CPU time, user + "
                  "system of tracer and tracee) minus the native run's, divided "
                  "by the syscalls.\n")
            kst = []
            print("| workload | syscalls | native wall s | floor µs | floor+read µs | "
                  "sysatlas µs | strace µs | sysatlas/strace | sysatlas/floor | "
                  "sysatlas/floor+read |")
            print("|---|---|---|---|---|---|---|---|---|---|")
            for name, cmd in workloads:
                vs = variants(name, cmd)
                wall = {v: [] for v, _ in vs}
                cpu = {v: [] for v, _ in vs}
                for _ in range(args.rounds):
                    for v, c in vs:
                        w, u = run(c, pin)
                        wall[v].append(w)
                        cpu[v].append(u)
                mw = {v: statistics.median(t) for v, t in wall.items()}
                mc = {v: statistics.median(t) for v, t in cpu.items()}
                if name == filt_wl[0]:
                    print("| %s | — | %.3f | — | — | filtered: %.3f s wall = **%.2f× native** "
                          "(CPU %.2f×) | — | — | — | — |" %
                          (name, mw["native"], mw["filtered"], mw["filtered"] / mw["native"],
                           mc["filtered"] / mc["native"]))
                    continue
                n = count_syscalls(sysatlas, cmd, tmp)
                ow = {v: (mw[v] - mw["native"]) / n * 1e6 for v in mw}
                oc = {v: (mc[v] - mc["native"]) / n * 1e6 for v in mc}
                print("| %s | %d | %.3f | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | "
                      "%.2f (%.2f) | **%.2f×** (%.2f×) | **%.2f×** (%.2f×) | "
                      "%.2f× (%.2f×) |" %
                      (name, n, mw["native"], ow["floor"], oc["floor"],
                       ow["floor+read"], oc["floor+read"], ow["sysatlas"],
                       oc["sysatlas"], ow["strace"], oc["strace"],
                       ow["sysatlas"] / ow["strace"], oc["sysatlas"] / oc["strace"],
                       ow["sysatlas"] / ow["floor"], oc["sysatlas"] / oc["floor"],
                       ow["sysatlas"] / ow["floor+read"], oc["sysatlas"] / oc["floor+read"]))
                kst.append((name, mw, ow, oc))
                sys.stdout.flush()
            print()
            print("Whole runs, wall time medians: sysatlas against strace (the issue-14 "
                  "targets)%s.\n" % (" and against the build before the change" if before else ""))
            print("| workload | native s | strace s | sysatlas s | **sysatlas/strace** |%s" %
                  (" before s | before/strace | sysatlas/before |" if before else ""))
            print("|---|---|---|---|---|%s" % ("---|---|---|" if before else ""))
            for name, mw, ow, oc in kst:
                line = "| %s | %.3f | %.3f | %.3f | **%.2f×** |" % (
                    name, mw["native"], mw["strace"], mw["sysatlas"], mw["sysatlas"] / mw["strace"])
                if before:
                    line += " %.3f | %.2f× | %.3f× |" % (mw["before"], mw["before"] / mw["strace"],
                                                     mw["sysatlas"] / mw["before"])
                print(line)
            print()
            print("Kernel stacks (`--kernel-stacks`), same rounds: overhead per syscall in "
                  "µs, wall (CPU), and each mode's whole-run wall time against `off`.\n")
            print("| workload | off µs | first µs | all µs | first/off (run) | all/off (run) |")
            print("|---|---|---|---|---|---|")
            for name, mw, ow, oc in kst:
                print("| %s | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) | **%.3f×** | %.2f× |" %
                      (name, ow["stacks-off"], oc["stacks-off"], ow["sysatlas"], oc["sysatlas"],
                       ow["stacks-all"], oc["stacks-all"], mw["sysatlas"] / mw["stacks-off"],
                       mw["stacks-all"] / mw["stacks-off"]))
            print()
        if "size" in sections:
            size_section(sysatlas, before, strace, wl, mk, tmp)
        if "startup" in sections:
            startup_section(sysatlas, before, strace, args.rounds, tmp)
        print("- load after: %s" % open("/proc/loadavg").read().split()[0:3])
    finally:
        shutil.rmtree(tmp)


def size_section(sysatlas, before, strace, wl, mk, tmp):
    print("## trace.db size against strace -o\n")
    print("| workload | strace -o bytes | trace.db bytes | **trace.db/strace** | events |%s" %
          (" before bytes | before/strace |" if before else ""))
    print("|---|---|---|---|---|%s" % ("---|---|" if before else ""))
    for name, cmd in (("getppid x 200 000", [wl, "getppid", "200000"]),
                      ("make -j1, 30 files", ["make", "-s", "-B", "-j1", "-C", mk])):
        out = os.path.join(tmp, "size.strace")
        db = os.path.join(tmp, "size.db")
        subprocess.run([strace, "-f", "-o", out] + cmd, check=True, stdout=subprocess.DEVNULL)
        sz_strace = os.path.getsize(out)
        subprocess.run([sysatlas, "trace", "-f", "--force", "-o", db, "--"] + cmd, check=True,
                       stdout=subprocess.DEVNULL)
        sz_db = os.path.getsize(db)
        con = sqlite3.connect(db)
        nev = con.execute("SELECT count(*) FROM event").fetchone()[0]
        con.close()
        line = "| %s | %d | %d | **%.2f×** | %d |" % (name, sz_strace, sz_db, sz_db / sz_strace, nev)
        if before:
            subprocess.run([before, "trace", "-f", "--force", "-o", db, "--"] + cmd, check=True,
                           stdout=subprocess.DEVNULL)
            line += " %d | %.2f× |" % (os.path.getsize(db), os.path.getsize(db) / sz_strace)
        print(line)
    print()


def startup_section(sysatlas, before, strace, rounds, tmp):
    db = os.path.join(tmp, "true.db")
    out = os.path.join(tmp, "true.strace")
    vs = [("sysatlas --version", [sysatlas, "--version"]),
          ("sysatlas trace /bin/true", [sysatlas, "trace", "--force", "-o", db, "--", "/bin/true"]),
          ("strace /bin/true", [strace, "-o", out, "/bin/true"])]
    if before:
        vs += [("before --version", [before, "--version"]),
               ("before trace /bin/true", [before, "trace", "--force", "-o", db, "--",
                                           "/bin/true"])]
    everywhere = os.sched_getaffinity(0)
    for pin in (False, True):
        wall = {v: [] for v, _ in vs}
        rss = {v: [] for v, _ in vs}
        # pinned: this process on CPU 0, so that the commands inherit it
        # without a taskset exec in the time; the wall time is the
        # command's alone (the peak RSS comes from a second run of it
        # under /usr/bin/time)
        os.sched_setaffinity(0, {0} if pin else everywhere)
        for _ in range(rounds * 3):
            for v, c in vs:
                t0 = time.perf_counter()
                p = subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                wall[v].append(time.perf_counter() - t0)
                if p.returncode != 0:
                    sys.exit("tracer-bench: failed (%d): %s" % (p.returncode, " ".join(c)))
                rss[v].append(run_rss(c, False, tmp)[1])
        os.sched_setaffinity(0, everywhere)
        print("## start-up, %s (%d rounds, medians)\n" % ("pinned" if pin else "unpinned",
                                                         rounds * 3))
        print("| command | wall ms | peak RSS MB |")
        print("|---|---|---|")
        for v, _ in vs:
            print("| %s | %.1f | %.1f |" % (v, statistics.median(wall[v]) * 1e3,
                                           statistics.median(rss[v])))
        st = statistics.median(wall["strace /bin/true"])
        print("\n`sysatlas trace /bin/true` / strace: **%.2f×**\n" %
              (statistics.median(wall["sysatlas trace /bin/true"]) / st))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
