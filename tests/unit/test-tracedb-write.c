/*
 * Unit tests for common/tracedb-write.c and trace.db version 6: a call's
 * enter and exit in one `ev` row, the `event` view giving back every
 * event as it was written, writes through the view, and the migration of
 * a version-4 trace.
 */
#include <stdlib.h>
#include <unistd.h>

#include "db.h"
#include "schema.h"
#include "strbuf.h"
#include "tap.h"
#include "tracedb-write.h"

static char dir[] = "/tmp/sysatlas-test-tracedbXXXXXX";

static const char *path_in(struct strbuf *sb, const char *name)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", dir, name);
	return sb->buf;
}

/* Every column of every event, quoted (NULL as NULL), in seq order. */
static void dump(sqlite3 *db, struct strbuf *out)
{
	sqlite3_stmt *st = NULL;

	strbuf_reset(out);
	if (db_prepare(db, &st, "SELECT quote(seq) || '|' || quote(tid) || '|' || quote(ts_ns) "
		       "|| '|' || quote(kind) || '|' || quote(stop) || '|' || quote(abi) || '|' "
		       "|| quote(nr) || '|' || quote(arg0) || '|' || quote(arg1) || '|' || "
		       "quote(arg2) || '|' || quote(arg3) || '|' || quote(arg4) || '|' || "
		       "quote(arg5) || '|' || quote(retval) || '|' || quote(text) || '|' || "
		       "quote(mechanism) || '|' || quote(enter_seq) || '|' || quote(other_tid) "
		       "FROM event ORDER BY seq") < 0)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		strbuf_addstr(out, (const char *)sqlite3_column_text(st, 0));
		strbuf_addch(out, '\n');
	}
	db_finalize(st);
}

static int64_t q_int(sqlite3 *db, const char *sql)
{
	int64_t v = -12345;

	if (db_query_int(db, sql, &v) < 0)
		return -12345;
	return v;
}

static struct tracedb_row call_row(int64_t seq, int64_t tid, const char *kind,
				   const char *text, const char *mech)
{
	struct tracedb_row r = { 0 };
	int i;

	r.seq = seq;
	r.tid = tid;
	r.ts_ns = 1000 * seq;
	r.kind = kind;
	r.stop = "syscall";
	r.has_nr = 1;
	r.nr = 0;
	r.has_args = 1;
	r.nargs = 3;
	for (i = 0; i < 6; i++)
		r.args[i] = 100 + i;
	r.text = text;
	r.text_len = -1;
	r.mechanism = mech;
	return r;
}

static const char want_written[] =
	"1|10|1000|'enter'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|NULL|'read(3, '|'wait4,PTRACE_SYSCALL'|NULL|NULL\n"
	"2|10|2000|'exit'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|2|'read(3, \"ab\", 2) = 2'|'wait4,process_vm_readv,PTRACE_SYSCALL'|1|NULL\n"
	"3|10|3000|'signal'|'signal'|NULL|17|NULL|NULL|NULL|NULL|NULL|NULL|NULL|'--- SIGCHLD ---'|'wait4'|NULL|NULL\n"
	"4|11|4000|'enter'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|NULL|'read(4, '|'wait4,PTRACE_SYSCALL'|NULL|NULL\n"
	"5|12|5000|'enter'|'syscall'|'i386'|0|100|101|102|NULL|NULL|NULL|NULL|'odd('|'wait4,PTRACE_SYSCALL'|NULL|NULL\n"
	"6|11|6000|'exit'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|-11|'read(4, 0x1, 2) = -1 EAGAIN'|'wait4,PTRACE_SYSCALL'|4|NULL\n"
	"7|12|7000|'exit'|'syscall'|'i386'|0|100|101|102|NULL|NULL|NULL|0|'other() = 0'|'wait4,PTRACE_SYSCALL'|5|NULL\n";

