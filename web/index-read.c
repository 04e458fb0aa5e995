#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "db.h"
#include "error.h"
#include "index-read.h"
#include "schema.h"
#include "strbuf.h"

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

int ix_open(struct ix *ix, const char *path)
{
	memset(ix, 0, sizeof(*ix));
	if (db_open(&ix->db, path, &db_schema_index, DB_READONLY) < 0)
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

void ix_close(struct ix *ix)
{
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
static const char syscall_select[] =
	"SELECT s.abi, s.nr, s.name, s.entry_point, s.status, s.reason,"
	" ss.decoder, ss.flags, ss.nargs, "
	SYMBOL_COLS("d", "df") ", " SYMBOL_COLS("c", "cf")
	" FROM syscall s"
	" LEFT JOIN symbol d ON d.id = s.definition_id"
	" LEFT JOIN file df ON df.id = d.file_id"
	" LEFT JOIN strace_syscall ss ON ss.tree_id = ?2 AND ss.name = s.name AND ss.nr = s.nr"
	" LEFT JOIN symbol c ON c.id = coalesce(s.decoder_id, ss.decoder_id)"
	" LEFT JOIN file cf ON cf.id = c.file_id"
	" WHERE s.tree_id = ?1 AND (?3 IS NULL OR s.abi = ?3) AND (?4 IS NULL OR s.name = ?4)"
	" ORDER BY CASE s.abi WHEN 'common' THEN 0 WHEN '64' THEN 1 WHEN 'x32' THEN 2"
	" WHEN 'i386' THEN 3 ELSE 4 END, s.abi, s.nr";

static int syscalls_query(struct ix *ix, const char *abi, const char *name,
			  struct ix_syscall_list *list)
{
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int r, rc = -1;

	memset(list, 0, sizeof(*list));
	if (db_prepare(ix->db, &st, syscall_select) < 0 ||
	    db_bind_int(st, 1, ix->kernel.id) < 0 ||
	    db_bind_int(st, 2, ix->strace.id) < 0 ||
	    (abi ? db_bind_text(st, 3, abi, -1) : db_bind_null(st, 3)) < 0 ||
	    (name ? db_bind_text(st, 4, name, -1) : db_bind_null(st, 4)) < 0)
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
	return syscalls_query(ix, abi, NULL, list);
}

int ix_syscall_find(struct ix *ix, const char *name, struct ix_syscall_list *list)
{
	if (syscalls_query(ix, NULL, name, list) < 0)
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
