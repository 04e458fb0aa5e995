#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "db.h"
#include "error.h"
#include "index-read.h"
#include "schema.h"
#include "strbuf.h"
#include "web.h"

static char *col_dup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? xstrdup((const char *)s) : NULL;
}

static int tree_load(struct ix *ix, const char *kind, struct ix_tree *tree)
{
	sqlite3_stmt *st = NULL;
	int rc = -1, r;

	memset(tree, 0, sizeof(*tree));
	if (db_prepare(ix->db, &st,
		       "SELECT id, kind, version, arch, url_template, root FROM tree"
		       " WHERE kind = ?1 ORDER BY id LIMIT 1") < 0 ||
	    db_bind_text(st, 1, kind, -1) < 0)
		goto cleanup;
	r = db_step(st);
	if (r < 0)
		goto cleanup;
	if (r == SQLITE_ROW) {
		tree->id = sqlite3_column_int64(st, 0);
		tree->kind = col_dup(st, 1);
		tree->version = col_dup(st, 2);
		tree->arch = col_dup(st, 3);
		tree->url_template = col_dup(st, 4);
		tree->root = col_dup(st, 5);
	}
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

static void tree_release(struct ix_tree *tree)
{
	free(tree->kind);
	free(tree->version);
	free(tree->arch);
	free(tree->url_template);
	free(tree->root);
	memset(tree, 0, sizeof(*tree));
}

void ix_init_empty(struct ix *ix)
{
	memset(ix, 0, sizeof(*ix));
}

static int ix_open_file(struct ix *ix, const char *path);

int ix_open(struct ix *ix, const char *arg)
{
	struct strbuf builtin = STRBUF_INIT;
	const char *path;
	int rc;

	memset(ix, 0, sizeof(*ix));
	path = ix_resolve(arg, &builtin);
	rc = path ? ix_open_file(ix, path) : -1;
	strbuf_release(&builtin);
	return rc;
}

static int ix_open_file(struct ix *ix, const char *path)
{
	if (db_open(&ix->db, path, &db_schema_index, DB_READONLY | DB_OLDER_OK) < 0)
		return -1;
	ix->path = xstrdup(path);
	if (tree_load(ix, "linux", &ix->kernel) < 0 ||
	    tree_load(ix, "strace", &ix->strace) < 0)
		goto fail;
	if (!ix->kernel.id) {
		error("%s: the index holds no Linux tree", path);
		goto fail;
	}
	return 0;
fail:
	ix_close(ix);
	return -1;
}

static void ix_cache_free(struct ix_cache *c);

void ix_close(struct ix *ix)
{
	ix_cache_free(ix->cache);
	db_close(ix->db);
	free(ix->path);
	tree_release(&ix->kernel);
	tree_release(&ix->strace);
	memset(ix, 0, sizeof(*ix));
}

void ix_symbol_release(struct ix_symbol *sym)
{
	free(sym->name);
	free(sym->kind);
	free(sym->file);
	free(sym->signature);
	memset(sym, 0, sizeof(*sym));
}

/* Columns of SYMBOL_COLS(a, f), read by symbol_read(st, first). */
#define SYMBOL_COLS(s, f) \
	s ".id, " s ".name, " s ".kind, " f ".path, " s ".line, " s ".end_line, " s ".signature"

static void symbol_read(sqlite3_stmt *st, int c, struct ix_symbol *sym)
{
	memset(sym, 0, sizeof(*sym));
	if (sqlite3_column_type(st, c) == SQLITE_NULL)
		return;
	sym->id = sqlite3_column_int64(st, c);
	sym->name = col_dup(st, c + 1);
	sym->kind = col_dup(st, c + 2);
	sym->file = col_dup(st, c + 3);
	sym->line = sqlite3_column_int64(st, c + 4);
	sym->end_line = sqlite3_column_int64(st, c + 5);
	sym->signature = col_dup(st, c + 6);
}

void ix_syscall_release(struct ix_syscall *sc)
{
	free(sc->abi);
	free(sc->name);
	free(sc->entry_point);
	free(sc->status);
	free(sc->reason);
	free(sc->strace_decoder);
	free(sc->strace_flags);
	ix_symbol_release(&sc->definition);
	ix_symbol_release(&sc->decoder);
	memset(sc, 0, sizeof(*sc));
}

void ix_syscall_list_release(struct ix_syscall_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++)
		ix_syscall_release(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->nr = 0;
}

/*
 * The syscall rows with their definition, decoder and strace's table row
 * (matched by name and number: strace's x86-64 table has no x32 rows).
 */
#define SYSCALL_SELECT(ss_source) \
	"SELECT s.abi, s.nr, s.name, s.entry_point, s.status, s.reason," \
	" ss.decoder, ss.flags, ss.nargs, " \
	SYMBOL_COLS("d", "df") ", " SYMBOL_COLS("c", "cf") \
	" FROM syscall s" \
	" LEFT JOIN symbol d ON d.id = s.definition_id" \
	" LEFT JOIN file df ON df.id = d.file_id" \
	" LEFT JOIN " ss_source " ss.name = s.name AND ss.nr = s.nr" \
	" LEFT JOIN symbol c ON c.id = coalesce(s.decoder_id, ss.decoder_id)" \
	" LEFT JOIN file cf ON cf.id = c.file_id" \
	" WHERE s.tree_id = ?1 AND (?3 IS NULL OR s.abi = ?3) AND (?4 IS NULL OR s.name = ?4)" \
	" AND (?5 IS NULL OR s.nr = ?5) AND (?6 = 0 OR s.abi IN ('common', '64'))" \
	" ORDER BY CASE s.abi WHEN 'common' THEN 0 WHEN '64' THEN 1 WHEN 'x32' THEN 2" \
	" WHEN 'i386' THEN 3 ELSE 4 END, s.abi, s.nr"

/* A few rows: strace's table searched for each (its key is abi, nr). */
static const char syscall_select[] =
	SYSCALL_SELECT("strace_syscall ss ON ss.tree_id = ?2 AND");

/*
 * Every row: strace's table of the tree taken once, with an automatic
 * index on (name, nr), instead of scanned for each row (0.1 s a table).
 */
static const char syscall_select_all[] =
	"WITH st AS MATERIALIZED (SELECT * FROM strace_syscall WHERE tree_id = ?2) "
	SYSCALL_SELECT("st ss ON");

/* The rows of abi (NULL: any; native: common and 64), name, nr (< 0: any). */
static int syscalls_query(struct ix *ix, const char *abi, int native, const char *name,
			  int64_t nr, struct ix_syscall_list *list)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r, rc = -1;

	memset(list, 0, sizeof(*list));
	if (!ix->db)
		return 0;
	if (db_prepare(ix->db, &st, name || nr >= 0 ? syscall_select : syscall_select_all) < 0 ||
	    db_bind_int(st, 1, ix->kernel.id) < 0 ||
	    db_bind_int(st, 2, ix->strace.id) < 0 ||
	    (abi ? db_bind_text(st, 3, abi, -1) : db_bind_null(st, 3)) < 0 ||
	    (name ? db_bind_text(st, 4, name, -1) : db_bind_null(st, 4)) < 0 ||
	    (nr >= 0 ? db_bind_int(st, 5, nr) : db_bind_null(st, 5)) < 0 ||
	    db_bind_int(st, 6, native) < 0)
		goto cleanup;
	while ((r = db_step(st)) == SQLITE_ROW) {
		struct ix_syscall *sc;

		if (list->nr == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			list->items = xrealloc(list->items, alloc * sizeof(*list->items));
		}
		sc = &list->items[list->nr++];
		memset(sc, 0, sizeof(*sc));
		sc->abi = col_dup(st, 0);
		sc->nr = sqlite3_column_int64(st, 1);
		sc->name = col_dup(st, 2);
		sc->entry_point = col_dup(st, 3);
		sc->status = col_dup(st, 4);
		sc->reason = col_dup(st, 5);
		sc->strace_decoder = col_dup(st, 6);
		sc->strace_flags = col_dup(st, 7);
		sc->strace_nargs = sqlite3_column_type(st, 8) == SQLITE_NULL ?
				   -1 : sqlite3_column_int64(st, 8);
		symbol_read(st, 9, &sc->definition);
		symbol_read(st, 16, &sc->decoder);
	}
	if (r < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	if (rc < 0)
		ix_syscall_list_release(list);
	return rc;
}

int ix_syscalls_load(struct ix *ix, const char *abi, struct ix_syscall_list *list)
{
	return syscalls_query(ix, abi, 0, NULL, -1, list);
}

int ix_syscall_find(struct ix *ix, const char *name, struct ix_syscall_list *list)
{
	if (syscalls_query(ix, NULL, 0, name, -1, list) < 0)
		return -1;
	return (int)list->nr;
}

void ix_path_release(struct ix_path *path)
{
	size_t i;

	for (i = 0; i < path->nr_steps; i++)
		ix_symbol_release(&path->steps[i].sym);
	free(path->steps);
	free(path->name);
	memset(path, 0, sizeof(*path));
}

int ix_path_load(struct ix *ix, int64_t tree_id, const char *name, struct ix_path *path)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r, rc = -1;

	memset(path, 0, sizeof(*path));
	path->name = xstrdup(name);
	if (!ix->db)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT p.call_line, " SYMBOL_COLS("s", "f")
		       " FROM path p JOIN symbol s ON s.id = p.symbol_id"
		       " LEFT JOIN file f ON f.id = s.file_id"
		       " WHERE p.tree_id = ?1 AND p.name = ?2 ORDER BY p.step") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 ||
	    db_bind_text(st, 2, name, -1) < 0)
		goto cleanup;
	while ((r = db_step(st)) == SQLITE_ROW) {
		struct ix_step *step;

		if (path->nr_steps == alloc) {
			alloc = alloc ? 2 * alloc : 8;
			path->steps = xrealloc(path->steps, alloc * sizeof(*path->steps));
		}
		step = &path->steps[path->nr_steps++];
		step->call_line = sqlite3_column_int64(st, 0);
		symbol_read(st, 1, &step->sym);
	}
	if (r < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	if (rc < 0)
		ix_path_release(path);
	return rc;
}

