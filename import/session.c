/*
 * Lines of strace logs become the events, tasks and stacks of a trace.db
 * (docs/schema.md, "Imported traces").  Streams: memory holds one line
 * and, per live task, its call left unfinished.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "error.h"
#include "escape.h"
#include "session.h"
#include "strbuf.h"
#include "tidmap.h"
#include "tracedb-write.h"

#define COMMIT_ROWS 65536
/* The task of lines without a pid before the log names it. */
#define TID_UNKNOWN (INT32_MAX - 1)

struct itask {
	int64_t id, tid, first_seq, last_seq;
	int live;
	int pending;			/* an <unfinished ...> call */
	int64_t pend_seq, pend_ts;
	struct strbuf pend_name, pend_text;
	char *clone_kind;		/* the pending call creates a task: fork vfork clone */
	int clone_thread;
};

struct session {
	sqlite3 *db;
	struct tracedb_writer *w;
	const struct sysnr *nrs;
	struct tidmap tasks;
	int64_t seq, rows, nlive, written_ts;
	struct itask *first;		/* the launched command */
	int64_t bound_tid;		/* what TID_UNKNOWN turned out to be; 0: not yet */
	/* times */
	int times_known;		/* 0 none, 1 absolute, 2 relative */
	int64_t day_base, last_tod, rel_sum, order, last_ts, first_ts;
	int has_first_ts;
	int64_t resolution;
	int any_dur, any_unfinished, fpid;
	int64_t mtime;
	/* -k */
	int64_t stack_seq;
	struct strbuf stack;
	struct strbuf argv0;
	int have_argv0;
	int has_exit;
	int64_t exit_status;
};

static struct itask *task_get(struct session *s, int64_t tid)
{
	return tidmap_get(&s->tasks, (pid_t)tid);
}

static struct itask *task_new(struct session *s, int64_t tid, int64_t tgid, int64_t parent)
{
	struct itask *t = xcalloc(1, sizeof(*t));

	t->tid = tid;
	t->live = 1;
	strbuf_init(&t->pend_name, 0);
	strbuf_init(&t->pend_text, 0);
	t->id = tracedb_writer_task_new(s->w, tid, tgid, parent, NULL);
	tidmap_put(&s->tasks, (pid_t)tid, t);
	s->nlive++;
	if (!s->first)
		s->first = t;
	return t->id < 0 ? NULL : t;
}

static int commit_maybe(struct session *s)
{
	if (++s->rows % COMMIT_ROWS)
		return 0;
	return tracedb_writer_flush(s->w) < 0 || db_commit(s->db) < 0 || db_begin(s->db) < 0 ? -1 : 0;
}

static int put_event(struct session *s, struct itask *t, struct tracedb_row *row)
{
	row->seq = ++s->seq;
	row->tid = t->tid;
	/* events in seq order have times in order, as a recorded trace's:
	 * a -T exit later than the next line, an event without its own
	 * time, take the latest time written */
	if (row->ts_ns < s->written_ts)
		row->ts_ns = s->written_ts;
	s->written_ts = row->ts_ns;
	if (!t->first_seq)
		t->first_seq = row->seq;
	t->last_seq = row->seq;
	if (tracedb_writer_event(s->w, row) < 0)
		return -1;
	return commit_maybe(s);
}

struct session *session_new(sqlite3 *db, const struct sysnr *nrs, int64_t mtime)
{
	struct session *s = xcalloc(1, sizeof(*s));

	s->db = db;
	s->nrs = nrs;
	s->mtime = mtime;
	strbuf_init(&s->stack, 0);
	strbuf_init(&s->argv0, 0);
	s->w = tracedb_writer_new(db);
	if (!s->w || db_begin(db) < 0) {
		session_free(s);
		return NULL;
	}
	return s;
}

static void free_task(pid_t tid, void *value, void *arg)
{
	struct itask *t = value;

	(void)tid;
	(void)arg;
	strbuf_release(&t->pend_name);
	strbuf_release(&t->pend_text);
	free(t->clone_kind);
	free(t);
}

