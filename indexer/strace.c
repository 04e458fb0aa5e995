/*
 * Indexing a strace tree: the x86-64 syscallent.h table, each decoder's
 * SYS_FUNC definition (libclang macro expansions), and the main-loop
 * call graph (strace.c, syscall.c, ucopy.c) with its named paths.
 * Works on the 5.x layout (sources at the top) and 6.x+ (under src/).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "graph.h"
#include "index-tree.h"
#include "parse.h"
#include "progress.h"
#include "strace-args.h"
#include "strace-gen.h"
#include "strbuf.h"
#include "syscallent.h"
#include "walk.h"

/* Main-loop files whose bodies make the call graph (relative to src). */
static const char *const loop_files[] = { "strace.c", "syscall.c", "ucopy.c", NULL };

static const char *const def_macros[] = { "SYS_FUNC", NULL };

/*
 * The decoders written as plain functions: the catch-alls strace's alias
 * header points many syscalls at (#define sys_getpid printargs).
 */
static const char *const plain_prefixes[] = { "printargs", NULL };

/* Reading the syscall's name from its sysent entry: printing it. */
static const char *const ref_members[] = { "sys_name", NULL };

/*
 * The strace side of the story, as landmarks: where a path starts, a
 * function it passes, and the function (often libc's) it ends in.
 */
static const struct path_spec strace_paths[] = {
	{ "strace-startup", "function", "main", "startup_child", "fork", NULL, NULL, NULL, NULL },
	{ "strace-exec", "function", "main", "exec_or_die", "execve", NULL, NULL, NULL, NULL },
	{ "strace-traceme", "function", "main", "exec_or_die", "ptrace", NULL, NULL, NULL, NULL },
	{ "strace-attach", "function", "main", NULL, "ptrace_attach_or_seize", NULL, NULL, NULL, NULL },
	{ "strace-self-stop", "function", "main", "exec_or_die", "kill", NULL, NULL, NULL, NULL },
	{ "strace-resume-child", "function", "main", "startup_child", "kill", NULL, NULL, NULL, NULL },
	{ "strace-print-signal", "function", "main", "dispatch_event", "print_stopped",
	  NULL, NULL, NULL, NULL },
	{ "strace-print-exited", "function", "main", "dispatch_event", "print_exited",
	  NULL, NULL, NULL, NULL },
	{ "strace-exit-event", "function", "main", "dispatch_event", "print_event_exit",
	  NULL, NULL, NULL, NULL },
	{ "strace-exec-event", "function", "main", "dispatch_event", "maybe_switch_tcbs",
	  NULL, NULL, NULL, NULL },
	{ "strace-restart", "function", "main", "dispatch_event", "ptrace_restart",
	  NULL, NULL, NULL, NULL },
	{ "strace-wait", "function", "main", "next_event", "wait4", NULL, NULL, NULL, NULL },
	{ "strace-enter", "function", "main", NULL, "syscall_entering_decode", NULL, NULL, NULL, NULL },
	{ "strace-print-name", "function", "main", "syscall_entering", NULL, NULL, "sys_name",
	  "sys_name", NULL },
	{ "strace-exit", "function", "main", NULL, "syscall_exiting_decode", NULL, NULL, NULL, NULL },
	{ "strace-get-args", "function", "main", "get_syscall_args", "arch_get_syscall_args",
	  NULL, NULL, NULL, NULL },
	{ "strace-read-memory", "function", "umoven", NULL, "umoven_peekdata", NULL, NULL, NULL, NULL },
	{ "strace-read-string", "function", "umovestr", NULL, "umovestr_peekdata", NULL, NULL, NULL, NULL },
};

static int is_type(const char *root, const char *rel, int dir)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ok;

	strbuf_addf(&p, "%s/%s", root, rel);
	ok = stat(p.buf, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
	strbuf_release(&p);
	return ok;
}

static int is_file(const char *root, const char *rel)
{
	return is_type(root, rel, 0);
}

static int is_dir(const char *root, const char *rel)
{
	return is_type(root, rel, 1);
}