int ix_path_names(struct ix *ix, int64_t tree_id, const char *prefix, char ***names)
{
	sqlite3_stmt *st = NULL;
	size_t nr = 0, alloc = 4;
	int r, rc = -1;

	*names = xcalloc(alloc, sizeof(**names));
	if (!ix->db)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT DISTINCT name FROM path WHERE tree_id = ?1"
		       " AND (?2 IS NULL OR substr(name, 1, length(?2)) = ?2) ORDER BY name") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 ||
	    (prefix ? db_bind_text(st, 2, prefix, -1) : db_bind_null(st, 2)) < 0)
		goto cleanup;
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (nr + 1 == alloc) {
			alloc *= 2;
			*names = xrealloc(*names, alloc * sizeof(**names));
		}
		(*names)[nr++] = col_dup(st, 0);
		(*names)[nr] = NULL;
	}
	if (r < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	if (rc < 0) {
		ix_names_free(*names);
		*names = NULL;
	}
	return rc;
}

void ix_names_free(char **names)
{
	size_t i;

	if (!names)
		return;
	for (i = 0; names[i]; i++)
		free(names[i]);
	free(names);
}

int ix_symbols_by_kind(struct ix *ix, int64_t tree_id, const char *kind,
		       const char *prefix, struct ix_symbol **out, size_t *nr)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r, rc = -1;

	*out = NULL;
	*nr = 0;
	if (!ix->db)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT " SYMBOL_COLS("s", "f") " FROM symbol s"
		       " LEFT JOIN file f ON f.id = s.file_id"
		       " WHERE s.tree_id = ?1 AND s.kind = ?2"
		       " AND (?3 IS NULL OR substr(s.name, 1, length(?3)) = ?3)"
		       " ORDER BY s.name, f.path, s.line") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 ||
	    db_bind_text(st, 2, kind, -1) < 0 ||
	    (prefix ? db_bind_text(st, 3, prefix, -1) : db_bind_null(st, 3)) < 0)
		goto cleanup;
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (*nr == alloc) {
			alloc = alloc ? 2 * alloc : 32;
			*out = xrealloc(*out, alloc * sizeof(**out));
		}
		symbol_read(st, 0, &(*out)[(*nr)++]);
	}
	if (r < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	if (rc < 0) {
		ix_symbols_free(*out, *nr);
		*out = NULL;
		*nr = 0;
	}
	return rc;
}