void session_free(struct session *s)
{
	if (!s)
		return;
	/* a task is in the map under its tid, and maybe under a bound one */
	if (s->bound_tid)
		tidmap_del(&s->tasks, (pid_t)s->bound_tid);
	tidmap_each(&s->tasks, free_task, NULL);
	tidmap_release(&s->tasks);
	tracedb_writer_free(s->w);
	strbuf_release(&s->stack);
	strbuf_release(&s->argv0);
	free(s);
}

/* The time of a line, in the trace's clock (docs/schema.md: run.times). */
static int64_t line_time(struct session *s, const struct import_line *l)
{
	int64_t ts;

	if (l->tstamp == IMPORT_TS_EPOCH) {
		ts = l->ts_ns;
	} else if (l->tstamp) {
		if (!s->times_known) {
			/* the date is not in the log: the day of its file's
			 * modification, a day earlier if the trace began later
			 * in the day than that */
			time_t mt = (time_t)s->mtime;
			struct tm tm;

			localtime_r(&mt, &tm);
			tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
			s->day_base = (int64_t)mktime(&tm) * 1000000000;
			if (s->day_base + l->ts_ns > s->mtime * 1000000000 + 1000000000)
				s->day_base -= (int64_t)86400 * 1000000000;
			s->last_tod = l->ts_ns;
		}
		if (l->ts_ns + (int64_t)12 * 3600 * 1000000000 < s->last_tod)
			s->day_base += (int64_t)86400 * 1000000000;	/* past midnight */
		s->last_tod = l->ts_ns;
		ts = s->day_base + l->ts_ns;
	} else if (l->has_rel) {
		s->rel_sum += l->rel_ns;
		ts = s->rel_sum;
	} else {
		s->order += 1000;
		ts = s->order;
	}
	if (!s->times_known) {
		s->times_known = l->tstamp ? 1 : l->has_rel ? 2 : 3;
		if (l->tstamp)
			s->resolution = l->tstamp == IMPORT_TS_SECONDS ? 1000000000 :
					l->ts_digits >= 9 ? 1 : 1000;
		else if (l->has_rel)
			s->resolution = l->rel_digits >= 9 ? 1 : 1000;
	}
	if (!s->has_first_ts) {
		s->first_ts = ts;
		s->has_first_ts = 1;
	}
	if (ts > s->last_ts)
		s->last_ts = ts;
	return ts;
}

/* The task a line is about. */
static struct itask *line_task(struct session *s, const struct import_line *l, int64_t file_pid)
{
	struct itask *t;
	int64_t tid;

	if (l->has_pid) {
		s->fpid = 1;
		t = task_get(s, l->pid);
		if (t)
			return t;
		/* the launched command, named now that there are several */
		if (s->first && s->first->tid == TID_UNKNOWN && !s->bound_tid && s->first->live) {
			s->bound_tid = l->pid;
			tidmap_put(&s->tasks, (pid_t)l->pid, s->first);
			return s->first;
		}
		return task_new(s, l->pid, l->pid, 0);
	}
	if (file_pid > 0)
		tid = file_pid;
	else if (s->first && s->first->live)
		tid = s->first->tid;
	else
		tid = s->first ? s->first->tid : TID_UNKNOWN;
	/* strace drops the prefix again when one task is left */
	if (!file_pid && s->nlive == 1 && s->first && !s->first->live) {
		struct tidmap_slot *sl = s->tasks.slots;
		size_t i;

		for (i = 0; sl && i <= s->tasks.mask; i++)
			if (sl[i].tid && ((struct itask *)sl[i].value)->live)
				return sl[i].value;
	}
	t = task_get(s, tid);
	return t ? t : task_new(s, tid, tid, 0);
}

static int64_t lookup_nr(struct session *s, const struct import_line *l, int *has)
{
	int64_t nr;

	*has = 1;
	if (l->has_nr)
		return l->nr;
	if (sysnr_find(s->nrs, l->name, l->name_len, &nr) == 0)
		return nr;
	*has = 0;
	return 0;
}

