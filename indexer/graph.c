#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "graph.h"
#include "strbuf.h"

struct pending_call {
	int caller;
	char *callee;
	int indirect;
	int file, line;
};

struct mark {			/* a case label or landmark inside a function */
	int func;
	char *name;
	int file, line;
};

struct edge {
	int from, to, line;
};

struct graph {
	struct ix_tree *t;
	struct strmap alias;		/* "file\tline" -> symbol */
	struct strmap by_name;		/* "name" -> first defined function */
	struct strmap by_name_file;	/* "name\tfile" -> function */
	struct pending_call *calls;
	int ncalls, acalls;
	struct mark *cases, *lands;
	int ncases, acases, nlands, alands;
	struct edge *edges;		/* sorted by from, line */
	int nedges;
	int *first;			/* first edge of each symbol, nsyms + 1 */
	int nsyms_at_finish;
};

struct graph *graph_new(struct ix_tree *t)
{
	struct graph *g = xcalloc(1, sizeof(*g));

	g->t = t;
	return g;
}

void graph_free(struct graph *g)
{
	int i;

	if (!g)
		return;
	strmap_release(&g->alias);
	strmap_release(&g->by_name);
	strmap_release(&g->by_name_file);
	for (i = 0; i < g->ncalls; i++)
		free(g->calls[i].callee);
	free(g->calls);
	for (i = 0; i < g->ncases; i++)
		free(g->cases[i].name);
	for (i = 0; i < g->nlands; i++)
		free(g->lands[i].name);
	free(g->cases);
	free(g->lands);
	free(g->edges);
	free(g->first);
	free(g);
}

static void key2(struct strbuf *sb, const char *a, long b)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s\t%ld", a, b);
}

void graph_alias(struct graph *g, const char *file, int line, int sym)
{
	struct strbuf k = STRBUF_INIT;

	key2(&k, file, line);
	strmap_put(&g->alias, k.buf, sym);
	strbuf_release(&k);
}

static int alias_of(struct graph *g, const char *file, int line)
{
	struct strbuf k = STRBUF_INIT;
	long v;

	key2(&k, file, line);
	v = strmap_get(&g->alias, k.buf, -1);
	strbuf_release(&k);
	return (int)v;
}

/* The symbol of the function defined at name/file/line. */
static int function_sym(struct graph *g, const char *name, const char *file,
			int line, int end_line)
{
	struct strbuf k = STRBUF_INIT;
	int a = alias_of(g, file, line), fid, sym;

	if (a >= 0) {
		strmap_put_new(&g->by_name, name, a);
		return a;
	}
	fid = ix_file(g->t, file);
	sym = ix_symbol_add(g->t, "function", name, fid, line, end_line, NULL);
	strmap_put_new(&g->by_name, name, sym);
	key2(&k, name, fid);
	strmap_put_new(&g->by_name_file, k.buf, sym);
	strbuf_release(&k);
	return sym;
}

static void mark_add(struct mark **v, int *n, int *a, int func, const char *name,
		     int file, int line)
{
	int i;

	for (i = 0; i < *n; i++)	/* headers are seen by several units */
		if ((*v)[i].func == func && (*v)[i].line == line &&
		    (*v)[i].file == file && !strcmp((*v)[i].name, name))
			return;
	if (*n == *a) {
		*a = *a ? *a * 2 : 64;
		*v = xrealloc(*v, (size_t)*a * sizeof(**v));
	}
	(*v)[(*n)++] = (struct mark){ func, xstrdup(name), file, line };
}

static void call_add(struct graph *g, int caller, const char *callee, int indirect,
		     int file, int line)
{
	int i;

	for (i = g->ncalls - 1; i >= 0 && i >= g->ncalls - 64; i--)
		if (g->calls[i].caller == caller && g->calls[i].line == line &&
		    g->calls[i].file == file && !strcmp(g->calls[i].callee, callee))
			return;
	if (g->ncalls == g->acalls) {
		g->acalls = g->acalls ? g->acalls * 2 : 256;
		g->calls = xrealloc(g->calls, (size_t)g->acalls * sizeof(*g->calls));
	}
	g->calls[g->ncalls++] = (struct pending_call){ caller, xstrdup(callee), indirect,
						       file, line };
}

