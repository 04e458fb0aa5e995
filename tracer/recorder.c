#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "escape.h"
#include "idle.h"
#include "kstack.h"
#include "kstack-store.h"
#include "outfile.h"
#include "recorder.h"
#include "schema.h"
#include "strbuf.h"
#include "text.h"
#include "tidmap.h"
#include "tracedb-write.h"

/* A task row being filled. */
struct rec_task {
	int64_t id;			/* task.id */
	uint64_t first_seq, last_seq;	/* 0: none yet */
	int dirty;			/* seqs changed since the last commit */
	int ended;			/* row complete; free after the commit */
};

struct recorder {
	sqlite3 *db;
	struct tracedb_writer *w;	/* the rows (common/tracedb-write.h) */
	struct ring ring;
	struct ring samples;		/* the kernel-stack sampler's */
	struct kstack_store *kstacks;
	pthread_t thread;
	int started;
	_Atomic int stopping;
	struct idle idle;		/* the writer's sleep when the rings are empty */
	struct text_out *text;
	struct tidmap tasks;		/* tid -> struct rec_task */
	struct rec_task **dirty;	/* tasks to update at the next commit */
	int has_detached_status, detached_status;	/* run.detached_status */
	size_t ndirty, adirty;
	int in_txn;
	int64_t txn_start_ns;
	unsigned txn_rows;
	int failed;			/* SQLite failed: keep draining, write nothing */
	char *mech_names[1u << TRACE_MECH_COUNT];
	int64_t real_base;		/* CLOCK_REALTIME less CLOCK_MONOTONIC */
	int only;			/* -z, -Z: enum strace_only */
	struct tidmap held;		/* -z, -Z: tid -> its enter, until its exit */
	uint64_t events, commits;
};

static void json_array(struct strbuf *sb, char **argv, int argc)
{
	int i;

	strbuf_addch(sb, '[');
	for (i = 0; i < argc; i++) {
		if (i)
			strbuf_addstr(sb, ", ");
		escape_js_string_str(sb, argv[i]);
	}
	strbuf_addch(sb, ']');
}

/* /proc/version, one line, for the running kernel's upstream version. */
static void read_proc_version(struct strbuf *out)
{
	if (strbuf_read_file(out, "/proc/version") < 0) {
		strbuf_reset(out);
		return;
	}
	strbuf_rtrim(out);
	if (out->len > 1024)
		strbuf_setlen(out, 1024);
}

/*
 * The command line of attached process pid as a JSON array of strings
 * (/proc/PID/cmdline; a kernel thread or a zombie has none: [comm]).
 * Leaves out empty when neither can be read.  At most 64 KiB is read.
 */
static void attached_argv(pid_t pid, struct strbuf *out)
{
	struct strbuf raw = STRBUF_INIT, path = STRBUF_INIT;
	size_t i, start = 0;
	int n = 0;

	strbuf_addf(&path, "/proc/%d/cmdline", (int)pid);
	if (strbuf_read_file(&raw, path.buf) < 0 || !raw.len) {
		strbuf_reset(&raw);
		strbuf_reset(&path);
		strbuf_addf(&path, "/proc/%d/comm", (int)pid);
		if (strbuf_read_file(&raw, path.buf) < 0 || !raw.len)
			goto cleanup;
		strbuf_rtrim(&raw);
		strbuf_addch(&raw, '\0');
	}
	if (raw.len > 65536)
		strbuf_setlen(&raw, 65536);
	if (raw.buf[raw.len - 1])
		strbuf_addch(&raw, '\0');	/* cut, or a process that rewrote it */
	strbuf_addch(out, '[');
	for (i = 0; i < raw.len; i++) {
		if (raw.buf[i])
			continue;
		if (n++)
			strbuf_addstr(out, ", ");
		escape_js_string(out, raw.buf + start, i - start);
		start = i + 1;
	}
	strbuf_addch(out, ']');
cleanup:
	strbuf_release(&raw);
	strbuf_release(&path);
}