/* "v5.7" from .tarball-version, or NEWS's first "release X" line. */
static char *strace_version(const char *root)
{
	struct strbuf p = STRBUF_INIT, text = STRBUF_INIT, v = STRBUF_INIT;
	const char *r;

	strbuf_addf(&p, "%s/.tarball-version", root);
	if (!access(p.buf, R_OK) && strbuf_read_file(&text, p.buf) >= 0) {
		strbuf_rtrim(&text);
		if (text.len)
			strbuf_addf(&v, "v%s", text.buf);
	}
	if (!v.len) {
		strbuf_reset(&p);
		strbuf_reset(&text);
		strbuf_addf(&p, "%s/NEWS", root);
		if (!access(p.buf, R_OK) && strbuf_read_file(&text, p.buf) >= 0 &&
		    (r = strstr(text.buf, "changes in release "))) {
			r += strlen("changes in release ");
			strbuf_addch(&v, 'v');
			while (*r && !isspace((unsigned char)*r))
				strbuf_addch(&v, *r++);
		}
	}
	strbuf_release(&p);
	strbuf_release(&text);
	return v.len ? strbuf_detach(&v, NULL) : NULL;
}

/*
 * The build's -I directories, absolute, in order: AM_CPPFLAGS's
 * -I$(srcdir)/… entries of Makefile.am ($(OS) is linux, $(ARCH) x86_64),
 * or, without a Makefile.am, the layout's usual ones.
 */
static int include_dirs(const char *root, const char *src, char **out, int max)
{
	static const char *const fallback[] = { "linux/x86_64", "linux/generic", "linux", "" };
	struct strbuf mk = STRBUF_INIT, text = STRBUF_INIT;
	const char *p;
	int n = 0;
	size_t i;

	strbuf_addf(&mk, "%s/Makefile.am", src);
	if (strbuf_read_file(&text, mk.buf) >= 0 && (p = strstr(text.buf, "\nAM_CPPFLAGS ="))) {
		const char *end = p + 1;

		/* the assignment and its continuation lines */
		while ((end = strchr(end, '\n')) && end[-1] == '\\')
			end++;
		while (n < max && (p = strstr(p, "-I$(srcdir)")) && (!end || p < end)) {
			struct strbuf d = STRBUF_INIT;
			const char *q = p + strlen("-I$(srcdir)");

			strbuf_addstr(&d, src);
			while (*q && !isspace((unsigned char)*q) && *q != '\\') {
				if (!strncmp(q, "$(OS)", 5)) {
					strbuf_addstr(&d, "linux");
					q += 5;
				} else if (!strncmp(q, "$(ARCH)", 7)) {
					strbuf_addstr(&d, "x86_64");
					q += 7;
				} else {
					strbuf_addch(&d, *q++);
				}
			}
			out[n++] = strbuf_detach(&d, NULL);
			p = q;
		}
	}
	for (i = 0; !n && i < sizeof(fallback) / sizeof(fallback[0]); i++) {
		struct strbuf d = STRBUF_INIT;

		strbuf_addf(&d, "%s%s%s", src, *fallback[i] ? "/" : "", fallback[i]);
		out[n++] = strbuf_detach(&d, NULL);
	}
	strbuf_release(&mk);
	strbuf_release(&text);
	(void)root;
	return n;
}

/*
 * Where `#include "inc"` in the file rel (relative to the tree) leads, as
 * the compiler finds it: the file's own directory, then the -I list.
 * Returns the path relative to the tree, or NULL.
 */
static char *resolve_include(const char *root, const char *rel, const char *inc,
			     char *const *dirs, int ndirs)
{
	struct strbuf p = STRBUF_INIT;
	size_t rootlen = strlen(root);
	int i;

	strbuf_addstr(&p, rel);
	strbuf_setlen(&p, strrchr(p.buf, '/') ? (size_t)(strrchr(p.buf, '/') - p.buf) : 0);
	if (p.len)
		strbuf_addch(&p, '/');
	strbuf_addstr(&p, inc);
	if (is_file(root, p.buf))
		return strbuf_detach(&p, NULL);
	for (i = 0; i < ndirs; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dirs[i], inc);
		if (!strncmp(p.buf, root, rootlen) && p.buf[rootlen] == '/' &&
		    is_file(root, p.buf + rootlen + 1)) {
			char *r = xstrdup(p.buf + rootlen + 1);

			strbuf_release(&p);
			return r;
		}
	}
	strbuf_release(&p);
	return NULL;
}

