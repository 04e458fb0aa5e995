#!/bin/sh
# run-index-bench.sh LINUX-TREE STRACE-TREE [index-bench.py options]:
# build sysatlas (plain build) and time a full index of the two trees;
# the Markdown goes to stdout.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 LINUX-TREE STRACE-TREE [options]" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
linux=$1 strace=$2
shift 2
"$top/scripts/deps.sh" bench
"$top/scripts/build.sh" build
exec python3 "$top/bench/index-bench.py" --build "$top/build" \
	--linux "$linux" --strace "$strace" "$@"