/* Write the run row. 0 or -1. */
static int recorder_write_run(struct recorder *r, const struct trace_options *o,
			      char **argv, int argc_opts)
{
	struct strbuf args = STRBUF_INIT, opts = STRBUF_INIT, version = STRBUF_INIT;
	struct strbuf attached = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	struct timespec real, mono;
	struct utsname un;
	char *cwd = getcwd(NULL, 0);
	int n = 0, rc = -1;

	if (o->argv)
		while (o->argv[n])
			n++;
	json_array(&args, o->argv, n);
	json_array(&opts, argv + 1, argc_opts - 1);
	if (uname(&un) < 0) {
		error_errno("uname");
		goto cleanup;
	}
	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	r->real_base = ((int64_t)real.tv_sec - mono.tv_sec) * 1000000000 + real.tv_nsec - mono.tv_nsec;
	read_proc_version(&version);
	if (o->npids)
		attached_argv(o->pids[0], &attached);
	if (db_prepare(r->db, &st,
		       "INSERT INTO run(id, argv, cwd, started_ns, mono_start_ns, "
		       "kernel_release, arch, tool_version, options, kernel_version, "
		       "kernel_stacks, kernel_stacks_note, source, times, durations, "
		       "attached_argv) "
		       "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'trace', 'recorded', "
		       "'recorded', ?)") < 0 ||
	    db_bind_text(st, 1, args.buf, (int)args.len) < 0 ||
	    db_bind_text(st, 2, cwd, -1) < 0 ||
	    db_bind_int(st, 3, (int64_t)real.tv_sec * 1000000000 + real.tv_nsec) < 0 ||
	    db_bind_int(st, 4, (int64_t)mono.tv_sec * 1000000000 + mono.tv_nsec) < 0 ||
	    db_bind_text(st, 5, un.release, -1) < 0 ||
	    db_bind_text(st, 6, un.machine, -1) < 0 ||
	    db_bind_text(st, 7, SYSATLAS_VERSION, -1) < 0 ||
	    db_bind_text(st, 8, opts.buf, (int)opts.len) < 0 ||
	    db_bind_text(st, 9, version.len ? version.buf : NULL, (int)version.len) < 0 ||
	    db_bind_text(st, 10, kstack_mode_name((enum kstack_mode)o->kernel_stacks), -1) < 0 ||
	    db_bind_text(st, 11, o->kernel_stacks != KSTACK_OFF ? o->kernel_stacks_note : NULL,
			 -1) < 0 ||
	    db_bind_text(st, 12, attached.len ? attached.buf : NULL, (int)attached.len) < 0 ||
	    db_step_done(st) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	strbuf_release(&attached);
	strbuf_release(&version);
	free(cwd);
	strbuf_release(&args);
	strbuf_release(&opts);
	return rc;
}

static int recorder_open_text(struct recorder *r, const struct trace_options *o)
{
	FILE *f = stderr;
	int fd;

	if (!o->text)
		return 0;
	if (o->text_out) {
		fd = outfile_open(o->text_out);
		if (fd < 0)
			return -1;
		f = fdopen(fd, "w");
		if (!f) {
			close(fd);
			return error_errno("--text: %s", o->text_out->arg);
		}
	}
	r->text = text_out_new(f, f != stderr, f != stderr, o->follow || o->npids > 1, &o->out,
			       r->real_base);
	return 0;
}

/*
 * Process-wide SQLite settings for recording, made before SQLite is first
 * used: no memory statistics (they take a global mutex on every
 * allocation).  Once SQLite is initialised it refuses (SQLITE_MISUSE) and
 * keeps its defaults, which only costs speed.
 */
static void recorder_sqlite_config(void)
{
	int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);

	assert(rc == SQLITE_OK || rc == SQLITE_MISUSE);
	(void)rc;
}

