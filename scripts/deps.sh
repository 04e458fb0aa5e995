#!/bin/sh
# deps.sh [build|test|bench|fuzz]: install the Debian packages sysatlas
# needs, non-interactively, only those missing.  Idempotent; needs root
# (or sudo) only when something is missing.
#
#   build  compiler, meson, SQLite, graphviz, libclang       (default)
#   test   build + what the test suite uses (sanitizer runtime, browser
#          test, real-kernel index test, strace 6.1 for the comparisons
#          with strace and the logs `sysatlas import` reads)
#   bench  test + strace, hyperfine, time, make and gcc for the benchmarks
#   fuzz   test + clang and its libFuzzer runtime (fuzz/README.md)
set -eu

what=${1:-build}

build_pkgs="gcc libc6-dev meson ninja-build pkg-config libsqlite3-dev
	libgraphviz-dev libclang-dev llvm"
test_pkgs="python3 xz-utils chromium strace linux-source-6.1 linux-config-6.1
	linux-source-6.12 linux-config-6.12"
bench_pkgs="strace hyperfine time make gcc"
fuzz_pkgs="clang libclang-rt-14-dev"

pkgs=$build_pkgs
case $what in
build) ;;
test) pkgs="$pkgs $test_pkgs" ;;
bench) pkgs="$pkgs $test_pkgs $bench_pkgs" ;;
fuzz) pkgs="$pkgs $test_pkgs $fuzz_pkgs" ;;
*) echo "usage: deps.sh [build|test|bench|fuzz]" >&2; exit 2 ;;
esac

missing=
for p in $pkgs; do
	if ! dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii'; then
		missing="$missing $p"
	fi
done
# The browser test runs playwright-core under node; a machine that already
# has node (and npm) keeps it, any other gets Debian's.
case $what in
test|bench|fuzz)
	command -v node >/dev/null 2>&1 || missing="$missing nodejs npm"
	;;
esac
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		sudo=sudo
	else
		echo "sysatlas: deps: missing packages:$missing (run as root to install them)" >&2
		exit 1
	fi
else
	sudo=
fi

echo "sysatlas: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null; then
	$sudo apt-get update -q >/dev/null
	$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
