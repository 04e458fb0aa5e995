#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atlas.h"
#include "db.h"
#include "error.h"

struct atlas_cached_path {
	struct atlas_cached_path *next;
	struct atlas_path *path;	/* NULL: looked up, not found */
	char *name;
};

struct atlas_cached_syscall {
	struct atlas_cached_syscall *next;
	char *abi;
	long nr;
	struct atlas_syscall *sc;	/* NULL: not found */
};

struct atlas_cached_symbols {
	struct atlas_cached_symbols *next;
	enum atlas_tree_kind tree;
	char *name, *kind;
	int n;
	struct atlas_loc *locs;
};

struct atlas_file {
	char *path;			/* tree-relative */
	enum atlas_tree_kind tree;
	struct strbuf text;
	size_t *lines;			/* offsets of line starts */
	int nlines;
	int missing;
};

#define ATLAS_FILES 16

struct atlas {
	sqlite3 *db;
	const struct links *links;
	struct atlas_tree trees[ATLAS_TREES];
	struct atlas_cached_path *paths;
	struct atlas_cached_syscall *syscalls;
	struct atlas_cached_symbols *symbols;
	struct atlas_file files[ATLAS_FILES];
	int next_file;
	int failed;			/* a query failed: stop asking */
};

static const char *const atlas_kind_names[ATLAS_TREES] = { "linux", "strace" };

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static void atlas_loc_free(struct atlas_loc *l)
{
	if (!l)
		return;
	free(l->name);
	free(l->kind);
	free(l->path);
	free(l->signature);
}

static int atlas_prepare(struct atlas *a, sqlite3_stmt **st, const char *sql)
{
	if (a->failed || !a->db)
		return -1;
	if (db_prepare(a->db, st, sql) < 0) {
		a->failed = 1;
		return -1;
	}
	return 0;
}