void ix_symbols_free(struct ix_symbol *syms, size_t nr)
{
	size_t i;

	for (i = 0; i < nr; i++)
		ix_symbol_release(&syms[i]);
	free(syms);
}

void ix_tree_label(struct strbuf *out, const struct ix_tree *tree)
{
	if (!tree->id) {
		strbuf_addstr(out, "(none)");
		return;
	}
	strbuf_addf(out, "%s %s %s", !strcmp(tree->kind, "linux") ? "Linux" :
		    !strcmp(tree->kind, "strace") ? "strace" : tree->kind,
		    tree->version, tree->arch);
}

/* The built-in indexes, by the names --index takes (docs/kernel-versions.md). */
static const struct {
	const char *name, *alias, *file;
} builtin_indexes[] = {
	{ "v5.7", "5.7", "default-index.db" },
	{ "6.12", "v6.12", "index-6.12.db" },
};

int ix_builtin_path(const char *name, struct strbuf *out)
{
	size_t i;

	for (i = 0; name && i < sizeof(builtin_indexes) / sizeof(builtin_indexes[0]); i++) {
		if (strcmp(name, builtin_indexes[i].name) && strcmp(name, builtin_indexes[i].alias))
			continue;
		strbuf_reset(out);
		if (datadir_find(builtin_indexes[i].file, out) < 0)
			return error("index %s: the built-in index %s is not installed",
				     name, builtin_indexes[i].file);
		return 1;
	}
	return 0;
}

