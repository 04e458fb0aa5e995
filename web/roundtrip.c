/*
 * The round trip of a syscall through tracee, kernel and tracer, as the
 * seed tells it: the tracee traps into the kernel, the entry code reaches
 * the ptrace hook and stops; the tracer wakes in wait4, reads registers and
 * memory with ptrace, decodes and prints; it resumes the tracee, which runs
 * the syscall and stops again on the way out.  Every step comes from the
 * index (named paths, syscall definitions, strace decoders, ptrace case
 * labels); a step the index lacks is drawn as missing, never invented.
 *
 * Calls that share a shape (syscall, mechanisms at both stops, completion)
 * share one round trip: data/rt-N.js lists its phases by number.  A phase
 * (a lane, a title, the edge into it, its rows of linked steps) is written
 * once for the whole site, in data/rt-steps.js, as most of them (the entry
 * path, wait4, the resume) are the same in every round trip; the page's
 * script draws the swimlane from them.  --graphviz also writes graphviz's
 * drawing of each (graphs/rt-N.dot and .svg).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"
#include "html.h"
#include "report.h"
#include "stopkind.h"

/*
 * What each mechanism (event.mechanism) does, and strace's code for it.
 * Its kernel path follows docs/schema.md's rule: PTRACE_FOO_BAR is the
 * index's path ptrace-foo-bar, any other name lower case with '_' -> '-'
 * (process_vm_readv -> process-vm-readv).
 */
static const struct {
	const char *mech;
	const char *strace_path;	/* strace's side, or NULL */
	const char *what;
} rt_mechanisms[] = {
	{ "PTRACE_GET_SYSCALL_INFO", "strace-get-args",
	  "ptrace(PTRACE_GET_SYSCALL_INFO) reads the syscall number, arguments and return value" },
	{ "PTRACE_GETREGS", "strace-get-args",
	  "ptrace(PTRACE_GETREGS) copies the tracee's registers" },
	{ "PTRACE_GETREGSET", "strace-get-args",
	  "ptrace(PTRACE_GETREGSET) copies the tracee's registers" },
	{ "PTRACE_PEEKDATA", NULL,
	  "ptrace(PTRACE_PEEKDATA) reads one word of tracee memory" },
	{ "PTRACE_PEEKTEXT", NULL,
	  "ptrace(PTRACE_PEEKTEXT) reads one word of tracee memory" },
	{ "PTRACE_PEEKUSER", NULL,
	  "ptrace(PTRACE_PEEKUSER) reads one word of the tracee's user area" },
	{ "PTRACE_GETSIGINFO", NULL,
	  "ptrace(PTRACE_GETSIGINFO) reads the signal's siginfo" },
	{ "PTRACE_GETEVENTMSG", NULL,
	  "ptrace(PTRACE_GETEVENTMSG) reads the new pid of a fork or the old one of an exec" },
	{ "process_vm_readv", NULL,
	  "process_vm_readv() copies strings and structures out of the tracee" },
};

/*
 * The memory mechanisms: drawn after the decoder that asks for the memory
 * (rt_memory_phases), with strace's own function for each: vm_read_mem
 * calls process_vm_readv; the PEEKDATA fallback is umovestr_peekdata for
 * strings, umoven_peekdata for the rest (ucopy.c).
 */
static const struct {
	const char *mech;
	const char *string_fn, *string_path;	/* strace's, for umovestr */
	const char *block_fn, *block_path;	/* strace's, for umoven */
} rt_mem_mechanisms[] = {
	{ "process_vm_readv", "vm_read_mem", NULL, "vm_read_mem", NULL },
	{ "PTRACE_PEEKDATA", "umovestr_peekdata", "strace-read-string",
	  "umoven_peekdata", "strace-read-memory" },
	{ "PTRACE_PEEKTEXT", "umovestr_peekdata", "strace-read-string",
	  "umoven_peekdata", "strace-read-memory" },
};

static int rt_is_memory(const char *m)
{
	size_t i;

	for (i = 0; i < sizeof(rt_mem_mechanisms) / sizeof(rt_mem_mechanisms[0]); i++)
		if (!strcmp(rt_mem_mechanisms[i].mech, m))
			return (int)i + 1;
	return 0;
}

/* wait4 (every stop's) is drawn as the stop's wait phase. */
static int rt_is_wait(const char *m)
{
	return !strcmp(m, "wait4") || !strcmp(m, "waitpid");
}

/* The requests that resume the tracee end a stop. */
static int rt_is_resume(const char *m)
{
	return !strcmp(m, "PTRACE_SYSCALL") || !strcmp(m, "PTRACE_CONT") ||
	       !strcmp(m, "PTRACE_LISTEN") || !strcmp(m, "PTRACE_DETACH");
}

