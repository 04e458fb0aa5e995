#!/usr/bin/env python3
"""report-bench.py [--build DIR] [--sizes 10000,100000,1000000] [--reps N] [--index FILE]

Benchmark of `sysatlas report` (docs/benchmarks.md, section Report).

Synthetic traces of each size are made with bench/gen-trace (the real
schema); each is reported REPS times, sizes interleaved (A B C A B C ...),
once unpinned and once pinned to one CPU (taskset -c 0), recording wall
time, user+system CPU time and peak RSS of the sysatlas process.  Then
headless Chromium opens each site and reports the time from navigation
start to the timeline's first paint, and to all data loaded.  Prints
medians as Markdown tables.  Never part of `meson test`.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run_report(sysatlas, trace, index, out, pin):
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sysatlas, 'report', trace, '--index', index, '-o', out]
    if pin:
        cmd = ['taskset', '-c', '0'] + cmd
    env = dict(os.environ, SYSATLAS_PROGRESS='0')
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    if status != 0:
        sys.exit('report-bench: %s failed' % ' '.join(cmd))
    return {'wall': wall, 'cpu': ru.ru_utime + ru.ru_stime, 'rss_mb': ru.ru_maxrss / 1024.0}


def du_mb(path):
    total = 0
    for root, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in files)
    return total / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(top, 'build'))
    ap.add_argument('--sizes', default='10000,100000,1000000')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--index')
    ap.add_argument('--work', default='/tmp/sysatlas-bench')
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(',')]
    sysatlas = os.path.join(args.build, 'sysatlas')
    os.makedirs(args.work, exist_ok=True)
    index = args.index
    if not index:
        index = os.path.join(args.work, 'index.db')
        subprocess.run([os.path.join(args.build, 'tests/integration/report/mkfixture'), 'index', index],
                       check=True)
    traces = {}
    for n in sizes:
        traces[n] = os.path.join(args.work, 'trace-%d.db' % n)
        if not os.path.exists(traces[n]):
            subprocess.run([os.path.join(args.build, 'bench/gen-trace'), str(n), traces[n]], check=True)

    res = {(n, pin): [] for n in sizes for pin in (False, True)}
    for _ in range(args.reps):
        for pin in (False, True):
            for n in sizes:
                res[(n, pin)].append(run_report(sysatlas, traces[n], index,
                                                os.path.join(args.work, 'site-%d' % n), pin))

    print('load average before: %s' % open('/proc/loadavg').read().split()[:3])
    print('| events | pinned | wall s (median) | CPU s (user+sys) | peak RSS MB | site MB |')
    print('|---:|:---:|---:|---:|---:|---:|')
    med = {}
    for n in sizes:
        for pin in (False, True):
            r = res[(n, pin)]
            m = {k: statistics.median(x[k] for x in r) for k in ('wall', 'cpu', 'rss_mb')}
            med[(n, pin)] = m
            print('| %d | %s | %.2f | %.2f | %.0f | %.0f |' % (n, 'taskset -c 0' if pin else 'no',
                  m['wall'], m['cpu'], m['rss_mb'], du_mb(os.path.join(args.work, 'site-%d' % n))))
    if len(sizes) > 1:
        a, b = sizes[-2], sizes[-1]
        print('\nratio %d / %d events: wall %.2f, CPU %.2f, RSS %.2f' % (
            b, a, med[(b, False)]['wall'] / med[(a, False)]['wall'],
            med[(b, False)]['cpu'] / med[(a, False)]['cpu'],
            med[(b, False)]['rss_mb'] / med[(a, False)]['rss_mb']))

    node_path = os.path.join(args.build, 'tests/browser/node/node_modules')
    if not os.path.isdir(node_path) or not shutil.which('node'):
        print('\n(first paint skipped: run `meson test -C %s browser-report` once to install '
              'playwright-core)' % args.build)
        return
    print('\nload average before: %s' % open('/proc/loadavg').read().split()[:3])
    print('\n| events | first paint ms (median) | all data loaded ms | zoom frame ms | draw ms |')
    print('|---:|---:|---:|---:|---:|')
    for n in sizes:
        out = subprocess.run(['node', os.path.join(top, 'bench/first-paint.js'),
                              os.path.join(args.work, 'site-%d' % n), str(args.reps)],
                             check=True, capture_output=True, text=True,
                             env=dict(os.environ, NODE_PATH=node_path)).stdout
        runs = [json.loads(line) for line in out.splitlines() if line.startswith('{')]
        print('| %d | %.0f | %.0f | %.1f | %.1f |' % (n, statistics.median(r['first_paint_ms'] for r in runs),
              statistics.median(r['all_loaded_ms'] for r in runs),
              statistics.median(r['zoom_frame_ms'] for r in runs),
              statistics.median(r['draw_ms'] for r in runs)))


if __name__ == '__main__':
    main()
