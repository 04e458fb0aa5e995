#include "schema.h"

/*
 * trace.db — what `sysatlas trace` recorded.
 *
 * Times are CLOCK_MONOTONIC nanoseconds unless named otherwise.  Syscall
 * arguments and return values are the raw 64-bit register values stored as
 * SQLite's signed 64-bit integers (reinterpret as unsigned to print them).
 */
/*
 * trace.db version 6 stores event.kind, .stop and .abi as small codes
 * (those of tracer/trace.h's enums: a native abi is NULL); a value the
 * codes do not know is kept as it was given.
 */
#define TRACE_KIND_CODE(x) \
	"  CASE " x " WHEN 'enter' THEN 1 WHEN 'exit' THEN 2 WHEN 'signal' THEN 3" \
	"    WHEN 'stop' THEN 4 WHEN 'fork' THEN 5 WHEN 'vfork' THEN 6 WHEN 'clone' THEN 7" \
	"    WHEN 'exec' THEN 8 WHEN 'exited' THEN 9 WHEN 'detach' THEN 10 ELSE " x " END"
#define TRACE_KIND_NAME(x) \
	"  CASE " x " WHEN 1 THEN 'enter' WHEN 2 THEN 'exit' WHEN 3 THEN 'signal'" \
	"    WHEN 4 THEN 'stop' WHEN 5 THEN 'fork' WHEN 6 THEN 'vfork' WHEN 7 THEN 'clone'" \
	"    WHEN 8 THEN 'exec' WHEN 9 THEN 'exited' WHEN 10 THEN 'detach' ELSE " x " END"
#define TRACE_STOP_CODE(x) \
	"  CASE " x " WHEN 'syscall' THEN 1 WHEN 'seccomp' THEN 2 WHEN 'event' THEN 3" \
	"    WHEN 'signal' THEN 4 WHEN 'group' THEN 5 ELSE " x " END"
#define TRACE_STOP_NAME(x) \
	"  CASE " x " WHEN 1 THEN 'syscall' WHEN 2 THEN 'seccomp' WHEN 3 THEN 'event'" \
	"    WHEN 4 THEN 'signal' WHEN 5 THEN 'group' ELSE " x " END"
#define TRACE_ABI_CODE(x) \
	"  CASE " x " WHEN 'i386' THEN 1 WHEN 'x32' THEN 2 ELSE " x " END"
#define TRACE_ABI_NAME(x) \
	"  CASE " x " WHEN 1 THEN 'i386' WHEN 2 THEN 'x32' ELSE " x " END"
/* NEW.mechanism into the mechanism table (never REPLACE: ids stay). */
#define TRACE_MECH_INTERN \
	"  INSERT INTO mechanism(names) SELECT NEW.mechanism WHERE NEW.mechanism IS NOT NULL" \
	"    AND NOT EXISTS (SELECT 1 FROM mechanism m WHERE m.names = NEW.mechanism);"
/*
 * Split the merged call that OLD (an event of the view) is the enter or
 * the exit of into two rows, one per event.
 */
#define TRACE_SPLIT_WHERE \
	"  WHERE x_seq IS NOT NULL AND (seq = OLD.seq OR (seq = OLD.enter_seq AND seq + x_seq = OLD.seq))"
#define TRACE_SPLIT \
	"  INSERT INTO ev(seq, tid, ts_ns, kind, stop, abi, nr, arg0, arg1, arg2, arg3, arg4," \
	"    arg5, retval, text, mech, enter_seq, other_tid)" \
	"  SELECT seq + x_seq, tid, ts_ns + x_ts, 2, x_stop, abi, nr, arg0, arg1, arg2, arg3," \
	"    arg4, arg5, retval, text, x_mech, seq, NULL FROM ev" TRACE_SPLIT_WHERE ";" \
	"  UPDATE ev SET retval = NULL," \
	"    text = CASE WHEN enter_len IS NOT NULL" \
	"      THEN CAST(substr(CAST(text AS BLOB), 1, enter_len) AS TEXT) ELSE enter_text END," \
	"    x_seq = NULL, x_ts = NULL, x_stop = NULL, x_mech = NULL, enter_len = NULL," \
	"    enter_text = NULL" TRACE_SPLIT_WHERE ";"

