#!/bin/sh
# seeds/argv-json.sh SRC DIR: arrays as the tracer records run.argv and run.options
dir=$2
printf '["ls", "-l", "/"]' >"$dir/plain"
printf '["demo", "</script><b>x</b>", "a\\"b", "\\u00e9\\u2028", "tab\\there"]' >"$dir/escapes"
printf '["-f", "-e", "trace=openat"]' >"$dir/options"
printf '[]' >"$dir/empty"
printf '["a\\u12' >"$dir/cut"
