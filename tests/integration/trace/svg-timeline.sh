#!/bin/sh
# report --svg-timeline on a real trace: prog-forks' three children are
# lanes of their own, each reached by a fork edge from the parent's fork
# and joined to the wait4 that reaped it; the exec of the program is
# marked; the SVG parses as XML and every call links its round trip.
. "$(dirname "$0")/lib.sh"
require_ptrace

db=$tmp/t.db
"$SYSATLAS" trace -f -o "$db" -- "$PROGS/prog-forks" 3 >/dev/null
pid=$(q "SELECT tid FROM task WHERE parent_tid IS NULL")
"$SYSATLAS" report "$db" --svg-timeline "pid:$pid" --svg-calls 2000 -o "$tmp/p.svg" >"$tmp/out" 2>"$tmp/err" ||
	fail "report --svg-timeline pid:$pid: $(cat "$tmp/err")"
dot=$tmp/p.dot
expect_eq "$(grep -c 'class=fork' "$dot")" 0 "no fork edges inside one process's lanes"
expect_eq "$(grep -c 'subgraph cluster_L' "$dot")" 1 "pid:$pid: one lane"
expect_eq "$(grep -c 'class="marker fork"' "$dot")" 3 "three fork markers"
"$SYSATLAS" report "$db" --svg-timeline "1..$(q "SELECT max(seq) FROM event")" --svg-calls 2000 \
	-o "$tmp/all.svg" >/dev/null 2>"$tmp/err" || fail "report --svg-timeline all: $(cat "$tmp/err")"
dot=$tmp/all.dot
expect_eq "$(grep -c 'subgraph cluster_L' "$dot")" 4 "a lane per process"
expect_eq "$(grep -c 'class=fork' "$dot")" 3 "a fork edge to each child"
expect_eq "$(grep -c 'class=exit' "$dot")" 3 "each child's exit joined to the wait4 that reaped it"
expect_ge "$(grep -c 'class="marker exec"' "$dot")" 1 "the exec is marked"
# each fork edge goes from a fork marker of the parent to the child's first event
for child in $(q "SELECT tid FROM task WHERE parent_tid = $pid"); do
	fseq=$(q "SELECT seq FROM event WHERE kind IN ('fork', 'vfork', 'clone') AND other_tid = $child")
	first=$(q "SELECT min(seq) FROM event WHERE tid = $child")
	grep -Eq "m$fseq -> [cm]$first[[:space:]]" "$dot" || fail "no edge m$fseq -> $first (child $child)"
done
python3 - "$tmp/all.svg" "$(q "SELECT count(*) FROM event WHERE kind = 'enter'")" <<'PY' || fail "the SVG"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
S, X = '{http://www.w3.org/2000/svg}', '{http://www.w3.org/1999/xlink}href'
calls = [g for g in root.iter(S + 'g') if 'call' in g.get('class', '').split()]
assert len(calls) == int(sys.argv[2]), (len(calls), sys.argv[2])
for g in calls:
    hrefs = [a.get(X) for a in g.iter(S + 'a')]
    assert 'timeline.html#e=' + g.get('id')[1:] in hrefs, (g.get('id'), hrefs)
PY
echo ok
