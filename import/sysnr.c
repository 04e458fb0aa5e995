/*
 * Syscall numbers from the index (docs/schema.md: index.db, syscall):
 * the linux tree of the arch, its native rows (x86_64: "common" and
 * "64"), sorted by name for a binary search.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "schema.h"
#include "session.h"

struct sysnr_entry {
	char *name;
	int64_t nr;
};

struct sysnr {
	struct sysnr_entry *e;
	size_t n;
};

static int entry_cmp(const void *x, const void *y)
{
	return strcmp(((const struct sysnr_entry *)x)->name, ((const struct sysnr_entry *)y)->name);
}

struct sysnr *sysnr_load(const char *path, const char *arch)
{
	struct sysnr *t = xcalloc(1, sizeof(*t));
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	size_t alloc = 0;
	int step;

	if (db_open(&db, path, &db_schema_index, DB_READONLY | DB_OLDER_OK) < 0)
		goto fail;
	if (db_prepare(db, &st, "SELECT s.name, s.nr FROM syscall s JOIN tree t ON t.id = s.tree_id "
		       "WHERE t.kind = 'linux' AND t.arch = ? AND s.abi IN ('common', '64')") < 0 ||
	    db_bind_text(st, 1, arch, -1) < 0)
		goto fail;
	while ((step = db_step(st)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(st, 0);

		if (!name)
			continue;
		if (t->n == alloc) {
			alloc = alloc ? 2 * alloc : 512;
			t->e = xrealloc(t->e, alloc * sizeof(*t->e));
		}
		t->e[t->n].name = xstrdup((const char *)name);
		t->e[t->n].nr = sqlite3_column_int64(st, 1);
		t->n++;
	}
	if (step < 0)
		goto fail;
	if (!t->n) {
		error("%s: no Linux syscall table for %s", path, arch);
		goto fail;
	}
	qsort(t->e, t->n, sizeof(*t->e), entry_cmp);
	db_finalize(st);
	db_close(db);
	return t;
fail:
	db_finalize(st);
	db_close(db);
	sysnr_free(t);
	return NULL;
}

void sysnr_free(struct sysnr *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->e[i].name);
	free(t->e);
	free(t);
}

int sysnr_find(const struct sysnr *t, const char *name, size_t len, int64_t *nr)
{
	size_t lo = 0, hi = t ? t->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(t->e[mid].name, name, len);

		if (c == 0 && t->e[mid].name[len])
			c = 1;
		if (c == 0) {
			*nr = t->e[mid].nr;
			return 0;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
