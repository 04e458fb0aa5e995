/*
 * The trace.db reader (web/tracedb.h) over mutated databases.
 *
 * An input is either a whole SQLite image ("SQLite format 3" first),
 * read as the trace, or a list of edits (rolled back after each input)
 * to a small valid trace built at start (two processes, three threads,
 * calls, a fork, a clone, an exec, a signal, exits): each edit sets one
 * column of one row of a stored table (run, task, ev, ev_more, ev_base,
 * mechanism) to NULL, a number (one of the extremes, or 8 bytes of
 * input), a kind name, or text taken from the input, or deletes a row or
 * copies it with one column changed.  The statements are prepared once:
 * an input costs what the reader does with it.  The run is loaded and
 * every event streamed.
 *
 * Oracles: every call and marker has a lane of the run and times in
 * [0, TRACEDB_MAX_T]; the lane of a fork's child is -1 or a lane; argv
 * and options go through argv_from_json() (the sanitizers watch).
 */
#include <stdlib.h>
#include <string.h>

#include "argv-json.h"
#include "db.h"
#include "fuzz.h"
#include "schema.h"
#include "strbuf.h"
#include "tracedb.h"

static const char base_sql[] =
	"INSERT INTO run(id, argv, cwd, started_ns, mono_start_ns, ended_ns, kernel_release, arch,"
	" tool_version, options, exit_status) VALUES (1, '[\"demo\", \"a\\\"b\", \"\\u00e9\"]', '/',"
	" 1767225600000000000, 1000000000, 1000200000, '6.1.0', 'x86_64', '0.1.0', '[\"-f\"]', 0);"
	"INSERT INTO task(tid, tgid, parent_tid, comm, first_seq, last_seq, exit_status) VALUES"
	" (100, 100, NULL, 'demo', 1, 20, 0), (101, 101, 100, 'child', 12, 16, 0),"
	" (102, 100, 100, 'worker', 17, 19, NULL);"
	"INSERT INTO event(seq, tid, ts_ns, kind, nr, arg0, retval, text, mechanism, enter_seq, other_tid)"
	" VALUES (1, 100, 1000001000, 'enter', 59, 1, NULL, 'execve(\"/bin/demo\"', 'PTRACE_GET_SYSCALL_INFO', NULL, NULL),"
	" (2, 100, 1000002000, 'exec', 59, NULL, NULL, '/bin/demo', 'readlink', NULL, 100),"
	" (3, 100, 1000003000, 'exit', 59, NULL, 0, 'execve(\"/bin/demo\") = 0', 'PTRACE_GET_SYSCALL_INFO', 1, NULL),"
	" (4, 100, 1000004000, 'enter', 257, -100, NULL, 'openat(AT_FDCWD, \"x\"', 'process_vm_readv', NULL, NULL),"
	" (5, 100, 1000005000, 'exit', 257, NULL, -2, 'openat(AT_FDCWD, \"x\") = -1 ENOENT', 'PTRACE_GET_SYSCALL_INFO', 4, NULL),"
	" (6, 100, 1000006000, 'enter', 0, 3, NULL, 'read(3, ', 'PTRACE_GET_SYSCALL_INFO', NULL, NULL),"
	" (7, 100, 1000007000, 'exit', 0, NULL, 10, 'read(3, \"abc\", 10) = 10', 'PTRACE_PEEKDATA', 6, NULL),"
	" (8, 100, 1000008000, 'enter', 56, 17, NULL, 'clone(', 'PTRACE_GET_SYSCALL_INFO', NULL, NULL),"
	" (9, 100, 1000009000, 'fork', 56, NULL, NULL, NULL, 'PTRACE_GETEVENTMSG', NULL, 101),"
	" (10, 100, 1000010000, 'exit', 56, NULL, 101, 'clone() = 101', 'PTRACE_GET_SYSCALL_INFO', 8, NULL),"
	" (11, 100, 1000011000, 'signal', 17, NULL, NULL, '--- SIGCHLD ---', 'PTRACE_GETSIGINFO', NULL, NULL),"
	" (12, 101, 1000012000, 'enter', 1, 1, NULL, 'write(1, \"hi\\n\", 3', 'process_vm_readv', NULL, NULL),"
	" (13, 101, 1000013000, 'exit', 1, NULL, 3, 'write(1, \"hi\\n\", 3) = 3', 'PTRACE_GET_SYSCALL_INFO', 12, NULL),"
	" (14, 101, 1000014000, 'enter', 231, 0, NULL, 'exit_group(0', 'PTRACE_GET_SYSCALL_INFO', NULL, NULL),"
	" (15, 101, 1000015000, 'exited', NULL, NULL, 0, '+++ exited with 0 +++', NULL, NULL, NULL),"
	" (16, 100, 1000016000, 'clone', 56, NULL, NULL, NULL, NULL, NULL, 102),"
	" (17, 102, 1000017000, 'enter', 202, 0, NULL, 'futex(', NULL, NULL, NULL),"
	" (18, 102, 1000018000, 'stop', 19, NULL, NULL, '--- stopped by SIGSTOP ---', 'PTRACE_LISTEN', NULL, NULL),"
	" (19, 102, 1000019000, 'detach', NULL, NULL, NULL, NULL, 'PTRACE_DETACH', NULL, NULL),"
	" (20, 100, 1000020000, 'exit', 60, NULL, 0, 'exit(0) = ?', NULL, NULL, NULL);";

