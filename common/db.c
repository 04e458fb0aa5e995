#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db-image.h"
#include "error.h"
#include "infile.h"
#include "schema.h"
#include "strbuf.h"

static const char *db_path(sqlite3 *db)
{
	const char *p = db ? sqlite3_db_filename(db, "main") : NULL;

	return p && *p ? p : "database";
}

int db_error(sqlite3 *db, const char *what)
{
	return error("%s: %s: %s", db_path(db), what,
		     db ? sqlite3_errmsg(db) : "out of memory");
}

int db_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		error("%s: %s", db_path(db), msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int db_prepare(sqlite3 *db, sqlite3_stmt **st, const char *sql)
{
	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return db_error(db, "prepare");
	}
	return 0;
}

int db_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	return db_error(sqlite3_db_handle(st), "step");
}

int db_step_done(sqlite3_stmt *st)
{
	int rc = db_step(st);

	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return error("%s: statement returned rows: %s",
			     db_path(sqlite3_db_handle(st)), sqlite3_sql(st));
	return rc == SQLITE_DONE ? 0 : -1;
}

void db_finalize(sqlite3_stmt *st)
{
	if (st)
		sqlite3_finalize(st);
}

int db_begin(sqlite3 *db)
{
	return db_exec(db, "BEGIN");
}

int db_commit(sqlite3 *db)
{
	return db_exec(db, "COMMIT");
}

void db_rollback(sqlite3 *db)
{
	if (db && !sqlite3_get_autocommit(db))
		db_exec(db, "ROLLBACK");
}

int db_query_int(sqlite3 *db, const char *sql, int64_t *value)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, &st, sql) < 0)
		return -1;
	rc = db_step(st);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		error("%s: no result from: %s", db_path(db), sql);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int db_bind_int(sqlite3_stmt *st, int idx, int64_t v)
{
	if (sqlite3_bind_int64(st, idx, v) != SQLITE_OK)
		return db_error(sqlite3_db_handle(st), "bind");
	return 0;
}

int db_bind_text(sqlite3_stmt *st, int idx, const char *s, int len)
{
	int rc = s ? sqlite3_bind_text(st, idx, s, len, SQLITE_TRANSIENT)
		   : sqlite3_bind_null(st, idx);

	if (rc != SQLITE_OK)
		return db_error(sqlite3_db_handle(st), "bind");
	return 0;
}

int db_bind_null(sqlite3_stmt *st, int idx)
{
	if (sqlite3_bind_null(st, idx) != SQLITE_OK)
		return db_error(sqlite3_db_handle(st), "bind");
	return 0;
}

int db_make_standalone(sqlite3 *db)
{
	return db_exec(db, "PRAGMA journal_mode=DELETE");
}

int db_close(sqlite3 *db)
{
	if (!db)
		return 0;
	if (sqlite3_close(db) != SQLITE_OK) {
		db_error(db, "close");
		sqlite3_close_v2(db);
		return -1;
	}
	return 0;
}

/* What a schema's application_id says, for "is a sysatlas X database". */
static const char *kind_of(uint32_t app_id);

/*
 * Look at the file before SQLite does, so that a text file or an image
 * gets "not an SQLite database" rather than SQLite's own wording.
 * Returns 1 if the file exists and looks like SQLite, 0 if it is missing
 * or empty, -1 after error().
 */
static int check_header(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	char head[16];
	struct stat st;
	ssize_t n;
	int fd;

	if (stat(path, &st) < 0)
		return errno == ENOENT ? 0 : error_errno("%s", path);
	if (S_ISDIR(st.st_mode))
		return error("%s: is a directory, not a database", path);
	/* a FIFO or a device is refused here, before SQLite blocks on it */
	fd = infile_open(path, 0, &st);
	if (fd < 0)
		return -1;
	if (st.st_size == 0) {
		close(fd);
		return 0;
	}
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n != (ssize_t)sizeof(head) || memcmp(head, magic, sizeof(magic)))
		return error("%s: not a sysatlas database (not an SQLite file)", path);
	return 1;
}

/*
 * Create path as an empty file so that a missing directory or a permission
 * problem is reported with its errno, not as SQLite's "unable to open".
 * Returns 1 (and sets *created when this call made the file) or 0 after
 * error().
 */
static int created_empty(const char *path, int *created)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0) {
		if (errno == EEXIST)
			return 1;	/* an existing empty file */
		error_errno("%s", path);
		return 0;
	}
	close(fd);
	*created = 1;
	return 1;
}

/*
 * Write the empty database of schema (db-image.h) into the empty file at
 * path: what the migrations would make, without parsing them.  0 (or 0
 * with nothing written when there is no image), or -1 after error().
 */
