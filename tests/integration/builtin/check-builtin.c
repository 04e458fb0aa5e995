/*
 * check-builtin INDEX.db GAPS.tsv [v5.7|6.12]: a built-in index (Linux
 * v5.7 x86-64 and strace v5.7, build/data/default-index.db; or Debian's
 * 6.12.118 and strace v5.7, build/data/index-6.12.db) checked against
 * itself, as TAP.  No source tree is needed: every check compares facts of the
 * index with each other (the kernel's 64-bit table with strace's own
 * table, each path step with the call edges, each link with the symbol it
 * names).  GAPS.tsv lists what the index knowingly lacks, each with its
 * reason (data/regenerate.sh writes it); a gap that is listed but not
 * there fails as much as one that is there but not listed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "schema.h"
#include "strbuf.h"
#include "tap.h"

#define MAX_DIAG 12

/* What differs between the built-in indexes; the rules bind it as ?1…?6. */
static const struct profile {
	const char *name;
	const char *linux_version, *linux_url;	/* ?1, ?2 */
	int rows_common, rows_64, rows_x32, rows_i386;	/* ?3 … ?6 */
	const char *enter_through, *exit_through;	/* the tracehook step */
	const char *dispatch_last_kind, *dispatch_last;
} profiles[] = {
	{ "v5.7", "v5.7", "https://github.com/torvalds/linux/blob/{version}/{path}#L{line}",
	  302, 47, 36, 427, "tracehook_report_syscall_entry", "tracehook_report_syscall_exit",
	  "call_site", "sys_call_table" },
	/* the generic entry code: no tracehooks, dispatch through a switch */
	{ "6.12", "6.12.118-1~deb12u1",
	  "https://sources.debian.org/src/linux/{version}/{path}/#L{line}",
	  328, 47, 36, 452, "ptrace_report_syscall_entry", "ptrace_report_syscall_exit",
	  "function", "x64_sys_call" },
};
static const struct profile *profile;

