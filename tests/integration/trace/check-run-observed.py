#!/usr/bin/env python3
"""check-run-observed.py SITE: the report of a real run with kernel stacks.

The site of `sysatlas run -f -- sh -c '(sleep 0.3; echo hi) | wc -c'` on
this machine: wc's read waited, and the report says where (its samples, in
the read path); every round trip's observed stacks are aligned with the
index's paths and every frame is a link.  Prints TAP.
"""
import json
import os
import re
import sqlite3
import sys

site = sys.argv[1]
tests = []


def ok(cond, what):
    tests.append((bool(cond), what))
    return cond


def args_of(path, fn):
    text = open(path, encoding='utf-8').read()
    body = text[len('sysatlas.%s(' % fn):text.rstrip().rfind(');')]
    return json.loads('[' + body + ']')


db = sqlite3.connect(os.path.join(site, 'trace.db'))
rd = db.execute("SELECT e.seq FROM event e JOIN task t ON t.tid = e.tid WHERE t.comm = 'wc' "
                "AND e.kind = 'enter' AND e.nr = 0 AND EXISTS (SELECT 1 FROM kstack_sample s "
                "WHERE s.call_seq = e.seq)").fetchall()
ok(rd, "wc's read was sampled while it waited")
kern = open(os.path.join(site, 'kernel.html')).read()
if rd:
    ok(re.search(r'#%d read</a>' % rd[0][0], kern), 'kernel.html lists that read among the calls that waited')
ks = args_of(os.path.join(site, 'data/kstacks.js'), 'kstacks')[0]
ok(ks['upstream'], 'the running kernel has an upstream version: ' + ks['upstream'])
waits = []
for n in sorted(os.listdir(os.path.join(site, 'data'))):
    if n.startswith('d-'):
        for row in args_of(os.path.join(site, 'data', n), 'detail')[1]:
            if len(row) > 7:
                waits.append(row[7])
read_path = [w for ws in waits for w in ws
             if any(f[0].split('+')[0] in ('vfs_read', 'ksys_read') for f in ks['stacks'][w[0]])]
ok(read_path, 'a call waited in the read path (vfs_read/ksys_read)')
frames = [f for st in ks['stacks'] for f in st]
ok(frames and all(re.match(r'https://elixir\.bootlin\.com/linux/v[0-9.]+/C/ident/', f[1]) for f in frames),
   'every frame links to its running version by identifier')
# the stacks are aligned with the index nearer the running kernel: on a
# 6.x kernel the built-in 6.12 (Debian's tree), else v5.7
line_url = {'v5.7': 'https://github.com/torvalds/linux/blob/v5.7/',
            '6.12.118-1~deb12u1': 'https://sources.debian.org/src/linux/6.12.118-1~deb12u1/'}
ok(ks['index'] in line_url, 'the stacks are aligned with a built-in index: ' + ks['index'])
ok(any(f[2].startswith(line_url.get(ks['index'], '?')) for f in frames),
   'frames the index has link to their %s line too' % ks['index'])
major = int(re.match(r'v(\d+)', ks['upstream']).group(1)) if re.match(r'v\d+', ks['upstream']) else 0
ok((ks['index'] == '6.12.118-1~deb12u1') == (major >= 6) and
   os.path.exists(os.path.join(site, 'data/current.js')) == (major >= 6),
   'a 6.x kernel gets the 6.12 column and alignment, another kernel neither')
rts = [args_of(os.path.join(site, 'data', n), 'roundtrip')[1]
       for n in os.listdir(os.path.join(site, 'data')) if re.match(r'rt-([0-9]+|stop-[a-z]+)\.js$', n)]
stacks = args_of(os.path.join(site, 'data', 'rt-steps.js'), 'phases')[1]
obs = [stacks[k] for r in rts for k in r['stacks'] if 'rows' in stacks[k]]
ok(obs, 'round trips show observed stacks')
enter = [o for o in obs if o['stop'] == 'syscall-enter']
ok(enter and all(any(w[0] == 'same' and w[1] == 'ptrace_stop' for w in o['rows']) and
                 any(w[0] == 'same' and w[1] == 'do_syscall_64' for w in o['rows']) for o in enter),
   'every observed enter stack is aligned with the index\'s path at do_syscall_64 and ptrace_stop')
ok(all(w[4] for o in obs for w in o['rows'] if w[3]), 'every observed frame in a round trip is a link')
# aligned with 6.12 on a 6.x kernel, and with v5.7 as well: the path the round trip explains
v57 = [(o['stop'], o['also'] if 'also' in o else o) for o in obs]
ok(all(a['index'] == 'v5.7' for _, a in v57) if major >= 6 else all('also' not in o for o in obs),
   'on a 6.x kernel every observed stack is also aligned with the v5.7 path')
ok(all(any(w[0] == 'same' and w[1] == 'ptrace_stop' for w in a['rows']) and
       any(w[0] == 'same' and w[1] == 'do_syscall_64' for w in a['rows'])
       for stop, a in v57 if stop in ('syscall-enter', 'syscall-exit')),
   'every observed enter and exit stack meets the v5.7 path at do_syscall_64 and ptrace_stop')
ok(major < 6 or any(w[6].startswith(line_url['v5.7']) for o in obs for w in o['rows'] if len(w) > 6),
   'frames link to their v5.7 line as well')
ok(all(w[2] for o in obs for w in o['rows'] if w[1]), 'every indexed step in a round trip is a link')
for i, (c, what) in enumerate(tests, 1):
    print('%s %d - %s' % ('ok' if c else 'not ok', i, what))
print('1..%d' % len(tests))
sys.exit(0 if all(c for c, _ in tests) else 1)
