#!/bin/sh
# run-browser.sh SYSATLAS MKINDEX EXPECT.json BROWSERDIR NODEDIR: write a
# reference site for the old-shape fixture index and the fixture trace,
# then let BROWSERDIR/doc-site.js drive headless Chromium through it.
# playwright-core is installed as the report's browser test does it: npm ci
# from BROWSERDIR's lock file into NODEDIR in the build tree.  Exit 77
# (skip) only when Chromium or node is not installed (scripts/deps.sh test
# installs them) or the npm registry cannot be reached.
set -eu

bin=$1
mkindex=$2
expect=$3
browser=$4
nodedir=$5
chromium=${CHROMIUM:-/usr/bin/chromium}
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed (scripts/deps.sh test)"
	exit 77
fi
if [ ! -x "$chromium" ]; then
	echo "1..0 # SKIP $chromium is not installed (scripts/deps.sh test)"
	exit 77
fi
if ! cmp -s "$browser/package-lock.json" "$nodedir/package-lock.json" ||
   [ ! -d "$nodedir/node_modules/playwright-core" ]; then
	mkdir -p "$nodedir"
	cp "$browser/package.json" "$browser/package-lock.json" "$nodedir/"
	if ! (cd "$nodedir" && npm ci --no-audit --no-fund --loglevel=error >npm.log 2>&1); then
		echo "1..0 # SKIP npm ci of playwright-core failed: $(tail -n 3 "$nodedir/npm.log" | tr '\n' ' ')"
		exit 77
	fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$mkindex" "$tmp/old.db" "$here/fixtures/old.sql"
"$mkindex" --trace "$tmp/trace.db" "$here/fixtures/trace.sql"
"$bin" doc --index "$tmp/old.db" --trace "$tmp/trace.db" -o "$tmp/site" >/dev/null
NODE_PATH=$nodedir/node_modules CHROMIUM=$chromium \
	node "$browser/doc-site.js" "$tmp/site" "$expect"