int main(void)
{
	struct strbuf p = STRBUF_INIT, got = STRBUF_INIT, before = STRBUF_INIT;
	struct tracedb_writer *w;
	struct tracedb_row r;
	sqlite3 *db = NULL;

	if (!mkdtemp(dir))
		skip_all("cannot create a temp dir");

	/* the writer: calls merged when both stops come before a flush */
	is_int(db_open(&db, path_in(&p, "w.db"), &db_schema_trace, DB_NEW), 0, "create a trace db");
	w = tracedb_writer_new(db);
	ok(w != NULL, "writer");
	ok(db_begin(db) == 0, "begin");
	r = call_row(1, 10, "enter", "read(3, ", "wait4,PTRACE_SYSCALL");
	is_int(tracedb_writer_event(w, &r), 0, "enter held");
	r = call_row(2, 10, "exit", "read(3, \"ab\", 2) = 2", "wait4,process_vm_readv,PTRACE_SYSCALL");
	r.has_retval = 1;
	r.retval = 2;
	r.has_enter_seq = 1;
	r.enter_seq = 1;
	is_int(tracedb_writer_event(w, &r), 0, "exit merged");
	r = call_row(3, 10, "signal", "--- SIGCHLD ---", "wait4");
	r.stop = "signal";
	r.nr = 17;
	r.has_args = 0;
	is_int(tracedb_writer_event(w, &r), 0, "a signal");
	r = call_row(4, 11, "enter", "read(4, ", "wait4,PTRACE_SYSCALL");
	is_int(tracedb_writer_event(w, &r), 0, "an enter of tid 11");
	r = call_row(5, 12, "enter", "odd(", "wait4,PTRACE_SYSCALL");
	r.abi = "i386";
	is_int(tracedb_writer_event(w, &r), 0, "an enter of tid 12");
	is_int(tracedb_writer_flush(w), 0, "flush the held enters");
	ok(db_commit(db) == 0 && db_begin(db) == 0, "commit");
	is_int(q_int(db, "SELECT count(*) FROM ev"), 4, "four rows so far: the held enters written alone");
	r = call_row(6, 11, "exit", "read(4, 0x1, 2) = -1 EAGAIN", "wait4,PTRACE_SYSCALL");
	r.has_retval = 1;
	r.retval = -11;
	r.has_enter_seq = 1;
	r.enter_seq = 4;
	is_int(tracedb_writer_event(w, &r), 0, "an exit after its enter's commit");
	r = call_row(7, 12, "exit", "other() = 0", "wait4,PTRACE_SYSCALL");
	r.abi = "i386";
	r.has_retval = 1;
	r.retval = 0;
	r.has_enter_seq = 1;
	r.enter_seq = 5;
	is_int(tracedb_writer_event(w, &r), 0, "an exit whose enter was flushed");
	is_int(tracedb_writer_flush(w), 0, "flush");
	ok(db_commit(db) == 0, "commit");
	tracedb_writer_free(w);
	dump(db, &got);
	is_str(got.buf, want_written, "the event view gives back every event");
	is_int(q_int(db, "SELECT count(*) FROM ev"), 6, "six rows for seven events");
	is_int(q_int(db, "SELECT x_seq * 1000 + enter_len FROM ev WHERE seq = 1"), 1008,
	       "the merged call: exit one later, enter text a prefix of 8 bytes");
	is_int(q_int(db, "SELECT count(*) FROM mechanism"), 3, "each mechanism list once");
	is_int(q_int(db, "SELECT count(*) FROM ev WHERE arg3 IS NOT NULL"), 0,
	       "only the call's own arguments stored");

	/* a merged call whose enter text is not a prefix of the exit's */
	w = tracedb_writer_new(db);
	ok(db_begin(db) == 0, "begin");
	r = call_row(8, 13, "enter", "first(", NULL);
	tracedb_writer_event(w, &r);
	r = call_row(9, 13, "exit", "second() = 0", NULL);
	r.has_enter_seq = 1;
	r.enter_seq = 8;
	tracedb_writer_event(w, &r);
	ok(tracedb_writer_flush(w) == 0 && db_commit(db) == 0, "written");
	tracedb_writer_free(w);
	is_int(q_int(db, "SELECT count(*) FROM ev WHERE seq = 8 AND x_seq = 1 AND enter_text = 'first('"),
	       1, "merged, the enter's text kept whole");
	is_int(q_int(db, "SELECT count(*) FROM event WHERE seq = 8 AND text = 'first(' AND "
		     "mechanism IS NULL AND retval IS NULL"), 1, "the enter's text back");
	is_int(q_int(db, "SELECT count(*) FROM event WHERE seq = 9 AND text = 'second() = 0' "
		     "AND enter_seq = 8"), 1, "the exit's");

	/* writes through the view split a merged call first */
	ok(db_exec(db, "UPDATE event SET retval = 99, mechanism = 'new' WHERE seq = 2") == 0,
	   "update a merged exit");
	dump(db, &got);
	ok(strstr(got.buf, "2|10|2000|'exit'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|99|"
		  "'read(3, \"ab\", 2) = 2'|'new'|1|NULL\n") != NULL, "the exit updated");
	ok(strstr(got.buf, "1|10|1000|'enter'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|NULL|"
		  "'read(3, '|'wait4,PTRACE_SYSCALL'|NULL|NULL\n") != NULL, "its enter unchanged");
	is_int(q_int(db, "SELECT count(*) FROM ev WHERE x_seq IS NOT NULL"), 1,
	       "one merged call left");
	ok(db_exec(db, "DELETE FROM event WHERE seq = 8") == 0, "delete a merged enter");
	is_int(q_int(db, "SELECT count(*) FROM event WHERE seq = 9 AND kind = 'exit' AND "
		     "text = 'second() = 0'"), 1, "its exit stays");
	is_int(q_int(db, "SELECT count(*) FROM event WHERE seq = 8"), 0, "the enter is gone");
	ok(db_exec(db, "INSERT INTO event(seq, tid, ts_ns, kind, stop, abi, mechanism) "
		   "VALUES (20, 1, 2, 'bogus', 'odd', 'mips', 'new')") == 0, "insert into the view");
	is_int(q_int(db, "SELECT count(*) FROM event WHERE seq = 20 AND kind = 'bogus' AND "
		     "stop = 'odd' AND abi = 'mips' AND mechanism = 'new'"), 1,
	       "unknown names kept as given");
	is_int(q_int(db, "SELECT count(*) FROM mechanism WHERE names = 'new'"), 1,
	       "a mechanism list interned once");
	ok(db_exec(db, "DELETE FROM event") == 0 && q_int(db, "SELECT count(*) FROM ev") == 0,
	   "delete everything");
	db_close(db);

	/* a version-4 trace migrates: the same events through the view */
	{
		struct db_schema v4 = db_schema_trace;

		v4.version = 4;
		is_int(db_open(&db, path_in(&p, "v4.db"), &v4, DB_NEW), 0, "make a version-4 trace");
		ok(db_exec(db, "INSERT INTO event VALUES "
			   "(1, 5, 10, 'enter', 'syscall', NULL, 0, 1, 2, 3, 4, 5, 6, NULL, 'read(', "
			   "'wait4,PTRACE_SYSCALL', NULL, NULL),"
			   "(2, 5, 20, 'exit', 'syscall', NULL, 0, 1, 2, 3, 4, 5, 6, 3, 'read() = 3', "
			   "'wait4,PTRACE_SYSCALL', 1, NULL),"
			   "(3, 5, 30, 'clone', 'event', 'x32', NULL, NULL, NULL, NULL, NULL, NULL, "
			   "NULL, NULL, NULL, 'wait4,PTRACE_GETEVENTMSG', NULL, 6),"
			   "(4, 6, 40, 'exited', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
			   "0, '+++ exited with 0 +++', NULL, NULL, NULL)") == 0, "with events");
		dump(db, &before);
		db_close(db);
		is_int(db_open(&db, p.buf, &db_schema_trace, DB_READONLY | DB_OLDER_OK), 0,
		       "read as it is");
		dump(db, &got);
		is_str(got.buf, before.buf, "its event table read read-only");
		db_close(db);
		is_int(db_open(&db, p.buf, &db_schema_trace, DB_READWRITE), 0, "migrated");
		is_int(db_user_version(db), db_schema_trace.version, "to the current version");
		dump(db, &got);
		is_str(got.buf, before.buf, "the same events through the view");
		is_int(q_int(db, "SELECT count(*) FROM ev"), 4, "one row per old event");
		is_int(q_int(db, "SELECT count(*) FROM mechanism"), 2, "the mechanism lists once");
		is_int(q_int(db, "SELECT count(*) FROM sqlite_master WHERE name = 'event_by_tid'"), 0,
		       "the old index dropped");
		db_close(db);
	}

	unlink(path_in(&p, "w.db"));
	unlink(path_in(&p, "v4.db"));
	rmdir(dir);
	strbuf_release(&p);
	strbuf_release(&got);
	strbuf_release(&before);
	done_testing();
	return exit_status();
}
