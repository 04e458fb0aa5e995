#!/bin/sh
# build.sh DIR [MESON-OPTIONS...]: configure (or reconfigure) and build DIR.
set -eu

dir=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if [ -f "$dir/build.ninja" ]; then
	meson setup --reconfigure "$dir" "$@" >/dev/null
else
	meson setup "$dir" "$@" >/dev/null
fi
ninja -C "$dir" >/dev/null