/* The index's path name for a mechanism (docs/schema.md). */
static void rt_mechanism_path(const char *mech, struct strbuf *out)
{
	const char *p;

	for (p = mech; *p; p++)
		strbuf_addch(out, *p == '_' ? '-' : (*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p);
}

/* ---- registry ------------------------------------------------------------ */

#define RT_SHAPE_FLAGS (TRACEDB_UNFINISHED | TRACEDB_NO_ENTER | TRACEDB_NO_RETURN)

static unsigned long rt_hash_str(unsigned long h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619ul;
	return (h ^ 0xff) * 16777619ul;
}

static unsigned long rt_hash(int sc, const char *mech_enter, const char *mech_exit,
			     unsigned flags)
{
	unsigned long h = 2166136261ul ^ (unsigned long)sc ^ ((unsigned long)flags << 20);

	return rt_hash_str(rt_hash_str(h * 16777619ul, mech_enter), mech_exit);
}

static void rt_rehash(struct report *r)
{
	int size = r->rt_hash_size ? 2 * r->rt_hash_size : 256, i;

	free(r->rt_hash);
	r->rt_hash = xcalloc(size, sizeof(*r->rt_hash));
	r->rt_hash_size = size;
	for (i = 0; i < r->nrts; i++) {
		const struct report_rt *rt = &r->rts[i];
		unsigned long h = rt_hash(rt->sc, rt->mech_enter, rt->mech_exit, rt->flags) &
				  (size - 1);

		while (r->rt_hash[h])
			h = (h + 1) & (size - 1);
		r->rt_hash[h] = i + 1;
	}
}

/* Called once per call: no allocation unless the shape is new. */
int report_rt_get(struct report *r, const struct tracedb_call *c, int sc)
{
	unsigned flags = c->flags & RT_SHAPE_FLAGS;
	struct report_rt *rt;
	unsigned long h;

	if (2 * (r->nrts + 1) > r->rt_hash_size)
		rt_rehash(r);
	h = rt_hash(sc, c->mech_enter, c->mech_exit, flags) & (r->rt_hash_size - 1);
	while (r->rt_hash[h]) {
		rt = &r->rts[r->rt_hash[h] - 1];
		if (rt->sc == sc && rt->flags == flags && !strcmp(rt->mech_enter, c->mech_enter) &&
		    !strcmp(rt->mech_exit, c->mech_exit)) {
			rt->calls++;
			return r->rt_hash[h] - 1;
		}
		h = (h + 1) & (r->rt_hash_size - 1);
	}
	if (r->nrts == r->rts_alloc) {
		r->rts_alloc = r->rts_alloc ? 2 * r->rts_alloc : 64;
		r->rts = xrealloc(r->rts, r->rts_alloc * sizeof(*r->rts));
	}
	rt = &r->rts[r->nrts];
	memset(rt, 0, sizeof(*rt));
	rt->sc = sc;
	rt->mech_enter = xstrdup(c->mech_enter);
	rt->mech_exit = xstrdup(c->mech_exit);
	rt->flags = flags;
	rt->calls = 1;
	r->rt_hash[h] = r->nrts + 1;
	return r->nrts++;
}

/* ---- building ------------------------------------------------------------ */

static const char *const rt_lanes[] = { "tracee", "kernel", "tracer" };

/* A row's flags in the phase data (docs/report-data.md). */
enum {
	RT_MISSING = 1,		/* the index lacks it */
	RT_UNREC = 2,		/* the trace cannot show it (an imported log) */
	RT_PLAIN = 4,		/* shown without a link, and not missing */
	RT_CALL = 8,		/* the note is the call site of the next step */
};

struct rt_build {
	struct report *r;
	struct graph *g;
	struct strbuf *steps;		/* its phases' numbers, comma-separated;
					   NULL: a graph only */
	struct strbuf *observed;	/* the stacks as they ran, JSON items; NULL: none */
	struct strbuf obs_at;		/* the phase each observed item is beside */
	int nphases;			/* phases placed */
	int nodes;
	int lanes;			/* 0: a plain chain; 3: swimlane columns */
	int row;
	char prev[24];			/* previous node id */
	char last[3][24];		/* last node id in each lane column */
	char row_ids[3][24];		/* the nodes of the row placed last */
	char last_obs[24];		/* last node of the observed column, "" none */
	const char *edge_label;		/* label of the edge into the next node */
	const char *desc;		/* longer title for the step list, or NULL */
	const struct ix_syscall *asc;	/* the syscall's index row (its decoder), or NULL */
	int imported;			/* from a strace log: the tracer's own requests
					   (wait4, PTRACE_*) were not recorded */
};

static int rt_lane_index(const char *lane)
{
	int i;

	for (i = 0; i < 3; i++)
		if (!strcmp(rt_lanes[i], lane))
			return i;
	return 1;
}

/*
 * Place node id (already added) in its lane: a swimlane row holds it and
 * invisible placeholders in the other lanes, each lane a column kept
 * straight by its group; then the visible step edge from the previous node.
 */
static int rt_place(struct rt_build *b, const char *lane, const char *id)
{
	char ids[3][24];
	const char *row[3];
	int l, li = rt_lane_index(lane);

	if (b->lanes) {
		for (l = 0; l < 3; l++) {
			if (l == li) {
				snprintf(ids[l], sizeof(ids[l]), "%s", id);
			} else {
				struct graph_attrs pa = { .shape = "point", .style = "invis",
							  .group = rt_lanes[l] };

				snprintf(ids[l], sizeof(ids[l]), "r%dl%d", b->row, l);
				if (web_graph_node_add(b->g, NULL, ids[l], &pa) < 0 ||
				    web_graph_node_set(b->g, ids[l], "width", "0") < 0 ||
				    web_graph_node_set(b->g, ids[l], "height", "0") < 0)
					return -1;
			}
			row[l] = ids[l];
		}
		if (web_graph_node_set(b->g, id, "group", lane) < 0 ||
		    web_graph_rank_same(b->g, row, 3) < 0)
			return -1;
		for (l = 0; l < 3; l++) {
			if (b->last[l][0]) {
				struct graph_attrs ia = { .style = "invis", .weight = 8 };

				if (web_graph_edge_add(b->g, b->last[l], ids[l], &ia) < 0)
					return -1;
			}
			memcpy(b->last[l], ids[l], sizeof(b->last[l]));
			memcpy(b->row_ids[l], ids[l], sizeof(b->row_ids[l]));
		}
		b->row++;
	}
	if (b->prev[0]) {
		struct graph_attrs ea = { .label = b->edge_label, .weight = 2 };

		if (web_graph_edge_add(b->g, b->prev, id, &ea) < 0)
			return -1;
	}
	b->edge_label = NULL;
	snprintf(b->prev, sizeof(b->prev), "%s", id);
	return 0;
}

/* The header row of the swimlane. */
static int rt_lane_heads(struct rt_build *b)
{
	static const char *const heads[] = {
		"TRACEE\nthe traced program", "KERNEL", "TRACER\nstrace's code (sysatlas does the same)",
		"RUNNING KERNEL\nas it ran (observed)",
	};
	const char *row[4];
	char ids[4][8];
	int l, nheads = b->observed && b->r->obs.nstops ? 4 : 3;

	b->lanes = 3;
	for (l = 0; l < nheads; l++) {
		struct graph_attrs a = { .shape = "plaintext", .style = "solid",
					 .group = l < 3 ? rt_lanes[l] : "observed",
					 .klass = "lane-head" };
		struct strbuf lbl = STRBUF_INIT;
		const char *p;

		for (p = heads[l]; *p; p++) {
			if (p[0] == '\\' && p[1] == 'n') {
				strbuf_addch(&lbl, '\n');
				p++;
			} else {
				strbuf_addch(&lbl, *p);
			}
		}
		a.label = lbl.buf;
		snprintf(ids[l], sizeof(ids[l]), "h%d", l);
		if (web_graph_node_add(b->g, NULL, ids[l], &a) < 0) {
			strbuf_release(&lbl);
			return -1;
		}
		strbuf_release(&lbl);
		web_graph_node_set(b->g, ids[l], "fontsize", "12");
		web_graph_node_set(b->g, ids[l], "fontcolor", "#59636e");
		row[l] = ids[l];
		if (l < 3)
			snprintf(b->last[l], sizeof(b->last[l]), "%s", ids[l]);
		else
			snprintf(b->last_obs, sizeof(b->last_obs), "%s", ids[l]);
	}
	return web_graph_rank_same(b->g, row, nheads);
}

static int rt_intern(struct report_table *t, const struct strbuf *j);

/* The running kernel's stack at stop, beside the node just placed. */
static int rt_observed(struct rt_build *b, const struct report_sc *sc, const char *stop,
		       const char *path_name, const char *id)
{
	const char *row[3] = { b->row_ids[0], b->row_ids[1], b->row_ids[2] };
	struct strbuf item = STRBUF_INIT;
	int rc;

	if (!b->observed)
		return 0;
	strbuf_addf(&b->obs_at, "%s%d", b->obs_at.len ? "," : "", b->nphases - 1);
	rc = report_observed_beside(b->r, b->g, row, 3, b->last_obs[0] ? b->last_obs : NULL,
				    id, stop, path_name, sc, &item);
	if (rc >= 0)
		strbuf_addf(b->observed, "%s%d", b->observed->len ? "," : "",
			    rt_intern(&b->r->stacks, &item));
	strbuf_release(&item);
	if (rc > 0 && b->last_obs[0])
		snprintf(b->last_obs, sizeof(b->last_obs), "%s", id);
	return rc < 0 ? -1 : 0;
}

struct rt_row {
	struct strbuf text, url, note, note_url, where, excerpt;
	int missing;
	int unrecorded;			/* missing because the trace cannot show it
					   (an imported log), not because of the index */
	int external;			/* not in the indexed tree, and not missing */
	int call;			/* note is the call site of the next step */
};

static void rt_row_init(struct rt_row *w)
{
	memset(w, 0, sizeof(*w));
	strbuf_init(&w->text, 0);
	strbuf_init(&w->url, 0);
	strbuf_init(&w->note, 0);
	strbuf_init(&w->note_url, 0);
	strbuf_init(&w->where, 0);
	strbuf_init(&w->excerpt, 0);
}

static void rt_row_release(struct rt_row *w)
{
	strbuf_release(&w->text);
	strbuf_release(&w->url);
	strbuf_release(&w->note);
	strbuf_release(&w->note_url);
	strbuf_release(&w->where);
	strbuf_release(&w->excerpt);
}

/* A row for sym of tree (its definition line), with its call site when call_line. */
static void rt_row_loc(struct rt_build *b, struct rt_row *w, const char *text,
		       const struct ix_tree *tree, const struct ix_symbol *sym, int64_t call_line)
{
	const struct links *links = &b->r->links;

	rt_row_init(w);
	strbuf_addstr(&w->text, text ? text : sym->name ? sym->name : "?");
	if (!sym->file && !strcmp(sym->kind ? sym->kind : "", "function")) {
		/* called, not defined in the indexed code (libc's wait4):
		 * the caller's call site is the link */
		strbuf_addstr(&w->text, "() — outside the indexed tree");
		w->external = 1;
		return;
	}
	if (ix_url(links, tree, sym->file, sym->line, &w->url) < 0)
		w->missing = 1;
	ix_symbol_where(sym, 0, &w->where);
	if (call_line > 0) {
		const char *base = sym->file ? strrchr(sym->file, '/') : NULL;

		strbuf_addf(&w->note, "%s:%lld", base ? base + 1 : sym->file ? sym->file : "?",
			    (long long)call_line);
		ix_url(links, tree, sym->file, call_line, &w->note_url);
		w->call = 1;
	} else if (sym->file) {
		const char *base = strrchr(sym->file, '/');

		strbuf_addf(&w->note, "%s:%lld", base ? base + 1 : sym->file, (long long)sym->line);
		strbuf_add(&w->note_url, w->url.buf, w->url.len);
	}
	ix_excerpt(&b->r->ix, tree, sym->file, call_line > 0 ? call_line : sym->line, 1, 1,
		   &w->excerpt);
}

/* A row for a step the index does not have. */
static void rt_row_missing(struct rt_row *w, const char *text)
{
	rt_row_init(w);
	strbuf_addstr(&w->text, text);
	w->missing = 1;
}

/* The number of JSON text j in table t, added when new. */
static int rt_intern(struct report_table *t, const struct strbuf *j)
{
	unsigned long h = rt_hash_str(5381, j->buf);
	int i, slot;

	if (t->n * 2 >= t->hash_size) {
		int size = t->hash_size ? t->hash_size * 2 : 256;

		free(t->hash);
		t->hash = xcalloc(size, sizeof(*t->hash));
		t->hash_size = size;
		for (i = 0; i < t->n; i++) {
			slot = (int)(rt_hash_str(5381, t->v[i]) % (unsigned long)size);
			while (t->hash[slot])
				slot = (slot + 1) % size;
			t->hash[slot] = i + 1;
		}
	}
	slot = (int)(h % (unsigned long)t->hash_size);
	while (t->hash[slot]) {
		if (!strcmp(t->v[t->hash[slot] - 1], j->buf))
			return t->hash[slot] - 1;
		slot = (slot + 1) % t->hash_size;
	}
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->v = xrealloc(t->v, t->alloc * sizeof(*t->v));
	}
	t->v[t->n] = xstrdup(j->buf);
	t->hash[slot] = t->n + 1;
	return t->n++;
}

