/*
 * `sysatlas run`: trace a command (as `sysatlas trace`), then write its
 * report (as `sysatlas report`) with the built-in index.
 *
 * The tracer runs in a child process: `sysatlas trace` ends the way the
 * traced command ended (its exit code, or death by the same signal, as
 * strace does), and the report must still be written afterwards.  While
 * the child traces, this process ignores SIGINT, SIGTERM and SIGHUP (the
 * tracer handles them and closes the trace), then writes the report of
 * whatever was recorded and passes the command's status through.
 *
 * Interrupted (Ctrl-C), the tracer lets the command go and waits for it
 * (trace --wait-on-interrupt): the command had the same Ctrl-C from the
 * terminal and ends by it (130 then, as under strace) or as its own
 * handler decides, and that status is run's.  strace itself sends the
 * signal to its command and dies of it, whatever the command did.  With
 * -p there is no command of ours: run ends as strace -p does, of the signal.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "outfile.h"
#include "run.h"
#include "strace-opts.h"
#include "strbuf.h"
#include "tracer.h"
#include "web.h"

static const char run_usage[] =
	"usage: sysatlas run [-o DIR] [--force] [--index v5.7|6.12|FILE] [--links STYLE]\n"
	"                    [--no-db] [--redact] [trace options] [--] CMD [ARGS...]\n"
	"\n"
	"Trace CMD (as 'sysatlas trace') and write its report (as 'sysatlas report')\n"
	"with the built-in index of Linux v5.7 x86-64 and strace v5.7; prints the\n"
	"path of index.html.  The exit status is CMD's.\n"
	"\n"
	"  -o DIR           output directory (default: ./sysatlas-report); the\n"
	"                   trace is kept there as trace.db\n"
	"  --force          write into DIR even if it exists (its other files are\n"
	"                   kept), and replace the --text FILE\n"
	"  --index INDEX    another index: 6.12 (built in) or an index file\n"
	"  --current-index INDEX\n"
	"                   the kernel shown beside it (default: 6.12 when this\n"
	"                   kernel is 6.x; none: no such column)\n"
	"  --links STYLE    github (default), elixir, or file:DIR for a local tree\n"
	"  --no-db          do not keep trace.db in the site\n"
	"  --redact         replace the strings read from the program's memory by their\n"
	"                   lengths, in the pages and in the site's trace.db\n"
	"  -h, --help       show this help\n"
	"Trace options (-f, -p, -e, -s, -y, --text, --kernel-stacks, --regs=HOW,\n"
	"--mem=HOW, --poll=WHEN, ...) and strace's output options (-t, -tt, -ttt, -r,\n"
	"-T, -c, -C, -S, -q, -a, -v, -X, -z, -Z; -z and -Z change what is recorded)\n"
	"are those of 'sysatlas trace'.\n";

/* strace's output options without an argument, and their words. */
static const char run_flags[] = "trTcCqvzZ";
static const char run_flag_words[] = "-t\0-r\0-T\0-c\0-C\0-q\0-v\0-z\0-Z";

enum {
	OPT_INDEX = 256,
	OPT_FORCE,
	OPT_LINKS,
	OPT_TEXT,
	OPT_KILL,
	OPT_KSTACKS,
	OPT_CURRENT,
	OPT_REGS,
	OPT_MEM,
	OPT_NO_DB,
	OPT_REDACT,
	OPT_POLL,
};

/* Run `sysatlas trace ARGS` in a child; its wait status, or -1. */
static int run_trace(char **targv, int targc)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	int status = -1, i;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return error_errno("run: cannot fork");
	if (pid == 0)
		_exit(cmd_trace(targc, targv) & 0xff);
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &ign, &old[i]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			status = -1;
			error_errno("run: waitpid");
			break;
		}
	}
	for (i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	return status;
}

/*
 * Remove the recorded trace (our own file in the site's temporary
 * directory) and the WAL files a killed tracer leaves beside it.
 */
