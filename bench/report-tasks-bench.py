#!/usr/bin/env python3
"""report-tasks-bench.py [--build DIR] [--tasks 10000,40000,100000] [--reps N]

The report against the number of tasks (docs/benchmarks.md, section
"Report: many tasks").  bench/gen-tasks writes a trace of T short-lived
processes, as a big `make -j` makes (about 23 events each); each is
reported REPS times with the sizes interleaved, and the medians of wall
time, CPU time (user + system) and peak RSS of the sysatlas process are
printed as a Markdown table, with the time per task: flat when the report
is O(n log n), growing with T when it is quadratic.  --build names the
build to measure (a second --build measures another, e.g. an older
commit, on the same traces).  Never part of `meson test`.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_report(sysatlas, trace, out):
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, SYSATLAS_PROGRESS='0')
    t0 = time.monotonic()
    p = subprocess.Popen([sysatlas, 'report', trace, '-o', out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if status != 0:
        sys.exit('report-tasks-bench: %s report %s failed' % (sysatlas, trace))
    return {'wall': wall, 'cpu': ru.ru_utime + ru.ru_stime, 'rss_mb': ru.ru_maxrss / 1024.0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', action='append')
    ap.add_argument('--tasks', default='10000,40000,100000')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--work', default='/tmp/sysatlas-tasks-bench')
    args = ap.parse_args()
    builds = args.build or [os.path.join(top, 'build')]
    sizes = [int(s) for s in args.tasks.split(',')]
    os.makedirs(args.work, exist_ok=True)
    traces = {}
    for n in sizes:
        traces[n] = os.path.join(args.work, 'tasks-%d.db' % n)
        if not os.path.exists(traces[n]):
            subprocess.run([os.path.join(builds[0], 'bench/gen-tasks'), str(n), traces[n]], check=True)

    res = {(b, n): [] for b in builds for n in sizes}
    for _ in range(args.reps):
        for b in builds:
            for n in sizes:
                res[(b, n)].append(run_report(os.path.join(b, 'sysatlas'), traces[n],
                                              os.path.join(args.work, 'site-%d' % n)))

    print('load average after: %s' % open('/proc/loadavg').read().split()[:3])
    print('| build | tasks | wall s (median) | CPU s | µs CPU per task | peak RSS MB |')
    print('|---|---:|---:|---:|---:|---:|')
    for b in builds:
        for n in sizes:
            r = res[(b, n)]
            m = {k: statistics.median(x[k] for x in r) for k in ('wall', 'cpu', 'rss_mb')}
            print('| %s | %d | %.2f | %.2f | %.1f | %.0f |' % (b, n, m['wall'], m['cpu'],
                  m['cpu'] / n * 1e6, m['rss_mb']))


if __name__ == '__main__':
    main()
