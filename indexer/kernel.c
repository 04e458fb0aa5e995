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
#include "kcheck.h"
#include "kfuncs.h"
#include "parse.h"
#include "progress.h"
#include "srcscan.h"
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
	"arch/x86/kernel/signal.c",		/* signal delivery, the handler's frame */
	"arch/x86/kernel/signal_64.c",		/* 5.19+: rt_sigreturn, the 64-bit frame */
	"fs/exec.c",				/* the exec event */
	"kernel/fork.c",			/* the fork/vfork/clone events */
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

/* SYSCALL32_DEFINEn stands for one of the first two (6.x, per configuration). */
static const char *const def_macros[] = {
	"SYSCALL_DEFINE", "COMPAT_SYSCALL_DEFINE", "SYSCALL32_DEFINE", "COND_SYSCALL",
	"COND_SYSCALL_COMPAT", NULL,
};

/* A few syscalls are plain C functions: sys_ni_syscall, older kernels' sys_… */
static const char *const plain_prefixes[] = { "sys_", "compat_sys_", NULL };

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
	  "ptrace_stop", NULL, NULL, NULL, NULL, 0 },
	{ "syscall-exit", "asm_label", "entry_SYSCALL_64", "report_syscall_exit",
	  "ptrace_stop", NULL, NULL, NULL, NULL, 0 },
	{ "syscall-dispatch", "asm_label", "entry_SYSCALL_64", NULL, NULL, NULL, NULL,
	  NULL, "sys_call_table", 0 },
	{ "syscall-dispatch", "asm_label", "entry_SYSCALL_64", NULL, "x64_sys_call",
	  NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-traceme", "syscall_definition", "sys_ptrace", NULL, "ptrace_traceme",
	  NULL, "ptrace", "PT_PTRACED", NULL, 0 },
	{ "ptrace-attach", "syscall_definition", "sys_ptrace", NULL, "ptrace_attach",
	  NULL, "ptrace", "PT_PTRACED", NULL, 0 },
	{ "ptrace-seize", "syscall_definition", "sys_ptrace", NULL, "ptrace_attach",
	  NULL, "ptrace", "PT_PTRACED", NULL, 0 },
	{ "wait-stopped-tracee", "syscall_definition", "sys_wait4", NULL,
	  "wait_task_stopped", NULL, NULL, NULL, NULL, 0 },
	{ "process-vm-readv", "syscall_definition", "sys_process_vm_readv", NULL,
	  "process_vm_rw_core", NULL, NULL, NULL, NULL, 0 },
	/* the stops other than syscall stops (docs/schema.md, "stop kinds") */
	{ "stop-signal", "asm_label", "entry_SYSCALL_64", "ptrace_signal", "ptrace_stop",
	  NULL, NULL, NULL, NULL, 1 },
	{ "signal-frame", "asm_label", "entry_SYSCALL_64", "handle_signal", "setup_rt_frame",
	  NULL, NULL, NULL, NULL, 1 },
	{ "rt-sigreturn", "syscall_definition", "sys_rt_sigreturn", NULL, "restore_sigcontext",
	  NULL, NULL, NULL, NULL, 0 },
	{ "stop-group", "asm_label", "entry_SYSCALL_64", "do_jobctl_trap", "ptrace_stop",
	  NULL, NULL, NULL, NULL, 1 },
	{ "stop-exec", "syscall_definition", "sys_execve", "ptrace_event", "ptrace_stop",
	  NULL, NULL, NULL, NULL, 1 },
	{ "stop-exit", "syscall_definition", "sys_exit_group", "ptrace_event", "ptrace_stop",
	  NULL, NULL, NULL, NULL, 1 },
	/* _do_fork (v5.7) or kernel_clone (5.10+) reports the new task */
	{ "stop-fork", "syscall_definition", "sys_clone", "ptrace_event_pid", "ptrace_stop",
	  NULL, NULL, NULL, NULL, 1 },
	{ "exit-notify", "syscall_definition", "sys_exit_group", "exit_notify",
	  "do_notify_parent", NULL, NULL, NULL, NULL, 1 },
	{ "wait-zombie", "syscall_definition", "sys_wait4", NULL, "wait_task_zombie",
	  NULL, NULL, NULL, NULL, 0 },
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
	return walk_check_special(root);
}

