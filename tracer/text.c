#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "text.h"
#include "tidmap.h"

struct text_task {
	int pending;			/* enter printed, exit not yet */
	uint8_t abi;			/* of the pending call */
	int64_t nr;
};

struct text_out {
	FILE *f;
	int close_f;
	int to_file;
	int always_prefix;
	struct tidmap tasks;		/* tid -> struct text_task */
	pid_t open_tid;			/* whose line is unterminated; 0: none */
	size_t col;			/* bytes on the unterminated line */
	int failed;
};

struct text_out *text_out_new(FILE *f, int close_f, int to_file, int always_prefix)
{
	struct text_out *t = xcalloc(1, sizeof(*t));

	t->f = f;
	t->close_f = close_f;
	t->to_file = to_file;
	t->always_prefix = always_prefix;
	return t;
}

static struct text_task *text_task_get(struct text_out *t, pid_t tid)
{
	struct text_task *tt = tidmap_get(&t->tasks, tid);

	if (!tt) {
		tt = xcalloc(1, sizeof(*tt));
		tidmap_put(&t->tasks, tid, tt);
	}
	return tt;
}

/* strace's result column: " = " is padded out to start here. */
#define TEXT_RESULT_COLUMN 40

/* Print the pid prefix strace would print; returns its width. */
static size_t text_prefix(struct text_out *t, pid_t tid)
{
	int n = 0;

	if (t->to_file) {
		if (t->always_prefix || t->tasks.count > 1)
			n = fprintf(t->f, "%-5d ", (int)tid);
	} else if (t->tasks.count > 1) {
		n = fprintf(t->f, "[pid %5d] ", (int)tid);
	}
	return n > 0 ? (size_t)n : 0;
}

/*
 * ") ", spaces so that "= " starts at column 40 (none when the line is
 * already longer), "= " and the result.  col is what the line holds.
 */
static void text_pad_result(struct text_out *t, size_t col, const char *result, size_t len)
{
	fputs(") ", t->f);
	for (col += 2; col < TEXT_RESULT_COLUMN; col++)
		fputc(' ', t->f);
	fputs("= ", t->f);
	fwrite(result, 1, len, t->f);
}

/* The rest of a call's line from its exit text, padded as strace pads it. */
static void text_result(struct text_out *t, const struct trace_event *e, size_t col)
{
	const char *rest = e->text + e->enter_len;
	size_t at;

	if (!e->result_at) {
		fwrite(rest, 1, e->text_len - e->enter_len, t->f);
		return;
	}
	at = e->result_at - e->enter_len;
	fwrite(rest, 1, at, t->f);			/* up to the ")" */
	text_pad_result(t, col + at, e->text + e->result_at + 4,	/* past ") = " */
			e->text_len - e->result_at - 4);
}

/* End another task's open line with " <unfinished ...>". */
static void text_close_open(struct text_out *t, pid_t tid)
{
	if (t->open_tid && t->open_tid != tid)
		fputs(" <unfinished ...>\n", t->f);
	if (t->open_tid != tid)
		t->open_tid = 0;
}

/*
 * Start tid's line for the end of a call whose start another task's line
 * interrupted: "<... NAME resumed>"; returns the line's width so far.
 */
static size_t text_resumed(struct text_out *t, pid_t tid, int abi, int64_t nr)
{
	const struct decode_syscall_desc *d = decode_syscall(abi, nr);
	size_t col;
	int n;

	text_close_open(t, tid);
	col = text_prefix(t, tid);
	if (d)
		n = fprintf(t->f, "<... %s resumed>", d->name);
	else
		n = fprintf(t->f, "<... syscall_%#llx resumed>", (unsigned long long)nr);
	return col + (n > 0 ? (size_t)n : 0);
}

void text_out_task(struct text_out *t, const struct trace_task *task, uint32_t type)
{
	if (type == TRACE_REC_TASK_NEW)
		text_task_get(t, task->tid);
}

void text_out_event(struct text_out *t, const struct trace_event *e)
{
	struct text_task *tt = text_task_get(t, e->tid);

	switch (e->kind) {
	case TRACE_ENTER:
		text_close_open(t, 0);
		t->col = text_prefix(t, e->tid) + e->text_len;
		fwrite(e->text, 1, e->text_len, t->f);
		t->open_tid = e->tid;
		tt->pending = 1;
		tt->abi = e->abi;
		tt->nr = e->nr;
		break;
	case TRACE_EXIT:
		text_result(t, e, t->open_tid == e->tid ? t->col :
				  text_resumed(t, e->tid, e->abi, e->nr));
		fputc('\n', t->f);
		t->open_tid = 0;
		tt->pending = 0;
		break;
	case TRACE_EXITED:
		if (tt->pending) {
			/* no exit stop: strace's "= ?" */
			text_pad_result(t, t->open_tid == e->tid ? t->col :
					text_resumed(t, e->tid, tt->abi, tt->nr), "?", 1);
			fputc('\n', t->f);
			t->open_tid = 0;
			tt->pending = 0;
		}
		/* fall through */
	case TRACE_SIGNAL:
	case TRACE_STOP:
		if (!e->text_len)
			break;
		text_close_open(t, 0);
		text_prefix(t, e->tid);
		fwrite(e->text, 1, e->text_len, t->f);
		fputc('\n', t->f);
		break;
	case TRACE_EXEC:
		/* strace prints nothing, unless a non-leader thread exec'd */
		if (e->other_tid == e->tid)
			break;
		text_close_open(t, 0);
		text_prefix(t, e->tid);
		fprintf(t->f, "+++ superseded by execve in pid %d +++\n", (int)e->other_tid);
		break;
	case TRACE_DETACH:
		if (t->open_tid == e->tid) {
			fputs(" <detached ...>\n", t->f);
			t->open_tid = 0;
		}
		break;
	default:
		break;
	}
	if (e->kind == TRACE_EXITED || e->kind == TRACE_DETACH)
		free(tidmap_del(&t->tasks, e->tid));
}

int text_out_flush(struct text_out *t)
{
	if (fflush(t->f) && !t->failed) {
		t->failed = 1;
		return error_errno("--text: write");
	}
	return t->failed ? -1 : 0;
}

static void text_task_free(pid_t tid, void *value, void *arg)
{
	free(value);
}

int text_out_free(struct text_out *t)
{
	int rc;

	if (!t)
		return 0;
	if (t->open_tid)
		fputc('\n', t->f);
	rc = text_out_flush(t);
	if (t->close_f && fclose(t->f) && !rc)
		rc = error_errno("--text: close");
	tidmap_each(&t->tasks, text_task_free, NULL);
	tidmap_release(&t->tasks);
	free(t);
	return rc;
}
