/*
 * Exports beside the site: Chrome Trace Event JSON (--chrome), which
 * Perfetto and chrome://tracing open, and one JSON object per event
 * (--jsonl).  Both are written while the trace streams by.
 *
 * Chrome format: a JSON object {"traceEvents": [...], "displayTimeUnit":
 * "ns"} where ts and dur are microseconds (fractions allowed); pid is the
 * tgid, tid the thread.  Per call an "X" complete event with its args;
 * per signal an "i" instant event; per fork/clone a flow ("s" at the
 * parent, "f" at the child's first event) ; "M" metadata names processes
 * and threads.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "escape.h"
#include "report.h"

static void js(FILE *f, struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	escape_js_string(sb, s ? s : "", s ? strlen(s) : 0);
	fwrite(sb->buf, 1, sb->len, f);
}

static void chrome_sep(struct report *r)
{
	fputs(r->chrome_first ? "\n" : ",\n", r->chrome);
	r->chrome_first = 0;
}

static int64_t tgid_of(struct report *r, int lane)
{
	return r->run.tasks[lane].tgid;
}

/* Open a checked output as a stream; NULL after error(). */
static FILE *export_fopen(struct outfile *of)
{
	int fd = outfile_open(of);
	FILE *f;

	if (fd < 0)
		return NULL;
	f = fdopen(fd, "w");
	if (!f) {
		error_errno("%s %s", of->what, of->arg);
		close(fd);
	}
	return f;
}

int report_export_open(struct report *r)
{
	if (r->o->chrome) {
		r->chrome = export_fopen(&r->chrome_out);
		if (!r->chrome)
			return -1;
		fputs("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"sysatlas\"},"
		      "\"traceEvents\":[", r->chrome);
		r->chrome_first = 1;
	}
	if (r->o->jsonl) {
		r->jsonl = export_fopen(&r->jsonl_out);
		if (!r->jsonl)
			return -1;
	}
	return 0;
}

int report_export_call(struct report *r, const struct tracedb_call *c, int sci)
{
	const struct report_sc *sc = &r->scs[sci];
	struct strbuf sb = STRBUF_INIT;
	int i;

	if (r->chrome) {
		chrome_sep(r);
		fprintf(r->chrome, "{\"ph\":\"X\",\"cat\":\"syscall\",\"name\":");
		js(r->chrome, &sb, sc->name);
		fprintf(r->chrome, ",\"pid\":%lld,\"tid\":%lld,\"ts\":%.3f,\"dur\":%.3f,\"args\":{\"seq\":%lld,"
			"\"text\":", (long long)tgid_of(r, c->lane), (long long)c->tid,
			c->t0 / 1e3, (c->t1 - c->t0) / 1e3, (long long)c->seq);
		js(r->chrome, &sb, c->text);
		for (i = 0; i < 6; i++)
			fprintf(r->chrome, ",\"arg%d\":\"0x%llx\"", i, (unsigned long long)c->args[i]);
		if (c->flags & TRACEDB_UNFINISHED)
			fputs(",\"unfinished\":true", r->chrome);
		else if (c->flags & TRACEDB_NO_RETURN)
			fputs(",\"returned\":false", r->chrome);
		else
			fprintf(r->chrome, ",\"retval\":%lld", (long long)c->retval);
		fputs(",\"mechanism_enter\":", r->chrome);
		js(r->chrome, &sb, c->mech_enter);
		fputs(",\"mechanism_exit\":", r->chrome);
		js(r->chrome, &sb, c->mech_exit);
		fputs("}}", r->chrome);
	}
	if (r->jsonl) {
		fprintf(r->jsonl, "{\"type\":\"syscall\",\"seq\":%lld,\"exit_seq\":%lld,\"tid\":%lld,"
			"\"pid\":%lld,\"ts_ns\":%lld,\"dur_ns\":%lld,\"name\":",
			(long long)c->seq, (long long)c->exit_seq, (long long)c->tid,
			(long long)tgid_of(r, c->lane), (long long)c->t0, (long long)(c->t1 - c->t0));
		js(r->jsonl, &sb, sc->name);
		fprintf(r->jsonl, ",\"abi\":");
		js(r->jsonl, &sb, sc->abi ? sc->abi : "");
		fprintf(r->jsonl, ",\"nr\":%ld,\"args\":[", sc->nr);
		for (i = 0; i < 6; i++)
			fprintf(r->jsonl, "%s\"0x%llx\"", i ? "," : "", (unsigned long long)c->args[i]);
		fputs("],\"retval\":", r->jsonl);
		if (c->flags & (TRACEDB_UNFINISHED | TRACEDB_NO_RETURN))
			fputs("null", r->jsonl);
		else
			fprintf(r->jsonl, "%lld", (long long)c->retval);
		fprintf(r->jsonl, ",\"error\":%s,\"unfinished\":%s,\"text\":",
			c->flags & TRACEDB_ERROR ? "true" : "false",
			c->flags & TRACEDB_UNFINISHED ? "true" : "false");
		js(r->jsonl, &sb, c->text);
		fputs(",\"mechanism_enter\":", r->jsonl);
		js(r->jsonl, &sb, c->mech_enter);
		fputs(",\"mechanism_exit\":", r->jsonl);
		js(r->jsonl, &sb, c->mech_exit);
		fputs("}\n", r->jsonl);
	}
	strbuf_release(&sb);
	return 0;
}