/* One syscallent.h file (and the files it includes). */
static void parse_syscallent(struct ix_tree *t, const char *rel, char *const *dirs, int ndirs,
			     int depth)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char *line, *next;
	int lineno = 0;

	strbuf_addf(&path, "%s/%s", t->root, rel);
	if (depth > 4) {
		ix_skip(t, rel, 0, "included too deeply");
		goto cleanup;
	}
	if (strbuf_read_file(&text, path.buf) < 0) {
		ix_skip(t, rel, 0, "cannot be read: %s", strerror(errno));
		goto cleanup;
	}
	for (line = text.buf; line && *line; line = next) {
		struct ix_strace_syscall *s;
		char flags[128], dec[128], name[128], inc[256];
		int nr, nargs, n = 0;
		const char *p;

		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		if (sscanf(line, "#%*[ ]include \"%255[^\"]\"", inc) == 1 ||
		    sscanf(line, "#include \"%255[^\"]\"", inc) == 1) {
			char *sub = resolve_include(t->root, rel, inc, dirs, ndirs);

			if (sub)
				parse_syscallent(t, sub, dirs, ndirs, depth + 1);
			else
				ix_skip(t, rel, lineno, "#include \"%s\": no such file in the tree", inc);
			free(sub);
			continue;
		}
		if (line[0] != '[')
			continue;
		p = line + 1;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "BASE_NR", 7)) {	/* 0 for x86-64 */
			p += 7;
			while (*p == ' ' || *p == '+')
				p++;
		}
		if (sscanf(p, "%d ] = { %d , %127[^,], SEN ( %127[^)] ) , \"%127[^\"]\"%n",
			   &nr, &nargs, flags, dec, name, &n) < 5 || !n) {
			if (strstr(line, "SEN("))
				ix_skip(t, rel, lineno, "not a syscallent entry");
			continue;
		}
		{
			struct strbuf f = STRBUF_INIT;

			strbuf_addstr(&f, flags);
			strbuf_rtrim(&f);
			s = ix_strace_syscall_add(t);
			snprintf(s->abi, sizeof(s->abi), "64");
			s->nr = nr;
			s->nargs = nargs;
			s->name = xstrdup(name);
			s->flags = strbuf_detach(&f, NULL);
			s->decoder = xstrdup(dec);
		}
	}
cleanup:
	strbuf_release(&path);
	strbuf_release(&text);
}

void strace_parse_syscallent(struct ix_tree *t, const char *rel, char *const *dirs, int ndirs)
{
	parse_syscallent(t, rel, dirs, ndirs, 0);
}

/* The compiler arguments: the build's -I list after the generated headers. */
static int compiler_args(const char *root, const char *gen, char *const *dirs, int ndirs,
			 char **args, int max)
{
	static const char *const fixed[] = { "-xc", "-std=gnu11", "-w", "-fno-spell-checking",
		"-ferror-limit=0", "-DHAVE_CONFIG_H", "-DIN_STRACE=1" };
	static const char *const bundled[] = { "bundled/linux/arch/x86/include/uapi",
		"bundled/linux/include/uapi" };
	struct strbuf a = STRBUF_INIT;
	size_t i;
	int n = 0;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		args[n++] = xstrdup(fixed[i]);
	strbuf_addf(&a, "-I%s", gen);
	args[n++] = strbuf_detach(&a, NULL);
	for (i = 0; i < (size_t)ndirs && n + 4 < max; i++) {
		strbuf_addf(&a, "-I%s", dirs[i]);
		args[n++] = strbuf_detach(&a, NULL);
	}
	/* strace's own copy of the kernel's uapi headers, as configure uses it */
	for (i = 0; i < sizeof(bundled) / sizeof(bundled[0]); i++)
		if (is_dir(root, bundled[i])) {
			args[n++] = xstrdup("-isystem");
			strbuf_addf(&a, "%s/%s", root, bundled[i]);
			args[n++] = strbuf_detach(&a, NULL);
		}
	return n;
}