int recorder_open(struct recorder **out, const struct trace_options *o,
		  char **argv, int argc_opts)
{
	struct recorder *r = xcalloc(1, sizeof(*r));
	int fd;

	*out = NULL;
	idle_init(&r->idle);
	recorder_sqlite_config();
	fd = outfile_open(o->db_out);
	if (fd < 0) {
		idle_destroy(&r->idle);
		free(r);
		return -1;
	}
	close(fd);
	if (db_open(&r->db, o->db_out->tmp, &db_schema_trace, DB_CREATE) < 0) {
		outfile_abort(o->db_out);
		idle_destroy(&r->idle);
		free(r);
		return -1;
	}
	/*
	 * event_by_tid is kept up to date row by row, by the writer thread:
	 * building it when the trace ends cost as much CPU, and all of it
	 * on the critical path, between the traced command's end and the
	 * tracer's (0.26 s for 400 000 rows).
	 *
	 * synchronous=OFF: no fsync at commits or checkpoints.  What was
	 * committed still survives the tracer's death (kill -9, a crash):
	 * COMMIT returns once the WAL frames are written to the file, and the
	 * kernel keeps them; only an operating-system crash or a power loss
	 * could lose the latest commits.
	 *
	 * A small page cache: rows are appended, so only the right-most pages
	 * of the table are hot; a 16 MiB cache cost more (in allocations and
	 * memory traffic) than it saved.
	 */
	r->only = o->out.only;
	if (db_exec(r->db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-2048") < 0 ||
	    recorder_write_run(r, o, argv, argc_opts) < 0 ||
	    !(r->w = tracedb_writer_new(r->db)) ||
	    ring_init(&r->ring, RECORDER_RING_SIZE) < 0 ||
	    ring_init(&r->samples, RECORDER_SAMPLE_RING_SIZE) < 0 ||
	    (o->kernel_stacks != KSTACK_OFF && !(r->kstacks = kstack_store_new(r->db))) ||
	    recorder_open_text(r, o) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	recorder_finish(r, 0, 0);
	outfile_abort(o->db_out);
	if (o->text_out)
		outfile_abort(o->text_out);
	return -1;
}

struct ring *recorder_ring(struct recorder *r)
{
	return &r->ring;
}

struct ring *recorder_sample_ring(struct recorder *r)
{
	return &r->samples;
}

/* Give up on the database after an error; the trace goes on. */
static void recorder_fail(struct recorder *r)
{
	if (r->failed)
		return;
	r->failed = 1;
	error("%s: recording stopped; the database holds the events up to the last commit",
	      sqlite3_db_filename(r->db, "main"));
	db_rollback(r->db);
	r->in_txn = 0;
}

static const char *recorder_mech(struct recorder *r, unsigned mech)
{
	char buf[512];

	mech &= (1u << TRACE_MECH_COUNT) - 1;
	if (!r->mech_names[mech]) {
		trace_mech_format(mech, buf, sizeof(buf));
		r->mech_names[mech] = xstrdup(buf);
	}
	return r->mech_names[mech];
}

static int bind_i(sqlite3_stmt *st, int i, int has, int64_t v)
{
	return has ? db_bind_int(st, i, v) : db_bind_null(st, i);
}

static int recorder_task_seqs(struct recorder *r, struct rec_task *t)
{
	return tracedb_writer_task_seqs(r->w, t->id, (int64_t)t->first_seq,
					(int64_t)t->last_seq);
}

static int recorder_commit(struct recorder *r)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < r->ndirty; i++) {
		struct rec_task *t = r->dirty[i];

		if (!t->ended && rc == 0 && !r->failed && recorder_task_seqs(r, t) < 0)
			rc = -1;
		t->dirty = 0;
		if (t->ended)
			free(t);
	}
	r->ndirty = 0;
	if (r->in_txn && !r->failed) {
		/* the enters held for their exits go in too: a gap-free prefix */
		if (rc < 0 || tracedb_writer_flush(r->w) < 0 || db_commit(r->db) < 0)
			recorder_fail(r);
		else
			r->commits++;
	}
	r->in_txn = 0;
	r->txn_rows = 0;
	return rc;
}

static void recorder_mark(struct recorder *r, struct rec_task *t, uint64_t seq)
{
	/* -z and -Z write a call's enter at its exit, after later events */
	if (!t->first_seq || seq < t->first_seq)
		t->first_seq = seq;
	if (seq > t->last_seq)
		t->last_seq = seq;
	if (!t->dirty) {
		if (r->ndirty == r->adirty) {
			r->adirty = r->adirty ? r->adirty * 2 : 64;
			r->dirty = xrealloc(r->dirty, r->adirty * sizeof(*r->dirty));
		}
		r->dirty[r->ndirty++] = t;
		t->dirty = 1;
	}
}