/* Each query yields one row per offending fact, as one text column. */
static const struct rule {
	const char *what;
	const char *sql;
} rules[] = {
	{ "exactly one linux and one strace tree",
	  "SELECT k || ': ' || (SELECT count(*) FROM tree WHERE kind = k) || ' trees'"
	  " FROM (SELECT 'linux' AS k UNION ALL SELECT 'strace')"
	  " WHERE (SELECT count(*) FROM tree WHERE kind = k) != 1"
	  " UNION ALL SELECT 'tree of kind ' || kind FROM tree WHERE kind NOT IN ('linux', 'strace')" },
	{ "the trees are the expected versions, x86_64, with their link templates and no local root",
	  "SELECT kind || ': ' || version || ' ' || arch || ' ' || url_template"
	  " || ' root ' || coalesce(root, 'NULL') FROM tree"
	  " WHERE arch != 'x86_64' OR root IS NOT NULL"
	  " OR (kind = 'linux' AND (version != ?1 OR url_template != ?2))"
	  " OR (kind = 'strace' AND (version != 'v5.7' OR url_template !="
	  " 'https://github.com/strace/strace/blob/{version}/{path}#L{line}'))" },
	{ "the kernel was indexed with the built-in configuration",
	  "SELECT 'config ' || coalesce(config, 'NULL') FROM tree"
	  " WHERE kind = 'linux' AND coalesce(config, '') != 'built-in'" },
	{ "syscall_64.tbl's common, 64 and x32 rows and syscall_32.tbl's, as many as the tables have",
	  "SELECT a || ': ' || (SELECT count(*) FROM syscall WHERE abi = a) || ' rows, not ' || n"
	  " FROM (SELECT 'common' AS a, ?3 AS n UNION ALL SELECT '64', ?4"
	  " UNION ALL SELECT 'x32', ?5 UNION ALL SELECT 'i386', ?6)"
	  " WHERE (SELECT count(*) FROM syscall WHERE abi = a) != n" },
	{ "no number is both a common and a 64 row",
	  "SELECT nr || ' ' || group_concat(abi || ' ' || name) FROM syscall"
	  " WHERE abi IN ('common', '64') GROUP BY nr HAVING count(*) > 1" },
	{ "every number in strace's 64-bit table is in the kernel's (common or 64)",
	  "SELECT s.nr || ' ' || s.name FROM strace_syscall s WHERE s.abi = '64' AND NOT EXISTS"
	  " (SELECT 1 FROM syscall y WHERE y.abi IN ('common', '64') AND y.nr = s.nr)" },
	/* strace v5.7 knows every syscall of v5.7, and none added since */
	{ "every 64-bit syscall is in strace's table under the same name, or is newer than strace",
	  "SELECT y.abi || ' ' || y.nr || ' ' || y.name || ' (strace: ' || coalesce(s.name, 'none')"
	  " || ')' FROM syscall y LEFT JOIN strace_syscall s ON s.abi = '64' AND s.nr = y.nr"
	  " WHERE y.abi IN ('common', '64') AND (s.name != y.name"
	  " OR (s.name IS NULL AND ?1 = 'v5.7'))" },
	{ "every syscall row is implemented or unimplemented",
	  "SELECT abi || ' ' || nr || ' ' || name || ': ' || coalesce(status, 'NULL') FROM syscall"
	  " WHERE coalesce(status, '') NOT IN ('implemented', 'unimplemented')" },
	{ "every implemented syscall has a definition with file and line",
	  "SELECT y.abi || ' ' || y.nr || ' ' || y.name || ': '"
	  " || coalesce(d.kind || ' ' || d.name || ' ' || coalesce(f.path, 'no file')"
	  " || ':' || coalesce(d.line, 'no line'), 'no definition')"
	  " FROM syscall y LEFT JOIN symbol d ON d.id = y.definition_id"
	  " LEFT JOIN file f ON f.id = d.file_id WHERE y.status = 'implemented'"
	  " AND (d.id IS NULL OR d.kind != 'syscall_definition' OR f.id IS NULL"
	  " OR d.line IS NULL OR d.line < 1 OR d.end_line < d.line)" },
	{ "every implemented syscall's definition is its table entry's (__x64_sys_X: sys_X)",
	  "SELECT y.abi || ' ' || y.nr || ' ' || y.name || ': ' || coalesce(y.entry_point, 'NULL')"
	  " || ' defined by ' || d.name FROM syscall y JOIN symbol d ON d.id = y.definition_id"
	  " WHERE y.status = 'implemented' AND coalesce(y.entry_point, '') !="
	  " CASE y.abi WHEN 'i386' THEN '__ia32_' WHEN 'x32' THEN '__x32_' ELSE '__x64_' END"
	  " || d.name" },
	{ "every unimplemented syscall says why, and is at most sys_ni_syscall",
	  "SELECT y.abi || ' ' || y.nr || ' ' || y.name || ': reason '"
	  " || coalesce(y.reason, 'NULL') || ', definition ' || coalesce(d.name, 'none')"
	  " FROM syscall y LEFT JOIN symbol d ON d.id = y.definition_id"
	  " WHERE y.status = 'unimplemented' AND (coalesce(y.reason, '') = ''"
	  " OR (d.id IS NOT NULL AND d.name != 'sys_ni_syscall'))" },
	/* files only another build compiles: user-mode Linux, !CONFIG_MMU, 32-bit */
	{ "no 64-bit definition comes from code an x86-64 kernel does not build",
	  "SELECT y.abi || ' ' || y.nr || ' ' || y.name || ': ' || f.path || ':' || d.line"
	  " FROM syscall y JOIN symbol d ON d.id = y.definition_id JOIN file f ON f.id = d.file_id"
	  " WHERE y.abi IN ('common', '64', 'x32') AND (f.path LIKE 'arch/x86/um/%'"
	  " OR f.path = 'mm/nommu.c' OR f.path LIKE '%\\_32.c' ESCAPE '\\'"
	  " OR (f.path LIKE 'arch/%' AND f.path NOT LIKE 'arch/x86/%'))" },
	{ "every symbol's lines are sane (1-based, end not before start, none without a file)",
	  "SELECT s.kind || ' ' || s.name || ' ' || coalesce(f.path, 'no file') || ':'"
	  " || coalesce(s.line, 'NULL') || '-' || coalesce(s.end_line, 'NULL')"
	  " FROM symbol s LEFT JOIN file f ON f.id = s.file_id"
	  " WHERE (f.id IS NULL AND s.line IS NOT NULL) OR (f.id IS NOT NULL AND (s.line IS NULL"
	  " OR s.line < 1 OR s.end_line IS NULL OR s.end_line < s.line))" },
	{ "every call edge is inside its caller, in its caller's file",
	  "SELECT a.name || ' calls ' || b.name || ' at ' || f.path || ':' || c.line"
	  " FROM call c JOIN symbol a ON a.id = c.caller_id JOIN symbol b ON b.id = c.callee_id"
	  " JOIN file f ON f.id = c.file_id WHERE c.file_id IS NOT a.file_id"
	  " OR c.line < a.line OR c.line > a.end_line" },
	{ "the kernel's 64-bit rows name strace's decoder for the same number",
	  "SELECT y.abi || ' ' || y.nr || ' ' || y.name FROM syscall y"
	  " LEFT JOIN strace_syscall s ON s.abi = '64' AND s.nr = y.nr"
	  " WHERE y.abi IN ('common', '64') AND y.decoder_id IS NOT s.decoder_id" },
	{ "every located strace decoder has a file and a line",
	  "SELECT s.nr || ' ' || s.decoder || ': ' || d.kind || ' ' || d.name || ' '"
	  " || coalesce(f.path, 'no file') || ':' || coalesce(d.line, 'no line')"
	  " FROM strace_syscall s JOIN symbol d ON d.id = s.decoder_id"
	  " LEFT JOIN file f ON f.id = d.file_id"
	  " WHERE d.kind NOT IN ('strace_decoder', 'function') OR f.id IS NULL OR d.line IS NULL" },
	/*
	 * Which of strace's printers each decoder hands an argument to, as
	 * read in strace v5.7 (open.c, io.c, stat.c): the path, the buffer
	 * and the struct of the report's round trip.
	 */
	{ "strace's decoders pass openat's path, read's and write's buffer and fstat's struct"
	  " to printpath, printstrn and fetch_struct_stat",
	  "SELECT w.dec || ' arg ' || w.arg || ' -> ' || w.printer || coalesce(' via ' || w.via, '')"
	  " FROM (SELECT 'openat' AS dec, 1 AS arg, 'printpath' AS printer, 'decode_open' AS via"
	  " UNION ALL SELECT 'openat', 0, 'printfd', 'print_dirfd'"
	  " UNION ALL SELECT 'read', 0, 'printfd', NULL UNION ALL SELECT 'read', 1, 'printstrn', NULL"
	  " UNION ALL SELECT 'write', 1, 'printstrn', NULL"
	  " UNION ALL SELECT 'fstat', 1, 'fetch_struct_stat', 'decode_struct_stat') w"
	  " WHERE NOT EXISTS (SELECT 1 FROM decoder_arg a JOIN symbol d ON d.id = a.decoder_id"
	  " JOIN symbol p ON p.id = a.printer_id LEFT JOIN symbol v ON v.id = a.via_id"
	  " WHERE d.kind = 'strace_decoder' AND d.name = w.dec AND a.arg = w.arg"
	  " AND p.name = w.printer AND coalesce(v.name, '') = coalesce(w.via, ''))" },
	{ "every decoder argument's call is inside its decoder or helper, which the decoder calls",
	  "SELECT d.name || ' arg ' || a.arg || ' -> ' || p.name || ' at ' || f.path || ':' || a.line"
	  " FROM decoder_arg a JOIN symbol d ON d.id = a.decoder_id"
	  " JOIN symbol p ON p.id = a.printer_id JOIN file f ON f.id = a.file_id"
	  " LEFT JOIN symbol v ON v.id = a.via_id"
	  " WHERE d.kind != 'strace_decoder' OR a.arg < 0 OR a.arg > 5"
	  " OR a.file_id IS NOT coalesce(v.file_id, d.file_id)"
	  " OR a.line < coalesce(v.line, d.line) OR a.line > coalesce(v.end_line, d.end_line)"
	  " OR (v.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM call c WHERE c.caller_id = d.id"
	  " AND (c.callee_id = v.id OR EXISTS (SELECT 1 FROM call c2"
	  " WHERE c2.caller_id = c.callee_id AND c2.callee_id = v.id))))" },
	{ "printpath reaches umovestr, printstrn and fetch_struct_stat reach umoven by call edges",
	  "WITH RECURSIVE r(start, cur, depth) AS (SELECT s.id, s.id, 0 FROM symbol s"
	  " JOIN tree t ON t.id = s.tree_id WHERE t.kind = 'strace' AND s.kind = 'function'"
	  " AND s.name IN ('printpath', 'printstrn', 'fetch_struct_stat')"
	  " UNION SELECT r.start, c.callee_id, r.depth + 1 FROM r JOIN call c ON c.caller_id = r.cur"
	  " WHERE r.depth < 5)"
	  " SELECT w.printer || ' does not reach ' || w.reader"
	  " FROM (SELECT 'printpath' AS printer, 'umovestr' AS reader"
	  " UNION ALL SELECT 'printstrn', 'umoven' UNION ALL SELECT 'fetch_struct_stat', 'umoven') w"
	  " WHERE NOT EXISTS (SELECT 1 FROM r JOIN symbol a ON a.id = r.start"
	  " JOIN symbol b ON b.id = r.cur WHERE a.name = w.printer AND b.name = w.reader)" },
	{ "the index is one self-contained file (no WAL)",
	  "SELECT 'journal_mode ' || journal_mode FROM pragma_journal_mode"
	  " WHERE journal_mode != 'delete'" },
};

