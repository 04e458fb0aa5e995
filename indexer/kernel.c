/*
 * Indexing a Linux tree: version, syscall tables, configuration and
 * generated headers, the libclang pass over the files that define
 * syscalls and the path code, then resolution and the named paths.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datadir.h"
#include "error.h"
#include "graph.h"
#include "index-tree.h"
#include "kbuild.h"
#include "kernel.h"
#include "parse.h"
#include "progress.h"
#include "strbuf.h"
#include "walk.h"

/* Files whose function bodies make the call graph (those that exist). */
static const char *const path_files[] = {
	"arch/x86/entry/common.c",		/* v5.7: do_syscall_64, syscall_trace_enter */
	"arch/x86/entry/syscall_64.c",		/* 6.x: x64_sys_call on newer kernels */
	"kernel/entry/common.c",		/* 5.8+: generic entry */
	"kernel/ptrace.c",
	"arch/x86/kernel/ptrace.c",
	"kernel/signal.c",
	"kernel/exit.c",
	"mm/process_vm_access.c",
	NULL,
};

/* Headers whose inline functions are part of the path code. */
static const char *const path_headers[] = {
	"include/linux/tracehook.h",
	"include/linux/ptrace.h",
	"include/linux/entry-common.h",
	"arch/x86/include/asm/entry-common.h",
	"include/linux/sched/signal.h",
	NULL,
};

static const char *const entry_asm = "arch/x86/entry/entry_64.S";

static const char *const def_macros[] = {
	"SYSCALL_DEFINE", "COMPAT_SYSCALL_DEFINE", "COND_SYSCALL", "COND_SYSCALL_COMPAT",
	NULL,
};

static const char *const assign_members[] = { "ptrace", NULL };

/* Headers most syscall files include: the prefix PCH. */
static const char *const pch_headers[] = {
	"linux/kernel.h", "linux/syscalls.h", "linux/compat.h", "linux/fs.h",
	"linux/mm.h", "linux/sched.h", "linux/slab.h", "linux/uaccess.h",
	"linux/file.h", "linux/security.h", NULL,
};

/* The requests whose handlers get a path: PTRACE_FOO_BAR -> ptrace-foo-bar. */
static const char *const ptrace_requests[] = {
	"PTRACE_GETREGS", "PTRACE_SETREGS", "PTRACE_GETFPREGS", "PTRACE_PEEKDATA",
	"PTRACE_PEEKTEXT", "PTRACE_PEEKUSR", "PTRACE_POKEDATA", "PTRACE_GET_SYSCALL_INFO",
	"PTRACE_GETSIGINFO", "PTRACE_GETEVENTMSG", "PTRACE_SETOPTIONS", "PTRACE_SYSCALL",
	"PTRACE_CONT", "PTRACE_LISTEN", "PTRACE_INTERRUPT", "PTRACE_KILL", "PTRACE_DETACH",
	"PTRACE_GETREGSET", NULL,
};

static const struct path_spec fixed_paths[] = {
	{ "syscall-enter", "asm_label", "entry_SYSCALL_64", "report_syscall_entry",
	  "ptrace_stop", NULL, NULL, NULL, NULL },
	{ "syscall-exit", "asm_label", "entry_SYSCALL_64", "report_syscall_exit",
	  "ptrace_stop", NULL, NULL, NULL, NULL },
	{ "syscall-dispatch", "asm_label", "entry_SYSCALL_64", NULL, NULL, NULL, NULL,
	  NULL, "sys_call_table" },
	{ "syscall-dispatch", "asm_label", "entry_SYSCALL_64", NULL, "x64_sys_call",
	  NULL, NULL, NULL, NULL },
	{ "ptrace-traceme", "syscall_definition", "sys_ptrace", NULL, "ptrace_traceme",
	  NULL, "ptrace", "PT_PTRACED", NULL },
	{ "ptrace-attach", "syscall_definition", "sys_ptrace", NULL, "ptrace_attach",
	  NULL, "ptrace", "PT_PTRACED", NULL },
	{ "ptrace-seize", "syscall_definition", "sys_ptrace", NULL, "ptrace_attach",
	  NULL, "ptrace", "PT_PTRACED", NULL },
	{ "wait-stopped-tracee", "syscall_definition", "sys_wait4", NULL,
	  "wait_task_stopped", NULL, NULL, NULL, NULL },
	{ "process-vm-readv", "syscall_definition", "sys_process_vm_readv", NULL,
	  "process_vm_rw_core", NULL, NULL, NULL, NULL },
};

