#!/bin/bash
# test-completion.sh SYSATLAS SCRIPT: source the bash completion and check
# what it offers (COMPREPLY) for typed command lines, against the binary's
# own tables and --help.  TAP.
set -u
bin=$1
script=$2
n=0 failed=0

ok() { # ok COND-STATUS WHAT [DIAG]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; [ -n "${3:-}" ] && echo "# $3"; failed=$((failed + 1)); fi
}

# shellcheck disable=SC1090
source "$script" || { echo "not ok 1 - sourcing $script"; echo "1..1"; exit 1; }
complete -p sysatlas >/dev/null 2>&1; ok $? "the script registers a completion for sysatlas"

_sysatlas_bin=$bin
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
mkdir outdir; : >trace.db; : >other.txt

# comp LINE: COMPREPLY for LINE (the cursor at its end; a trailing space
# starts an empty word), sorted, one a line
comp() {
	local line=$1
	read -ra COMP_WORDS <<<"$line"
	[[ $line == *' ' ]] && COMP_WORDS+=('')
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_WORDS[0]=sysatlas
	COMPREPLY=()
	_sysatlas
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
has() { grep -qxF -- "$2" <<<"$1"; }
is() { # is GOT WANT WHAT
	[ "$1" = "$2" ]; ok $? "$3" "got: $(echo "$1" | tr '\n' ' ') want: $(echo "$2" | tr '\n' ' ')"
}

# every command of --help, and no other
want=$("$bin" --help | awk '/^Commands:/ {on = 1; next} on && NF >= 2 && /^   / {print $1}' | sort)
got=$(comp 'sysatlas ' | grep -vx help)
is "$got" "$want" "the commands of --help are offered"
is "$(comp 'sysatlas tr')" "trace" "'tr' completes to trace"
is "$(comp 'sysatlas help re')" "report" "help completes command names"
is "$(comp 'sysatlas --v')" "--version" "--v completes to --version"

# every option --help of each command names is offered
for c in $want; do
	opts=$(comp "sysatlas $c -")
	missing=
	# the usage lines and the option lines (not options named in prose,
	# such as the strace flags a log for import may have been written with)
	for o in $("$bin" "$c" --help | awk 'NR == 1, /^$/ {print; next}
		/^ +-/ {print $1; for (i = 2; i <= NF && $(i - 1) ~ /,$/; i++) print $i}' | grep -oE -- '(^|[ [,|])--?[a-zA-Z][a-zA-Z-]*' | sed 's/^[ [,|]//' | sort -u); do
		case $o in -tt|-ttt|-qq) continue ;; esac	# repeated letters
		has "$opts" "$o" || missing="$missing $o"
	done
	[ -z "$missing" ]; ok $? "$c: every option of its --help is offered" "missing:$missing"
done

is "$(comp 'sysatlas report --cu')" "--current-index" "--cu completes to --current-index"
is "$(comp 'sysatlas report --svg-t')" "--svg-timeline" "--svg-t completes to --svg-timeline"
is "$(comp 'sysatlas report --links ')" "$(printf 'elixir\nfile:\ngithub')" "--links offers its styles"
is "$(comp 'sysatlas report --links=e')" "--links=elixir" "--links=e completes the value"
is "$(comp 'sysatlas path openat --format ')" "$(printf 'dot\nsvg\ntext')" "--format offers text, dot, svg"
got=$(comp 'sysatlas report --index ')
has "$got" v5.7 && has "$got" 6.12 && has "$got" trace.db; ok $? "--index offers the built-in indexes and files" "$got"
is "$(comp 'sysatlas report -o ')" "outdir" "-o of report completes directories only"
got=$(comp 'sysatlas report ')
has "$got" trace.db && has "$got" other.txt; ok $? "report's operand is a file" "$got"

# syscall names: path NAME and -e trace=
got=$(comp 'sysatlas path open')
has "$got" openat && has "$got" open && ! has "$got" read; ok $? "path open offers open, openat, not read" "$got"
is "$(comp 'sysatlas path --index v5.7 getpp')" "getppid" "path after an option's argument completes syscalls"
is "$(comp 'sysatlas trace -e ')" "trace=" "-e offers trace="
got=$(comp 'sysatlas trace -e trace=ope')
has "$got" trace=openat && ! has "$got" openat; ok $? "-e trace=ope offers trace=openat" "$got"
got=$(comp 'sysatlas trace -f -e trace=read,%fi')
is "$got" "trace=read,%file" "-e trace=read,%fi completes the last item to a class"
got=$(comp 'sysatlas run -e trace=!clo')
has "$got" 'trace=!close' ; ok $? "a negated set completes too" "$got"
n_sys=$(comp 'sysatlas path ' | wc -l)
[ "$n_sys" -gt 300 ]; ok $? "path offers the syscall table ($n_sys names)"

# strace's options and their values, each value accepted by the parser
is "$(comp 'sysatlas trace -S ')" "$(printf 'calls\nerrors\nname\nnothing\ntime')" "-S offers the sort orders"
for pair in "-S $(comp 'sysatlas trace -S ' | tr '\n' ' ')" "-X $(comp 'sysatlas trace -X ' | tr '\n' ' ')" \
	    "--kernel-stacks $(comp 'sysatlas trace --kernel-stacks ' | tr '\n' ' ')" \
	    "--regs $(comp 'sysatlas trace --regs ' | tr '\n' ' ')" \
	    "--mem $(comp 'sysatlas trace --mem ' | tr '\n' ' ')"; do
	set -- $pair
	o=$1; shift
	[ $# -gt 0 ]; ok $? "trace $o offers words"
	for w in "$@"; do
		"$bin" trace "$o" "$w" --help >/dev/null 2>&1; ok $? "trace $o $w is accepted"
	done
	"$bin" trace "$o" no-such-word --help >/dev/null 2>&1; [ $? = 2 ]; ok $? "trace $o no-such-word is refused"
done
for w in $(comp 'sysatlas path read --format '); do
	"$bin" path read --format "$w" >/dev/null 2>&1; ok $? "path --format $w is accepted"
done
is "$(comp 'sysatlas path --stop ')" "$(printf 'attach\nexec\nexit\nfork\ngroup\nsignal\nstart')" \
	"path --stop offers the stop kinds and the start words"
for w in $(comp 'sysatlas path --stop '); do
	"$bin" path --stop "$w" >/dev/null 2>&1; ok $? "path --stop $w is accepted"
done
"$bin" path --stop no-such-kind >/dev/null 2>&1; [ $? = 2 ]; ok $? "path --stop no-such-kind is refused"
got=$(comp 'sysatlas trace --te')
has "$got" --text && has "$got" --text=; ok $? "--text and --text= offered" "$got"
is "$(comp 'sysatlas trace --text=oth')" "--text=other.txt" "--text=FILE completes the file"

# after the traced command its words are its own
got=$(comp 'sysatlas trace -f l')
has "$got" ls; ok $? "trace's operand is a command" "$(echo "$got" | head -3)"
got=$(comp 'sysatlas run -o outdir -- ls oth')
has "$got" other.txt && ! has "$got" --help; ok $? "the command's arguments are not sysatlas options" "$got"
got=$(comp 'sysatlas trace -e trace=read ls -')
! has "$got" --force; ok $? "no sysatlas option after the command" "$got"

echo "1..$n"
[ "$failed" = 0 ]
