#!/usr/bin/env python3
"""check-observed.py FIXTURE-DIR: the running kernel in a report.

Adds kernel stacks to the small fixture trace (a syscall-enter and a
syscall-exit stack of openat, samples of a read that waited, a frame name
that is markup, a frame of another shape) and asm/function symbols to the
fixture index, runs `sysatlas report` with both exports, and checks what
the site, the round trip data, the pages and the exports say of them.
Prints TAP; exits 1 when a check fails.
"""
import json
import os
import re
import sqlite3
import subprocess
import sys

tests = []


def ok(cond, what):
    tests.append((bool(cond), what))
    return cond


def call_args(path, fn):
    text = open(path, encoding='utf-8').read()
    prefix = 'sysatlas.%s(' % fn
    body = text[len(prefix):text.rstrip().rfind(');')]
    return json.loads('[' + body + ']')


ENTER = ['ptrace_stop+0x132/0x340', 'ptrace_do_notify+0xac/0xe0', 'ptrace_notify+0x50/0x80',
         'syscall_trace_enter+0xbe/0x1e0', 'do_syscall_64+0x20f/0x290',
         'entry_SYSCALL_64_after_hwframe+0x76/0x7e']
EXIT = ['ptrace_stop+0x132/0x340', 'ptrace_do_notify+0xac/0xe0', 'ptrace_notify+0x50/0x80',
        'syscall_exit_work+0x118/0x1e0', 'do_syscall_64+0x243/0x290',
        'entry_SYSCALL_64_after_hwframe+0x76/0x7e']
WAIT = ['<img src=x onerror=alert(1)>+0x1/0x2', 'weird frame line', 'vfs_read+0x397/0x3d0',
        'ksys_read+0xc3/0xf0', 'do_syscall_64+0x71/0x290',
        'entry_SYSCALL_64_after_hwframe+0x76/0x7e']


def split(frame):
    m = re.match(r'^(\S+)\+0x([0-9a-f]+)/0x([0-9a-f]+)$', frame)
    return (m.group(1), int(m.group(2), 16), int(m.group(3), 16)) if m else (frame, None, None)


def add_stacks(trace, index):
    db = sqlite3.connect(trace)
    db.execute("UPDATE run SET kernel_stacks = 'first', kernel_version = 'Linux version "
               "6.1.0-18-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC "
               "Debian 6.1.76-1 (2024-02-01)'")
    for sid, frames in ((1, ENTER), (2, EXIT), (3, WAIT)):
        db.execute('INSERT INTO kstack(id, depth, frames) VALUES (?, ?, ?)',
                   (sid, len(frames), '\n'.join(frames) + '\n'))
        for d, f in enumerate(frames):
            name, off, size = split(f)
            db.execute('INSERT INTO kstack_frame(stack_id, depth, function, offset, size) '
                       'VALUES (?, ?, ?, ?, ?)', (sid, d, name, off, size))
    # openat's enter and exit stops (the passwd one), as the tracer records them
    enter = db.execute("SELECT seq, ts_ns FROM event WHERE kind = 'enter' AND nr = 257 "
                       "ORDER BY seq DESC LIMIT 1").fetchone()
    ex = db.execute('SELECT seq, ts_ns FROM event WHERE enter_seq = ?', (enter[0],)).fetchone()
    db.execute("INSERT INTO stop_kstack(seq, tid, ts_ns, stop, nr, stack_id) "
               "VALUES (?, 100, ?, 'syscall-enter', 257, 1)", enter)
    db.execute("INSERT INTO stop_kstack(seq, tid, ts_ns, stop, nr, stack_id) "
               "VALUES (?, 100, ?, 'syscall-exit', 257, 2)", ex)
    # a stop stack naming a stack that does not exist: ignored, not a crash
    db.execute("INSERT INTO stop_kstack(seq, tid, ts_ns, stop, nr, stack_id) "
               "VALUES (?, 100, ?, 'syscall-exit', 257, 99)", ex)
    # three samples of the read of tid 100, inside it
    rd = db.execute("SELECT seq, ts_ns FROM event WHERE kind = 'enter' AND nr = 0 AND tid = 100"
                    ).fetchone()
    for k in range(3):
        db.execute("INSERT INTO kstack_sample(call_seq, tid, ts_ns, state, stack_id) "
                   "VALUES (?, 100, ?, 'S', 3)", (rd[0], rd[1] + 2000 + k * 1000))
    db.commit()
    db.close()
    ix = sqlite3.connect(index)
    tree = ix.execute("SELECT id FROM tree WHERE kind = 'linux'").fetchone()[0]
    f = ix.execute("SELECT id FROM file WHERE path = 'arch/x86/entry/entry_64.S'").fetchone()[0]
    ix.execute("INSERT INTO symbol(tree_id, name, kind, file_id, line, end_line) "
               "VALUES (?, 'entry_SYSCALL_64_after_hwframe', 'asm_label', ?, 165, 165)", (tree, f))
    ix.execute("UPDATE symbol SET end_line = 276 WHERE name = 'entry_SYSCALL_64'")
    ix.execute("INSERT OR IGNORE INTO file(tree_id, path) VALUES (?, 'fs/read_write.c')", (tree,))
    rw = ix.execute("SELECT id FROM file WHERE path = 'fs/read_write.c'").fetchone()[0]
    ix.execute("INSERT INTO symbol(tree_id, name, kind, file_id, line, end_line) "
               "VALUES (?, 'vfs_read', 'function', ?, 447, 475)", (tree, rw))
    ix.commit()
    ix.close()


