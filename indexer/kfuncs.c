#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cscan.h"
#include "error.h"
#include "kfuncs.h"
#include "strbuf.h"
#include "walk.h"

/* Assembly whose entry symbols a kernel stack can show. */
static const char *const asm_dirs[] = {
	"arch/x86/entry", "arch/x86/kernel", "arch/x86/lib", "arch/x86/mm", NULL,
};

/* Headers always read (their inline functions are in every build). */
static const char *const header_dirs[] = { "include/", "arch/x86/include/", NULL };

struct kf {
	struct ix_tree *t;
	const struct kconfig *kc;
	struct cscan_names nm;
	struct cscan_result r;
	int *func_file;			/* ix file of each cscan func */
	int *func_sym;			/* its ix symbol, -1 */
	int *next_same;			/* next func of the same name, -1 */
	int *first_by_name;		/* name id -> first func, -1 */
	int nnames_alloc;
	int *init_file;
	int *is_header;			/* per ix file */
	int nfile_flags;
	struct kfuncs_stats *st;
};

int kfuncs_config(const char *name, long long *num, void *kconfig)
{
	const char *v = strncmp(name, "CONFIG_", 7) ? NULL : kconfig_get(kconfig, name + 7);
	char *end;

	*num = 0;
	if (!v || !strcmp(v, "n"))
		return 0;
	if (!strcmp(v, "m"))
		return 1;
	*num = strtoll(v, &end, 0);
	if (!strcmp(v, "y") || *end || end == v)
		*num = 1;	/* y, or a string: defined */
	return 2;
}

static int starts_with_any(const char *s, const char *const *prefixes)
{
	for (; *prefixes; prefixes++)
		if (!strncmp(s, *prefixes, strlen(*prefixes)))
			return 1;
	return 0;
}

static void dir_of(const char *path, struct strbuf *out)
{
	const char *slash = strrchr(path, '/');

	strbuf_reset(out);
	if (slash)
		strbuf_add(out, path, (size_t)(slash - path));
}

static void kf_quiet(const char *line)
{
	(void)line;
}

/* Scan one file into k->r; remembers which ix file each new entry is from. */
static void kf_scan(struct kf *k, const char *rel, int header)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct cscan_opts o = { kfuncs_config, (void *)k->kc };
	int f0 = k->r.nfuncs, i0 = k->r.ninits, fid, i;
	long rc;

	strbuf_addf(&path, "%s/%s", k->t->root, rel);
	/* what cannot be read, the first walk (plan_jobs()) already recorded */
	error_set_routine(kf_quiet);
	rc = strbuf_read_file(&text, path.buf);
	error_set_routine(NULL);
	if (rc < 0) {
		strbuf_release(&path);
		return;
	}
	k->st->files++;
	k->st->bytes += (long)text.len;
	cscan_text(text.buf, text.len, &o, &k->nm, &k->r);
	if (k->r.nfuncs == f0 && k->r.ninits == i0)
		goto done;	/* nothing in it: no file record */
	fid = ix_file(k->t, rel);
	k->func_file = xrealloc(k->func_file, (size_t)(k->r.nfuncs + 1) * sizeof(int));
	for (i = f0; i < k->r.nfuncs; i++)
		k->func_file[i] = fid;
	k->init_file = xrealloc(k->init_file, (size_t)(k->r.ninits + 1) * sizeof(int));
	for (i = i0; i < k->r.ninits; i++)
		k->init_file[i] = fid;
	if (fid >= k->nfile_flags) {
		int n = fid * 2 + 64;

		k->is_header = xrealloc(k->is_header, (size_t)n * sizeof(int));
		memset(k->is_header + k->nfile_flags, 0, (size_t)(n - k->nfile_flags) * sizeof(int));
		k->nfile_flags = n;
	}
	k->is_header[fid] = header;
done:
	strbuf_release(&path);
	strbuf_release(&text);
}

/* Every compiled .c file, and the headers worth reading; then scan them. */
static void kf_scan_tree(struct kf *k, struct kbuild *kb, const char *const *skip_dirs)
{
	struct walk_opts wo = { k->t->root, ".c", NULL, skip_dirs };
	struct walk_result c, h;
	struct strmap dirs = STRMAP_INIT;
	struct strbuf d = STRBUF_INIT;
	char needs[128];
	int i;

	walk_tree(&wo, &c);
	wo.suffix = ".h";
	walk_tree(&wo, &h);
	/* (what cannot be read the first walk, plan_jobs(), recorded) */
	for (i = 0; i < c.nfiles; i++) {
		if (!kbuild_compiled(kb, c.files[i], needs, sizeof(needs)))
			continue;
		dir_of(c.files[i], &d);
		strmap_put(&dirs, d.buf, 1);
		kf_scan(k, c.files[i], 0);
	}
	for (i = 0; i < h.nfiles; i++) {
		dir_of(h.files[i], &d);
		if (starts_with_any(h.files[i], header_dirs) || strmap_get(&dirs, d.buf, 0))
			kf_scan(k, h.files[i], 1);
	}
	strmap_release(&dirs);
	strbuf_release(&d);
	walk_result_release(&c);
	walk_result_release(&h);
}