void report_table_release(struct report_table *t)
{
	int i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->hash);
	memset(t, 0, sizeof(*t));
}

/*
 * The phase as data (docs/report-data.md): [lane, title, longer title or "",
 * the label of the edge into it or "", rows], a row being [text, where, url,
 * note, note url, excerpt, flags]; its number goes on the round trip's list.
 */
static void rt_phase_json(struct rt_build *b, const char *lane, const char *title,
			  const struct rt_row *rows, int n)
{
	struct strbuf ph = STRBUF_INIT;
	int i;

	b->nphases++;
	if (!b->steps)
		return;
	strbuf_addf(&ph, "[\"%s\",", lane);
	escape_js_string_str(&ph, title);
	strbuf_addch(&ph, ',');
	escape_js_string_str(&ph, b->desc ? b->desc : "");
	strbuf_addch(&ph, ',');
	escape_js_string_str(&ph, b->edge_label ? b->edge_label : "");
	strbuf_addstr(&ph, ",[");
	for (i = 0; i < n; i++) {
		const struct rt_row *w = &rows[i];
		int flags = (w->missing ? RT_MISSING : 0) | (w->unrecorded ? RT_UNREC : 0) |
			    (w->external || w->unrecorded ? RT_PLAIN : 0) | (w->call ? RT_CALL : 0);

		strbuf_addstr(&ph, i ? ",[" : "[");
		escape_js_string(&ph, w->text.buf, w->text.len);
		strbuf_addch(&ph, ',');
		escape_js_string(&ph, w->where.buf, w->where.len);
		strbuf_addch(&ph, ',');
		if (w->missing)
			strbuf_addstr(&ph, "\"\"");
		else
			escape_js_string(&ph, w->url.buf, w->url.len);
		strbuf_addch(&ph, ',');
		escape_js_string(&ph, w->note.buf, w->note.len);
		strbuf_addch(&ph, ',');
		/* a note that is not a call site links the row's own line */
		if (w->call)
			escape_js_string(&ph, w->note_url.buf, w->note_url.len);
		else
			strbuf_addstr(&ph, "\"\"");
		strbuf_addch(&ph, ',');
		escape_js_string(&ph, w->excerpt.buf, w->excerpt.len);
		strbuf_addf(&ph, ",%d]", flags);
	}
	strbuf_addstr(&ph, "]]");
	strbuf_addf(b->steps, "%s%d", b->steps->len ? "," : "", rt_intern(&b->r->phases, &ph));
	strbuf_release(&ph);
}

/* Add one phase: a table node in lane, its rows, and its data. */
static int rt_phase(struct rt_build *b, const char *lane, const char *title,
		    struct rt_row *rows, int n)
{
	struct graph_row *gr = xcalloc(n ? n : 1, sizeof(*gr));
	char id[24];
	int i, rc;

	snprintf(id, sizeof(id), "s%d", b->nodes++);
	for (i = 0; i < n; i++) {
		gr[i].text = rows[i].text.buf;
		gr[i].href = rows[i].missing || !rows[i].url.len ? NULL : rows[i].url.buf;
		gr[i].tooltip = rows[i].where.len ? rows[i].where.buf : NULL;
		gr[i].note = rows[i].note.len ? rows[i].note.buf : NULL;
		gr[i].note_href = rows[i].note_url.len ? rows[i].note_url.buf : NULL;
		gr[i].plain = rows[i].external || rows[i].unrecorded;
	}
	rt_phase_json(b, lane, title, rows, n);
	b->desc = NULL;
	rc = web_graph_table_node_add(b->g, NULL, id, title, gr, n,
				  !strcmp(lane, "kernel") ? "#eef3fb" :
				  !strcmp(lane, "tracer") ? "#fdf8ec" : "#eaf6ea");
	free(gr);
	if (rc < 0)
		return -1;
	return rt_place(b, lane, id);
}

/* A phase made of one named path; extra rows (a definition) may follow. */
static int rt_phase_path(struct rt_build *b, const char *lane, const char *title,
			 const char *path_name, struct rt_row *extra, int nextra)
{
	const struct ix_tree *tree = ix_path_tree(&b->r->ix, path_name);
	const struct ix_path *p;
	struct rt_row *rows;
	struct strbuf miss = STRBUF_INIT;
	int n, i, rc;

	if (ix_path_get(&b->r->ix, path_name, &p) < 0)
		return -1;
	n = (p->nr_steps ? (int)p->nr_steps : 1) + nextra;
	rows = xcalloc(n, sizeof(*rows));
	if (p->nr_steps) {
		for (i = 0; i < (int)p->nr_steps; i++)
			rt_row_loc(b, &rows[i], NULL, tree, &p->steps[i].sym, p->steps[i].call_line);
	} else {
		strbuf_addf(&miss, "path %s: not in the index", path_name);
		rt_row_missing(&rows[0], miss.buf);
	}
	for (i = 0; i < nextra; i++)
		rows[n - nextra + i] = extra[i];
	rc = rt_phase(b, lane, title, rows, n);
	for (i = 0; i < n - nextra; i++)	/* extra rows stay the caller's */
		rt_row_release(&rows[i]);
	free(rows);
	strbuf_release(&miss);
	return rc;
}

