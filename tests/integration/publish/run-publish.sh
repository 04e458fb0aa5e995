#!/bin/sh
# run-publish.sh CASE: the report as published (issue 16): what trace.db
# holds and the overview says of it, --no-db, --redact, the label of
# syscalls newer than the index, SVG files, print, the site's files.
# $SYSATLAS, $PROG (prog-publish), $GEN_TRACE name the binaries.
set -eu

case_=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
cd "$tmp"

fail() { echo "FAIL: publish-$case_: $*" >&2; exit 1; }
marker=PUBLISH-MARKER-7f3a9c

# q DB SQL: the rows of a query, one a line, columns by |
q() {
	python3 -c 'import sqlite3, sys
for row in sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True).execute(sys.argv[2]):
    print("|".join(str(c) for c in row))' "$1" "$2"
}

need_trace() {
	if ! "$SYSATLAS" trace -o probe.db -- true >/dev/null 2>&1; then
		echo "skip: sysatlas trace cannot trace here"
		exit 77
	fi
}

# no_marker DIR: nothing under DIR (pages, data, SVG, DOT, trace.db) holds it
no_marker() {
	if grep -rl -a "$marker" "$1" >hits; then
		fail "$1 holds the marker: $(cat hits)"
	fi
	# and not in a form the pages escape (JSON, HTML): the first half of it
	if grep -rl -a "PUBLISH-MARK" "$1" >hits; then
		fail "$1 holds part of the marker: $(cat hits)"
	fi
}

case $case_ in
default)
	need_trace
	"$SYSATLAS" run -o site -- "$PROG" >out 2>err || fail "run failed: $(cat err)"
	grep -q "$marker" out || fail "the program did not write its marker"
	[ -f site/trace.db ] || fail "run left trace.db out without --no-db"
	grep -q 'id="privacy"' site/index.html || fail "no privacy note on the overview"
	grep -q '<a href="trace.db" download>trace.db</a>' site/index.html ||
		fail "the note does not link trace.db"
	for w in 'command line' 'working directory' 'environment' 'read or wrote' '--redact' '--no-db'; do
		grep 'id="privacy"' site/index.html | grep -q -e "$w" || fail "the note does not say '$w'"
	done
	grep -rl -a "$marker" site/data >/dev/null || fail "the marker is not in the site's data: nothing to redact?"
	# report copies the trace into its site, a self-contained file
	"$SYSATLAS" report site/trace.db -o copy >/dev/null 2>err || fail "report failed: $(cat err)"
	[ -f copy/trace.db ] || fail "report left trace.db out without --no-db"
	[ "$(q copy/trace.db 'SELECT count(*) FROM event')" = \
	  "$(q site/trace.db 'SELECT count(*) FROM event')" ] || fail "the copy lacks events"
	[ "$(od -An -tu1 -j18 -N2 copy/trace.db | tr -s ' ')" = " 1 1" ] ||
		fail "the copied trace.db is in WAL mode"
	stray=$(ls copy | grep -e '-wal$' -e '-shm$' -e '-journal$' || true)
	[ -z "$stray" ] || fail "left in the site: $stray"
	;;
nodb)
	need_trace
	"$SYSATLAS" run -o site --no-db -- "$PROG" >out 2>err || fail "run --no-db failed: $(cat err)"
	[ "$(tail -n 1 out)" = "site/index.html" ] || fail "did not print the path of index.html"
	"$SYSATLAS" trace -o t.db -- "$PROG" >/dev/null 2>&1 || fail "trace failed"
	"$SYSATLAS" report t.db -o rep --no-db >/dev/null 2>err || fail "report --no-db failed: $(cat err)"
	for d in site rep; do
		found=$(find "$d" -name '*.db*' | head -n 1)
		[ -z "$found" ] || fail "$d holds $found"
		grep -q 'id="privacy"' "$d/index.html" || fail "no privacy note in $d"
		grep -q 'without trace.db' "$d/index.html" || fail "$d's note does not say trace.db is left out"
		if grep -rl -e 'href="trace.db"' -e "href='trace.db'" -e '"trace.db"' "$d" >hits; then
			fail "a page links trace.db: $(cat hits)"
		fi
	done
	# --force into a site that had one: the old file is named
	"$SYSATLAS" report t.db -o copy >/dev/null 2>&1 || fail "report failed"
	"$SYSATLAS" report t.db -o copy --force --no-db >/dev/null 2>err || fail "report --force --no-db failed"
	grep -q "copy/trace.db is still there from before" err || fail "no warning of the old trace.db: $(cat err)"
	;;