/*
 * The ends of each named path (docs/schema.md).  A ptrace-<request> path
 * not listed here must end in its own case label (ptrace-get-syscall-info:
 * PTRACE_GET_SYSCALL_INFO).  external: the last step is a function of the
 * C library, linked through the previous step's call line.
 */
static const struct endpoint {
	const char *path;
	int required;
	const char *first, *through, *last_kind, *last;
	int external;
} endpoints[] = {
	/* through (enter, exit) and the last step (dispatch): the profile's */
	{ "syscall-enter", 1, "entry_SYSCALL_64", NULL, "function", "ptrace_stop", 0 },
	{ "syscall-exit", 1, "entry_SYSCALL_64", NULL, "function", "ptrace_stop", 0 },
	{ "syscall-dispatch", 1, "entry_SYSCALL_64", "do_syscall_64", NULL, NULL, 0 },
	{ "ptrace-traceme", 1, "sys_ptrace", "ptrace_traceme", "landmark", "PT_PTRACED", 0 },
	{ "ptrace-attach", 1, "sys_ptrace", "ptrace_attach", "landmark", "PT_PTRACED", 0 },
	{ "ptrace-seize", 1, "sys_ptrace", "ptrace_attach", "landmark", "PT_PTRACED", 0 },
	{ "ptrace-syscall-resume", 1, "sys_ptrace", NULL, "case_label", "PTRACE_SYSCALL", 0 },
	{ "wait-stopped-tracee", 1, "sys_wait4", "do_wait", "function", "wait_task_stopped", 0 },
	{ "process-vm-readv", 1, "sys_process_vm_readv", NULL, "function",
	  "process_vm_rw_core", 0 },
	{ "strace-startup", 1, "main", "startup_child", "function", "fork", 1 },
	{ "strace-exec", 1, "main", "exec_or_die", "function", "execve", 1 },
	{ "strace-traceme", 1, "main", "exec_or_die", "function", "ptrace", 1 },
	{ "strace-attach", 1, "main", "startup_child", "function", "ptrace_attach_or_seize", 0 },
	{ "strace-wait", 1, "main", "next_event", "function", "wait4", 1 },
	{ "strace-enter", 1, "main", "trace_syscall", "function", "syscall_entering_decode", 0 },
	{ "strace-print-name", 1, "main", "syscall_entering_decode", "landmark", "sys_name", 0 },
	{ "strace-exit", 1, "main", "trace_syscall", "function", "syscall_exiting_decode", 0 },
	{ "strace-get-args", 1, "main", "get_syscall_args", "function",
	  "arch_get_syscall_args", 0 },
	{ "strace-read-memory", 1, "umoven", NULL, "function", "umoven_peekdata", 0 },
	{ "strace-read-string", 1, "umovestr", NULL, "function", "umovestr_peekdata", 0 },
	/* the stops other than syscall stops, and the tracer's reaction */
	{ "stop-signal", 1, "entry_SYSCALL_64", "ptrace_signal", "function", "ptrace_stop", 0 },
	{ "stop-group", 1, "entry_SYSCALL_64", "do_jobctl_trap", "function", "ptrace_stop", 0 },
	{ "signal-frame", 1, "entry_SYSCALL_64", "handle_signal", "function", "setup_rt_frame", 0 },
	{ "rt-sigreturn", 1, "sys_rt_sigreturn", NULL, "function", "restore_sigcontext", 0 },
	{ "stop-exec", 1, "sys_execve", "ptrace_event", "function", "ptrace_stop", 0 },
	{ "stop-exit", 1, "sys_exit_group", "ptrace_event", "function", "ptrace_stop", 0 },
	{ "stop-fork", 1, "sys_clone", "ptrace_event_pid", "function", "ptrace_stop", 0 },
	{ "exit-notify", 1, "sys_exit_group", "exit_notify", "function", "do_notify_parent", 0 },
	{ "wait-zombie", 1, "sys_wait4", "do_wait", "function", "wait_task_zombie", 0 },
	{ "strace-self-stop", 1, "main", "exec_or_die", "function", "kill", 1 },
	{ "strace-resume-child", 1, "main", "startup_child", "function", "kill", 1 },
	{ "strace-print-signal", 1, "main", "dispatch_event", "function", "print_stopped", 0 },
	{ "strace-print-exited", 1, "main", "dispatch_event", "function", "print_exited", 0 },
	{ "strace-exit-event", 1, "main", "dispatch_event", "function", "print_event_exit", 0 },
	{ "strace-exec-event", 1, "main", "dispatch_event", "function", "maybe_switch_tcbs", 0 },
	{ "strace-restart", 1, "main", "dispatch_event", "function", "ptrace_restart", 0 },
	/* the ptrace requests the tracer uses (event.mechanism) */
	{ "ptrace-getregs", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-setregs", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-getfpregs", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-peekdata", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-peektext", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-pokedata", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-get-syscall-info", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-getsiginfo", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-geteventmsg", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-setoptions", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-syscall", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-cont", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-listen", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-interrupt", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-kill", 1, NULL, NULL, NULL, NULL, 0 },
	{ "ptrace-detach", 1, NULL, NULL, NULL, NULL, 0 },
};
#define NENDPOINTS (sizeof(endpoints) / sizeof(endpoints[0]))

