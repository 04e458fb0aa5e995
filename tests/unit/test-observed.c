/* Unit tests for web/observed.c: the upstream version rule, frames' source
 * names, the alignment of a stack with a path, and untrusted trace rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "observed.h"
#include "schema.h"
#include "tap.h"

static void version(const char *release, const char *proc, const char *want)
{
	char out[40];

	obs_upstream_version(release, proc, out, sizeof(out));
	is_str(out, want, "upstream of %s / %.30s", release ? release : "(none)", proc ? proc : "(none)");
}

static void source(const char *func, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	obs_source_name(func, &sb);
	is_str(sb.buf, want, "source name of %s", func);
	strbuf_release(&sb);
}

/* A path of named steps (no files: matched by name alone). */
static void make_path(struct ix_path *p, const char *const *names)
{
	size_t n = 0;

	while (names[n])
		n++;
	p->name = "syscall-enter";
	p->nr_steps = n;
	p->steps = calloc(n + 1, sizeof(*p->steps));
	for (n = 0; names[n]; n++)
		p->steps[n].sym.name = (char *)names[n];
}

/* A stack from innermost-first frame names. */
static void make_stack(struct obs_stack *st, struct obs_frame *frames, const char *const *names)
{
	int n = 0;

	while (names[n]) {
		frames[n].func = (char *)names[n];
		frames[n].offset = frames[n].size = -1;
		n++;
	}
	st->depth = st->nframes = n;
	st->frames = frames;
}

static void align(const char *const *steps, const char *const *frames, const char *want)
{
	struct obs o;
	struct ix ix;
	struct ix_path p;
	struct obs_stack st;
	struct obs_frame fr[16];
	struct obs_row *rows = NULL;
	struct strbuf got = STRBUF_INIT;
	int n, i;

	memset(&o, 0, sizeof(o));
	ix_init_empty(&ix);
	make_path(&p, steps);
	make_stack(&st, fr, frames);
	n = obs_align(&o, &ix, &p, &st, &rows);
	for (i = 0; i < n; i++)
		strbuf_addf(&got, "%s%c%s", i ? " " : "",
			    rows[i].pair == OBS_BOTH ? '=' : rows[i].pair == OBS_INDEX_ONLY ? '<' : '>',
			    rows[i].pair == OBS_OBSERVED_ONLY ? st.frames[rows[i].frame].func :
			    p.steps[rows[i].step].sym.name);
	is_str(got.buf, want, "alignment %s", want);
	free(rows);
	free(p.steps);
	obs_release(&o);	/* its name cache */
	ix_close(&ix);
	strbuf_release(&got);
}