/* Which task-creating event a call makes, from its name and flags. */
static const char *clone_kind(const char *name, size_t len, const char *text)
{
	if (len == 4 && !memcmp(name, "fork", 4))
		return "fork";
	if (len == 5 && !memcmp(name, "vfork", 5))
		return "vfork";
	if ((len == 5 && !memcmp(name, "clone", 5)) || (len == 6 && !memcmp(name, "clone3", 6))) {
		if (strstr(text, "CLONE_VFORK"))
			return "vfork";
		if (strstr(text, "CLONE_THREAD") || strstr(text, "CLONE_VM"))
			return "clone";
		return strstr(text, "SIGCHLD") ? "fork" : "clone";
	}
	return NULL;
}

static int flush_stack(struct session *s)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	if (!s->stack.len || !s->stack_seq)
		goto done;
	if (db_prepare(s->db, &st, "INSERT OR REPLACE INTO ustack(seq, frames) VALUES (?, ?)") < 0 ||
	    db_bind_int(st, 1, s->stack_seq) < 0 ||
	    db_bind_text(st, 2, s->stack.buf, (int)s->stack.len) < 0 || db_step_done(st) < 0)
		rc = -1;
	db_finalize(st);
done:
	strbuf_reset(&s->stack);
	return rc;
}

/* The program an execve ran, from its first argument. */
static void exec_path(const char *args, size_t len, struct strbuf *out)
{
	const char *q = memchr(args, '"', len), *e;

	strbuf_reset(out);
	if (!q)
		return;
	for (e = q + 1; e < args + len && *e != '"'; e++)
		if (*e == '\\')
			return;
	if (e < args + len)
		strbuf_add(out, q + 1, (size_t)(e - q - 1));
}

/* A call has returned: its exit (and exec / fork events) for task t. */
static int call_return(struct session *s, struct itask *t, const struct import_line *l,
		       int64_t enter_seq, int64_t ts, const char *text, size_t text_len,
		       const char *name, size_t name_len, const char *kind)
{
	struct tracedb_row row = { 0 };
	int has_nr;
	int64_t nr = lookup_nr(s, l, &has_nr);

	(void)name_len;
	if (l->has_retval && l->retval == 0 &&
	    ((name_len == 6 && !memcmp(name, "execve", 6)) ||
	     (name_len == 8 && !memcmp(name, "execveat", 8)))) {
		struct strbuf path = STRBUF_INIT;
		const char *base;
		char comm[16];

		exec_path(text, text_len, &path);
		row.kind = "exec";
		row.stop = "event";
		row.text = path.len ? path.buf : NULL;
		row.text_len = (int)path.len;
		row.has_other_tid = 1;
		row.other_tid = t->tid;
		if (put_event(s, t, &row) < 0) {
			strbuf_release(&path);
			return -1;
		}
		if (!s->have_argv0 && path.len) {
			escape_js_string_str(&s->argv0, path.buf);
			s->have_argv0 = 1;
		}
		base = strrchr(path.buf, '/');
		base = base ? base + 1 : path.buf;
		snprintf(comm, sizeof(comm), "%s", base);
		if (*comm && tracedb_writer_task_comm(s->w, t->id, comm) < 0) {
			strbuf_release(&path);
			return -1;
		}
		strbuf_release(&path);
		memset(&row, 0, sizeof(row));
	}
	if (kind && l->has_retval && l->retval > 0 && l->retval < INT32_MAX - 1) {
		struct itask *c = task_get(s, l->retval);
		int thread = !strcmp(kind, "clone") && strstr(text, "CLONE_THREAD");

		row.kind = kind;
		row.stop = "event";
		row.has_other_tid = 1;
		row.other_tid = l->retval;
		if (put_event(s, t, &row) < 0)
			return -1;
		if (!c) {
			c = task_new(s, l->retval, thread ? t->tid : l->retval, t->tid);
			if (!c)
				return -1;
		} else {
			sqlite3_stmt *st = NULL;
			int rc = db_prepare(s->db, &st, "UPDATE task SET parent_tid = ?, tgid = ? "
					    "WHERE id = ?") < 0 ||
				 db_bind_int(st, 1, t->tid) < 0 ||
				 db_bind_int(st, 2, thread ? t->tid : l->retval) < 0 ||
				 db_bind_int(st, 3, c->id) < 0 || db_step_done(st) < 0 ? -1 : 0;

			db_finalize(st);
			if (rc < 0)
				return -1;
		}
		memset(&row, 0, sizeof(row));
	}
	if (!l->has_retval && !l->err) {
		/* "= ?": the call did not return (exit_group, a task killed in it) */
		return 0;
	}
	row.kind = "exit";
	row.stop = "syscall";
	row.ts_ns = ts;
	row.has_nr = has_nr;
	row.nr = nr;
	row.has_retval = l->has_retval;
	row.retval = l->retval;
	row.text = text;
	row.text_len = (int)text_len;
	row.has_enter_seq = enter_seq != 0;
	row.enter_seq = enter_seq;
	if (put_event(s, t, &row) < 0)
		return -1;
	s->stack_seq = row.seq;
	if (t == s->first && !s->bound_tid && t->tid == TID_UNKNOWN && l->has_retval &&
	    l->retval > 0 && l->retval < TID_UNKNOWN &&
	    ((name_len == 15 && !memcmp(name, "set_tid_address", 15)) ||
	     (name_len == 6 && !memcmp(name, "getpid", 6)) ||
	     (name_len == 6 && !memcmp(name, "gettid", 6))) && !task_get(s, l->retval)) {
		s->bound_tid = l->retval;
		tidmap_put(&s->tasks, (pid_t)l->retval, t);
	}
	return 0;
}