void graph_add_records(struct graph *g, const struct parse_job *job)
{
	int i;

	for (i = 0; i < job->nrecs; i++) {
		const struct prec *r = &job->recs[i];

		if (r->kind == PREC_FUNC && (job->mode & PARSE_BODIES))
			function_sym(g, r->name, r->file, r->line, r->end_line);
	}
	for (i = 0; i < job->nrecs; i++) {
		const struct prec *r = &job->recs[i];
		int caller, file;

		if (r->kind != PREC_CALL && r->kind != PREC_CASE && r->kind != PREC_ASSIGN &&
		    r->kind != PREC_REF)
			continue;
		caller = alias_of(g, r->func_file, r->func_line);
		if (caller < 0) {
			struct strbuf k = STRBUF_INIT;

			key2(&k, r->func, ix_file(g->t, r->func_file));
			caller = (int)strmap_get(&g->by_name_file, k.buf, -1);
			strbuf_release(&k);
		}
		if (caller < 0)
			continue;
		file = ix_file(g->t, r->file);
		if (r->kind == PREC_CALL)
			call_add(g, caller, r->name, r->indirect, file, r->line);
		else if (r->kind == PREC_CASE)
			mark_add(&g->cases, &g->ncases, &g->acases, caller, r->name, file, r->line);
		else
			mark_add(&g->lands, &g->nlands, &g->alands, caller, r->name, file, r->line);
	}
}

/* --- assembly ------------------------------------------------------- */

static int macro_arg(const char *s, const char *macro, char *out, size_t size)
{
	size_t n = strlen(macro), k = 0;

	if (strncmp(s, macro, n) || s[n] != '(')
		return 0;
	s += n + 1;
	while (isspace((unsigned char)*s))
		s++;
	while ((isalnum((unsigned char)*s) || *s == '_') && k + 1 < size)
		out[k++] = *s++;
	out[k] = 0;
	return k > 0;
}

int graph_add_asm(struct graph *g, const char *relpath)
{
	static const char *const starts[] = { "SYM_CODE_START", "SYM_CODE_START_LOCAL",
		"SYM_CODE_START_NOALIGN", "SYM_FUNC_START", "SYM_FUNC_START_LOCAL",
		"ENTRY", "GLOBAL", NULL };
	static const char *const ends[] = { "SYM_CODE_END", "SYM_FUNC_END", "END",
		"ENDPROC", NULL };
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char *line, *next;
	int lineno = 0, cur = -1, file, rc = -1;

	strbuf_addf(&path, "%s/%s", g->t->root, relpath);
	if (strbuf_read_file(&text, path.buf) < 0)
		goto cleanup;
	file = ix_file(g->t, relpath);
	for (line = text.buf; line && *line; line = next) {
		char name[256], *s = line;
		const char *const *m;
		int done = 0;

		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		while (isspace((unsigned char)*s))
			s++;
		for (m = starts; *m && !done; m++)
			if (macro_arg(s, *m, name, sizeof(name))) {
				cur = ix_symbol_add(g->t, "asm_label", name, file, lineno, 0, NULL);
				done = 1;
			}
		for (m = ends; *m && !done; m++)
			if (macro_arg(s, *m, name, sizeof(name))) {
				int sym = ix_symbol_find(g->t, "asm_label", name);

				if (sym >= 0 && !g->t->syms[sym].end_line)
					g->t->syms[sym].end_line = lineno;
				if (sym == cur)
					cur = -1;
				done = 1;
			}
		if (done)
			continue;
		if (macro_arg(s, "SYM_INNER_LABEL", name, sizeof(name))) {
			ix_symbol_add(g->t, "asm_label", name, file, lineno, lineno, NULL);
			continue;
		}
		if (s == line && (isalpha((unsigned char)*s) || *s == '_')) {
			size_t k = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");

			if (s[k] == ':' && k < sizeof(name)) {
				memcpy(name, s, k);
				name[k] = 0;
				ix_symbol_add(g->t, "asm_label", name, file, lineno, lineno, NULL);
				if (cur < 0)
					cur = ix_symbol_find(g->t, "asm_label", name);
			}
			continue;
		}
		if (cur >= 0 && !strncmp(s, "call", 4) && isspace((unsigned char)s[4])) {
			size_t k;

			s += 5;
			while (isspace((unsigned char)*s))
				s++;
			k = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
			if (k && k < sizeof(name)) {
				memcpy(name, s, k);
				name[k] = 0;
				call_add(g, cur, name, 0, file, lineno);
			}
		}
	}
	rc = 0;
cleanup:
	strbuf_release(&path);
	strbuf_release(&text);
	return rc;
}

