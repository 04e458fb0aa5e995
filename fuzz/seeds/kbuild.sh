#!/bin/sh
# seeds/kbuild.sh SRC DIR: a fixture's top Makefile, "---", its fs/Makefile
src=$1 dir=$2 n=0
for t in "$src"/tests/integration/index/fixtures/linux-*; do
	[ -f "$t/fs/Makefile" ] || continue
	n=$((n + 1))
	{ cat "$t/Makefile"; printf '\n---\n'; cat "$t/fs/Makefile"; } >"$dir/kbuild-$n"
done
printf 'obj-y += fs/\nA := $(subst a,b,$(CONFIG_FHANDLE))\nifeq ($(A),y)\nobj-y += init.o\nendif\n---\nobj-$(CONFIG_FHANDLE) += fhandle.o\nobj-y += open.o sub/\nifdef CONFIG_OLDOPEN\nobj-y += old.o\nelse\nobj-n += x.o\nendif\n' >"$dir/kbuild-hand"