static int on_call(struct session *s, struct itask *t, const struct import_line *l, int64_t ts)
{
	struct tracedb_row row = { 0 };
	struct strbuf text = STRBUF_INIT;
	int has_nr, rc = -1;
	int64_t nr = lookup_nr(s, l, &has_nr), enter;
	size_t head = (size_t)(l->args + l->args_len - l->body);

	if (l->kind == IMPORT_LINE_UNFINISHED)
		s->any_unfinished = 1;
	row.kind = "enter";
	row.stop = "syscall";
	row.ts_ns = ts;
	row.has_nr = has_nr;
	row.nr = nr;
	row.text = l->body;
	row.text_len = (int)head;
	if (t->pending) {
		/* an unfinished call never resumed: it stays without exit */
		t->pending = 0;
	}
	if (put_event(s, t, &row) < 0)
		return -1;
	enter = row.seq;
	s->stack_seq = enter;
	if (l->kind == IMPORT_LINE_UNFINISHED) {
		t->pending = 1;
		t->pend_seq = enter;
		t->pend_ts = ts;
		strbuf_reset(&t->pend_name);
		strbuf_add(&t->pend_name, l->name, l->name_len);
		strbuf_reset(&t->pend_text);
		strbuf_add(&t->pend_text, l->body, head);
		return 0;
	}
	strbuf_add(&text, l->body, head);
	strbuf_addstr(&text, ") ");
	strbuf_add(&text, l->result, l->result_len);
	rc = call_return(s, t, l, enter, l->has_dur ? ts + l->dur_ns : ts, text.buf, text.len,
			 l->name, l->name_len, clone_kind(l->name, l->name_len, text.buf));
	strbuf_release(&text);
	return rc;
}

static int on_resumed(struct session *s, struct itask *t, const struct import_line *l,
		      int64_t ts)
{
	struct strbuf text = STRBUF_INIT;
	const char *rest = l->args;
	size_t rest_len = l->args_len;
	int64_t enter = 0, exit_ts = ts;
	int rc;

	if (t->pending && t->pend_name.len == l->name_len &&
	    !memcmp(t->pend_name.buf, l->name, l->name_len)) {
		enter = t->pend_seq;
		strbuf_add(&text, t->pend_text.buf, t->pend_text.len);
		/* strace 4.x: "<... read resumed> "x", 1)" after "read(3, " */
		if (text.len && text.buf[text.len - 1] == ' ' && rest_len && *rest == ' ') {
			rest++;
			rest_len--;
		}
		if (l->has_dur)
			exit_ts = t->pend_ts + l->dur_ns;
	} else {
		strbuf_add(&text, l->body, (size_t)(l->args - l->body));
	}
	t->pending = 0;
	strbuf_add(&text, rest, rest_len);
	strbuf_addstr(&text, ") ");
	strbuf_add(&text, l->result, l->result_len);
	rc = call_return(s, t, l, enter, exit_ts, text.buf, text.len, l->name, l->name_len,
			 clone_kind(l->name, l->name_len, text.buf));
	strbuf_release(&text);
	return rc;
}

