/*
 * `sysatlas import`: strace logs become a trace.db.
 *
 * Each log is read line by line (at most IMPORT_LINE_MAX bytes a line),
 * so a log of any size streams in bounded memory.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "datadir.h"
#include "db.h"
#include "error.h"
#include "infile.h"
#include "logs.h"
#include "outfile.h"
#include "progress.h"
#include "schema.h"
#include "session.h"
#include "strace-opts.h"
#include "strbuf.h"

static const char import_usage[] =
	"usage: sysatlas import [-o FILE] [--force] [--arch x86_64] [--kernel RELEASE]\n"
	"                       [--index v5.7|FILE] [--strict] LOG...\n"
	"\n"
	"Read strace logs (strace's default output, with -f, -ff -o PREFIX files,\n"
	"-t/-tt/-ttt/-r times, -T, -y/-yy, -X, -e raw=all, -k) into a trace.db that\n"
	"`sysatlas report` reads.  A LOG that does not exist is taken as the PREFIX of\n"
	"-ff files (PREFIX.PID).\n"
	"\n"
	"  -o FILE          the trace database (default: trace.db)\n"
	"  --force          replace FILE if it exists\n"
	"  --arch ARCH      the traced machine's architecture (default: x86_64)\n"
	"  --kernel RELEASE its kernel release, as `uname -r` (default: unknown)\n"
	"  --index INDEX    the index whose syscall table numbers the calls\n"
	"                   (default: the built-in v5.7 index)\n"
	"  --strict         a line that is not strace's is an error, not skipped\n"
	"  -h, --help       this text\n"
	"\n"
	"Lines that are not strace's (the program's own output, a damaged line) are\n"
	"skipped, counted in run.skipped_lines, and the first few named; a log with\n"
	"no strace line at all, or an empty one, is an error.\n";

struct import_opts {
	const char *out, *arch, *kernel, *index;
	int force, strict;
};

/* The pid a -ff file is named for: PREFIX.PID. */
static int64_t file_pid(const char *path)
{
	const char *dot = strrchr(path, '.');
	char *end;
	long v;

	if (!dot || !dot[1] || strchr(dot, '/'))
		return 0;
	errno = 0;
	v = strtol(dot + 1, &end, 10);
	return !errno && !*end && v > 0 && v < INT32_MAX ? v : 0;
}

static int pid_cmp(const void *x, const void *y)
{
	const struct log_file *a = x, *b = y;

	return a->pid < b->pid ? -1 : a->pid > b->pid;
}

/* The logs: each argument a file, or the prefix of -ff files. */
static int collect_logs(char **args, int n, struct log_file **out, size_t *nout)
{
	struct log_file *v = NULL;
	size_t nv = 0, av = 0;
	int i;

	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(args[i], &st) < 0 && errno == ENOENT) {
			struct strbuf pat = STRBUF_INIT;
			glob_t g;
			size_t j, k = 0;

			strbuf_addf(&pat, "%s.[0-9]*", args[i]);
			if (glob(pat.buf, 0, NULL, &g) == 0) {
				for (j = 0; j < g.gl_pathc; j++) {
					if (!file_pid(g.gl_pathv[j]))
						continue;
					if (nv == av)
						v = xrealloc(v, (av = av ? 2 * av : 16) * sizeof(*v));
					v[nv].path = xstrdup(g.gl_pathv[j]);
					v[nv].pid = file_pid(g.gl_pathv[j]);
					nv++;
					k++;
				}
				globfree(&g);
			}
			strbuf_release(&pat);
			if (!k) {
				errno = ENOENT;
				error_errno("%s: neither a log nor the prefix of -ff logs", args[i]);
				goto fail;
			}
			continue;
		}
		if (nv == av)
			v = xrealloc(v, (av = av ? 2 * av : 16) * sizeof(*v));
		v[nv].path = xstrdup(args[i]);
		v[nv].pid = n > 1 ? file_pid(args[i]) : 0;
		nv++;
	}
	/* -ff files: the parent (the lowest pid) first */
	if (nv > 1) {
		size_t j, named = 0;

		for (j = 0; j < nv; j++)
			named += v[j].pid != 0;
		if (named == nv)
			qsort(v, nv, sizeof(*v), pid_cmp);
	}
	*out = v;
	*nout = nv;
	return 0;
fail:
	while (nv)
		free(v[--nv].path);
	free(v);
	return -1;
}

struct import_counts {
	int64_t lines, skipped;
	struct strace_opts seen;
};

/* Every strace line of the logs, in the order logs.h gives, into the session. */
static int import_logs(struct session *s, const struct log_file *files, size_t n,
		       const struct import_opts *o, struct import_counts *c, struct progress *pr)
{
	struct logs *g = logs_open(files, n, o->strict, pr);
	struct import_line l;
	int64_t file_pid;
	int got, rc = -1;

	if (!g)
		return -1;
	while ((got = logs_next(g, &l, &file_pid)) > 0) {
		if ((int)l.tstamp > c->seen.tstamp)
			c->seen.tstamp = (int)l.tstamp;
		if (l.has_rel)
			c->seen.relative = 1;
		if (l.has_dur)
			c->seen.durations = 1;
		if (session_line(s, &l, file_pid) < 0)
			goto cleanup;
	}
	if (got < 0)
		goto cleanup;
	c->lines = logs_lines(g);
	c->skipped = logs_skipped(g);
	rc = 0;
cleanup:
	logs_free(g);
	return rc;
}

enum { OPT_FORCE = 256, OPT_ARCH, OPT_KERNEL, OPT_INDEX, OPT_STRICT };