void web_print_builtin_indexes(FILE *out)
{
	size_t i;

	for (i = 0; i < sizeof(builtin_indexes) / sizeof(builtin_indexes[0]); i++)
		fprintf(out, "%s\n", builtin_indexes[i].name);
}

const char *ix_resolve(const char *arg, struct strbuf *buf)
{
	int r = ix_builtin_path(arg, buf);

	return r < 0 ? NULL : r ? buf->buf : arg;
}

int ix_default_path(struct strbuf *out)
{
	if (datadir_find("default-index.db", out) == 0)
		return 0;
	return error("no built-in index is installed; pass --index INDEX.db "
		     "(make one with 'sysatlas index')");
}

const char *ix_kind_note(const char *kind)
{
	static const struct { const char *kind, *note; } notes[] = {
		{ "asm_label", "asm" },
		{ "call_site", "indirect call" },
		{ "case_label", "case" },
		{ "landmark", "line" },
	};
	size_t i;

	for (i = 0; kind && i < sizeof(notes) / sizeof(notes[0]); i++)
		if (!strcmp(kind, notes[i].kind))
			return notes[i].note;
	return NULL;
}

int ix_url(const struct links *l, const struct ix_tree *tree, const char *path,
	   int64_t line, struct strbuf *out)
{
	if (!tree->id || !path || !*path)
		return -1;
	return links_url(l, tree->kind, tree->version, tree->url_template, path,
			 line > 0 && line < INT32_MAX ? (int)line : 0, out);
}

int ix_symbol_first(struct ix *ix, int64_t tree_id, const char *kind, const char *name,
		   struct ix_symbol *out)
{
	sqlite3_stmt *st = NULL;
	int r;

	memset(out, 0, sizeof(*out));
	if (!ix->db)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT " SYMBOL_COLS("s", "f") " FROM symbol s"
		       " LEFT JOIN file f ON f.id = s.file_id"
		       " WHERE s.tree_id = ?1 AND s.kind = ?2 AND s.name = ?3"
		       " ORDER BY f.path, s.line LIMIT 1") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 ||
	    db_bind_text(st, 2, kind, -1) < 0 ||
	    db_bind_text(st, 3, name, -1) < 0) {
		db_finalize(st);
		return -1;
	}
	r = db_step(st);
	if (r == SQLITE_ROW)
		symbol_read(st, 0, out);
	db_finalize(st);
	return r < 0 ? -1 : r == SQLITE_ROW;
}

int ix_function_at(struct ix *ix, int64_t tree_id, const char *file, int64_t line,
		   struct strbuf *out)
{
	sqlite3_stmt *st = NULL;
	int r;

	if (!ix->db || !file)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT s.name FROM symbol s JOIN file f ON f.id = s.file_id"
		       " WHERE s.tree_id = ?1 AND s.kind IN ('function', 'syscall_definition')"
		       " AND f.path = ?2 AND s.line <= ?3 AND s.end_line >= ?3"
		       " ORDER BY s.line DESC LIMIT 1") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 ||
	    db_bind_text(st, 2, file, -1) < 0 ||
	    db_bind_int(st, 3, line) < 0) {
		db_finalize(st);
		return -1;
	}
	r = db_step(st);
	if (r == SQLITE_ROW && sqlite3_column_text(st, 0))
		strbuf_addstr(out, (const char *)sqlite3_column_text(st, 0));
	db_finalize(st);
	return r < 0 ? -1 : 0;
}

