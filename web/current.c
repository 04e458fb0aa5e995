/*
 * The current kernel beside the index in a report.
 *
 * The index a report links to (v5.7 by default) is the kernel the seed
 * note explains; the program ran on some 6.x kernel.  When the traced
 * kernel is 6.x, the built-in index of Debian's 6.12.118 (or the one
 * --current-index names) is opened beside it and compared with it path
 * by path, and each syscall of the trace row by row (compare.h): the
 * round trip shows its entry, dispatch and exit paths in a second column
 * (data/current.js, once; each round trip adds its syscall's
 * definition), a syscall page shows the same side by side, and
 * the running kernel's stacks are aligned with whichever of the two
 * indexes is nearer the running version.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"
#include "html.h"
#include "report.h"

/* The kernel paths shown side by side, in the order a call takes them. */
static const struct {
	const char *path, *title;
} current_paths[] = {
	{ "syscall-enter", "entry and the syscall-enter stop" },
	{ "syscall-dispatch", "dispatch to the definition" },
	{ "syscall-exit", "the syscall-exit stop" },
};
#define NCURRENT_PATHS (sizeof(current_paths) / sizeof(current_paths[0]))

static void current_quiet(const char *line)
{
	(void)line;
}

/* major * 1000 + minor of "v5.7", "6.12.118-1~deb12u1", "6.1.0-18-amd64"; -1 unknown. */
static long version_key(const char *v)
{
	char *end;
	long major, minor;

	if (!v)
		return -1;
	if (*v == 'v')
		v++;
	if (!isdigit((unsigned char)*v))
		return -1;
	major = strtol(v, &end, 10);
	if (*end != '.' || !isdigit((unsigned char)end[1]) || major > 1000)
		return -1;
	minor = strtol(end + 1, &end, 10);
	if (minor > 999)
		return -1;
	return major * 1000 + minor;
}

const struct ix_syscall *report_current_syscall(struct report *r, const char *abi, long nr)
{
	const struct ix_syscall *asc = NULL;

	if (!r->cur.kernel.id || ix_syscall_get(&r->cur, abi, nr, &asc) < 0)
		return NULL;
	return asc;
}

const struct ix_syscall *report_observed_syscall(const struct report *r,
						 const struct report_sc *sc)
{
	return r->oix == &r->cur ? sc->csc : sc->isc;
}

int report_current_open(struct report *r)
{
	const char *want = r->o->current;
	long running = version_key(r->obs.running[0] ? r->obs.running : r->run.kernel_release);
	long ki, kc;

	r->oix = &r->ix;
	ix_init_empty(&r->cur);
	if (want && !strcmp(want, "none"))
		return 0;
	if (!r->ix.kernel.id) {
		if (want)
			warning("--current-index %s: no index to show it beside; left out", want);
		return 0;
	}
	if (!want) {
		struct strbuf path = STRBUF_INIT;
		int found;

		/* only a 6.x kernel gets the 6.12 column, and only when it is installed */
		if (running < 6000)
			return 0;
		error_set_routine(current_quiet);
		found = ix_builtin_path("6.12", &path) > 0;
		error_set_routine(NULL);
		strbuf_release(&path);
		if (!found)
			return 0;
		want = "6.12";
	}
	if (ix_open(&r->cur, want) < 0)
		return -1;
	if (r->cur.kernel.version && r->ix.kernel.version &&
	    !strcmp(r->cur.kernel.version, r->ix.kernel.version) &&
	    !strcmp(r->cur.kernel.arch, r->ix.kernel.arch)) {
		/* the same kernel twice: nothing to put beside it */
		ix_close(&r->cur);
		ix_init_empty(&r->cur);
		return 0;
	}
	r->cmp = xcalloc(1, sizeof(*r->cmp));
	if (compare_paths_build(r->cmp, &r->ix, &r->cur) < 0) {
		free(r->cmp);
		r->cmp = NULL;
		return -1;
	}
	/* stacks are aligned with the index nearer the running version */
	ki = version_key(r->ix.kernel.version);
	kc = version_key(r->cur.kernel.version);
	if (kc >= 0 && (running < 0 ? kc > ki : ki < 0 || labs(running - kc) < labs(running - ki)))
		r->oix = &r->cur;
	return 0;
}

