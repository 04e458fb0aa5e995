/*
 * Indexing a strace tree: the x86-64 syscallent.h table, each decoder's
 * SYS_FUNC definition (libclang macro expansions), and the main-loop
 * call graph (strace.c, syscall.c, ucopy.c) with its named paths.
 * Works on the 5.x layout (sources at the top) and 6.x+ (under src/).
 */
#include <ctype.h>
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
#include "strbuf.h"
#include "walk.h"

/* Main-loop files whose bodies make the call graph (relative to src). */
static const char *const loop_files[] = { "strace.c", "syscall.c", "ucopy.c", NULL };

static const char *const def_macros[] = { "SYS_FUNC", NULL };

/*
 * The strace side of the story, as landmarks: where a path starts, a
 * function it passes, and the function (often libc's) it ends in.
 */
static const struct path_spec strace_paths[] = {
	{ "strace-startup", "function", "main", "startup_child", "fork", NULL, NULL, NULL, NULL },
	{ "strace-exec", "function", "main", "exec_or_die", "execve", NULL, NULL, NULL, NULL },
	{ "strace-traceme", "function", "main", "exec_or_die", "ptrace", NULL, NULL, NULL, NULL },
	{ "strace-attach", "function", "main", NULL, "ptrace_attach_or_seize", NULL, NULL, NULL, NULL },
	{ "strace-wait", "function", "main", "next_event", "wait4", NULL, NULL, NULL, NULL },
	{ "strace-enter", "function", "main", NULL, "syscall_entering_decode", NULL, NULL, NULL, NULL },
	{ "strace-exit", "function", "main", NULL, "syscall_exiting_decode", NULL, NULL, NULL, NULL },
	{ "strace-get-args", "function", "main", "get_syscall_args", "arch_get_syscall_args",
	  NULL, NULL, NULL, NULL },
	{ "strace-read-memory", "function", "umoven", NULL, "umoven_peekdata", NULL, NULL, NULL, NULL },
	{ "strace-read-string", "function", "umovestr", NULL, "umovestr_peekdata", NULL, NULL, NULL, NULL },
};

static int is_file(const char *root, const char *rel)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ok;

	strbuf_addf(&p, "%s/%s", root, rel);
	ok = stat(p.buf, &st) == 0 && S_ISREG(st.st_mode);
	strbuf_release(&p);
	return ok;
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

/* One syscallent.h file (and the files it includes). */
static void parse_syscallent(struct ix_tree *t, const char *prefix, const char *rel, int depth)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char *line, *next, *dir;
	int lineno = 0;

	strbuf_addf(&path, "%s/%s", t->root, rel);
	if (depth > 4 || strbuf_read_file(&text, path.buf) < 0) {
		ix_skip(t, rel, 0, "cannot be read");
		goto cleanup;
	}
	dir = xstrdup(rel);
	*strrchr(dir, '/') = 0;
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
			struct strbuf sub = STRBUF_INIT;

			strbuf_addf(&sub, "%s/%s", dir, inc);
			if (!is_file(t->root, sub.buf) && strrchr(dir, '/')) {
				/* found through -I linux/ as the build does */
				strbuf_reset(&sub);
				strbuf_addf(&sub, "%.*s/%s", (int)(strrchr(dir, '/') - dir), dir, inc);
			}
			parse_syscallent(t, prefix, sub.buf, depth + 1);
			strbuf_release(&sub);
			continue;
		}
		if (line[0] != '[')
			continue;
		p = line + 1;
		while (*p == ' ')
			p++;
		if (!strncmp(p, "BASE_NR", 7)) {
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
	free(dir);
cleanup:
	strbuf_release(&path);
	strbuf_release(&text);
	(void)prefix;
}

/* config.h: what configure would find on a glibc x86-64 system. */
static int write_config_h(const char *gen)
{
	static const char body[] =
		"/* generated by sysatlas index: a glibc x86-64 system */\n"
		"#define HAVE_CONFIG_H 1\n#define PACKAGE_NAME \"strace\"\n"
		"#define PACKAGE_VERSION \"0\"\n#define VERSION \"0\"\n"
		"#define COPYRIGHT_YEAR \"2020\"\n#define MANPAGE_DATE \"2020-01-01\"\n"
		"#define X86_64 1\n#define ENABLE_ARCH_DYNAMIC 0\n#define SIZEOF_LONG 8\n"
		"#define SIZEOF_KERNEL_LONG_T 8\n#define SIZEOF_OFF_T 8\n#define SIZEOF_LONG_LONG 8\n"
		"#define SIZEOF_RLIM_T 8\n#define HAVE_FORK 1\n#define HAVE_PROCESS_VM_READV 1\n"
		"#define HAVE_PROCESS_VM_WRITEV 1\n#define HAVE_STRUCT_STAT 1\n"
		"#define HAVE_STRUCT_STAT64 1\n#define HAVE_STRUCT_STATFS 1\n"
		"#define HAVE_STRUCT_STATFS64 1\n#define HAVE_SIGINFO_T 1\n"
		"#define HAVE_LINUX_INPUT_H 1\n#define HAVE_LINUX_BPF_H 1\n"
		"#define HAVE_STATIC_ASSERT 1\n#define HAVE_BUILTIN_POPCOUNT 1\n"
		"#define HAVE_FCNTL64 0\n#define HAVE_BE64TOH 1\n#define HAVE_LE64TOH 1\n"
		"#define _GNU_SOURCE 1\n";
	struct strbuf path = STRBUF_INIT;
	FILE *f;
	int rc = 0;

	strbuf_addf(&path, "%s/config.h", gen);
	f = fopen(path.buf, "w");
	if (!f || fwrite(body, 1, sizeof(body) - 1, f) != sizeof(body) - 1)
		rc = error_errno("index: %s", path.buf);
	if (f && fclose(f))
		rc = error_errno("index: %s", path.buf);
	strbuf_release(&path);
	return rc;
}

