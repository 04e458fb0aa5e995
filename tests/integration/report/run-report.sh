#!/bin/sh
# run-report.sh CASE SRCDIR: one report test on fixtures made by mkfixture.
# $SYSATLAS and $MKFIXTURE name the binaries.  SYSATLAS_UPDATE_GOLDEN=1
# rewrites the golden files instead of comparing.
set -eu

case_=$1
src=$2
tmp=$(mktemp -d)
runner=
trap '[ -z "$runner" ] || kill -KILL -"$runner" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP
cd "$tmp"

fail() { echo "FAIL: report-$case_: $*" >&2; exit 1; }

"$MKFIXTURE" index index.db
"$MKFIXTURE" index index-root.db root
"$MKFIXTURE" trace small.db small
"$MKFIXTURE" trace unfinished.db unfinished

# The site's pages without the rendered SVG (its bytes depend on fonts and
# the graphviz build); the generators are compared as text.
strip_svg() {
	python3 -c 'import re,sys; sys.stdout.write(re.sub(r"<svg\b.*?</svg>", "<svg/>", open(sys.argv[1]).read(), flags=re.S))' "$1"
}

golden() {	# golden NAME FILE
	if [ "${SYSATLAS_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$2" "$src/golden/$1"
		return
	fi
	diff -u "$src/golden/$1" "$2" || fail "$2 differs from golden/$1"
}

case $case_ in
site)
	"$SYSATLAS" report small.db --index index-root.db -o site --chrome c.json --jsonl e.jsonl \
		>out 2>err || fail "report failed: $(cat err)"
	[ "$(cat out)" = "site/index.html" ] || fail "printed '$(cat out)', not the path of index.html"
	grep -q "the traced kernel is Linux 6.1.0-18-amd64, but the index is of Linux v5.7" err ||
		fail "no kernel-version note on stderr"
	[ "$(grep -c 'index is of Linux' err)" = 1 ] || fail "kernel note said more than once"
	python3 "$src/check-site.py" site small.db --chrome c.json --jsonl e.jsonl
	# local tree: excerpts beside the links, from tree.root only
	grep -q 'ptrace_stop \\u003chere \\u0026 \\"now\\"\\u003e' site/data/rt-steps.js || fail "no source excerpt from tree.root"
	;;
endings)
	# how a run ended and what it counted (attach, Ctrl-C, crash, threads, execs)
	python3 "$src/check-endings.py" "$SYSATLAS" small.db index.db "$tmp"
	;;
svgtl)
	# report --svg-timeline: the SVG and DOT of a range (check-svgtl.py)
	python3 "$src/check-svgtl.py" "$SYSATLAS" "$TEST_DOT" "$tmp"
	;;
observed)
	# the running kernel's stacks in a report (check-observed.py adds them)
	python3 "$src/check-observed.py" "$tmp"
	;;
golden)
	"$SYSATLAS" report small.db --index index.db -o site --graphviz >/dev/null 2>&1 ||
		fail "report failed"
	python3 "$src/../rt-expand.py" site site.rt || fail "the round trips do not expand"
	grep -q '"excerpt":"[^"]' site.rt/rt-*.js && fail "excerpts without a local tree"
	[ -f site/graphs/rt-2.svg ] || fail "--graphviz: no graphs/rt-2.svg"
	golden rt-openat.dot site/graphs/rt-2.dot
	golden tasks.dot site/graphs/tasks.dot
	golden startup.dot site/graphs/startup.dot
	strip_svg site/index.html >index.html
	golden index.html index.html
	strip_svg site/syscalls/openat.html >openat.html
	golden openat.html openat.html
	golden timeline.html site/timeline.html
	golden log.html site/log.html
	;;