/* Skip other architectures and what is never compiled into the kernel. */
static char **skip_dirs_new(const char *root)
{
	/* arch/x86/um is user-mode Linux's (ARCH=um), not x86's */
	static const char *const fixed[] = { "Documentation", "tools", "scripts",
		"samples", "LICENSES", "usr", "debian", ".git", "arch/x86/um" };
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

/* A file of the tree the indexer looked at, and whether it is compiled. */
struct kfile {
	char *path;
	int compiled;		/* by the Kbuild Makefiles and the configuration */
	char needs[128];	/* the CONFIG_ option that would build it */
	int job;		/* parse job, -1: only read as text */
};

struct defn {
	int sym;
	int file;		/* kfile */
	int plain;		/* a C function, not a definition macro */
};

struct cond {			/* COND_SYSCALL(name) */
	int file, line;		/* symbol file id, line */
};

struct kctx {
	struct ix_tree *t;
	const struct index_opts *o;
	struct kconfig *kc;
	struct kbuild *kb;
	struct tbl tbl64, tbl32;
	struct kfile *files;
	int nfiles, afiles;
	struct strmap file_by_path;	/* path -> kfile */
	struct parse_job *jobs;
	struct defn *defs;
	int ndefs, adefs;
	struct strmap defs_by_name;	/* "sys_x" -> first index in defs (chain below) */
	int *next_def;
	struct cond *conds;
	int nconds, aconds;
	struct strmap cond;		/* "sys_x" / "compat_sys_x" -> conds index */
	struct srcscan_defs text;	/* definitions as written, all files */
	int *text_file;			/* kfile of each text def */
	struct strmap text_by_name;	/* func -> first index in text (chain below) */
	int *next_text;
	struct strmap warned;		/* names whose definitions clash */
	int clashes;
	struct strbuf unreadable;	/* "a, b" — files and directories the walk could not read */
	int nunreadable;
};

static int kfile_add(struct kctx *k, const char *path)
{
	struct kfile *f;
	long have = strmap_get(&k->file_by_path, path, -1);

	if (have >= 0)
		return (int)have;
	if (k->nfiles == k->afiles) {
		k->afiles = k->afiles ? k->afiles * 2 : 256;
		k->files = xrealloc(k->files, (size_t)k->afiles * sizeof(*k->files));
	}
	f = &k->files[k->nfiles];
	f->path = xstrdup(path);
	f->compiled = kbuild_compiled(k->kb, path, f->needs, sizeof(f->needs));
	f->job = -1;
	strmap_put(&k->file_by_path, path, k->nfiles);
	return k->nfiles++;
}

static void add_def(struct kctx *k, int sym, const char *file, int plain)
{
	struct defn *d;

	if (k->ndefs == k->adefs) {
		k->adefs = k->adefs ? k->adefs * 2 : 512;
		k->defs = xrealloc(k->defs, (size_t)k->adefs * sizeof(*k->defs));
		k->next_def = xrealloc(k->next_def, (size_t)k->adefs * sizeof(int));
	}
	d = &k->defs[k->ndefs];
	d->sym = sym;
	d->file = kfile_add(k, file);
	d->plain = plain;
	k->next_def[k->ndefs] = (int)strmap_get(&k->defs_by_name, k->t->syms[sym].name, -1);
	strmap_put(&k->defs_by_name, k->t->syms[sym].name, k->ndefs);
	k->ndefs++;
}

static void add_cond(struct kctx *k, const struct prec *r)
{
	struct strbuf name = STRBUF_INIT;

	if (k->nconds == k->aconds) {
		k->aconds = k->aconds ? k->aconds * 2 : 64;
		k->conds = xrealloc(k->conds, (size_t)k->aconds * sizeof(*k->conds));
	}
	k->conds[k->nconds].file = ix_file(k->t, r->file);
	k->conds[k->nconds].line = r->line;
	strbuf_addf(&name, "%ssys_%s", strcmp(r->macro, "COND_SYSCALL") ? "compat_" : "",
		    r->name);
	strmap_put_new(&k->cond, name.buf, k->nconds++);
	strbuf_release(&name);
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
			add_cond(k, r);
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
		add_def(k, sym, r->file, r->kind != PREC_DEF);
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
		add_def(k, sym, r->file, 1);
	}
}

