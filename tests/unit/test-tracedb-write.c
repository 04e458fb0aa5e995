/*
 * Unit tests for common/tracedb-write.c and trace.db versions 6 and 7: a
 * call's enter and exit in one `ev` row, the rare columns in `ev_more`,
 * times from `ev_base`, the `event` view giving back every event as it
 * was written, writes through the view, and the migrations of a version-4
 * and a version-6 trace.
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
	is_int(q_int(db, "SELECT count(*) FROM ev JOIN ev_more m USING (seq) WHERE seq = 8 AND "
		     "x_seq = 1 AND m.enter_text = 'first('"),
	       1, "merged, the enter's text kept whole (in ev_more)");
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

	/* version 7: times from the run's start; the rare columns in ev_more */
	is_int(db_open(&db, path_in(&p, "b.db"), &db_schema_trace, DB_NEW), 0, "a second trace db");
	ok(db_exec(db, "INSERT INTO run(id, argv, started_ns, mono_start_ns, kernel_release, arch, "
		   "tool_version) VALUES (1, '[]', 0, 5000000000000, 'r', 'x86_64', 'v')") == 0,
	   "its run, started at 5000 s since boot");
	w = tracedb_writer_new(db);
	ok(w != NULL && db_begin(db) == 0, "a writer");
	r = call_row(1, 10, "enter", "read(3, ", "wait4");
	r.ts_ns = 5000000001000;
	tracedb_writer_event(w, &r);
	r = call_row(2, 10, "exit", "read(3, \"\", 1) = 0", "wait4");
	r.ts_ns = 5000000002000;
	r.has_retval = 1;
	r.has_enter_seq = 1;
	r.enter_seq = 1;
	tracedb_writer_event(w, &r);
	r = call_row(3, 10, "enter", "odd(", "wait4");
	r.ts_ns = 5000000003000;
	r.abi = "i386";
	tracedb_writer_event(w, &r);
	r = call_row(4, 10, "exit", "even() = 0", "wait4");
	r.ts_ns = 5000000004000;
	r.abi = "i386";
	r.stop = NULL;
	r.has_retval = 1;
	r.has_enter_seq = 1;
	r.enter_seq = 3;
	tracedb_writer_event(w, &r);
	ok(tracedb_writer_flush(w) == 0 && db_commit(db) == 0, "two merged calls written");
	tracedb_writer_free(w);
	is_int(q_int(db, "SELECT ns FROM ev_base"), 5000000000000, "ev_base: the run's start");
	is_int(q_int(db, "SELECT t FROM ev WHERE seq = 1"), 1000, "a time stored from it");
	is_int(q_int(db, "SELECT count(*) FROM ev"), 2, "two rows");
	is_int(q_int(db, "SELECT count(*) FROM ev_more"), 1, "one of them with rare columns");
	is_int(q_int(db, "SELECT count(*) FROM pragma_table_info('ev')"), 18, "ev: 18 columns");
	is_int(q_int(db, "SELECT (abi = 1) + 2 * (enter_text = 'odd(') + 4 * (x_stop = 0) FROM ev_more "
		     "WHERE seq = 3"), 7, "its abi, its enter's own text, its exit's missing stop");
	dump(db, &got);
	is_str(got.buf,
	       "1|10|5000000001000|'enter'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|NULL|'read(3, '|'wait4'|NULL|NULL\n"
	       "2|10|5000000002000|'exit'|'syscall'|NULL|0|100|101|102|NULL|NULL|NULL|0|'read(3, \"\", 1) = 0'|'wait4'|1|NULL\n"
	       "3|10|5000000003000|'enter'|'syscall'|'i386'|0|100|101|102|NULL|NULL|NULL|NULL|'odd('|'wait4'|NULL|NULL\n"
	       "4|10|5000000004000|'exit'|NULL|'i386'|0|100|101|102|NULL|NULL|NULL|0|'even() = 0'|'wait4'|3|NULL\n",
	       "the view gives back each event as written");
	ok(db_exec(db, "UPDATE event SET retval = 7 WHERE seq = 4") == 0, "update the odd exit");
	dump(db, &got);
	ok(strstr(got.buf, "3|10|5000000003000|'enter'|'syscall'|'i386'|0|100|101|102|NULL|NULL|NULL|"
		  "NULL|'odd('|'wait4'|NULL|NULL\n4|10|5000000004000|'exit'|NULL|'i386'|0|100|101|102|"
		  "NULL|NULL|NULL|7|'even() = 0'|'wait4'|3|NULL\n") != NULL,
	   "split: the enter and the exit keep their abi, texts and stops");
	ok(db_exec(db, "DELETE FROM event WHERE seq = 1") == 0, "delete a merged enter");
	is_int(q_int(db, "SELECT count(*) FROM event WHERE seq = 2 AND ts_ns = 5000000002000 AND "
		     "stop = 'syscall'"), 1, "its exit stays, its time and stop too");
	ok(db_exec(db, "DELETE FROM event") == 0 && q_int(db, "SELECT count(*) FROM ev_more") == 0,
	   "delete everything: ev_more too");
	db_close(db);

	/* rows after a held enter wait with it: written in seq order */
	is_int(db_open(&db, path_in(&p, "o.db"), &db_schema_trace, DB_NEW), 0, "a third trace db");
	w = tracedb_writer_new(db);
	ok(w != NULL && db_begin(db) == 0, "its writer");
	r = call_row(1, 20, "enter", "wait4(-1, ", "wait4");
	tracedb_writer_event(w, &r);
	for (int k = 2; k <= 40; k++) {
		r = call_row(k, 21, k % 2 ? "exit" : "enter", k % 2 ? "getpid() = 21" : "getpid(",
			     "wait4");
		r.has_enter_seq = k % 2;
		r.enter_seq = k - 1;
		r.has_retval = k % 2;
		tracedb_writer_event(w, &r);
	}
	is_int(q_int(db, "SELECT count(*) FROM ev"), 0, "nothing written while the first enter waits");
	ok(tracedb_writer_flush(w) == 0 && db_commit(db) == 0 && db_begin(db) == 0, "a commit");
	r = call_row(41, 20, "exit", "wait4(-1, NULL, 0, NULL) = 21", "wait4");
	r.has_enter_seq = 1;
	r.enter_seq = 1;
	tracedb_writer_event(w, &r);
	ok(tracedb_writer_flush(w) == 0 && db_commit(db) == 0, "its exit after the commit");
	is_int(q_int(db, "SELECT count(*) FROM ev"), 1 + 19 + 1 + 1,
	       "the enter, 19 merged getpids, the last getpid enter, the exit");
	is_int(tracedb_writer_scattered(w), 0, "no row was written behind a later one");
	is_int(q_int(db, "SELECT count(*) FROM event"), 41, "41 events through the view");
	tracedb_writer_free(w);
	db_close(db);

	/* a version-6 trace migrates: merged calls and their rare columns */
	{
		struct db_schema v6 = db_schema_trace;

		v6.version = 6;
		is_int(db_open(&db, path_in(&p, "v6.db"), &v6, DB_NEW), 0, "make a version-6 trace");
		ok(db_exec(db, "INSERT INTO run(id, argv, started_ns, mono_start_ns, kernel_release, "
			   "arch, tool_version) VALUES (1, '[]', 0, 7000, 'r', 'x86_64', 'v');"
			   "INSERT INTO mechanism(names) VALUES ('wait4');"
			   "INSERT INTO ev(seq, tid, ts_ns, kind, stop, abi, nr, arg0, retval, text, mech,"
			   " x_seq, x_ts, x_stop, x_mech, enter_len, enter_text) VALUES"
			   " (1, 5, 8000, 1, 1, NULL, 0, 3, 2, 'read(3, \"ab\", 2) = 2', 1, 1, 50, 1, 1, 8,"
			   "  NULL),"
			   " (3, 5, 9000, 1, 1, 2, 9, 4, 0, 'b() = 0', 1, 2, 60, 3, NULL, NULL, 'a(')") == 0 &&
		   db_exec(db, "INSERT INTO event(seq, tid, ts_ns, kind, other_tid) VALUES "
			   "(4, 5, 9010, 'clone', 6)") == 0, "with two merged calls and a clone");
		dump(db, &before);
		db_close(db);
		is_int(db_open(&db, p.buf, &db_schema_trace, DB_READWRITE), 0, "migrated");
		is_int(db_user_version(db), db_schema_trace.version, "to the current version");
		dump(db, &got);
		is_str(got.buf, before.buf, "the same events through the view");
		is_int(q_int(db, "SELECT ns FROM ev_base"), 7000, "times from the run's start");
		is_int(q_int(db, "SELECT sum(t) FROM ev"), 1000 + 2000 + 2010, "stored from it");
		is_int(q_int(db, "SELECT count(*) FROM ev_more"), 2, "two rows with rare columns");
		is_int(q_int(db, "SELECT count(*) FROM ev_more WHERE seq = 4 AND other_tid = 6 AND "
			     "stop = 0"), 1, "the clone's child, and its stop (none, not the usual event)");
		is_int(q_int(db, "SELECT count(*) FROM ev_more WHERE seq = 3 AND abi = 2 AND "
			     "enter_text = 'a(' AND x_stop = 3"), 1, "its abi, enter text and exit stop");
		db_close(db);
	}

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
	unlink(path_in(&p, "b.db"));
	unlink(path_in(&p, "o.db"));
	unlink(path_in(&p, "v6.db"));
	unlink(path_in(&p, "v4.db"));
	rmdir(dir);
	strbuf_release(&p);
	strbuf_release(&got);
	strbuf_release(&before);
	done_testing();
	return exit_status();
}