static int path_exists(const char *root, const char *rel, int want_dir)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ok;

	strbuf_addf(&p, "%s/%s", root, rel);
	ok = stat(p.buf, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
	strbuf_release(&p);
	return ok;
}

static int makefile_var(const char *text, const char *var)
{
	const char *p = text;
	size_t n = strlen(var);

	while ((p = strstr(p, var))) {
		if ((p == text || p[-1] == '\n') && (p[n] == ' ' || p[n] == '=')) {
			p += n;
			while (*p == ' ' || *p == '=')
				p++;
			return atoi(p);
		}
		p += n;
	}
	return -1;
}

static void makefile_extra(const char *text, char *out, size_t size)
{
	const char *p = strstr(text, "\nEXTRAVERSION");
	size_t k = 0;

	*out = 0;
	if (!p)
		return;
	p += strlen("\nEXTRAVERSION");
	while (*p == ' ' || *p == '=' || *p == '\t')
		p++;
	while (*p && *p != '\n' && *p != ' ' && k + 1 < size)
		out[k++] = *p++;
	out[k] = 0;
}

static int check_tree(const char *root)
{
	struct stat st;

	if (stat(root, &st) < 0)
		return error_errno("index: %s", root);
	if (!S_ISDIR(st.st_mode))
		return error("index: %s: not a directory", root);
	if (!path_exists(root, "Makefile", 0))
		return error("index: %s: not a Linux tree: no Makefile", root);
	if (!path_exists(root, "arch/x86/entry/syscalls/syscall_64.tbl", 0))
		return error("index: %s: not a Linux tree: no arch/x86/entry/syscalls/syscall_64.tbl",
			     root);
	if (!path_exists(root, entry_asm, 0))
		return error("index: %s: not a Linux tree: no %s (the syscall entry code)",
			     root, entry_asm);
	return 0;
}

/* Skip other architectures and what is never compiled into the kernel. */
static char **skip_dirs_new(const char *root)
{
	static const char *const fixed[] = { "Documentation", "tools", "scripts",
		"samples", "LICENSES", "usr", "debian", ".git" };
	struct strbuf p = STRBUF_INIT;
	char **v = NULL;
	int n = 0;
	size_t i;
	DIR *d;
	struct dirent *de;

	v = xcalloc(sizeof(fixed) / sizeof(fixed[0]) + 64, sizeof(*v));
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		v[n++] = xstrdup(fixed[i]);
	strbuf_addf(&p, "%s/arch", root);
	d = opendir(p.buf);
	while (d && (de = readdir(d)) && n < (int)(sizeof(fixed) / sizeof(fixed[0])) + 62) {
		struct strbuf s = STRBUF_INIT;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "x86"))
			continue;
		strbuf_addf(&s, "arch/%s", de->d_name);
		v[n++] = strbuf_detach(&s, NULL);
	}
	if (d)
		closedir(d);
	strbuf_release(&p);
	return v;
}