static int is_syscall_name(const char *n)
{
	return !strncmp(n, "sys_", 4) || !strncmp(n, "compat_sys_", 11);
}

/* Symbols for the functions; the name chains for resolution. */
static void kf_symbols(struct kf *k)
{
	int i;

	k->func_sym = xcalloc((size_t)k->r.nfuncs + 1, sizeof(int));
	k->next_same = xcalloc((size_t)k->r.nfuncs + 1, sizeof(int));
	k->first_by_name = xcalloc((size_t)k->nm.n + 1, sizeof(int));
	for (i = 0; i < k->nm.n; i++)
		k->first_by_name[i] = -1;
	for (i = k->r.nfuncs - 1; i >= 0; i--) {
		const struct cscan_func *f = &k->r.funcs[i];
		const char *name = k->nm.v[f->name];

		k->next_same[i] = k->first_by_name[f->name];
		k->first_by_name[f->name] = i;
		if (is_syscall_name(name)) {
			/* the libclang pass made it a syscall_definition */
			k->func_sym[i] = -1;
			continue;
		}
	}
	for (i = 0; i < k->r.nfuncs; i++) {
		const struct cscan_func *f = &k->r.funcs[i];
		const char *name = k->nm.v[f->name];

		if (is_syscall_name(name))
			continue;
		k->func_sym[i] = ix_symbol_add(k->t, "function", name, k->func_file[i], f->line,
					       f->end_line, NULL);
	}
	k->st->functions = k->r.nfuncs;
}

/*
 * The function a call to name from a file means: one in that file, else
 * a global one in a .c file, else one in a header.  -1: none (a macro, or
 * a function the configuration does not build).
 */
static int kf_resolve(const struct kf *k, int name, int from_file)
{
	int i, global = -1, header = -1;

	if (name < 0 || name >= k->nm.n)
		return -1;
	for (i = k->first_by_name[name]; i >= 0; i = k->next_same[i]) {
		if (k->func_file[i] == from_file)
			return i;
		if (k->is_header[k->func_file[i]]) {
			if (header < 0)
				header = i;
		} else if (!k->r.funcs[i].is_static && global < 0) {
			global = i;
		}
	}
	return global >= 0 ? global : header;
}

/*
 * The lexical function behind ix symbol sym: same name, file and line (a
 * symbol libclang placed elsewhere, in another #if branch, has none), or -1.
 */
static int kf_func_of(const struct kf *k, int sym)
{
	const struct ix_symbol *s = &k->t->syms[sym];
	long id = strmap_get(&k->nm.ids, s->name, -1);
	int i;

	if (id < 0)
		return -1;
	for (i = k->first_by_name[id]; i >= 0; i = k->next_same[i])
		if (k->func_file[i] == s->file && k->r.funcs[i].line == s->line)
			return i;
	return -1;
}

/* The ix symbol of lexical function i (a syscall definition's for sys_*). */
static int kf_sym_of(struct kf *k, int i)
{
	const char *name;
	int j;

	if (k->func_sym[i] >= 0)
		return k->func_sym[i];
	name = k->nm.v[k->r.funcs[i].name];
	for (j = 0; j < k->t->nsyms; j++) {
		const struct ix_symbol *s = &k->t->syms[j];

		if (s->merged_into < 0 && s->file == k->func_file[i] && !strcmp(s->name, name) &&
		    !strcmp(s->kind, "syscall_definition")) {
			k->func_sym[i] = j;
			return j;
		}
	}
	return -1;
}

/* Callees the libclang pass left without a definition: give them theirs. */
static void kf_fill_externs(struct kf *k)
{
	int i, n = k->t->nsyms;

	for (i = 0; i < n; i++) {
		struct ix_symbol *s = &k->t->syms[i];
		long id;
		int f;

		if (s->file >= 0 || strcmp(s->kind, "function") || s->merged_into >= 0)
			continue;
		id = strmap_get(&k->nm.ids, s->name, -1);
		f = id >= 0 ? kf_resolve(k, (int)id, -1) : -1;
		if (f >= 0 && k->func_sym[f] >= 0 && k->func_sym[f] != i)
			ix_symbol_merge(k->t, i, k->func_sym[f]);
	}
}