/* The tracee's own step (user space: no source link to give). */
static int rt_tracee(struct rt_build *b, const char *id, const char *label)
{
	struct graph_attrs a = { .label = label, .shape = "box", .color = "#eaf6ea" };
	struct rt_row w;

	rt_row_init(&w);
	strbuf_addstr(&w.text, label);
	rt_phase_json(b, "tracee", "the program, in user space", &w, 1);
	rt_row_release(&w);
	if (web_graph_node_add(b->g, NULL, id, &a) < 0 || rt_place(b, "tracee", id) < 0)
		return -1;
	return 0;
}

/* The decoder row of a syscall (strace's SYS_FUNC). */
static void rt_decoder_row(struct rt_build *b, const struct ix_syscall *asc,
			   const char *name, struct rt_row *w)
{
	struct strbuf t = STRBUF_INIT;

	if (asc && asc->decoder.id) {
		/* strace_decoder symbols are named as in SYS_FUNC(name) */
		if (strncmp(asc->decoder.name, "SYS_FUNC", 8))
			strbuf_addf(&t, "SYS_FUNC(%s)", asc->decoder.name);
		else
			strbuf_addstr(&t, asc->decoder.name);
		rt_row_loc(b, w, t.buf, &b->r->ix.strace, &asc->decoder, 0);
	} else {
		strbuf_addf(&t, "strace decoder of %s", name);
		rt_row_missing(w, t.buf);
	}
	strbuf_release(&t);
}

static void rt_definition_row(struct rt_build *b, const struct report_sc *sc,
			      struct rt_row *w)
{
	const struct ix_syscall *asc = sc->isc;
	struct strbuf t = STRBUF_INIT;

	if (asc && asc->definition.id) {
		strbuf_addf(&t, "definition of %s", sc->name);
		rt_row_loc(b, w, t.buf, &b->r->ix.kernel, &asc->definition, 0);
	} else {
		strbuf_addf(&t, "kernel definition of %s", sc->name);
		if (sc->added_after) {
			strbuf_addstr(&t, ": ");
			report_sc_missing_label(b->r, sc, 0, &t);
		}
		rt_row_missing(w, t.buf);
	}
	strbuf_release(&t);
}

/*
 * The kernel side of mechanism m when the index has no path for it: the
 * request's case label, or the native syscall of that name (readlink).
 */
static int rt_mechanism_fallback(struct rt_build *b, const char *m, const char *title,
				 const char *kpath)
{
	struct ix *ix = &b->r->ix;
	struct ix_syscall_list rows = { 0 };
	struct ix_symbol cl = { 0 };
	struct strbuf miss = STRBUF_INIT;
	struct rt_row w;
	int found = 0, rc = -1;

	if (strncmp(m, "PTRACE_", 7) && ix_syscall_find(ix, m, &rows) < 0)
		goto cleanup;
	if (rows.nr && rows.items[0].definition.id &&
	    (!strcmp(rows.items[0].abi, "common") || !strcmp(rows.items[0].abi, "64"))) {
		rt_row_loc(b, &w, NULL, &ix->kernel, &rows.items[0].definition, 0);
	} else if ((found = ix_symbol_first(ix, ix->kernel.id, "case_label", m, &cl)) > 0) {
		rt_row_loc(b, &w, NULL, &ix->kernel, &cl, 0);
	} else if (found == 0) {
		strbuf_addf(&miss, "%s (path %s not in the index)", m, kpath);
		rt_row_missing(&w, miss.buf);
	} else {
		goto cleanup;
	}
	rc = rt_phase(b, "kernel", title, &w, 1);
	rt_row_release(&w);
cleanup:
	ix_syscall_list_release(&rows);
	ix_symbol_release(&cl);
	strbuf_release(&miss);
	return rc;
}

/* The phases of the mechanisms (comma-separated) the tracer used at a stop. */
static int rt_mechanisms_phase(struct rt_build *b, const char *mechs, const char *stop)
{
	char *list = xstrdup(mechs), *save = NULL, *m;
	int rc = 0;

	for (m = strtok_r(list, ",", &save); m && rc == 0; m = strtok_r(NULL, ",", &save)) {
		const char *spath = NULL, *what = NULL;
		const struct ix_path *kp;
		struct strbuf title = STRBUF_INIT, kpath = STRBUF_INIT;
		size_t i;

		while (*m == ' ')
			m++;
		if (!*m || rt_is_wait(m) || rt_is_resume(m) || rt_is_memory(m))
			continue;	/* drawn as the stop's wait, memory and resume phases */
		for (i = 0; i < sizeof(rt_mechanisms) / sizeof(rt_mechanisms[0]); i++)
			if (!strcmp(rt_mechanisms[i].mech, m)) {
				spath = rt_mechanisms[i].strace_path;
				what = rt_mechanisms[i].what;
			}
		rt_mechanism_path(m, &kpath);
		if (!strncmp(m, "PTRACE_", 7))
			strbuf_addf(&title, "ptrace(%s)", m);
		else
			strbuf_addf(&title, "%s()", m);
		b->edge_label = strncmp(m, "PTRACE_", 7) ? m : "ptrace()";
		if (spath) {
			rc = rt_phase_path(b, "tracer", !strcmp(spath, "strace-get-args") ?
					   "strace fetches the syscall's registers" :
					   "strace reads tracee memory", spath, NULL, 0);
			b->edge_label = m;
		}
		b->desc = what;
		if (rc == 0 && (rc = ix_path_get(&b->r->ix, kpath.buf, &kp)) == 0 && kp->nr_steps) {
			rc = rt_phase_path(b, "kernel", title.buf, kpath.buf, NULL, 0);
		} else if (rc == 0) {
			rc = rt_mechanism_fallback(b, m, title.buf, kpath.buf);
		}
		b->desc = NULL;
		strbuf_release(&title);
		strbuf_release(&kpath);
	}
	free(list);
	return rc;
}

