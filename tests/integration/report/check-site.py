#!/usr/bin/env python3
"""check-site.py SITE TRACE.db [--chrome FILE] [--jsonl FILE] [--expect-unfinished]

Checks a site written by `sysatlas report` as text: every page carries the
Content-Security-Policy and no inline script; untrusted text from the trace
appears only escaped; every data file is a call of a sysatlas.* function
with JSON arguments; the timeline's data agrees with trace.db; the Chrome
Trace Event export is well formed (required fields, nesting, microsecond
timestamps) and agrees with trace.db; the JSONL export has one valid
object per line.  Prints TAP.
"""
import json
import os
import re
import sqlite3
import sys

tests = []


def ok(cond, what):
    tests.append((bool(cond), what))
    return cond


def call_args(path, fn):
    """The JSON arguments of `sysatlas.fn(a, b);` in a data file."""
    text = open(path, encoding='utf-8').read()
    prefix = 'sysatlas.%s(' % fn
    if not text.startswith(prefix) or not text.rstrip().endswith(');'):
        return None
    body = text[len(prefix):text.rstrip().rfind(');')]
    try:
        return json.loads('[' + body + ']')
    except json.JSONDecodeError as e:
        print('# %s: %s' % (path, e))
        return None


def main():
    args = sys.argv[1:]
    site, trace = args[0], args[1]
    chrome = args[args.index('--chrome') + 1] if '--chrome' in args else None
    jsonl = args[args.index('--jsonl') + 1] if '--jsonl' in args else None
    expect_unfinished = '--expect-unfinished' in args
    db = sqlite3.connect('file:%s?mode=ro' % trace, uri=True)

    # --- pages -------------------------------------------------------------
    pages = []
    for root, _, files in os.walk(site):
        for f in files:
            if f.endswith('.html'):
                pages.append(os.path.join(root, f))
    ok(len(pages) >= 3, 'site has pages (%d)' % len(pages))
    csp = re.compile(r'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                     r'script-src \'self\';')
    for p in sorted(pages):
        html = open(p, 'rb').read().decode('utf-8')   # must be valid UTF-8
        rel = os.path.relpath(p, site)
        ok(csp.search(html), '%s: CSP meta tag' % rel)
        # a data block (type application/json, never run) is the only
        # element of that name with content; it holds JSON, and its text
        # cannot end the element: '<' is written as \u003c
        blocks = re.findall(r'<script type="application/json" id="[a-z-]+">(.*?)</script>', html, re.S)
        for b in blocks:
            try:
                json.loads(b)
                parsed = '<' not in b
            except ValueError:
                parsed = False
            ok(parsed, '%s: a data block that is JSON without "<"' % rel)
        code = re.findall(r'<script(?! type="application/json")\b[^>]*>(.*?)</script>', html, re.S)
        ok(all(s == '' for s in code), '%s: no inline script' % rel)
        ok(all(re.fullmatch(r'<script src="[./a-z-]+\.js"></script>', s)
               for s in re.findall(r'<script(?! type="application/json")\b[^>]*>.*?</script>',
                                   html, re.S)),
           '%s: scripts only from the site' % rel)
        ok('<script>alert' not in html and '<b>x</b>' not in html,
           '%s: trace text never becomes markup' % rel)
        ok(not re.search(r'\son[a-z]+=', html), '%s: no event-handler attributes' % rel)
        ok(not re.search(r'href="(?!https?:|file:|[a-zA-Z0-9_./#-])', html),
           '%s: links are relative, http(s) or file' % rel)
        ok(not re.search(r'href="javascript:', html, re.I), '%s: no javascript: links' % rel)
    for p in pages:
        ok(os.path.realpath(p).startswith(os.path.realpath(site) + os.sep),
           '%s stays inside the site' % os.path.relpath(p, site))

    # --- data files --------------------------------------------------------
    meta = call_args(os.path.join(site, 'data', 'meta.js'), 'meta')
    if not ok(meta and len(meta) == 1, 'data/meta.js is sysatlas.meta(JSON)'):
        return
    meta = meta[0]
    calls = 0
    unfinished = 0
    seqs = []
    for k in range(len(meta['chunks'])):
        c = call_args(os.path.join(site, 'data', 't-%d.js' % k), 'chunk')
        ok(c and c[0] == k, 'data/t-%d.js is sysatlas.chunk(%d, JSON)' % (k, k))
        c = c[1]
        n = c['n']
        ok(all(len(c[col]) == n for col in 'tdlcfers'), 't-%d: columns of length n' % k)
        ok(n == meta['chunks'][k][0], 't-%d: count matches meta' % k)
        calls += n
        unfinished += sum(1 for f in c['f'] if f & 2)
        s = 0
        for d in c['s']:
            s += d
            seqs.append(s)
        ok(all(0 <= x < len(meta['syscalls']) for x in c['c']), 't-%d: syscall indexes valid' % k)
        ok(all(0 <= x < len(meta['lanes']) for x in c['l']), 't-%d: lane indexes valid' % k)
        ok(all(0 <= x < len(meta['rts']) for x in c['r']), 't-%d: round-trip indexes valid' % k)
        d = call_args(os.path.join(site, 'data', 'd-%d.js' % k), 'detail')
        ok(d and d[0] == k and len(d[1]) == n, 'data/d-%d.js: one detail row per call' % k)
        for row in d[1]:
            ok(len(row) in (7, 8) and len(row[2]) == 6 and all(re.fullmatch(r'0x[0-9a-f]+', a) for a in row[2]),
               'detail row: exit seq, text, six hex registers, retval, mechanisms, tid[, waits]')
            if len(row) == 8:
                # where the call waited: [stack, samples, first t, last t, states]
                ok(row[7] and all(len(w) == 5 and all(isinstance(x, int) for x in w[:4]) and
                                  w[1] >= 1 and w[2] <= w[3] and isinstance(w[4], str) for w in row[7]),
                   'detail row: where it waited')
            break
    enters = db.execute("SELECT count(*) FROM event WHERE kind = 'enter'").fetchone()[0]
    ok(calls == meta['calls'] == enters, 'one slice per syscall: %d calls, %d enters' % (calls, enters))
    ok(sorted(seqs) == [r[0] for r in db.execute("SELECT seq FROM event WHERE kind = 'enter' ORDER BY seq")],
       'slices carry the seq of their enter')
    ok((unfinished > 0) == expect_unfinished, 'unfinished calls marked: %d' % unfinished)
    ok(meta['ended'] == (not expect_unfinished), 'meta says whether the tracer finished')
    # the round trips: phases by number into data/rt-steps.js, each phase
    # [lane, title, longer title, edge label, rows of 7]
    phases = call_args(os.path.join(site, 'data', 'rt-steps.js'), 'phases')
    ok(phases and isinstance(phases[0], list) and isinstance(phases[1], list),
       'data/rt-steps.js: the phases and the stacks beside them')
    phases, stacks = (phases[0], phases[1]) if phases else ([], [])
    ok(all(isinstance(o, dict) and isinstance(o.get('stop'), str) for o in stacks),
       'data/rt-steps.js: each stack names its stop')
    ok(all(len(p) == 5 and p[0] in ('tracee', 'kernel', 'tracer') and
           all(isinstance(x, str) for x in p[:4]) and
           all(len(w) == 7 and all(isinstance(x, str) for x in w[:6]) and isinstance(w[6], int)
               for w in p[4]) for p in phases),
       'data/rt-steps.js: each phase is lane, titles, edge and rows')
    ok(all(w[u] == '' or re.match(r'(https?|file)://', w[u]) for p in phases for w in p[4]
           for u in (2, 4)), 'data/rt-steps.js: step links are http(s) or file URLs')
    ok(len(set(json.dumps(p) for p in phases)) == len(phases), 'data/rt-steps.js: each phase once')
    used = set()
    for k in range(len(meta['rts'])):
        rt = call_args(os.path.join(site, 'data', 'rt-%d.js' % k), 'roundtrip')
        ok(rt and rt[0] == k and rt[1]['phases'] and
           all(isinstance(i, int) and 0 <= i < len(phases) for i in rt[1]['phases']),
           'data/rt-%d.js: its phases are in data/rt-steps.js' % k)
        if rt:
            used.update(rt[1]['phases'])
            ok(phases[rt[1]['phases'][0]][0] == 'tracee' and 'svg' not in rt[1],
               'data/rt-%d.js: starts in the tracee, and carries no drawing' % k)
            ok(len(rt[1]['obsAt']) == len(rt[1]['stacks']) and
               all(0 <= a < len(rt[1]['phases']) for a in rt[1]['obsAt']) and
               all(isinstance(k, int) and 0 <= k < len(stacks) for k in rt[1]['stacks']),
               'data/rt-%d.js: each observed stack beside a phase' % k)
    for name in sorted(os.listdir(os.path.join(site, 'data'))):
        if name.startswith('rt-stop-'):
            rt = call_args(os.path.join(site, 'data', name), 'roundtrip')
            ok(rt and all(isinstance(i, int) and 0 <= i < len(phases) for i in rt[1]['phases']),
               'data/%s: its phases are in data/rt-steps.js' % name)
            used.update(rt[1]['phases'] if rt else [])
    ok(used == set(range(len(phases))), 'data/rt-steps.js: every phase is used')

    # --- Chrome Trace Event export -------------------------------------------
    if chrome:
        doc = json.load(open(chrome, encoding='utf-8'))
        ok(isinstance(doc, dict) and isinstance(doc.get('traceEvents'), list),
           'chrome: an object with a traceEvents array')
        evs = doc['traceEvents']
        phases = {}
        for e in evs:
            phases.setdefault(e.get('ph'), []).append(e)
        ok(all(isinstance(e.get('ph'), str) and isinstance(e.get('pid'), int) and
               isinstance(e.get('tid'), int) for e in evs), 'chrome: every event has ph, pid, tid')
        ok(all(isinstance(e.get('ts'), (int, float)) for e in evs if e['ph'] != 'M'),
           'chrome: every timed event has a numeric ts')
        xs = phases.get('X', [])
        ok(len(xs) == enters, 'chrome: one X slice per syscall (%d)' % len(xs))
        ok(all(isinstance(e.get('dur'), (int, float)) and e['dur'] >= 0 and
               isinstance(e.get('name'), str) and isinstance(e.get('args'), dict) and
               'arg0' in e['args'] and 'text' in e['args'] for e in xs),
           'chrome: X slices have name, dur >= 0, args with registers and text')
        start = db.execute('SELECT mono_start_ns FROM run').fetchone()[0]
        ts = dict(db.execute("SELECT seq, ts_ns FROM event WHERE kind = 'enter'"))
        ok(all(abs(e['ts'] - (ts[e['args']['seq']] - start) / 1000.0) < 0.01 for e in xs),
           'chrome: ts is microseconds since the start of the run')
        lanes = {}
        for e in xs:
            lanes.setdefault((e['pid'], e['tid']), []).append(e)
        nested = True
        for lst in lanes.values():
            lst.sort(key=lambda e: e['ts'])
            for a, b in zip(lst, lst[1:]):
                if a['ts'] + a['dur'] > b['ts'] + 1e-6:
                    nested = False
        ok(nested, 'chrome: slices of a thread never overlap (proper nesting)')
        ms = phases.get('M', [])
        tids = {r[0] for r in db.execute('SELECT tid FROM task')}
        ok({e['tid'] for e in ms if e['name'] == 'thread_name'} == tids,
           'chrome: M thread_name for every thread')
        ok(all(isinstance(e['args'].get('name'), str) for e in ms), 'chrome: M events carry a name')
        sigs = db.execute("SELECT count(*) FROM event WHERE kind = 'signal'").fetchone()[0]
        ok(len([e for e in phases.get('i', []) if e.get('cat') == 'signal']) == sigs,
           'chrome: an instant event per signal (%d)' % sigs)
        ok(all(e.get('s') in ('t', 'p', 'g') for e in phases.get('i', [])), 'chrome: instant scope set')
        starts = {e['id']: e for e in phases.get('s', [])}
        ends = {e['id']: e for e in phases.get('f', [])}
        forks = db.execute("SELECT count(*) FROM event WHERE kind IN ('fork', 'vfork', 'clone')").fetchone()[0]
        ok(len(starts) == forks and set(starts) == set(ends), 'chrome: a flow s/f pair per fork (%d)' % forks)
        ok(all(ends[i]['ts'] >= starts[i]['ts'] for i in starts), 'chrome: flows go forward in time')

    if jsonl:
        lines = open(jsonl, encoding='utf-8').read().splitlines()
        objs = [json.loads(line) for line in lines]
        ok(all(isinstance(o, dict) and 'type' in o and 'seq' in o and 'ts_ns' in o for o in objs),
           'jsonl: one object per line with type, seq, ts_ns')
        ok(len([o for o in objs if o['type'] == 'syscall']) == enters, 'jsonl: every syscall')


if __name__ == '__main__':
    main()
    for i, (good, what) in enumerate(tests, 1):
        print('%s %d - %s' % ('ok' if good else 'not ok', i, what))
    print('1..%d' % len(tests))
    sys.exit(0 if all(g for g, _ in tests) else 1)