void ix_symbol_where(const struct ix_symbol *sym, int64_t line, struct strbuf *out)
{
	if (!sym->file) {
		strbuf_addch(out, '?');
		return;
	}
	strbuf_addf(out, "%s:%lld", sym->file, (long long)(line > 0 ? line : sym->line));
}

/* ---- cached lookups and source excerpts ---------------------------------- */

struct ix_cached_path {
	struct ix_cached_path *next;
	struct ix_path path;
};

struct ix_cached_syscall {
	struct ix_cached_syscall *next;
	char *abi;			/* NULL: native */
	int64_t nr;
	struct ix_syscall_list rows;	/* the first row is the answer */
};

/* A source file of a local tree, split into lines. */
struct ix_source {
	int64_t tree_id;
	char *file;
	struct strbuf text;
	size_t *lines;			/* offsets of line starts */
	int64_t nr_lines;
	int missing;
};

#define IX_SOURCES 16

struct ix_cache {
	struct ix_cached_path *paths;
	struct ix_cached_syscall *syscalls;
	struct ix_source sources[IX_SOURCES];	/* a small ring */
	int next_source;
};

static struct ix_cache *ix_cache(struct ix *ix)
{
	if (!ix->cache)
		ix->cache = xcalloc(1, sizeof(*ix->cache));
	return ix->cache;
}

static void ix_source_release(struct ix_source *f)
{
	free(f->file);
	strbuf_release(&f->text);
	free(f->lines);
	memset(f, 0, sizeof(*f));
}

static void ix_cache_free(struct ix_cache *c)
{
	int i;

	if (!c)
		return;
	while (c->paths) {
		struct ix_cached_path *p = c->paths;

		c->paths = p->next;
		ix_path_release(&p->path);
		free(p);
	}
	while (c->syscalls) {
		struct ix_cached_syscall *s = c->syscalls;

		c->syscalls = s->next;
		ix_syscall_list_release(&s->rows);
		free(s->abi);
		free(s);
	}
	for (i = 0; i < IX_SOURCES; i++)
		ix_source_release(&c->sources[i]);
	free(c);
}

const struct ix_tree *ix_path_tree(const struct ix *ix, const char *name)
{
	return !strncmp(name, "strace-", 7) ? &ix->strace : &ix->kernel;
}

int ix_path_get(struct ix *ix, const char *name, const struct ix_path **out)
{
	struct ix_cache *c = ix_cache(ix);
	struct ix_cached_path *p;
	const struct ix_tree *tree = ix_path_tree(ix, name);

	for (p = c->paths; p; p = p->next)
		if (!strcmp(p->path.name, name)) {
			*out = &p->path;
			return 0;
		}
	p = xcalloc(1, sizeof(*p));
	if (!tree->id) {
		p->path.name = xstrdup(name);	/* no such tree: an empty path */
	} else if (ix_path_load(ix, tree->id, name, &p->path) < 0) {
		free(p);
		*out = NULL;
		return -1;
	}
	p->next = c->paths;
	c->paths = p;
	*out = &p->path;
	return 0;
}

