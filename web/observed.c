#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "observed.h"
#include "tracedb.h"

/* Bounds on what an untrusted trace may make us hold. */
#define OBS_MAX_DEPTH 256

struct obs_name {
	const struct ix *ix;		/* the index it was looked up in */
	char *func;			/* as the frame said it */
	int found;
	struct ix_symbol sym;
};

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static void copy_col(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(out, size, "%s", t ? (const char *)t : "");
}

void obs_upstream_version(const char *release, const char *proc_version, char *out,
			  size_t size)
{
	const char *p = NULL;
	unsigned v[3] = { 0, 0, 0 };
	int n = 0;

	*out = '\0';
	/* Debian: "… #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)" */
	if (proc_version) {
		const char *d = proc_version;

		while ((d = strstr(d, " Debian "))) {
			d += 8;
			if (isdigit((unsigned char)*d)) {
				p = d;
				break;
			}
		}
	}
	if (!p)
		p = release;
	if (!p)
		return;
	while (n < 3 && isdigit((unsigned char)*p)) {
		char *end;
		unsigned long x = strtoul(p, &end, 10);

		if (x > 100000)
			return;
		v[n++] = (unsigned)x;
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (n < 2)
		return;
	if (v[2])
		snprintf(out, size, "v%u.%u.%u", v[0], v[1], v[2]);
	else
		snprintf(out, size, "v%u.%u", v[0], v[1]);
}

/* The index of stack id in o->stacks (sorted by id), or -1. */
static int stack_index(const struct obs *o, int64_t id)
{
	int lo = 0, hi = o->nstacks - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (o->stacks[mid].id == id)
			return mid;
		if (o->stacks[mid].id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static int load_stacks(sqlite3 *db, struct obs *o)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, step, alloc = 0;

	if (db_prepare(db, &st, "SELECT id, depth FROM kstack ORDER BY id") < 0)
		return -1;
	while ((step = db_step(st)) == SQLITE_ROW) {
		struct obs_stack *s;
		int64_t depth = sqlite3_column_int64(st, 1);

		if (o->nstacks == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			o->stacks = xrealloc(o->stacks, (size_t)alloc * sizeof(*o->stacks));
		}
		s = &o->stacks[o->nstacks++];
		s->id = sqlite3_column_int64(st, 0);
		s->depth = 0;
		depth = depth < 0 ? 0 : depth > OBS_MAX_DEPTH ? OBS_MAX_DEPTH : depth;
		s->frames = xcalloc((size_t)depth + 1, sizeof(*s->frames));
		/* frames fill in below; depth is what they say */
		s->depth = s->nframes = (int)depth;
	}
	if (step < 0)
		goto cleanup;
	db_finalize(st);
	st = NULL;
	if (db_prepare(db, &st, "SELECT stack_id, depth, function, offset, size, module "
		       "FROM kstack_frame ORDER BY stack_id, depth") < 0)
		goto cleanup;
	while ((step = db_step(st)) == SQLITE_ROW) {
		int si = stack_index(o, sqlite3_column_int64(st, 0));
		int64_t d = sqlite3_column_int64(st, 1);
		struct obs_frame *f;

		if (si < 0 || d < 0 || d >= o->stacks[si].depth || o->stacks[si].frames[d].func)
			continue;	/* a frame of no stack, or out of place: not trusted */
		f = &o->stacks[si].frames[d];
		f->func = col_dup(st, 2);
		if (!f->func)
			f->func = xstrdup("?");
		f->offset = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 3);
		f->size = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 4);
		f->module = col_dup(st, 5);
	}
	if (step < 0)
		goto cleanup;
	/* a stack missing frames ends where they stop */
	{
		int i, d;

		for (i = 0; i < o->nstacks; i++) {
			for (d = 0; d < o->stacks[i].depth && o->stacks[i].frames[d].func; d++)
				;
			o->stacks[i].depth = d;
		}
	}
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

static int load_stops(sqlite3 *db, struct obs *o, int64_t mono_start)
{
	sqlite3_stmt *st = NULL;
	int step, alloc = 0;

	if (db_prepare(db, &st, "SELECT seq, tid, ts_ns, stop, abi, nr, stack_id FROM stop_kstack "
		       "ORDER BY rowid") < 0)
		return -1;
	while ((step = db_step(st)) == SQLITE_ROW) {
		struct obs_stop *s;
		int si = stack_index(o, sqlite3_column_int64(st, 6));

		if (si < 0 || !o->stacks[si].depth)
			continue;
		if (o->nstops == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			o->stops = xrealloc(o->stops, (size_t)alloc * sizeof(*o->stops));
		}
		s = &o->stops[o->nstops++];
		s->seq = sqlite3_column_int64(st, 0);
		s->tid = sqlite3_column_int64(st, 1);
		s->t = tracedb_rel_ns(sqlite3_column_int64(st, 2), mono_start);
		copy_col(st, 3, s->stop, sizeof(s->stop));
		copy_col(st, 4, s->abi, sizeof(s->abi));
		s->has_nr = sqlite3_column_type(st, 5) != SQLITE_NULL;
		s->nr = sqlite3_column_int64(st, 5);
		s->stack = si;
	}
	db_finalize(st);
	return step < 0 ? -1 : 0;
}

static int load_samples(sqlite3 *db, struct obs *o, int64_t mono_start)
{
	sqlite3_stmt *st = NULL;
	int step, alloc = 0;

	if (db_prepare(db, &st, "SELECT call_seq, tid, ts_ns, state, stack_id FROM kstack_sample "
		       "ORDER BY call_seq, ts_ns") < 0)
		return -1;
	while ((step = db_step(st)) == SQLITE_ROW) {
		struct obs_sample *s;
		const unsigned char *state = sqlite3_column_text(st, 3);
		int si = stack_index(o, sqlite3_column_int64(st, 4));

		if (si < 0 || !o->stacks[si].depth)
			continue;
		if (o->nsamples == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			o->samples = xrealloc(o->samples, (size_t)alloc * sizeof(*o->samples));
		}
		s = &o->samples[o->nsamples++];
		s->call_seq = sqlite3_column_int64(st, 0);
		s->tid = sqlite3_column_int64(st, 1);
		s->t = tracedb_rel_ns(sqlite3_column_int64(st, 2), mono_start);
		s->state = state && isalpha(state[0]) ? (char)state[0] : 0;
		s->stack = si;
	}
	db_finalize(st);
	return step < 0 ? -1 : 0;
}

int obs_load(sqlite3 *trace, const char *release, int64_t mono_start, struct obs *o)
{
	sqlite3_stmt *st = NULL;
	int v, step;

	memset(o, 0, sizeof(*o));
	v = db_user_version(trace);
	if (v < 0)
		return -1;
	if (v < 2)
		return 0;	/* recorded before kernel stacks */
	if (db_prepare(trace, &st, "SELECT kernel_stacks, kernel_stacks_note, kernel_version "
		       "FROM run ORDER BY id LIMIT 1") < 0)
		return -1;
	step = db_step(st);
	if (step == SQLITE_ROW) {
		o->mode = col_dup(st, 0);
		o->note = col_dup(st, 1);
		o->proc_version = col_dup(st, 2);
	}
	db_finalize(st);
	if (step < 0)
		return -1;
	o->have = 1;
	obs_upstream_version(release, o->proc_version, o->running, sizeof(o->running));
	if (load_stacks(trace, o) < 0 || load_stops(trace, o, mono_start) < 0 ||
	    load_samples(trace, o, mono_start) < 0) {
		obs_release(o);
		return -1;
	}
	return 0;
}

void obs_release(struct obs *o)
{
	int i, d;

	for (i = 0; i < o->nstacks; i++) {
		for (d = 0; d < o->stacks[i].nframes; d++) {
			free(o->stacks[i].frames[d].func);
			free(o->stacks[i].frames[d].module);
		}
		free(o->stacks[i].frames);
	}
	free(o->stacks);
	free(o->stops);
	free(o->samples);
	for (i = 0; i < o->nnames; i++) {
		free(o->names[i].func);
		ix_symbol_release(&o->names[i].sym);
	}
	free(o->names);
	free(o->mode);
	free(o->note);
	free(o->proc_version);
	memset(o, 0, sizeof(*o));
}

int obs_stop_stack(const struct obs *o, const char *stop, const char *abi, int64_t nr)
{
	int i, j, best = -1, best_n = 0;

	for (i = 0; i < o->nstops; i++) {
		const struct obs_stop *s = &o->stops[i];
		int n = 0;

		if (strcmp(s->stop, stop) || strcmp(s->abi, abi ? abi : "") ||
		    (s->has_nr && s->nr != nr))
			continue;
		/* how often this stack is seen there (few stops per kind: quadratic is fine) */
		for (j = 0; j < o->nstops; j++)
			n += o->stops[j].stack == s->stack && !strcmp(o->stops[j].stop, stop) &&
			     !strcmp(o->stops[j].abi, s->abi) && o->stops[j].nr == s->nr;
		if (n > best_n) {
			best_n = n;
			best = s->stack;
		}
	}
	return best;
}

int obs_samples_of(const struct obs *o, int64_t call_seq, int *first)
{
	int lo = 0, hi = o->nsamples, n = 0;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (o->samples[mid].call_seq < call_seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo + n < o->nsamples && o->samples[lo + n].call_seq == call_seq)
		n++;
	return n;
}

void obs_source_name(const char *func, struct strbuf *out)
{
	static const char *const wrappers[] = { "__x64_sys_", "__ia32_sys_", "__do_sys_",
		"__se_sys_", "__x64_compat_sys_", "__ia32_compat_sys_", "__do_compat_sys_",
		"__se_compat_sys_", NULL };
	const char *const *w;
	const char *dot = strchr(func, '.');
	size_t len = dot ? (size_t)(dot - func) : strlen(func);

	for (w = wrappers; *w; w++) {
		size_t n = strlen(*w);

		if (len > n && !strncmp(func, *w, n)) {
			strbuf_addstr(out, strstr(*w, "compat") ? "compat_sys_" : "sys_");
			strbuf_add(out, func + n, len - n);
			return;
		}
	}
	strbuf_add(out, func, len);
}

int obs_lookup(struct obs *o, struct ix *ix, const char *func, const struct ix_symbol **sym)
{
	static const char *const kinds[] = { "function", "syscall_definition", "asm_label", NULL };
	struct strbuf name = STRBUF_INIT;
	struct obs_name *n;
	int i, rc = 0;

	for (i = 0; i < o->nnames; i++)
		if (o->names[i].ix == ix && !strcmp(o->names[i].func, func)) {
			*sym = &o->names[i].sym;
			return o->names[i].found;
		}
	if (o->nnames == o->anames) {
		o->anames = o->anames ? o->anames * 2 : 64;
		o->names = xrealloc(o->names, (size_t)o->anames * sizeof(*o->names));
	}
	n = &o->names[o->nnames];
	memset(n, 0, sizeof(*n));
	obs_source_name(func, &name);
	for (i = 0; kinds[i] && ix->kernel.id; i++) {
		rc = ix_symbol_first(ix, ix->kernel.id, kinds[i], name.buf, &n->sym);
		if (rc < 0)
			break;
		if (rc > 0 && n->sym.file)
			break;
		ix_symbol_release(&n->sym);
		memset(&n->sym, 0, sizeof(n->sym));
		rc = 0;
	}
	strbuf_release(&name);
	if (rc < 0)
		return -1;
	n->ix = ix;
	n->func = xstrdup(func);
	n->found = rc > 0;
	o->nnames++;
	*sym = &n->sym;
	return n->found;
}

/*
 * Is the index's kernel the very tree that ran: the same upstream tag, or
 * the distribution version /proc/version names (" Debian 6.12.118-1~deb12u1 ")?
 */
static int index_is_running(const struct obs *o, const struct ix *ix)
{
	const char *v = ix->kernel.version, *p;
	size_t n;

	if (!v || !*v)
		return 0;
	if (o->running[0] && !strcmp(v, o->running))
		return 1;
	n = strlen(v);
	for (p = o->proc_version; p && (p = strstr(p, v)); p += n)
		if (p > o->proc_version && p[-1] == ' ' && (p[n] == ' ' || p[n] == '\0' ||
							     p[n] == '\n'))
			return 1;
	return 0;
}

int obs_frame_urls(struct obs *o, struct ix *ix, const struct links *l, const char *func,
		   struct strbuf *primary, struct strbuf *indexed)
{
	const struct ix_symbol *sym;
	struct strbuf name = STRBUF_INIT;
	int found = obs_lookup(o, ix, func, &sym);

	if (found < 0)
		return -1;
	if (found)
		ix_url(l, &ix->kernel, sym->file, sym->line, indexed);
	if (found && index_is_running(o, ix)) {
		strbuf_add(primary, indexed->buf, indexed->len);
	} else if (o->running[0]) {
		obs_source_name(func, &name);
		links_ident(l, o->running, name.buf, primary);
	}
	strbuf_release(&name);
	return 0;
}

int obs_index_url(struct obs *o, struct ix *ix, const struct links *l, const char *func,
		  struct strbuf *out)
{
	const struct ix_symbol *sym;
	int found = obs_lookup(o, ix, func, &sym);

	if (found > 0)
		ix_url(l, &ix->kernel, sym->file, sym->line, out);
	return found < 0 ? -1 : 0;
}

/* Is frame (resolved to fsym) the path step s? */
static int same_step(const struct ix_symbol *step, const char *frame_name,
		     const struct ix_symbol *fsym, int found)
{
	if (step->name && !strcmp(step->name, frame_name))
		return 1;
	/* an assembly label inside the step: entry_SYSCALL_64_after_hwframe */
	return found && fsym->kind && !strcmp(fsym->kind, "asm_label") && step->file &&
	       fsym->file && !strcmp(step->file, fsym->file) && fsym->line >= step->line &&
	       step->end_line && fsym->line <= step->end_line;
}

int obs_align(struct obs *o, struct ix *ix, const struct ix_path *p, const struct obs_stack *st,
	      struct obs_row **rows)
{
	int n = (int)p->nr_steps, m = st->depth, i, j, k = 0;
	int *len = xcalloc((size_t)(n + 1) * (size_t)(m + 1), sizeof(int));
	char *eq = xcalloc((size_t)(n + 1) * (size_t)(m + 1), 1);
	struct strbuf name = STRBUF_INIT;
	struct obs_row *out = xcalloc((size_t)(n + m) + 1, sizeof(*out));

#define L(a, b) len[(size_t)(a) * (size_t)(m + 1) + (size_t)(b)]
#define E(a, b) eq[(size_t)(a) * (size_t)(m + 1) + (size_t)(b)]
	/* frames outermost first: frame index m - 1 - j */
	for (j = 0; j < m; j++) {
		const struct ix_symbol *fsym;
		const char *func = st->frames[m - 1 - j].func;
		int found = obs_lookup(o, ix, func, &fsym);

		if (found < 0) {
			free(len);
			free(eq);
			free(out);
			return -1;
		}
		strbuf_reset(&name);
		obs_source_name(func, &name);
		for (i = 0; i < n; i++)
			E(i, j) = (char)same_step(&p->steps[i].sym, name.buf, fsym, found);
	}
	for (i = n - 1; i >= 0; i--)
		for (j = m - 1; j >= 0; j--)
			L(i, j) = E(i, j) ? L(i + 1, j + 1) + 1 :
				  L(i + 1, j) > L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
	for (i = 0, j = 0; i < n || j < m;) {
		if (i < n && j < m && E(i, j) && L(i, j) == L(i + 1, j + 1) + 1) {
			out[k++] = (struct obs_row){ OBS_BOTH, i++, m - 1 - j++ };
		} else if (i < n && (j == m || L(i + 1, j) >= L(i, j + 1))) {
			out[k++] = (struct obs_row){ OBS_INDEX_ONLY, i++, -1 };
		} else {
			out[k++] = (struct obs_row){ OBS_OBSERVED_ONLY, -1, m - 1 - j++ };
		}
	}
#undef L
#undef E
	free(len);
	free(eq);
	strbuf_release(&name);
	*rows = out;
	return k;
}
