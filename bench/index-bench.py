#!/usr/bin/env python3
"""index-bench.py --linux DIR --strace DIR [--build DIR] [--rounds R] [--jobs N,...]

Full index of a Linux tree and a strace tree, as `sysatlas index` does it
for the built-in data: wall time, CPU time (user + system of the indexer
and its threads) and peak RSS.  Every round runs each --jobs setting once,
in the same order (1 2 1 2 ...), so that noise from the shared machine
hits all of them alike; a setting's figure is its median over the rounds.
The indexer's own summary (syscalls, definitions, paths, files parsed) is
checked to be the same in every run.  Prints a Markdown report on stdout.
"""
import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def measure(cmd):
    """Run cmd in a fresh child and take its rusage from wait4()."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    text = err.decode(errors="replace")
    if p.returncode != 0:
        sys.exit("index-bench: failed (%d): %s\n%s"
                 % (p.returncode, " ".join(cmd), text))
    summary = [l for l in text.splitlines()
               if re.match(r"sysatlas: index: (linux|strace) ", l)]
    if len(summary) != 2:
        sys.exit("index-bench: no summary from the indexer:\n" + text)
    # Parse rates and times vary; the counts must not.
    summary = [re.sub(r" in [0-9.]+ s$", "", l) for l in summary]
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--linux", required=True)
    ap.add_argument("--strace", required=True)
    ap.add_argument("--build", default="build")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--pin", action="store_true",
                    help="also run with --jobs 1 under taskset -c 0")
    a = ap.parse_args()

    exe = os.path.join(a.build, "sysatlas")
    jobs = [int(j) for j in a.jobs.split(",")]
    tmp = tempfile.mkdtemp(prefix="index-bench.")
    out = os.path.join(tmp, "index.db")
    def cmd(j):
        return [exe, "index", "--linux", a.linux, "--strace", a.strace,
                "--jobs", str(j), "--force", "-o", out]
    variants = [("--jobs %d" % j, cmd(j)) for j in jobs]
    if a.pin:
        variants.append(("--jobs 1, taskset -c 0",
                         ["taskset", "-c", "0"] + cmd(1)))

    results = {name: [] for name, _ in variants}
    summary = None
    for r in range(a.rounds):
        for name, cmd in variants:
            wall, cpu, rss, s = measure(cmd)
            if summary is None:
                summary = s
            elif s != summary:
                sys.exit("index-bench: runs differ:\n%s\n%s"
                         % ("\n".join(summary), "\n".join(s)))
            results[name].append((wall, cpu, rss))
            print("round %d %-24s %6.2f s wall %6.2f s cpu %5.0f MiB"
                  % (r + 1, name, wall, cpu, rss), file=sys.stderr)
    os.unlink(out)
    os.rmdir(tmp)

    load = os.getloadavg()
    print("Machine: %s, %d CPUs, load %.2f %.2f %.2f at the end; %d rounds."
          % (platform.machine(), os.cpu_count(), *load, a.rounds))
    print()
    for l in summary:
        print("    " + l)
    print()
    print("| variant | wall (median) | wall (min–max) | CPU (median) | peak RSS |")
    print("|---|---|---|---|---|")
    for name, _ in variants:
        v = results[name]
        walls = [x[0] for x in v]
        print("| %s | %.2f s | %.2f–%.2f s | %.2f s | %.0f MiB |"
              % (name, statistics.median(walls), min(walls), max(walls),
                 statistics.median([x[1] for x in v]),
                 max(x[2] for x in v)))


if __name__ == "__main__":
    main()
