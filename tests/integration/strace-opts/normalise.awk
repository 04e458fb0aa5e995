# normalise.awk: one whole trace (sysatlas trace --text, or strace -o) made
# comparable from run to run, for run-opts.sh.  Variables:
#   prefix  an ERE the time prefix of every line must match ("" none): the
#           line is refused (printed as BAD) when it does not, else the
#           prefix is dropped
#   dur     1: a call's line that returned must end with " <S.UUUUUU>",
#           which is dropped
#   pad     1: keep the padding before " = " (-a cases check it apart)
# Then, as tests/integration/golden/normalise.awk: pids (what getpid,
# gettid, set_tid_address, fork, vfork and clone return) become PID1,
# PID2 …; addresses (0x and 9+ hex digits) ADDR; ports the kernel chose
# PORT; stat's times, inode and device T, I, D; uname's nodename HOST.  A
# summary table (-c, -C) keeps its calls, errors and names; its rows are
# sorted when sort is 1 (-S time: the order of equal times is chance).
function rows_flush(   i, j, t) {
	for (i = 2; i <= nrows; i++)
		for (j = i; j > 1 && row[j - 1] > row[j]; j--) {
			t = row[j]; row[j] = row[j - 1]; row[j - 1] = t
		}
	for (i = 1; i <= nrows; i++)
		print row[i]
	nrows = 0
}
/^------ / { dashes++; if (dashes == 2 && sort) rows_flush(); print; next }
dashes == 1 {
	line = $0
	sub(/^ *[0-9]+\.[0-9][0-9] +[0-9]+\.[0-9]+ +[0-9]+ +/, "", line)
	if (sort) row[++nrows] = line; else print line
	next
}
dashes == 2 {
	line = $0
	sub(/^ *[0-9]+\.[0-9][0-9] +[0-9]+\.[0-9]+ +[0-9]+ +/, "", line)
	print line
	next
}
/^% time / { print; next }
{
	line = $0
	if (prefix != "") {
		if (!match(line, "^" prefix)) { print "BAD prefix: " line; next }
		line = substr(line, RLENGTH + 1)
	}
	if (dur && line ~ /\) += / && line !~ /= \?$/ && line !~ /^\+\+\+/) {
		if (!match(line, / <[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9]>$/)) { print "BAD -T: " line; next }
		line = substr(line, 1, RSTART - 1)
	}
	if (!pad)
		gsub(/\) +=/, ") =", line)
	if (match(line, /^(getpid|gettid|set_tid_address|fork|vfork|clone|clone3)\(.*\) += [0-9]+$/)) {
		n = line; sub(/.*= /, "", n)
		if (!(n in name)) name[n] = "PID" (++pids)
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
	gsub(/sin_port="\\x[0-9a-f][0-9a-f]\\x[0-9a-f][0-9a-f]"/, "sin_port=\"P\"", line)
	gsub(/si_pid=[0-9]+/, "si_pid=P", line)
	gsub(/0x[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]+/, "ADDR", line)
	gsub(/nodename="[^"]*"/, "nodename=\"HOST\"", line)
	gsub(/st_[amc]time=[0-9]+ \/\* [^*]* \*\//, "st_time=T", line)
	gsub(/st_[amc]time_nsec=[0-9]+/, "st_time_nsec=N", line)
	gsub(/st_ino=[0-9]+/, "st_ino=I", line)
	gsub(/st_dev=makedev\([^)]*\)/, "st_dev=D", line)
	gsub(/st_dev=0x[0-9a-f]+/, "st_dev=D", line)
	print line
}
