#!/usr/bin/env python3
"""tracer-bench.py [--build DIR] [--rounds R] [--scale S] [--only WORKLOAD]

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
    args = ap.parse_args()

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
        workloads = [
            ("getppid", [wl, "getppid", str(int(100000 * s))]),
            ("open/read/close", [wl, "open", str(int(30000 * s)), small]),
            ("fork", [wl, "fork", str(int(2000 * s))]),
            ("dd bs=1", ["dd", "if=/dev/zero", "of=/dev/null", "bs=1",
                         "count=%d" % int(50000 * s)]),
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
            return [("native", cmd),
                    ("floor", [floor] + cmd),
                    ("floor+read", [floor, "-r"] + cmd),
                    ("sysatlas", [sysatlas, "trace", "-f", "--force", "-o", db, "--"] + cmd),
                    ("stacks-off", [sysatlas, "trace", "-f", "--force", "--kernel-stacks=off",
                                    "-o", db, "--"] + cmd),
                    ("stacks-all", [sysatlas, "trace", "-f", "--force", "--kernel-stacks=all",
                                    "-o", db, "--"] + cmd),
                    ("strace", [strace, "-f", "-o", out] + cmd)]

        print("# tracer benchmark\n")
        print("- machine: %s, %d CPUs, kernel %s" %
              (platform.processor() or platform.machine(), os.cpu_count(), platform.release()))
        print("- strace: %s" % subprocess.run([strace, "-V"], capture_output=True,
                                                text=True).stdout.splitlines()[0])
        print("- load before: %s" % open("/proc/loadavg").read().split()[0:3])
        print("- rounds: %d (A B C … per round; medians)\n" % args.rounds)
        for pin in (True, False):
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
        print("- load after: %s" % open("/proc/loadavg").read().split()[0:3])
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