static void free_strv(char **v)
{
	int i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static int in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

struct defn {
	int sym;
	char *file;
	int compiled;
	char needs[128];
};

struct kctx {
	struct ix_tree *t;
	const struct index_opts *o;
	struct kconfig *kc;
	struct tbl tbl64, tbl32;
	struct defn *defs;
	int ndefs, adefs;
	struct strmap defs_by_name;	/* "sys_x" -> first index in defs (chain below) */
	int *next_def;
	struct strmap cond;		/* COND_SYSCALL names */
};

static void add_def(struct kctx *k, int sym, const char *file)
{
	struct defn *d;

	if (k->ndefs == k->adefs) {
		k->adefs = k->adefs ? k->adefs * 2 : 512;
		k->defs = xrealloc(k->defs, (size_t)k->adefs * sizeof(*k->defs));
		k->next_def = xrealloc(k->next_def, (size_t)k->adefs * sizeof(int));
	}
	d = &k->defs[k->ndefs];
	d->sym = sym;
	d->file = xstrdup(file);
	d->compiled = kbuild_compiled(k->t->root, k->kc, file, d->needs, sizeof(d->needs));
	k->next_def[k->ndefs] = (int)strmap_get(&k->defs_by_name, k->t->syms[sym].name, -1);
	strmap_put(&k->defs_by_name, k->t->syms[sym].name, k->ndefs);
	k->ndefs++;
}

/* Symbols for the definitions a job found; aliases for their bodies. */
static void merge_defs(struct kctx *k, struct graph *g, const struct parse_job *job)
{
	int i;

	for (i = 0; i < job->nrecs; i++) {
		const struct prec *r = &job->recs[i];
		struct strbuf name = STRBUF_INIT;
		int sym, fid;

		if (r->kind == PREC_DEF && !strncmp(r->macro, "COND_SYSCALL", 12)) {
			strmap_put(&k->cond, r->name, 1);
			continue;
		}
		if (r->kind == PREC_DEF) {
			strbuf_addf(&name, "%ssys_%s",
				    !strncmp(r->macro, "COMPAT_", 7) ? "compat_" : "", r->name);
		} else if (r->kind == PREC_FUNC && !(job->mode & PARSE_BODIES) &&
			   r->signature) {
			strbuf_addstr(&name, r->name);
		} else {
			continue;
		}
		fid = ix_file(k->t, r->file);
		sym = ix_symbol_add(k->t, "syscall_definition", name.buf, fid, r->line,
				    r->end_line, r->signature);
		if (r->kind == PREC_DEF)
			graph_alias(g, r->file, r->line, sym);
		add_def(k, sym, r->file);
		strbuf_release(&name);
	}
}

/* Bodies mode: plain sys_* functions of path files are definitions too. */
static void merge_plain_in_bodies(struct kctx *k, struct graph *g, const struct parse_job *job)
{
	int i;

	for (i = 0; i < job->nrecs; i++) {
		const struct prec *r = &job->recs[i];
		int sym;

		if (r->kind != PREC_FUNC || strcmp(r->file, job->relpath) ||
		    (strncmp(r->name, "sys_", 4) && strncmp(r->name, "compat_sys_", 11)))
			continue;
		sym = ix_symbol_add(k->t, "syscall_definition", r->name, ix_file(k->t, r->file),
				    r->line, r->end_line, NULL);
		graph_alias(g, r->file, r->line, sym);
		add_def(k, sym, r->file);
	}
}

static void resolve_syscall(struct kctx *k, const struct tbl_entry *e, struct index_stats *st)
{
	struct ix_syscall *s = ix_syscall_add(k->t);
	const char *fn = !strcmp(e->abi, "i386") && e->compat ? e->compat : e->entry;
	int i, pick = -1, seen = -1;

	snprintf(s->abi, sizeof(s->abi), "%s", e->abi);
	s->nr = e->nr;
	s->name = xstrdup(e->name);
	s->entry_point = e->entry_point ? xstrdup(e->entry_point) : NULL;
	st->syscalls++;
	if (!fn || !strcmp(fn, "sys_ni_syscall")) {
		s->status = "unimplemented";
		s->reason = xstrdup(fn ? "sys_ni_syscall (the table says so)" :
				    "sys_ni_syscall (no entry point in the table)");
		for (i = (int)strmap_get(&k->defs_by_name, "sys_ni_syscall", -1); i >= 0;
		     i = k->next_def[i])
			s->definition = k->defs[i].sym;
		st->unimplemented++;
		return;
	}
	for (i = (int)strmap_get(&k->defs_by_name, fn, -1); i >= 0; i = k->next_def[i]) {
		if (k->defs[i].compiled && pick < 0)
			pick = i;
		seen = i;
	}
	if (pick >= 0) {
		s->definition = k->defs[pick].sym;
		s->status = "implemented";
		st->implemented++;
		return;
	}
	s->status = "unimplemented";
	st->unimplemented++;
	{
		struct strbuf why = STRBUF_INIT;
		const char *base = !strncmp(fn, "compat_sys_", 11) ? fn + 11 :
				   !strncmp(fn, "sys_", 4) ? fn + 4 : fn;
		int cond = strmap_get(&k->cond, base, 0) != 0;

		if (seen >= 0)
			strbuf_addf(&why, "not compiled: %s%s%s", k->defs[seen].file,
				    k->defs[seen].needs[0] ? " needs " : " is not built",
				    k->defs[seen].needs);
		else
			strbuf_addstr(&why, "no definition compiled by this configuration");
		if (cond)
			strbuf_addstr(&why, " (COND_SYSCALL: sys_ni_syscall runs instead)");
		s->reason = strbuf_detach(&why, NULL);
		for (i = (int)strmap_get(&k->defs_by_name, "sys_ni_syscall", -1);
		     cond && i >= 0; i = k->next_def[i])
			s->definition = k->defs[i].sym;
	}
}

static char *read_makefile_version(const char *root, int *v, int *p, int *s, char **release)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, tag = STRBUF_INIT, rel = STRBUF_INIT;
	char extra[64];

	strbuf_addf(&path, "%s/Makefile", root);
	if (strbuf_read_file(&text, path.buf) < 0) {
		strbuf_release(&path);
		return NULL;
	}
	*v = makefile_var(text.buf, "VERSION");
	*p = makefile_var(text.buf, "PATCHLEVEL");
	*s = makefile_var(text.buf, "SUBLEVEL");
	makefile_extra(text.buf, extra, sizeof(extra));
	if (*v < 0 || *p < 0) {
		error("index: %s: not a Linux Makefile: no VERSION/PATCHLEVEL", path.buf);
		strbuf_release(&path);
		strbuf_release(&text);
		return NULL;
	}
	if (*s < 0)
		*s = 0;
	strbuf_addf(&tag, "v%d.%d", *v, *p);
	if (*s > 0)
		strbuf_addf(&tag, ".%d", *s);
	strbuf_addstr(&tag, extra);
	strbuf_addf(&rel, "%d.%d.%d%s", *v, *p, *s, extra);
	*release = strbuf_detach(&rel, NULL);
	strbuf_release(&path);
	strbuf_release(&text);
	return strbuf_detach(&tag, NULL);
}

