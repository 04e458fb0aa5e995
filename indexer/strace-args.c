/*
 * Decoder arguments and the functions that print them (strace-args.h).
 *
 * The parser gives, for every function of the decoder files (and of
 * defs.h's inline ones), each call it makes and what each argument of
 * the call carries: tcp->u_arg[k], tcp->u_arg[param + k], a parameter,
 * or a constant.  Starting from a decoder, a call of a helper of the
 * same file is followed (two levels) with what its parameters are bound
 * to; any other call with a resolved u_arg[N] is a decoder_arg row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "parse.h"
#include "strace-args.h"
#include "strbuf.h"
#include "strmap.h"

#define ARGS_MAX 6		/* a syscall's arguments */
#define HELPER_DEPTH 2		/* helpers followed below the decoder */
#define READER_DEPTH 4		/* calls from a printer to a memory reader */

static const char *const readers[] = { "umovestr", "umoven", NULL };

struct afunc {
	const struct prec *def;
	int *calls;		/* indices into acalls */
	int ncalls, acalls;
	int sym;		/* symbol once added, -1 */
	int reader_done;	/* the way to a reader was searched */
};

struct args_ctx {
	struct ix_tree *t;
	struct afunc *funcs;
	int nfuncs, afuncs;
	const struct prec **acalls;
	int nacalls, aacalls;
	struct strmap by_key;	/* "name\tfile" -> funcs index */
	struct strmap by_name;	/* "name" -> funcs index, -2 when several */
	struct strmap rows;	/* rows and call edges already added */
	int added;
};

/* What one of a helper's parameters is bound to. */
struct bind {
	char kind;		/* 'U': u_arg[v]; 'C': the constant v; 0: unknown */
	long long v;
};

static int is_header(const char *path)
{
	size_t n = strlen(path);

	return n > 2 && !strcmp(path + n - 2, ".h");
}

static void func_add(struct args_ctx *c, const struct prec *r)
{
	struct strbuf key = STRBUF_INIT;
	struct afunc *f;
	long at;

	strbuf_addf(&key, "%s\t%s", r->name, r->file);
	if (strmap_get(&c->by_key, key.buf, -1) >= 0) {
		strbuf_release(&key);
		return;		/* a header's inline function, seen again */
	}
	if (c->nfuncs == c->afuncs) {
		c->afuncs = c->afuncs ? 2 * c->afuncs : 256;
		c->funcs = xrealloc(c->funcs, (size_t)c->afuncs * sizeof(*c->funcs));
	}
	f = &c->funcs[c->nfuncs];
	memset(f, 0, sizeof(*f));
	f->def = r;
	f->sym = -1;
	strmap_put(&c->by_key, key.buf, c->nfuncs);
	at = strmap_get(&c->by_name, r->name, -1);
	strmap_put(&c->by_name, r->name, at == -1 ? c->nfuncs : -2);
	c->nfuncs++;
	strbuf_release(&key);
}

static void call_add(struct args_ctx *c, const struct prec *r)
{
	struct strbuf key = STRBUF_INIT;
	struct afunc *f;
	long fi;

	strbuf_addf(&key, "%s\t%s", r->func, r->func_file);
	fi = strmap_get(&c->by_key, key.buf, -1);
	strbuf_release(&key);
	if (fi < 0)
		return;
	if (c->nacalls == c->aacalls) {
		c->aacalls = c->aacalls ? 2 * c->aacalls : 1024;
		c->acalls = xrealloc(c->acalls, (size_t)c->aacalls * sizeof(*c->acalls));
	}
	c->acalls[c->nacalls] = r;
	f = &c->funcs[fi];
	if (f->ncalls == f->acalls) {
		f->acalls = f->acalls ? 2 * f->acalls : 8;
		f->calls = xrealloc(f->calls, (size_t)f->acalls * sizeof(*f->calls));
	}
	f->calls[f->ncalls++] = c->nacalls++;
}

/*
 * The function a call of name from file reaches: the file's own, else
 * the one function of that name (a header's inline one, or a global one
 * of a .c file).  -1 when none or several.
 */
static int func_lookup(const struct args_ctx *c, const char *name, const char *file)
{
	struct strbuf key = STRBUF_INIT;
	long fi;

	strbuf_addf(&key, "%s\t%s", name, file);
	fi = strmap_get(&c->by_key, key.buf, -1);
	strbuf_release(&key);
	if (fi >= 0)
		return (int)fi;
	fi = strmap_get(&c->by_name, name, -1);
	return fi >= 0 ? (int)fi : -1;
}

static int func_sym(struct args_ctx *c, int fi)
{
	struct afunc *f = &c->funcs[fi];

	if (f->sym < 0)
		f->sym = ix_symbol_add(c->t, "function", f->def->name, ix_file(c->t, f->def->file),
				       f->def->line, f->def->end_line, NULL);
	return f->sym;
}

