#!/usr/bin/env python3
"""rt-expand.py SITE OUT: each round trip of a report (SITE/data/rt-*.js)
written to OUT/ under the same name, its phases (numbers into
data/rt-steps.js) expanded into the steps they hold, one JSON object a line:

  {"lane":…,"phase":…,"text":…,"where":…,"url":…,"note":…,"noteUrl":…,
   "excerpt":…,"missing":…}

then the round trip's own file as written.  The tests grep these files; a
phase number the table lacks, or a table that does not parse, fails."""
import glob
import json
import os
import re
import sys


def call_args(path, fn):
    text = open(path, encoding='utf-8').read()
    m = re.match(r'\s*sysatlas\.' + fn + r'\(', text)
    if not m or not text.rstrip().endswith(');'):
        sys.exit('%s: not a sysatlas.%s(...) call' % (path, fn))
    return text, text[m.end():text.rstrip().rindex(')')]


def main():
    site, out = sys.argv[1], sys.argv[2]
    _, body = call_args(os.path.join(site, 'data', 'rt-steps.js'), 'phases')
    phases = json.loads('[' + body + ']')[0]
    os.makedirs(out, exist_ok=True)
    n = 0
    for path in sorted(glob.glob(os.path.join(site, 'data', 'rt-*.js'))):
        name = os.path.basename(path)
        if name == 'rt-steps.js':
            continue
        text, body = call_args(path, 'roundtrip')
        key, _, obj = body.partition(',')
        rt = json.loads(obj)
        lines = []
        for k in rt['phases']:
            if not (isinstance(k, int) and 0 <= k < len(phases)):
                sys.exit('%s: phase %r is not in data/rt-steps.js' % (path, k))
            lane, title, desc, _edge, rows = phases[k]
            for text_, where, url, note, note_url, excerpt, flags in rows:
                step = {'lane': lane, 'phase': desc or title, 'text': text_, 'where': where,
                        'url': url, 'note': note if flags & 8 else '',
                        'noteUrl': note_url if flags & 8 else '', 'excerpt': excerpt,
                        'missing': bool(flags & 1)}
                lines.append(json.dumps(step, ensure_ascii=False, separators=(',', ':')))
        with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n' + text)
        n += 1
    if not n:
        sys.exit('%s: no round trips' % site)


if __name__ == '__main__':
    main()