static struct rec_task *recorder_task_new(struct recorder *r, pid_t tid, pid_t tgid,
					  pid_t parent, const char *comm)
{
	struct rec_task *t = xcalloc(1, sizeof(*t));

	tidmap_put(&r->tasks, tid, t);
	if (r->failed)
		return t;
	t->id = tracedb_writer_task_new(r->w, tid, tgid, parent, comm);
	if (t->id < 0)
		recorder_fail(r);
	return t;
}

static void recorder_on_task(struct recorder *r, const struct trace_task *tk, uint32_t type)
{
	struct rec_task *t = tidmap_get(&r->tasks, tk->tid);
	char comm[sizeof(tk->comm) + 1];

	memcpy(comm, tk->comm, sizeof(tk->comm));
	comm[sizeof(tk->comm)] = '\0';
	if (r->text)
		text_out_task(r->text, tk, type);
	switch (type) {
	case TRACE_REC_TASK_NEW:
		if (t) {	/* tid reused before its end was seen */
			t->ended = 1;
			tidmap_del(&r->tasks, tk->tid);
			if (!t->dirty)
				free(t);
		}
		recorder_task_new(r, tk->tid, tk->tgid, tk->parent_tid, comm);
		break;
	case TRACE_REC_TASK_COMM:
		if (!t)
			t = recorder_task_new(r, tk->tid, tk->tid, 0, comm);
		if (!r->failed && tracedb_writer_task_comm(r->w, t->id, comm) < 0)
			recorder_fail(r);
		break;
	case TRACE_REC_TASK_END:
		if (!t)
			break;
		if (!r->failed &&
		    tracedb_writer_task_end(r->w, t->id, (int64_t)t->first_seq,
					    (int64_t)t->last_seq, tk->has_status, tk->status) < 0)
			recorder_fail(r);
		tidmap_del(&r->tasks, tk->tid);
		t->ended = 1;
		if (!t->dirty)
			free(t);
		break;
	}
}

static void recorder_write_event(struct recorder *r, const struct trace_event *e)
{
	struct rec_task *t = tidmap_get(&r->tasks, e->tid);
	struct tracedb_row row;
	int i;

	if (!t)
		t = recorder_task_new(r, e->tid, e->tid, 0, NULL);
	recorder_mark(r, t, e->seq);
	r->events++;
	if (r->text)
		text_out_event(r->text, e);
	if (r->failed)
		return;
	row.seq = (int64_t)e->seq;
	row.tid = e->tid;
	row.ts_ns = e->ts_ns;
	row.kind = trace_kind_name(e->kind);
	row.stop = e->stop ? trace_stop_name(e->stop) : NULL;
	row.abi = (e->has & TRACE_HAS_NR) && e->abi != DECODE_ABI_X86_64 ?
		  (e->abi == DECODE_ABI_I386 ? "i386" : "x32") : NULL;
	row.has_nr = !!(e->has & TRACE_HAS_NR);
	row.nr = e->nr;
	row.has_args = !!(e->has & TRACE_HAS_ARGS);
	for (i = 0; i < 6; i++)
		row.args[i] = (int64_t)e->args[i];
	/* only the arguments the call takes; all six of an unknown call */
	row.nargs = 0;
	if (row.has_args && row.has_nr) {
		const struct decode_syscall_desc *d = decode_syscall((enum decode_abi)e->abi, (long)e->nr);

		if (d)
			row.nargs = d->nargs ? (int)d->nargs : -1;
	}
	row.has_retval = !!(e->has & TRACE_HAS_RETVAL);
	row.retval = e->retval;
	row.text = e->text_len ? e->text : NULL;
	row.text_len = (int)e->text_len;
	row.mechanism = recorder_mech(r, e->mech);
	row.has_enter_seq = !!(e->has & TRACE_HAS_ENTER_SEQ);
	row.enter_seq = (int64_t)e->enter_seq;
	row.has_other_tid = !!(e->has & TRACE_HAS_OTHER_TID);
	row.other_tid = e->other_tid;
	if (tracedb_writer_event(r->w, &row) < 0)
		recorder_fail(r);
}