static const struct option import_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "kernel", required_argument, NULL, OPT_KERNEL },
	{ "index", required_argument, NULL, OPT_INDEX },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg import_args[] = {
	{ OPT_ARCH, "words:x86_64" },
	{ OPT_KERNEL, "text" },
	{ OPT_INDEX, "index" },
	{ 0, NULL },
};

const struct cli_spec cmd_import_spec = { "+ho:", import_longopts, import_args, "file" };

int cmd_import(int argc, char **argv)
{
	struct import_opts o = { .out = "trace.db", .arch = "x86_64", .kernel = "unknown" };
	struct import_counts counts = { 0 };
	struct outfile of = { 0 };
	struct log_file *logs = NULL;
	struct sysnr *nrs = NULL;
	struct session *s = NULL;
	struct progress *pr = NULL;
	struct strbuf ix = STRBUF_INIT, opts = STRBUF_INIT;
	sqlite3 *db = NULL;
	size_t nlogs = 0, i;
	uint64_t total = 0;
	int c, rc = 1, have_out = 0;
	char **files = NULL;
	struct stat st;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_import_spec.shortopts, import_longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(import_usage);
		case 'o':
			o.out = optarg;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case OPT_ARCH:
			o.arch = optarg;
			break;
		case OPT_KERNEL:
			o.kernel = optarg;
			break;
		case OPT_INDEX:
			o.index = optarg;
			break;
		case OPT_STRICT:
			o.strict = 1;
			break;
		default:
			return cli_bad_option("import", import_usage, argv, c);
		}
	}
	if (optind >= argc)
		return cli_usage_error("import", import_usage, "no log given");
	if (strcmp(o.arch, "x86_64"))
		return cli_usage_error("import", import_usage,
				       "--arch %s: only x86_64 logs can be read", o.arch);
	if (collect_logs(argv + optind, argc - optind, &logs, &nlogs) < 0)
		goto cleanup;
	files = xcalloc(nlogs, sizeof(*files));
	for (i = 0; i < nlogs; i++) {
		files[i] = logs[i].path;
		if (infile_check(logs[i].path, INFILE_PIPE_OK, &st) < 0)
			goto cleanup;
		if (S_ISREG(st.st_mode))
			total += (uint64_t)st.st_size;
	}
	if (!o.index || !strcmp(o.index, "v5.7") || !strcmp(o.index, "5.7")) {
		if (datadir_find("default-index.db", &ix) < 0)
			goto cleanup;
	} else if (!strcmp(o.index, "6.12") || !strcmp(o.index, "v6.12")) {
		if (datadir_find("index-6.12.db", &ix) < 0)
			goto cleanup;
	} else {
		strbuf_addstr(&ix, o.index);
	}
	if (outfile_check(&of, "-o", o.out, o.force ? OUTFILE_FORCE | OUTFILE_DISCARD_OK
							: OUTFILE_DISCARD_OK) < 0)
		goto cleanup;
	have_out = 1;
	{
		struct outfile *outs[1] = { &of };
		struct outfile_input *ins = xcalloc(nlogs + 1, sizeof(*ins));
		int d;

		for (i = 0; i < nlogs; i++) {
			ins[i].what = "a log";
			ins[i].path = logs[i].path;
		}
		ins[nlogs].what = "--index";
		ins[nlogs].path = ix.buf;
		d = outfile_distinct(outs, 1, ins, nlogs + 1);
		free(ins);
		if (d < 0)
			goto cleanup;
	}
	nrs = sysnr_load(ix.buf, o.arch);
	if (!nrs)
		goto cleanup;
	{
		int fd = outfile_open(&of);

		if (fd < 0)
			goto cleanup;
		close(fd);
	}
	if (db_open(&db, of.tmp, &db_schema_trace, DB_CREATE) < 0 ||
	    db_exec(db, "PRAGMA synchronous=OFF") < 0)
		goto fail;
	stat(logs[0].path, &st);
	s = session_new(db, nrs, (int64_t)st.st_mtime);
	if (!s)
		goto fail;
	strace_opts_init(&counts.seen);
	pr = progress_start("import", total);
	if (import_logs(s, logs, nlogs, &o, &counts, pr) < 0)
		goto fail;
	progress_stop(&pr);
	strace_opts_to_json(&counts.seen, &opts);
	{
		struct session_run run = {
			.kernel = o.kernel, .arch = o.arch, .tool_version = SYSATLAS_VERSION,
			.opts_json = opts.buf, .files = files, .nfiles = nlogs,
			.skipped = counts.skipped,
		};

		if (session_finish(s, &run) < 0)
			goto fail;
	}
	note("%s: %lld events from %lld lines of %zu log%s%s", o.out,
	     (long long)session_events(s), (long long)counts.lines, nlogs, nlogs == 1 ? "" : "s",
	     counts.skipped ? "" : "");
	if (counts.skipped)
		warning("%lld line%s skipped (not strace's; run.skipped_lines)",
			(long long)counts.skipped, counts.skipped == 1 ? "" : "s");
	session_free(s);
	s = NULL;
	if (db_make_standalone(db) < 0 || db_close(db) < 0) {
		db = NULL;
		goto fail;
	}
	db = NULL;
	if (outfile_commit(&of) < 0)
		goto cleanup;
	rc = 0;
	goto cleanup;
fail:
	progress_stop(&pr);
	session_free(s);
	s = NULL;
	if (db) {
		db_rollback(db);
		db_close(db);
		db = NULL;
	}
	outfile_abort(&of);
cleanup:
	progress_stop(&pr);
	session_free(s);
	sysnr_free(nrs);
	if (have_out)
		outfile_release(&of);
	for (i = 0; i < nlogs; i++)
		free(logs[i].path);
	free(logs);
	free(files);
	strbuf_release(&ix);
	strbuf_release(&opts);
	return rc;
}