reuse)
	# the kernel reused tid 101 within the trace: after demo-child (101)
	# exited, demo forked again and the new child got 101 too; each task
	# is a lane of its own, and the tree draws both
	python3 - small.db <<-'PY'
	import sqlite3, sys
	db = sqlite3.connect(sys.argv[1])
	db.execute("UPDATE task SET first_seq = (SELECT min(seq) FROM event e WHERE e.tid = task.tid),"
	           " last_seq = (SELECT max(seq) FROM event e WHERE e.tid = task.tid)")
	seq, ts = db.execute("SELECT max(seq), max(ts_ns) FROM event").fetchone()
	db.execute("INSERT INTO task(tid, tgid, parent_tid, comm, exit_status, first_seq, last_seq)"
	           " VALUES (101, 101, 100, 'reborn', 0, ?, ?)", (seq + 2, seq + 3))
	ev = "INSERT INTO event(seq, tid, ts_ns, kind, nr, retval, text, enter_seq, other_tid) VALUES (?,?,?,?,?,?,?,?,?)"
	db.execute(ev, (seq + 1, 100, ts + 1000, "fork", None, None, None, None, 101))
	db.execute(ev, (seq + 2, 101, ts + 2000, "enter", 39, None, "getpid(", None, None))
	db.execute(ev, (seq + 3, 101, ts + 2500, "exit", 39, 101, "getpid() = 101", seq + 2, None))
	db.execute("UPDATE run SET ended_ns = ?", (ts + 3000,))
	db.commit()
	PY
	"$SYSATLAS" report small.db --index index.db -o site --chrome c.json >/dev/null 2>err ||
		fail "report failed: $(cat err)"
	python3 "$src/check-site.py" site small.db --chrome c.json
	python3 - site/data/meta.js <<-'PY' || fail "lanes of the reused tid"
	import json, sys
	text = open(sys.argv[1]).read()
	meta = json.loads(text[text.index("{"):text.rindex("}") + 1])
	lanes = [(l["comm"], l["calls"]) for l in meta["lanes"] if l["tid"] == 101]
	assert lanes == [("demo-child", 2), ("reborn", 1)], lanes
	PY
	grep -q 'id=t101_[0-9]' site/graphs/tasks.dot || fail "no second node for tid 101"
	grep -q 't100 -> t101_[0-9]' site/graphs/tasks.dot || fail "no fork edge to the second 101"
	grep -q 't100 -> t101	' site/graphs/tasks.dot || fail "no fork edge to the first 101"
	;;
unfinished)
	"$SYSATLAS" report unfinished.db --index index.db -o site --chrome c.json >/dev/null 2>&1 ||
		fail "an unfinished trace must render"
	python3 "$src/check-site.py" site unfinished.db --chrome c.json --expect-unfinished
	grep -q 'The tracer did not finish' site/index.html || fail "overview does not say the tracer did not finish"
	grep -q 'unfinished: no syscall-exit stop was recorded' site/data/rt-*.js ||
		fail "round trip does not mark the missing exit stop"
	grep -q '<td class="num">unfinished</td>' site/syscalls/read.html || fail "occurrence not marked unfinished"
	;;
options)
	mkdir exists
	if "$SYSATLAS" report small.db --index index.db -o exists >out 2>err; then
		fail "wrote into an existing directory without --force"
	fi
	grep -q "sysatlas: -o exists: already exists (use --force to write into it)" err ||
		fail "unclear message: $(cat err)"
	[ -z "$(ls exists)" ] || fail "touched the existing directory"
	"$SYSATLAS" report small.db --index index.db -o exists --force >/dev/null 2>&1 || fail "--force failed"
	[ -f exists/index.html ] || fail "--force wrote no index.html"
	"$SYSATLAS" report small.db --index index.db -o elixir --links elixir >/dev/null 2>&1 || fail "--links elixir"
	grep -q 'https://elixir.bootlin.com/linux/v5.7/source/kernel/signal.c#L2120' elixir/data/rt-steps.js ||
		fail "--links elixir: no elixir URL"
	"$SYSATLAS" report small.db --index index-root.db -o local --links "file:$tmp/root/linux" >/dev/null 2>&1 ||
		fail "--links file:"
	grep -q "file://$tmp/root/linux/kernel/signal.c#L[0-9]" local/data/rt-steps.js || fail "--links file: no file URL with its line"
	grep -q "https://github.com/strace/strace/blob/v5.7/strace.c#L3166" local/data/rt-steps.js ||
		fail "--links file: strace links should keep their template"
	if "$SYSATLAS" report small.db --index index.db -o bad --links gitlab >out 2>err; then
		fail "accepted --links gitlab"
	fi
	grep -q "expected github, elixir or file:DIR" err || fail "unclear --links message: $(cat err)"
	if "$SYSATLAS" report small.db --index index.db -o "$tmp/no/such/dir" >out 2>err; then
		fail "wrote below a missing parent"
	fi
	grep -q "sysatlas: -o $tmp/no/such/dir: directory $tmp/no/such: No such file or directory" err || fail "unclear mkdir message: $(cat err)"
	;;