/* The resume request named in mechs (PTRACE_SYSCALL when none is). */
static void rt_resume_of(const char *mechs, struct strbuf *out)
{
	char *list = xstrdup(mechs), *save = NULL, *m;

	for (m = strtok_r(list, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
		while (*m == ' ')
			m++;
		if (rt_is_resume(m)) {
			strbuf_reset(out);
			strbuf_addstr(out, m);
		}
	}
	if (!out->len)
		strbuf_addstr(out, "PTRACE_SYSCALL");
	free(list);
}

/* Append the rows of path name (or one row saying it is missing) to rows. */
static void rt_path_rows(struct rt_build *b, const char *name, struct rt_row **rows, int *n)
{
	const struct ix_tree *tree = ix_path_tree(&b->r->ix, name);
	const struct ix_path *p;
	struct strbuf miss = STRBUF_INIT;
	size_t i;

	if (ix_path_get(&b->r->ix, name, &p) < 0 || !p->nr_steps) {
		*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
		strbuf_addf(&miss, "path %s: not in the index", name);
		rt_row_missing(&(*rows)[(*n)++], miss.buf);
		strbuf_release(&miss);
		return;
	}
	*rows = xrealloc(*rows, (*n + p->nr_steps) * sizeof(**rows));
	for (i = 0; i < p->nr_steps; i++)
		rt_row_loc(b, &(*rows)[(*n)++], NULL, tree, &p->steps[i].sym,
			   p->steps[i].call_line);
}

/* Append a row for strace's function name (its definition), or say it is missing. */
static int rt_strace_fn_row(struct rt_build *b, const char *name, const char *text,
			    struct rt_row **rows, int *n)
{
	struct ix *ix = &b->r->ix;
	struct ix_symbol sym = { 0 };
	struct strbuf miss = STRBUF_INIT;
	int found = ix->strace.id ? ix_symbol_first(ix, ix->strace.id, "function", name, &sym) : 0;

	if (found < 0)
		return -1;
	*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
	if (found > 0) {
		rt_row_loc(b, &(*rows)[(*n)++], text, &ix->strace, &sym, 0);
	} else {
		strbuf_addf(&miss, "%s (strace's function: not in the index)", name);
		rt_row_missing(&(*rows)[(*n)++], miss.buf);
	}
	ix_symbol_release(&sym);
	strbuf_release(&miss);
	return 0;
}

static int rt_phase_rows(struct rt_build *b, const char *lane, const char *title,
			 struct rt_row *rows, int n)
{
	int i, rc = rt_phase(b, lane, title, rows, n);

	for (i = 0; i < n; i++)
		rt_row_release(&rows[i]);
	free(rows);
	return rc;
}

/*
 * strace prints the syscall's name: tprintf("%s(", sys_name).  The index's
 * strace-print-name ends at the first read of sys_name it finds on the way
 * from main, the print in syscall_entering_decode used when the arguments
 * cannot be fetched; strace-print-name-trace, when indexed, is the print
 * of a decoded call in syscall_entering_trace.
 */
static int rt_print_name_phase(struct rt_build *b)
{
	const struct ix_path *tp;
	struct rt_row *rows = NULL;
	int n = 0;

	if (ix_path_get(&b->r->ix, "strace-print-name-trace", &tp) < 0)
		return -1;
	b->edge_label = "prints";
	if (tp->nr_steps) {
		const struct ix_path *dp;

		rt_path_rows(b, "strace-print-name-trace", &rows, &n);
		if (ix_path_get(&b->r->ix, "strace-print-name", &dp) < 0)
			return -1;
		if (dp->nr_steps) {
			rows = xrealloc(rows, (n + 1) * sizeof(*rows));
			rt_row_loc(b, &rows[n++], "the same print in syscall_entering_decode, "
				   "when the arguments cannot be fetched",
				   ix_path_tree(&b->r->ix, "strace-print-name"),
				   &dp->steps[dp->nr_steps - 1].sym, 0);
		}
		b->desc = "strace prints the syscall's name: tprintf(\"%s(\", sys_name)";
	} else {
		rt_path_rows(b, "strace-print-name", &rows, &n);
		b->desc = "strace prints the syscall's name: tprintf(\"%s(\", sys_name) — the index "
			  "locates the print in syscall_entering_decode (used when the arguments "
			  "cannot be fetched); a decoded call's is the same tprintf in "
			  "syscall_entering_trace, which this index does not locate";
	}
	return rt_phase_rows(b, "tracer", "strace prints the name", rows, n);
}

/* ---- the arguments strace reads: decoder -> printer -> reader ------------ */

#define RT_CHAIN_DEPTH 5	/* calls followed from a decoder to its printer's reader */

struct rt_node {
	struct ix_symbol sym;
	int parent;		/* index in the search, -1 the start */
	int64_t line;		/* the line in parent that calls this one */
	int depth;
};

static void rt_sym_copy(struct ix_symbol *to, const struct ix_symbol *from)
{
	to->id = from->id;
	to->name = from->name ? xstrdup(from->name) : NULL;
	to->kind = from->kind ? xstrdup(from->kind) : NULL;
	to->file = from->file ? xstrdup(from->file) : NULL;
	to->line = from->line;
	to->end_line = from->end_line;
	to->signature = from->signature ? xstrdup(from->signature) : NULL;
}

/*
 * The shortest chain of the strace tree's call edges from `from` to the
 * symbol with id want_id (or, when 0, the function named want), breadth
 * first: rows for each step but the last (each with the line calling the
 * next) are appended to rows, and the last step's symbol copied to *last.
 * 1 when found, 0 when not (nothing appended), -1 after error().
 */
static int rt_chain(struct rt_build *b, const struct ix_symbol *from, int64_t want_id,
		    const char *want, struct rt_row **rows, int *n, struct ix_symbol *last)
{
	struct rt_node *q = xcalloc(1, sizeof(*q));
	int nq = 1, head, hit = -1, rc = 0, i;

	rt_sym_copy(&q[0].sym, from);
	q[0].parent = -1;
	for (head = 0; head < nq && hit < 0 && rc == 0; head++) {
		struct ix_call *calls;
		size_t nc, c;

		if (q[head].depth >= RT_CHAIN_DEPTH)
			continue;
		if (ix_calls_of(&b->r->ix, q[head].sym.id, &calls, &nc) < 0) {
			rc = -1;
			break;
		}
		for (c = 0; c < nc && hit < 0; c++) {
			int seen = 0;

			for (i = 0; i < nq && !seen; i++)
				seen = q[i].sym.id == calls[c].callee.id;
			if (seen)
				continue;
			q = xrealloc(q, (nq + 1) * sizeof(*q));
			rt_sym_copy(&q[nq].sym, &calls[c].callee);
			q[nq].parent = head;
			q[nq].line = calls[c].line;
			q[nq].depth = q[head].depth + 1;
			if (want_id ? calls[c].callee.id == want_id :
			    calls[c].callee.name && !strcmp(calls[c].callee.name, want))
				hit = nq;
			nq++;
		}
		ix_calls_free(calls, nc);
	}
	if (hit >= 0 && rc == 0) {
		int len = 0, k, *at;

		for (k = hit; q[k].parent >= 0; k = q[k].parent)
			len++;
		at = xcalloc(len + 1, sizeof(*at));
		for (k = hit, i = len; i >= 0; k = q[k].parent, i--)
			at[i] = k;
		/* each step but the hit, with the line calling the next */
		*rows = xrealloc(*rows, (*n + len) * sizeof(**rows));
		for (i = 0; i < len; i++)
			rt_row_loc(b, &(*rows)[(*n)++], NULL, &b->r->ix.strace, &q[at[i]].sym,
				   q[at[i + 1]].line);
		free(at);
		rt_sym_copy(last, &q[hit].sym);
		rc = 1;
	}
	for (i = 0; i < nq; i++)
		ix_symbol_release(&q[i].sym);
	free(q);
	return rc;
}

/* The line where sym calls a function named callee (the strace tree), or 0. */
static int64_t rt_call_line(struct rt_build *b, const struct ix_symbol *sym, const char *callee)
{
	struct ix_call *calls;
	size_t nc, c;
	int64_t line = 0;

	if (!sym->id || ix_calls_of(&b->r->ix, sym->id, &calls, &nc) < 0)
		return 0;
	for (c = 0; c < nc && !line; c++)
		if (calls[c].callee.name && !strcmp(calls[c].callee.name, callee))
			line = calls[c].line;
	ix_calls_free(calls, nc);
	return line;
}

/*
 * The rows of one argument read from tracee memory: the decoder (and the
 * helpers it goes through) to the call of the printer, the printer's way
 * to the reader, and the function that read by mechanism k.  1 when the
 * index has the whole chain (rows appended), 0 when not, -1 on error.
 */
static int rt_arg_chain(struct rt_build *b, const struct ix_decoder_arg *d, const char *args,
			const char *reader, int k, struct rt_row **rows, int *n)
{
	const struct ix_symbol *dec = &b->asc->decoder;
	struct ix_symbol end = { 0 }, rd = { 0 }, fn = { 0 };
	struct rt_row *tmp = NULL;
	struct strbuf t = STRBUF_INIT;
	const char *mfn = !strcmp(reader, "umovestr") ? rt_mem_mechanisms[k].string_fn :
			  rt_mem_mechanisms[k].block_fn;
	int nt = 0, rc, i;

	/* the printer's way to the reader first: no rows unless it has one */
	if (!d->printer.file)
		return 0;
	if (!strcmp(d->printer.name, reader)) {
		rt_sym_copy(&rd, &d->printer);
		rc = 1;
	} else {
		rc = rt_chain(b, &d->printer, 0, reader, &tmp, &nt, &rd);
	}
	if (rc <= 0)
		goto cleanup;
	rc = ix_symbol_first(&b->r->ix, b->r->ix.strace.id, "function", mfn, &fn);
	if (rc <= 0)
		goto cleanup;
	/* the decoder, the helpers down to the one calling the printer */
	strbuf_addf(&t, "SYS_FUNC(%s): %s", dec->name, args);
	if (d->via.id) {
		int first = *n;

		rc = rt_chain(b, dec, d->via.id, NULL, rows, n, &end);
		if (rc < 0)
			goto cleanup;
		if (rc == 0) {		/* the index lost the helper's call: say so */
			*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
			rt_row_loc(b, &(*rows)[(*n)++], NULL, &b->r->ix.strace, dec, 0);
		}
		strbuf_reset(&(*rows)[first].text);
		strbuf_add(&(*rows)[first].text, t.buf, t.len);
		*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
		rt_row_loc(b, &(*rows)[(*n)++], NULL, &b->r->ix.strace, &d->via, d->line);
	} else {
		*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
		rt_row_loc(b, &(*rows)[(*n)++], t.buf, &b->r->ix.strace, dec, d->line);
	}
	/* the printer and its way to the reader, the reader, the mechanism's function */
	*rows = xrealloc(*rows, (*n + nt + 2) * sizeof(**rows));
	for (i = 0; i < nt; i++)
		(*rows)[(*n)++] = tmp[i];
	nt = 0;
	strbuf_reset(&t);
	strbuf_addf(&t, "%s (%s)", reader, !strcmp(reader, "umovestr") ?
		    "reads a NUL-terminated string" : "reads a buffer or a structure");
	rt_row_loc(b, &(*rows)[(*n)++], t.buf, &b->r->ix.strace, &rd, rt_call_line(b, &rd, mfn));
	rt_row_loc(b, &(*rows)[(*n)++], NULL, &b->r->ix.strace, &fn,
		   rt_call_line(b, &fn, !strcmp(rt_mem_mechanisms[k].mech, "process_vm_readv") ?
				"process_vm_readv" : "ptrace"));
	rc = 1;
cleanup:
	for (i = 0; i < nt; i++)
		rt_row_release(&tmp[i]);
	free(tmp);
	ix_symbol_release(&rd);
	ix_symbol_release(&fn);
	ix_symbol_release(&end);
	strbuf_release(&t);
	return rc;
}

/*
 * The rows of every argument the decoder reads from tracee memory by
 * mechanism k (rt_mem_mechanisms), as the index resolves them: the
 * arguments a printer takes at one call are one chain ("u_arg[1], u_arg[2]").
 * Returns how many chains were added, or -1 on error.
 */
static int rt_arg_rows(struct rt_build *b, int k, struct rt_row **rows, int *n)
{
	static const char *const readers[] = { "umovestr", "umoven" };
	struct ix_decoder_arg *d = NULL;
	size_t nd = 0, i, j;
	int chains = 0, rc = 0;
	unsigned r;

	if (!b->asc || !b->asc->decoder.id)
		return 0;
	if (ix_decoder_args_of(&b->r->ix, b->asc->decoder.id, &d, &nd) < 0)
		return -1;
	for (i = 0; i < nd && rc >= 0; i++) {
		struct strbuf args = STRBUF_INIT, more_args = STRBUF_INIT;
		int dup = 0, more = 0;

		/* one printer call taking several arguments: one chain */
		for (j = 0; j < i && !dup; j++)
			dup = d[j].line == d[i].line && d[j].printer.id == d[i].printer.id &&
			      !strcmp(d[j].file, d[i].file);
		if (dup)
			continue;
		for (j = i + 1; j < nd; j++)
			if (d[j].line == d[i].line && d[j].printer.id == d[i].printer.id &&
			    !strcmp(d[j].file, d[i].file))
				strbuf_addf(&more_args, ", u_arg[%lld]", (long long)d[j].arg), more++;
		strbuf_addf(&args, "u_arg[%lld]%s", (long long)d[i].arg, more_args.buf);
		strbuf_release(&more_args);
		strbuf_addf(&args, " \u2192 %s()", d[i].printer.name);
		for (r = 0; r < sizeof(readers) / sizeof(readers[0]) && rc >= 0; r++) {
			rc = rt_arg_chain(b, &d[i], args.buf, readers[r], k, rows, n);
			chains += rc > 0;
		}
		strbuf_release(&args);
	}
	ix_decoder_args_free(d, nd);
	return rc < 0 ? -1 : chains;
}

/*
 * When the index does not say which argument the decoder read: say so,
 * then strace's readers and the function of mechanism k.  0 or -1.
 */
static int rt_mem_unresolved_rows(struct rt_build *b, int k, struct rt_row **rows, int *n)
{
	*rows = xrealloc(*rows, (*n + 1) * sizeof(**rows));
	rt_row_missing(&(*rows)[(*n)++], "which argument the decoder read here, and through "
		       "which printing function (umovestr for a path or string, umoven for a "
		       "buffer or structure): not resolved by the index");
	if (rt_mem_mechanisms[k].string_path) {
		rt_path_rows(b, rt_mem_mechanisms[k].string_path, rows, n);
		rt_path_rows(b, rt_mem_mechanisms[k].block_path, rows, n);
		return 0;
	}
	if (rt_strace_fn_row(b, "umovestr", "umovestr (a path or string)", rows, n) < 0 ||
	    rt_strace_fn_row(b, "umoven", "umoven (a buffer or structure)", rows, n) < 0 ||
	    rt_strace_fn_row(b, rt_mem_mechanisms[k].string_fn, NULL, rows, n) < 0)
		return -1;
	return 0;
}

/*
 * The memory the decoder asked for, after the decoder: for each argument
 * the index says it hands to a printer that reaches strace's reader
 * (umovestr for strings, umoven for the rest), the decoder and its
 * helpers down to that call, the printer's way to the reader, and the
 * function that did the reading by the mechanism the tracer recorded at
 * this stop (rt_arg_rows); then the kernel's side of that mechanism.
 */
static int rt_memory_phases(struct rt_build *b, const char *mechs)
{
	char *list = xstrdup(mechs), *save = NULL, *m;
	unsigned done = 0;
	int rc = 0;

	for (m = strtok_r(list, ",", &save); m && rc == 0; m = strtok_r(NULL, ",", &save)) {
		struct strbuf title = STRBUF_INIT, kpath = STRBUF_INIT;
		struct rt_row *rows = NULL;
		const struct ix_path *kp;
		int k, n = 0, chains;

		while (*m == ' ')
			m++;
		k = rt_is_memory(m);
		if (!k || (done & (1u << k)))
			continue;
		done |= 1u << k;
		k--;
		chains = rt_arg_rows(b, k, &rows, &n);
		if (chains < 0 || (chains == 0 && rt_mem_unresolved_rows(b, k, &rows, &n) < 0))
			rc = -1;
		if (rc == 0) {
			strbuf_addf(&title, "strace reads tracee memory: %s",
				    rt_mem_mechanisms[k].string_path ? "the word-by-word fallback" :
				    rt_mem_mechanisms[k].string_fn);
			b->edge_label = "reads";
			rc = rt_phase_rows(b, "tracer", title.buf, rows, n);
		} else {
			int i;

			for (i = 0; i < n; i++)
				rt_row_release(&rows[i]);
			free(rows);
		}
		strbuf_reset(&title);
		rt_mechanism_path(m, &kpath);
		if (!strncmp(m, "PTRACE_", 7))
			strbuf_addf(&title, "ptrace(%s)", m);
		else
			strbuf_addf(&title, "%s()", m);
		b->edge_label = strncmp(m, "PTRACE_", 7) ? m : "ptrace()";
		b->desc = NULL;
		if (rc == 0 && (rc = ix_path_get(&b->r->ix, kpath.buf, &kp)) == 0 && kp->nr_steps)
			rc = rt_phase_path(b, "kernel", title.buf, kpath.buf, NULL, 0);
		else if (rc == 0)
			rc = rt_mechanism_fallback(b, m, title.buf, kpath.buf);
		strbuf_release(&title);
		strbuf_release(&kpath);
	}
	free(list);
	return rc;
}

/* The title's mark on a step an imported log cannot show. */
#define RT_UNRECORDED " (not recorded)"

/*
 * An imported trace's stop: which requests read the registers and memory
 * is not in a strace log; say so where the recorded mechanisms would be.
 */
static int rt_unrecorded_phase(struct rt_build *b, const char *stop)
{
	struct rt_row w;
	struct strbuf t = STRBUF_INIT;
	int rc;

	rt_row_missing(&w, "which ptrace requests read this stop (PTRACE_GET_SYSCALL_INFO or "
		       "PTRACE_GETREGS, process_vm_readv or PTRACE_PEEKDATA): a strace log "
		       "does not show them");
	w.unrecorded = 1;
	strbuf_addf(&t, "strace reads the %s stop" RT_UNRECORDED, stop);
	b->edge_label = "ptrace";
	rc = rt_phase(b, "tracer", t.buf, &w, 1);
	rt_row_release(&w);
	strbuf_release(&t);
	return rc;
}

/* One stop as the tracer sees it: woken, reads, decodes, resumes. */
static int rt_stop(struct rt_build *b, const char *stop, const char *mechs,
		   const char *strace_path, struct rt_row *decoder)
{
	struct strbuf t = STRBUF_INIT, req = STRBUF_INIT, path = STRBUF_INIT;
	const struct ix_path *rp;
	int rc;

	b->edge_label = "stops";
	strbuf_addf(&t, "wait4 reports the %s stop%s", stop, b->imported ? RT_UNRECORDED : "");
	rc = rt_phase_path(b, "kernel", t.buf, "wait-stopped-tracee", NULL, 0);
	b->edge_label = "wait4 returns";
	if (rc == 0)
		rc = rt_phase_path(b, "tracer", b->imported ? "strace wakes up in wait4"
				   RT_UNRECORDED : "strace wakes up in wait4", "strace-wait", NULL, 0);
	if (rc == 0 && *mechs)
		rc = rt_mechanisms_phase(b, mechs, stop);
	else if (rc == 0 && b->imported)
		rc = rt_unrecorded_phase(b, stop);
	if (rc == 0 && !strcmp(stop, "syscall-enter"))
		rc = rt_print_name_phase(b);
	strbuf_reset(&t);
	strbuf_addf(&t, "strace decodes and prints (%s)", !strcmp(stop, "syscall-enter") ?
		    "the arguments" : "the return value");
	if (rc == 0) {
		b->edge_label = "data";
		rc = rt_phase_path(b, "tracer", t.buf, strace_path, decoder, decoder ? 1 : 0);
	}
	if (rc == 0 && *mechs)
		rc = rt_memory_phases(b, mechs);
	/* the request that lets the tracee go on; PTRACE_SYSCALL's path may
	 * carry its first design's name */
	rt_resume_of(mechs, &req);
	rt_mechanism_path(req.buf, &path);
	if (rc == 0 && !strcmp(path.buf, "ptrace-syscall")) {
		rc = ix_path_get(&b->r->ix, path.buf, &rp);
		if (rc == 0 && !rp->nr_steps)
			strbuf_addstr(&path, "-resume");
	}
	strbuf_reset(&t);
	strbuf_addf(&t, "ptrace(%s) resumes the tracee%s", req.buf,
		    b->imported ? RT_UNRECORDED : "");
	if (rc == 0) {
		b->edge_label = req.buf;
		rc = rt_phase_path(b, "kernel", t.buf, path.buf, NULL, 0);
	}
	strbuf_release(&t);
	strbuf_release(&req);
	strbuf_release(&path);
	return rc;
}

int report_rt_build(struct report *r, const struct report_rt *rt, struct graph *g,
		    struct strbuf *steps, struct strbuf *observed, struct strbuf *obs_at)
{
	struct rt_build b = { .r = r, .g = g, .steps = steps, .observed = observed,
			      .obs_at = STRBUF_INIT };
	const struct report_sc *sc = &r->scs[rt->sc];
	const struct ix_syscall *asc = sc->isc;

	b.asc = asc;
	struct strbuf label = STRBUF_INIT;
	struct rt_row dec, def;
	int rc = -1;

	b.imported = r->run.source && !strcmp(r->run.source, "import");
	if (rt_lane_heads(&b) < 0)
		return -1;
	strbuf_addf(&label, "%s(): syscall instruction\nrax = %ld", sc->name, sc->nr);
	if (rt_tracee(&b, "u0", label.buf) < 0)
		goto cleanup;

	if (!(rt->flags & TRACEDB_NO_ENTER)) {
		b.edge_label = "trap";
		if (rt_phase_path(&b, "kernel", "syscall entry: the ptrace hook stops the tracee",
				  "syscall-enter", NULL, 0) < 0 ||
		    rt_observed(&b, sc, "syscall-enter", "syscall-enter", "o0") < 0)
			goto cleanup;
		rt_decoder_row(&b, asc, sc->name, &dec);
		rc = rt_stop(&b, "syscall-enter", rt->mech_enter, "strace-enter", &dec);
		rt_row_release(&dec);
		if (rc < 0)
			goto cleanup;
		rc = -1;
	} else {
		struct rt_row w;

		rt_row_missing(&w, "entered before tracing began: no syscall-enter stop");
		rc = rt_phase(&b, "kernel", "syscall entry (not recorded)", &w, 1);
		rt_row_release(&w);
		if (rc < 0)
			goto cleanup;
		rc = -1;
	}
	rt_definition_row(&b, sc, &def);
	b.edge_label = "runs";
	rc = rt_phase_path(&b, "kernel", "the syscall runs", "syscall-dispatch", &def, 1);
	rt_row_release(&def);
	if (rc < 0)
		goto cleanup;
	rc = -1;

	if (rt->flags & (TRACEDB_UNFINISHED | TRACEDB_NO_RETURN)) {
		struct rt_row w;

		rt_row_missing(&w, rt->flags & TRACEDB_NO_RETURN ?
			       "the thread exited (or exec'd) inside the call: no exit stop" :
			       "unfinished: no syscall-exit stop was recorded");
		rc = rt_phase(&b, "kernel", "syscall exit (not recorded)", &w, 1);
		rt_row_release(&w);
		goto cleanup;
	}
	b.edge_label = "returns";
	if (rt_phase_path(&b, "kernel", "syscall exit: the hook stops it again",
			  "syscall-exit", NULL, 0) < 0 ||
	    rt_observed(&b, sc, "syscall-exit", "syscall-exit", "o1") < 0)
		goto cleanup;
	rt_decoder_row(&b, asc, sc->name, &dec);
	rc = rt_stop(&b, "syscall-exit", rt->mech_exit, "strace-exit", &dec);
	rt_row_release(&dec);
	if (rc < 0)
		goto cleanup;
	b.edge_label = "sysret";
	rc = rt_tracee(&b, "u1", "back in user space\nrax = return value");
cleanup:
	if (obs_at)
		strbuf_add(obs_at, b.obs_at.buf, b.obs_at.len);
	strbuf_release(&b.obs_at);
	strbuf_release(&label);
	return rc;
}

/* The call tree of syscall sci's definition as JSON (null: none), made once. */
static int rt_tree_json(struct report *r, int sci, struct strbuf *out)
{
	struct report_sc *sc = &r->scs[sci];

	if (!sc->tree_json) {
		struct strbuf j = STRBUF_INIT;
		struct ctree t;
		int rc = report_observed_calltree(r, sci, &t);

		if (rc < 0)
			return -1;
		if (rc > 0) {
			struct strbuf tmpl = STRBUF_INIT;

			ctree_url_template(&r->links, &r->oix->kernel, &tmpl);
			strbuf_addstr(&j, "{\"url\":");
			escape_js_string(&j, tmpl.buf, tmpl.len);
			strbuf_addstr(&j, ",\"root\":");
			ctree_json(&t, &r->links, &r->oix->kernel, tmpl.buf, &j);
			strbuf_addch(&j, '}');
			strbuf_release(&tmpl);
			ctree_release(&t);
		} else {
			strbuf_addstr(&j, "null");
		}
		sc->tree_json = strbuf_detach(&j, NULL);
	}
	strbuf_addstr(out, sc->tree_json);
	return 0;
}

/* graphs/NAME.dot and .svg: graphviz's drawing of a round trip (--graphviz). */
static int rt_graphviz(struct report *r, struct graph *g, const char *name)
{
	struct strbuf svg = STRBUF_INIT, path = STRBUF_INIT;
	int rc = -1;

	if (!g)
		return 0;
	strbuf_addstr(&svg, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
	strbuf_addf(&path, "graphs/%s.svg", name);
	if (report_write_dot(r, g, name) == 0 && web_graph_render_svg(r->gr, g, &svg) == 0)
		rc = report_write_file(r, path.buf, &svg);
	strbuf_release(&svg);
	strbuf_release(&path);
	return rc;
}

int report_rt_write_all(struct report *r)
{
	struct strbuf out = STRBUF_INIT, steps = STRBUF_INIT, name = STRBUF_INIT;
	struct strbuf observed = STRBUF_INIT, obs_at = STRBUF_INIT;
	int i, rc = -1;

	for (i = 0; i < r->nrts; i++) {
		/* the graph only for --graphviz: the pages draw from the data */
		struct graph *g = r->o->graphviz ? web_graph_new("roundtrip", GRAPH_TB) : NULL;

		strbuf_reset(&steps);
		strbuf_reset(&out);
		strbuf_reset(&observed);
		strbuf_reset(&obs_at);
		if (report_rt_build(r, &r->rts[i], g, &steps, &observed, &obs_at) < 0) {
			web_graph_free(g);
			goto cleanup;
		}
		strbuf_reset(&name);
		strbuf_addf(&name, "rt-%d", i);
		if (rt_graphviz(r, g, name.buf) < 0) {
			web_graph_free(g);
			goto cleanup;
		}
		web_graph_free(g);
		strbuf_addf(&out, "sysatlas.roundtrip(%d,{\"phases\":[%s],\"obsAt\":[%s],"
			    "\"stacks\":[%s],\n\"tree\":", i, steps.buf, obs_at.buf, observed.buf);
		if (rt_tree_json(r, r->rts[i].sc, &out) < 0 ||
		    report_current_rt_json(r, r->rts[i].sc, &out) < 0)
			goto cleanup;
		strbuf_addstr(&out, "});\n");
		strbuf_reset(&name);
		strbuf_addf(&name, "data/rt-%d.js", i);
		if (report_write_file(r, name.buf, &out) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	strbuf_release(&out);
	strbuf_release(&steps);
	strbuf_release(&observed);
	strbuf_release(&obs_at);
	strbuf_release(&name);
	return rc;
}

/* ---- the stops that are not syscall stops (stopkind.h) ------------------- */

/* The round trip of stop kind k: the tracee, then each phase's path. */
static int rt_stop_kind_build(struct report *r, const struct stop_kind *k, struct graph *g,
			      struct strbuf *steps)
{
	struct rt_build b = { .r = r, .g = g, .steps = steps };
	size_t i;

	if (rt_lane_heads(&b) < 0 || rt_tracee(&b, "u0", k->tracee) < 0)
		return -1;
	for (i = 0; i < k->nr_phases; i++) {
		b.edge_label = k->phases[i].edge;
		if (rt_phase_path(&b, k->phases[i].lane, k->phases[i].title, k->phases[i].path,
				  NULL, 0) < 0)
			return -1;
	}
	b.edge_label = "returns";
	return k->after ? rt_tracee(&b, "u1", k->after) : 0;
}

/* data/rt-stop-KIND.js of stop kind k. */
static int rt_stop_kind_write(struct report *r, const struct stop_kind *k)
{
	struct strbuf out = STRBUF_INIT, steps = STRBUF_INIT, name = STRBUF_INIT;
	const char *names[16], *titles[16];
	struct graph *g = r->o->graphviz ? web_graph_new("roundtrip", GRAPH_TB) : NULL;
	size_t i, n = 0;
	int rc = -1;

	if (rt_stop_kind_build(r, k, g, &steps) < 0)
		goto cleanup;
	strbuf_addf(&name, "rt-stop-%s", k->name);
	if (rt_graphviz(r, g, name.buf) < 0)
		goto cleanup;
	strbuf_addf(&out, "sysatlas.roundtrip(\"stop-%s\",{\"stop\":", k->name);
	escape_js_string_str(&out, k->name);
	strbuf_addstr(&out, ",\"title\":");
	escape_js_string_str(&out, k->title);
	strbuf_addstr(&out, ",\"what\":");
	escape_js_string_str(&out, k->what);
	strbuf_addf(&out, ",\"phases\":[%s],\"obsAt\":[],\"stacks\":[],\n\"tree\":null",
		    steps.buf);
	/* the kernel's phases in the current kernel, beside the index's */
	for (i = 0; i < k->nr_phases && n < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(k->phases[i].lane, "kernel"))
			continue;
		names[n] = k->phases[i].path;
		titles[n++] = k->phases[i].title;
	}
	report_current_paths_json(r, names, titles, n, &out);
	strbuf_addstr(&out, "});\n");
	strbuf_reset(&name);
	strbuf_addf(&name, "data/rt-stop-%s.js", k->name);	/* [a-z] names of the table */
	rc = report_write_file(r, name.buf, &out);
cleanup:
	web_graph_free(g);
	strbuf_release(&out);
	strbuf_release(&steps);
	strbuf_release(&name);
	return rc;
}

/* data/rt-steps.js: every phase of the site's round trips, by number. */
static int rt_phases_write(struct report *r)
{
	struct strbuf out = STRBUF_INIT;
	int i, rc;

	strbuf_addstr(&out, "sysatlas.phases([");
	for (i = 0; i < r->phases.n; i++)
		strbuf_addf(&out, "%s\n%s", i ? "," : "", r->phases.v[i]);
	strbuf_addstr(&out, "\n],[");
	for (i = 0; i < r->stacks.n; i++)
		strbuf_addf(&out, "%s\n%s", i ? "," : "", r->stacks.v[i]);
	strbuf_addstr(&out, "\n]);\n");
	rc = report_write_file(r, "data/rt-steps.js", &out);
	strbuf_release(&out);
	return rc;
}

int report_stop_rt_write_all(struct report *r)
{
	size_t i;

	for (i = 0; i < nr_stop_kinds; i++)
		if ((r->stops_seen & (1u << i)) && rt_stop_kind_write(r, &stop_kinds[i]) < 0)
			return -1;
	return rt_phases_write(r);
}