static int task_end(struct session *s, struct itask *t, int has_status, int64_t status)
{
	if (!t->live)
		return 0;
	t->live = 0;
	s->nlive--;
	if (t == s->first && has_status) {
		s->has_exit = 1;
		s->exit_status = status;
	}
	return tracedb_writer_task_end(s->w, t->id, t->first_seq, t->last_seq, has_status,
				       status);
}

int session_line(struct session *s, const struct import_line *l, int64_t file_pid)
{
	struct tracedb_row row = { 0 };
	struct itask *t;
	int64_t ts;

	if (l->kind == IMPORT_LINE_STACK) {
		if (s->stack.len)
			strbuf_addch(&s->stack, '\n');
		strbuf_add(&s->stack, l->body, l->body_len);
		return 0;
	}
	if (flush_stack(s) < 0)
		return -1;
	if (l->kind == IMPORT_LINE_ATTACHED || l->kind == IMPORT_LINE_PERSONALITY ||
	    l->kind == IMPORT_LINE_OTHER)
		return 0;
	if (l->kind == IMPORT_LINE_DETACHED) {
		t = task_get(s, l->pid);
		if (!t)
			return 0;
	} else {
		t = line_task(s, l, file_pid);
		if (!t)
			return -1;
	}
	ts = line_time(s, l);
	if (l->has_dur)
		s->any_dur = 1;
	switch (l->kind) {
	case IMPORT_LINE_CALL:
	case IMPORT_LINE_UNFINISHED:
		return on_call(s, t, l, ts);
	case IMPORT_LINE_RESUMED:
		return on_resumed(s, t, l, ts);
	case IMPORT_LINE_SIGNAL:
	case IMPORT_LINE_STOPPED:
		row.kind = l->kind == IMPORT_LINE_SIGNAL ? "signal" : "stop";
		row.stop = l->kind == IMPORT_LINE_SIGNAL ? "signal" : "group";
		row.ts_ns = ts;
		row.has_nr = 1;
		row.nr = import_signal_value(l->name, l->name_len);
		row.text = l->body;
		row.text_len = (int)l->body_len;
		return put_event(s, t, &row);
	case IMPORT_LINE_EXITED:
	case IMPORT_LINE_KILLED:
		row.kind = "exited";
		row.ts_ns = ts;
		row.has_retval = 1;
		row.retval = l->kind == IMPORT_LINE_EXITED ? l->status << 8 :
			     l->status | (l->core_dumped ? 0x80 : 0);
		row.text = l->body;
		row.text_len = (int)l->body_len;
		if (put_event(s, t, &row) < 0)
			return -1;
		return task_end(s, t, 1, row.retval);
	case IMPORT_LINE_SUPERSEDED: {
		/* a thread's execve: the call goes on in the leader */
		struct itask *leader = task_get(s, l->pid);

		if (leader && leader != t && t->pending) {
			leader->pending = 1;
			leader->pend_seq = t->pend_seq;
			leader->pend_ts = t->pend_ts;
			strbuf_reset(&leader->pend_name);
			strbuf_add(&leader->pend_name, t->pend_name.buf, t->pend_name.len);
			strbuf_reset(&leader->pend_text);
			strbuf_add(&leader->pend_text, t->pend_text.buf, t->pend_text.len);
			t->pending = 0;
		}
		return task_end(s, t, 0, 0);
	}
	case IMPORT_LINE_DETACHED:
		row.kind = "detach";
		row.ts_ns = ts;
		if (put_event(s, t, &row) < 0)
			return -1;
		return task_end(s, t, 0, 0);
	default:
		return 0;
	}
}

static void end_live(pid_t tid, void *value, void *arg)
{
	struct session *s = arg;
	struct itask *t = value;

	if ((int64_t)tid != t->tid)
		return;		/* the bound name of the first task */
	if (t->live && tracedb_writer_task_seqs(s->w, t->id, t->first_seq, t->last_seq) < 0)
		s->fpid = -1;
}