struct step {
	int64_t symbol;
	char *name, *kind, *file;
	int64_t line, end_line, call_line;	/* 0: NULL */
};

static sqlite3 *db;

static char *column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? xstrdup((const char *)s) : NULL;
}

/* Run a rule: ok when it yields no rows; the first rows are the diagnostics. */
static void check_rule(const struct rule *r)
{
	sqlite3_stmt *st = NULL;
	struct strbuf msg = STRBUF_INIT;
	int n = 0, rc;

	if (sqlite3_prepare_v2(db, r->sql, -1, &st, NULL) != SQLITE_OK) {
		ok(0, "%s", r->what);
		diag("bad query: %s", sqlite3_errmsg(db));
		return;
	}
	for (rc = 1; rc <= sqlite3_bind_parameter_count(st); rc++) {
		int b;

		switch (rc) {
		case 1: b = sqlite3_bind_text(st, rc, profile->linux_version, -1, SQLITE_STATIC); break;
		case 2: b = sqlite3_bind_text(st, rc, profile->linux_url, -1, SQLITE_STATIC); break;
		case 3: b = sqlite3_bind_int(st, rc, profile->rows_common); break;
		case 4: b = sqlite3_bind_int(st, rc, profile->rows_64); break;
		case 5: b = sqlite3_bind_int(st, rc, profile->rows_x32); break;
		case 6: b = sqlite3_bind_int(st, rc, profile->rows_i386); break;
		default: b = SQLITE_RANGE; break;
		}
		if (b != SQLITE_OK) {
			ok(0, "%s", r->what);
			diag("bind ?%d: %s", rc, sqlite3_errstr(b));
			sqlite3_finalize(st);
			return;
		}
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ < MAX_DIAG)
			strbuf_addf(&msg, "#   %s\n", sqlite3_column_text(st, 0));
	}
	if (rc != SQLITE_DONE)
		strbuf_addf(&msg, "#   query failed: %s\n", sqlite3_errmsg(db));
	if (!ok(n == 0 && rc == SQLITE_DONE, "%s", r->what)) {
		fputs(msg.buf, stdout);
		if (n > MAX_DIAG)
			diag("  ... %d in all", n);
	}
	sqlite3_finalize(st);
	strbuf_release(&msg);
}

