/*
 * gen-tasks: a synthetic trace.db of T short-lived processes, as a big
 * `make -j` makes, for the report's many-tasks benchmark (never part of
 * `meson test`).
 *
 *   gen-tasks T OUT.db
 *
 * One `make` (tid 1000) forks T children in waves of 8 running at once;
 * each child execs, opens, reads and closes a file, writes a line and
 * exits; make reaps each with wait4 and a SIGCHLD.  Tids count up from
 * 1001 and are reused after 2^22 (as pid_max wraps), so T past 4 million
 * also measures reused tids.  Deterministic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "schema.h"
#include "strbuf.h"

#define WAVE 8
#define MAKE_TID 1000
#define TID_SPAN (1 << 22)

static sqlite3 *db;
static sqlite3_stmt *ev, *tk;
static long long seq, now = 1000000000;

/* Insert one event; text and mech may be NULL.  Returns its seq or -1. */
static long long event(long long tid, const char *kind, long long nr, long long retval,
		       int has_retval, const char *text, const char *mech,
		       long long enter_seq, long long other_tid)
{
	now += 1500;
	sqlite3_reset(ev);
	sqlite3_clear_bindings(ev);
	if (db_bind_int(ev, 1, ++seq) < 0 || db_bind_int(ev, 2, tid) < 0 ||
	    db_bind_int(ev, 3, now) < 0 || db_bind_text(ev, 4, kind, -1) < 0 ||
	    (nr >= 0 && db_bind_int(ev, 5, nr) < 0) ||
	    (has_retval && db_bind_int(ev, 6, retval) < 0) ||
	    db_bind_text(ev, 7, text, -1) < 0 || db_bind_text(ev, 8, mech, -1) < 0 ||
	    (enter_seq && db_bind_int(ev, 9, enter_seq) < 0) ||
	    (other_tid && db_bind_int(ev, 10, other_tid) < 0) || db_step_done(ev) < 0)
		return -1;
	return seq;
}

/* An enter and its exit. */
static int call(long long tid, long nr, const char *enter, const char *exit_text, long long rv)
{
	long long e = event(tid, "enter", nr, 0, 0, enter, "PTRACE_GET_SYSCALL_INFO", 0, 0);

	if (e < 0)
		return -1;
	return event(tid, "exit", nr, rv, 1, exit_text, "PTRACE_GET_SYSCALL_INFO", e, 0) < 0 ? -1 : 0;
}

static int task_row(long long tid, long long parent, const char *comm, long long first,
		    long long last, int exited)
{
	sqlite3_reset(tk);
	sqlite3_clear_bindings(tk);
	if (db_bind_int(tk, 1, tid) < 0 || db_bind_int(tk, 2, tid) < 0 ||
	    (parent && db_bind_int(tk, 3, parent) < 0) || db_bind_text(tk, 4, comm, -1) < 0 ||
	    db_bind_int(tk, 5, first) < 0 || db_bind_int(tk, 6, last) < 0 ||
	    (exited && db_bind_int(tk, 7, 0) < 0))
		return -1;
	return db_step_done(tk);
}

/* The life of child tid, forked by make: returns 0 or -1. */
static int child(long long tid, long long i, long long *first, long long *last)
{
	struct strbuf t = STRBUF_INIT, x = STRBUF_INIT;
	long long e;
	int rc = -1;

	strbuf_addf(&t, "execve(\"/usr/bin/cc\", [\"cc\", \"-c\", \"f%lld.c\"], 0x7ffd2c4a1b30 /* 20 vars */", i);
	if ((*first = e = event(tid, "enter", 59, 0, 0, t.buf, "PTRACE_GET_SYSCALL_INFO,process_vm_readv", 0, 0)) < 0 ||
	    event(tid, "exec", 59, 0, 0, "/usr/bin/cc", "readlink", 0, tid) < 0)
		goto cleanup;
	strbuf_addstr(&t, ") = 0");
	if (event(tid, "exit", 59, 0, 1, t.buf, "PTRACE_GET_SYSCALL_INFO", e, 0) < 0)
		goto cleanup;
	strbuf_reset(&t);
	strbuf_addf(&t, "openat(AT_FDCWD, \"f%lld.c\", O_RDONLY", i);
	strbuf_reset(&x);
	strbuf_addf(&x, "%s) = 3", t.buf);
	if (call(tid, 257, t.buf, x.buf, 3) < 0)
		goto cleanup;
	if (call(tid, 0, "read(3, ", "read(3, \"int main(void) { return 0; }\\n\", 4096) = 33", 33) < 0 ||
	    call(tid, 3, "close(3", "close(3) = 0", 0) < 0 ||
	    call(tid, 1, "write(1, \"ok\\n\", 3", "write(1, \"ok\\n\", 3) = 3", 3) < 0 ||
	    event(tid, "enter", 231, 0, 0, "exit_group(0", "PTRACE_GET_SYSCALL_INFO", 0, 0) < 0 ||
	    (*last = event(tid, "exited", -1, 0, 1, "+++ exited with 0 +++", NULL, 0, 0)) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&t);
	strbuf_release(&x);
	return rc;
}

