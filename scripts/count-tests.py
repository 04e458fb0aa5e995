#!/usr/bin/env python3
"""count-tests.py TESTLOG.json...: sum meson's test results across builds and
print the closing line "N passed, N failed[, N skipped]".  Exit 1 when any
test failed or a log is missing (a build that did not run counts as a
failure, not as nothing)."""
import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path) as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f"sysatlas: test: {path}: {e.strerror}", file=sys.stderr)
        failed += 1
        continue
    for r in lines:
        result = r.get("result")
        if result in PASSED:
            passed += 1
        elif result in SKIPPED:
            skipped += 1
        else:
            failed += 1
            print(f"failed: {path}: {r.get('name')}: {result}", file=sys.stderr)

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed else 0)