/* --- resolution ------------------------------------------------------ */

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
}

void graph_finish(struct graph *g)
{
	struct strbuf k = STRBUF_INIT;
	int i, n;

	g->edges = xcalloc((size_t)g->ncalls + 1, sizeof(*g->edges));
	for (i = 0; i < g->ncalls; i++) {
		const struct pending_call *c = &g->calls[i];
		int callee;

		if (c->indirect) {
			callee = ix_symbol_add(g->t, "call_site", c->callee, c->file, c->line,
					       c->line, NULL);
		} else {
			int caller_file = g->t->syms[c->caller].file;

			key2(&k, c->callee, caller_file);
			callee = (int)strmap_get(&g->by_name_file, k.buf, -1);
			if (callee < 0)
				callee = (int)strmap_get(&g->by_name, c->callee, -1);
			if (callee < 0)
				callee = ix_symbol_add(g->t, "function", c->callee, -1, 0, 0, NULL);
		}
		if (callee == c->caller)
			continue;
		ix_call_add(g->t, c->caller, callee, c->file, c->line);
		g->edges[g->nedges++] = (struct edge){ c->caller, callee, c->line };
	}
	qsort(g->edges, (size_t)g->nedges, sizeof(*g->edges), cmp_edge);
	n = g->nsyms_at_finish = g->t->nsyms;
	g->first = xcalloc((size_t)n + 1, sizeof(int));
	for (i = 0; i < g->nedges; i++)
		g->first[g->edges[i].from + 1]++;
	for (i = 0; i < n; i++)
		g->first[i + 1] += g->first[i];
	strbuf_release(&k);
}

/* --- paths ----------------------------------------------------------- */

typedef int (*goal_fn)(struct graph *g, int sym, const struct path_spec *s);

static const struct mark *find_mark(const struct mark *v, int n, int func, const char *name)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i].func == func && !strcmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static int goal_via(struct graph *g, int sym, const struct path_spec *s)
{
	const char *name = g->t->syms[sym].name;

	return !strcmp(g->t->syms[sym].kind, "function") &&
	       (s->via_exact ? !strcmp(name, s->via) : strstr(name, s->via) != NULL);
}

static int goal_end(struct graph *g, int sym, const struct path_spec *s)
{
	const struct ix_symbol *y = &g->t->syms[sym];

	if (s->end_case)
		return find_mark(g->cases, g->ncases, sym, s->end_case) != NULL;
	if (s->end_indirect && !strcmp(y->kind, "call_site") && !strcmp(y->name, s->end_indirect))
		return 1;
	if (!s->end && s->end_landmark)
		return find_mark(g->lands, g->nlands, sym, s->end_landmark) != NULL;
	if (s->end && !strcmp(y->name, s->end) && strcmp(y->kind, "call_site")) {
		if (s->end_landmark)
			return find_mark(g->lands, g->nlands, sym, s->end_landmark) != NULL;
		return 1;
	}
	return 0;
}

/*
 * The functions defined in a file that share a name, as rings: same[i] is
 * the next one of i's name (back to i), -1 when i's name is its alone.
 */
static int *same_names_new(struct graph *g)
{
	int n = g->nsyms_at_finish, *same = xcalloc((size_t)n + 1, sizeof(int)), i;
	struct strmap first;

	memset(&first, 0, sizeof(first));
	for (i = 0; i < n; i++) {
		const struct ix_symbol *y = &g->t->syms[i];
		long f;

		same[i] = -1;
		if (strcmp(y->kind, "function") || y->file < 0 || !y->name)
			continue;
		f = strmap_put_new(&first, y->name, i);
		if (f < 0 || f == i)
			continue;
		/* insert i after f in f's ring */
		same[i] = same[f] >= 0 ? same[f] : (int)f;
		same[f] = i;
	}
	strmap_release(&first);
	return same;
}