/*
 * Version 7: what few rows have lives in ev_more (the stop when it is not
 * the usual one for the kind, abi, enter_seq, other_tid, a merged call's
 * enter text and exit stop), times are stored from ev_base.ns.
 *
 * The usual stop of a kind (its code): syscall for enter and exit, signal
 * for a signal, group for a group-stop, event for fork, vfork, clone and
 * exec, none for the others.  ev_more.stop and .x_stop: NULL (or no row)
 * is the usual one (syscall for x_stop), 0 is no stop, any other value is
 * the stop (a code, or as given).
 */
#define TRACE7_BASE "(SELECT ns FROM ev_base)"
#define TRACE7_STOP_USUAL(k) \
	"CASE " k " WHEN 1 THEN 1 WHEN 2 THEN 1 WHEN 3 THEN 4 WHEN 4 THEN 5" \
	" WHEN 5 THEN 3 WHEN 6 THEN 3 WHEN 7 THEN 3 WHEN 8 THEN 3 END"
/* ev_more.stop for stop code s of kind code k */
#define TRACE7_STOP_STORE(k, s) \
	"CASE WHEN (" s ") IS (" TRACE7_STOP_USUAL(k) ") THEN NULL WHEN (" s ") IS NULL THEN 0" \
	" ELSE (" s ") END"
/* the stop code of kind code k with ev_more.stop m */
#define TRACE7_STOP_LOAD(k, m) \
	"CASE WHEN " m " IS NULL THEN " TRACE7_STOP_USUAL(k) " WHEN " m " IS 0 THEN NULL ELSE " m " END"
#define TRACE7_SPLIT_WHERE \
	"  WHERE x_seq IS NOT NULL AND (seq = OLD.seq OR (seq = OLD.enter_seq AND seq + x_seq = OLD.seq))"
/* the exit of a merged call gets its own rows; its enter keeps its own */
#define TRACE7_SPLIT \
	"  INSERT INTO ev(seq, tid, t, kind, nr, arg0, arg1, arg2, arg3, arg4, arg5," \
	"    retval, text, mech)" \
	"  SELECT seq + x_seq, tid, t + x_ts, 2, nr, arg0, arg1, arg2, arg3," \
	"    arg4, arg5, retval, text, x_mech FROM ev" TRACE7_SPLIT_WHERE ";" \
	"  INSERT OR REPLACE INTO ev_more(seq, stop, abi, enter_seq)" \
	"  SELECT ev.seq + ev.x_seq, m.x_stop, m.abi, ev.seq FROM ev LEFT JOIN ev_more m" \
	"    ON m.seq = ev.seq WHERE ev.x_seq IS NOT NULL AND (ev.seq = OLD.seq OR" \
	"      (ev.seq = OLD.enter_seq AND ev.seq + ev.x_seq = OLD.seq));" \
	"  UPDATE ev SET retval = NULL," \
	"    text = CASE WHEN enter_len IS NOT NULL" \
	"      THEN CAST(substr(CAST(text AS BLOB), 1, enter_len) AS TEXT)" \
	"      ELSE (SELECT enter_text FROM ev_more m WHERE m.seq = ev.seq) END," \
	"    x_seq = NULL, x_ts = NULL, x_mech = NULL, enter_len = NULL" TRACE7_SPLIT_WHERE ";" \
	"  UPDATE ev_more SET enter_text = NULL, x_stop = NULL WHERE seq IN (OLD.seq, OLD.enter_seq)" \
	"    AND seq IN (SELECT seq FROM ev WHERE x_seq IS NULL);" \
	TRACE7_MORE_TIDY("seq IN (OLD.seq, OLD.enter_seq)")
/* ev_more rows with nothing in them go */
#define TRACE7_MORE_TIDY(where) \
	"  DELETE FROM ev_more WHERE " where " AND stop IS NULL AND abi IS NULL AND" \
	"    enter_seq IS NULL AND other_tid IS NULL AND enter_text IS NULL AND x_stop IS NULL;"
/* NEW's rare columns into ev_more, when one of them says something */
#define TRACE7_MORE_NEW \
	"  INSERT OR REPLACE INTO ev_more(seq, stop, abi, enter_seq, other_tid)" \
	"  SELECT * FROM (SELECT NEW.seq AS s, " \
	TRACE7_STOP_STORE(TRACE_KIND_CODE("NEW.kind"), TRACE_STOP_CODE("NEW.stop")) " AS st," \
	TRACE_ABI_CODE("NEW.abi") " AS a, NEW.enter_seq AS e, NEW.other_tid AS o)" \
	"  WHERE st IS NOT NULL OR a IS NOT NULL OR e IS NOT NULL OR o IS NOT NULL;"