/*
 * The tables the reader reads (through the event view), edited where they
 * are stored: the view's triggers are the writer's, and going around them
 * makes states they would never write (an ev_more row without its ev
 * row, a kind code out of range).  Their columns are read from the schema
 * at start.
 */
static const char *const table_names[] = { "run", "task", "ev", "ev_more", "ev_base", "mechanism" };
#define NTABLES (sizeof(table_names) / sizeof(table_names[0]))
#define MAXCOLS 32

static struct table {
	const char *name;
	int ncols;
	char *cols[MAXCOLS];
	/* prepared once: per column an update and a copy, and one delete */
	sqlite3_stmt *update[MAXCOLS], *copy[MAXCOLS], *delete;
} tables[NTABLES];

static const char *const kinds[] = { "enter", "exit", "signal", "stop", "fork", "vfork", "clone",
	"exec", "exited", "detach", "", "i386", "x32" };
static const long long extremes[] = { 0, 1, -1, 2, 3, 4, 5, 9, 10, 100, 101, 102, 4095, -4095, -4096,
	2147483647LL, -2147483648LL, 4294967296LL, 1LL << 60, (1LL << 62) + 1,
	9223372036854775807LL, -9223372036854775807LL - 1 };

/*
 * SQLite's memory, from a pool of its own: without it most of an input's
 * time is ASan's bookkeeping of SQLite's many small allocations (while
 * preparing the reader's statements on the event view), 925 inputs/s
 * against about twice that.  SQLite is not what is fuzzed here; the
 * reader's own memory (xmalloc, strbuf) stays under ASan.  Blocks are
 * kept on free lists by size class and never given back.
 */
#define POOL_ALIGN 16
#define POOL_CLASSES 4096		/* up to 64 KiB; larger ones from malloc() */
#define POOL_CHUNK (4 << 20)

static void *pool_free[POOL_CLASSES];
static char *pool_next, *pool_end;

static unsigned pool_class(sqlite3_uint64 n)
{
	return (unsigned)((n + POOL_ALIGN - 1) / POOL_ALIGN);
}

static void *pool_malloc(int n)
{
	unsigned k = pool_class(n > 0 ? (sqlite3_uint64)n : 1);
	size_t bytes = (size_t)k * POOL_ALIGN + POOL_ALIGN;
	char *p;

	if (k >= POOL_CLASSES) {
		p = malloc(bytes);
	} else if (pool_free[k]) {
		p = (char *)pool_free[k] - POOL_ALIGN;
		pool_free[k] = *(void **)pool_free[k];
	} else {
		if (pool_next + bytes > pool_end) {
			pool_next = malloc(POOL_CHUNK);
			if (!pool_next)
				return NULL;
			pool_end = pool_next + POOL_CHUNK;
		}
		p = pool_next;
		pool_next += bytes;
	}
	if (!p)
		return NULL;
	*(size_t *)p = k;
	return p + POOL_ALIGN;
}

static void pool_release(void *mem)
{
	char *p = (char *)mem - POOL_ALIGN;
	size_t k = *(size_t *)p;

	if (k >= POOL_CLASSES) {
		free(p);
		return;
	}
	*(void **)mem = pool_free[k];
	pool_free[k] = mem;
}

static int pool_size(void *mem)
{
	return (int)(*(size_t *)((char *)mem - POOL_ALIGN) * POOL_ALIGN);
}