int ix_syscall_max_nr(struct ix *ix, const char *abi, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int r, rc = -1;

	*out = -1;
	if (!ix->db || !ix->kernel.id)
		return 0;
	if (db_prepare(ix->db, &st, "SELECT max(nr) FROM syscall WHERE tree_id = ?1 AND "
		       "(?2 IS NULL AND abi IN ('common', '64') OR abi = ?2)") < 0 ||
	    db_bind_int(st, 1, ix->kernel.id) < 0 ||
	    (abi ? db_bind_text(st, 2, abi, -1) : db_bind_null(st, 2)) < 0)
		goto cleanup;
	r = db_step(st);
	if (r < 0)
		goto cleanup;
	if (r == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*out = sqlite3_column_int64(st, 0);
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

int ix_syscall_get(struct ix *ix, const char *abi, int64_t nr,
		   const struct ix_syscall **out)
{
	struct ix_cache *c = ix_cache(ix);
	struct ix_cached_syscall *s;

	*out = NULL;
	for (s = c->syscalls; s; s = s->next)
		if (s->nr == nr && (abi ? s->abi && !strcmp(s->abi, abi) : !s->abi)) {
			*out = s->rows.nr ? &s->rows.items[0] : NULL;
			return 0;
		}
	s = xcalloc(1, sizeof(*s));
	if (nr < 0 || !ix->kernel.id) {
		/* no table to look in: remembered as not found */
	} else if (syscalls_query(ix, abi, !abi, NULL, nr, &s->rows) < 0) {
		free(s);
		return -1;
	}
	s->abi = abi ? xstrdup(abi) : NULL;
	s->nr = nr;
	s->next = c->syscalls;
	c->syscalls = s;
	*out = s->rows.nr ? &s->rows.items[0] : NULL;
	return 0;
}

/* A tree-relative path that cannot leave the tree. */
static int ix_file_is_inside(const char *p)
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

/* The lines of file in tree (from the ring), or NULL when unreadable. */
static struct ix_source *ix_source_get(struct ix *ix, const struct ix_tree *tree,
				       const char *file)
{
	struct ix_cache *c = ix_cache(ix);
	struct strbuf full = STRBUF_INIT;
	struct ix_source *f;
	size_t i, alloc = 0;

	for (i = 0; i < IX_SOURCES; i++) {
		f = &c->sources[i];
		if (f->file && f->tree_id == tree->id && !strcmp(f->file, file))
			return f->missing ? NULL : f;
	}
	f = &c->sources[c->next_source];
	c->next_source = (c->next_source + 1) % IX_SOURCES;
	ix_source_release(f);
	f->tree_id = tree->id;
	f->file = xstrdup(file);
	strbuf_addf(&full, "%s/%s", tree->root, file);
	/* a tree without the file is no error: the excerpt is just absent */
	if (access(full.buf, R_OK) < 0 || strbuf_read_file(&f->text, full.buf) < 0) {
		f->missing = 1;
		strbuf_release(&full);
		return NULL;
	}
	strbuf_release(&full);
	for (i = 0; i < f->text.len; i++) {
		if (i && f->text.buf[i - 1] != '\n')
			continue;
		if ((size_t)f->nr_lines == alloc) {
			alloc = alloc ? 2 * alloc : 1024;
			f->lines = xrealloc(f->lines, alloc * sizeof(*f->lines));
		}
		f->lines[f->nr_lines++] = i;
	}
	return f;
}

int ix_excerpt(struct ix *ix, const struct ix_tree *tree, const char *file,
	       int64_t line, int before, int after, struct strbuf *out)
{
	struct ix_source *f;
	int64_t first, last, i;

	if (!tree->id || !tree->root || !file || line <= 0 || !ix_file_is_inside(file))
		return -1;
	f = ix_source_get(ix, tree, file);
	if (!f || line > f->nr_lines)
		return -1;
	first = line - before < 1 ? 1 : line - before;
	last = line + after > f->nr_lines ? f->nr_lines : line + after;
	for (i = first; i <= last; i++) {
		size_t s = f->lines[i - 1];
		size_t e = i < f->nr_lines ? f->lines[i] : f->text.len;

		strbuf_add(out, f->text.buf + s, e - s);
		if (e == s || f->text.buf[e - 1] != '\n')
			strbuf_addch(out, '\n');
	}
	return 0;
}

int ix_calls_of(struct ix *ix, int64_t caller_id, struct ix_call **calls, size_t *n)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r;

	*calls = NULL;
	*n = 0;
	if (!ix->db)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT c.line, " SYMBOL_COLS("s", "f") " FROM call c"
		       " JOIN symbol s ON s.id = c.callee_id LEFT JOIN file f ON f.id = s.file_id"
		       " WHERE c.caller_id = ?1 ORDER BY c.line, s.name") < 0 ||
	    db_bind_int(st, 1, caller_id) < 0) {
		db_finalize(st);
		return -1;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*calls = xrealloc(*calls, alloc * sizeof(**calls));
		}
		(*calls)[*n].line = sqlite3_column_int64(st, 0);
		symbol_read(st, 1, &(*calls)[*n].callee);
		(*n)++;
	}
	db_finalize(st);
	if (r < 0) {
		ix_calls_free(*calls, *n);
		*calls = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void ix_calls_free(struct ix_call *calls, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ix_symbol_release(&calls[i].callee);
	free(calls);
}

int ix_icalls_of(struct ix *ix, int64_t caller_id, struct ix_icall **icalls, size_t *n)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r;

	*icalls = NULL;
	*n = 0;
	if (!ix->db || db_user_version(ix->db) < 2)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT i.expr, i.member, f.path, i.line FROM icall i"
		       " JOIN file f ON f.id = i.file_id WHERE i.caller_id = ?1 ORDER BY i.line") < 0 ||
	    db_bind_int(st, 1, caller_id) < 0) {
		db_finalize(st);
		return -1;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		struct ix_icall *c;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 4;
			*icalls = xrealloc(*icalls, alloc * sizeof(**icalls));
		}
		c = &(*icalls)[(*n)++];
		c->expr = col_dup(st, 0);
		c->member = col_dup(st, 1);
		c->file = col_dup(st, 2);
		c->line = sqlite3_column_int64(st, 3);
	}
	db_finalize(st);
	if (r < 0) {
		ix_icalls_free(*icalls, *n);
		*icalls = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void ix_icalls_free(struct ix_icall *icalls, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(icalls[i].expr);
		free(icalls[i].member);
		free(icalls[i].file);
	}
	free(icalls);
}