/* Read every looked-at file's definitions as written, for the reasons. */
static void scan_texts(struct kctx *k)
{
	int f, i;

	for (f = 0; f < k->nfiles; f++) {
		struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
		int from = k->text.n;

		strbuf_addf(&path, "%s/%s", k->t->root, k->files[f].path);
		if (strbuf_read_file(&text, path.buf) >= 0)
			srcscan_defs(text.buf, text.len, &k->text);
		k->text_file = xrealloc(k->text_file, (size_t)(k->text.n + 1) * sizeof(int));
		k->next_text = xrealloc(k->next_text, (size_t)(k->text.n + 1) * sizeof(int));
		for (i = from; i < k->text.n; i++) {
			k->text_file[i] = f;
			k->next_text[i] = (int)strmap_get(&k->text_by_name, k->text.v[i].func, -1);
			strmap_put(&k->text_by_name, k->text.v[i].func, i);
		}
		strbuf_release(&path);
		strbuf_release(&text);
	}
}

/*
 * The best definition of fn among the compiled ones: a definition macro
 * first (on architectures with syscall wrappers only the macro makes the
 * table's __x64_sys_… entry point), else a plain C function; want_plain
 * turns the preference round.  -1: none.  Two compiled definitions of one
 * kind cannot link: that means the Kbuild reading went wrong, and says so
 * (once per name).
 */
static int pick_def(struct kctx *k, const char *fn, int want_plain)
{
	int i, pick = -1, clash = -1;

	for (i = (int)strmap_get(&k->defs_by_name, fn, -1); i >= 0; i = k->next_def[i]) {
		if (!k->files[k->defs[i].file].compiled)
			continue;
		if (pick >= 0 && k->defs[pick].plain == k->defs[i].plain &&
		    k->defs[pick].file != k->defs[i].file)
			clash = i;
		if (pick < 0 || (k->defs[pick].plain != want_plain &&
				 k->defs[i].plain == want_plain)) {
			pick = i;
			clash = -1;
		}
	}
	if (clash >= 0 && !strmap_get(&k->warned, fn, 0)) {
		const struct ix_symbol *a = &k->t->syms[k->defs[pick].sym];
		const struct ix_symbol *b = &k->t->syms[k->defs[clash].sym];

		strmap_put(&k->warned, fn, 1);
		k->clashes++;
		warning("index: %s: defined in %s:%d and in %s:%d, both compiled as far as the "
			"Kbuild files tell; using the first", fn, k->t->files[a->file], a->line,
			k->t->files[b->file], b->line);
	}
	return pick >= 0 ? k->defs[pick].sym : -1;
}

/* Why fn has no compiled definition, from the text of the files read. */
static void explain_missing(const struct kctx *k, const char *fn, struct strbuf *why)
{
	int i, r;

	for (i = (int)strmap_get(&k->text_by_name, fn, -1); i >= 0; i = k->next_text[i]) {
		const struct kfile *f = &k->files[k->text_file[i]];
		int line = k->text.v[i].line;
		const struct parse_job *job = f->job >= 0 ? &k->jobs[f->job] : NULL;

		if (!f->compiled) {
			strbuf_addf(why, "not compiled: defined in %s:%d, a file ", f->path, line);
			if (f->needs[0])
				strbuf_addf(why, "built only with %s", f->needs);
			else
				strbuf_addstr(why, "this configuration does not build");
			return;
		}
		for (r = 0; job && r < job->nskipped; r++) {
			const struct parse_range *sr = &job->skipped[r];
			struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
			char cond[256];
			int if_line = 0;

			if (line < sr->first || line > sr->last)
				continue;
			strbuf_addf(&path, "%s/%s", k->t->root, f->path);
			if (strbuf_read_file(&text, path.buf) >= 0 &&
			    srcscan_enclosing_if(text.buf, text.len, sr->first + 1, cond,
						 sizeof(cond), &if_line))
				strbuf_addf(why, "not compiled: defined in %s:%d, inside `%s` (line %d), "
					    "which this configuration leaves out", f->path, line,
					    cond, if_line);
			else
				strbuf_addf(why, "not compiled: defined in %s:%d, in lines %d-%d the "
					    "preprocessor skips with this configuration", f->path,
					    line, sr->first, sr->last);
			strbuf_release(&path);
			strbuf_release(&text);
			return;
		}
	}
	i = (int)strmap_get(&k->text_by_name, fn, -1);
	if (i >= 0)
		strbuf_addf(why, "no definition found: %s:%d spells one, but libclang saw no "
			    "expansion of it there", k->files[k->text_file[i]].path,
			    k->text.v[i].line);
	else if (k->nunreadable)
		strbuf_addf(why, "no definition in the files that could be read (not read: %s%s)",
			    k->unreadable.buf, k->nunreadable > 3 ? ", …" : "");
	else
		strbuf_addstr(why, "no definition in this tree");
}

