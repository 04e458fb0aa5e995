# normalise.awk: keep the trace lines between the golden markers and make
# them comparable from run to run (see run-golden.sh).
#   - the calls' " = " loses strace's alignment padding;
#   - the program's pid (getpid's result) becomes PID, the pids fork,
#     vfork and clone return become CHILD1, CHILD2, ...;
#   - TCP/UDP ports the kernel picked, htons(N >= 1024), become PORT;
#   - addresses (0x and 9 or more hex digits) become ADDR;
#   - uname's nodename becomes HOST.
# (POSIX awk: no {m,n} intervals, which mawk lacks.)
/chdir\("\/sysatlas-golden-begin"\)/ { on = 1; next }
/chdir\("\/sysatlas-golden-end"\)/ { on = 0 }
!on { next }
{
	line = $0
	sub(/^\[pid +[0-9]+\] /, "", line)
	gsub(/\) +=/, ") =", line)
	if (match(line, /^getpid\(\) += [0-9]+$/)) {
		n = line; sub(/.*= /, "", n); name[n] = "PID"
	}
	if (match(line, /^(fork|vfork)\(\) += [0-9]+$/) || match(line, /^clone3?\(.*\) += [0-9]+$/)) {
		n = line; sub(/.*= /, "", n); name[n] = "CHILD" (++children)
	}
	for (n in name) {
		out = ""
		while (match(line, "(^|[^0-9a-fx])" n "([^0-9]|$)")) {
			pre = substr(line, 1, RSTART - 1)
			m = substr(line, RSTART, RLENGTH)
			lead = substr(m, 1, 1) ~ /[0-9]/ ? "" : substr(m, 1, 1)
			if (RSTART == 1 && substr(m, 1, length(n)) == n)
				lead = ""
			tail = substr(m, length(lead) + length(n) + 1)
			out = out pre lead name[n]
			line = tail substr(line, RSTART + RLENGTH)
		}
		line = out line
	}
	while (match(line, /htons\([0-9]+\)/)) {
		port = substr(line, RSTART + 6, RLENGTH - 7) + 0
		line = substr(line, 1, RSTART - 1) (port >= 1024 ? "htons#PORT)" : "htons#" port ")") substr(line, RSTART + RLENGTH)
	}
	gsub(/htons#/, "htons(", line)
	gsub(/0x[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]+/, "ADDR", line)
	gsub(/nodename="[^"]*"/, "nodename=\"HOST\"", line)
	print line
}
