#!/bin/sh
# run-browser.sh SRCDIR NODEDIR: make the report sites, make sure
# playwright-core is installed under NODEDIR (npm ci from this directory's
# package-lock.json, outside the source tree), and run report.test.js in
# headless Chromium.  $SYSATLAS, $MKFIXTURE and $GEN_TRACE name the binaries.
# Exit 77 (skip) only when Chromium or node is not installed (scripts/deps.sh
# test installs them) or the npm registry cannot be reached.
set -eu

src=$1
nodedir=$2
chromium=${CHROMIUM:-/usr/bin/chromium}

if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (scripts/deps.sh test)"
	exit 77
fi
if [ ! -x "$chromium" ]; then
	echo "1..0 # SKIP $chromium is not installed (scripts/deps.sh test)"
	exit 77
fi
if ! cmp -s "$src/package-lock.json" "$nodedir/package-lock.json" ||
   [ ! -d "$nodedir/node_modules/playwright-core" ]; then
	mkdir -p "$nodedir"
	cp "$src/package.json" "$src/package-lock.json" "$nodedir/"
	if ! (cd "$nodedir" && npm ci --no-audit --no-fund --loglevel=error >npm.log 2>&1); then
		echo "1..0 # SKIP npm ci of playwright-core failed: $(tail -n 3 "$nodedir/npm.log" | tr '\n' ' ')"
		exit 77
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
"$MKFIXTURE" index index.db
"$MKFIXTURE" trace small.db small
"$MKFIXTURE" trace unfinished.db unfinished
"$SYSATLAS" report small.db --index index.db -o site >/dev/null 2>&1
"$SYSATLAS" report unfinished.db --index index.db -o unfinished >/dev/null 2>&1
# the running kernel's stacks drawn (the fixture of check-observed.py)
cp small.db stacks.db
cp index.db stacks-index.db
python3 "$src/../integration/report/check-observed.py" --add-stacks stacks.db stacks-index.db
"$SYSATLAS" report stacks.db --index stacks-index.db --current-index none -o stacks >/dev/null 2>&1
# the timeline at scale: 10^6 events (about 5*10^5 calls) in 200 lanes
"$GEN_TRACE" 1000000 big.db 1 200 >/dev/null
"$SYSATLAS" report big.db --index index.db -o big >/dev/null 2>&1

shots=${SYSATLAS_SCREENSHOTS:-}
NODE_PATH=$nodedir/node_modules CHROMIUM=$chromium \
	node "$src/report.test.js" "$tmp/site" "$tmp/unfinished" "$shots" "$tmp/big" "$tmp/stacks"