/* The symbol of a function called by name: one parsed here, the graph's, or a bare one. */
static int callee_sym(struct args_ctx *c, const char *name, const char *from_file)
{
	int fi = func_lookup(c, name, from_file), s;

	if (fi >= 0)
		return func_sym(c, fi);
	s = ix_symbol_find(c->t, "function", name);
	return s >= 0 ? s : ix_symbol_add(c->t, "function", name, -1, 0, 0, NULL);
}

/* Add a call edge once. */
static void edge_add(struct args_ctx *c, int caller, int callee, const char *file, int line)
{
	struct strbuf key = STRBUF_INIT;

	strbuf_addf(&key, "call\t%d\t%d\t%s\t%d", caller, callee, file, line);
	if (strmap_get(&c->rows, key.buf, -1) < 0) {
		strmap_put(&c->rows, key.buf, 1);
		ix_call_add(c->t, caller, callee, ix_file(c->t, file), line);
	}
	strbuf_release(&key);
}

/*
 * Parse a PREC_ACALL encoding into the u_arg index (u[j], -1 unknown) and
 * constant (k[j], kk[j] set) each argument j of the call carries, given
 * what the caller's parameters are bound to.
 */
static void call_values(const char *enc, const struct bind *b, int nb, int *u, long long *k,
			int *kk, int n)
{
	const char *p = enc ? enc : "";
	int i;

	for (i = 0; i < n; i++) {
		u[i] = -1;
		kk[i] = 0;
	}
	while (*p) {
		char *end;
		long j = strtol(p, &end, 10), a, d;

		if (end == p || *end != ':')
			break;
		p = end + 1;
		switch (*p++) {
		case 'U':
			a = strtol(p, &end, 10);
			if (j >= 0 && j < n)
				u[j] = (int)a;
			break;
		case 'P':
			a = strtol(p, &end, 10);
			d = *end == '+' ? strtol(end + 1, &end, 10) : 0;
			if (j >= 0 && j < n && a >= 0 && a < nb && b[a].kind == 'C' &&
			    b[a].v + d >= 0 && b[a].v + d < ARGS_MAX)
				u[j] = (int)(b[a].v + d);
			break;
		case 'R':
			a = strtol(p, &end, 10);
			if (j >= 0 && j < n && a >= 0 && a < nb) {
				if (b[a].kind == 'U')
					u[j] = (int)b[a].v;
				else if (b[a].kind == 'C') {
					k[j] = b[a].v;
					kk[j] = 1;
				}
			}
			break;
		case 'C':
			a = strtol(p, &end, 10);
			if (j >= 0 && j < n) {
				k[j] = a;
				kk[j] = 1;
			}
			break;
		default:
			end = (char *)p;
			break;
		}
		p = strchr(end, ';');
		if (!p)
			break;
		p++;
	}
}

#define CALL_ARGS 16		/* arguments of a call looked at */

/*
 * Walk function fi of a decoder (dec, a symbol) with its parameters bound
 * to b; via is the helper's symbol (-1: the decoder's own body).
 */
static void walk(struct args_ctx *c, int dec, int fi, const struct bind *b, int nb, int depth,
		 int via, int self_sym)
{
	const struct afunc *f = &c->funcs[fi];
	int i;

	for (i = 0; i < f->ncalls; i++) {
		const struct prec *r = c->acalls[f->calls[i]];
		int u[CALL_ARGS], kk[CALL_ARGS], j, hi, any = 0;
		long long k[CALL_ARGS];

		call_values(r->macro, b, nb, u, k, kk, CALL_ARGS);
		hi = r->indirect ? -1 : func_lookup(c, r->name, f->def->file);
		if (hi >= 0 && hi != fi && depth < HELPER_DEPTH &&
		    !strcmp(c->funcs[hi].def->file, f->def->file) && !is_header(f->def->file)) {
			/* a helper of the decoder's own file: follow it */
			struct bind nbind[CALL_ARGS];
			int before = c->added, hsym;

			for (j = 0; j < CALL_ARGS; j++) {
				nbind[j].kind = u[j] >= 0 ? 'U' : kk[j] ? 'C' : 0;
				nbind[j].v = u[j] >= 0 ? u[j] : kk[j] ? k[j] : 0;
			}
			hsym = func_sym(c, hi);
			walk(c, dec, hi, nbind, CALL_ARGS, depth + 1, hsym, hsym);
			if (c->added > before)
				edge_add(c, self_sym, hsym, r->file, r->line);
			continue;
		}
		for (j = 0; j < CALL_ARGS; j++) {
			struct strbuf key = STRBUF_INIT;
			int psym;

			if (u[j] < 0 || u[j] >= ARGS_MAX)
				continue;
			psym = callee_sym(c, r->name, f->def->file);
			strbuf_addf(&key, "row\t%d\t%d\t%d\t%s\t%d\t%d", dec, u[j], psym, r->file,
				    r->line, via);
			if (strmap_get(&c->rows, key.buf, -1) < 0) {
				strmap_put(&c->rows, key.buf, 1);
				ix_decoder_arg_add(c->t, dec, u[j], psym, ix_file(c->t, r->file),
						   r->line, via);
				c->added++;
				any = 1;
			}
			strbuf_release(&key);
		}
		(void)any;
	}
}