static int run_remove_trace(struct strbuf *trace)
{
	static const char *const sfx[] = { "-wal", "-shm", "-journal" };
	size_t len = trace->len, i;
	int rc = 0;

	if (unlink(trace->buf) < 0)
		rc = error_errno("run: cannot remove %s", trace->buf);
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		strbuf_addstr(trace, sfx[i]);
		if (unlink(trace->buf) < 0 && errno != ENOENT)
			rc = error_errno("run: cannot remove %s", trace->buf);
		strbuf_setlen(trace, len);
	}
	return rc;
}

static const struct option run_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "index", required_argument, NULL, OPT_INDEX },
	{ "current-index", required_argument, NULL, OPT_CURRENT },
	{ "links", required_argument, NULL, OPT_LINKS },
	{ "no-db", no_argument, NULL, OPT_NO_DB },
	{ "redact", no_argument, NULL, OPT_REDACT },
	/* trace options, handed on */
	{ "text", optional_argument, NULL, OPT_TEXT },
	{ "kill-on-interrupt", no_argument, NULL, OPT_KILL },
	{ "kernel-stacks", required_argument, NULL, OPT_KSTACKS },
	{ "regs", required_argument, NULL, OPT_REGS },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "poll", required_argument, NULL, OPT_POLL },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg run_args[] = {
	{ 'o', "dir" },
	{ OPT_INDEX, "index" },
	{ OPT_CURRENT, "index" },
	{ OPT_LINKS, "words:github,elixir,file:" },
	{ 'p', "pids" },
	{ 'e', "trace-set" },
	{ 's', "number" },
	{ OPT_KSTACKS, "words:off,first,all" },
	{ OPT_REGS, "words:syscall-info,getregs" },
	{ OPT_MEM, "words:vm-readv,peekdata" },
	{ OPT_POLL, "words:auto,off" },
	STRACE_OPTS_CLI_ARGS,
	{ 0, NULL },
};

const struct cli_spec cmd_run_spec = {
	"+ho:fp:e:s:y" STRACE_OPTS_GETOPT, run_longopts, run_args, "command"
};