redact)
	need_trace
	"$SYSATLAS" run -o site --redact -- "$PROG" >out 2>err || fail "run --redact failed: $(cat err)"
	grep -q "$marker" out || fail "the program did not write its marker"
	[ -f site/trace.db ] || fail "no trace.db in the site"
	[ ! -e site/unpublished-trace.db ] || fail "the unredacted trace is left in the site"
	no_marker site
	q site/trace.db "SELECT text FROM event WHERE kind = 'exit' AND text LIKE 'write(1,%'" >w
	grep -q '^write(1, "<22 bytes>", 22) = 22$' w || fail "write not redacted to its length: $(cat w)"
	grep -q 'redacted\|replaced by their lengths' site/index.html || fail "the note does not say it is redacted"
	# report --redact: a redacted copy; the input is not touched
	"$SYSATLAS" trace -o t.db -- "$PROG" >/dev/null 2>&1 || fail "trace failed"
	sum=$(cksum <t.db)
	"$SYSATLAS" report t.db -o rep --redact --chrome c.json --jsonl e.jsonl >/dev/null 2>err ||
		fail "report --redact failed: $(cat err)"
	[ "$(cksum <t.db)" = "$sum" ] || fail "report --redact changed its input"
	q t.db "SELECT count(*) FROM event WHERE text LIKE '%$marker%'" | grep -qx '[1-9][0-9]*' ||
		fail "the input lost its marker"
	no_marker rep
	for f in c.json e.jsonl; do
		if grep -q -a "$marker" $f; then fail "$f holds the marker"; fi
	done
	# the slide-ready timeline too
	mkdir tl
	"$SYSATLAS" report t.db --svg-timeline 1..100000 --svg-calls 400 --redact -o tl/tl.svg >/dev/null 2>err ||
		fail "report --svg-timeline --redact failed: $(cat err)"
	grep -q 'bytes&gt;' tl/tl.svg || fail "no redacted string in the SVG timeline"
	no_marker tl
	# redacting a redacted trace changes nothing
	"$SYSATLAS" report site/trace.db -o again --redact >/dev/null 2>&1 || fail "report of a redacted trace failed"
	q again/trace.db "SELECT text FROM event WHERE kind = 'exit' AND text LIKE 'write(1,%'" | cmp -s - w ||
		fail "redacting twice changed the text"
	;;
