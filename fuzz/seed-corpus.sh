#!/bin/sh
# seed-corpus.sh NAME SRCDIR DIR: put fuzz target NAME's seeds in DIR: the
# files fuzz/seeds/NAME.list names (globs relative to SRCDIR), those in
# fuzz/seeds/NAME/, and what fuzz/seeds/NAME.sh writes.  Prints the count.
set -u
name=$1 src=$2 dir=$3
seeds=$src/fuzz/seeds
mkdir -p "$dir"
n=0
if [ -f "$seeds/$name.list" ]; then
	while IFS= read -r glob; do
		[ -n "$glob" ] || continue
		for f in "$src"/$glob; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			cp "$f" "$dir/list-$n"
		done
	done <"$seeds/$name.list"
fi
if [ -d "$seeds/$name" ]; then
	cp "$seeds/$name"/* "$dir"/ 2>/dev/null
fi
if [ -x "$seeds/$name.sh" ]; then
	"$seeds/$name.sh" "$src" "$dir"
fi
ls "$dir" | wc -l