struct kf_node {
	int sym, func, depth;
};

/* The call trees of the syscall definitions, breadth first. */
static void kf_trees(struct kf *k)
{
	struct ix_tree *t = k->t;
	int nsyms = t->nsyms, ncalls0 = t->ncalls, head = 0, n = 0, alloc = 256, i, j;
	char *seen = xcalloc((size_t)nsyms + 1, 1);
	int *clang_first = xcalloc((size_t)nsyms + 1, sizeof(int));
	int *clang_next = xcalloc((size_t)ncalls0 + 1, sizeof(int));
	struct kf_node *q = xcalloc((size_t)alloc, sizeof(*q));
	struct strmap members = STRMAP_INIT, edges = STRMAP_INIT, inits = STRMAP_INIT;
	struct strbuf key = STRBUF_INIT;

	/* libclang's edges, where that pass read the body, by caller */
	for (i = 0; i < nsyms; i++)
		clang_first[i] = -1;
	for (i = ncalls0 - 1; i >= 0; i--) {
		clang_next[i] = clang_first[t->calls[i].caller];
		clang_first[t->calls[i].caller] = i;
	}
	for (i = 0; i < t->nsyscalls; i++) {
		int d = t->syscalls[i].definition;

		if (d < 0 || d >= nsyms || seen[d] || strcmp(t->syms[d].kind, "syscall_definition"))
			continue;
		seen[d] = 1;
		q[n++] = (struct kf_node){ d, kf_func_of(k, d), 0 };
		if (n == alloc) {
			alloc *= 2;
			q = xrealloc(q, (size_t)alloc * sizeof(*q));
		}
	}
	while (head < n) {
		struct kf_node nd = q[head++];
		const struct cscan_func *f;

		if (nd.depth >= KFUNCS_DEPTH)
			continue;
		if (clang_first[nd.sym] >= 0) {
			for (j = clang_first[nd.sym]; j >= 0; j = clang_next[j]) {
				int c = t->calls[j].callee;

				if (c < nsyms && !seen[c]) {
					seen[c] = 1;
					q[n++] = (struct kf_node){ c, kf_func_of(k, c), nd.depth + 1 };
					if (n == alloc) {
						alloc *= 2;
						q = xrealloc(q, (size_t)alloc * sizeof(*q));
					}
				}
			}
			continue;
		}
		if (nd.func < 0)
			continue;
		f = &k->r.funcs[nd.func];
		for (j = f->first_call; j < f->first_call + f->ncalls; j++) {
			const struct cscan_call *c = &k->r.calls[j];
			int file = k->func_file[nd.func], callee, csym;

			if (c->expr >= 0) {
				ix_icall_add(t, nd.sym, file, c->line, k->nm.v[c->expr], k->nm.v[c->name]);
				strmap_put(&members, k->nm.v[c->name], 1);
				k->st->icalls++;
				continue;
			}
			callee = kf_resolve(k, c->name, file);
			if (callee < 0 || (csym = kf_sym_of(k, callee)) < 0 || csym == nd.sym)
				continue;
			strbuf_reset(&key);
			strbuf_addf(&key, "%d %d %d", nd.sym, csym, c->line);
			if (strmap_put_new(&edges, key.buf, 1) != 1 || strmap_get(&edges, key.buf, 0) != 1)
				continue;
			strmap_put(&edges, key.buf, 2);	/* stored */
			ix_call_add(t, nd.sym, csym, file, c->line);
			k->st->tree_edges++;
			if (csym < nsyms && !seen[csym]) {
				seen[csym] = 1;
				q[n++] = (struct kf_node){ csym, callee, nd.depth + 1 };
				if (n == alloc) {
					alloc *= 2;
					q = xrealloc(q, (size_t)alloc * sizeof(*q));
				}
			}
		}
	}
	/* what the members called through can point to */
	for (i = 0; i < k->r.ninits; i++) {
		const struct cscan_init *in = &k->r.inits[i];
		int fn, sym;

		if (!strmap_get(&members, k->nm.v[in->member], 0))
			continue;
		fn = kf_resolve(k, in->func, k->init_file[i]);
		if (fn < 0 || (sym = kf_sym_of(k, fn)) < 0)
			continue;
		strbuf_reset(&key);
		strbuf_addf(&key, "%s %d", k->nm.v[in->member], sym);
		if (strmap_put_new(&inits, key.buf, 1) != 1 || strmap_get(&inits, key.buf, 0) != 1)
			continue;
		strmap_put(&inits, key.buf, 2);
		ix_member_init_add(t, k->nm.v[in->member], sym, k->init_file[i], in->line);
		k->st->member_inits++;
	}
	strbuf_release(&key);
	strmap_release(&members);
	strmap_release(&edges);
	strmap_release(&inits);
	free(q);
	free(seen);
	free(clang_first);
	free(clang_next);
}