/*
 * -z, -Z: only successful, or only failed, calls are recorded.  A call's
 * enter is held until its exit says how it ended; then both are written,
 * or neither.  A call that never returns (exit_group, a task killed in
 * it) is not recorded, as strace does not print it.  Other events are
 * written as they come.
 */
static void recorder_on_event(struct recorder *r, const struct trace_event *e)
{
	struct trace_event *held;
	int failed;

	if (r->only == STRACE_ONLY_ALL) {
		recorder_write_event(r, e);
		return;
	}
	switch (e->kind) {
	case TRACE_ENTER:
		held = xmalloc(sizeof(*e) + e->text_len);
		memcpy(held, e, sizeof(*e) + e->text_len);
		free(tidmap_del(&r->held, e->tid));
		tidmap_put(&r->held, e->tid, held);
		return;
	case TRACE_EXIT:
		held = tidmap_del(&r->held, e->tid);
		failed = (e->has & TRACE_HAS_RETVAL) && e->retval < 0 && e->retval >= -4095;
		if (failed == (r->only == STRACE_ONLY_FAILED)) {
			if (held)
				recorder_write_event(r, held);
			recorder_write_event(r, e);
		}
		free(held);
		return;
	case TRACE_EXITED:
	case TRACE_DETACH:
		free(tidmap_del(&r->held, e->tid));
		break;
	default:
		break;
	}
	recorder_write_event(r, e);
}

/* Handle one ring record inside the current transaction. */
static void recorder_handle(struct recorder *r, const struct ring_hdr *h)
{
	if (!r->in_txn && !r->failed) {
		if (db_begin(r->db) < 0) {
			recorder_fail(r);
		} else {
			r->in_txn = 1;
			r->txn_start_ns = idle_now();
		}
	}
	r->txn_rows++;
	switch (h->type) {
	case TRACE_REC_EVENT:
		recorder_on_event(r, (const struct trace_event *)h);
		break;
	case TRACE_REC_KSTACK:
		if (!r->failed && r->kstacks &&
		    kstack_store_add(r->kstacks, (const struct trace_kstack *)h) < 0)
			recorder_fail(r);
		break;
	case TRACE_REC_KSTACK_NOTE:
		if (!r->failed && r->kstacks) {
			const struct trace_note *n = (const struct trace_note *)h;

			if (kstack_store_note(r->kstacks, n->text, n->text_len) < 0)
				recorder_fail(r);
		}
		break;
	default:
		recorder_on_task(r, (const struct trace_task *)h, h->type);
		break;
	}
}

static void *recorder_main(void *arg)
{
	struct recorder *r = arg;
	int64_t commit_ns = (int64_t)RECORDER_COMMIT_MS * 1000000;
	struct ring_hdr *h;
	unsigned n;

	for (;;) {
		int stopping = atomic_load_explicit(&r->stopping, memory_order_acquire);

		n = 0;
		while ((h = ring_peek(&r->ring))) {
			recorder_handle(r, h);
			ring_pop(&r->ring, h);
			n++;
			if (r->txn_rows >= RECORDER_COMMIT_ROWS ||
			    (!(n & 255) && r->in_txn && idle_now() - r->txn_start_ns >= commit_ns))
				break;
		}
		while ((h = ring_peek(&r->samples))) {
			recorder_handle(r, h);
			ring_pop(&r->samples, h);
			n++;
		}
		if (r->txn_rows && (stopping || r->txn_rows >= RECORDER_COMMIT_ROWS ||
				    idle_now() - r->txn_start_ns >= commit_ns))
			recorder_commit(r);
		if (n && r->text)
			text_out_flush(r->text);
		if (!n) {
			if (stopping)
				break;
			idle_wait(&r->idle, RECORDER_IDLE_NS);
		}
	}
	return NULL;
}

