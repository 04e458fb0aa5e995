/* Unit tests for common/db.c and the schemas in common/schema.c. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "db-image.h"
#include "schema.h"
#include "strbuf.h"
#include "tap.h"

static struct strbuf last_error = STRBUF_INIT;

static void capture(const char *line)
{
	strbuf_reset(&last_error);
	strbuf_addstr(&last_error, line);
}

static int contains(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

static char dir[] = "/tmp/sysatlas-test-dbXXXXXX";

static const char *path_in(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", dir, name);
	return sb->buf;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	close(fd);
}

/*
 * What a database holds, as text: its schema (every object's type, name,
 * table and SQL), application id, user version and the rows of every
 * table, in order.
 */
static void describe(sqlite3 *db, struct strbuf *out)
{
	sqlite3_stmt *st = NULL, *rows = NULL;

	sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master "
			   "ORDER BY type, name", -1, &st, NULL);
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		struct strbuf q = STRBUF_INIT;

		strbuf_addf(out, "%s %s %s %s\n", type, name, sqlite3_column_text(st, 2),
			    sqlite3_column_text(st, 3));
		if (strcmp(type, "table"))
			continue;
		strbuf_addf(&q, "SELECT * FROM \"%s\" ORDER BY rowid", name);
		if (sqlite3_prepare_v2(db, q.buf, -1, &rows, NULL) == SQLITE_OK) {
			while (sqlite3_step(rows) == SQLITE_ROW) {
				int i;

				for (i = 0; i < sqlite3_column_count(rows); i++)
					strbuf_addf(out, "%s|", sqlite3_column_text(rows, i) ?
						    (const char *)sqlite3_column_text(rows, i) : "NULL");
				strbuf_addch(out, '\n');
			}
		}
		sqlite3_finalize(rows);
		strbuf_release(&q);
	}
	sqlite3_finalize(st);
	sqlite3_prepare_v2(db, "SELECT 'id ' || (SELECT application_id FROM pragma_application_id)"
			   " || ' version ' || (SELECT user_version FROM pragma_user_version)", -1, &st, NULL);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		strbuf_addf(out, "%s\n", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* A new database (written from db-image.h) is what the migrations make. */
static void check_image(const struct db_schema *schema, const char *path)
{
	struct strbuf made = STRBUF_INIT, migrated = STRBUF_INIT, sql = STRBUF_INIT;
	sqlite3 *db = NULL, *mem = NULL;
	int v, good = 1;

	is_int(db_open(&db, path, schema, DB_NEW), 0, "create a new %s db", schema->kind);
	if (db)
		describe(db, &made);
	db_close(db);
	if (sqlite3_open(":memory:", &mem) != SQLITE_OK)
		good = 0;
	for (v = 0; good && v < schema->version; v++)
		good = sqlite3_exec(mem, schema->migrations[v], NULL, NULL, NULL) == SQLITE_OK;
	strbuf_addf(&sql, "PRAGMA application_id=%u; PRAGMA user_version=%d;",
		    schema->application_id, schema->version);
	good = good && sqlite3_exec(mem, sql.buf, NULL, NULL, NULL) == SQLITE_OK;
	ok(good, "the %s migrations run on an empty database", schema->kind);
	describe(mem, &migrated);
	sqlite3_close(mem);
	ok(made.len > 100 && !strcmp(made.buf, migrated.buf),
	   "a new %s db holds what its %d migrations make (%zu bytes of description)",
	   schema->kind, schema->version, made.len);
	if (strcmp(made.buf, migrated.buf))
		diag("made:\n%s\nmigrated:\n%s", made.buf, migrated.buf);
	strbuf_release(&made);
	strbuf_release(&migrated);
	strbuf_release(&sql);
}

/* A second schema version, to exercise migration from 1 to 2. */
static const char *next_migrations[16];

int main(void)
{
	struct strbuf p = STRBUF_INIT;
	struct db_schema trace_v2;
	sqlite3 *db = NULL;
	sqlite3_stmt *st;
	int64_t v;

	if (!mkdtemp(dir))
		skip_all("cannot create a temp dir");
	error_set_routine(capture);

	/* create, version and application id */
	is_int(db_open(&db, path_in(&p, "t.db"), &db_schema_trace, DB_NEW), 0, "create a trace db");
	ok(db_query_int(db, "PRAGMA user_version", &v) == 0 && v == db_schema_trace.version,
	   "user_version is the schema version");
	ok(db_query_int(db, "PRAGMA application_id", &v) == 0 && v == SYSATLAS_TRACE_APP_ID,
	   "application_id marks a trace db");
	ok(db_exec(db, "INSERT INTO task(tid, tgid) VALUES (1, 1)") == 0, "insert into the schema");
	is_int(db_prepare(db, &st, "SELECT tid FROM task WHERE tid = ?"), 0, "prepare");
	is_int(db_bind_int(st, 1, 1), 0, "bind");
	is_int(db_step(st), SQLITE_ROW, "step gives a row");
	is_int(sqlite3_column_int(st, 0), 1, "row value");
	db_finalize(st);
	ok(db_exec(db, "SELECT nonsense FROM nowhere") < 0, "bad SQL fails");
	ok(contains(last_error.buf, "no such table: nowhere"), "error carries sqlite3_errmsg: %s", last_error.buf);
	ok(contains(last_error.buf, "t.db"), "error names the file");
	is_int(db_close(db), 0, "close");

	/* DB_NEW refuses an existing file */
	ok(db_open(&db, path_in(&p, "t.db"), &db_schema_trace, DB_NEW) < 0 && !db, "DB_NEW refuses an existing file");
	ok(contains(last_error.buf, "already exists"), "says it exists: %s", last_error.buf);

	/* reopen read-only */
	is_int(db_open(&db, path_in(&p, "t.db"), &db_schema_trace, DB_READONLY), 0, "reopen read-only");
	ok(db_exec(db, "INSERT INTO task(tid, tgid) VALUES (2, 2)") < 0, "read-only refuses writes");
	db_close(db);

	/* a trace db is not an index db */
	ok(db_open(&db, path_in(&p, "t.db"), &db_schema_index, DB_READONLY) < 0, "trace db refused as index");
	ok(contains(last_error.buf, "is a sysatlas trace database, not an index database"),
	   "names what it is: %s", last_error.buf);

	/* not SQLite at all */
	write_bytes(path_in(&p, "text.db"), "hello, this is text\n", 20);
	ok(db_open(&db, p.buf, &db_schema_trace, DB_READONLY) < 0 && !db, "text file refused");
	ok(contains(last_error.buf, "not a sysatlas database (not an SQLite file)"), "says not SQLite: %s", last_error.buf);
	ok(db_open(&db, p.buf, &db_schema_trace, DB_READWRITE) < 0, "text file refused for writing too");
	{
		struct stat sbuf;

		ok(stat(p.buf, &sbuf) == 0 && sbuf.st_size == 20, "refused file left untouched");
	}

	/* a short file with SQLite's magic but garbage after it */
	{
		char junk[4096];

		memset(junk, 0xAB, sizeof(junk));
		memcpy(junk, "SQLite format 3", 16);
		write_bytes(path_in(&p, "junk.db"), junk, sizeof(junk));
		ok(db_open(&db, p.buf, &db_schema_trace, DB_READONLY) < 0 && !db, "corrupt SQLite header refused without a crash");
		ok(last_error.len > 0, "with a message: %s", last_error.buf);
	}

	/* a foreign SQLite database */
	{
		sqlite3 *raw;

		sqlite3_open(path_in(&p, "foreign.db"), &raw);
		sqlite3_exec(raw, "CREATE TABLE t(x)", NULL, NULL, NULL);
		sqlite3_close(raw);
		ok(db_open(&db, p.buf, &db_schema_trace, DB_READWRITE) < 0, "foreign SQLite db refused");
		ok(contains(last_error.buf, "not a sysatlas trace database"), "says so: %s", last_error.buf);
	}

	/* a newer schema */
	{
		sqlite3 *raw;

		sqlite3_open(path_in(&p, "newer.db"), &raw);
		sqlite3_exec(raw, "PRAGMA application_id=1396790354; PRAGMA user_version=99; CREATE TABLE t(x)",
			     NULL, NULL, NULL);
		sqlite3_close(raw);
		ok(db_open(&db, p.buf, &db_schema_trace, DB_READWRITE) < 0, "newer schema refused");
		ok(contains(last_error.buf, "schema 99 is newer"), "says newer: %s", last_error.buf);
	}

	/* missing file, missing directory, empty file */
	ok(db_open(&db, path_in(&p, "absent.db"), &db_schema_trace, DB_READONLY) < 0, "missing file refused");
	ok(contains(last_error.buf, "No such file"), "says missing: %s", last_error.buf);
	ok(db_open(&db, path_in(&p, "no/dir/x.db"), &db_schema_trace, DB_CREATE) < 0, "missing directory refused");
	ok(contains(last_error.buf, "no/dir/x.db: No such file or directory"), "names the path and errno: %s", last_error.buf);
	write_bytes(path_in(&p, "empty.db"), "", 0);
	ok(db_open(&db, p.buf, &db_schema_trace, DB_READONLY) < 0, "empty file refused read-only");
	ok(contains(last_error.buf, "empty file"), "says empty: %s", last_error.buf);

	/* migration N -> N+1 on a writable open, refusal on a read-only one */
	{
		int n = db_schema_trace.version, i;
		struct strbuf want = STRBUF_INIT;

		for (i = 0; i < n; i++)
			next_migrations[i] = db_schema_trace.migrations[i];
		next_migrations[n] = "ALTER TABLE run ADD COLUMN note TEXT;";
		trace_v2 = db_schema_trace;
		trace_v2.version = n + 1;
		trace_v2.migrations = next_migrations;
		strbuf_addf(&want, "older than %d", n + 1);
		ok(db_open(&db, path_in(&p, "t.db"), &trace_v2, DB_READONLY) < 0,
		   "older schema refused read-only");
		ok(contains(last_error.buf, want.buf), "says older: %s", last_error.buf);
		is_int(db_open(&db, p.buf, &trace_v2, DB_READONLY | DB_OLDER_OK), 0,
		       "older schema taken as it is with DB_OLDER_OK");
		is_int(db_user_version(db), n, "and its version is the older one");
		db_close(db);
		is_int(db_open(&db, p.buf, &trace_v2, DB_READWRITE), 0, "older schema migrated read-write");
		ok(db_query_int(db, "PRAGMA user_version", &v) == 0 && v == n + 1, "user_version now %d", n + 1);
		ok(db_exec(db, "UPDATE run SET note = 'x'") == 0, "migrated column exists");
		ok(db_query_int(db, "SELECT count(*) FROM task", &v) == 0 && v == 1, "data kept across migration");
		db_close(db);
		strbuf_release(&want);
	}

	/* a version-1 trace (before kernel stacks) migrates to the current schema */
	{
		struct db_schema v1 = db_schema_trace;

		v1.version = 1;
		is_int(db_open(&db, path_in(&p, "v1.db"), &v1, DB_NEW), 0, "make a version-1 trace");
		ok(db_exec(db, "INSERT INTO run(id, argv, started_ns, mono_start_ns, kernel_release, "
			   "arch, tool_version) VALUES (1, '[]', 1, 2, 'r', 'x86_64', 'v')") == 0,
		   "with a run row");
		db_close(db);
		is_int(db_open(&db, p.buf, &db_schema_trace, DB_READONLY | DB_OLDER_OK), 0,
		       "read as it is");
		is_int(db_user_version(db), 1, "still version 1 when read");
		db_close(db);
		is_int(db_open(&db, p.buf, &db_schema_trace, DB_READWRITE), 0, "migrated");
		ok(db_query_int(db, "SELECT count(*) FROM kstack", &v) == 0 && v == 0, "kstack exists");
		ok(db_query_int(db, "SELECT count(*) FROM run WHERE kernel_stacks IS NULL", &v) == 0 && v == 1,
		   "an old run has no stacks mode");
		db_close(db);
	}

	/* DB_TRUNCATE replaces */
	is_int(db_open(&db, path_in(&p, "t.db"), &db_schema_trace, DB_TRUNCATE), 0, "truncate replaces");
	ok(db_query_int(db, "SELECT count(*) FROM task", &v) == 0 && v == 0, "replaced db is empty");
	db_close(db);

	/* index schema creates */
	is_int(db_open(&db, path_in(&p, "i.db"), &db_schema_index, DB_NEW), 0, "create an index db");
	ok(db_exec(db, "INSERT INTO tree(kind, version, arch, url_template) VALUES ('linux', 'v5.7', 'x86_64', 'u')") == 0,
	   "index schema accepts a tree");
	ok(db_exec(db, "INSERT INTO tree(kind, version, arch, url_template) VALUES ('bsd', 'x', 'y', 'u')") < 0,
	   "index schema checks tree.kind");
	is_int(db_make_standalone(db), 0, "standalone journal mode");
	db_close(db);

	/* new databases come from the images made at build time */
	check_image(&db_schema_trace, path_in(&p, "image-t.db"));
	check_image(&db_schema_index, path_in(&p, "image-i.db"));
	{
		const struct db_image *im;
		int n = 0, current = 0;

		for (im = db_images; im->application_id; im++, n++)
			current += (im->application_id == db_schema_trace.application_id &&
				    im->version == db_schema_trace.version) ||
				   (im->application_id == db_schema_index.application_id &&
				    im->version == db_schema_index.version);
		ok(n == 2 && current == 2, "an image of each schema at its current version (%d of %d)",
		   current, n);
	}

	{
		struct strbuf cmd = STRBUF_INIT;

		strbuf_addf(&cmd, "rm -rf '%s'", dir);
		if (system(cmd.buf) != 0)
			diag("could not remove %s", dir);
		strbuf_release(&cmd);
	}
	strbuf_release(&p);
	strbuf_release(&last_error);
	done_testing();
	return exit_status();
}