int report_export_marker(struct report *r, const struct tracedb_marker *m)
{
	struct strbuf sb = STRBUF_INIT;
	int64_t pid = tgid_of(r, m->lane);

	if (r->chrome) {
		const char *name = tracedb_marker_names[m->kind];

		chrome_sep(r);
		if (m->kind == TRACEDB_FORK && m->other_tid) {
			/* the flow starts at the parent; it ends at the child's lane */
			int child = tracedb_lane_at(&r->run, m->other_tid, m->seq, 1, NULL);

			if (child < 0)
				child = tracedb_lane(&r->run, m->other_tid);

			fprintf(r->chrome, "{\"ph\":\"s\",\"cat\":\"fork\",\"name\":\"fork\",\"id\":%lld,"
				"\"pid\":%lld,\"tid\":%lld,\"ts\":%.3f},\n",
				(long long)m->seq, (long long)pid, (long long)m->tid, m->t / 1e3);
			fprintf(r->chrome, "{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"fork\",\"name\":\"fork\","
				"\"id\":%lld,\"pid\":%lld,\"tid\":%lld,\"ts\":%.3f},\n",
				(long long)m->seq, (long long)tgid_of(r, child),
				(long long)m->other_tid, m->t / 1e3);
		}
		fprintf(r->chrome, "{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"%s\",\"name\":", name);
		if (m->kind == TRACEDB_SIGNAL && m->text && *m->text)
			js(r->chrome, &sb, m->text);
		else
			js(r->chrome, &sb, m->event_kind);
		fprintf(r->chrome, ",\"pid\":%lld,\"tid\":%lld,\"ts\":%.3f,\"args\":{\"seq\":%lld,"
			"\"text\":", (long long)pid, (long long)m->tid, m->t / 1e3, (long long)m->seq);
		js(r->chrome, &sb, m->text);
		fputs("}}", r->chrome);
	}
	if (r->jsonl) {
		fprintf(r->jsonl, "{\"type\":\"%s\",\"seq\":%lld,\"tid\":%lld,\"pid\":%lld,"
			"\"ts_ns\":%lld,\"kind\":", tracedb_marker_names[m->kind],
			(long long)m->seq, (long long)m->tid, (long long)pid, (long long)m->t);
		js(r->jsonl, &sb, m->event_kind);
		fprintf(r->jsonl, ",\"nr\":%ld,\"other_tid\":%lld,\"text\":", m->nr,
			(long long)m->other_tid);
		js(r->jsonl, &sb, m->text);
		fputs("}\n", r->jsonl);
	}
	strbuf_release(&sb);
	return 0;
}

/* A stack's frames as a JSON array of strings. */
static void frames_json(FILE *f, struct strbuf *sb, const struct obs_stack *st)
{
	int d;

	fputc('[', f);
	for (d = 0; d < st->depth; d++) {
		const struct obs_frame *fr = &st->frames[d];
		struct strbuf t = STRBUF_INIT;

		strbuf_addstr(&t, fr->func);
		if (fr->offset >= 0 && fr->size >= 0)
			strbuf_addf(&t, "+0x%llx/0x%llx", (unsigned long long)fr->offset,
				    (unsigned long long)fr->size);
		if (fr->module)
			strbuf_addf(&t, " [%s]", fr->module);
		if (d)
			fputc(',', f);
		js(f, sb, t.buf);
		strbuf_release(&t);
	}
	fputc(']', f);
}

static int64_t pid_of_tid(struct report *r, int64_t tid)
{
	int lane = tracedb_lane(&r->run, tid);

	return lane >= 0 ? tgid_of(r, lane) : tid;
}