int cmd_run(int argc, char **argv)
{
	struct web_report_opts o = { 0 };
	struct strbuf trace = STRBUF_INIT, html = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf where = STRBUF_INIT;
	char **targv = NULL, *owned[16];
	int targc = 0, nowned = 0, c, i, status, rc = 1, no_db = 0;
	struct outdir od = { 0 };
	struct strace_opts so;
	const char *why = NULL;

	strace_opts_init(&so);
	targv = xcalloc((size_t)argc + 8, sizeof(*targv));
	targv[targc++] = "trace";
	opterr = 0;
	optind = 1;
	/* '+': stop at CMD, whose own options are its business */
	while ((c = getopt_long(argc, argv, cmd_run_spec.shortopts, run_longopts,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			free(targv);
			return cli_help(run_usage);
		case 'o':
			o.outdir = optarg;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case OPT_INDEX:
			o.index = optarg;
			break;
		case OPT_CURRENT:
			o.current = optarg;
			break;
		case OPT_LINKS:
			o.links = optarg;
			break;
		case OPT_NO_DB:
			no_db = 1;
			break;
		case OPT_REDACT:
			o.redact = 1;
			break;
		case 'f':
			targv[targc++] = "-f";
			break;
		case 'y':
			targv[targc++] = "-y";
			break;
		case 'S':
		case 'a':
		case 'X':
			if (strace_opts_set(&so, c, optarg, &why) < 0) {
				free(targv);
				return cli_usage_error("run", run_usage, "-%c %s: %s", c, optarg, why);
			}
			/* fall through */
		case 'p':
		case 'e':
		case 's':
			/* the option and its argument as one word: -pPID */
			strbuf_reset(&text);
			strbuf_addf(&text, "-%c%s", c, optarg);
			if (nowned == 16) {
				free(targv);
				return cli_usage_error("run", run_usage, "too many trace options");
			}
			targv[targc++] = owned[nowned++] = strbuf_detach(&text, NULL);
			break;
		case OPT_TEXT:
			strbuf_reset(&text);
			strbuf_addf(&text, "--text%s%s", optarg ? "=" : "", optarg ? optarg : "");
			if (nowned == 16) {
				free(targv);
				return cli_usage_error("run", run_usage, "too many trace options");
			}
			targv[targc++] = owned[nowned++] = strbuf_detach(&text, NULL);
			break;
		case OPT_KILL:
			targv[targc++] = "--kill-on-interrupt";
			break;
		case OPT_KSTACKS:
		case OPT_REGS:
		case OPT_MEM:
		case OPT_POLL:
			strbuf_reset(&text);
			strbuf_addf(&text, "--%s=%s", c == OPT_KSTACKS ? "kernel-stacks" :
				    c == OPT_REGS ? "regs" : c == OPT_POLL ? "poll" : "mem", optarg);
			if (nowned == 16) {
				free(targv);
				return cli_usage_error("run", run_usage, "too many trace options");
			}
			targv[targc++] = owned[nowned++] = strbuf_detach(&text, NULL);
			break;
		default:
			if (c != '?' && c != ':' && strchr(run_flags, c)) {
				/* strace's output options without an argument: "-t" … */
				targv[targc++] = (char *)run_flag_words + 3 * (strchr(run_flags, c) - run_flags);
				break;
			}
			free(targv);
			return cli_bad_option("run", run_usage, argv, c);
		}
	}
	if (optind >= argc) {
		free(targv);
		return cli_usage_error("run", run_usage, "expected a command to run");
	}

	/* every check before the command runs: the directory, the index, the links */
	if (outdir_check(&od, "-o", o.outdir ? o.outdir : "sysatlas-report", o.force) < 0 ||
	    web_report_check(&o) < 0 || outdir_open(&od) < 0)
		goto cleanup;
	/*
	 * The trace is the site's trace.db, unless it is to be left out or
	 * redacted: then it is recorded beside and removed once the report
	 * (and the redacted copy) is written.
	 */
	strbuf_addf(&trace, "%s/%s", od.tmp, no_db || o.redact ? "unpublished-trace.db" : "trace.db");
	o.db = no_db ? WEB_DB_OMIT : o.redact ? WEB_DB_COPY : WEB_DB_IN_SITE;
	targv[targc++] = "-o";
	targv[targc++] = trace.buf;
	if (o.force)
		targv[targc++] = "--force";	/* for --text=FILE */
	targv[targc++] = "--wait-on-interrupt";	/* the command's status, not 130 */
	targv[targc++] = "--";
	for (i = optind; i < argc; i++)
		targv[targc++] = argv[i];
	targv[targc] = NULL;

	status = run_trace(targv, targc);
	if (status == -1 || access(trace.buf, R_OK) < 0) {
		/* nothing was recorded (the trace said why): leave nothing behind */
		rc = status == -1 ? 1 : WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		outdir_abort(&od);
		goto cleanup;
	}
	o.trace = trace.buf;
	o.site_dir = od.tmp;		/* the directory is ours */
	if (web_report_write(&o, &html) < 0) {
		/* what was recorded is kept */
		error("run: the report was not written; the trace is in %s", trace.buf);
		rc = 1;
		goto cleanup;
	}
	if ((no_db || o.redact) && run_remove_trace(&trace) < 0) {
		rc = 1;
		goto cleanup;
	}
	if (outdir_commit(&od) < 0) {
		rc = 1;
		goto cleanup;
	}
	if (no_db && od.exists) {
		struct stat st;

		strbuf_addf(&where, "%s/trace.db", od.path);
		if (lstat(where.buf, &st) == 0)
			warning("%s is still there from before (--force keeps the directory's "
				"other files): remove it before publishing the site", where.buf);
		strbuf_reset(&where);
	}
	strbuf_addf(&where, "%s/index.html", od.path);
	print_line(where.buf);
	fflush(stdout);
	if (WIFSIGNALED(status)) {
		/* end as the command did, as strace does */
		int sig = WTERMSIG(status);

		signal(sig, SIG_DFL);
		raise(sig);
		rc = 128 + sig;
	} else {
		rc = WEXITSTATUS(status);
	}
cleanup:
	outdir_release(&od);
	for (i = 0; i < nowned; i++)
		free(owned[i]);
	free(targv);
	strbuf_release(&trace);
	strbuf_release(&html);
	strbuf_release(&text);
	strbuf_release(&where);
	return rc;
}