/*
 * Breadth-first search from start to a symbol satisfying goal.  Fills
 * prev/prev_line; returns the goal symbol or -1.
 */
static int bfs(struct graph *g, int start, goal_fn goal, const struct path_spec *s,
	       const int *same, int *prev, int *prev_line)
{
	int n = g->nsyms_at_finish, *queue, head = 0, tail = 0, i, found = -1;

	for (i = 0; i < n; i++)
		prev[i] = -2;
	queue = xcalloc((size_t)n * 2 + 1, sizeof(int));
	queue[tail++] = start;
	prev[start] = -1;
	while (head < tail && found < 0) {
		int u = queue[head++], e;

		if (u != start && goal(g, u, s)) {
			found = u;
			break;
		}
		if (u == start && goal == goal_end && goal(g, u, s)) {
			found = u;
			break;
		}
		for (e = g->first[u]; e < g->first[u + 1]; e++) {
			int w = g->edges[e].to;

			if (w >= n || prev[w] != -2)
				continue;
			prev[w] = u;
			prev_line[w] = g->edges[e].line;
			queue[tail++] = w;
		}
		/* a body without calls (a __weak default, `{ }`) whose name
		 * another definition shares (the arch's override): the call
		 * reaches that one; it takes this step's place */
		if (g->first[u] == g->first[u + 1] && same && same[u] >= 0) {
			int w;

			for (w = same[u]; w != u; w = same[w]) {
				if (prev[w] != -2)
					continue;
				prev[w] = prev[u];
				prev_line[w] = prev_line[u];
				queue[tail++] = w;
			}
		}
	}
	free(queue);
	return found;
}

/* Append the BFS chain ending in last to steps (syms, lines). */
static void chain(const int *prev, const int *prev_line, int last, int *syms,
		  int *lines, int *nsteps)
{
	int tmp[256], tl[256], k = 0, u, i;

	for (u = last; u >= 0 && k < 256; u = prev[u]) {
		tmp[k] = u;
		tl[k] = prev_line[u];
		k++;
	}
	/* tmp is last … first; skip the first when it repeats the chain's end */
	for (i = k - 1; i >= 0; i--) {
		if (*nsteps && syms[*nsteps - 1] == tmp[i])
			continue;
		if (*nsteps && i < k - 1)
			lines[*nsteps - 1] = tl[i];
		syms[*nsteps] = tmp[i];
		lines[*nsteps] = 0;
		(*nsteps)++;
	}
}

int graph_find_path(struct graph *g, const struct path_spec *s)
{
	int start = ix_symbol_find(g->t, s->start_kind, s->start_name);
	int n = g->nsyms_at_finish, *prev, *prev_line, syms[512], lines[512];
	int nsteps = 0, at, end, i, *same;

	if (start < 0 || start >= n)
		return 0;
	prev = xcalloc((size_t)n, sizeof(int));
	prev_line = xcalloc((size_t)n, sizeof(int));
	same = same_names_new(g);
	at = start;
	if (s->via) {
		at = bfs(g, start, goal_via, s, same, prev, prev_line);
		if (at < 0)
			goto fail;
		chain(prev, prev_line, at, syms, lines, &nsteps);
	}
	end = bfs(g, at, goal_end, s, same, prev, prev_line);
	if (end < 0)
		goto fail;
	chain(prev, prev_line, end, syms, lines, &nsteps);
	if (s->end_case || s->end_landmark) {
		const struct mark *m = s->end_case ?
			find_mark(g->cases, g->ncases, end, s->end_case) :
			find_mark(g->lands, g->nlands, end, s->end_landmark);
		const char *kind = s->end_case ? "case_label" : "landmark";
		const char *name = s->end_case ? s->end_case :
			s->landmark_label ? s->landmark_label : s->end_landmark;

		lines[nsteps - 1] = m->line;
		syms[nsteps] = ix_symbol_add(g->t, kind, name, m->file, m->line, m->line, NULL);
		lines[nsteps] = 0;
		nsteps++;
	}
	for (i = 0; i < nsteps; i++)
		ix_path_add(g->t, s->name, i, syms[i], lines[i]);
	free(prev);
	free(prev_line);
	free(same);
	return nsteps;
fail:
	free(prev);
	free(prev_line);
	free(same);
	return 0;
}