/* ptrace-get-syscall-info -> PTRACE_GET_SYSCALL_INFO */
static void request_label(struct strbuf *out, const char *path)
{
	const char *p;

	strbuf_addstr(out, "PTRACE_");
	for (p = path + strlen("ptrace-"); *p; p++)
		strbuf_addch(out, *p == '-' ? '_' : toupper((unsigned char)*p));
}

static int call_edge_exists(int64_t caller, int64_t callee, int64_t line)
{
	sqlite3_stmt *st = NULL;
	int found = 0;

	/* or the call of a __weak default without calls that callee, of the
	 * same name, overrides (6.x's arch_do_signal_or_restart) */
	if (sqlite3_prepare_v2(db, "SELECT 1 FROM call c JOIN symbol w ON w.id = c.callee_id"
			       " JOIN symbol nx ON nx.id = ?2"
			       " WHERE c.caller_id = ?1 AND c.line = ?3 AND (c.callee_id = ?2 OR"
			       " (w.kind = 'function' AND nx.kind = 'function' AND w.name = nx.name"
			       " AND NOT EXISTS (SELECT 1 FROM call d WHERE d.caller_id = w.id)))",
			       -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_bind_int64(st, 1, caller) == SQLITE_OK &&
		    sqlite3_bind_int64(st, 2, callee) == SQLITE_OK &&
		    sqlite3_bind_int64(st, 3, line) == SQLITE_OK)
			found = sqlite3_step(st) == SQLITE_ROW;
	}
	sqlite3_finalize(st);
	return found;
}

