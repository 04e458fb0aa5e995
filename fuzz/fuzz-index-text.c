/*
 * The index as text (sysatlas index --import-text): index_text_import()
 * into an empty in-memory index.  Oracle: a text that imports exports
 * again, and that export imports and exports to the very same text (the
 * text is a fixed point once written).
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "fuzz.h"
#include "index-text.h"
#include "schema.h"
#include "strbuf.h"

/* An empty index, as db_open(DB_CREATE) makes it, as an image: copied for each input. */
static unsigned char *empty;
static sqlite3_int64 empty_len;

static void make_empty(void)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3 *db = NULL;
	int v;

	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		fuzz_fail("index-text: no in-memory database");
	for (v = 0; v < db_schema_index.version; v++)
		if (db_exec(db, db_schema_index.migrations[v]) < 0)
			fuzz_fail("index-text: the schema does not apply");
	strbuf_addf(&sql, "PRAGMA application_id=%u; PRAGMA user_version=%d;",
		    db_schema_index.application_id, db_schema_index.version);
	if (db_exec(db, sql.buf) < 0)
		fuzz_fail("index-text: the schema does not apply");
	strbuf_release(&sql);
	empty = sqlite3_serialize(db, "main", &empty_len, 0);
	if (!empty)
		fuzz_fail("index-text: cannot serialize the empty index");
	sqlite3_close(db);
}

static sqlite3 *empty_index(void)
{
	unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)empty_len);
	sqlite3 *db = NULL;

	if (!copy)
		abort();
	memcpy(copy, empty, (size_t)empty_len);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_deserialize(db, "main", copy, empty_len, empty_len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
		fuzz_fail("index-text: cannot open the empty index");
	return db;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_quiet();
	make_empty();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sqlite3 *db = empty_index(), *db2;
	struct strbuf once = STRBUF_INIT, twice = STRBUF_INIT;

	if (index_text_import(db, (const char *)data, size, "fuzz") == 0 &&
	    index_text_export(db, &once) == 0) {
		db2 = empty_index();
		if (index_text_import(db2, once.buf, once.len, "exported") < 0)
			fuzz_fail("index-text: its own export does not import");
		if (index_text_export(db2, &twice) < 0 || twice.len != once.len ||
		    memcmp(twice.buf, once.buf, once.len))
			fuzz_fail("index-text: the export is not a fixed point");
		sqlite3_close(db2);
	}
	sqlite3_close(db);
	strbuf_release(&once);
	strbuf_release(&twice);
	return 0;
}
