#!/bin/sh
# show-lines.sh LINUX_TREE STRACE_TREE [INDEX.tsv]: print the source line at
# each place the built-in index names for a sample that a reader can check
# by eye: the definitions of well-known syscalls, every step and call line
# of the named paths, and a few strace decoders.  Used to verify a
# regenerated index by hand (data/README.md, "Lines checked by hand").
set -eu

linux=$1
strace=$2
text=${3:-$(dirname "$0")/index/v5.7-x86_64.tsv}

# show TREE PATH LINE LABEL
show() {
	src=$(sed -n "${3}p" "$1/$2" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
	printf '%-34s %s:%s\n    %s\n' "$4" "$2" "$3" "$src"
}

# split NAME@PATH:LINE
ref_path() { r=${1#*@}; echo "${r%:*}"; }
ref_line() { echo "${1##*:}"; }

echo "== definitions (syscall_64.tbl rows)"
for name in openat read write close clone execve mmap munmap brk ptrace wait4 \
	process_vm_readv arch_prctl rt_sigreturn exit_group; do
	awk -F '\t' -v n="$name" '$1 == "syscall" && ($2 == "common" || $2 == "64") &&
		$4 == n { print $2 " " $3 " " $4 "\t" $7 }' "$text" |
	while IFS='	' read -r label ref; do
		[ "$ref" = '\N' ] && { echo "$label: no definition"; continue; }
		show "$linux" "$(ref_path "$ref")" "$(ref_line "$ref")" "$label"
	done
done

echo
echo "== paths: each step, then its call line"
awk -F '\t' '$1 == "tree" { tree = $2 } $1 == "path" { print tree "\t" $2 "\t" $3 "\t" $4 "\t" $5 }' "$text" |
while IFS='	' read -r tree path step ref call; do
	root=$linux
	[ "$tree" = strace ] && root=$strace
	case $ref in
	*@*) show "$root" "$(ref_path "$ref")" "$(ref_line "$ref")" "$path $step ${ref%%@*}"
	     [ "$call" = '\N' ] || show "$root" "$(ref_path "$ref")" "$call" "  call line" ;;
	*)   echo "$path $step $ref (outside the tree: the previous call line)" ;;
	esac
done

echo
echo "== strace decoders"
for name in openat read write execve ptrace wait4; do
	awk -F '\t' -v n="$name" '$1 == "strace_syscall" && $4 == n { print $3 " " $4 "\t" $8 }' "$text" |
	while IFS='	' read -r label ref; do
		[ "$ref" = '\N' ] && { echo "$label: not located"; continue; }
		show "$strace" "$(ref_path "$ref")" "$(ref_line "$ref")" "strace $label"
	done
done
