#!/bin/sh
# quickstart.sh [run options] -- CMD [ARGS...]: install what is missing,
# build sysatlas, trace CMD and write its report with the built-in index.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh" build
"$top/scripts/build.sh" build
[ $# -gt 0 ] || set -- -- ls -l /
exec "$top/build/sysatlas" run "$@"