int strace_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st)
{
	static const char *const patterns[] = { "SYS_FUNC(", NULL };
	static const char *const skip_dirs[] = { "tests", "tests-m32", "tests-mx32",
		"debian", "doc", "maint", "bundled", ".git", NULL };
	struct strbuf src = STRBUF_INIT, gen = STRBUF_INIT, ent = STRBUF_INIT;
	const char *prefix = "";
	char *args[16];
	const char *record[4] = { NULL, NULL, NULL, NULL };
	struct parse_job *jobs = NULL;
	struct parse_opts po;
	struct walk_opts wo;
	struct walk_result wr;
	struct graph *g = NULL;
	struct progress *prog = NULL;
	int nargs = 0, njobs = 0, i, rc = -1;
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

	parse_syscallent(t, prefix, ent.buf, 0);
	st->syscalls = t->nssys;

	strbuf_addf(&gen, "%s/strace-gen", o->tmpdir);
	if (mkdir(gen.buf, 0700) < 0 || write_config_h(gen.buf))
		goto cleanup;
	strbuf_addf(&src, "%s%s%s", o->root, *prefix ? "/" : "", *prefix ? "src" : "");
	if (src.len && src.buf[src.len - 1] == '/')
		strbuf_setlen(&src, src.len - 1);
	{
		struct strbuf a = STRBUF_INIT;

		args[nargs++] = xstrdup("-xc");
		args[nargs++] = xstrdup("-std=gnu11");
		args[nargs++] = xstrdup("-w");
		args[nargs++] = xstrdup("-fno-spell-checking");
		args[nargs++] = xstrdup("-DHAVE_CONFIG_H");
		strbuf_addf(&a, "-I%s", gen.buf);
		args[nargs++] = strbuf_detach(&a, NULL);
		strbuf_addf(&a, "-I%s/linux/x86_64", src.buf);
		args[nargs++] = strbuf_detach(&a, NULL);
		strbuf_addf(&a, "-I%s/linux/generic", src.buf);
		args[nargs++] = strbuf_detach(&a, NULL);
		strbuf_addf(&a, "-I%s/linux", src.buf);
		args[nargs++] = strbuf_detach(&a, NULL);
		strbuf_addf(&a, "-I%s", src.buf);
		args[nargs++] = strbuf_detach(&a, NULL);
		strbuf_addf(&a, "-I%s/bundled/linux/include/uapi", o->root);
		args[nargs++] = strbuf_detach(&a, NULL);
	}

	wo.root = o->root;
	wo.suffix = ".c";
	wo.patterns = patterns;
	wo.skip_dirs = skip_dirs;
	walk_tree(&wo, &wr);
	for (i = 0; i < wr.nunreadable; i++)
		ix_skip(t, NULL, 0, "unreadable: %s", wr.unreadable[i]);
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
		jobs[njobs].mode = PARSE_DEFS;
		jobs[njobs++].relpath = xstrdup(wr.files[i]);
	}

	{
		struct strbuf r = STRBUF_INIT;

		strbuf_addf(&r, "%slinux/x86_64/get_syscall_args.c", prefix);
		record[0] = strbuf_detach(&r, NULL);
		record[1] = NULL;
	}
	memset(&po, 0, sizeof(po));
	po.root = o->root;
	po.args = (const char *const *)args;
	po.nargs = nargs;
	po.def_macros = def_macros;
	po.record_files = record;
	po.jobs = o->jobs;
	prog = progress_start("indexing strace", (uint64_t)njobs);
	po.progress = prog;
	i = parse_run(&po, jobs, njobs);
	progress_stop(&prog);
	if (i)
		goto cleanup;

	g = graph_new(t);
	for (i = 0; i < njobs; i++) {
		struct parse_job *job = &jobs[i];
		int r;

		if (job->failed) {
			st->files_failed++;
			ix_skip(t, job->relpath, 0, "%s", job->first_error);
			continue;
		}
		st->files_parsed++;
		if (job->nerrors) {
			st->files_with_errors++;
			if (o->verbose)
				warning("index: %s: %d parse errors, first: %s", job->relpath,
					job->nerrors, job->first_error);
		}
		for (r = 0; r < job->nrecs; r++) {
			const struct prec *pr = &job->recs[r];
			int sym;

			if (pr->kind != PREC_DEF)
				continue;
			sym = ix_symbol_add(t, "strace_decoder", pr->name, ix_file(t, pr->file),
					    pr->line, pr->end_line, pr->signature);
			graph_alias(g, pr->file, pr->line, sym);
		}
	}
	for (i = 0; i < njobs; i++)
		if (jobs[i].mode & PARSE_BODIES)
			graph_add_records(g, &jobs[i]);
	graph_finish(g);
	for (i = 0; i < t->nssys; i++) {
		t->ssys[i].decoder_sym = ix_symbol_find(t, "strace_decoder", t->ssys[i].decoder);
		st->decoders += t->ssys[i].decoder_sym >= 0;
	}
	for (q = 0; q < sizeof(strace_paths) / sizeof(strace_paths[0]); q++)
		if (graph_find_path(g, &strace_paths[q]))
			st->paths++;
	rc = 0;
cleanup:
	free((char *)record[0]);
	progress_stop(&prog);
	for (i = 0; i < njobs; i++)
		parse_job_release(&jobs[i]);
	free(jobs);
	graph_free(g);
	walk_result_release(&wr);
	for (i = 0; i < nargs; i++)
		free(args[i]);
	strbuf_release(&src);
	strbuf_release(&gen);
	strbuf_release(&ent);
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