/*
 * The shortest way from printer function fi to a call of the memory
 * reader named reader, breadth first through the parsed functions; its
 * call edges (and their functions' symbols) are added.
 */
static void reader_way(struct args_ctx *c, int fi, const char *reader)
{
	int *prev_f, *prev_call, *queue, *depth, head = 0, tail = 0, i, hit = -1, hit_call = -1;

	prev_f = xcalloc((size_t)c->nfuncs, sizeof(*prev_f));
	prev_call = xcalloc((size_t)c->nfuncs, sizeof(*prev_call));
	depth = xcalloc((size_t)c->nfuncs, sizeof(*depth));
	queue = xcalloc((size_t)c->nfuncs, sizeof(*queue));
	for (i = 0; i < c->nfuncs; i++)
		prev_f[i] = -2;
	prev_f[fi] = -1;
	queue[tail++] = fi;
	while (head < tail && hit < 0) {
		int x = queue[head++];
		const struct afunc *f = &c->funcs[x];

		for (i = 0; i < f->ncalls && hit < 0; i++) {
			const struct prec *r = c->acalls[f->calls[i]];
			int y;

			if (!r->indirect && !strcmp(r->name, reader)) {
				hit = x;
				hit_call = f->calls[i];
				break;
			}
			if (depth[x] + 1 >= READER_DEPTH)
				continue;
			y = func_lookup(c, r->name, f->def->file);
			if (y < 0 || prev_f[y] != -2)
				continue;
			prev_f[y] = x;
			prev_call[y] = f->calls[i];
			depth[y] = depth[x] + 1;
			queue[tail++] = y;
		}
	}
	if (hit >= 0) {
		const struct prec *r = c->acalls[hit_call];
		int y = hit;

		edge_add(c, func_sym(c, hit), callee_sym(c, r->name, c->funcs[hit].def->file),
			 r->file, r->line);
		while (prev_f[y] >= 0) {
			const struct prec *cr = c->acalls[prev_call[y]];

			edge_add(c, func_sym(c, prev_f[y]), func_sym(c, y), cr->file, cr->line);
			y = prev_f[y];
		}
	}
	free(prev_f);
	free(prev_call);
	free(depth);
	free(queue);
}

int strace_args_resolve(struct ix_tree *t, const struct parse_job *jobs, int njobs)
{
	struct args_ctx c;
	int i, r, n0;

	memset(&c, 0, sizeof(c));
	c.t = t;
	for (i = 0; i < njobs; i++)
		for (r = 0; r < jobs[i].nrecs; r++)
			if (jobs[i].recs[r].kind == PREC_AFUNC && (jobs[i].mode & PARSE_ARGS))
				func_add(&c, &jobs[i].recs[r]);
	for (i = 0; i < njobs; i++)
		for (r = 0; r < jobs[i].nrecs; r++)
			if (jobs[i].recs[r].kind == PREC_ACALL && (jobs[i].mode & PARSE_ARGS))
				call_add(&c, &jobs[i].recs[r]);
	n0 = t->nsyms;
	for (i = 0; i < n0; i++) {
		const struct ix_symbol *s = &t->syms[i];
		struct strbuf name = STRBUF_INIT;
		int fi;

		if (strcmp(s->kind, "strace_decoder") || s->file < 0 || s->merged_into >= 0)
			continue;
		/* SYS_FUNC(openat) defines sys_openat; printargs is itself */
		strbuf_addf(&name, "sys_%s", s->name);
		fi = func_lookup(&c, name.buf, t->files[s->file]);
		if (fi < 0 || strcmp(c.funcs[fi].def->file, t->files[s->file]))
			fi = func_lookup(&c, s->name, t->files[s->file]);
		if (fi >= 0 && !strcmp(c.funcs[fi].def->file, t->files[s->file]))
			walk(&c, i, fi, NULL, 0, 0, -1, i);
		strbuf_release(&name);
	}
	/* each printer's way to a memory reader */
	for (i = 0; i < t->ndargs; i++) {
		const struct ix_symbol *p = &t->syms[t->dargs[i].printer];
		int fi;

		if (p->file < 0)
			continue;
		fi = func_lookup(&c, p->name, t->files[p->file]);
		if (fi >= 0 && !strcmp(c.funcs[fi].def->file, t->files[p->file]) &&
		    !c.funcs[fi].reader_done) {
			int k;

			c.funcs[fi].reader_done = 1;
			for (k = 0; readers[k]; k++)
				reader_way(&c, fi, readers[k]);
		}
	}
	for (i = 0; i < c.nfuncs; i++)
		free(c.funcs[i].calls);
	free(c.funcs);
	free(c.acalls);
	strmap_release(&c.by_key);
	strmap_release(&c.by_name);
	strmap_release(&c.rows);
	return c.added;
}