static void resolve_syscall(struct kctx *k, const struct tbl_entry *e, struct index_stats *st)
{
	struct ix_syscall *s = ix_syscall_add(k->t);
	const char *fn = !strcmp(e->abi, "i386") && e->compat ? e->compat : e->entry;
	struct strbuf why = STRBUF_INIT;
	long c;

	snprintf(s->abi, sizeof(s->abi), "%s", e->abi);
	s->nr = e->nr;
	s->name = xstrdup(e->name);
	s->entry_point = e->entry_point ? xstrdup(e->entry_point) : NULL;
	st->syscalls++;
	if (!fn || !strcmp(fn, "sys_ni_syscall")) {
		/* the table's empty slots hold __x64_sys_ni_syscall too */
		s->status = "unimplemented";
		s->reason = xstrdup(fn ? "the table's entry point is sys_ni_syscall (returns -ENOSYS)" :
				    "no entry point in the table: the slot holds sys_ni_syscall "
				    "(returns -ENOSYS)");
		s->definition = pick_def(k, "sys_ni_syscall", 0);
		st->unimplemented++;
		return;
	}
	s->definition = pick_def(k, fn, 0);
	if (s->definition >= 0) {
		s->status = "implemented";
		st->implemented++;
		return;
	}
	s->status = "unimplemented";
	st->unimplemented++;
	explain_missing(k, fn, &why);
	c = strmap_get(&k->cond, fn, -1);
	if (c >= 0) {
		/* the stub COND_SYSCALL makes calls the plain sys_ni_syscall */
		strbuf_addf(&why, "; COND_SYSCALL in %s:%d makes it sys_ni_syscall (returns -ENOSYS)",
			    k->t->files[k->conds[c].file], k->conds[c].line);
		s->definition = pick_def(k, "sys_ni_syscall", 1);
	}
	s->reason = strbuf_detach(&why, NULL);
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

static void compiler_args(const struct index_opts *o, const char *gen,
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

/* The prefix header: those of pch_headers the tree has. */
static int write_pch_header(const char *root, const char *gen, struct strbuf *path)
{
	struct strbuf body = STRBUF_INIT, h = STRBUF_INIT;
	int i, rc;

	for (i = 0; pch_headers[i]; i++) {
		strbuf_reset(&h);
		strbuf_addf(&h, "include/%s", pch_headers[i]);
		if (path_exists(root, h.buf, 0))
			strbuf_addf(&body, "#include <%s>\n", pch_headers[i]);
	}
	strbuf_addf(path, "%s/sysatlas-prefix.h", gen);
	rc = strbuf_write_file(&body, path->buf);
	if (rc)
		error_errno("index: %s", path->buf);
	strbuf_release(&body);
	strbuf_release(&h);
	return rc ? -1 : 0;
}

void index_report_job(struct ix_tree *t, const struct parse_job *job, struct index_stats *st)
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
		ix_skip(t, job->relpath, job->first_error_line,
			"%d parse error%s, indexed what parsed; first: %s", job->nerrors,
			job->nerrors == 1 ? "" : "s", job->first_error ? job->first_error : "?");
	}
}

/*
 * The files to parse: the path code (bodies), then the pre-filtered files
 * the configuration compiles (definitions only).  Files it leaves out are
 * only read as text, to say why their syscalls are not there.
 */
static struct parse_job *plan_jobs(struct kctx *k, int *njobs)
{
	static const char *const patterns[] = { "SYSCALL_DEFINE", "SYSCALL32_DEFINE",
		"COND_SYSCALL", "sys_ni_syscall(void)", NULL };
	struct walk_opts wo;
	struct walk_result wr;
	struct parse_job *jobs;
	char **skips = skip_dirs_new(k->o->root);
	int i, n = 0;
	size_t q;

