/*
 * SQLite helpers: versioned open/create, statements, transactions.
 *
 * A sysatlas database carries PRAGMA application_id (which kind of
 * database it is) and PRAGMA user_version (its schema version).  db_open()
 * refuses anything else with a clear message, migrates an older schema when
 * opened for writing, and never crashes on a foreign or damaged file.
 * Every function reports failures itself, with sqlite3_errmsg(), and
 * returns -1 (or NULL).
 */
#ifndef SYSATLAS_DB_H
#define SYSATLAS_DB_H

#include <stdint.h>
#include <sqlite3.h>

struct db_schema {
	const char *kind;		/* "trace" or "index", for messages */
	uint32_t application_id;
	int version;			/* the version this build writes */
	/* migrations[i] takes user_version i to i + 1; version entries */
	const char *const *migrations;
};

enum db_open_flags {
	DB_READONLY = 0,
	DB_READWRITE = 1 << 0,		/* migrate an older schema */
	DB_CREATE = 1 << 1,		/* create when missing (implies RW) */
	DB_NEW = 1 << 2,		/* the file must not exist yet */
	DB_TRUNCATE = 1 << 3,		/* replace an existing file (--force) */
	DB_OLDER_OK = 1 << 4,		/* read-only: take an older schema as it is;
					   the caller asks db_user_version() */
};

/* The schema version of an open database (PRAGMA user_version); -1 after error(). */
int db_user_version(sqlite3 *db);

/*
 * Open path as a database of the given schema.  On success *out holds the
 * connection (busy timeout set; writable ones in WAL mode) and 0 is
 * returned.  On error, reports "sysatlas: <path>: <why>" and returns -1
 * with *out NULL; a file that exists is never modified on error, except
 * with DB_TRUNCATE, which removes it first.
 */
int db_open(sqlite3 **out, const char *path, const struct db_schema *schema,
	    unsigned flags);

/* Close; reports and returns -1 if SQLite cannot. NULL is a no-op. */
int db_close(sqlite3 *db);

/* Report "sysatlas: <path>: <what>: <sqlite3_errmsg>" and return -1. */
int db_error(sqlite3 *db, const char *what);

/* Run one or more statements that return no rows. 0 or -1. */
int db_exec(sqlite3 *db, const char *sql);

/* Prepare a (persistent when hot) statement. 0 or -1, *st NULL on error. */
int db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql);

/* Step: returns SQLITE_ROW or SQLITE_DONE, or -1 after db_error(). */
int db_step(sqlite3_stmt *st);

/* Step a statement that must complete, then reset it. 0 or -1. */
int db_step_done(sqlite3_stmt *st);

/* sqlite3_finalize, ignoring NULL. */
void db_finalize(sqlite3_stmt *st);

int db_begin(sqlite3 *db);
int db_commit(sqlite3 *db);
/* Roll back if a transaction is open; errors are reported, not returned. */
void db_rollback(sqlite3 *db);

/*
 * Run a query that yields one integer (e.g. "SELECT count(*) …").
 * Returns 0 and sets *value, or -1.  No row gives -1 with a message.
 */
int db_query_int(sqlite3 *db, const char *sql, int64_t *value);

/* Bind helpers that report their failure (index is 1-based). 0 or -1. */
int db_bind_int(sqlite3_stmt *st, int idx, int64_t v);
int db_bind_text(sqlite3_stmt *st, int idx, const char *s, int len);
int db_bind_null(sqlite3_stmt *st, int idx);

/* Switch a freshly written database to a single self-contained file
 * (rollback journal), as shipped and installed files must be. */
int db_make_standalone(sqlite3 *db);

#endif