static void compiler_args(const struct index_opts *o, const char *gen, struct strbuf *store,
			  const char ***argv, int *argc)
{
	static const char *const fmt[] = {
		"-xc", "-std=gnu11", "--target=x86_64-linux-gnu", "-nostdinc",
		"-isystem%R", "-I%s/arch/x86/include", "-I%g/arch/x86/include/generated",
		"-I%s/include", "-I%g/include", "-I%s/arch/x86/include/uapi",
		"-I%g/arch/x86/include/generated/uapi", "-I%s/include/uapi",
		"-I%g/include/generated/uapi", "-include%s/include/linux/kconfig.h",
		"-include%s/include/linux/compiler_types.h", "-D__KERNEL__",
		"-DKBUILD_BASENAME=\"sysatlas\"", "-DKBUILD_MODNAME=\"sysatlas\"",
		"-DCC_USING_FENTRY", "-w", "-fno-spell-checking", "-ferror-limit=0",
	};
	size_t i;
	int n = 0;
	char **v = xcalloc(sizeof(fmt) / sizeof(fmt[0]) + 1, sizeof(*v));

	(void)store;
	for (i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++) {
		struct strbuf a = STRBUF_INIT;
		const char *f;

		for (f = fmt[i]; *f; f++) {
			if (f[0] == '%' && f[1] == 's') {
				strbuf_addstr(&a, o->root);
				f++;
			} else if (f[0] == '%' && f[1] == 'g') {
				strbuf_addstr(&a, gen);
				f++;
			} else if (f[0] == '%' && f[1] == 'R') {
				strbuf_addstr(&a, index_clang_resource_include());
				f++;
			} else {
				strbuf_addch(&a, *f);
			}
		}
		v[n++] = strbuf_detach(&a, NULL);
	}
	*argv = (const char **)v;
	*argc = n;
}

static int load_config(struct kctx *k, struct ix_tree *t, const struct index_opts *o)
{
	struct strbuf cfg = STRBUF_INIT;
	int skipped = 0;

	k->kc = kconfig_new(o->root, "x86", o->arch, &skipped);
	if (!k->kc)
		return -1;
	if (skipped)
		ix_skip(t, "Kconfig", 0, "%d sourced Kconfig file%s could not be read", skipped,
			skipped == 1 ? "" : "s");
	if (o->config) {
		if (kconfig_load_values(k->kc, o->config))
			return -1;
		t->config = xstrdup(o->config);
	} else {
		if (datadir_find("kernel-x86_64.config", &cfg))
			return -1;
		if (kconfig_load_values(k->kc, cfg.buf)) {
			strbuf_release(&cfg);
			return -1;
		}
		t->config = xstrdup("built-in");
	}
	strbuf_release(&cfg);
	kconfig_evaluate(k->kc);
	return 0;
}