def with_stacks(site, rts):
    """The round trips with their stacks (numbers into data/rt-steps.js) as 'observed'."""
    stacks = call_args(os.path.join(site, 'data', 'rt-steps.js'), 'phases')[1]
    for r in rts:
        r['observed'] = [stacks[k] for k in r['stacks']]
    return rts


def ktree(html):
    """Every node of a syscall page's merged stacks (its JSON data block)."""
    m = re.search(r'<script type="application/json" id="sc-ktree-data">(.*?)</script>', html, re.S)
    out = []

    def walk(nodes):
        for n in nodes:
            out.append(n)
            walk(n[6])
    if m:
        walk(json.loads(m.group(1)))
    return out


def main():
    fx = sys.argv[1]
    os.chdir(fx)
    add_stacks('small.db', 'index.db')
    # first against the fixture index alone (no current-kernel column)
    p = subprocess.run([os.environ['SYSATLAS'], 'report', 'small.db', '--index', 'index.db',
                        '--current-index', 'none',
                        '-o', 'site', '--jsonl', 'e.jsonl', '--chrome', 'c.json'],
                       capture_output=True, text=True)
    if not ok(p.returncode == 0, 'report with kernel stacks: ' + p.stderr.strip()[-300:]):
        finish()
    # the round trip of openat: the enter stack aligned with the syscall-enter path
    rts = with_stacks('site', [call_args(os.path.join('site/data', n), 'roundtrip')[1]
           for n in sorted(os.listdir('site/data')) if re.match(r'rt-([0-9]+|stop-[a-z]+)\.js$', n)])
    withobs = [r for r in rts if any('rows' in o for o in r['observed'])]
    ok(len(withobs) >= 1, 'a round trip has observed stacks')
    enter = [o for r in withobs for o in r['observed'] if o['stop'] == 'syscall-enter' and 'rows' in o]
    if ok(enter, 'the syscall-enter stop of openat is observed'):
        rows = enter[0]['rows']
        pairs = [(w[0], w[1], w[3].split('+')[0]) for w in rows]
        ok(pairs[0] == ('same', 'entry_SYSCALL_64', 'entry_SYSCALL_64_after_hwframe'),
           'an asm label inside a step is that step: %s' % (pairs[0],))
        ok(('index-only', 'tracehook_report_syscall_entry', '') in pairs,
           'a step missing from the stack is inlined or renamed')
        ok(pairs[-1] == ('same', 'ptrace_stop', 'ptrace_stop'), 'both end in ptrace_stop')
        ok(enter[0]['running'] == 'Linux 6.1.0-18-amd64', 'the running kernel is named')
        ok(rows[-1][4] == 'https://elixir.bootlin.com/linux/v6.1.76/C/ident/ptrace_stop',
           'a frame links to its upstream version by identifier (Debian 6.1.76 from /proc/version): ' + rows[-1][4])
        ok(rows[-1][5].startswith('https://github.com/torvalds/linux/blob/v5.7/kernel/signal.c#L2120'),
           'and to the index line: ' + rows[-1][5])
    ex = [o for r in withobs for o in r['observed'] if o['stop'] == 'syscall-exit' and 'rows' in o]
    if ok(ex, 'the syscall-exit stop of openat is observed'):
        pairs = [(w[0], w[3].split('+')[0]) for w in ex[0]['rows']]
        ok(('observed-only', 'syscall_exit_work') in pairs, "a frame off the path is the kernel's own")
    # the drawing puts each stack beside the kernel phase of its stop
    phases = call_args('site/data/rt-steps.js', 'phases')[0]
    beside = [(o['stop'], phases[r['phases'][a]][0], phases[r['phases'][a]][1])
              for r in withobs for o, a in zip(r['observed'], r['obsAt'])]
    heads = {'syscall-enter': 'syscall entry', 'syscall-exit': 'syscall exit'}
    ok(beside and all(lane == 'kernel' and title.startswith(heads.get(stop, '?'))
                      for stop, lane, title in beside),
       'the round trip draws each observed stack beside its stop: %s' % beside[:2])
    # where the read waited: its detail row and kstacks.js
    ks = call_args('site/data/kstacks.js', 'kstacks')[0]
    ok(ks['upstream'] == 'v6.1.76', 'upstream version from /proc/version: ' + ks['upstream'])
    ok(len(ks['stacks']) == 3, 'three distinct stacks (the bad reference dropped)')
    waited = None
    for n in sorted(os.listdir('site/data')):
        if n.startswith('d-'):
            for row in call_args(os.path.join('site/data', n), 'detail')[1]:
                if len(row) > 7:
                    waited = row[7]
    if ok(waited, 'a detail row says where its call waited'):
        ok(len(waited) == 1 and waited[0][1] == 3 and waited[0][4] == 'S',
           'three samples of one stack, asleep: %s' % waited)
        frames = ks['stacks'][waited[0][0]]
        ok(frames[0][0] == '<img src=x onerror=alert(1)>+0x1/0x2', 'the frame text kept as data')
    for n in ('site/data/kstacks.js',):
        ok('<img' not in open(n).read(), n + ': markup escaped')
    kern = open('site/kernel.html').read()
    ok('syscall-enter stop' in kern and 'syscall-exit stop' in kern, 'kernel.html: a stack per kind of stop')
    ok('Where calls waited' in kern and '&lt;img src=x onerror=alert(1)&gt;' in kern and '<img src' not in kern,
       'kernel.html: the waiting call, its frames escaped')
    ok(re.search(r'#\d+ read</a>', kern), 'kernel.html: the read that waited, linked to the timeline')
    rd = open('site/syscalls/read.html').read()
    ok('The running kernel' in rd and any(n[5] == 3 for n in ktree(rd)),
       'read.html: its stacks merged, 3 waiting')
    op = open('site/syscalls/openat.html').read()
    ok(any(n[4] == 1 for n in ktree(op)), 'openat.html: its stop stacks merged')
    ov = open('site/index.html').read()
    ok('kernel.html' in ov and 'upstream v6.1.76' in ov, 'overview: the running kernel card')
    # exports
    recs = [json.loads(l) for l in open('e.jsonl')]
    ok(len([r for r in recs if r['type'] == 'kstack']) == 3, 'jsonl: each stack once')
    ok(len([r for r in recs if r['type'] == 'stop_kstack']) == 2, 'jsonl: the two stop stacks')
    ok(len([r for r in recs if r['type'] == 'kstack_sample']) == 3, 'jsonl: the three samples')
    ch = json.load(open('c.json'))['traceEvents']
    ks_ev = [e for e in ch if e.get('cat') == 'kernel-stack']
    ok(len(ks_ev) == 5 and all(e['ph'] == 'i' and e['args']['frames'] for e in ks_ev),
       'chrome: an instant per stop stack and sample, with frames')
    ok(not os.path.exists('site/data/current.js') and 'On the current kernel' not in op,
       '--current-index none: no current-kernel column')
    current()
    finish()