	wo.root = k->o->root;
	wo.suffix = ".c";
	wo.patterns = patterns;
	wo.skip_dirs = (const char *const *)skips;
	walk_tree(&wo, &wr);
	for (i = 0; i < wr.nunreadable; i++) {
		ix_skip(k->t, wr.unreadable[i].path, 0, "cannot be read: %s", wr.unreadable[i].why);
		if (k->nunreadable++ < 3)
			strbuf_addf(&k->unreadable, "%s%s", k->unreadable.len ? ", " : "",
				    wr.unreadable[i].path);
	}
	jobs = xcalloc((size_t)wr.nfiles + 16, sizeof(*jobs));
	for (q = 0; path_files[q]; q++)
		if (path_exists(k->o->root, path_files[q], 0)) {
			int f = kfile_add(k, path_files[q]);

			k->files[f].job = n;
			jobs[n].relpath = xstrdup(path_files[q]);
			jobs[n++].mode = PARSE_DEFS | PARSE_BODIES;
		}
	for (i = 0; i < wr.nfiles; i++) {
		int f;

		if (in_list(path_files, wr.files[i]))
			continue;
		f = kfile_add(k, wr.files[i]);
		if (!k->files[f].compiled)
			continue;
		k->files[f].job = n;
		jobs[n].relpath = xstrdup(wr.files[i]);
		jobs[n++].mode = PARSE_DEFS;
	}
	walk_result_release(&wr);
	free_strv(skips);
	*njobs = n;
	return jobs;
}

/*
 * --check-lexical N: N more compiled files, spread evenly over the sorted
 * list, parsed with their bodies for kcheck (appended after the index's
 * own jobs, never merged into the index).
 */
static struct parse_job *plan_check_jobs(struct kctx *k, struct parse_job *jobs, int *njobs)
{
	char **skips = skip_dirs_new(k->o->root);
	struct walk_opts wo = { k->o->root, ".c", NULL, (const char *const *)skips };
	struct walk_result wr;
	char needs[128];
	char **pick;
	int i, n = 0, want = k->o->check_lexical, npick = 0;

	walk_tree(&wo, &wr);
	pick = xcalloc((size_t)wr.nfiles + 1, sizeof(*pick));
	for (i = 0; i < wr.nfiles; i++)
		if (strmap_get(&k->file_by_path, wr.files[i], -1) < 0 &&
		    kbuild_compiled(k->kb, wr.files[i], needs, sizeof(needs)))
			pick[npick++] = wr.files[i];
	if (want > npick)
		want = npick;
	jobs = xrealloc(jobs, (size_t)(*njobs + want + 1) * sizeof(*jobs));
	memset(jobs + *njobs, 0, (size_t)(want + 1) * sizeof(*jobs));
	for (i = 0; i < want; i++) {
		jobs[*njobs + n].relpath = xstrdup(pick[(size_t)i * (size_t)npick / (size_t)want]);
		jobs[*njobs + n++].mode = PARSE_BODIES;
	}
	*njobs += n;
	free(pick);
	walk_result_release(&wr);
	free_strv(skips);
	return jobs;
}

/* The path search: fixed landmarks, then one path per ptrace request. */
static void find_paths(struct ix_tree *t, struct graph *g, struct index_stats *st)
{
	size_t q;

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
}