static void problem(struct strbuf *msg, int *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct strbuf *msg, int *n, const char *fmt, ...)
{
	va_list ap;

	if ((*n)++ >= MAX_DIAG)
		return;
	strbuf_addstr(msg, "#   ");
	va_start(ap, fmt);
	strbuf_vaddf(msg, fmt, ap);
	va_end(ap);
	strbuf_addch(msg, '\n');
}

/*
 * One path: steps 0..n-1 without holes; each step a symbol with file and
 * line; each step but the last with a call line inside it that reaches
 * the next step (a call edge, or the next step's case, landmark or
 * indirect call on that very line); the last without one; the ends the
 * table (or the ptrace-<request> rule) names.
 */
static void check_path(int64_t tree_id, const char *tree_kind, const char *name)
{
	const struct endpoint *e = NULL, rule = { name, 0, "sys_ptrace", NULL, "case_label",
						  NULL, 0 };
	struct endpoint local;
	struct strbuf msg = STRBUF_INIT, label = STRBUF_INIT;
	struct step *steps = NULL;
	sqlite3_stmt *st = NULL;
	size_t i, nsteps = 0;
	int n = 0, through = 0;

	for (i = 0; i < NENDPOINTS; i++)
		if (!strcmp(endpoints[i].path, name))
			e = &endpoints[i];
	if (e && !strcmp(name, "syscall-enter")) {
		local = *e;
		local.through = profile->enter_through;
		e = &local;
	} else if (e && !strcmp(name, "syscall-exit")) {
		local = *e;
		local.through = profile->exit_through;
		e = &local;
	} else if (e && !strcmp(name, "syscall-dispatch")) {
		local = *e;
		local.last_kind = profile->dispatch_last_kind;
		local.last = profile->dispatch_last;
		e = &local;
	}
	if ((!e || !e->first) && !strncmp(name, "ptrace-", 7)) {
		request_label(&label, name);
		e = &rule;
	}
	if (!e)
		problem(&msg, &n, "no endpoints known for this path: add it to check-builtin.c");

	if (sqlite3_prepare_v2(db, "SELECT p.step, s.id, s.name, s.kind, f.path, s.line,"
			       " s.end_line, p.call_line FROM path p JOIN symbol s ON s.id = p.symbol_id"
			       " LEFT JOIN file f ON f.id = s.file_id WHERE p.tree_id = ?1 AND p.name = ?2"
			       " ORDER BY p.step", -1, &st, NULL) != SQLITE_OK) {
		problem(&msg, &n, "query: %s", sqlite3_errmsg(db));
		goto report;
	}
	if (sqlite3_bind_int64(st, 1, tree_id) != SQLITE_OK ||
	    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC) != SQLITE_OK)
		problem(&msg, &n, "bind: %s", sqlite3_errmsg(db));
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct step *s;

		if (sqlite3_column_int64(st, 0) != (int64_t)nsteps)
			problem(&msg, &n, "step %lld where step %zu belongs",
				(long long)sqlite3_column_int64(st, 0), nsteps);
		steps = xrealloc(steps, (nsteps + 1) * sizeof(*steps));
		s = &steps[nsteps++];
		s->symbol = sqlite3_column_int64(st, 1);
		s->name = column_dup(st, 2);
		s->kind = column_dup(st, 3);
		s->file = column_dup(st, 4);
		s->line = sqlite3_column_int64(st, 5);
		s->end_line = sqlite3_column_int64(st, 6);
		s->call_line = sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	if (nsteps < 2) {
		problem(&msg, &n, "%zu steps", nsteps);
		goto report;
	}

	for (i = 0; i < nsteps; i++) {
		const struct step *s = &steps[i], *next = i + 1 < nsteps ? &steps[i + 1] : NULL;
		int libc_end = !next && e && e->external && !s->file;

		if ((!s->file || s->line < 1) && !libc_end)
			problem(&msg, &n, "step %zu %s: no file and line", i, s->name);
		if (e && e->through && !strcmp(s->name, e->through))
			through = 1;
		if (!next) {
			if (s->call_line)
				problem(&msg, &n, "last step %s has a call line %lld", s->name,
					(long long)s->call_line);
			break;
		}
		if (!s->call_line) {
			problem(&msg, &n, "step %zu %s: no call line", i, s->name);
			continue;
		}
		if (s->call_line < s->line || s->call_line > s->end_line)
			problem(&msg, &n, "step %zu %s (%s:%lld-%lld): call line %lld outside it",
				i, s->name, s->file ? s->file : "?", (long long)s->line,
				(long long)s->end_line, (long long)s->call_line);
		if (!strcmp(next->kind, "case_label") || !strcmp(next->kind, "landmark") ||
		    !strcmp(next->kind, "call_site")) {
			if (next->line != s->call_line || !next->file || !s->file ||
			    strcmp(next->file, s->file))
				problem(&msg, &n, "step %zu %s: call line %lld is not %s %s:%lld",
					i, s->name, (long long)s->call_line, next->kind, next->name,
					(long long)next->line);
		} else if (!call_edge_exists(s->symbol, next->symbol, s->call_line)) {
			problem(&msg, &n, "step %zu %s: no call of %s at line %lld", i, s->name,
				next->name, (long long)s->call_line);
		}
	}
	if (e && e->first && strcmp(steps[0].name, e->first))
		problem(&msg, &n, "starts at %s, not %s", steps[0].name, e->first);
	if (e && e->through && !through)
		problem(&msg, &n, "does not pass %s", e->through);
	if (e && e->last_kind) {
		const struct step *last = &steps[nsteps - 1];
		const char *want = e->last ? e->last : label.buf;

		if (strcmp(last->kind, e->last_kind) || strcmp(last->name, want))
			problem(&msg, &n, "ends at %s %s, not %s %s", last->kind, last->name,
				e->last_kind, want);
	}