int main(void)
{
	static const char *const enter57[] = { "entry_SYSCALL_64", "do_syscall_64",
		"syscall_trace_enter", "tracehook_report_syscall_entry", "ptrace_report_syscall",
		"ptrace_notify", "ptrace_do_notify", "ptrace_stop", NULL };
	static const char *const enter618[] = { "ptrace_stop", "ptrace_do_notify", "ptrace_notify",
		"syscall_trace_enter", "do_syscall_64", "entry_SYSCALL_64", NULL };
	static const char *const exit57[] = { "do_syscall_64", "syscall_slow_exit_work",
		"ptrace_notify", "ptrace_stop", NULL };
	static const char *const exit618[] = { "ptrace_stop.isra.0", "ptrace_notify",
		"syscall_exit_work", "do_syscall_64", NULL };
	static const char *const none[] = { NULL };
	char dir[] = "/tmp/sysatlas-test-observedXXXXXX", path[128];
	struct obs o;
	sqlite3 *db;

	/* the version rule */
	version("6.1.0-28-amd64", "Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) "
		"(gcc-12 (Debian 12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1 (2024-11-22)",
		"v6.1.119");
	version("6.18.44-fc-v1272", "Linux version 6.18.44-fc-v1272 (builder@sandboxing) #1 SMP",
		"v6.18.44");
	version("5.15.0-91-generic", "Linux version 5.15.0-91-generic (buildd@lcy02) #101-Ubuntu SMP",
		"v5.15");
	version("6.5.6-300.fc39.x86_64", NULL, "v6.5.6");
	version("6.8", NULL, "v6.8");
	version("garbage", "Linux version garbage", "");
	version(NULL, NULL, "");
	version("6", NULL, "");
	version("99999999.1.2", NULL, "");
	version("6.1.0-x", "... Debian unstable 6.1 ...", "v6.1");

	/* frames as source names */
	source("do_execveat_common.isra.0", "do_execveat_common");
	source("__x64_sys_exit_group", "sys_exit_group");
	source("__do_sys_wait4", "sys_wait4");
	source("__se_sys_read", "sys_read");
	source("__x64_compat_sys_ioctl", "compat_sys_ioctl");
	source("__ia32_sys_read.cold", "sys_read");
	source("anon_pipe_read", "anon_pipe_read");
	source("__x64_sys_", "__x64_sys_");

	/* the alignment */
	align(enter57, enter618, "=entry_SYSCALL_64 =do_syscall_64 =syscall_trace_enter "
	      "<tracehook_report_syscall_entry <ptrace_report_syscall =ptrace_notify "
	      "=ptrace_do_notify =ptrace_stop");
	align(exit57, exit618, "=do_syscall_64 <syscall_slow_exit_work >syscall_exit_work "
	      "=ptrace_notify =ptrace_stop");
	align(none, enter618, ">entry_SYSCALL_64 >do_syscall_64 >syscall_trace_enter >ptrace_notify "
	      ">ptrace_do_notify >ptrace_stop");
	align(enter57, none, "<entry_SYSCALL_64 <do_syscall_64 <syscall_trace_enter "
	      "<tracehook_report_syscall_entry <ptrace_report_syscall <ptrace_notify "
	      "<ptrace_do_notify <ptrace_stop");

	/* untrusted rows: unknown stacks, holes, negative depths */
	if (!mkdtemp(dir)) {
		skip_all("no temporary directory");
		return 0;
	}
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (db_open(&db, path, &db_schema_trace, DB_NEW) == 0) {
		db_exec(db, "INSERT INTO run(id, argv, started_ns, mono_start_ns, kernel_release, arch,"
			" tool_version, kernel_stacks) VALUES (1, '[]', 1, 100, '6.1.0', 'x86_64', 'v', 'all');"
			"INSERT INTO kstack VALUES (1, 3, 'a\nb\nc\n'), (2, -5, ''), (3, 100000, 'x');"
			"INSERT INTO kstack_frame VALUES (1, 0, 'a', 1, 2, NULL), (1, 2, 'c', NULL, NULL, 'm'),"
			" (1, 7, 'far', 0, 0, NULL), (1, -1, 'neg', 0, 0, NULL), (9, 0, 'orphan', 0, 0, NULL),"
			" (3, 0, 'only', 0, 0, NULL);"
			"INSERT INTO stop_kstack VALUES (5, 1, 9223372036854775807, 'syscall-enter', NULL, 0, 3),"
			" (6, 1, 200, 'syscall-enter', NULL, 0, 42), (7, 1, -9223372036854775807, 'exec', NULL, NULL, 1);"
			"INSERT INTO kstack_sample VALUES (5, 1, 300, NULL, 1), (5, 1, 250, 'SS', 3),"
			" (4, 1, 0, 'D', 77);");
		db_close(db);
		ok(db_open(&db, path, &db_schema_trace, DB_READONLY) == 0, "reopen");
		is_int(obs_load(db, "6.1.0", 100, &o), 0, "load rows of every shape");
		ok(o.have, "the trace has stacks");
		is_int(o.nstacks, 3, "three stacks");
		is_int(o.stacks[0].depth, 1, "a hole cuts the stack short (frame 1 missing)");
		is_int(o.stacks[1].depth, 0, "a negative depth is no frame");
		is_int(o.stacks[2].depth, 1, "a huge depth is bounded by the frames there are");
		is_int(o.nstops, 2, "a stop of an unknown stack is dropped");
		ok(o.stops[0].t >= 0 && o.stops[1].t >= 0, "times clamped, never negative");
		is_int(o.nsamples, 2, "a sample of an unknown stack is dropped");
		is_int(obs_stop_stack(&o, "syscall-enter", "", 0), 2, "the stack at a stop");
		is_int(obs_stop_stack(&o, "syscall-exit", "", 0), -1, "no stack at another");
		{
			int first, n = obs_samples_of(&o, 5, &first);

			is_int(n, 2, "the samples of a call");
			ok(o.samples[first].t <= o.samples[first + 1].t, "in time order");
			is_int(obs_samples_of(&o, 6, &first), 0, "none of another");
		}
		obs_release(&o);
		db_close(db);
	}
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		diag("could not remove %s", dir);
	done_testing();
	return exit_status();
}