newer)
	# faccessat2 (5.8) and close_range (5.9) against the v5.7 index: added after it
	need_trace
	"$SYSATLAS" run -o site --index v5.7 -- "$PROG" >/dev/null 2>err || fail "run failed: $(cat err)"
	"$SYSATLAS" run -o none --index v5.7 --current-index none -- "$PROG" >/dev/null 2>err ||
		fail "run failed: $(cat err)"
	for d in site none; do
		for sc in faccessat2 close_range; do
			f=$d/syscalls/$sc.html
			[ -f "$f" ] || fail "no page for $sc in $d"
			grep -q '<tr><th>definition</th><td><span class="missing added-after">added after v5.7 (' "$f" ||
				fail "$f: not labelled added after v5.7"
			grep -A0 '<th>definition</th>' "$f" | grep -q 'not in the index' &&
				fail "$f: still 'not in the index'"
			grep -l "kernel definition of $sc: added after v5.7" $d/data/rt-*.js >/dev/null ||
				fail "$d: the round trip of $sc does not say added after v5.7"
		done
		# a syscall v5.7 has is not labelled
		grep -q 'added after' $d/syscalls/write.html && fail "$d: write labelled added after"
	done
	# the evidence: faccessat2's number is past v5.7's last; close_range (436)
	# is a hole in v5.7's table, which 6.12's table or the tracer's fills
	grep -q 'its number, 439, is above the last' site/syscalls/faccessat2.html || fail "faccessat2: no number evidence"
	grep -q "table has it as number 436" site/syscalls/close_range.html || fail "close_range: 6.12 not named"
	grep -q "the tracer&#39;s table names number 436 close_range" none/syscalls/close_range.html ||
		fail "close_range without 6.12: the tracer's name not used"
	# the 6.12 index has both: nothing is added after it
	"$SYSATLAS" run -o new --index 6.12 -- "$PROG" >/dev/null 2>err || fail "run failed: $(cat err)"
	grep -q 'added after' new/syscalls/faccessat2.html new/syscalls/close_range.html &&
		fail "labelled added after 6.12"
	;;
svg)
	# every drawing graphviz made (the process tree, how tracing started) has
	# a link to its SVG file, which exists and is XML with an <svg> root; the
	# drawings the pages make (round trips, stacks) offer theirs as a data:
	# download
	need_trace
	"$SYSATLAS" run -o site -- "$PROG" 3 >/dev/null 2>err || fail "run failed: $(cat err)"
	python3 - site <<-'PY' || fail "SVG links"
	import glob, os, re, sys, xml.etree.ElementTree as ET
	site = sys.argv[1]
	bad, n = [], 0
	for page in glob.glob(site + '/*.html') + glob.glob(site + '/syscalls/*.html'):
	    html = open(page, encoding='utf-8').read()
	    graphs = len(re.findall(r'<div class="graph">', html))
	    links = re.findall(r'<p class="svg-dl"><a href="([^"]+)" download>', html)
	    if len(links) != graphs:
	        bad.append('%s: %d drawings, %d SVG links' % (page, graphs, len(links)))
	    for href in links:
	        f = os.path.normpath(os.path.join(os.path.dirname(page), href))
	        if not f.startswith(site + '/graphs/') or not f.endswith('.svg') or not os.path.isfile(f):
	            bad.append('%s: %s does not resolve to an SVG file' % (page, href)); continue
	        root = ET.parse(f).getroot()
	        if root.tag != '{http://www.w3.org/2000/svg}svg':
	            bad.append('%s: root %s' % (f, root.tag))
	        n += 1
	if n < 2 or bad:
	    sys.exit('\n'.join(bad) or 'only %d SVG links' % n)
	PY
	[ -f site/graphs/tasks.svg ] || fail "no tasks.svg"
	# the drawings the pages make themselves (draw.js) offer theirs too: a
	# syscall page's round trip and stacks (the browser test draws them)
	grep -q 'id="sc-graph" class="graph drawn"' site/syscalls/write.html ||
		fail "write.html: no round trip to draw"
	grep -q "data:image/svg+xml;charset=utf-8," site/assets/draw.js && grep -q "S.draw.download(svg" site/assets/draw.js && grep -q "S.rtview.show(" site/assets/timeline.js ||
		fail "the round trip offers no SVG download"
	;;