static void *pool_realloc(void *mem, int n)
{
	void *q;
	int have = pool_size(mem);

	if (n <= have)
		return mem;
	q = pool_malloc(n);
	if (q) {
		memcpy(q, mem, (size_t)have);
		pool_release(mem);
	}
	return q;
}

static int pool_roundup(int n)
{
	return (int)(pool_class(n > 0 ? (sqlite3_uint64)n : 1) * POOL_ALIGN);
}

static int pool_init(void *arg)
{
	(void)arg;
	return SQLITE_OK;
}

static void pool_shutdown(void *arg)
{
	(void)arg;
}

static const sqlite3_mem_methods pool_methods = {
	pool_malloc, pool_release, pool_realloc, pool_size, pool_roundup, pool_init, pool_shutdown, NULL
};

/* The base trace, open for the whole run: each input's edits are rolled back. */
static sqlite3 *base;

static void must(sqlite3 *db, const char *sql)
{
	if (db_exec(db, sql) < 0)
		fuzz_fail("tracedb: %s", sql);
}

static sqlite3_stmt *prepare(sqlite3 *db, struct strbuf *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql->buf, -1, &st, NULL) != SQLITE_OK)
		fuzz_fail("tracedb: %s: %s", sql->buf, sqlite3_errmsg(db));
	strbuf_reset(sql);
	return st;
}

/* t's columns from the schema, and its statements. */
static void table_prepare(sqlite3 *db, struct table *t, const char *name)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	int c, k;

	t->name = name;
	strbuf_addf(&sql, "SELECT name FROM pragma_table_info('%s') ORDER BY cid", name);
	st = prepare(db, &sql);
	while (sqlite3_step(st) == SQLITE_ROW && t->ncols < MAXCOLS)
		t->cols[t->ncols++] = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (!t->ncols)
		fuzz_fail("tracedb: no table %s", name);
	for (c = 0; c < t->ncols; c++) {
		strbuf_addf(&sql, "UPDATE OR IGNORE %s SET %s = ?1 WHERE rowid = ?2", name, t->cols[c]);
		t->update[c] = prepare(db, &sql);
		/* a row again, column c set to ?1: an event under another seq, a tid reused */
		strbuf_addf(&sql, "INSERT OR IGNORE INTO %s SELECT ", name);
		for (k = 0; k < t->ncols; k++)
			strbuf_addf(&sql, "%s%s", k ? ", " : "", k == c ? "?1" : t->cols[k]);
		strbuf_addf(&sql, " FROM %s WHERE rowid = ?2", name);
		t->copy[c] = prepare(db, &sql);
	}
	strbuf_addf(&sql, "DELETE FROM %s WHERE rowid = ?2", name);
	t->delete = prepare(db, &sql);
	strbuf_release(&sql);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3 *db;
	int v;

	(void)argc;
	(void)argv;
	fuzz_quiet();
	if (sqlite3_config(SQLITE_CONFIG_MALLOC, &pool_methods) != SQLITE_OK)
		fuzz_fail("tracedb: SQLite would not take the pool");
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		fuzz_fail("tracedb: no in-memory database");
	/*
	 * A large lookaside for the base trace, open for the whole run: the
	 * edits through the view's triggers and the reader's statements make
	 * thousands of small allocations an input, and under ASan each
	 * malloc is most of the target's time (227 -> 300 inputs/s).
	 */
	sqlite3_db_config(db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 512, 8192);
	for (v = 0; v < db_schema_trace.version; v++)
		must(db, db_schema_trace.migrations[v]);
	strbuf_addf(&sql, "PRAGMA application_id=%u; PRAGMA user_version=%d;",
		    db_schema_trace.application_id, db_schema_trace.version);
	must(db, sql.buf);
	must(db, base_sql);
	base = db;
	strbuf_release(&sql);
	for (v = 0; v < (int)NTABLES; v++)
		table_prepare(db, &tables[v], table_names[v]);
	return 0;
}