static int write_pch_header(const char *gen, struct strbuf *path)
{
	struct strbuf body = STRBUF_INIT;
	FILE *f;
	int i;

	for (i = 0; pch_headers[i]; i++)
		strbuf_addf(&body, "#include <%s>\n", pch_headers[i]);
	strbuf_addf(path, "%s/sysatlas-prefix.h", gen);
	f = fopen(path->buf, "w");
	if (!f || fwrite(body.buf, 1, body.len, f) != body.len) {
		if (f)
			fclose(f);
		strbuf_release(&body);
		return error_errno("index: %s", path->buf);
	}
	strbuf_release(&body);
	if (fclose(f))
		return error_errno("index: %s", path->buf);
	return 0;
}

static void report_job(struct ix_tree *t, const struct parse_job *job,
		       const struct index_opts *o, struct index_stats *st)
{
	if (job->failed) {
		st->files_failed++;
		ix_skip(t, job->relpath, 0, "%s", job->first_error ? job->first_error :
			"could not be parsed");
		return;
	}
	st->files_parsed++;
	if (job->nerrors) {
		st->files_with_errors++;
		if (o->verbose || (job->mode & PARSE_BODIES))
			warning("index: %s: %d parse error%s (indexed what parsed), first: %s",
				job->relpath, job->nerrors, job->nerrors == 1 ? "" : "s",
				job->first_error ? job->first_error : "?");
	}
}