int report_export_observed(struct report *r)
{
	const struct obs *o = &r->obs;
	struct strbuf sb = STRBUF_INIT, name = STRBUF_INIT;
	int i;

	if (r->jsonl) {
		/* the stacks once each, then the stops and samples that show them */
		for (i = 0; i < o->nstacks; i++) {
			fprintf(r->jsonl, "{\"type\":\"kstack\",\"id\":%d,\"frames\":", i);
			frames_json(r->jsonl, &sb, &o->stacks[i]);
			fputs("}\n", r->jsonl);
		}
		for (i = 0; i < o->nstops; i++) {
			const struct obs_stop *s = &o->stops[i];

			fprintf(r->jsonl, "{\"type\":\"stop_kstack\",\"seq\":%lld,\"tid\":%lld,"
				"\"ts_ns\":%lld,\"stop\":", (long long)s->seq, (long long)s->tid,
				(long long)s->t);
			js(r->jsonl, &sb, s->stop);
			if (s->has_nr)
				fprintf(r->jsonl, ",\"nr\":%lld", (long long)s->nr);
			fprintf(r->jsonl, ",\"kstack\":%d}\n", s->stack);
		}
		for (i = 0; i < o->nsamples; i++) {
			const struct obs_sample *s = &o->samples[i];
			char state[2] = { s->state, 0 };

			fprintf(r->jsonl, "{\"type\":\"kstack_sample\",\"call_seq\":%lld,\"tid\":%lld,"
				"\"ts_ns\":%lld,\"state\":", (long long)s->call_seq, (long long)s->tid,
				(long long)s->t);
			js(r->jsonl, &sb, state);
			fprintf(r->jsonl, ",\"kstack\":%d}\n", s->stack);
		}
	}
	if (r->chrome) {
		/* instants on the thread: where it stopped, where it waited */
		for (i = 0; i < o->nstops + o->nsamples; i++) {
			int is_stop = i < o->nstops;
			const struct obs_stop *st = is_stop ? &o->stops[i] : NULL;
			const struct obs_sample *sa = is_stop ? NULL : &o->samples[i - o->nstops];
			int64_t tid = is_stop ? st->tid : sa->tid, t = is_stop ? st->t : sa->t;
			int stack = is_stop ? st->stack : sa->stack;

			chrome_sep(r);
			fputs("{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"kernel-stack\",\"name\":", r->chrome);
			strbuf_reset(&name);
			if (is_stop)
				strbuf_addf(&name, "kernel stack at %s", st->stop);
			else
				strbuf_addstr(&name, "kernel stack: waiting");
			js(r->chrome, &sb, name.buf);
			fprintf(r->chrome, ",\"pid\":%lld,\"tid\":%lld,\"ts\":%.3f,\"args\":{\"%s\":%lld,"
				"\"frames\":", (long long)pid_of_tid(r, tid), (long long)tid, t / 1e3,
				is_stop ? "seq" : "call_seq", (long long)(is_stop ? st->seq : sa->call_seq));
			frames_json(r->chrome, &sb, &o->stacks[stack]);
			fputs("}}", r->chrome);
		}
	}
	strbuf_release(&sb);
	strbuf_release(&name);
	return 0;
}

int report_export_close(struct report *r)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0, i;

	if (r->chrome) {
		/* names of processes and threads, once all are known */
		for (i = 0; i < r->run.ntasks; i++) {
			const struct tracedb_task *t = &r->run.tasks[i];
			struct strbuf nm = STRBUF_INIT;

			strbuf_addf(&nm, "%s [%lld]", t->comm ? t->comm : "?", (long long)t->tid);
			chrome_sep(r);
			if (t->tid == t->tgid) {
				fprintf(r->chrome, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%lld,"
					"\"tid\":%lld,\"args\":{\"name\":", (long long)t->tgid,
					(long long)t->tid);
				js(r->chrome, &sb, nm.buf);
				fputs("}},\n", r->chrome);
			}
			fprintf(r->chrome, "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%lld,"
				"\"tid\":%lld,\"args\":{\"name\":", (long long)t->tgid, (long long)t->tid);
			js(r->chrome, &sb, nm.buf);
			fputs("}}", r->chrome);
			strbuf_release(&nm);
		}
		fputs("\n]}\n", r->chrome);
		if (ferror(r->chrome) | (fclose(r->chrome) != 0))
			rc = error_errno("--chrome: cannot write %s", r->o->chrome);
		r->chrome = NULL;
	}
	if (r->jsonl) {
		if (ferror(r->jsonl) | (fclose(r->jsonl) != 0))
			rc = error_errno("--jsonl: cannot write %s", r->o->jsonl);
		r->jsonl = NULL;
	}
	strbuf_release(&sb);
	return rc;
}
