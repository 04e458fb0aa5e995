#include <stdio.h>
#include <string.h>

#include "cscan.h"
#include "error.h"
#include "kcheck.h"
#include "kfuncs.h"
#include "strbuf.h"
#include "strmap.h"

/* The wrappers SYSCALL_DEFINEn generates around a definition's body. */
static const char *const wrappers[] = { "__se_sys_", "__x64_sys_", "__ia32_sys_",
	"__se_compat_sys_", "__x64_compat_sys_", "__ia32_compat_sys_", "__x32_compat_sys_",
	NULL };

static int is_wrapper(const char *name)
{
	const char *const *w;

	for (w = wrappers; *w; w++)
		if (!strncmp(name, *w, strlen(*w)))
			return 1;
	return 0;
}

/* libclang's name for a definition's body (__do_sys_x) as cscan says it (sys_x). */
static const char *body_name(const char *name)
{
	if (!strncmp(name, "__do_sys_", 9))
		return name + 5;
	if (!strncmp(name, "__do_compat_sys_", 16))
		return name + 5;
	return name;
}

static int is_syscall_name(const char *n)
{
	return !strncmp(n, "sys_", 4) || !strncmp(n, "compat_sys_", 11);
}

/* Is name a function the tree defines (not a builtin, nor unknown)? */
static int is_function(const struct ix_tree *t, const char *name)
{
	int f = ix_symbol_find(t, "function", name);

	if (f >= 0 && t->syms[f].merged_into >= 0)
		f = t->syms[f].merged_into;
	return (f >= 0 && t->syms[f].file >= 0) ||
	       ix_symbol_find(t, "syscall_definition", name) >= 0;
}

static void count(struct strmap *lex, struct strmap *clang, long *both, long *nlex, long *nclang)
{
	size_t i;

	for (i = 0; i < lex->size; i++)
		if (lex->slots[i].key) {
			(*nlex)++;
			if (strmap_get(clang, lex->slots[i].key, 0))
				(*both)++;
		}
	for (i = 0; i < clang->size; i++)
		if (clang->slots[i].key)
			(*nclang)++;
}

void kcheck_compare(const struct ix_tree *t, const struct kconfig *kc,
		    const struct parse_job *jobs, int njobs, struct kcheck_counts *c)
{
	struct cscan_opts o = { kfuncs_config, (void *)kc };
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, key = STRBUF_INIT;
	int j, i;

	memset(c, 0, sizeof(*c));
	for (j = 0; j < njobs; j++) {
		const struct parse_job *job = &jobs[j];
		struct strmap ldefs = STRMAP_INIT, cdefs = STRMAP_INIT;
		struct strmap lcalls = STRMAP_INIT, ccalls = STRMAP_INIT;
		struct cscan_names nm = { 0 };
		struct cscan_result r = { 0 };

		if (!(job->mode & PARSE_BODIES) || job->failed)
			continue;
		strbuf_reset(&path);
		strbuf_reset(&text);
		strbuf_addf(&path, "%s/%s", t->root, job->relpath);
		if (strbuf_read_file(&text, path.buf) < 0)
			continue;
		c->files++;
		cscan_text(text.buf, text.len, &o, &nm, &r);
		for (i = 0; i < r.nfuncs; i++) {
			const struct cscan_func *f = &r.funcs[i];
			const char *name = nm.v[f->name];
			int k;

			if (!is_syscall_name(name)) {
				strbuf_reset(&key);
				strbuf_addf(&key, "%s\t%d", name, f->line);
				strmap_put(&ldefs, key.buf, 1);
			}
			for (k = f->first_call; k < f->first_call + f->ncalls; k++) {
				const struct cscan_call *cl = &r.calls[k];

				if (cl->expr >= 0 || !is_function(t, nm.v[cl->name]))
					continue;
				strbuf_reset(&key);
				strbuf_addf(&key, "%s\t%s\t%d", name, nm.v[cl->name], cl->line);
				strmap_put(&lcalls, key.buf, 1);
			}
		}
		for (i = 0; i < job->nrecs; i++) {
			const struct prec *p = &job->recs[i];

			if (p->kind == PREC_FUNC && p->file && !strcmp(p->file, job->relpath) &&
			    !is_wrapper(p->name) && strncmp(p->name, "__do_sys_", 9) &&
			    strncmp(p->name, "__do_compat_sys_", 16) && !is_syscall_name(p->name)) {
				strbuf_reset(&key);
				strbuf_addf(&key, "%s\t%d", p->name, p->line);
				strmap_put(&cdefs, key.buf, 1);
			} else if (p->kind == PREC_CALL && !p->indirect && p->func && p->file &&
				   !strcmp(p->file, job->relpath) && p->func_file &&
				   !strcmp(p->func_file, job->relpath) && !is_wrapper(p->func) &&
				   is_function(t, p->name)) {
				strbuf_reset(&key);
				strbuf_addf(&key, "%s\t%s\t%d", body_name(p->func), p->name, p->line);
				strmap_put(&ccalls, key.buf, 1);
			}
		}
		count(&ldefs, &cdefs, &c->defs_both, &c->defs_lex, &c->defs_clang);
		count(&lcalls, &ccalls, &c->calls_both, &c->calls_lex, &c->calls_clang);
		strmap_release(&ldefs);
		strmap_release(&cdefs);
		strmap_release(&lcalls);
		strmap_release(&ccalls);
		cscan_result_release(&r);
		cscan_names_release(&nm);
	}
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&key);
}

static double ratio(long a, long b)
{
	return b ? (double)a / (double)b : 1.0;
}

void kcheck_print(const struct kcheck_counts *c)
{
	fprintf(stderr, "sysatlas: index: lexical pass against libclang, %d files: "
		"definitions precision %.4f recall %.4f (%ld lexical, %ld libclang, %ld both); "
		"calls precision %.4f recall %.4f (%ld lexical, %ld libclang, %ld both)\n",
		c->files, ratio(c->defs_both, c->defs_lex), ratio(c->defs_both, c->defs_clang),
		c->defs_lex, c->defs_clang, c->defs_both,
		ratio(c->calls_both, c->calls_lex), ratio(c->calls_both, c->calls_clang),
		c->calls_lex, c->calls_clang, c->calls_both);
}
