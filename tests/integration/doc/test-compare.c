/*
 * test-compare OLD.sql NEW.sql EXPECTED.txt: build two fixture indexes
 * (the old and the generic-entry shape), compare them, check the
 * differences one by one, then the whole text summary against EXPECTED.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "db.h"
#include "schema.h"
#include "tap.h"

static char dir[] = "/tmp/sysatlas-test-compareXXXXXX";

static int make_index(const char *db_path, const char *sql_path)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3 *db = NULL;
	int rc = -1;

	if (db_open(&db, db_path, &db_schema_index, DB_NEW) < 0 ||
	    strbuf_read_file(&sql, sql_path) < 0 || db_exec(db, sql.buf) < 0 ||
	    db_make_standalone(db) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	strbuf_release(&sql);
	if (db_close(db) < 0)
		rc = -1;
	return rc;
}

static const struct cmp_syscall *find(const struct compare *c, const char *abi, const char *name)
{
	const struct cmp_syscall *s = compare_syscall_find(c, abi, name);

	if (!s)
		diag("no comparison row for %s %s", abi, name);
	return s;
}

static unsigned flags_of(const struct compare *c, const char *abi, const char *name)
{
	const struct cmp_syscall *s = find(c, abi, name);

	return s ? s->flags : ~0u;
}

/* The path rows as "mark name" lines, for exact checks. */
static void rows_describe(struct strbuf *out, const struct cmp_path *p)
{
	size_t i;

	for (i = 0; i < p->nr_rows; i++) {
		const struct cmp_step *r = &p->rows[i];
		const struct ix_step *st = r->a ? r->a : r->b;

		strbuf_addf(out, "%c%s\n", r->flags & CMP_REMOVED ? '-' :
			    r->flags & CMP_ADDED ? '+' : '=', st->sym.name);
	}
}

int main(int argc, char **argv)
{
	struct strbuf a_path = STRBUF_INIT, b_path = STRBUF_INIT, text = STRBUF_INIT,
		      expected = STRBUF_INIT, rows = STRBUF_INIT;
	struct ix a = { 0 }, b = { 0 };
	struct compare c = { 0 };
	const struct cmp_path *p;

	if (argc != 4) {
		fputs("usage: test-compare OLD.sql NEW.sql EXPECTED.txt\n", stderr);
		return 2;
	}
	if (!mkdtemp(dir))
		return 1;
	strbuf_addf(&a_path, "%s/old.db", dir);
	strbuf_addf(&b_path, "%s/generic.db", dir);
	if (make_index(a_path.buf, argv[1]) < 0 || make_index(b_path.buf, argv[2]) < 0 ||
	    ix_open(&a, a_path.buf) < 0 || ix_open(&b, b_path.buf) < 0) {
		skip_all("fixture indexes could not be built");
	}

	ok(compare_build(&c, &a, &b) == 0, "compare builds");
	is_int(c.list_a.nr, 11, "rows in a");
	is_int(c.list_b.nr, 11, "rows in b");
	is_int(c.nr_added, 1, "one row added");
	is_int(c.nr_removed, 1, "one row removed");
	is_int(c.nr_renumbered, 0, "none renumbered");
	is_int(c.nr_moved_file, 1, "one moved to another file");
	is_int(c.nr_signature, 1, "one signature changed");
	is_int(c.nr_moved_line, 8, "eight moved within their file");
	is_int(c.nr_unchanged, 0, "none unchanged");
	is_int(c.nr_status, 1, "one status changed");
	is_int(flags_of(&c, "common", "faccessat2"), CMP_ADDED, "faccessat2 added");
	is_int(flags_of(&c, "64", "uselib"), CMP_REMOVED, "uselib removed");
	is_int(flags_of(&c, "common", "io_uring_enter"), CMP_MOVED_FILE | CMP_SIGNATURE,
	       "io_uring_enter moved to io_uring/ with a new signature");
	is_int(flags_of(&c, "64", "_sysctl"), CMP_STATUS | CMP_ENTRY_POINT,
	       "_sysctl became sys_ni_syscall");
	is_int(flags_of(&c, "common", "openat"), CMP_MOVED_LINE, "openat moved within fs/open.c");
	is_int(flags_of(&c, "x32", "rt_sigaction"), CMP_MOVED_LINE, "x32 rt_sigaction moved line");
	is_int(flags_of(&c, "common", "rt_sigaction"), CMP_MOVED_LINE, "common rt_sigaction is its own row");

	p = compare_path_find(&c, "syscall-enter");
	ok(p != NULL, "syscall-enter compared");
	if (p) {
		rows_describe(&rows, p);
		is_str(rows.buf,
		       "=entry_SYSCALL_64\n=do_syscall_64\n+syscall_enter_from_user_mode\n"
		       "+__syscall_enter_from_user_work\n=syscall_trace_enter\n"
		       "-tracehook_report_syscall_entry\n+ptrace_report_syscall_entry\n"
		       "=ptrace_report_syscall\n=ptrace_notify\n=ptrace_do_notify\n=ptrace_stop\n",
		       "syscall-enter: v5.7 tracehook vs generic entry, aligned");
		is_int(p->nr_only_a, 1, "syscall-enter: one step only in the old shape");
		is_int(p->nr_only_b, 3, "syscall-enter: three only in the generic shape");
		ok(p->rows[2].flags == CMP_ADDED && p->rows[2].b &&
		   !strcmp(p->rows[2].b->sym.file, "kernel/entry/common.c"),
		   "the generic entry step is in kernel/entry/common.c");
		ok(p->rows[4].flags == (CMP_MOVED_FILE | CMP_CALL_LINE),
		   "syscall_trace_enter moved to kernel/entry/common.c");
	}
	p = compare_path_find(&c, "syscall-exit");
	ok(p && p->nr_only_a == 3 && p->nr_only_b == 5, "syscall-exit: 3 old-only, 5 new-only steps");
	p = compare_path_find(&c, "ptrace-peekdata");
	ok(p && p->flags == CMP_REMOVED && p->nr_rows == 4, "ptrace-peekdata only in a (fixture)");

	compare_text_write(&text, &c);
	if (strbuf_read_file(&expected, argv[3]) < 0)
		strbuf_addstr(&expected, "(unreadable)");
	is_str(text.buf, expected.buf, "text summary matches %s", argv[3]);
	if (getenv("SYSATLAS_REGEN"))
		strbuf_write_file(&text, argv[3]);

	compare_release(&c);
	ix_close(&a);
	ix_close(&b);
	unlink(a_path.buf);
	unlink(b_path.buf);
	rmdir(dir);
	strbuf_release(&a_path);
	strbuf_release(&b_path);
	strbuf_release(&text);
	strbuf_release(&expected);
	strbuf_release(&rows);
	done_testing();
	return exit_status();
}
