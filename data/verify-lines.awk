# verify-lines.awk -v linux=DIR -v strace=DIR INDEX.tsv: read the source
# line at every place the index text names and check that it says what
# the index says is there (strace= empty: the kernel's places only):
#   syscall_definition sys_X   SYSCALL_DEFINEn(X, …), COMPAT_…, or sys_X(
#   case_label L               case L:
#   strace_decoder D           SYS_FUNC(D), or D( for the printargs family
#   landmark PT_PTRACED        the line setting ->ptrace (PT_PTRACED itself
#                              in ptrace_traceme; ptrace_attach sets flags
#                              computed from it)
#   any other symbol           its name
#   a path step's call line    the next step's name, or the next step's line
# Call edges are counted, not checked: a call written through a macro
# (current, likely, READ_ONCE) is located at the line of the macro, which
# does not name the function it expands to.  Exits 1 on a mismatch.
function src(tree, path, n,    key, f, i, l) {
	key = tree SUBSEP path
	if (!(key in loaded)) {
		loaded[key] = 1
		f = (tree == "strace" ? strace : linux) "/" path
		i = 0
		while ((getline l < f) > 0)
			text[key, ++i] = l
		close(f)
		if (i == 0)
			bad("cannot read " f)
	}
	return text[key, n]
}
function refname(r) { sub(/@.*/, "", r); return r }
function refpath(r) { if (r !~ /@/) return ""; sub(/^[^@]*@/, "", r); sub(/:[0-9]+$/, "", r); return r }
function refline(r) { if (r !~ /:[0-9]+$/) return 0; sub(/.*:/, "", r); return r + 0 }
function bad(what) { nbad++; if (nbad <= 20) print "verify-lines: mismatch: " what > "/dev/stderr" }
BEGIN { FS = "\t" }
$1 == "tree" { tree = $2 }
tree == "strace" && strace == "" { next }
$1 == "symbol" && $4 != "\\N" {
	nsym++
	name = $3
	l = src(tree, $4, $5)
	short = name
	if ($2 == "syscall_definition") {
		sub(/^(compat_)?sys_/, "", short)
		ok = index(l, name "(") || l ~ ("DEFINE[0-9N]*\\(" short "[,)]")
	} else if ($2 == "case_label") {
		ok = l ~ ("case[ \t]+" name "[ \t]*:")
	} else if ($2 == "strace_decoder") {
		ok = index(l, "SYS_FUNC(" name ")") || index(l, name "(") == 1
	} else if ($2 == "landmark" && name == "PT_PTRACED") {
		ok = l ~ /->ptrace = /
	} else if ($2 == "call_site" && name ~ /^__SCK__/) {
		# a static call: the line calls the name the key is made of
		ok = index(l, substr(name, 8)) > 0
	} else {
		ok = index(l, name) > 0
		# a function a macro defines (DEFINE_LOCK_GUARD_0(x, …) makes
		# class_x_constructor): its line is the macro's
		if (!ok && $2 == "function" && l ~ /^[ \t]*[A-Z_][A-Z0-9_]*\(/) {
			ok = 1
			nmacrodef++
		}
	}
	if (!ok)
		bad($2 " " name " at " tree " " $4 ":" $5 ": " l)
}
$1 == "path" {
	if (prev_path == $2 && prev_call != "\\N") {
		ncalls++
		l = src(tree, prev_file, prev_call)
		if (!index(l, refname($4)) && !(refpath($4) == prev_file && refline($4) == prev_call))
			bad(prev_path " step " ($3 - 1) ": " prev_file ":" prev_call \
			    " neither names " refname($4) " nor is its line: " l)
	}
	prev_path = $2
	prev_call = $5
	prev_file = refpath($4)
}
$1 == "call" {
	ncall++
	if (!index(src(tree, $2, $3), refname($5)))
		nmacro++
}
END {
	printf "verify-lines: %d symbol lines and %d path call lines read in the trees, %d mismatches;" \
	       " %d functions a macro defines; %d of %d call edges through macros\n", nsym, ncalls,
	       nbad, nmacrodef, nmacro, ncall
	exit nbad > 0
}
