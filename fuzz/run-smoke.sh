#!/bin/sh
# run-smoke.sh TARGET SRCDIR SECONDS: run fuzz target TARGET (a libFuzzer
# binary, or one built with driver.c) for SECONDS on its seeds
# (seed-corpus.sh) in a scratch corpus.  Exit status: the target's,
# non-zero on a crash or a failed oracle.
set -u
target=$1 src=$2 seconds=$3
name=$(basename "$target")
name=${name#fuzz-}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT

echo "fuzz-$name: $("$src/fuzz/seed-corpus.sh" "$name" "$src" "$corpus") seeds, $seconds s"
# libFuzzer's flags; driver.c reads the ones it knows and ignores the rest
"$target" -max_total_time="$seconds" -max_len=4096 -timeout=30 -rss_limit_mb=4096 \
	-print_final_stats=1 "$corpus"