int main(int argc, char **argv)
{
	long long n, i, make_first = 0;
	int rc = 1;

	if (argc != 3 || (n = atoll(argv[1])) < 1) {
		fprintf(stderr, "usage: gen-tasks T OUT.db\n");
		return 2;
	}
	if (db_open(&db, argv[2], &db_schema_trace, DB_CREATE | DB_TRUNCATE) < 0)
		return 1;
	if (db_exec(db, "PRAGMA synchronous = OFF") < 0 || db_begin(db) < 0)
		goto cleanup;
	if (db_exec(db, "INSERT INTO run(id, argv, cwd, started_ns, mono_start_ns, ended_ns, "
		    "kernel_release, arch, tool_version, options, exit_status) VALUES (1, "
		    "'[\"make\", \"-j8\"]', '/tmp', 1767225600000000000, 1000000000, NULL, "
		    "'6.1.0-18-amd64', 'x86_64', '0.1.0', '[\"-f\"]', NULL)") < 0)
		goto cleanup;
	if (db_prepare(db, &ev, "INSERT INTO event(seq, tid, ts_ns, kind, nr, retval, text, "
		       "mechanism, enter_seq, other_tid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
		       "?8, ?9, ?10)") < 0 ||
	    db_prepare(db, &tk, "INSERT INTO task(tid, tgid, parent_tid, comm, first_seq, "
		       "last_seq, exit_status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") < 0)
		goto cleanup;
	for (i = 0; i < n; i += WAVE) {
		long long w, k, first[WAVE], last[WAVE], tid[WAVE];

		w = n - i < WAVE ? n - i : WAVE;
		for (k = 0; k < w; k++) {
			long long e;
			struct strbuf t = STRBUF_INIT;

			tid[k] = MAKE_TID + 1 + (i + k) % (TID_SPAN - MAKE_TID - 1);
			e = event(MAKE_TID, "enter", 56, 0, 0, "clone(child_stack=NULL, "
				  "flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
				  "PTRACE_GET_SYSCALL_INFO", 0, 0);
			if (e < 0)
				goto cleanup;
			if (!make_first)
				make_first = e;
			if (event(MAKE_TID, "fork", 56, 0, 0, NULL, "PTRACE_GETEVENTMSG", 0, tid[k]) < 0)
				goto cleanup;
			strbuf_addf(&t, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|"
				    "CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3a) = %lld", tid[k]);
			rc = event(MAKE_TID, "exit", 56, tid[k], 1, t.buf, "PTRACE_GET_SYSCALL_INFO",
				   e, 0) < 0;
			strbuf_release(&t);
			if (rc)
				goto cleanup;
			rc = 1;
		}
		for (k = 0; k < w; k++)
			if (child(tid[k], i + k, &first[k], &last[k]) < 0 ||
			    task_row(tid[k], MAKE_TID, "cc", first[k], last[k], 1) < 0)
				goto cleanup;
		for (k = 0; k < w; k++) {
			struct strbuf t = STRBUF_INIT;

			strbuf_addf(&t, "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, "
				    "si_pid=%lld, si_status=0} ---", tid[k]);
			rc = event(MAKE_TID, "signal", 17, 0, 0, t.buf, "PTRACE_GETSIGINFO", 0, 0) < 0;
			strbuf_reset(&t);
			strbuf_addf(&t, "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = %lld",
				    tid[k]);
			rc = rc || call(MAKE_TID, 61, "wait4(-1, ", t.buf, tid[k]) < 0;
			strbuf_release(&t);
			if (rc)
				goto cleanup;
			rc = 1;
		}
	}
	if (event(MAKE_TID, "enter", 231, 0, 0, "exit_group(0", "PTRACE_GET_SYSCALL_INFO", 0, 0) < 0 ||
	    event(MAKE_TID, "exited", -1, 0, 1, "+++ exited with 0 +++", NULL, 0, 0) < 0 ||
	    task_row(MAKE_TID, 0, "make", make_first, seq, 1) < 0 || db_commit(db) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(ev);
	db_finalize(tk);
	if (rc)
		db_rollback(db);
	if (db_close(db) < 0)
		rc = 1;
	return rc;
}