static const char *const trace_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE run("
	"  id INTEGER PRIMARY KEY,"
	"  argv TEXT NOT NULL,"			/* JSON array of strings */
	"  cwd TEXT,"
	"  started_ns INTEGER NOT NULL,"	/* CLOCK_REALTIME, ns since the epoch */
	"  mono_start_ns INTEGER NOT NULL,"	/* CLOCK_MONOTONIC at the same instant */
	"  ended_ns INTEGER,"			/* CLOCK_MONOTONIC; NULL: tracer did not finish */
	"  kernel_release TEXT NOT NULL,"	/* uname -r */
	"  arch TEXT NOT NULL,"			/* uname -m */
	"  tool_version TEXT NOT NULL,"
	"  options TEXT,"			/* the trace options as given */
	"  exit_status INTEGER"			/* wait status of the traced command */
	");"
	"CREATE TABLE task("
	"  id INTEGER PRIMARY KEY,"		/* a tid can be reused: one row per task */
	"  tid INTEGER NOT NULL,"
	"  tgid INTEGER NOT NULL,"
	"  parent_tid INTEGER,"			/* who forked/cloned it; NULL: launched or attached */
	"  comm TEXT,"				/* last known command name */
	"  first_seq INTEGER,"
	"  last_seq INTEGER,"
	"  exit_status INTEGER"			/* raw wait status; NULL: still running or detached */
	");"
	"CREATE INDEX task_by_tid ON task(tid, first_seq);"
	"CREATE TABLE event("
	"  seq INTEGER PRIMARY KEY,"
	"  tid INTEGER NOT NULL,"
	"  ts_ns INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"			/* enter exit signal stop fork vfork clone exec exited detach */
	"  stop TEXT,"				/* how it stopped: syscall seccomp event signal group */
	"  abi TEXT,"				/* syscall ABI when not the tracer's native one */
	"  nr INTEGER,"				/* syscall number; signal number for 'signal' */
	"  arg0 INTEGER, arg1 INTEGER, arg2 INTEGER,"
	"  arg3 INTEGER, arg4 INTEGER, arg5 INTEGER,"
	"  retval INTEGER,"			/* exit: return value; exited: wait status */
	"  text TEXT,"				/* decoded, strace style */
	"  mechanism TEXT,"			/* ptrace requests / reads used, comma-separated */
	"  enter_seq INTEGER,"			/* exit: seq of the matching enter */
	"  other_tid INTEGER"			/* fork/vfork/clone: child; exec: former tid */
	");"
	"CREATE INDEX event_by_tid ON event(tid, seq);",

	/*
	 * 1 -> 2: the running kernel's own stacks (/proc/TID/stack), at stops
	 * and sampled inside calls, stored once each.
	 */
	"ALTER TABLE run ADD COLUMN kernel_version TEXT;"	/* /proc/version */
	"ALTER TABLE run ADD COLUMN kernel_stacks TEXT;"	/* off first all; NULL: before stacks */
	"ALTER TABLE run ADD COLUMN kernel_stacks_note TEXT;"	/* why they could not be read */
	"CREATE TABLE kstack("
	"  id INTEGER PRIMARY KEY,"
	"  depth INTEGER NOT NULL,"		/* number of frames */
	"  frames TEXT NOT NULL UNIQUE"		/* 'func+0xoff/0xsize [mod]' a line, innermost first */
	");"
	"CREATE TABLE kstack_frame("
	"  stack_id INTEGER NOT NULL REFERENCES kstack(id),"
	"  depth INTEGER NOT NULL,"		/* 0: innermost (where the task is) */
	"  function TEXT NOT NULL,"
	"  offset INTEGER,"			/* NULL: a frame of unknown shape */
	"  size INTEGER,"
	"  module TEXT,"			/* NULL: built into the kernel */
	"  PRIMARY KEY (stack_id, depth)"
	") WITHOUT ROWID;"
	"CREATE INDEX kstack_frame_by_function ON kstack_frame(function);"
	"CREATE TABLE stop_kstack("		/* the stack at a ptrace stop */
	"  seq INTEGER,"			/* the event the stop made; NULL: none (exit) */
	"  tid INTEGER NOT NULL,"
	"  ts_ns INTEGER NOT NULL,"
	"  stop TEXT NOT NULL,"			/* syscall-enter syscall-exit seccomp signal group-stop
						   fork vfork clone exec exit */
	"  abi TEXT,"
	"  nr INTEGER,"				/* syscall or signal number */
	"  stack_id INTEGER NOT NULL REFERENCES kstack(id)"
	");"
	"CREATE INDEX stop_kstack_by_seq ON stop_kstack(seq);"
	"CREATE TABLE kstack_sample("		/* where a call waited, between its stops */
	"  call_seq INTEGER NOT NULL,"		/* the call's enter event */
	"  tid INTEGER NOT NULL,"
	"  ts_ns INTEGER NOT NULL,"
	"  state TEXT,"				/* /proc/TID/stat: S D R ... */
	"  stack_id INTEGER NOT NULL REFERENCES kstack(id)"
	");"
	"CREATE INDEX kstack_sample_by_call ON kstack_sample(call_seq);",

	/*
	 * 2 -> 3: where the trace came from (recorded, or imported from
	 * strace logs by `sysatlas import`), what its times mean, and the
	 * user-space stacks strace -k printed.
	 */
	"ALTER TABLE run ADD COLUMN source TEXT;"		/* trace import; NULL: trace */
	"ALTER TABLE run ADD COLUMN source_files TEXT;"		/* import: JSON array of logs */
	"ALTER TABLE run ADD COLUMN times TEXT;"		/* recorded log log-relative order */
	"ALTER TABLE run ADD COLUMN time_resolution_ns INTEGER;"	/* of the log's times */
	"ALTER TABLE run ADD COLUMN durations TEXT;"		/* recorded log none */
	"ALTER TABLE run ADD COLUMN skipped_lines INTEGER;"	/* import: lines not read */
	"CREATE TABLE ustack("			/* strace -k: the stack after a call */
	"  seq INTEGER PRIMARY KEY,"		/* the event it follows */
	"  frames TEXT NOT NULL"		/* as strace printed them, one a line */
	");",

	/*
	 * 3 -> 4: how the run ended for the report: the command line of an
	 * attached (-p) process, and the launched command's status after the
	 * tracer let it go on an interrupt (--wait-on-interrupt).
	 */
	"ALTER TABLE run ADD COLUMN attached_argv TEXT;"	/* -p: JSON array; NULL: launched */
	"ALTER TABLE run ADD COLUMN detached_status INTEGER;",	/* wait status after detach */

	/*
	 * 4 -> 5: how tracing started, for the report's "How tracing
	 * started": launched (fork, self-stop, PTRACE_SEIZE, SIGCONT, exec)
	 * or attached (-p: PTRACE_SEIZE and PTRACE_INTERRUPT per thread),
	 * and the PTRACE_O_* options PTRACE_SEIZE was given.
	 */
	"ALTER TABLE run ADD COLUMN start TEXT;"		/* launch attach; NULL: unknown */
	"ALTER TABLE run ADD COLUMN seize_options INTEGER;",	/* PTRACE_O_* mask */

	/*
	 * 5 -> 6: a smaller trace.db.  Events are stored in `ev`, a call's
	 * enter and exit in one row when the writer saw both before a
	 * commit; kind, stop and abi as small codes; the mechanism lists
	 * once each in `mechanism`.  `event` is a view with the columns and
	 * rows of version 5, writable through triggers.  Old rows are
	 * copied one per event (not merged).
	 */
	"CREATE TABLE mechanism("
	"  id INTEGER PRIMARY KEY,"
	"  names TEXT NOT NULL UNIQUE"		/* wait4,PTRACE_GET_SYSCALL_INFO,... */
	");"
	"CREATE TABLE ev("
	"  seq INTEGER PRIMARY KEY,"		/* the event, or the call's enter */
	"  tid INTEGER NOT NULL,"
	"  ts_ns INTEGER NOT NULL,"
	"  kind NOT NULL,"			/* code (see the view); other values as given */
	"  stop,"
	"  abi,"
	"  nr INTEGER,"
	"  arg0 INTEGER, arg1 INTEGER, arg2 INTEGER,"
	"  arg3 INTEGER, arg4 INTEGER, arg5 INTEGER,"
	"  retval INTEGER,"
	"  text TEXT,"				/* a merged call: the exit's (whole line) */
	"  mech INTEGER,"			/* mechanism.id */
	"  enter_seq INTEGER,"
	"  other_tid INTEGER,"
	"  x_seq INTEGER,"			/* merged call: exit seq - seq; NULL: no exit here */
	"  x_ts INTEGER,"			/* exit ts_ns - ts_ns */
	"  x_stop,"				/* the exit's stop code */
	"  x_mech INTEGER,"			/* the exit's mechanism.id */
	"  enter_len INTEGER,"			/* the enter's text: the first enter_len bytes of text */
	"  enter_text TEXT"			/* ... or this, when not a prefix */
	");"
	"INSERT INTO mechanism(names) SELECT DISTINCT mechanism FROM event "
	"  WHERE mechanism IS NOT NULL ORDER BY mechanism;"
	"INSERT INTO ev(seq, tid, ts_ns, kind, stop, abi, nr, arg0, arg1, arg2, arg3, arg4, arg5,"
	"  retval, text, mech, enter_seq, other_tid)"
	"  SELECT seq, tid, ts_ns,"
	TRACE_KIND_CODE("kind") ","
	TRACE_STOP_CODE("stop") ","
	TRACE_ABI_CODE("abi") ","
	"  nr, arg0, arg1, arg2, arg3, arg4, arg5, retval, text,"
	"  (SELECT id FROM mechanism m WHERE m.names = event.mechanism), enter_seq, other_tid"
	"  FROM event;"
	"DROP TABLE event;"
	"CREATE VIEW event(seq, tid, ts_ns, kind, stop, abi, nr, arg0, arg1, arg2, arg3, arg4,"
	"  arg5, retval, text, mechanism, enter_seq, other_tid) AS"
	"  SELECT seq, tid, ts_ns,"
	TRACE_KIND_NAME("kind") ","
	TRACE_STOP_NAME("stop") ","
	TRACE_ABI_NAME("abi") ","
	"    nr, arg0, arg1, arg2, arg3, arg4, arg5,"
	"    CASE WHEN x_seq IS NULL THEN retval END,"
	"    CASE WHEN x_seq IS NULL THEN text"
	"      WHEN enter_len IS NOT NULL THEN CAST(substr(CAST(text AS BLOB), 1, enter_len) AS TEXT)"
	"      ELSE enter_text END,"
	"    (SELECT names FROM mechanism m WHERE m.id = ev.mech), enter_seq, other_tid"
	"  FROM ev"
	"  UNION ALL"
	"  SELECT seq + x_seq, tid, ts_ns + x_ts, 'exit',"
	TRACE_STOP_NAME("x_stop") ","
	TRACE_ABI_NAME("abi") ","
	"    nr, arg0, arg1, arg2, arg3, arg4, arg5, retval, text,"
	"    (SELECT names FROM mechanism m WHERE m.id = ev.x_mech), seq, NULL"
	"  FROM ev WHERE x_seq IS NOT NULL;"
	/*
	 * Writes to the view (tests, hand edits): a row is written alone; an
	 * update or delete first splits the merged call it is part of.
	 */
	"CREATE TRIGGER event_insert INSTEAD OF INSERT ON event BEGIN "
	TRACE_MECH_INTERN
	"  INSERT INTO ev(seq, tid, ts_ns, kind, stop, abi, nr, arg0, arg1, arg2, arg3, arg4,"
	"    arg5, retval, text, mech, enter_seq, other_tid)"
	"  VALUES (NEW.seq, NEW.tid, NEW.ts_ns,"
	TRACE_KIND_CODE("NEW.kind") ","
	TRACE_STOP_CODE("NEW.stop") ","
	TRACE_ABI_CODE("NEW.abi") ","
	"    NEW.nr, NEW.arg0, NEW.arg1, NEW.arg2, NEW.arg3, NEW.arg4, NEW.arg5, NEW.retval,"
	"    NEW.text, (SELECT id FROM mechanism m WHERE m.names = NEW.mechanism),"
	"    NEW.enter_seq, NEW.other_tid);"
	"END;"
	"CREATE TRIGGER event_update INSTEAD OF UPDATE ON event BEGIN "
	TRACE_SPLIT
	TRACE_MECH_INTERN
	"  UPDATE ev SET seq = NEW.seq, tid = NEW.tid, ts_ns = NEW.ts_ns,"
	"    kind = " TRACE_KIND_CODE("NEW.kind") ","
	"    stop = " TRACE_STOP_CODE("NEW.stop") ","
	"    abi = " TRACE_ABI_CODE("NEW.abi") ","
	"    nr = NEW.nr, arg0 = NEW.arg0, arg1 = NEW.arg1, arg2 = NEW.arg2, arg3 = NEW.arg3,"
	"    arg4 = NEW.arg4, arg5 = NEW.arg5, retval = NEW.retval, text = NEW.text,"
	"    mech = (SELECT id FROM mechanism m WHERE m.names = NEW.mechanism),"
	"    enter_seq = NEW.enter_seq, other_tid = NEW.other_tid"
	"  WHERE seq = OLD.seq;"
	"END;"
	"CREATE TRIGGER event_delete INSTEAD OF DELETE ON event BEGIN "
	TRACE_SPLIT
	"  DELETE FROM ev WHERE seq = OLD.seq;"
	"END;",


	/*
	 * 6 -> 7: fewer bytes a row.  Every column costs a byte of record
	 * header in every row, NULL or not: the columns nearly always NULL or
	 * predictable (the stop, usual for the kind; abi; enter_seq;
	 * other_tid; a merged call's enter text when not a prefix, its exit
	 * stop when not syscall) move to ev_more, which has a row only where
	 * one of them says something; times are stored from ev_base.ns (the
	 * run's start), 4 bytes for 2 s where the boot time took 6 or 8.
	 * `event` gives back the same columns and rows.
	 */
	"CREATE TABLE ev_base("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  ns INTEGER NOT NULL"			/* ev.t + ns = CLOCK_MONOTONIC ns */
	");"
	"INSERT INTO ev_base VALUES (1, COALESCE((SELECT mono_start_ns FROM run ORDER BY id LIMIT 1), 0));"
	"CREATE TABLE ev7("
	"  seq INTEGER PRIMARY KEY,"		/* the event, or the call's enter */
	"  tid INTEGER NOT NULL,"
	"  t INTEGER NOT NULL,"			/* ts_ns - ev_base.ns */
	"  kind NOT NULL,"			/* code (see the view); other values as given */
	"  nr INTEGER,"
	"  arg0 INTEGER, arg1 INTEGER, arg2 INTEGER,"
	"  arg3 INTEGER, arg4 INTEGER, arg5 INTEGER,"
	"  retval INTEGER,"
	"  text TEXT,"				/* a merged call: the exit's (whole line) */
	"  mech INTEGER,"			/* mechanism.id */
	"  x_seq INTEGER,"			/* merged call: exit seq - seq; NULL: no exit here */
	"  x_ts INTEGER,"			/* exit ts_ns - ts_ns */
	"  x_mech INTEGER,"			/* the exit's mechanism.id */
	"  enter_len INTEGER"			/* the enter's text: the first enter_len bytes of text */
	");"
	"CREATE TABLE ev_more("			/* what few rows have */
	"  seq INTEGER PRIMARY KEY,"		/* ev.seq */
	"  stop,"				/* NULL: the kind's usual; 0: none; else a code */
	"  abi,"				/* code; NULL: the tracer's native ABI */
	"  enter_seq INTEGER,"
	"  other_tid INTEGER,"
	"  enter_text TEXT,"			/* a merged call's enter text, not a prefix */
	"  x_stop"				/* the exit's stop: NULL syscall, 0 none, else a code */
	");"
	"INSERT INTO ev7 SELECT seq, tid, ts_ns - " TRACE7_BASE ", kind, nr,"
	"  arg0, arg1, arg2, arg3, arg4, arg5, retval, text, mech, x_seq, x_ts, x_mech, enter_len"
	"  FROM ev;"
	"INSERT INTO ev_more SELECT seq, " TRACE7_STOP_STORE("kind", "stop") ", abi, enter_seq,"
	"  other_tid, CASE WHEN x_seq IS NOT NULL THEN enter_text END,"
	"  CASE WHEN x_seq IS NULL OR x_stop IS 1 THEN NULL WHEN x_stop IS NULL THEN 0 ELSE x_stop END"
	"  FROM ev;"
	TRACE7_MORE_TIDY("1")
	"DROP VIEW event;"
	"DROP TABLE ev;"
	"ALTER TABLE ev7 RENAME TO ev;"
	"CREATE VIEW event(seq, tid, ts_ns, kind, stop, abi, nr, arg0, arg1, arg2, arg3, arg4,"
	"  arg5, retval, text, mechanism, enter_seq, other_tid) AS"
	"  SELECT ev.seq, tid, t + " TRACE7_BASE ","
	TRACE_KIND_NAME("kind") ","
	TRACE_STOP_NAME("(" TRACE7_STOP_LOAD("kind", "m.stop") ")") ","
	TRACE_ABI_NAME("m.abi") ","
	"    nr, arg0, arg1, arg2, arg3, arg4, arg5,"
	"    CASE WHEN x_seq IS NULL THEN retval END,"
	"    CASE WHEN x_seq IS NULL THEN text"
	"      WHEN enter_len IS NOT NULL THEN CAST(substr(CAST(text AS BLOB), 1, enter_len) AS TEXT)"
	"      ELSE m.enter_text END,"
	"    (SELECT names FROM mechanism mm WHERE mm.id = ev.mech), m.enter_seq, m.other_tid"
	"  FROM ev LEFT JOIN ev_more m ON m.seq = ev.seq"
	"  UNION ALL"
	"  SELECT ev.seq + x_seq, tid, t + x_ts + " TRACE7_BASE ", 'exit',"
	TRACE_STOP_NAME("(" TRACE7_STOP_LOAD("2", "m.x_stop") ")") ","
	TRACE_ABI_NAME("m.abi") ","
	"    nr, arg0, arg1, arg2, arg3, arg4, arg5, retval, text,"
	"    (SELECT names FROM mechanism mm WHERE mm.id = ev.x_mech), ev.seq, NULL"
	"  FROM ev LEFT JOIN ev_more m ON m.seq = ev.seq WHERE x_seq IS NOT NULL;"
	/*
	 * Writes to the view (tests, hand edits): a row is written alone; an
	 * update or delete first splits the merged call it is part of.
	 */
	"CREATE TRIGGER event_insert INSTEAD OF INSERT ON event BEGIN "
	TRACE_MECH_INTERN
	"  INSERT INTO ev(seq, tid, t, kind, nr, arg0, arg1, arg2, arg3, arg4,"
	"    arg5, retval, text, mech)"
	"  VALUES (NEW.seq, NEW.tid, NEW.ts_ns - " TRACE7_BASE ","
	TRACE_KIND_CODE("NEW.kind") ","
	"    NEW.nr, NEW.arg0, NEW.arg1, NEW.arg2, NEW.arg3, NEW.arg4, NEW.arg5, NEW.retval,"
	"    NEW.text, (SELECT id FROM mechanism m WHERE m.names = NEW.mechanism));"
	TRACE7_MORE_NEW
	"END;"
	"CREATE TRIGGER event_update INSTEAD OF UPDATE ON event BEGIN "
	TRACE7_SPLIT
	TRACE_MECH_INTERN
	"  UPDATE ev SET seq = NEW.seq, tid = NEW.tid, t = NEW.ts_ns - " TRACE7_BASE ","
	"    kind = " TRACE_KIND_CODE("NEW.kind") ","
	"    nr = NEW.nr, arg0 = NEW.arg0, arg1 = NEW.arg1, arg2 = NEW.arg2, arg3 = NEW.arg3,"
	"    arg4 = NEW.arg4, arg5 = NEW.arg5, retval = NEW.retval, text = NEW.text,"
	"    mech = (SELECT id FROM mechanism m WHERE m.names = NEW.mechanism)"
	"  WHERE seq = OLD.seq;"
	"  DELETE FROM ev_more WHERE seq = OLD.seq;"
	TRACE7_MORE_NEW
	"END;"
	"CREATE TRIGGER event_delete INSTEAD OF DELETE ON event BEGIN "
	TRACE7_SPLIT
	"  DELETE FROM ev WHERE seq = OLD.seq;"
	"  DELETE FROM ev_more WHERE seq = OLD.seq;"
	"END;",
};