static int atlas_load_trees(struct atlas *a)
{
	sqlite3_stmt *st = NULL;
	int r, rc = -1;

	if (atlas_prepare(a, &st, "SELECT id, kind, version, arch, url_template, root, config "
			  "FROM tree ORDER BY id") < 0)
		return -1;
	while ((r = db_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		int k;

		for (k = 0; k < ATLAS_TREES; k++)
			if (kind && !strcmp(kind, atlas_kind_names[k]))
				break;
		if (k == ATLAS_TREES || a->trees[k].present)
			continue;	/* one tree of each kind: the first */
		a->trees[k].present = 1;
		a->trees[k].id = sqlite3_column_int64(st, 0);
		a->trees[k].version = col_dup(st, 2);
		a->trees[k].arch = col_dup(st, 3);
		a->trees[k].url_template = col_dup(st, 4);
		a->trees[k].root = col_dup(st, 5);
		a->trees[k].config = col_dup(st, 6);
	}
	if (r < 0)
		a->failed = 1;
	else
		rc = 0;
	db_finalize(st);
	return rc;
}

struct atlas *atlas_open(sqlite3 *index, const struct links *links)
{
	struct atlas *a = xcalloc(1, sizeof(*a));

	a->db = index;
	a->links = links;
	if (index)
		atlas_load_trees(a);
	return a;
}

static void atlas_syscall_free(struct atlas_syscall *sc)
{
	if (!sc)
		return;
	free(sc->name);
	free(sc->entry_point);
	free(sc->status);
	free(sc->reason);
	atlas_loc_free(sc->definition);
	free(sc->definition);
	atlas_loc_free(sc->decoder);
	free(sc->decoder);
	free(sc->strace_flags);
	free(sc->strace_decoder);
	free(sc);
}

void atlas_close(struct atlas *a)
{
	int i;

	if (!a)
		return;
	for (i = 0; i < ATLAS_TREES; i++) {
		free(a->trees[i].version);
		free(a->trees[i].arch);
		free(a->trees[i].url_template);
		free(a->trees[i].root);
		free(a->trees[i].config);
	}
	while (a->paths) {
		struct atlas_cached_path *c = a->paths;

		a->paths = c->next;
		if (c->path) {
			for (i = 0; i < c->path->nsteps; i++)
				atlas_loc_free(&c->path->steps[i].loc);
			free(c->path->steps);
			free(c->path->name);
			free(c->path);
		}
		free(c->name);
		free(c);
	}
	while (a->syscalls) {
		struct atlas_cached_syscall *c = a->syscalls;

		a->syscalls = c->next;
		atlas_syscall_free(c->sc);
		free(c->abi);
		free(c);
	}
	while (a->symbols) {
		struct atlas_cached_symbols *c = a->symbols;

		a->symbols = c->next;
		for (i = 0; i < c->n; i++)
			atlas_loc_free(&c->locs[i]);
		free(c->locs);
		free(c->name);
		free(c->kind);
		free(c);
	}
	for (i = 0; i < ATLAS_FILES; i++) {
		free(a->files[i].path);
		strbuf_release(&a->files[i].text);
		free(a->files[i].lines);
	}
	free(a);
}

const struct atlas_tree *atlas_tree(const struct atlas *a, enum atlas_tree_kind k)
{
	return a->trees[k].present ? &a->trees[k] : NULL;
}

/* The columns every loc query selects, in this order. */
#define LOC_COLUMNS "s.name, s.kind, f.path, s.line, s.end_line, s.signature"

static void atlas_loc_read(sqlite3_stmt *st, int col, enum atlas_tree_kind tree,
			   struct atlas_loc *l)
{
	l->tree = tree;
	l->name = col_dup(st, col);
	l->kind = col_dup(st, col + 1);
	l->path = col_dup(st, col + 2);
	l->line = sqlite3_column_int(st, col + 3);
	l->end_line = sqlite3_column_int(st, col + 4);
	l->signature = col_dup(st, col + 5);
}

const struct atlas_path *atlas_path(struct atlas *a, const char *name)
{
	struct atlas_cached_path *c;
	struct atlas_path *p = NULL;
	sqlite3_stmt *st = NULL;
	int r, k, alloc = 0;

	for (c = a->paths; c; c = c->next)
		if (!strcmp(c->name, name))
			return c->path;
	/* strace-* paths live in the strace tree, the rest in the kernel's */
	k = !strncmp(name, "strace-", 7) ? ATLAS_STRACE : ATLAS_LINUX;
	if (a->trees[k].present &&
	    atlas_prepare(a, &st, "SELECT " LOC_COLUMNS ", p.call_line FROM path p "
			  "JOIN symbol s ON s.id = p.symbol_id "
			  "LEFT JOIN file f ON f.id = s.file_id "
			  "WHERE p.tree_id = ?1 AND p.name = ?2 ORDER BY p.step") == 0 &&
	    db_bind_int(st, 1, a->trees[k].id) == 0 &&
	    db_bind_text(st, 2, name, -1) == 0) {
		while ((r = db_step(st)) == SQLITE_ROW) {
			if (!p) {
				p = xcalloc(1, sizeof(*p));
				p->name = xstrdup(name);
			}
			if (p->nsteps == alloc) {
				alloc = alloc ? 2 * alloc : 8;
				p->steps = xrealloc(p->steps, alloc * sizeof(*p->steps));
			}
			memset(&p->steps[p->nsteps], 0, sizeof(p->steps[0]));
			atlas_loc_read(st, 0, k, &p->steps[p->nsteps].loc);
			p->steps[p->nsteps].call_line = sqlite3_column_int(st, 6);
			p->nsteps++;
		}
		if (r < 0)
			a->failed = 1;
	}
	db_finalize(st);
	c = xcalloc(1, sizeof(*c));
	c->name = xstrdup(name);
	c->path = p;
	c->next = a->paths;
	a->paths = c;
	return p;
}

/* The loc of symbol id (in tree k), or NULL. */
static struct atlas_loc *atlas_symbol_by_id(struct atlas *a, enum atlas_tree_kind k,
					    sqlite3_int64 id)
{
	struct atlas_loc *l = NULL;
	sqlite3_stmt *st = NULL;
	int r;

	if (atlas_prepare(a, &st, "SELECT " LOC_COLUMNS " FROM symbol s "
			  "LEFT JOIN file f ON f.id = s.file_id WHERE s.id = ?1") < 0)
		return NULL;
	if (db_bind_int(st, 1, id) == 0 && (r = db_step(st)) == SQLITE_ROW) {
		l = xcalloc(1, sizeof(*l));
		atlas_loc_read(st, 0, k, l);
	}
	db_finalize(st);
	return l;
}

static struct atlas_syscall *atlas_syscall_load(struct atlas *a, const char *abi, long nr)
{
	struct atlas_syscall *sc = NULL;
	sqlite3_stmt *st = NULL;
	const char *abi1 = abi ? abi : "common", *abi2 = abi ? abi : "64";
	int r;

	if (!a->trees[ATLAS_LINUX].present)
		goto strace;
	if (atlas_prepare(a, &st, "SELECT name, entry_point, status, reason, definition_id, "
			  "decoder_id FROM syscall WHERE tree_id = ?1 AND abi IN (?2, ?3) "
			  "AND nr = ?4") < 0)
		return NULL;
	if (db_bind_int(st, 1, a->trees[ATLAS_LINUX].id) == 0 &&
	    db_bind_text(st, 2, abi1, -1) == 0 && db_bind_text(st, 3, abi2, -1) == 0 &&
	    db_bind_int(st, 4, nr) == 0 && (r = db_step(st)) == SQLITE_ROW) {
		sc = xcalloc(1, sizeof(*sc));
		sc->name = col_dup(st, 0);
		sc->entry_point = col_dup(st, 1);
		sc->status = col_dup(st, 2);
		sc->reason = col_dup(st, 3);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			sc->definition = atlas_symbol_by_id(a, ATLAS_LINUX,
							    sqlite3_column_int64(st, 4));
		if (sqlite3_column_type(st, 5) != SQLITE_NULL)
			sc->decoder = atlas_symbol_by_id(a, ATLAS_STRACE,
							 sqlite3_column_int64(st, 5));
	}
	db_finalize(st);
	st = NULL;
strace:
	if (!a->trees[ATLAS_STRACE].present)
		return sc;
	if (atlas_prepare(a, &st, "SELECT name, flags, decoder, decoder_id, nargs "
			  "FROM strace_syscall WHERE tree_id = ?1 "
			  "AND abi IN (?2, ?3, 'x86_64') AND nr = ?4") < 0)
		return sc;
	if (db_bind_int(st, 1, a->trees[ATLAS_STRACE].id) == 0 &&
	    db_bind_text(st, 2, abi1, -1) == 0 && db_bind_text(st, 3, abi2, -1) == 0 &&
	    db_bind_int(st, 4, nr) == 0 && (r = db_step(st)) == SQLITE_ROW) {
		if (!sc) {
			sc = xcalloc(1, sizeof(*sc));
			sc->name = col_dup(st, 0);
		}
		sc->strace_flags = col_dup(st, 1);
		sc->strace_decoder = col_dup(st, 2);
		sc->strace_nargs = sqlite3_column_int(st, 4);
		if (!sc->decoder && sqlite3_column_type(st, 3) != SQLITE_NULL)
			sc->decoder = atlas_symbol_by_id(a, ATLAS_STRACE,
							 sqlite3_column_int64(st, 3));
	}
	db_finalize(st);
	return sc;
}

const struct atlas_syscall *atlas_syscall(struct atlas *a, const char *abi, long nr)
{
	struct atlas_cached_syscall *c;

	for (c = a->syscalls; c; c = c->next)
		if (c->nr == nr && !strcmp(c->abi, abi ? abi : ""))
			return c->sc;
	c = xcalloc(1, sizeof(*c));
	c->abi = xstrdup(abi ? abi : "");
	c->nr = nr;
	c->sc = atlas_syscall_load(a, abi, nr);
	c->next = a->syscalls;
	a->syscalls = c;
	return c->sc;
}

long atlas_syscall_nr(struct atlas *a, const char *name)
{
	sqlite3_stmt *st = NULL;
	long nr = -1;

	if (!a->trees[ATLAS_LINUX].present)
		return -1;
	if (atlas_prepare(a, &st, "SELECT nr FROM syscall WHERE tree_id = ?1 "
			  "AND abi IN ('common', '64') AND name = ?2") < 0)
		return -1;
	if (db_bind_int(st, 1, a->trees[ATLAS_LINUX].id) == 0 &&
	    db_bind_text(st, 2, name, -1) == 0 && db_step(st) == SQLITE_ROW)
		nr = sqlite3_column_int(st, 0);
	db_finalize(st);
	return nr;
}

const struct atlas_loc *atlas_symbols(struct atlas *a, enum atlas_tree_kind tree,
				      const char *name, const char *kind, int *n)
{
	struct atlas_cached_symbols *c;
	sqlite3_stmt *st = NULL;
	int r, alloc = 0;

	for (c = a->symbols; c; c = c->next)
		if (c->tree == tree && !strcmp(c->name, name) && !strcmp(c->kind, kind)) {
			*n = c->n;
			return c->locs;
		}
	c = xcalloc(1, sizeof(*c));
	c->tree = tree;
	c->name = xstrdup(name);
	c->kind = xstrdup(kind);
	if (a->trees[tree].present &&
	    atlas_prepare(a, &st, "SELECT " LOC_COLUMNS " FROM symbol s "
			  "LEFT JOIN file f ON f.id = s.file_id "
			  "WHERE s.tree_id = ?1 AND s.name = ?2 AND s.kind = ?3 "
			  "ORDER BY f.path, s.line") == 0 &&
	    db_bind_int(st, 1, a->trees[tree].id) == 0 &&
	    db_bind_text(st, 2, name, -1) == 0 && db_bind_text(st, 3, kind, -1) == 0) {
		while ((r = db_step(st)) == SQLITE_ROW) {
			if (c->n == alloc) {
				alloc = alloc ? 2 * alloc : 4;
				c->locs = xrealloc(c->locs, alloc * sizeof(*c->locs));
			}
			memset(&c->locs[c->n], 0, sizeof(c->locs[0]));
			atlas_loc_read(st, 0, tree, &c->locs[c->n++]);
		}
		if (r < 0)
			a->failed = 1;
	}
	db_finalize(st);
	c->next = a->symbols;
	a->symbols = c;
	*n = c->n;
	return c->locs;
}

int atlas_url(const struct atlas *a, const struct atlas_loc *loc, int line,
	      struct strbuf *out)
{
	const struct atlas_tree *t = &a->trees[loc->tree];

	if (!t->present || !loc->path || !a->links)
		return -1;
	return links_url(a->links, atlas_kind_names[loc->tree], t->version,
			 t->url_template, loc->path, line > 0 ? line : loc->line, out);
}

void atlas_loc_where(const struct atlas_loc *loc, int line, struct strbuf *out)
{
	if (!loc->path) {
		strbuf_addch(out, '?');
		return;
	}
	strbuf_addf(out, "%s:%d", loc->path, line > 0 ? line : loc->line);
}

/* A tree-relative path that cannot leave the tree. */
static int atlas_path_is_inside(const char *p)
{
	const char *s;

	if (!*p || *p == '/')
		return 0;
	for (s = p; s; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (!strncmp(s, "..", 2) && (s[2] == '/' || !s[2]))
			return 0;
	}
	return 1;
}

static struct atlas_file *atlas_file_get(struct atlas *a, enum atlas_tree_kind k,
					 const char *path)
{
	struct strbuf full = STRBUF_INIT;
	struct atlas_file *f;
	size_t i;
	int alloc = 0;

	for (i = 0; i < ATLAS_FILES; i++)
		if (a->files[i].path && a->files[i].tree == k &&
		    !strcmp(a->files[i].path, path))
			return a->files[i].missing ? NULL : &a->files[i];
	f = &a->files[a->next_file];
	a->next_file = (a->next_file + 1) % ATLAS_FILES;
	free(f->path);
	strbuf_release(&f->text);
	free(f->lines);
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->tree = k;
	strbuf_addf(&full, "%s/%s", a->trees[k].root, path);
	/* a tree without the file is no error: the excerpt is just absent */
	if (access(full.buf, R_OK) < 0 || strbuf_read_file(&f->text, full.buf) < 0) {
		f->missing = 1;
		strbuf_release(&full);
		return NULL;
	}
	strbuf_release(&full);
	for (i = 0; i <= f->text.len; i++) {
		if (i == 0 || f->text.buf[i - 1] == '\n') {
			if (i == f->text.len)
				break;
			if (f->nlines == alloc) {
				alloc = alloc ? 2 * alloc : 1024;
				f->lines = xrealloc(f->lines, alloc * sizeof(*f->lines));
			}
			f->lines[f->nlines++] = i;
		}
	}
	return f;
}

int atlas_excerpt(struct atlas *a, const struct atlas_loc *loc, int line,
		  int before, int after, struct strbuf *out)
{
	const struct atlas_tree *t = &a->trees[loc->tree];
	struct atlas_file *f;
	int first, last, i;

	if (line <= 0)
		line = loc->line;
	if (!t->present || !t->root || !loc->path || line <= 0 ||
	    !atlas_path_is_inside(loc->path))
		return -1;
	f = atlas_file_get(a, loc->tree, loc->path);
	if (!f || line > f->nlines)
		return -1;
	first = line - before < 1 ? 1 : line - before;
	last = line + after > f->nlines ? f->nlines : line + after;
	for (i = first; i <= last; i++) {
		size_t s = f->lines[i - 1];
		size_t e = i < f->nlines ? f->lines[i] : f->text.len;

		strbuf_add(out, f->text.buf + s, e - s);
		if (e == s || f->text.buf[e - 1] != '\n')
			strbuf_addch(out, '\n');
	}
	return 0;
}