void report_current_close(struct report *r)
{
	if (r->cmp) {
		compare_release(r->cmp);
		free(r->cmp);
		r->cmp = NULL;
	}
	ix_close(&r->cur);
	r->oix = &r->ix;
}

/* [name, where, url, call url] of step st of tree, or four empty strings. */
static void step_json(struct report *r, const struct ix_tree *tree, const struct ix_step *st,
		      struct strbuf *out)
{
	struct strbuf where = STRBUF_INIT, url = STRBUF_INIT, call = STRBUF_INIT;

	if (st) {
		ix_symbol_where(&st->sym, 0, &where);
		ix_url(&r->links, tree, st->sym.file, st->sym.line, &url);
		if (st->call_line > 0)
			ix_url(&r->links, tree, st->sym.file, st->call_line, &call);
	}
	escape_js_string_str(out, st && st->sym.name ? st->sym.name : "");
	strbuf_addch(out, ',');
	escape_js_string(out, where.buf, where.len);
	strbuf_addch(out, ',');
	escape_js_string(out, url.buf, url.len);
	strbuf_addch(out, ',');
	escape_js_string(out, call.buf, call.len);
	strbuf_release(&where);
	strbuf_release(&url);
	strbuf_release(&call);
}

/* How an aligned row differs: "same", "only-a", "only-b" or "moved". */
static const char *row_kind(const struct cmp_step *s)
{
	return !s->b ? "only-a" : !s->a ? "only-b" :
	       s->flags & (CMP_MOVED_FILE | CMP_MOVED_LINE | CMP_CALL_LINE) ? "moved" : "same";
}

/* {name, title, rows: [[kind, a's step, b's step]…]}: path name aligned. */
static void path_json(struct report *r, const char *name, const char *title, size_t i,
		      struct strbuf *out)
{
	const struct cmp_path *p = compare_path_find(r->cmp, name);
	size_t j;

	strbuf_addstr(out, i ? ",\n{\"name\":" : "\n{\"name\":");
	escape_js_string_str(out, name);
	strbuf_addstr(out, ",\"title\":");
	escape_js_string_str(out, title);
	strbuf_addstr(out, ",\"rows\":[");
	for (j = 0; p && j < p->nr_rows; j++) {
		const struct cmp_step *s = &p->rows[j];

		strbuf_addf(out, "%s[\"%s\",", j ? "," : "", row_kind(s));
		step_json(r, &r->ix.kernel, s->a, out);
		strbuf_addch(out, ',');
		step_json(r, &r->cur.kernel, s->b, out);
		strbuf_addch(out, ']');
	}
	strbuf_addstr(out, "]}");
}

void report_current_paths_json(struct report *r, const char *const *names,
			       const char *const *titles, size_t n, struct strbuf *out)
{
	struct strbuf t = STRBUF_INIT;
	size_t i;

	if (!r->cmp)
		return;
	strbuf_addstr(out, ",\n\"current\":{\"a\":");
	ix_tree_label(&t, &r->ix.kernel);
	escape_js_string(out, t.buf, t.len);
	strbuf_reset(&t);
	ix_tree_label(&t, &r->cur.kernel);
	strbuf_addstr(out, ",\"b\":");
	escape_js_string(out, t.buf, t.len);
	strbuf_addstr(out, ",\"paths\":[");
	for (i = 0; i < n; i++)
		path_json(r, names[i], titles[i], i, out);
	strbuf_addstr(out, "]}");
	strbuf_release(&t);
}

/* data/current.js: the two trees' labels and the paths side by side. */
static int current_data(struct report *r)
{
	struct strbuf out = STRBUF_INIT, t = STRBUF_INIT;
	size_t i;
	int rc;

	strbuf_addstr(&out, "sysatlas.current({\"a\":");
	ix_tree_label(&t, &r->ix.kernel);
	escape_js_string(&out, t.buf, t.len);
	strbuf_reset(&t);
	ix_tree_label(&t, &r->cur.kernel);
	strbuf_addstr(&out, ",\"b\":");
	escape_js_string(&out, t.buf, t.len);
	strbuf_addstr(&out, ",\"paths\":[");
	for (i = 0; i < NCURRENT_PATHS; i++)
		path_json(r, current_paths[i].path, current_paths[i].title, i, &out);
	strbuf_addstr(&out, "]});\n");
	rc = report_write_file(r, "data/current.js", &out);
	strbuf_release(&out);
	strbuf_release(&t);
	return rc;
}

