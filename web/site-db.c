/*
 * The site's trace.db: a copy of the trace (sqlite3_backup, so a trace
 * still in WAL mode is copied whole), redacted for --redact.  The input is
 * only read; the copy is written into the site's temporary directory.
 */
#include <sqlite3.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "redact.h"
#include "report.h"

/* SQL function sysatlas_redact(text): redact_strings() of text. */
static void sql_redact(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sqlite3_value_text(argv[0]);
	int len = sqlite3_value_bytes(argv[0]);
	struct strbuf sb = STRBUF_INIT;

	(void)argc;
	if (!t) {
		sqlite3_result_null(ctx);
		return;
	}
	redact_strings(&sb, t, (size_t)len);
	sqlite3_result_text(ctx, sb.buf, (int)sb.len, SQLITE_TRANSIENT);
	strbuf_release(&sb);
}

/*
 * Redact the copy: every event's text, then rebuild the file (VACUUM), so
 * no page of it keeps a string the program wrote.
 */
static int site_db_redact(sqlite3 *db)
{
	if (sqlite3_create_function(db, "sysatlas_redact", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
				    NULL, sql_redact, NULL, NULL) != SQLITE_OK)
		return db_error(db, "cannot add the redaction function");
	return db_exec(db, "PRAGMA secure_delete = ON; BEGIN; "
		       "UPDATE event SET text = sysatlas_redact(text) WHERE instr(text, '\"'); "
		       "COMMIT; VACUUM");
}

int report_site_db(struct report *r)
{
	struct strbuf path = STRBUF_INIT;
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	int rc = -1, src;

	if (r->o->db != WEB_DB_COPY)
		return 0;
	report_path(r, &path, "trace.db");
	/* the site's temporary directory is new: nothing is there to replace */
	if (sqlite3_open_v2(path.buf, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
			    NULL) != SQLITE_OK) {
		error("%s: cannot create: %s", path.buf, dst ? sqlite3_errmsg(dst) : "out of memory");
		goto cleanup;
	}
	bk = sqlite3_backup_init(dst, "main", r->trace, "main");
	if (!bk) {
		db_error(dst, "cannot copy the trace");
		goto cleanup;
	}
	src = sqlite3_backup_step(bk, -1);
	if (sqlite3_backup_finish(bk) != SQLITE_OK || src != SQLITE_DONE) {
		db_error(dst, "cannot copy the trace");
		goto cleanup;
	}
	/* one self-contained file, as a published file must be */
	if (db_make_standalone(dst) < 0)
		goto cleanup;
	if (r->o->redact && site_db_redact(dst) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (db_close(dst) < 0)
		rc = -1;
	strbuf_release(&path);
	return rc;
}