report:
	if (!ok(n == 0, "path %s (%s): %zu steps, complete, ends where it should", name,
		tree_kind, nsteps)) {
		fputs(msg.buf, stdout);
		if (n > MAX_DIAG)
			diag("  ... %d problems in all", n);
	}
	for (i = 0; i < nsteps; i++) {
		free(steps[i].name);
		free(steps[i].kind);
		free(steps[i].file);
	}
	free(steps);
	strbuf_release(&msg);
	strbuf_release(&label);
}

static void check_paths(void)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	if (sqlite3_prepare_v2(db, "SELECT DISTINCT p.tree_id, t.kind, p.name FROM path p"
			       " JOIN tree t ON t.id = p.tree_id ORDER BY t.kind, p.name",
			       -1, &st, NULL) != SQLITE_OK) {
		ok(0, "paths: %s", sqlite3_errmsg(db));
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW)
		check_path(sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
			   (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);

	for (i = 0; i < NENDPOINTS; i++) {
		int64_t n = 0;
		struct strbuf q = STRBUF_INIT;
		char *quoted;

		if (!endpoints[i].required)
			continue;
		quoted = sqlite3_mprintf("SELECT count(*) FROM path WHERE name = %Q",
					 endpoints[i].path);
		strbuf_addstr(&q, quoted);
		sqlite3_free(quoted);
		if (db_query_int(db, q.buf, &n) || !n)
			ok(0, "the index has path %s", endpoints[i].path);
		strbuf_release(&q);
	}
	ok(1, "every required path is present (a missing one fails above)");
}