/* How syscall sc differs between the trees (CMP_* bits), 0 without cur. */
static unsigned sc_flags(struct report *r, const struct report_sc *sc)
{
	return r->cmp ? compare_syscall_flags(sc->isc, sc->csc) : 0;
}

/* What changed for syscall sc between the trees, as words; "" nothing. */
static void sc_changes(struct report *r, const struct report_sc *sc, struct strbuf *out)
{
	unsigned f = sc_flags(r, sc);

	if (f)
		compare_flags_describe(out, f);
}

/* [name, where, url, signature, status] of a definition. */
static void def_json(struct report *r, const struct ix_tree *tree, const struct ix_syscall *asc,
		     struct strbuf *out)
{
	struct strbuf where = STRBUF_INIT, url = STRBUF_INIT, status = STRBUF_INIT;
	int impl = asc && asc->definition.id &&
		   (!asc->status || !strcmp(asc->status, "implemented"));

	if (impl) {
		ix_symbol_where(&asc->definition, 0, &where);
		ix_url(&r->links, tree, asc->definition.file, asc->definition.line, &url);
	} else if (asc) {
		strbuf_addf(&status, "%s%s%s", asc->status ? asc->status : "?",
			    asc->reason ? ": " : "", asc->reason ? asc->reason : "");
	} else {
		strbuf_addstr(&status, "not in this kernel's table");
	}
	strbuf_addch(out, '[');
	escape_js_string_str(out, impl && asc->definition.name ? asc->definition.name : "");
	strbuf_addch(out, ',');
	escape_js_string(out, where.buf, where.len);
	strbuf_addch(out, ',');
	escape_js_string(out, url.buf, url.len);
	strbuf_addch(out, ',');
	escape_js_string_str(out, impl && asc->definition.signature ? asc->definition.signature : "");
	strbuf_addch(out, ',');
	escape_js_string(out, status.buf, status.len);
	strbuf_addch(out, ']');
	strbuf_release(&where);
	strbuf_release(&url);
	strbuf_release(&status);
}

int report_current_rt_json(struct report *r, int sci, struct strbuf *out)
{
	const struct report_sc *sc = &r->scs[sci];
	struct strbuf ch = STRBUF_INIT;

	if (!r->cmp)
		return 0;
	strbuf_addstr(out, ",\n\"current\":{\"def\":[");
	def_json(r, &r->ix.kernel, sc->isc, out);
	strbuf_addch(out, ',');
	def_json(r, &r->cur.kernel, sc->csc, out);
	strbuf_addstr(out, "],\"changed\":");
	sc_changes(r, sc, &ch);
	escape_js_string(out, ch.buf, ch.len);
	strbuf_addch(out, '}');
	strbuf_release(&ch);
	return 0;
}

void report_current_fact(struct report *r, struct strbuf *out)
{
	struct strbuf v = STRBUF_INIT;
	int i, file = 0, sig = 0, status = 0, line = 0, same = 0, absent = 0;

	if (!r->cmp)
		return;
	for (i = 0; i < r->nscs; i++) {
		unsigned f = sc_flags(r, &r->scs[i]);

		if (!r->scs[i].isc || !r->scs[i].csc)
			absent++;
		else if (f & (CMP_STATUS | CMP_ENTRY_POINT))
			status++;
		else if (f & CMP_MOVED_FILE)
			file++;
		else if (f & CMP_SIGNATURE)
			sig++;
		else if (f & CMP_MOVED_LINE)
			line++;
		else
			same++;
	}
	ix_tree_label(&v, &r->cur.kernel);
	strbuf_addf(&v, "%s beside it; of this trace's %d syscalls, %d moved to another file, "
		    "%d changed signature, %d changed status or entry point, %d moved within "
		    "their file, %d did not move", r->cur.kernel.root ? "" : " (shipped index)",
		    r->nscs, file, sig, status, line, same);
	if (absent)
		strbuf_addf(&v, ", %d are in one table only", absent);
	strbuf_addstr(out, "<tr><th>current kernel shown</th><td>");
	html_text(out, v.buf);
	strbuf_addstr(out, "</td></tr>\n");
	strbuf_release(&v);
}

int report_current_data(struct report *r)
{
	return r->cmp ? current_data(r) : 0;
}
