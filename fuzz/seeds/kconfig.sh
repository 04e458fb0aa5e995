#!/bin/sh
# seeds/kconfig.sh SRC DIR: each fixture Kconfig, then "---", then values
src=$1 dir=$2 n=0
for k in "$src"/tests/integration/index/fixtures/*/Kconfig; do
	n=$((n + 1))
	{ cat "$k"; printf '\n---\n'; printf 'CONFIG_FHANDLE=y\n# CONFIG_OLDOPEN is not set\nCONFIG_NR=8\n'; } >"$dir/kconfig-$n"
	{ cat "$k"; printf '\nsource "Kconfig.again"\nif FHANDLE\nmenu "m"\n\tdepends on !OLDOPEN && (X || y)\nendmenu\nendif\n---\n'; head -c 2000 "$src/data/kernel-x86_64.config"; } >"$dir/kconfig-src-$n"
done