print)
	# a print stylesheet: on A4, without the controls, a drawing whole (no
	# scroll box, no window-sized height), scaled to the page
	need_trace
	"$SYSATLAS" run -o site -- "$PROG" >/dev/null 2>err || fail "run failed: $(cat err)"
	python3 - site/assets/sysatlas.css <<-'PY' || fail "print stylesheet"
	import re, sys
	css = open(sys.argv[1]).read()
	m = re.search(r'@media print\s*{', css)
	if not m:
	    sys.exit('no @media print')
	depth, i = 1, m.end()
	while depth and i < len(css):
	    depth += {'{': 1, '}': -1}.get(css[i], 0); i += 1
	block = css[m.end():i]
	rules = dict((sel.strip(), body) for sel, body in re.findall(r'([^{}]+){([^{}]*)}', block))
	def rule(sel):
	    for k, v in rules.items():
	        if sel in [s.strip() for s in k.split(',')]:
	            return v
	    sys.exit('no print rule for ' + sel)
	if 'size: A4' not in block:
	    sys.exit('no @page A4')
	g = rule('.rt-grid .graph')
	for want in ('overflow: visible', 'max-height: none', 'position: static'):
	    if want not in g:
	        sys.exit('.rt-grid .graph lacks ' + want)
	svg = rule('.graph svg')
	for want in ('max-width: 100%', 'height: auto', 'max-height: 265mm'):
	    if want not in svg:
	        sys.exit('.graph svg lacks ' + want)
	if 'display: none' not in rule('.tl-controls') or 'display: none' not in rule('header.top'):
	    sys.exit('the controls print')
	PY
	for f in site/index.html site/timeline.html site/syscalls/write.html; do
		grep -q 'href="[./]*assets/sysatlas.css"' $f || fail "$f does not use the stylesheet"
	done
	;;
size)
	# the issue's target: a 300-call trace's site without trace.db is at
	# most 1 MB (10^6 bytes); the round trips, call trees and stacks are
	# data the pages draw, each phase and stack written once for the site
	need_trace
	"$SYSATLAS" trace -o t.db -- "$PROG" 36 >/dev/null 2>err || fail "trace failed: $(cat err)"
	calls=$(q t.db "SELECT count(*) FROM event WHERE kind = 'enter'")
	[ "$calls" -ge 300 ] || fail "prog-publish 36 made $calls calls, not 300 or more"
	"$SYSATLAS" report t.db -o site --no-db >/dev/null 2>err || fail "report failed: $(cat err)"
	bytes=$(find site -type f -exec cat {} + | wc -c)
	echo "# $calls calls: a site of $bytes bytes in $(find site -type f | wc -l) files"
	[ "$bytes" -le 1000000 ] || fail "$calls calls make a site of $bytes bytes, over 1 MB"
	[ -f site/data/rt-steps.js ] && [ ! -e site/trace.db ] || fail "no rt-steps.js, or a trace.db"
	;;
files)
	# per-call data is packed: the files of a site grow with the distinct
	# calls (syscall x mechanisms) and 16384-call timeline chunks, not with
	# the calls; 10^4 and 10^5 generated events (same mix) differ by a few
	# chunks only
	"$GEN_TRACE" 10000 e4.db 1 >/dev/null 2>&1 || fail "gen-trace failed"
	"$GEN_TRACE" 100000 e5.db 1 >/dev/null 2>&1 || fail "gen-trace failed"
	"$SYSATLAS" report e4.db -o s4 --no-db >/dev/null 2>err || fail "report failed: $(cat err)"
	"$SYSATLAS" report e5.db -o s5 --no-db >/dev/null 2>err || fail "report failed: $(cat err)"
	n4=$(find s4 -type f | wc -l)
	n5=$(find s5 -type f | wc -l)
	calls=$(q e5.db "SELECT count(*) FROM event WHERE kind = 'enter'")
	[ "$calls" -gt 40000 ] || fail "the 10^5-event trace has only $calls calls"
	[ "$n5" -le 600 ] || fail "$n5 files for 10^5 events ($calls calls)"
	[ $((n5 - n4)) -le 40 ] || fail "10^4 events: $n4 files, 10^5: $n5 — files grow with the calls"
	;;
*)
	fail "unknown case"
	;;
esac
exit 0