static int write_image(const char *path, const struct db_schema *schema)
{
	const struct db_image *im;
	size_t done = 0;
	int fd;

	for (im = db_images; im->application_id; im++)
		if (im->application_id == schema->application_id && im->version == schema->version)
			break;
	if (!im->application_id)
		return 0;
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return error_errno("%s", path);
	while (done < im->len) {
		ssize_t n = write(fd, im->bytes + done, im->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			error_errno("%s: cannot write", path);
			close(fd);
			return -1;
		}
		done += (size_t)n;
	}
	if (close(fd) < 0)
		return error_errno("%s: cannot write", path);
	return 0;
}

static int migrate(sqlite3 *db, const struct db_schema *schema, int from)
{
	struct strbuf sql = STRBUF_INIT;
	int v, rc = -1;

	if (db_begin(db) < 0)
		return -1;
	for (v = from; v < schema->version; v++) {
		if (db_exec(db, schema->migrations[v]) < 0)
			goto cleanup;
	}
	strbuf_addf(&sql, "PRAGMA application_id=%u; PRAGMA user_version=%d;",
		    schema->application_id, schema->version);
	if (db_exec(db, sql.buf) < 0)
		goto cleanup;
	rc = db_commit(db);
cleanup:
	if (rc < 0)
		db_rollback(db);
	strbuf_release(&sql);
	return rc;
}

int db_open(sqlite3 **out, const char *path, const struct db_schema *schema,
	    unsigned flags)
{
	int writable = !!(flags & (DB_READWRITE | DB_CREATE | DB_NEW | DB_TRUNCATE));
	sqlite3 *db = NULL;
	int64_t app_id, version, tables;
	int exists, oflags, created = 0;

	*out = NULL;
	if (flags & DB_TRUNCATE) {
		if (unlink(path) < 0 && errno != ENOENT)
			return error_errno("%s", path);
		flags |= DB_CREATE;
	}
	exists = check_header(path);
	if (exists < 0)
		return -1;
	if ((flags & DB_NEW) && access(path, F_OK) == 0)
		return error("%s: already exists (use --force to replace it)", path);
	if (!exists && !(flags & (DB_CREATE | DB_NEW)))
		return access(path, F_OK) == 0 ?
			error("%s: empty file, not a sysatlas %s database", path, schema->kind) :
			error("%s: %s", path, strerror(ENOENT));

	if (!exists && !created_empty(path, &created))
		return -1;
	if (!exists && writable && write_image(path, schema) < 0) {
		if (created)
			unlink(path);
		return -1;
	}

	oflags = writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
	if (sqlite3_open_v2(path, &db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		error("%s: cannot open: %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close_v2(db);
		return -1;
	}
	sqlite3_extended_result_codes(db, 1);
	if (sqlite3_busy_timeout(db, 5000) != SQLITE_OK)
		goto fail_db;

	if (db_query_int(db, "PRAGMA application_id", &app_id) < 0 ||
	    db_query_int(db, "PRAGMA user_version", &version) < 0 ||
	    db_query_int(db, "SELECT count(*) FROM sqlite_master", &tables) < 0)
		goto fail;

	if (app_id == 0 && version == 0 && tables == 0 && !exists && writable) {
		/* a new file: nothing to check */
	} else if ((uint32_t)app_id != schema->application_id) {
		const char *other = kind_of((uint32_t)app_id);

		if (other)
			error("%s: is a sysatlas %s database, not a%s %s database",
			      path, other, schema->kind[0] == 'i' ? "n" : "", schema->kind);
		else
			error("%s: not a sysatlas %s database", path, schema->kind);
		goto fail;
	} else if (version > schema->version) {
		error("%s: %s database schema %lld is newer than this sysatlas "
		      "understands (%d); upgrade sysatlas", path, schema->kind,
		      (long long)version, schema->version);
		goto fail;
	} else if (version < 1) {
		error("%s: %s database has no schema version", path, schema->kind);
		goto fail;
	} else if (version < schema->version && !writable && !(flags & DB_OLDER_OK)) {
		error("%s: %s database schema %lld is older than %d; "
		      "open it writable once to migrate it", path, schema->kind,
		      (long long)version, schema->version);
		goto fail;
	}

	if (writable) {
		/*
		 * A file made now is a writer's temporary file, renamed into
		 * place only once complete (common/outfile.h): no fsync while
		 * it is made, not even of its first page.
		 */
		if (db_exec(db, exists ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
				       : "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;") < 0)
			goto fail;
		if (version < schema->version && migrate(db, schema, (int)version) < 0)
			goto fail;
	}
	*out = db;
	return 0;

fail_db:
	db_error(db, "open");
fail:
	sqlite3_close_v2(db);
	if (created)
		unlink(path);
	return -1;
}

int db_user_version(sqlite3 *db)
{
	int64_t v;

	return db_query_int(db, "PRAGMA user_version", &v) < 0 ? -1 : (int)v;
}

static const char *kind_of(uint32_t app_id)
{
	if (app_id == db_schema_trace.application_id)
		return db_schema_trace.kind;
	if (app_id == db_schema_index.application_id)
		return db_schema_index.kind;
	return NULL;
}
