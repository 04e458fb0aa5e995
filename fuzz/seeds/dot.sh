#!/bin/sh
# seeds/escape.sh SRC DIR: text each context must survive
dir=$2
printf 'q\\"]; evil [href="javascript:alert(1)"' >"$dir/dot-breakout"
printf '<script>alert(1)</script> & \x27 ` = \t\n\r' >"$dir/html"
printf '\033]0;title\007 \302\233 \377\376 \xe2\x80\xa8 \\' >"$dir/controls"
printf 'x\\' >"$dir/trailing-backslash"
printf '%s' 'open("/etc/passwd", O_RDONLY) = 3 &amp; <b>' >"$dir/strace-line"
printf 'caf\303\251 \360\237\230\200 \355\240\200 \300\257' >"$dir/utf8"
printf -- '-.' >"$dir/minus-dot"	# cgraph 2.42 wrote it bare and could not read it back