int ix_member_inits(struct ix *ix, int64_t tree_id, const char *member, size_t limit,
		    struct ix_symbol **out, size_t *n, int64_t *total)
{
	sqlite3_stmt *st = NULL;
	int r;

	*out = NULL;
	*n = 0;
	*total = 0;
	if (!ix->db || !member || db_user_version(ix->db) < 2)
		return 0;
	if (db_prepare(ix->db, &st, "SELECT count(DISTINCT symbol_id) FROM member_init"
		       " WHERE tree_id = ?1 AND member = ?2") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 || db_bind_text(st, 2, member, -1) < 0 ||
	    (r = db_step(st)) < 0) {
		db_finalize(st);
		return -1;
	}
	*total = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	db_finalize(st);
	st = NULL;
	if (!*total || !limit)
		return 0;
	*out = xcalloc(limit, sizeof(**out));
	if (db_prepare(ix->db, &st,
		       "SELECT DISTINCT " SYMBOL_COLS("s", "f") " FROM member_init m"
		       " JOIN symbol s ON s.id = m.symbol_id LEFT JOIN file f ON f.id = s.file_id"
		       " WHERE m.tree_id = ?1 AND m.member = ?2 ORDER BY s.name, f.path LIMIT ?3") < 0 ||
	    db_bind_int(st, 1, tree_id) < 0 || db_bind_text(st, 2, member, -1) < 0 ||
	    db_bind_int(st, 3, (int64_t)limit) < 0) {
		db_finalize(st);
		free(*out);
		*out = NULL;
		return -1;
	}
	while ((r = db_step(st)) == SQLITE_ROW && *n < limit)
		symbol_read(st, 0, &(*out)[(*n)++]);
	db_finalize(st);
	if (r < 0) {
		ix_symbols_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int ix_decoder_args_of(struct ix *ix, int64_t decoder_id, struct ix_decoder_arg **out,
		       size_t *n)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r;

	*out = NULL;
	*n = 0;
	if (!ix->db || db_user_version(ix->db) < 3)
		return 0;
	if (db_prepare(ix->db, &st,
		       "SELECT a.arg, cf.path, a.line, " SYMBOL_COLS("p", "pf") ", "
		       SYMBOL_COLS("v", "vf") " FROM decoder_arg a"
		       " JOIN file cf ON cf.id = a.file_id"
		       " JOIN symbol p ON p.id = a.printer_id LEFT JOIN file pf ON pf.id = p.file_id"
		       " LEFT JOIN symbol v ON v.id = a.via_id LEFT JOIN file vf ON vf.id = v.file_id"
		       " WHERE a.decoder_id = ?1 ORDER BY a.arg, cf.path, a.line, p.name") < 0 ||
	    db_bind_int(st, 1, decoder_id) < 0) {
		db_finalize(st);
		return -1;
	}
	while ((r = db_step(st)) == SQLITE_ROW) {
		struct ix_decoder_arg *d;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			*out = xrealloc(*out, alloc * sizeof(**out));
		}
		d = &(*out)[(*n)++];
		d->arg = sqlite3_column_int64(st, 0);
		d->file = col_dup(st, 1);
		d->line = sqlite3_column_int64(st, 2);
		symbol_read(st, 3, &d->printer);
		symbol_read(st, 10, &d->via);
	}
	db_finalize(st);
	if (r < 0) {
		ix_decoder_args_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void ix_decoder_args_free(struct ix_decoder_arg *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ix_symbol_release(&rows[i].printer);
		ix_symbol_release(&rows[i].via);
		free(rows[i].file);
	}
	free(rows);
}