/* A database from bytes (a copy SQLite owns), or NULL. */
static sqlite3 *from_image(const void *img, size_t len)
{
	unsigned char *copy = sqlite3_malloc64(len ? len : 1);
	sqlite3 *db;

	if (!copy)
		abort();
	memcpy(copy, img, len);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

struct cursor {
	const uint8_t *p, *end;
};

static unsigned byte(struct cursor *c)
{
	return c->p < c->end ? *c->p++ : 0;
}

/* Apply one edit read from c. */
static void edit(struct cursor *c)
{
	unsigned op = byte(c), row = byte(c) % 24, col, how;
	struct table *t = &tables[op % NTABLES];
	sqlite3_stmt *st;

	col = byte(c) % (unsigned)t->ncols;
	how = (op / NTABLES) % 8;
	st = how == 6 ? t->delete : how == 7 ? t->copy[col] : t->update[col];
	sqlite3_bind_int(st, 2, (int)row);
	switch (how) {
	case 0:
	case 6:
		sqlite3_bind_null(st, 1);
		break;
	case 1:
		sqlite3_bind_int64(st, 1, extremes[byte(c) % (sizeof(extremes) / sizeof(extremes[0]))]);
		break;
	case 2: {
		uint64_t v = 0;
		int k;

		for (k = 0; k < 8; k++)
			v = v << 8 | byte(c);
		sqlite3_bind_int64(st, 1, (sqlite3_int64)v);
		break;
	}
	case 3:
		sqlite3_bind_text(st, 1, kinds[byte(c) % (sizeof(kinds) / sizeof(kinds[0]))], -1,
				  SQLITE_STATIC);
		break;
	case 4:
	case 5: {
		size_t n = byte(c), left = (size_t)(c->end - c->p);

		if (n > left)
			n = left;
		sqlite3_bind_text(st, 1, (const char *)c->p, (int)n, SQLITE_TRANSIENT);
		c->p += n;
		break;
	}
	case 7:
		sqlite3_bind_int(st, 1, (int)byte(c));
		break;
	}
	sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

static int on_call(void *ctx, const struct tracedb_call *c)
{
	struct tracedb_run *r = ctx;

	if (c->lane < 0 || c->lane >= r->ntasks)
		fuzz_fail("tracedb: call seq %lld has lane %d of %d", (long long)c->seq, c->lane, r->ntasks);
	if (c->t0 < 0 || c->t1 < 0 || c->t0 > TRACEDB_MAX_T || c->t1 > TRACEDB_MAX_T)
		fuzz_fail("tracedb: call seq %lld at %lld..%lld", (long long)c->seq,
			  (long long)c->t0, (long long)c->t1);
	if (!c->text || !c->mech_enter || !c->mech_exit)
		fuzz_fail("tracedb: call seq %lld without its strings", (long long)c->seq);
	return 0;
}

static int on_marker(void *ctx, const struct tracedb_marker *m)
{
	struct tracedb_run *r = ctx;
	int child;

	if (m->lane < 0 || m->lane >= r->ntasks)
		fuzz_fail("tracedb: marker seq %lld has lane %d of %d", (long long)m->seq, m->lane,
			  r->ntasks);
	if (m->t < 0 || m->t > TRACEDB_MAX_T)
		fuzz_fail("tracedb: marker seq %lld at %lld", (long long)m->seq, (long long)m->t);
	if ((unsigned)m->kind >= TRACEDB_MARKER_KINDS)
		fuzz_fail("tracedb: marker kind %d", (int)m->kind);
	child = tracedb_lane_at(r, m->other_tid, m->seq, 1, NULL);
	if (child < -1 || child >= r->ntasks)
		fuzz_fail("tracedb: child lane %d of %d", child, r->ntasks);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cursor c = { data, data + size };
	struct tracedb_run run;
	struct tracedb_sink sink = { on_call, on_marker, &run };
	struct strbuf words = STRBUF_INIT;
	sqlite3 *db;
	int i, image = size >= 16 && !memcmp(data, "SQLite format 3", 16);

	if (image) {
		db = from_image(data, size);
		if (!db)
			return 0;
	} else {
		db = base;
		must(db, "SAVEPOINT input");
		while (c.p < c.end)
			edit(&c);
	}
	if (tracedb_run_load(db, &run) == 0) {
		if (run.argv_json)
			argv_from_json(run.argv_json, &words);
		if (run.options)
			argv_from_json(run.options, &words);
		tracedb_stream(db, &run, &sink, NULL, NULL);
		for (i = 0; i < run.ntasks; i++)
			if (run.tasks[i].first_t > TRACEDB_MAX_T || run.tasks[i].last_t > TRACEDB_MAX_T)
				fuzz_fail("tracedb: task %d at %lld..%lld", i,
					  (long long)run.tasks[i].first_t, (long long)run.tasks[i].last_t);
		tracedb_run_release(&run);
	}
	strbuf_release(&words);
	if (image)
		sqlite3_close(db);
	else
		must(db, "ROLLBACK TO input; RELEASE input");
	return 0;
}