/*
 * Decoder symbols from the definition records (SYS_FUNC macros, and the
 * plain printargs functions); graph aliases for their bodies; the
 * `#define sys_x sys_y` aliases into aliases.
 */
static void merge_job(struct ix_tree *t, struct graph *g, const struct parse_job *job,
		      const struct index_opts *o, struct index_stats *st, struct strmap *aliases,
		      struct strbuf *targets)
{
	int r;

	index_report_job(t, job, st);
	if (job->failed)
		return;
	for (r = 0; r < job->nrecs; r++) {
		const struct prec *pr = &job->recs[r];
		int sym;

		if (pr->kind == PREC_ALIAS) {
			/* targets holds "name\0" strings; the map points into it */
			if (strmap_get(aliases, pr->name, -1) < 0) {
				strmap_put(aliases, pr->name, (long)targets->len);
				strbuf_add(targets, pr->macro, strlen(pr->macro) + 1);
			}
			continue;
		}
		if (pr->kind != PREC_DEF &&
		    (pr->kind != PREC_FUNC || (job->mode & PARSE_BODIES) || !pr->signature))
			continue;
		sym = ix_symbol_add(t, "strace_decoder", pr->name, ix_file(t, pr->file),
				    pr->line, pr->end_line, pr->signature);
		if (pr->kind == PREC_DEF)
			graph_alias(g, pr->file, pr->line, sym);
	}
}

/*
 * The definition SEN(decoder) reaches: sys_<decoder>, after the alias
 * header's #defines (sys_lstat -> sys_stat, sys_getpid -> printargs), is
 * SYS_FUNC(<name>) or a plain function.  -1 when none was found.
 */
static int decoder_symbol(const struct ix_tree *t, const char *decoder,
			  const struct strmap *aliases, const struct strbuf *targets)
{
	struct strbuf name = STRBUF_INIT;
	int hops, sym = -1;

	strbuf_addf(&name, "sys_%s", decoder);
	for (hops = 0; hops < 8; hops++) {
		long at = strmap_get(aliases, name.buf, -1);
		const char *to;

		if (at < 0)
			break;
		to = targets->buf + at;
		strbuf_reset(&name);
		strbuf_addstr(&name, to);
	}
	sym = ix_symbol_find(t, "strace_decoder",
			     !strncmp(name.buf, "sys_", 4) ? name.buf + 4 : name.buf);
	strbuf_release(&name);
	return sym;
}

