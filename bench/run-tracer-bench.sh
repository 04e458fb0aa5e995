#!/bin/sh
# run-tracer-bench.sh [tracer-bench.py options]: build sysatlas (plain
# build) and run the tracer benchmark; the Markdown goes to stdout.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh" bench
"$top/scripts/build.sh" build
exec python3 "$top/bench/tracer-bench.py" --build "$top/build" "$@"
