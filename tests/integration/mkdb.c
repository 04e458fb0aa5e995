/* mkdb trace|index PATH: create an empty sysatlas database (test fixture). */
#include <string.h>

#include "db.h"
#include "schema.h"

int main(int argc, char **argv)
{
	const struct db_schema *schema;
	sqlite3 *db;

	if (argc != 3)
		return 2;
	schema = !strcmp(argv[1], "index") ? &db_schema_index : &db_schema_trace;
	if (db_open(&db, argv[2], schema, DB_NEW) < 0)
		return 1;
	return db_close(db) < 0;
}
