#!/usr/bin/env python3
"""check-svgtl.py SYSATLAS TEST_DOT DIR: `report --svg-timeline` on the
fixtures in DIR (small.db, index.db from mkfixture).

What is expected is computed here from trace.db and index.db with sqlite3,
never read from what sysatlas wrote: one node per call of the range, each
with its round-trip link (timeline.html#e=SEQ) and its kernel definition's
URL (the index's template), a lane (cluster) per thread holding its calls,
fork edges from the fork to the child's first event, a failure mark on
each failing call, the cut note past the limit, bad ranges refused with
nothing written, and a trace full of quotes, <, &, ]]> and javascript:
giving SVG that parses and says exactly that text, and DOT that graphviz
parses (TEST_DOT).
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

SYSATLAS, TEST_DOT, DIR = sys.argv[1:4]
os.chdir(DIR)
NS = {'svg': 'http://www.w3.org/2000/svg', 'xlink': 'http://www.w3.org/1999/xlink'}
HREF = '{http://www.w3.org/1999/xlink}href'
TITLE = '{http://www.w3.org/1999/xlink}title'
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print('FAIL: ' + what, file=sys.stderr)


def run(*args):
    return subprocess.run([SYSATLAS, 'report'] + list(args), capture_output=True, text=True)


def calls_of(db, where='1', params=()):
    """(seq, tid, nr, retval, t_ns) of each call: an enter, or an exit without one."""
    con = sqlite3.connect(db)
    start = con.execute('SELECT mono_start_ns FROM run').fetchone()[0]
    rows = con.execute(
        "SELECT e.seq, e.tid, e.nr, x.retval, e.ts_ns - ? FROM event e "
        "LEFT JOIN event x ON x.kind = 'exit' AND x.enter_seq = e.seq "
        "WHERE e.kind = 'enter' AND " + where + " ORDER BY e.seq", (start,) + tuple(params)).fetchall()
    con.close()
    return rows


def kernel_url(nr):
    """The definition's URL from index.db's tree template, or None."""
    con = sqlite3.connect('index.db')
    row = con.execute(
        "SELECT t.url_template, t.version, f.path, s.line FROM syscall y "
        "JOIN tree t ON t.id = y.tree_id AND t.kind = 'linux' "
        "JOIN symbol s ON s.id = y.definition_id JOIN file f ON f.id = s.file_id "
        "WHERE y.nr = ? AND y.abi IN ('common', '64')", (nr,)).fetchone()
    con.close()
    if not row:
        return None
    tmpl, version, path, line = row
    return tmpl.replace('{version}', version).replace('{path}', path).replace('{line}', str(line))


def nodes(svg):
    """id -> (class, [hrefs], [link titles], texts, shapes) of each node."""
    root = ET.parse(svg).getroot()
    out = {}
    for g in root.iter('{http://www.w3.org/2000/svg}g'):
        cls = g.get('class', '').split()
        if 'node' not in cls:
            continue
        hrefs = [a.get(HREF) for a in g.iter('{http://www.w3.org/2000/svg}a')]
        titles = [a.get(TITLE) for a in g.iter('{http://www.w3.org/2000/svg}a')]
        texts = [t.text or '' for t in g.iter('{http://www.w3.org/2000/svg}text')]
        shapes = [e for e in g if e.tag.split('}')[1] in ('path', 'polygon', 'ellipse')]
        out[g.get('id')] = (cls, hrefs, titles, texts, shapes)
    return root, out


def edges(svg):
    root = ET.parse(svg).getroot()
    out = []
    for g in root.iter('{http://www.w3.org/2000/svg}g'):
        cls = g.get('class', '').split()
        if 'edge' in cls:
            t = g.find('svg:title', NS).text
            out.append((cls, t.replace('->', ' ').split()))
    return out


def dot_lanes(dot):
    """cluster -> (label, [node ids]) from the DOT text."""
    lanes, cur = {}, None
    for line in open(dot, encoding='utf-8'):
        m = re.match(r'\s*subgraph (cluster_L\d+) \{', line)
        if m:
            cur = m.group(1)
            lanes[cur] = [None, []]
            continue
        if cur and lanes[cur][0] is None:
            m = re.match(r'\s*label="(.*)",?$', line)
            if m:
                lanes[cur][0] = m.group(1)
        m = re.match(r'\s*([cm]\d+)\s*\[', line)
        if cur and m:
            lanes[cur][1].append(m.group(1))
        if re.match(r'\t\}', line):
            cur = None
    return lanes


def test_dot(path):
    r = subprocess.run([TEST_DOT, path], capture_output=True, text=True)
    check(r.returncode == 0 and 'not ok' not in r.stdout, 'graphviz parses %s: %s' % (path, r.stdout[-400:]))


# --- the whole small trace, every call ------------------------------------
r = run('small.db', '--index', 'index.db', '--svg-timeline', '1..1000', '-o', 'all.svg')
check(r.returncode == 0, 'report --svg-timeline 1..1000: %s' % r.stderr)
check(r.stdout.strip() == 'all.svg', 'prints the SVG path, not %r' % r.stdout)
check(os.path.exists('all.dot'), 'the DOT is written beside the SVG')
root, ns = nodes('all.svg')
calls = calls_of('small.db')
check(len(calls) == 13, 'the fixture has 13 calls (%d)' % len(calls))
call_nodes = [k for k, v in ns.items() if 'call' in v[0]]
check(sorted(call_nodes) == sorted('c%d' % c[0] for c in calls),
      'one node per call: %s' % sorted(call_nodes))
for seq, tid, nr, rv, t in calls:
    n = ns.get('c%d' % seq)
    if not n:
        continue
    cls, hrefs, titles, texts, shapes = n
    check('timeline.html#e=%d' % seq in hrefs, 'c%d links its round trip: %s' % (seq, hrefs))
    url = kernel_url(nr)
    if url:
        check(url in hrefs, 'c%d links its kernel definition %s: %s' % (seq, url, hrefs))
    else:
        check(len(hrefs) == 1 and any('no definition' in t for t in texts),
              'c%d (no definition in the index) has no kernel link: %s' % (seq, hrefs))
    failed = rv is not None and -4095 <= rv < 0
    check(('failed' in cls) == failed, 'c%d failure class %s (retval %s)' % (seq, cls, rv))
    if failed:
        check(len(shapes) >= 2, 'c%d failing: a double outline (%d shapes)' % (seq, len(shapes)))
        check(any(t.startswith('\u2717') for t in texts), 'c%d failing: marked with a cross %s' % (seq, texts))
    else:
        check(not any(t.startswith('\u2717') for t in texts), 'c%d not failing: no cross' % seq)
check(sum('failed' in v[0] for v in ns.values()) == 2, 'two failing calls marked (openat, read)')

# lanes: one cluster per thread, holding that thread's calls
con = sqlite3.connect('small.db')
tids = [t for (t,) in con.execute("SELECT DISTINCT tid FROM event ORDER BY tid")]
forks = con.execute("SELECT seq, other_tid FROM event WHERE kind IN ('fork', 'vfork', 'clone')").fetchall()
first = {t: s for t, s in con.execute("SELECT tid, min(seq) FROM event GROUP BY tid")}
execs = con.execute("SELECT seq FROM event WHERE kind = 'exec'").fetchall()
sigs = con.execute("SELECT seq FROM event WHERE kind = 'signal'").fetchall()
con.close()
lanes = dot_lanes('all.dot')
check(len(lanes) == len(tids), '%d lanes for %d threads' % (len(lanes), len(tids)))
for seq, tid, nr, rv, t in calls:
    holder = [l for l, (label, ids) in lanes.items() if 'c%d' % seq in ids]
    check(len(holder) == 1 and ('tid %d' % tid) in lanes[holder[0]][0],
          'c%d in the lane of tid %d: %s' % (seq, tid, holder))
clusters = [g for g in root.iter('{http://www.w3.org/2000/svg}g') if g.get('class') == 'cluster']
check(len(clusters) == len(tids), 'SVG: a cluster per thread')

# fork and clone edges: from the marker to the child's first event
es = edges('all.svg')
fork_edges = [e for c, e in es if 'fork' in c]
check(len(forks) == 2, 'fixture: a fork and a clone')
for seq, child in forks:
    want = [('m%d' % seq), None]
    check(any(e[0] == 'm%d' % seq and e[1] in ('c%d' % first[child], 'm%d' % first[child])
              for e in fork_edges), 'fork %d -> first event %d of %d: %s' % (seq, first[child], child, fork_edges))
check(all(('m%d' % s) in ns and 'exec' in ns['m%d' % s][0] for (s,) in execs), 'exec marked')
check(all(('m%d' % s) in ns and 'signal' in ns['m%d' % s][0] for (s,) in sigs), 'signal marked')
check(any('SIGCHLD' in ' '.join(ns['m%d' % s][3]) for (s,) in sigs), 'the signal is named')
check(any('exit' in c for c, e in es), 'the child exit is joined to the wait4 that reaped it')
check('cut' not in ''.join(t.text or '' for t in root.iter('{http://www.w3.org/2000/svg}text')),
      'no cut note when nothing is cut')
test_dot('all.dot')

# --- seq, time and pid ranges ----------------------------------------------
r = run('small.db', '--index', 'index.db', '--svg-timeline', '5..12', '-o', 'part.svg')
_, ns = nodes('part.svg')
got = sorted(int(k[1:]) for k, v in ns.items() if 'call' in v[0])
check(got == [c[0] for c in calls if 5 <= c[0] <= 12], 'seqs 5..12: calls %s' % got)
t_lo, t_hi = calls[3][4], calls[6][4]
rng = '+%d.%06dms..+%d.%06dms' % (t_lo // 10**6, t_lo % 10**6, t_hi // 10**6, t_hi % 10**6)
r = run('small.db', '--index', 'index.db', '--svg-timeline', rng, '-o', 'time.svg')
check(r.returncode == 0, 'time range %s: %s' % (rng, r.stderr))
_, ns = nodes('time.svg')
got = sorted(int(k[1:]) for k, v in ns.items() if 'call' in v[0])
check(got == [c[0] for c in calls[3:7]], 'time range %s: calls %s' % (rng, got))
rng_us = '%dus..%dus' % (t_lo // 1000, (t_hi + 999) // 1000)
r = run('small.db', '--index', 'index.db', '--svg-timeline', rng_us, '-o', 'time2.svg')
check(r.returncode == 0, 'time range in us without +: %s' % r.stderr)
r = run('small.db', '--index', 'index.db', '--svg-timeline', 'pid:101', '-o', 'pid.svg',
        '--svg-site', 'https://example.org/r/')
_, ns = nodes('pid.svg')
got = sorted(int(k[1:]) for k, v in ns.items() if 'call' in v[0])
check(got == [c[0] for c in calls if c[1] == 101], 'pid:101: its calls only %s' % got)
check(all(any(h.startswith('https://example.org/r/timeline.html#e=') for h in v[1])
          for k, v in ns.items() if 'call' in v[0]), '--svg-site prefixes the round-trip links')
check(len(dot_lanes('pid.dot')) == 1, 'pid:101: one lane')
r = run('small.db', '--index', 'index.db', '--svg-timeline', 'pid:100', '-o', 'pid100.svg')
check(len(dot_lanes('pid100.dot')) == 2, 'pid:100: its two threads')

# --- bad ranges: a message, non-zero, nothing written -----------------------
os.mkdir('bad')
for bad in ['12..5', 'abc', '1..+3ms', '+1.5xs..+3ms', 'pid:999', 'pid:x', '900..1000', '',
            '+50s..+60s', '99999999999999999999..1', '1..', '..5', '1.5ms']:
    r = run('small.db', '--index', 'index.db', '--svg-timeline', bad, '-o', 'bad/t.svg')
    check(r.returncode != 0, 'bad range %r refused' % bad)
    check(r.stderr.startswith('sysatlas: --svg-timeline: '), 'bad range %r: message %r' % (bad, r.stderr))
    check(os.listdir('bad') == [], 'bad range %r: nothing written: %s' % (bad, os.listdir('bad')))
r = run('small.db', '--index', 'index.db', '--svg-timeline', '1..5', '-o', 'all.svg')
check(r.returncode != 0 and 'already exists' in r.stderr, 'an existing SVG needs --force')
r = run('small.db', '--index', 'index.db', '--svg-timeline', '1..5', '-o', 'all.svg', '--force')
check(r.returncode == 0, '--force replaces it')
r = run('small.db', '--svg-calls', '5')
check(r.returncode == 2, '--svg-calls without --svg-timeline is a usage error')
r = run('small.db', '--index', 'index.db', '--svg-timeline', '1..5', '--svg-calls', '0')
check(r.returncode == 2, '--svg-calls 0 is a usage error')

# --- the cut: more than 60 calls ---------------------------------------------
shutil.copy('small.db', 'many.db')
con = sqlite3.connect('many.db')
seq, ts = con.execute('SELECT max(seq), max(ts_ns) FROM event').fetchone()
ev = ("INSERT INTO event(seq, tid, ts_ns, kind, nr, retval, text, enter_seq) "
      "VALUES (?, 100, ?, ?, 39, ?, ?, ?)")
for i in range(100):
    con.execute(ev, (seq + 1, ts + 1000, 'enter', None, 'getpid(', None))
    con.execute(ev, (seq + 2, ts + 1500, 'exit', 100, 'getpid() = 100', seq + 1))
    seq, ts = seq + 2, ts + 2000
con.execute('UPDATE run SET ended_ns = ?', (ts + 1000,))
con.commit()
con.close()
total = len(calls_of('many.db'))
r = run('many.db', '--index', 'index.db', '--svg-timeline', '1..100000', '-o', 'many.svg')
check(r.returncode == 0, 'many: %s' % r.stderr)
root, ns = nodes('many.svg')
got = sorted(int(k[1:]) for k, v in ns.items() if 'call' in v[0])
check(got == [c[0] for c in calls_of('many.db')][:60], 'the first 60 calls drawn (%d)' % len(got))
text = ' '.join(t.text or '' for t in root.iter('{http://www.w3.org/2000/svg}text'))
check('cut: the first 60 of %d calls' % total in text, 'the cut note says 60 of %d: %s' % (total, text[:300]))
r = run('many.db', '--index', 'index.db', '--svg-timeline', '1..100000', '--svg-calls', '7', '-o', 'seven.svg')
_, ns = nodes('seven.svg')
check(sum('call' in v[0] for v in ns.values()) == 7, '--svg-calls 7: seven calls')

# --- hostile text: quotes, <, &, ]]>, javascript: ----------------------------
NASTY = 'q"<b>&amp;]]>javascript:alert(1)</text><script>x</script>\\N\'z'
shutil.copy('small.db', 'nasty.db')
con = sqlite3.connect('nasty.db')
con.execute('UPDATE task SET comm = ? WHERE tid = 100', (NASTY,))
con.execute("UPDATE event SET text = ? WHERE kind = 'exec'", ('javascript:' + NASTY,))
con.execute("UPDATE event SET text = ? WHERE seq = 8", ('openat(AT_FDCWD, "' + NASTY + '", O_RDONLY',))
con.execute("UPDATE event SET text = ? WHERE kind = 'exit' AND enter_seq = 8",
            ('openat(AT_FDCWD, "' + NASTY + '", O_RDONLY) = 3',))
con.commit()
con.close()
r = run('nasty.db', '--index', 'index.db', '--svg-timeline', '1..1000', '-o', 'nasty.svg')
check(r.returncode == 0, 'hostile trace: %s' % r.stderr)
try:
    root, ns = nodes('nasty.svg')
except ET.ParseError as e:
    check(False, 'hostile trace: the SVG parses as XML: %s' % e)
else:
    texts = [t.text or '' for t in root.iter('{http://www.w3.org/2000/svg}text')]
    check(any(t == NASTY + ' \u00b7 tid 100' for t in texts), 'the comm is shown as text: %s' % texts[:3])
    check(any(('exec javascript:' + NASTY)[:65] == t for t in texts) or
          any(t.startswith('exec javascript:q"<b>') for t in texts), 'the exec path is text')
    check(any(NASTY in (ttl or '') for v in ns.values() for ttl in v[2]), 'the strace line is a tooltip, as text')
    check(not list(root.iter('{http://www.w3.org/2000/svg}script')) and
          not any(e.tag.endswith('}b') for e in root.iter()), 'no element made from the trace')
    for e in root.iter():
        for k, v in e.attrib.items():
            if k in (HREF, 'href'):
                check(v.startswith('timeline.html#e=') or v.startswith('https://'),
                      'only computed links: %r' % v)
                check(not v.lstrip().lower().startswith('javascript:'), 'no javascript: link %r' % v)
test_dot('nasty.dot')
dot = open('nasty.dot', encoding='utf-8').read()
labels = re.findall(r'label=<(.*?)>[,\]]?$', dot, flags=re.M)
check(labels and not any('<script>' in l or '<b>' in l for l in labels),
      'DOT: the HTML-like labels carry the trace as text')

if failures:
    print('%d failures' % len(failures), file=sys.stderr)
    sys.exit(1)
print('ok')