int kernel_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st)
{
	static const char *const patterns[] = { "SYSCALL_DEFINE", "COND_SYSCALL",
		"sys_ni_syscall(void)", NULL };
	struct kctx k;
	struct kgen_info gi;
	struct strbuf gen = STRBUF_INIT, pch = STRBUF_INIT, hdr = STRBUF_INIT;
	char **skips = NULL, *release = NULL, *why = NULL;
	const char **args = NULL;
	int nargs = 0, v, p, s, i, rc = -1, njobs = 0;
	struct parse_job *jobs = NULL;
	struct parse_opts po;
	struct graph *g = NULL;
	struct progress *prog = NULL;
	size_t q;

	memset(&k, 0, sizeof(k));
	k.t = t;
	k.o = o;
	if (check_tree(o->root))
		return -1;
	t->version = read_makefile_version(o->root, &v, &p, &s, &release);
	if (!t->version)
		return -1;
	if (o->version) {
		free(t->version);
		t->version = xstrdup(o->version);
	}
	t->arch = xstrdup(o->arch);
	t->url_template = xstrdup("https://github.com/torvalds/linux/blob/{version}/{path}#L{line}");

	if (tbl_parse(t, "arch/x86/entry/syscalls/syscall_64.tbl", &k.tbl64))
		goto cleanup;
	if (!k.tbl64.n) {
		error("index: %s: arch/x86/entry/syscalls/syscall_64.tbl has no syscalls", o->root);
		goto cleanup;
	}
	if (path_exists(o->root, "arch/x86/entry/syscalls/syscall_32.tbl", 0) &&
	    tbl_parse(t, "arch/x86/entry/syscalls/syscall_32.tbl", &k.tbl32))
		ix_skip(t, "arch/x86/entry/syscalls/syscall_32.tbl", 0, "cannot be read");

	if (load_config(&k, t, o))
		goto cleanup;
	strbuf_addf(&gen, "%s/gen", o->tmpdir);
	gi.kc = k.kc;
	gi.tbl64 = &k.tbl64;
	gi.tbl32 = &k.tbl32;
	gi.version = v;
	gi.patchlevel = p;
	gi.sublevel = s;
	gi.release = release;
	if (kgen_write(o->root, gen.buf, &gi))
		goto cleanup;

	/* which files: the pre-filter, plus the path code */
	{
		struct walk_opts wo;
		struct walk_result wr;

		skips = skip_dirs_new(o->root);
		wo.root = o->root;
		wo.suffix = ".c";
		wo.patterns = patterns;
		wo.skip_dirs = (const char *const *)skips;
		walk_tree(&wo, &wr);
		for (i = 0; i < wr.nunreadable; i++)
			ix_skip(t, NULL, 0, "unreadable: %s", wr.unreadable[i]);
		jobs = xcalloc((size_t)wr.nfiles + 16, sizeof(*jobs));
		for (q = 0; path_files[q]; q++)
			if (path_exists(o->root, path_files[q], 0)) {
				jobs[njobs].relpath = xstrdup(path_files[q]);
				jobs[njobs++].mode = PARSE_DEFS | PARSE_BODIES;
			}
		for (i = 0; i < wr.nfiles; i++) {
			if (in_list(path_files, wr.files[i]))
				continue;
			jobs[njobs].relpath = xstrdup(wr.files[i]);
			jobs[njobs++].mode = PARSE_DEFS;
		}
		walk_result_release(&wr);
	}

	compiler_args(o, gen.buf, NULL, &args, &nargs);
	memset(&po, 0, sizeof(po));
	po.root = o->root;
	po.args = args;
	po.nargs = nargs;
	po.def_macros = def_macros;
	po.record_files = path_headers;
	po.assign_members = assign_members;
	po.jobs = o->jobs;

	if (write_pch_header(gen.buf, &hdr))
		goto cleanup;
	strbuf_addf(&pch, "%s/sysatlas-prefix.pch", gen.buf);
	if (!getenv("SYSATLAS_INDEX_NO_PCH") && !parse_make_pch(&po, hdr.buf, pch.buf, &why)) {
		po.pch = pch.buf;
	} else if (why) {
		if (o->verbose)
			warning("index: parsing without a prefix PCH: %s", why);
	}

	prog = progress_start("indexing linux", (uint64_t)njobs);
	po.progress = prog;
	if (parse_run(&po, jobs, njobs))
		goto cleanup;
	progress_stop(&prog);

	g = graph_new(t);
	for (i = 0; i < njobs; i++) {
		report_job(t, &jobs[i], o, st);
		merge_defs(&k, g, &jobs[i]);
		if (jobs[i].mode & PARSE_BODIES)
			merge_plain_in_bodies(&k, g, &jobs[i]);
	}
	for (i = 0; i < njobs; i++)
		if (jobs[i].mode & PARSE_BODIES) {
			graph_add_records(g, &jobs[i]);
			if (getenv("SYSATLAS_INDEX_DUMP")) {
				int r;

				for (r = 0; r < jobs[i].nrecs; r++) {
					const struct prec *pr = &jobs[i].recs[r];

					fprintf(stderr, "rec %d %s %s:%d in %s\n", pr->kind, pr->name,
						pr->file, pr->line, pr->func ? pr->func : "-");
				}
			}
		}
	if (graph_add_asm(g, entry_asm))
		ix_skip(t, entry_asm, 0, "cannot be read");
	graph_finish(g);
	st->definitions = k.ndefs;

	for (i = 0; i < k.tbl64.n; i++)
		resolve_syscall(&k, &k.tbl64.v[i], st);
	for (i = 0; i < k.tbl32.n; i++)
		resolve_syscall(&k, &k.tbl32.v[i], st);

	for (q = 0; q < sizeof(fixed_paths) / sizeof(fixed_paths[0]); q++) {
		int have = 0, j;

		for (j = 0; j < t->nsteps; j++)
			if (!strcmp(t->steps[j].name, fixed_paths[q].name))
				have = 1;
		if (!have && graph_find_path(g, &fixed_paths[q]))
			st->paths++;
	}
	for (q = 0; ptrace_requests[q]; q++) {
		struct strbuf name = STRBUF_INIT;
		struct path_spec ps;
		const char *c;

		strbuf_addstr(&name, "ptrace-");
		for (c = ptrace_requests[q] + 7; *c; c++)
			strbuf_addch(&name, *c == '_' ? '-' : (char)(*c | 0x20));
		memset(&ps, 0, sizeof(ps));
		ps.name = name.buf;
		ps.start_kind = "syscall_definition";
		ps.start_name = "sys_ptrace";
		ps.end_case = ptrace_requests[q];
		if (graph_find_path(g, &ps))
			st->paths++;
		if (!strcmp(ptrace_requests[q], "PTRACE_SYSCALL")) {
			ps.name = "ptrace-syscall-resume";
			if (graph_find_path(g, &ps))
				st->paths++;
		}
		strbuf_release(&name);
	}
	rc = 0;
cleanup:
	progress_stop(&prog);
	for (i = 0; i < njobs; i++)
		parse_job_release(&jobs[i]);
	free(jobs);
	graph_free(g);
	free_strv(skips);
	for (i = 0; args && i < nargs; i++)
		free((char *)args[i]);
	free(args);
	for (i = 0; i < k.ndefs; i++)
		free(k.defs[i].file);
	free(k.defs);
	free(k.next_def);
	strmap_release(&k.defs_by_name);
	strmap_release(&k.cond);
	tbl_release(&k.tbl64);
	tbl_release(&k.tbl32);
	kconfig_free(k.kc);
	free(release);
	free(why);
	strbuf_release(&gen);
	strbuf_release(&pch);
	strbuf_release(&hdr);
	return rc;
}
