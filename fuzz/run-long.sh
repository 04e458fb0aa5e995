#!/bin/sh
# run-long.sh BUILD RUNS [TARGET...]: the long runs docs/fuzzing.md
# records.  BUILD is a build directory configured with -Dfuzz=true (clang,
# libFuzzer); each target (every one by default) runs alone, under
# nice -n 19, for RUNS executions, on its corpus in BUILD/fuzz-corpus/NAME
# (seeded once by seed-corpus.sh, kept and grown between runs).  A line a
# target is appended to BUILD/fuzz-results.txt:
#
#   DATE TARGET runs=N seconds=S exec/s=E corpus=C crashes=0|1
#
# A crash stops its target; libFuzzer leaves the input as
# BUILD/fuzz-crashes/crash-… for `fuzz-NAME FILE` to replay.  A run
# stopped with SIGINT (libFuzzer prints its stats and exits) is recorded
# as "(interrupted)" with the executions it made.
set -u
build=$(cd "$1" && pwd) runs=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
targets=${*:-$(cd "$build/fuzz" && ls fuzz-* | grep -v '\.p$' | sed 's/^fuzz-//')}
mkdir -p "$build/fuzz-crashes"
# scratch files in memory where there is some; a small ASan quarantine
# (the targets allocate and free a lot, and the runs are long)
[ -w /dev/shm ] && export TMPDIR=/dev/shm
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=8:malloc_context_size=5:detect_leaks=1}
status=0
for name in $targets; do
	corpus=$build/fuzz-corpus/$name
	[ -d "$corpus" ] || "$src/fuzz/seed-corpus.sh" "$name" "$src" "$corpus" >/dev/null
	log=$build/fuzz-crashes/$name.log
	start=$(date +%s)
	(cd "$build/fuzz-crashes" && nice -n 19 "$build/fuzz/fuzz-$name" -runs="$runs" \
		-max_len=4096 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
		"$corpus") >"$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	done_runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	crashed=0 note=
	if grep -q 'libFuzzer: run interrupted' "$log"; then
		note=" (interrupted)"	# SIGINT: stopped short, not a crash
		status=1
	elif [ $rc != 0 ]; then
		crashed=1
		status=1
	fi
	line="$(date -u +%Y-%m-%dT%H:%MZ) $name runs=${done_runs:-?} seconds=$secs exec/s=${rate:-?} corpus=$(ls "$corpus" | wc -l) crashes=$crashed$note"
	echo "$line" | tee -a "$build/fuzz-results.txt"
done
exit $status