const struct db_schema db_schema_trace = {
	.kind = "trace",
	.application_id = SYSATLAS_TRACE_APP_ID,
	.version = 7,
	.migrations = trace_migrations,
};

/*
 * index.db — what `sysatlas index` extracted from source trees.
 *
 * Lines are 1-based line numbers in the indexed tree.  symbol.kind is one
 * of function, syscall_definition, strace_decoder, asm_label, case_label,
 * call_site, landmark.  Path names and steps are listed in docs/schema.md.
 */
static const char *const index_migrations[] = {
	/* 0 -> 1 */
	"CREATE TABLE tree("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('linux', 'strace')),"
	"  version TEXT NOT NULL,"
	"  arch TEXT NOT NULL,"
	"  url_template TEXT NOT NULL,"		/* {version} {path} {line} */
	"  root TEXT,"				/* local tree it was indexed from; NULL if shipped */
	"  config TEXT"				/* kernel configuration used */
	");"
	"CREATE TABLE file("
	"  id INTEGER PRIMARY KEY,"
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  path TEXT NOT NULL,"
	"  UNIQUE (tree_id, path)"
	");"
	"CREATE TABLE symbol("
	"  id INTEGER PRIMARY KEY,"
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  file_id INTEGER REFERENCES file(id),"
	"  line INTEGER,"
	"  end_line INTEGER,"
	"  signature TEXT"
	");"
	"CREATE INDEX symbol_by_name ON symbol(tree_id, name, kind);"
	"CREATE TABLE syscall("
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  abi TEXT NOT NULL,"			/* common 64 x32 i386 */
	"  nr INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  entry_point TEXT,"			/* e.g. __x64_sys_openat */
	"  definition_id INTEGER REFERENCES symbol(id),"
	"  decoder_id INTEGER REFERENCES symbol(id),"	/* strace decoder, if indexed */
	"  status TEXT NOT NULL,"		/* implemented | unimplemented */
	"  reason TEXT,"			/* why unimplemented */
	"  PRIMARY KEY (tree_id, abi, nr)"
	");"
	"CREATE TABLE call("
	"  caller_id INTEGER NOT NULL REFERENCES symbol(id),"
	"  callee_id INTEGER NOT NULL REFERENCES symbol(id),"
	"  file_id INTEGER NOT NULL REFERENCES file(id),"
	"  line INTEGER NOT NULL"
	");"
	"CREATE INDEX call_by_caller ON call(caller_id);"
	"CREATE TABLE path("
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  name TEXT NOT NULL,"
	"  step INTEGER NOT NULL,"
	"  symbol_id INTEGER NOT NULL REFERENCES symbol(id),"
	"  call_line INTEGER,"			/* line in this step that calls the next */
	"  PRIMARY KEY (tree_id, name, step)"
	");"
	"CREATE TABLE strace_syscall("
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  abi TEXT NOT NULL,"
	"  nr INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  nargs INTEGER,"
	"  flags TEXT,"				/* e.g. TD|TF */
	"  decoder TEXT,"			/* SEN(x): x */
	"  decoder_id INTEGER REFERENCES symbol(id),"
	"  PRIMARY KEY (tree_id, abi, nr)"
	");"
	"CREATE TABLE skipped("			/* what the indexer could not read */
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  path TEXT,"				/* relative to the tree; NULL: whole tree */
	"  line INTEGER,"			/* e.g. a garbled .tbl line */
	"  reason TEXT NOT NULL"
	");",

	/*
	 * 1 -> 2: every function the configuration builds (symbols of kind
	 * function and asm_label), the call trees of the syscall definitions
	 * (call), and the calls through pointers in them with the functions
	 * initialisers assign to those members.
	 */
	"CREATE INDEX call_by_callee ON call(callee_id);"
	"CREATE INDEX symbol_by_file ON symbol(file_id, line);"
	"CREATE TABLE icall("			/* a call through a pointer */
	"  caller_id INTEGER NOT NULL REFERENCES symbol(id),"
	"  file_id INTEGER NOT NULL REFERENCES file(id),"
	"  line INTEGER NOT NULL,"
	"  expr TEXT NOT NULL,"			/* as written: file->f_op->read_iter */
	"  member TEXT NOT NULL"		/* read_iter */
	");"
	"CREATE INDEX icall_by_caller ON icall(caller_id);"
	"CREATE TABLE member_init("		/* `.member = function` in an initialiser */
	"  tree_id INTEGER NOT NULL REFERENCES tree(id),"
	"  member TEXT NOT NULL,"
	"  symbol_id INTEGER NOT NULL REFERENCES symbol(id),"
	"  file_id INTEGER NOT NULL REFERENCES file(id),"
	"  line INTEGER NOT NULL"
	");"
	"CREATE INDEX member_init_by_member ON member_init(tree_id, member);",

	/*
	 * 2 -> 3: which of strace's printing functions each decoder passes
	 * each argument to (as far as libclang sees), and the call edges of
	 * the helpers and printers in between.
	 */
	"CREATE TABLE decoder_arg("
	"  decoder_id INTEGER NOT NULL REFERENCES symbol(id),"	/* strace_decoder */
	"  arg INTEGER NOT NULL CHECK (arg BETWEEN 0 AND 5),"	/* tcp->u_arg[arg] */
	"  printer_id INTEGER NOT NULL REFERENCES symbol(id),"	/* printpath, printstrn… */
	"  file_id INTEGER NOT NULL REFERENCES file(id),"	/* the call site */
	"  line INTEGER NOT NULL,"
	"  via_id INTEGER REFERENCES symbol(id)"	/* the helper calling it; NULL: the decoder */
	");"
	"CREATE INDEX decoder_arg_by_decoder ON decoder_arg(decoder_id);",
};

const struct db_schema db_schema_index = {
	.kind = "index",
	.application_id = SYSATLAS_INDEX_APP_ID,
	.version = 3,
	.migrations = index_migrations,
};