int strace_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st)
{
	/*
	 * definitions, the plain printargs functions (at a line start), and
	 * the multi-personality printers decoders call (fetch_struct_stat)
	 */
	static const char *const patterns[] = { "SYS_FUNC(", "\nprintargs",
		"\nMPERS_PRINTER_DECL(", NULL };
	static const char *const skip_dirs[] = { "tests", "tests-m32", "tests-mx32",
		"debian", "doc", "maint", "bundled", ".git", NULL };
	struct strbuf src = STRBUF_INIT, gen = STRBUF_INIT, ent = STRBUF_INIT;
	struct strbuf pch = STRBUF_INIT, hdr = STRBUF_INIT, targets = STRBUF_INIT;
	struct strmap aliases = STRMAP_INIT;
	const char *prefix = "";
	char *args[40], *dirs[16], *why = NULL;
	const char *record[2] = { NULL, NULL }, *arg_files[2] = { NULL, NULL };
	struct parse_job *jobs = NULL;
	struct parse_opts po;
	struct walk_opts wo;
	struct walk_result wr;
	struct sgen_info si;
	const char *sysdirs[] = { index_clang_resource_include(), "/usr/local/include",
		"/usr/include/x86_64-linux-gnu", "/usr/include", NULL };
	struct graph *g = NULL;
	struct progress *prog = NULL;
	int nargs = 0, ndirs = 0, njobs = 0, i, rc = -1;
	size_t q;
	struct stat sb;

	memset(&wr, 0, sizeof(wr));
	if (stat(o->root, &sb) < 0)
		return error_errno("index: %s", o->root);
	if (!S_ISDIR(sb.st_mode))
		return error("index: %s: not a directory", o->root);
	if (is_file(o->root, "src/strace.c"))
		prefix = "src/";
	else if (!is_file(o->root, "strace.c"))
		return error("index: %s: not a strace tree: no strace.c or src/strace.c", o->root);
	if (walk_check_special(o->root))
		return -1;
	strbuf_addf(&ent, "%slinux/x86_64/syscallent.h", prefix);
	if (!is_file(o->root, ent.buf)) {
		error("index: %s: not a strace tree: no %s", o->root, ent.buf);
		goto cleanup;
	}
	t->version = o->version ? xstrdup(o->version) : strace_version(o->root);
	if (!t->version) {
		ix_skip(t, NULL, 0, "no version in .tarball-version or NEWS (use --strace-version)");
		t->version = xstrdup("unknown");
	}
	t->arch = xstrdup(o->arch);
	t->url_template = xstrdup("https://github.com/strace/strace/blob/{version}/{path}#L{line}");

	strbuf_addf(&src, "%s%s%s", o->root, *prefix ? "/" : "", *prefix ? "src" : "");
	ndirs = include_dirs(o->root, src.buf, dirs, 16);
	strace_parse_syscallent(t, ent.buf, dirs, ndirs);
	st->syscalls = t->nssys;

	wo.root = o->root;
	wo.suffix = ".c";
	wo.patterns = patterns;
	wo.skip_dirs = skip_dirs;
	walk_tree(&wo, &wr);
	for (i = 0; i < wr.nunreadable; i++)
		ix_skip(t, wr.unreadable[i].path, 0, "%s", wr.unreadable[i].why);

	strbuf_addf(&gen, "%s/strace-gen", o->tmpdir);
	if (mkdir(gen.buf, 0700) < 0) {
		error_errno("index: mkdir %s", gen.buf);
		goto cleanup;
	}
	si.src = src.buf;
	si.incdirs = (const char *const *)dirs;
	si.nincdirs = ndirs;
	si.sysdirs = sysdirs;
	si.t = t;
	si.sysfunc_files = wr.files;
	si.nsysfunc_files = wr.nfiles;
	if (sgen_write(gen.buf, o->root, &si))
		goto cleanup;
	nargs = compiler_args(o->root, gen.buf, dirs, ndirs, args, 40);

	jobs = xcalloc((size_t)wr.nfiles + 8, sizeof(*jobs));
	for (q = 0; loop_files[q]; q++) {
		struct strbuf r = STRBUF_INIT;

		strbuf_addf(&r, "%s%s", prefix, loop_files[q]);
		if (is_file(o->root, r.buf)) {
			jobs[njobs].mode = PARSE_DEFS | PARSE_BODIES;
			jobs[njobs++].relpath = strbuf_detach(&r, NULL);
		}
		strbuf_release(&r);
	}
	for (i = 0; i < wr.nfiles; i++) {
		int dup = 0, j;

		for (j = 0; j < njobs; j++)
			dup |= !strcmp(jobs[j].relpath, wr.files[i]);
		/* per-arch files are #included by others, not compiled alone */
		if (dup || !strncmp(wr.files[i] + strlen(prefix), "linux/", 6))
			continue;
		/* with bodies: what each function passes to the printers */
		jobs[njobs].mode = PARSE_DEFS | PARSE_ARGS;
		/* util.c also reads defs.h's inline printers (printstrn…): no PCH */
		if (!strcmp(wr.files[i] + strlen(prefix), "util.c"))
			jobs[njobs].mode |= PARSE_NOPCH;
		jobs[njobs++].relpath = xstrdup(wr.files[i]);
	}

	{
		struct strbuf r = STRBUF_INIT;

		strbuf_addf(&r, "%slinux/x86_64/get_syscall_args.c", prefix);
		record[0] = strbuf_detach(&r, NULL);
		strbuf_addf(&r, "%sdefs.h", prefix);
		arg_files[0] = strbuf_detach(&r, NULL);
	}
	memset(&po, 0, sizeof(po));
	po.root = o->root;
	po.args = (const char *const *)args;
	po.nargs = nargs;
	po.def_macros = def_macros;
	po.plain_prefixes = plain_prefixes;
	po.alias_prefix = "sys_";
	po.ref_members = ref_members;
	po.record_files = record;
	po.arg_member = "u_arg";
	po.arg_files = arg_files;
	po.jobs = o->jobs;
	/* every decoder file starts with defs.h: share it */
	strbuf_addf(&hdr, "%s/defs.h", src.buf);
	if (!o->no_pch && !access(hdr.buf, R_OK)) {
		strbuf_reset(&hdr);
		strbuf_addf(&hdr, "%s/sysatlas-prefix.h", gen.buf);
		strbuf_addf(&pch, "%s/sysatlas-prefix.pch", gen.buf);
		{
			struct strbuf body = STRBUF_INIT;

			strbuf_addstr(&body, "#include \"defs.h\"\n");
			i = strbuf_write_file(&body, hdr.buf);
			strbuf_release(&body);
			if (i) {
				error_errno("index: %s", hdr.buf);
				goto cleanup;
			}
		}
		po.pch_header = hdr.buf;
		po.pch_file = pch.buf;
	}
	prog = progress_start("indexing strace", (uint64_t)njobs);
	po.progress = prog;
	i = parse_run(&po, jobs, njobs, &why);
	progress_stop(&prog);
	if (i)
		goto cleanup;
	if (why)
		warning("index: parsing strace without a prefix PCH (slower): %s", why);

	g = graph_new(t);
	for (i = 0; i < njobs; i++)
		merge_job(t, g, &jobs[i], o, st, &aliases, &targets);
	for (i = 0; i < njobs; i++)
		if (jobs[i].mode & PARSE_BODIES)
			graph_add_records(g, &jobs[i]);
	graph_finish(g);
	for (i = 0; i < t->nssys; i++) {
		t->ssys[i].decoder_sym = decoder_symbol(t, t->ssys[i].decoder, &aliases, &targets);
		st->decoders += t->ssys[i].decoder_sym >= 0;
	}
	for (q = 0; q < sizeof(strace_paths) / sizeof(strace_paths[0]); q++)
		if (graph_find_path(g, &strace_paths[q]))
			st->paths++;
	strace_args_resolve(t, jobs, njobs);
	rc = 0;
cleanup:
	free((char *)record[0]);
	free((char *)arg_files[0]);
	free(why);
	progress_stop(&prog);
	for (i = 0; i < njobs; i++)
		parse_job_release(&jobs[i]);
	free(jobs);
	graph_free(g);
	walk_result_release(&wr);
	for (i = 0; i < nargs; i++)
		free(args[i]);
	for (i = 0; i < ndirs; i++)
		free(dirs[i]);
	strbuf_release(&src);
	strbuf_release(&gen);
	strbuf_release(&ent);
	strbuf_release(&pch);
	strbuf_release(&hdr);
	strbuf_release(&targets);
	strmap_release(&aliases);
	return rc;
}

void strace_link_decoders(struct ix_tree *linux_tree, const struct ix_tree *strace)
{
	int i, j;

	for (i = 0; i < linux_tree->nsyscalls; i++) {
		struct ix_syscall *s = &linux_tree->syscalls[i];

		if (strcmp(s->abi, "common") && strcmp(s->abi, "64"))
			continue;
		for (j = 0; j < strace->nssys; j++)
			if (strace->ssys[j].nr == s->nr) {
				s->decoder = strace->ssys[j].decoder_sym;
				break;
			}
	}
}