/*
 * "NAME" of `MACRO(NAME` at s, or 0; *is_end set for the macros that
 * close a symbol (SYM_CODE_END, SYM_FUNC_END, END, ENDPROC).
 */
static int asm_macro_name(const char *s, const char *e, char *out, size_t size, int *is_end)
{
	static const char *const macros[] = { "SYM_CODE_START", "SYM_FUNC_START",
		"SYM_INNER_LABEL", "SYM_TYPED_FUNC_START", "ENTRY", "GLOBAL",
		"SYM_CODE_END", "SYM_FUNC_END", "END", "ENDPROC", NULL };
	const char *const *m;
	size_t k = 0;

	for (m = macros; *m; m++) {
		size_t n = strlen(*m);
		const char *p;

		if ((size_t)(e - s) <= n || strncmp(s, *m, n))
			continue;
		p = s + n;
		while (p < e && (isupper((unsigned char)*p) || *p == '_'))
			p++;	/* SYM_FUNC_START_LOCAL, _NOALIGN, _ALIAS … */
		if (p >= e || *p != '(')
			continue;
		p++;
		while (p < e && isspace((unsigned char)*p))
			p++;
		while (p < e && (isalnum((unsigned char)*p) || *p == '_') && k + 1 < size)
			out[k++] = *p++;
		out[k] = 0;
		*is_end = strstr(*m, "END") != NULL;
		return k > 0;
	}
	return 0;
}

/* The entry symbols of arch/x86's assembly. */
static void kf_asm(struct kf *k, const char *const *skip_dirs)
{
	struct walk_opts wo = { k->t->root, ".S", NULL, skip_dirs };
	struct walk_result w;
	int i;

	walk_tree(&wo, &w);
	for (i = 0; i < w.nfiles; i++) {
		struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
		const char *p, *end;
		int line = 0, fid;

		if (!starts_with_any(w.files[i], asm_dirs) || strstr(w.files[i], "_32.S"))
			continue;
		strbuf_addf(&path, "%s/%s", k->t->root, w.files[i]);
		if (strbuf_read_file(&text, path.buf) < 0) {
			strbuf_release(&path);
			continue;
		}
		fid = -1;
		for (p = text.buf, end = text.buf + text.len; p < end;) {
			const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
			char name[128];
			int sym, is_end;

			line++;
			while (p < e && isspace((unsigned char)*p))
				p++;
			is_end = 0;
			if (asm_macro_name(p, e, name, sizeof(name), &is_end)) {
				if (fid < 0)
					fid = ix_file(k->t, w.files[i]);
				if (is_end) {
					/* SYM_CODE_END(name): where the symbol ends */
					sym = ix_symbol_find(k->t, "asm_label", name);
					if (sym >= 0 && k->t->syms[sym].file == fid &&
					    k->t->syms[sym].line <= line &&
					    k->t->syms[sym].end_line == k->t->syms[sym].line)
						k->t->syms[sym].end_line = line;
				} else {
					sym = ix_symbol_add(k->t, "asm_label", name, fid, line, line, NULL);
					k->st->asm_labels++;
				}
			}
			p = nl ? nl + 1 : end;
		}
		strbuf_release(&path);
		strbuf_release(&text);
	}
	walk_result_release(&w);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int kfuncs_index(struct ix_tree *t, const struct kconfig *kc, struct kbuild *kb,
		 const char *const *skip_dirs, struct kfuncs_stats *st)
{
	double t0 = now_s();
	struct kf k;

	memset(&k, 0, sizeof(k));
	memset(st, 0, sizeof(*st));
	k.t = t;
	k.kc = kc;
	k.st = st;
	kf_scan_tree(&k, kb, skip_dirs);
	kf_symbols(&k);
	kf_fill_externs(&k);
	kf_trees(&k);
	kf_asm(&k, skip_dirs);
	st->conds_undecided = k.r.conds_undecided;
	st->seconds = now_s() - t0;
	cscan_result_release(&k.r);
	cscan_names_release(&k.nm);
	free(k.func_file);
	free(k.func_sym);
	free(k.next_same);
	free(k.first_by_name);
	free(k.init_file);
	free(k.is_header);
	return 0;
}