def current():
    """The same trace (a 6.1 kernel) with the default: Debian's 6.12 beside the index."""
    p = subprocess.run([os.environ['SYSATLAS'], 'report', 'small.db', '--index', 'index.db',
                        '-o', 'site-cur'], capture_output=True, text=True)
    if not ok(p.returncode == 0, 'report of a 6.x trace by default: ' + p.stderr.strip()[-300:]):
        return
    ok('the report shows Linux 6.12.118-1~deb12u1 beside it' in p.stderr,
       'the kernel note says what is shown beside the index')
    cur = call_args('site-cur/data/current.js', 'current')[0]
    ok(cur['a'] == 'Linux v5.7 x86_64' and cur['b'] == 'Linux 6.12.118-1~deb12u1 x86_64',
       'current.js names both trees: %s / %s' % (cur['a'], cur['b']))
    paths = {q['name']: q['rows'] for q in cur['paths']}
    ok(sorted(paths) == ['syscall-dispatch', 'syscall-enter', 'syscall-exit'],
       'the three kernel paths side by side')
    enter = paths.get('syscall-enter', [])
    deb = 'https://sources.debian.org/src/linux/6.12.118-1~deb12u1/'
    ok(any(w[0] == 'only-b' and w[5] == 'ptrace_report_syscall_entry' and
           w[7] == deb + 'include/linux/ptrace.h/#L449' for w in enter),
       "6.12's ptrace_report_syscall_entry, only in the second, linked to its Debian line")
    ok(any(w[0] == 'only-a' and w[1] == 'tracehook_report_syscall_entry' for w in enter),
       "v5.7's tracehook_report_syscall_entry only in the first")
    ok(all(w[1] == w[5] for w in enter if w[0] in ('same', 'moved')),
       'aligned rows are the same function on both sides')
    rts = with_stacks('site-cur', [call_args(os.path.join('site-cur/data', n), 'roundtrip')[1]
           for n in sorted(os.listdir('site-cur/data')) if re.match(r'rt-[0-9]+\.js$', n)])
    # a stop's round trip (rt-stop-KIND.js) carries its kernel paths in both trees
    stops = [call_args(os.path.join('site-cur/data', n), 'roundtrip')[1]
             for n in sorted(os.listdir('site-cur/data')) if n.startswith('rt-stop-')]
    for st in stops:
        cp = st.get('current', {}).get('paths', [])
        ok(cp and all(q['rows'] for q in cp) and
           any(w[7].startswith(deb) for q in cp for w in q['rows']),
           "the %s stop's kernel paths beside their 6.12 lines" % st['stop'])
    defs = [r['current']['def'] for r in rts if 'current' in r]
    ok(len(defs) == len(rts), 'every round trip has its current-kernel definition')
    ok(any(d[1][0] == 'sys_openat' and d[1][2] == deb + 'fs/open.c/#L1447' for d in defs),
       "openat's 6.12 definition, linked to fs/open.c:1447")
    obs = [o for r in rts for o in r['observed'] if o['stop'] == 'syscall-enter' and 'rows' in o]
    if ok(obs, 'the observed enter stack is there'):
        pairs = [(w[0], w[1]) for w in obs[0]['rows']]
        ok(obs[0]['index'] == '6.12.118-1~deb12u1' and ('same', 'syscall_trace_enter') in pairs and
           ('index-only', 'ptrace_report_syscall_entry') in pairs,
           'a 6.1 stack is aligned with the nearer 6.12 path: %s' % pairs)
        ok(obs[0]['rows'][-1][5] == deb + 'kernel/signal.c/#L2256',
           'a frame links to its 6.12 line: ' + obs[0]['rows'][-1][5])
        ok(obs[0]['rows'][-1][6] == 'https://github.com/torvalds/linux/blob/v5.7/kernel/signal.c#L2120',
           'and to its v5.7 line: ' + obs[0]['rows'][-1][6])
        also = obs[0].get('also', {})
        apairs = [(w[0], w[1]) for w in also.get('rows', [])]
        ok(also.get('index') == 'v5.7' and ('index-only', 'tracehook_report_syscall_entry') in apairs
           and ('same', 'ptrace_stop') in apairs,
           'the same stack aligned with the v5.7 path too: %s' % apairs)
    ks2 = call_args('site-cur/data/kstacks.js', 'kstacks')[0]
    ok(ks2['index'] == '6.12.118-1~deb12u1' and ks2['also'] == 'v5.7' and
       any(len(f) > 3 and f[3].startswith('https://github.com/torvalds/linux/blob/v5.7/')
           for st in ks2['stacks'] for f in st),
       'kstacks.js: frames link to the 6.12 and the v5.7 lines')
    kern2 = open('site-cur/kernel.html').read()
    ok('>6.12.118-1~deb12u1</a>' in kern2 and '>v5.7</a>' in kern2,
       'kernel.html: frames tagged with both indexes')
    op = open('site-cur/syscalls/openat.html').read()
    m = re.search(r'<section id="sc-rt" data-rt="(\d+)">', op)
    rt = call_args('site-cur/data/rt-%s.js' % m.group(1), 'roundtrip')[1] if m else {}
    ok(m and 'id="sc-current"' in op and
       rt.get('current', {}).get('def', [[], ['', '', '']])[1][2] == deb + 'fs/open.c/#L1447',
       "openat.html: the current kernel beside the index, from its round trip's 6.12 definition")
    ov = open('site-cur/index.html').read()
    ok('current kernel shown' in ov and '6.12.118-1~deb12u1' in ov, 'overview: the current kernel named')


def finish():
    fails = 0
    for i, (c, what) in enumerate(tests, 1):
        print('%s %d - %s' % ('ok' if c else 'not ok', i, what))
        fails += not c
    print('1..%d' % len(tests))
    sys.exit(1 if fails else 0)


if len(sys.argv) == 4 and sys.argv[1] == '--add-stacks':
    add_stacks(sys.argv[2], sys.argv[3])     # the browser test's fixture
else:
    main()
