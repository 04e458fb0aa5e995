/*
 * mkindex [--trace] OUT.db FIXTURE.sql...: create an index database (a
 * trace database with --trace) with the real schema, through db_open, and
 * fill it with the fixtures' SQL.  Test fixtures stay readable text; no
 * binary database is committed.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "schema.h"
#include "strbuf.h"

int main(int argc, char **argv)
{
	const struct db_schema *schema = &db_schema_index;
	struct strbuf sql = STRBUF_INIT;
	sqlite3 *db = NULL;
	int i, rc = 1;

	if (argc > 1 && !strcmp(argv[1], "--trace")) {
		schema = &db_schema_trace;
		argc--;
		argv++;
	}
	if (argc < 3) {
		fputs("usage: mkindex [--trace] OUT.db FIXTURE.sql...\n", stderr);
		return 2;
	}
	if (db_open(&db, argv[1], schema, DB_CREATE | DB_TRUNCATE) < 0)
		goto cleanup;
	for (i = 2; i < argc; i++) {
		strbuf_reset(&sql);
		if (strbuf_read_file(&sql, argv[i]) < 0 || db_exec(db, sql.buf) < 0)
			goto cleanup;
	}
	if (db_make_standalone(db) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&sql);
	if (db_close(db) < 0)
		rc = 1;
	return rc;
}