/*
 * GAPS.tsv: "strace_decoder <TAB> NAME <TAB> REASON" lines.  Every strace
 * decoder the table names is located or listed, and every listed one is
 * really not located.
 */
static void check_decoders(const char *gaps_path)
{
	struct strbuf gaps = STRBUF_INIT, msg = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	char *line, *next;
	int n = 0, listed = 0, bad_lines = 0, done = 0;

	if (strbuf_read_file(&gaps, gaps_path) < 0) {
		ok(0, "read %s", gaps_path);
		return;
	}
	if (db_exec(db, "CREATE TEMP TABLE gap(name TEXT PRIMARY KEY, reason TEXT)"))
		goto cleanup;
	if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO gap VALUES (?1, ?2)", -1, &st,
			       NULL) != SQLITE_OK)
		goto cleanup;
	for (line = gaps.buf; line && *line; line = next) {
		char *f1, *f2;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#' || !*line)
			continue;
		f1 = strchr(line, '\t');
		f2 = f1 ? strchr(f1 + 1, '\t') : NULL;
		if (!f1 || !f2 || strncmp(line, "strace_decoder\t", 15) || !f2[1]) {
			problem(&msg, &bad_lines, "gaps: not 'strace_decoder NAME REASON': %s", line);
			continue;
		}
		*f2 = '\0';
		if (sqlite3_bind_text(st, 1, f1 + 1, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
		    sqlite3_bind_text(st, 2, f2 + 1, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_DONE)
			problem(&msg, &bad_lines, "gaps: %s", sqlite3_errmsg(db));
		if (sqlite3_reset(st) != SQLITE_OK)
			problem(&msg, &bad_lines, "gaps: %s", sqlite3_errmsg(db));
		listed++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!ok(bad_lines == 0, "%s: %d gaps listed, each with a reason", gaps_path, listed))
		fputs(msg.buf, stdout);
	strbuf_reset(&msg);

	if (sqlite3_prepare_v2(db, "SELECT s.nr || ' ' || s.decoder FROM strace_syscall s"
			       " WHERE s.decoder_id IS NULL AND s.decoder NOT IN (SELECT name FROM gap)",
			       -1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	while (sqlite3_step(st) == SQLITE_ROW)
		problem(&msg, &n, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	st = NULL;
	if (!ok(n == 0, "every decoder strace's table names is located or a listed gap"))
		fputs(msg.buf, stdout);
	strbuf_reset(&msg);
	n = 0;

	if (sqlite3_prepare_v2(db, "SELECT g.name FROM gap g WHERE NOT EXISTS (SELECT 1 FROM"
			       " strace_syscall s WHERE s.decoder = g.name AND s.decoder_id IS NULL)",
			       -1, &st, NULL) != SQLITE_OK)
		goto cleanup;
	while (sqlite3_step(st) == SQLITE_ROW)
		problem(&msg, &n, "%s is listed but located (or not in the table)",
			sqlite3_column_text(st, 0));
	if (!ok(n == 0, "no listed gap is stale"))
		fputs(msg.buf, stdout);
	done = 1;
cleanup:
	if (!done)
		ok(0, "check the decoders: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	strbuf_release(&gaps);
	strbuf_release(&msg);
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc != 3 && argc != 4) {
		fputs("usage: check-builtin INDEX.db GAPS.tsv [v5.7|6.12]\n", stderr);
		return 2;
	}
	profile = &profiles[0];
	for (i = 0; argc == 4 && i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (!strcmp(argv[3], profiles[i].name))
			profile = &profiles[i];
	if (argc == 4 && strcmp(argv[3], profile->name)) {
		fprintf(stderr, "check-builtin: %s: expected v5.7 or 6.12\n", argv[3]);
		return 2;
	}
	if (db_open(&db, argv[1], &db_schema_index, DB_READONLY)) {
		ok(0, "open %s", argv[1]);
		done_testing();
		return 1;
	}
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		check_rule(&rules[i]);
	check_paths();
	check_decoders(argv[2]);
	db_close(db);
	done_testing();
	return exit_status();
}