no-index)
	# a data directory with the assets and link templates but no index;
	# the binary is run from a copy, so the build tree's data/ (which has
	# the built-in index) is not beside it either
	mkdir -p data/assets bin
	cp "$SYSATLAS_DATADIR"/assets/* data/assets/
	cp "$SYSATLAS_DATADIR"/links.tsv data/
	cp "$SYSATLAS" bin/sysatlas
	SYSATLAS_DATADIR=$tmp/data bin/sysatlas report small.db -o site >out 2>err || fail "report without index failed"
	grep -q "no index given and no built-in index found" err || fail "no warning about the missing index"
	python3 "$src/check-site.py" site small.db
	python3 "$src/../rt-expand.py" site site.rt || fail "the round trips do not expand"
	grep -q '"url":"https' site.rt/rt-*.js && fail "links invented without an index"
	grep -q 'No index.' site/index.html || fail "overview does not say there is no index"
	;;
run)
	# sysatlas run = trace + report; needs a working tracer and ptrace
	if ! "$SYSATLAS" trace -o probe.db -- true >/dev/null 2>&1; then
		echo "skip: sysatlas trace cannot trace here"
		exit 77
	fi
	mkdir taken
	if "$SYSATLAS" run -o taken --index index.db -- true >out 2>err; then
		fail "ran into an existing directory without --force"
	fi
	grep -q "sysatlas: -o taken: already exists (use --force" err || fail "unclear message: $(cat err)"
	[ ! -e taken/trace.db ] || fail "traced although the directory was taken"
	rc=0
	"$SYSATLAS" run -o site --index index.db -f -- sh -c 'cat /dev/null; exit 3' >out 2>err || rc=$?
	[ "$rc" = 3 ] || fail "exit status $rc, not the command's 3: $(cat err)"
	[ "$(tail -n 1 out)" = "site/index.html" ] || fail "did not print the path of index.html"
	[ -f site/trace.db ] || fail "the trace is not kept in the site"
	[ "$(grep -c 'index is of Linux v5.7' err)" -le 1 ] || fail "kernel note said more than once"
	python3 "$src/check-site.py" site site/trace.db
	grep -q '"name":"openat"' site/data/meta.js || fail "cat's openat not in the report"
	# the published site is plain files: the finished trace is out of WAL
	# mode, and reading it (the report, check-site.py) left no -wal/-shm
	stray=$(ls site | grep -e '-wal$' -e '-shm$' -e '-journal$' || true)
	[ -z "$stray" ] || fail "left in the site: $stray"
	[ "$(od -An -tu1 -j18 -N2 site/trace.db | tr -s ' ')" = " 1 1" ] ||
		fail "trace.db is still in WAL mode (header bytes 18-19 not 1 1)"
	# Ctrl-C at a terminal: the whole process group gets SIGINT; run lets
	# the command go, and the command's own handler decides its status (3)
	# (a background job of sh ignores SIGINT: the command would inherit that)
	python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.setsid()
os.execv(sys.argv[1], sys.argv[1:])' "$SYSATLAS" run -o intr --index index.db -f -- \
		sh -c 'trap "exit 3" INT; echo $$ >cmd.pid; while :; do sleep 0.05; done' \
		>out 2>err &
	runner=$!
	i=0
	while [ ! -s cmd.pid ]; do	# written by the traced shell
		i=$((i + 1)); [ $i -lt 1200 ] || fail "the command did not start"; sleep 0.05
	done
	sleep 0.3
	kill -INT -"$runner"	# its own process group (setsid)
	rc=0
	wait $runner || rc=$?
	runner=
	[ "$rc" = 3 ] || fail "interrupted run: exit status $rc, not the command's 3: $(cat err)"
	grep -q 'detached (the tracer was interrupted); then, untraced, exited with 3' intr/index.html ||
		fail "the interrupted run's overview does not say how it ended"
	;;
*)
	fail "unknown case"
	;;
esac
echo "ok: report-$case_"
