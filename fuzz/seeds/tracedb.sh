#!/bin/sh
# seeds/tracedb.sh SRC DIR: edit lists (see fuzz-tracedb.c) and, where the
# test build has it, the report fixture's trace as a whole image
dir=$2
printf '\001\001\001\017' >"$dir/tid-extreme"
printf '\005\003\002\177\377\377\377\377\377\377\377' >"$dir/time-max"
printf '\011\004\003\002' >"$dir/kind"
printf '\016\002\016\004SQL"' >"$dir/text"
printf '\022\010\000\027\011\000\004\022\003\000' >"$dir/delete-copy"
printf '\000\000\000\014\001\000\000\000\010[\"a\\u12' >"$dir/argv-cut"
if [ -n "${MKFIXTURE:-}" ] && [ -x "$MKFIXTURE" ]; then
	"$MKFIXTURE" trace "$dir/small.db" small >/dev/null 2>&1 || rm -f "$dir/small.db"
fi
