/*
 * mkfixture: the small databases the report tests read, written through
 * common/db.h in the real schema (no binary fixtures in the repository).
 *
 *   mkfixture index PATH [ROOT]    a miniature v5.7 index; with ROOT, also a
 *                                  miniature source tree there (tree.root)
 *   mkfixture trace PATH small     two processes, three threads, errors,
 *                                  signals, fork, exec, exit, and paths with
 *                                  <script>, quotes and invalid UTF-8
 *   mkfixture trace PATH unfinished  tracer killed: ended_ns NULL, a call
 *                                  entered but never exited
 *
 * Line numbers follow Linux v5.7 and strace v5.7 so links look real; the
 * tests check the links against these rows, not against the trees.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db.h"
#include "error.h"
#include "schema.h"
#include "strbuf.h"

static sqlite3 *db;

static void exec_or_die(const char *sql)
{
	if (db_exec(db, sql) < 0)
		exit(1);
}

static long long last_id(void)
{
	return sqlite3_last_insert_rowid(db);
}

/* ---- index --------------------------------------------------------------- */

struct sym {
	const char *tree;		/* linux | strace */
	const char *name, *kind, *path;
	int line, end_line;
	const char *signature;
};

static long long tree_ids[2];

static long long file_id(int tree, const char *path)
{
	sqlite3_stmt *st;
	long long id = 0;

	if (db_prepare(db, &st, "SELECT id FROM file WHERE tree_id = ?1 AND path = ?2") < 0)
		exit(1);
	db_bind_int(st, 1, tree_ids[tree]);
	db_bind_text(st, 2, path, -1);
	if (db_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	db_finalize(st);
	if (id)
		return id;
	if (db_prepare(db, &st, "INSERT INTO file(tree_id, path) VALUES (?1, ?2)") < 0)
		exit(1);
	db_bind_int(st, 1, tree_ids[tree]);
	db_bind_text(st, 2, path, -1);
	if (db_step_done(st) < 0)
		exit(1);
	db_finalize(st);
	return last_id();
}

static long long sym(int tree, const char *name, const char *kind, const char *path,
		     int line, const char *signature)
{
	sqlite3_stmt *st;

	if (db_prepare(db, &st, "INSERT INTO symbol(tree_id, name, kind, file_id, line, "
		       "end_line, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") < 0)
		exit(1);
	db_bind_int(st, 1, tree_ids[tree]);
	db_bind_text(st, 2, name, -1);
	db_bind_text(st, 3, kind, -1);
	db_bind_int(st, 4, file_id(tree, path));
	db_bind_int(st, 5, line);
	db_bind_int(st, 6, line + 10);
	if (signature)
		db_bind_text(st, 7, signature, -1);
	else
		db_bind_null(st, 7);
	if (db_step_done(st) < 0)
		exit(1);
	db_finalize(st);
	return last_id();
}

struct step {
	const char *name, *kind, *path;
	int line, call_line;
};

static void path(int tree, const char *name, const struct step *steps)
{
	sqlite3_stmt *st;
	int i;

	for (i = 0; steps[i].name; i++) {
		long long id = sym(tree, steps[i].name, steps[i].kind, steps[i].path,
				   steps[i].line, NULL);

		if (db_prepare(db, &st, "INSERT INTO path(tree_id, name, step, symbol_id, "
			       "call_line) VALUES (?1, ?2, ?3, ?4, ?5)") < 0)
			exit(1);
		db_bind_int(st, 1, tree_ids[tree]);
		db_bind_text(st, 2, name, -1);
		db_bind_int(st, 3, i);
		db_bind_int(st, 4, id);
		if (steps[i].call_line)
			db_bind_int(st, 5, steps[i].call_line);
		else
			db_bind_null(st, 5);
		if (db_step_done(st) < 0)
			exit(1);
		db_finalize(st);
	}
}

struct sc {
	int nr;
	const char *name, *def_path;
	int def_line;
	const char *signature;
	const char *flags, *decoder, *dec_path;
	int dec_line;
};

/* brk has no located definition or decoder: the report must say "missing". */
static const struct sc syscalls[] = {
	{ 0, "read", "fs/read_write.c", 596, "long sys_read(unsigned int fd, char __user *buf, size_t count)",
	  "TD", "read", "io.c", 14 },
	{ 1, "write", "fs/read_write.c", 621, "long sys_write(unsigned int fd, const char __user *buf, size_t count)",
	  "TD", "write", "io.c", 33 },
	{ 3, "close", "fs/open.c", 1268, "long sys_close(unsigned int fd)",
	  "TD", "close", "close.c", 12 },
	{ 12, "brk", NULL, 0, NULL, "TM|SI", "brk", NULL, 0 },
	{ 56, "clone", "kernel/fork.c", 2548, "long sys_clone(unsigned long clone_flags, unsigned long newsp, int __user *parent_tidptr, int __user *child_tidptr, unsigned long tls)",
	  "TP", "clone", "clone.c", 80 },
	{ 59, "execve", "fs/exec.c", 1964, "long sys_execve(const char __user *filename, const char __user *const __user *argv, const char __user *const __user *envp)",
	  "TF|TP|SE|SI", "execve", "execve.c", 104 },
	{ 61, "wait4", "kernel/exit.c", 1620, "long sys_wait4(pid_t upid, int __user *stat_addr, int options, struct rusage __user *ru)",
	  "TP", "wait4", "wait.c", 161 },
	{ 101, "ptrace", "kernel/ptrace.c", 1242, "long sys_ptrace(long request, long pid, unsigned long addr, unsigned long data)",
	  "0", "ptrace", "process.c", 82 },
	{ 231, "exit_group", "kernel/exit.c", 900, "long sys_exit_group(int error_code)",
	  "TP|SE", "exit", "exit.c", 11 },
	{ 257, "openat", "fs/open.c", 1173, "long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)",
	  "TD|TF", "openat", "open.c", 118 },
	{ 310, "process_vm_readv", "mm/process_vm_access.c", 299, "long sys_process_vm_readv(pid_t pid, const struct iovec __user *lvec, unsigned long liovcnt, const struct iovec __user *rvec, unsigned long riovcnt, unsigned long flags)",
	  "0", "process_vm_readv", "process_vm.c", 17 },
	{ 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0 },
};

/* Write ROOT/path with a recognisable line at each symbol's line. */
static void root_file(const char *root, const char *path, int mark_line, const char *what)
{
	struct strbuf full = STRBUF_INIT, text = STRBUF_INIT;
	long had;
	char *slash;
	int i, n;

	strbuf_addf(&full, "%s/%s", root, path);
	for (slash = strchr(full.buf + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(full.buf, 0755);
		*slash = '/';
	}
	had = strbuf_read_file(&text, full.buf);
	if (had < 0)
		strbuf_reset(&text);
	/* grow the file to mark_line + 3 lines, then set the marked line */
	for (n = 0, i = 0; i < (int)text.len; i++)
		n += text.buf[i] == '\n';
	for (; n < mark_line + 3; n++)
		strbuf_addf(&text, "/* %s line %d */\n", path, n + 1);
	{
		struct strbuf out = STRBUF_INIT;
		char *line = text.buf, *nl;

		for (i = 1; (nl = strchr(line, '\n')); i++, line = nl + 1) {
			if (i == mark_line)
				strbuf_addf(&out, "%s <here & \"now\">\n", what);
			else
				strbuf_add(&out, line, (size_t)(nl - line + 1));
		}
		strbuf_write_file(&out, full.buf);
		strbuf_release(&out);
	}
	strbuf_release(&text);
	strbuf_release(&full);
}

static void quiet(const char *line)
{
}

static int make_index(const char *file, const char *root)
{
	static const struct step enter[] = {
		{ "entry_SYSCALL_64", "asm_label", "arch/x86/entry/entry_64.S", 145, 184 },
		{ "do_syscall_64", "function", "arch/x86/entry/common.c", 283, 291 },
		{ "syscall_trace_enter", "function", "arch/x86/entry/common.c", 71, 85 },
		{ "tracehook_report_syscall_entry", "function", "include/linux/tracehook.h", 101, 104 },
		{ "ptrace_report_syscall", "function", "include/linux/tracehook.h", 57, 66 },
		{ "ptrace_notify", "function", "kernel/signal.c", 2271, 2278 },
		{ "ptrace_do_notify", "function", "kernel/signal.c", 2257, 2268 },
		{ "ptrace_stop", "function", "kernel/signal.c", 2120, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step dispatch[] = {
		{ "do_syscall_64", "function", "arch/x86/entry/common.c", 283, 295 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step exit_[] = {
		{ "do_syscall_64", "function", "arch/x86/entry/common.c", 283, 300 },
		{ "syscall_return_slowpath", "function", "arch/x86/entry/common.c", 258, 276 },
		{ "syscall_slow_exit_work", "function", "arch/x86/entry/common.c", 232, 251 },
		{ "tracehook_report_syscall_exit", "function", "include/linux/tracehook.h", 124, 129 },
		{ "ptrace_report_syscall", "function", "include/linux/tracehook.h", 57, 66 },
		{ "ptrace_notify", "function", "kernel/signal.c", 2271, 2278 },
		{ "ptrace_stop", "function", "kernel/signal.c", 2120, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	/* the signal-delivery stop (its round trip: data/rt-stop-signal.js) */
	static const struct step stop_signal[] = {
		{ "do_signal", "function", "arch/x86/kernel/signal.c", 780, 784 },
		{ "get_signal", "function", "kernel/signal.c", 2526, 2635 },
		{ "ptrace_signal", "function", "kernel/signal.c", 2478, 2490 },
		{ "ptrace_stop", "function", "kernel/signal.c", 2120, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step wait[] = {
		{ "__do_sys_wait4", "function", "kernel/exit.c", 1620, 1627 },
		{ "kernel_wait4", "function", "kernel/exit.c", 1560, 1596 },
		{ "do_wait", "function", "kernel/exit.c", 1414, 1444 },
		{ "wait_consider_task", "function", "kernel/exit.c", 1303, 1343 },
		{ "wait_task_stopped", "function", "kernel/exit.c", 1128, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step getregs[] = {
		{ "__do_sys_ptrace", "function", "kernel/ptrace.c", 1242, 1273 },
		{ "arch_ptrace", "function", "arch/x86/kernel/ptrace.c", 746, 0 },
		{ "PTRACE_GETREGS", "case_label", "arch/x86/kernel/ptrace.c", 788, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step peek[] = {
		{ "__do_sys_ptrace", "function", "kernel/ptrace.c", 1242, 1260 },
		{ "generic_ptrace_peekdata", "function", "kernel/ptrace.c", 1287, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step gsi[] = {
		{ "__do_sys_ptrace", "function", "kernel/ptrace.c", 1242, 1273 },
		{ "arch_ptrace", "function", "arch/x86/kernel/ptrace.c", 746, 0 },
		{ "ptrace_request", "function", "kernel/ptrace.c", 1002, 0 },
		{ "PTRACE_GET_SYSCALL_INFO", "case_label", "kernel/ptrace.c", 1218, 1219 },
		{ "ptrace_get_syscall_info", "function", "kernel/ptrace.c", 960, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step resume[] = {
		{ "__do_sys_ptrace", "function", "kernel/ptrace.c", 1242, 1273 },
		{ "ptrace_request", "function", "kernel/ptrace.c", 1002, 0 },
		{ "PTRACE_SYSCALL", "case_label", "kernel/ptrace.c", 1190, 1192 },
		{ "ptrace_resume", "function", "kernel/ptrace.c", 806, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step s_wait[] = {
		{ "main", "function", "strace.c", 3166, 3178 },
		{ "next_event", "function", "strace.c", 2624, 2671 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step s_enter[] = {
		{ "dispatch_event", "function", "strace.c", 2873, 2911 },
		{ "trace_syscall", "function", "strace.c", 2850, 2854 },
		{ "syscall_entering_decode", "function", "syscall.c", 584, 591 },
		{ "syscall_entering_trace", "function", "syscall.c", 617, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step s_exit[] = {
		{ "syscall_exiting_decode", "function", "syscall.c", 717, 0 },
		{ "syscall_exiting_trace", "function", "syscall.c", 757, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step pvr[] = {
		{ "sys_process_vm_readv", "syscall_definition", "mm/process_vm_access.c", 299, 302 },
		{ "process_vm_rw", "function", "mm/process_vm_access.c", 271, 290 },
		{ "process_vm_rw_core", "function", "mm/process_vm_access.c", 146, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step s_args[] = {
		{ "get_scno", "function", "syscall.c", 1146, 1160 },
		{ "get_regs", "function", "syscall.c", 1099, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	static const struct step s_mem[] = {
		{ "umoven", "function", "ucopy.c", 285, 0 },
		{ "vm_read_mem", "function", "ucopy.c", 45, 0 },
		{ NULL, NULL, NULL, 0, 0 },
	};
	const struct sc *s;
	sqlite3_stmt *st;
	int k;

	if (db_open(&db, file, &db_schema_index, DB_CREATE | DB_TRUNCATE) < 0)
		return 1;
	exec_or_die("BEGIN");
	for (k = 0; k < 2; k++) {
		if (db_prepare(db, &st, "INSERT INTO tree(kind, version, arch, url_template, "
			       "root, config) VALUES (?1, 'v5.7', 'x86_64', ?2, ?3, 'defconfig')") < 0)
			return 1;
		db_bind_text(st, 1, k ? "strace" : "linux", -1);
		db_bind_text(st, 2, k ? "https://github.com/strace/strace/blob/{version}/{path}#L{line}"
			     : "https://github.com/torvalds/linux/blob/{version}/{path}#L{line}", -1);
		if (root) {
			struct strbuf r = STRBUF_INIT;
			char *abs;

			mkdir(root, 0755);
			abs = realpath(root, NULL);
			if (!abs)
				return 1;
			strbuf_addf(&r, "%s/%s", abs, k ? "strace" : "linux");
			mkdir(r.buf, 0755);
			db_bind_text(st, 3, r.buf, -1);
			strbuf_release(&r);
			free(abs);
		} else {
			db_bind_null(st, 3);
		}
		if (db_step_done(st) < 0)
			return 1;
		db_finalize(st);
		tree_ids[k] = last_id();
	}
	path(0, "syscall-enter", enter);
	path(0, "syscall-dispatch", dispatch);
	path(0, "syscall-exit", exit_);
	path(0, "wait-stopped-tracee", wait);
	path(0, "ptrace-getregs", getregs);
	path(0, "ptrace-peekdata", peek);
	path(0, "ptrace-get-syscall-info", gsi);
	path(0, "ptrace-syscall-resume", resume);
	path(0, "ptrace-syscall", resume);
	path(1, "strace-wait", s_wait);
	path(1, "strace-enter", s_enter);
	path(1, "strace-exit", s_exit);
	path(1, "strace-read-memory", s_mem);
	path(1, "strace-get-args", s_args);
	path(0, "process-vm-readv", pvr);
	path(0, "stop-signal", stop_signal);
	sym(0, "PTRACE_GETREGS", "case_label", "arch/x86/kernel/ptrace.c", 788, NULL);
	sym(0, "PTRACE_PEEKDATA", "case_label", "kernel/ptrace.c", 1014, NULL);
	sym(0, "PTRACE_GET_SYSCALL_INFO", "case_label", "kernel/ptrace.c", 1218, NULL);
	sym(0, "PTRACE_SYSCALL", "case_label", "kernel/ptrace.c", 1190, NULL);

	for (s = syscalls; s->name; s++) {
		long long def = 0, dec = 0;
		struct strbuf ep = STRBUF_INIT;

		if (s->def_path) {
			struct strbuf n = STRBUF_INIT;

			strbuf_addf(&n, "sys_%s", s->name);
			def = sym(0, n.buf, "syscall_definition", s->def_path, s->def_line,
				  s->signature);
			strbuf_release(&n);
		}
		if (s->dec_path) {
			struct strbuf n = STRBUF_INIT;

			strbuf_addstr(&n, s->decoder);
			dec = sym(1, n.buf, "strace_decoder", s->dec_path, s->dec_line, NULL);
			strbuf_release(&n);
		}
		strbuf_addf(&ep, "__x64_sys_%s", s->name);
		if (db_prepare(db, &st, "INSERT INTO syscall(tree_id, abi, nr, name, entry_point, "
			       "definition_id, decoder_id, status, reason) "
			       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)") < 0)
			return 1;
		db_bind_int(st, 1, tree_ids[0]);
		db_bind_text(st, 2, s->nr == 310 ? "64" : "common", -1);
		db_bind_int(st, 3, s->nr);
		db_bind_text(st, 4, s->name, -1);
		db_bind_text(st, 5, ep.buf, -1);
		if (def)
			db_bind_int(st, 6, def);
		else
			db_bind_null(st, 6);
		if (dec)
			db_bind_int(st, 7, dec);
		else
			db_bind_null(st, 7);
		db_bind_text(st, 8, "implemented", -1);
		db_bind_null(st, 9);
		if (db_step_done(st) < 0)
			return 1;
		db_finalize(st);
		if (db_prepare(db, &st, "INSERT INTO strace_syscall(tree_id, abi, nr, name, "
			       "nargs, flags, decoder, decoder_id) VALUES (?1, '64', ?2, ?3, 6, ?4, ?5, ?6)") < 0)
			return 1;
		db_bind_int(st, 1, tree_ids[1]);
		db_bind_int(st, 2, s->nr);
		db_bind_text(st, 3, s->name, -1);
		db_bind_text(st, 4, s->flags, -1);
		db_bind_text(st, 5, s->decoder, -1);
		if (dec)
			db_bind_int(st, 6, dec);
		else
			db_bind_null(st, 6);
		if (db_step_done(st) < 0)
			return 1;
		db_finalize(st);
		strbuf_release(&ep);
	}
	exec_or_die("COMMIT");

	if (root) {
		/* every symbol's line, marked, in a miniature tree */
		struct strbuf r = STRBUF_INIT;

		if (db_prepare(db, &st, "SELECT t.kind, f.path, s.line, s.name FROM symbol s "
			       "JOIN file f ON f.id = s.file_id JOIN tree t ON t.id = s.tree_id "
			       "ORDER BY f.path, s.line") < 0)
			return 1;
		error_set_routine(quiet);
		while (db_step(st) == SQLITE_ROW) {
			strbuf_reset(&r);
			strbuf_addf(&r, "%s/%s", root, (const char *)sqlite3_column_text(st, 0));
			root_file(r.buf, (const char *)sqlite3_column_text(st, 1),
				  sqlite3_column_int(st, 2), (const char *)sqlite3_column_text(st, 3));
		}
		error_set_routine(NULL);
		db_finalize(st);
		strbuf_release(&r);
	}
	return db_close(db) < 0;
}

/* ---- traces -------------------------------------------------------------- */

static sqlite3_stmt *ev;
static long long seq;
static long long now = 1000000000;

static long long event(long long tid, const char *kind, long nr, const long long *args,
		       long long retval, int has_retval, const char *text, int text_len,
		       const char *mech, long long enter_seq, long long other_tid)
{
	int i;

	now += 1500 + (seq * 7919) % 3000;
	seq++;
	sqlite3_reset(ev);
	sqlite3_clear_bindings(ev);
	db_bind_int(ev, 1, seq);
	db_bind_int(ev, 2, tid);
	db_bind_int(ev, 3, now);
	db_bind_text(ev, 4, kind, -1);
	if (nr >= 0)
		db_bind_int(ev, 5, nr);
	for (i = 0; args && i < 6; i++)
		db_bind_int(ev, 6 + i, args[i]);
	if (has_retval)
		db_bind_int(ev, 12, retval);
	if (text)
		db_bind_text(ev, 13, text, text_len);
	if (mech) {
		/* as the tracer writes it: wait4 returned the stop, ... and a
		 * syscall stop ends with the request that resumes the tracee */
		struct strbuf m = STRBUF_INIT;

		strbuf_addf(&m, "wait4,%s%s", mech, !strcmp(kind, "enter") || !strcmp(kind, "exit") ?
			    ",PTRACE_SYSCALL" : "");
		db_bind_text(ev, 14, m.buf, (int)m.len);
		strbuf_release(&m);
	}
	if (enter_seq)
		db_bind_int(ev, 15, enter_seq);
	if (other_tid)
		db_bind_int(ev, 16, other_tid);
	if (db_step_done(ev) < 0)
		exit(1);
	return seq;
}

#define GSI "PTRACE_GET_SYSCALL_INFO"

/* One complete syscall: enter, then exit after dur ns. */
static void call(long long tid, long nr, const long long *args, const char *enter_text,
		 const char *exit_text, int exit_len, long long rv, const char *mech_enter,
		 const char *mech_exit, long long dur)
{
	long long e = event(tid, "enter", nr, args, 0, 0, enter_text, -1, mech_enter, 0, 0);

	now += dur;
	event(tid, "exit", nr, NULL, rv, 1, exit_text, exit_len, mech_exit, e, 0);
}

static void task(long long tid, long long tgid, long long parent, const char *comm,
		 long long status, int has_status)
{
	sqlite3_stmt *st;

	if (db_prepare(db, &st, "INSERT INTO task(tid, tgid, parent_tid, comm, exit_status) "
		       "VALUES (?1, ?2, ?3, ?4, ?5)") < 0)
		exit(1);
	db_bind_int(st, 1, tid);
	db_bind_int(st, 2, tgid);
	if (parent)
		db_bind_int(st, 3, parent);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, comm, -1);
	if (has_status)
		db_bind_int(st, 5, status);
	else
		db_bind_null(st, 5);
	if (db_step_done(st) < 0)
		exit(1);
	db_finalize(st);
}

static const char nasty_path[] = "/tmp/<script>alert(1)</script>\"q'\xff\xfe.txt";

static int make_trace(const char *file, const char *shape)
{
	int unfinished = !strcmp(shape, "unfinished");
	long long a[6] = { 0 };
	struct strbuf t1 = STRBUF_INIT, t2 = STRBUF_INIT;
	sqlite3_stmt *st;
	long long e;

	if (strcmp(shape, "small") && !unfinished) {
		fprintf(stderr, "mkfixture: unknown trace shape %s\n", shape);
		return 2;
	}
	if (db_open(&db, file, &db_schema_trace, DB_CREATE | DB_TRUNCATE) < 0)
		return 1;
	exec_or_die("BEGIN");
	if (db_prepare(db, &st, "INSERT INTO run(id, argv, cwd, started_ns, mono_start_ns, "
		       "ended_ns, kernel_release, arch, tool_version, options, exit_status, "
		       "start, seize_options) "
		       "VALUES (1, ?1, '/home/student', 1767225600000000000, 1000000000, ?2, "
		       "'6.1.0-18-amd64', 'x86_64', '0.1.0', '[\"-f\"]', ?3, 'launch', 1048607)") < 0)
		return 1;
	db_bind_text(st, 1, "[\"demo\", \"</script><b>x</b>\", \"a\\\"b\"]", -1);
	if (unfinished) {
		db_bind_null(st, 2);
		db_bind_null(st, 3);
	} else {
		db_bind_int(st, 2, 1000200000);
		db_bind_int(st, 3, 0);
	}
	if (db_step_done(st) < 0)
		return 1;
	db_finalize(st);
	if (db_prepare(db, &ev, "INSERT INTO event(seq, tid, ts_ns, kind, nr, arg0, arg1, arg2, "
		       "arg3, arg4, arg5, retval, text, mechanism, enter_seq, other_tid) "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)") < 0)
		return 1;

	if (unfinished) {
		task(200, 200, 0, "sleeper", 0, 0);
		a[0] = 1;
		call(200, 1, a, "write(1, \"zzz\\n\", 4", "write(1, \"zzz\\n\", 4) = 4", -1, 4,
		     GSI ",process_vm_readv", GSI, 20000);
		a[0] = 0;
		event(200, "enter", 0, a, 0, 0, "read(0, ", -1, GSI, 0, 0);
		exec_or_die("UPDATE task SET first_seq = 1, last_seq = 3");
		goto done;
	}

	task(100, 100, 0, "demo", 0, 1);
	task(101, 101, 100, "demo-child", 0, 1);
	task(102, 100, 100, "demo-worker", 0, 1);

	a[0] = 0x55d0c0de1000;
	e = event(100, "enter", 59, a, 0, 0, "execve(\"/bin/demo\", [\"demo\"], 0x7ffd2c4a1b30 /* 3 vars */",
		  -1, GSI ",process_vm_readv", 0, 0);
	event(100, "exec", 59, NULL, 0, 0, "/bin/demo", -1, NULL, 0, 100);
	event(100, "exit", 59, NULL, 0, 1, "execve(\"/bin/demo\", [\"demo\"], 0x7ffd2c4a1b30 /* 3 vars */) = 0",
	      -1, GSI, e, 0);
	memset(a, 0, sizeof(a));
	call(100, 12, a, "brk(NULL", "brk(NULL) = 0x55d0c0e2f000", -1, 0x55d0c0e2f000,
	     GSI, GSI, 900);
	/* the nasty path: as text, never as markup */
	a[0] = -100;
	a[1] = 0x7ffd2c4a1000;
	strbuf_addf(&t1, "openat(AT_FDCWD, \"%s\", O_RDONLY", nasty_path);
	strbuf_addf(&t2, "%s) = -1 ENOENT (No such file or directory)", t1.buf);
	call(100, 257, a, t1.buf, t2.buf, (int)t2.len, -2, GSI ",process_vm_readv", GSI, 7000);
	call(100, 257, a, "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY",
	     "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY) = 3", -1, 3,
	     GSI ",process_vm_readv", GSI, 12000);
	a[0] = 3;
	a[2] = 4096;
	call(100, 0, a, "read(3, ", "read(3, \"root:x:0:0:root:/root:/bin/bash\\n\"..., 4096) = 1024", -1, 1024,
	     GSI, GSI ",PTRACE_PEEKDATA", 15000);
	call(100, 3, a, "close(3", "close(3) = 0", -1, 0, GSI, GSI, 800);
	memset(a, 0, sizeof(a));
	a[0] = 0x1200011;
	e = event(100, "enter", 56, a, 0, 0, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD",
		  -1, GSI, 0, 0);
	event(100, "fork", 56, NULL, 0, 0, NULL, -1, NULL, 0, 101);
	event(100, "exit", 56, NULL, 101, 1, "clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD, child_tidptr=0x7f3a) = 101",
	      -1, GSI, e, 0);
	a[0] = 0x3d0f00;
	e = event(100, "enter", 56, a, 0, 0, "clone(child_stack=0x7f3a2000, flags=CLONE_VM|CLONE_THREAD",
		  -1, GSI, 0, 0);
	event(100, "clone", 56, NULL, 0, 0, NULL, -1, NULL, 0, 102);
	event(100, "exit", 56, NULL, 102, 1, "clone(child_stack=0x7f3a2000, flags=CLONE_VM|CLONE_THREAD) = 102",
	      -1, GSI, e, 0);
	a[0] = 1;
	a[2] = 3;
	call(101, 1, a, "write(1, \"hi\\n\", 3", "write(1, \"hi\\n\", 3) = 3", -1, 3,
	     GSI ",process_vm_readv", GSI, 30000);
	memset(a, 0, sizeof(a));
	event(101, "enter", 231, a, 0, 0, "exit_group(0", -1, GSI, 0, 0);
	event(101, "exited", -1, NULL, 0, 1, "+++ exited with 0 +++", -1, NULL, 0, 0);
	event(100, "signal", 17, NULL, 0, 0, "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=101, si_status=0} ---",
	      -1, "PTRACE_GETSIGINFO", 0, 0);
	a[2] = 0x7ffd0000;
	call(102, 0, a, "read(0, ", "read(0, 0x7ffd0000, 0) = -1 EINTR (Interrupted system call)", -1, -4,
	     GSI, GSI, 40000);
	a[0] = -1;
	call(100, 61, a, "wait4(-1, ", "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 101", -1, 101,
	     GSI, GSI ",PTRACE_PEEKDATA,process_vm_readv", 50000);
	memset(a, 0, sizeof(a));
	event(102, "exited", -1, NULL, 0, 1, "+++ exited with 0 +++", -1, NULL, 0, 0);
	event(100, "enter", 231, a, 0, 0, "exit_group(0", -1, GSI, 0, 0);
	event(100, "exited", -1, NULL, 0, 1, "+++ exited with 0 +++", -1, NULL, 0, 0);
	exec_or_die("UPDATE task SET first_seq = (SELECT min(seq) FROM event WHERE event.tid = task.tid), "
		    "last_seq = (SELECT max(seq) FROM event WHERE event.tid = task.tid)");
done:
	db_finalize(ev);
	exec_or_die("COMMIT");
	strbuf_release(&t1);
	strbuf_release(&t2);
	return db_close(db) < 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "index"))
		return make_index(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc == 4 && !strcmp(argv[1], "trace"))
		return make_trace(argv[2], argv[3]);
	fprintf(stderr, "usage: mkfixture index PATH [ROOT] | trace PATH small|unfinished\n");
	return 2;
}
