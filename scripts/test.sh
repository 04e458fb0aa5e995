#!/bin/sh
# test.sh: install what is missing, build sysatlas twice (plain, and with
# AddressSanitizer + UndefinedBehaviorSanitizer), run the whole meson test
# suite in both, and end with "N passed, N failed[, N skipped]".
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/scripts/deps.sh" test || exit 1

status=0
for b in build:"" build-san:"-Db_sanitize=address,undefined -Db_lundef=false"; do
	dir=${b%%:*}
	opts=${b#*:}
	echo "== $dir ${opts:-(plain)}"
	# shellcheck disable=SC2086
	if ! "$top/scripts/build.sh" "$dir" $opts; then
		echo "sysatlas: test: build of $dir failed" >&2
		status=1
		continue
	fi
	rm -f "$dir/meson-logs/testlog.json"
	meson test -C "$dir" --print-errorlogs --num-processes 2 || status=1
done

python3 "$top/scripts/count-tests.py" build/meson-logs/testlog.json \
	build-san/meson-logs/testlog.json || status=1
exit $status