int session_finish(struct session *s, const struct session_run *run)
{
	struct strbuf opts = STRBUF_INIT, files = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = -1;
	const char *times;

	if (flush_stack(s) < 0)
		goto cleanup;
	tidmap_each(&s->tasks, end_live, s);
	if (s->fpid < 0 || tracedb_writer_flush(s->w) < 0)
		goto cleanup;
	if (s->first && s->first->tid == TID_UNKNOWN) {
		/* the launched command's pid, once the log showed it (or 1) */
		int64_t pid = s->bound_tid ? s->bound_tid : 1;
		char sql[512];

		snprintf(sql, sizeof(sql),
			 "UPDATE ev SET tid = %lld WHERE tid = %d;"
			 "UPDATE ev_more SET other_tid = %lld WHERE other_tid = %d;"
			 "UPDATE task SET tid = %lld, tgid = %lld WHERE tid = %d;"
			 "UPDATE task SET tgid = %lld WHERE tgid = %d;"
			 "UPDATE task SET parent_tid = %lld WHERE parent_tid = %d;",
			 (long long)pid, TID_UNKNOWN, (long long)pid, TID_UNKNOWN,
			 (long long)pid, (long long)pid, TID_UNKNOWN, (long long)pid,
			 TID_UNKNOWN, (long long)pid, TID_UNKNOWN);
		if (db_exec(s->db, sql) < 0)
			goto cleanup;
	}
	strbuf_addch(&opts, '[');
	if (s->fpid)
		strbuf_addstr(&opts, "\"-f\"");
	if (run->opts_json && *run->opts_json) {
		if (s->fpid)
			strbuf_addstr(&opts, ", ");
		strbuf_addstr(&opts, run->opts_json);
	}
	strbuf_addch(&opts, ']');
	strbuf_addch(&files, '[');
	for (i = 0; i < run->nfiles; i++) {
		if (i)
			strbuf_addstr(&files, ", ");
		escape_js_string_str(&files, run->files[i]);
	}
	strbuf_addch(&files, ']');
	times = s->times_known == 1 ? "log" : s->times_known == 2 ? "log-relative" : "order";
	if (db_prepare(s->db, &st,
		       "INSERT INTO run(id, argv, cwd, started_ns, mono_start_ns, ended_ns, "
		       "kernel_release, arch, tool_version, options, exit_status, source, "
		       "source_files, times, time_resolution_ns, durations, skipped_lines) "
		       "VALUES (1, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, 'import', ?, ?, ?, ?, ?)") < 0)
		goto cleanup;
	{
		struct strbuf argv = STRBUF_INIT;
		int brc;

		strbuf_addch(&argv, '[');
		if (s->have_argv0)
			strbuf_add(&argv, s->argv0.buf, s->argv0.len);
		strbuf_addch(&argv, ']');
		brc = db_bind_text(st, 1, argv.buf, (int)argv.len) < 0 ||
		      db_bind_int(st, 2, s->times_known == 1 ? s->first_ts : 0) < 0 ||
		      db_bind_int(st, 3, s->first_ts) < 0 ||
		      db_bind_int(st, 4, s->last_ts) < 0 ||
		      db_bind_text(st, 5, run->kernel, -1) < 0 ||
		      db_bind_text(st, 6, run->arch, -1) < 0 ||
		      db_bind_text(st, 7, run->tool_version, -1) < 0 ||
		      db_bind_text(st, 8, opts.buf, (int)opts.len) < 0 ||
		      (s->has_exit ? db_bind_int(st, 9, s->exit_status) : db_bind_null(st, 9)) < 0 ||
		      db_bind_text(st, 10, files.buf, (int)files.len) < 0 ||
		      db_bind_text(st, 11, times, -1) < 0 ||
		      (s->times_known == 3 ? db_bind_null(st, 12)
					   : db_bind_int(st, 12, s->resolution)) < 0 ||
		      db_bind_text(st, 13, s->any_dur || s->any_unfinished ? "log" : "none", -1) < 0 ||
		      db_bind_int(st, 14, run->skipped) < 0 || db_step_done(st) < 0;
		strbuf_release(&argv);
		if (brc)
			goto cleanup;
	}
	if (db_commit(s->db) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	strbuf_release(&opts);
	strbuf_release(&files);
	return rc;
}

int64_t session_events(const struct session *s)
{
	return s->seq;
}