int kernel_index(struct ix_tree *t, const struct index_opts *o, struct index_stats *st)
{
	struct kctx k;
	struct kgen_info gi;
	struct strbuf gen = STRBUF_INIT, pch = STRBUF_INIT, hdr = STRBUF_INIT;
	char *release = NULL, *why = NULL;
	const char **args = NULL;
	int nargs = 0, v, p, s, i, rc = -1, njobs = 0, nindex_jobs = 0;
	struct parse_job *jobs = NULL;
	struct parse_opts po;
	struct graph *g = NULL;
	struct progress *prog = NULL;

	memset(&k, 0, sizeof(k));
	strbuf_init(&k.unreadable, 0);
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
	t->url_template = xstrdup(o->url_template ? o->url_template :
				  "https://github.com/torvalds/linux/blob/{version}/{path}#L{line}");

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

	k.kb = kbuild_new(o->root, k.kc);
	jobs = k.jobs = plan_jobs(&k, &njobs);
	nindex_jobs = njobs;
	if (o->check_lexical > 0)
		jobs = k.jobs = plan_check_jobs(&k, jobs, &njobs);
	compiler_args(o, gen.buf, &args, &nargs);
	memset(&po, 0, sizeof(po));
	po.root = o->root;
	po.args = args;
	po.nargs = nargs;
	po.def_macros = def_macros;
	po.plain_prefixes = plain_prefixes;
	po.record_files = path_headers;
	po.assign_members = assign_members;
	po.jobs = o->jobs;
	if (!o->no_pch) {
		if (write_pch_header(o->root, gen.buf, &hdr))
			goto cleanup;
		strbuf_addf(&pch, "%s/sysatlas-prefix.pch", gen.buf);
		po.pch_header = hdr.buf;
		po.pch_file = pch.buf;
	}

	prog = progress_start("indexing linux", (uint64_t)njobs);
	po.progress = prog;
	if (parse_run(&po, jobs, njobs, &why))
		goto cleanup;
	progress_stop(&prog);
	if (why)
		warning("index: parsing without a prefix PCH (slower): %s", why);

	g = graph_new(t);
	for (i = 0; i < nindex_jobs; i++) {
		index_report_job(t, &jobs[i], st);
		merge_defs(&k, g, &jobs[i]);
		if (jobs[i].mode & PARSE_BODIES)
			merge_plain_in_bodies(&k, g, &jobs[i]);
	}
	for (i = 0; i < nindex_jobs; i++)
		if (jobs[i].mode & PARSE_BODIES)
			graph_add_records(g, &jobs[i]);
	if (graph_add_asm(g, entry_asm))
		ix_skip(t, entry_asm, 0, "cannot be read");
	graph_finish(g);
	st->definitions = k.ndefs;

	scan_texts(&k);
	for (i = 0; i < k.tbl64.n; i++)
		resolve_syscall(&k, &k.tbl64.v[i], st);
	for (i = 0; i < k.tbl32.n; i++)
		resolve_syscall(&k, &k.tbl32.v[i], st);
	find_paths(t, g, st);
	{
		char **skips = skip_dirs_new(o->root);
		struct kfuncs_stats kst;

		kfuncs_index(t, k.kc, k.kb, (const char *const *)skips, &kst);
		if (o->verbose)
			fprintf(stderr, "sysatlas: index: lexical pass: %d files, %.1f MB, %d functions, "
				"%d asm labels, %d #if undecided, in %.2f s\n", kst.files,
				(double)kst.bytes / 1e6, kst.functions, kst.asm_labels,
				kst.conds_undecided, kst.seconds);
		st->functions = kst.functions;
		st->tree_edges = kst.tree_edges;
		st->icalls = kst.icalls;
		free_strv(skips);
	}
	if (o->check_lexical > 0) {
		struct kcheck_counts kc;

		kcheck_compare(t, k.kc, jobs, njobs, &kc);
		kcheck_print(&kc);
	}
	rc = 0;
cleanup:
	progress_stop(&prog);
	for (i = 0; i < njobs; i++)
		parse_job_release(&jobs[i]);
	free(jobs);
	graph_free(g);
	for (i = 0; args && i < nargs; i++)
		free((char *)args[i]);
	free(args);
	for (i = 0; i < k.nfiles; i++)
		free(k.files[i].path);
	free(k.files);
	strmap_release(&k.file_by_path);
	free(k.defs);
	free(k.next_def);
	strmap_release(&k.defs_by_name);
	free(k.conds);
	strmap_release(&k.cond);
	srcscan_defs_release(&k.text);
	free(k.text_file);
	free(k.next_text);
	strmap_release(&k.text_by_name);
	strmap_release(&k.warned);
	strbuf_release(&k.unreadable);
	tbl_release(&k.tbl64);
	tbl_release(&k.tbl32);
	kbuild_free(k.kb);
	kconfig_free(k.kc);
	free(release);
	free(why);
	strbuf_release(&gen);
	strbuf_release(&pch);
	strbuf_release(&hdr);
	return rc;
}
