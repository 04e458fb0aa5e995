/*
 * dbq [-w] DB SQL...: run each SQL statement on DB (read-only, any SQLite
 * file; with -w read-write, for tests that damage a database on purpose)
 * and print its rows, columns joined by '|', NULL as empty, as the
 * sqlite3 shell's list mode does.  Exit 1 on any SQLite error.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	sqlite3 *db;
	int i, rc = 0, mode = SQLITE_OPEN_READONLY;

	if (argc > 1 && !strcmp(argv[1], "-w")) {
		mode = SQLITE_OPEN_READWRITE;
		argv++;
		argc--;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: dbq [-w] DB SQL...\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, mode, NULL) != SQLITE_OK) {
		fprintf(stderr, "dbq: %s: %s\n", argv[1], sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	sqlite3_busy_timeout(db, 5000);
	for (i = 2; i < argc && !rc; i++) {
		sqlite3_stmt *st;
		int step, c;

		if (sqlite3_prepare_v2(db, argv[i], -1, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "dbq: %s: %s\n", argv[i], sqlite3_errmsg(db));
			rc = 1;
			break;
		}
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			for (c = 0; c < sqlite3_column_count(st); c++) {
				const unsigned char *v = sqlite3_column_text(st, c);

				printf("%s%s", c ? "|" : "", v ? (const char *)v : "");
			}
			putchar('\n');
		}
		if (step != SQLITE_DONE) {
			fprintf(stderr, "dbq: %s: %s\n", argv[i], sqlite3_errmsg(db));
			rc = 1;
		}
		sqlite3_finalize(st);
	}
	if (sqlite3_close(db) != SQLITE_OK)
		rc = 1;
	return rc;
}
