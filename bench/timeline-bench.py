#!/usr/bin/env python3
"""timeline-bench.py [--build DIR] [--events N] [--lanes L] [--reps R] [--work DIR]

The timeline's first paint at scale (docs/benchmarks.md, section "The
timeline at 10^6 events and 200 lanes").  bench/gen-trace writes a trace
of N events in L threads (the browser test's big trace), `sysatlas
report` makes its site with the fixture index, then headless Chromium
(bench/first-paint.js) opens timeline.html R times unpinned and R times
under `taskset -c 0`, alternating (A B A B ...), and the medians are
printed as Markdown with the machine line: CPU, load, and the native cost
of one getppid (bench/workload.c built with cc -O2, the median of 5 runs
of 10^6 calls, process start included).
Never part of `meson test`; playwright-core comes from the browser test's
install (run `meson test -C BUILD browser-report` once).
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cpu_model():
    for line in open('/proc/cpuinfo'):
        if line.startswith('model name'):
            return line.split(':', 1)[1].strip()
    return 'unknown CPU'


def getppid_ns(workload, n=1000000):
    """(wall, CPU) ns per getppid: medians of 5 runs; CPU is user + system,
    which the load of a shared machine distorts less than wall time."""
    walls, cpus = [], []
    for _ in range(5):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([workload, 'getppid', str(n)], check=True)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        walls.append((time.perf_counter() - t0) / n * 1e9)
        cpus.append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) / n * 1e9)
    return statistics.median(walls), statistics.median(cpus)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--build', default=os.path.join(top, 'build'))
    ap.add_argument('--events', type=int, default=1000000)
    ap.add_argument('--lanes', type=int, default=200)
    ap.add_argument('--reps', type=int, default=5)
    ap.add_argument('--work', default='/tmp/sysatlas-timeline-bench')
    args = ap.parse_args()
    b = os.path.abspath(args.build)
    node_path = os.path.join(b, 'tests/browser/node/node_modules')
    if not os.path.isdir(node_path) or not shutil.which('node'):
        sys.exit('timeline-bench: run `meson test -C %s browser-report` once to install playwright-core' % b)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    trace, index, site = (os.path.join(args.work, f) for f in ('big.db', 'index.db', 'site'))
    subprocess.run([os.path.join(b, 'tests/integration/report/mkfixture'), 'index', index], check=True)
    subprocess.run([os.path.join(b, 'bench/gen-trace'), str(args.events), trace, '1', str(args.lanes)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(b, 'sysatlas'), 'report', trace, '--index', index, '-o', site],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, SYSATLAS_PROGRESS='0'))
    load0 = open('/proc/loadavg').read().split()[:3]
    workload = os.path.join(args.work, 'workload')
    subprocess.run([os.environ.get('CC', 'cc'), '-O2', '-o', workload, os.path.join(top, 'bench/workload.c')],
                   check=True)
    ppid = getppid_ns(workload)
    runs = {False: [], True: []}
    for _ in range(args.reps):
        for pin in (False, True):
            cmd = ['node', os.path.join(top, 'bench/first-paint.js'), site, '1']
            if pin:
                cmd = ['taskset', '-c', '0'] + cmd
            out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                                 env=dict(os.environ, NODE_PATH=node_path)).stdout
            runs[pin] += [json.loads(l) for l in out.splitlines() if l.startswith('{')]
    load1 = open('/proc/loadavg').read().split()[:3]
    print('Machine: %s, %d CPUs; native getppid %.0f ns wall, %.0f ns CPU; load average %s before, %s after'
          % (cpu_model(), os.cpu_count(), ppid[0], ppid[1], ' '.join(load0), ' '.join(load1)))
    print('\n%d events, %d lanes; medians of %d, unpinned and pinned alternating\n'
          % (args.events, args.lanes, args.reps))
    print('| pinned | first paint ms | all data loaded ms | frame after a zoom ms | draw ms | view as SVG ms | SVG KB |')
    print('|:---:|---:|---:|---:|---:|---:|---:|')
    med = {}
    for pin in (False, True):
        r = runs[pin]
        m = {k: statistics.median(x[k] for x in r) for k in
             ('first_paint_ms', 'all_loaded_ms', 'zoom_frame_ms', 'draw_ms', 'view_svg_ms', 'view_svg_bytes')}
        med[pin] = m
        print('| %s | %.0f | %.0f | %.1f | %.1f | %.0f | %.0f |' % (
            'taskset -c 0' if pin else 'no', m['first_paint_ms'], m['all_loaded_ms'], m['zoom_frame_ms'],
            m['draw_ms'], m['view_svg_ms'], m['view_svg_bytes'] / 1024))
    print('\nratio pinned / unpinned: first paint %.2f, all loaded %.2f' % (
        med[True]['first_paint_ms'] / med[False]['first_paint_ms'],
        med[True]['all_loaded_ms'] / med[False]['all_loaded_ms']))
    print('first paint, every run (unpinned): %s' % [round(x['first_paint_ms']) for x in runs[False]])
    print('first paint, every run (pinned):   %s' % [round(x['first_paint_ms']) for x in runs[True]])


if __name__ == '__main__':
    main()