int recorder_start(struct recorder *r)
{
	int err = idle_thread_start(&r->thread, recorder_main, r);

	if (err) {
		errno = err;
		return error_errno("cannot start the writer thread");
	}
	r->started = 1;
	return 0;
}

static void recorder_free_task(pid_t tid, void *value, void *arg)
{
	struct rec_task *t = value;

	if (!t->dirty)
		free(t);
}

static void recorder_free_held(pid_t tid, void *value, void *arg)
{
	free(value);
}

int recorder_set_start(struct recorder *r, const char *how, unsigned seize_options)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (r->started || !r->db)
		return error("trace: the start of tracing is recorded before the writer starts");
	if (db_prepare(r->db, &st, "UPDATE run SET start = ?, seize_options = ? WHERE id = 1") < 0 ||
	    db_bind_text(st, 1, how, -1) < 0 ||
	    db_bind_int(st, 2, (int64_t)seize_options) < 0 ||
	    db_step_done(st) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

void recorder_set_detached_status(struct recorder *r, int status)
{
	r->has_detached_status = 1;
	r->detached_status = status;
}

int recorder_finish(struct recorder *r, int has_status, int status)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = 0;

	if (r->started) {
		atomic_store_explicit(&r->stopping, 1, memory_order_release);
		idle_wake(&r->idle);
		pthread_join(r->thread, NULL);
		r->started = 0;
	}
	/* Tasks still live (detached or the tracer interrupted): their seqs. */
	if (r->db && !r->failed) {
		if (db_begin(r->db) < 0)
			recorder_fail(r);
		else
			r->in_txn = 1;
	}
	recorder_commit(r);
	if (r->db && !r->failed) {
		struct timespec mono;

		clock_gettime(CLOCK_MONOTONIC, &mono);
		if (db_prepare(r->db, &st, "UPDATE run SET ended_ns = ?, exit_status = ?, "
			       "detached_status = ? WHERE id = 1") < 0 ||
		    db_bind_int(st, 1, (int64_t)mono.tv_sec * 1000000000 + mono.tv_nsec) < 0 ||
		    bind_i(st, 2, has_status, status) < 0 ||
		    bind_i(st, 3, r->has_detached_status, r->detached_status) < 0 ||
		    db_step_done(st) < 0)
			r->failed = 1;
		db_finalize(st);
		/*
		 * The finished trace is one file: out of WAL mode, a reader
		 * (a read-only `sysatlas report`, a published site) leaves no
		 * -wal and -shm files beside it.
		 */
		if (!r->failed && db_make_standalone(r->db) < 0)
			r->failed = 1;
		/*
		 * Rows are written in seq order (common/tracedb-write.h), each
		 * at the end of the table; were many written behind later
		 * ones, each splitting a full page, the file would be compacted
		 * here (make -j1 of 30 files, when enters held across a commit
		 * were written behind: 369 of 23 558 rows, 3.70 MB -> 3.46 MB,
		 * and the VACUUM took 10-40 ms of a 0.5 s shell loop).
		 */
		if (!r->failed && tracedb_writer_scattered(r->w) && db_exec(r->db, "VACUUM") < 0)
			r->failed = 1;
	}
	if (r->failed)
		rc |= RECORDER_DB_FAILED;
	if (text_out_free(r->text) < 0)
		rc |= RECORDER_TEXT_FAILED;
	tidmap_each(&r->tasks, recorder_free_task, NULL);
	tidmap_release(&r->tasks);
	tidmap_each(&r->held, recorder_free_held, NULL);
	tidmap_release(&r->held);
	free(r->dirty);
	for (i = 0; i < sizeof(r->mech_names) / sizeof(r->mech_names[0]); i++)
		free(r->mech_names[i]);
	tracedb_writer_free(r->w);
	kstack_store_free(r->kstacks);
	if (db_close(r->db) < 0)
		rc |= RECORDER_DB_FAILED;
	ring_release(&r->ring);
	ring_release(&r->samples);
	idle_destroy(&r->idle);
	free(r);
	return rc;
}
