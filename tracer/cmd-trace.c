/*
 * `sysatlas trace`: options, the run, and the exit status.
 *
 * The exit status is the traced command's: its exit code, or, when it was
 * killed by a signal, the tracer kills itself with the same signal (as
 * strace does).  Interrupted by SIGINT, SIGTERM, SIGHUP or SIGQUIT, the
 * tracer lets every tracee go (or kills the launched ones with
 * --kill-on-interrupt), closes the database, and dies of the same signal,
 * as strace does (strace also sends that signal to the command it
 * started).  With --wait-on-interrupt (what `sysatlas run` asks for) it
 * lets the command it started go and then waits for it, as a shell would:
 * at a terminal the command had the same Ctrl-C and ends by it, or ends
 * as its own handler decides; its status is recorded (run.detached_status)
 * and is the exit status.  A second signal stops that wait.
 * A --text reader that goes away is a write error of the writer thread
 * (which blocks every signal): "--text: write: Broken pipe", exit 1, the
 * trace recorded in full.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "engine.h"
#include "filter.h"
#include "kstack.h"
#include "outfile.h"
#include "recorder.h"
#include "strbuf.h"
#include "tracer.h"

static const char trace_usage[] =
	"usage: sysatlas trace [-o FILE] [--force] [-f] [-p PID[,PID...]] [-e trace=SET]\n"
	"                      [-s N] [-y] [--text[=FILE]] [--kill-on-interrupt]\n"
	"                      [--wait-on-interrupt]\n"
	"                      [--kernel-stacks=off|first|all]\n"
	"                      [--regs=syscall-info|getregs] [--mem=vm-readv|peekdata]\n"
	"                      [--poll=auto|nospin|off]\n"
	"                      [-t|-tt|-ttt] [-r] [-T] [-c|-C] [-S SORTBY] [-q|-qq]\n"
	"                      [-a COLUMN] [-v] [-X FORMAT] [-z|-Z]\n"
	"                      [--] CMD [ARGS...]\n"
	"\n"
	"Record every syscall-enter-stop and syscall-exit-stop (and signals, fork,\n"
	"exec, exit) of CMD into a trace database.\n"
	"\n"
	"  -o FILE          write the trace to FILE (default: ./sysatlas-trace.db);\n"
	"                   -o /dev/null keeps no database (with --text, say)\n"
	"      --force      replace FILE (and the --text FILE) if it exists\n"
	"  -f               follow forks, vforks and clones\n"
	"  -p PID[,PID...]  attach to running processes (all their threads)\n"
	"  -e trace=SET     record only SET: names, %file, %process, %network,\n"
	"                   %signal, %memory (others do not stop the tracee)\n"
	"  -s N             print at most N bytes of each string (default 32)\n"
	"  -y               print paths of file descriptors\n"
	"      --text[=FILE] also write strace-style lines (default: stderr)\n"
	"      --kill-on-interrupt\n"
	"                   on SIGINT/TERM/HUP/QUIT kill CMD, not detach\n"
	"      --wait-on-interrupt\n"
	"                   on SIGINT/TERM/HUP/QUIT detach, then wait for CMD to\n"
	"                   end and exit with its status (not die of the signal)\n"
	"      --kernel-stacks=MODE\n"
	"                   record the running kernel's own stack (/proc/TID/stack,\n"
	"                   root only) at the first stop of each kind and syscall\n"
	"                   (first, the default), at every stop (all), or never\n"
	"                   (off); unless off, also sample where long calls wait\n"
	"      --regs=HOW   read a stop's syscall number, arguments and result with\n"
	"                   PTRACE_GET_SYSCALL_INFO (syscall-info, the default; by\n"
	"                   PTRACE_GETREGS on kernels before 5.3) or PTRACE_GETREGS\n"
	"                   (getregs, as strace did before 5.3)\n"
	"      --mem=HOW    read strings and structures with process_vm_readv\n"
	"                   (vm-readv, the default; by PTRACE_PEEKDATA where it is\n"
	"                   refused) or a word at a time with PTRACE_PEEKDATA\n"
	"                   (peekdata, strace's fallback)\n"
	"      --poll=WHEN  after letting a tracee go, poll for the next stop for up\n"
	"                   to 200 us before sleeping in wait4 (auto, the default:\n"
	"                   when another CPU can run the tracee and stops come\n"
	"                   that fast; it spares the wake-up of an idle CPU; on\n"
	"                   two CPUs, a thread also spins at SCHED_IDLE on the\n"
	"                   other, so that tracer and tracee share one), poll\n"
	"                   without the spinning thread (nospin), or always\n"
	"                   sleep, as strace does (off)\n"
	"strace's output options, for --text and the report:\n"
	"  -t, -tt, -ttt    the time of day, with microseconds, or seconds since\n"
	"                   the epoch, before each line\n"
	"  -r               the time since the previous line\n"
	"  -T               the time spent in each call, after it\n"
	"  -a COLUMN        align results at COLUMN (default 40)\n"
	"  -c               count time, calls and errors per syscall and print the\n"
	"                   summary table at the end (instead of the lines)\n"
	"  -C               print the lines and the summary table\n"
	"  -S SORTBY        sort the summary by time (default), calls, errors,\n"
	"                   name or nothing\n"
	"  -q, -qq          quieter: -qq leaves out \"+++ exited with N +++\"\n"
	"  -v               print structures and argument lists in full\n"
	"  -X FORMAT        constants as names (abbrev, the default), as numbers\n"
	"                   (raw), or both (verbose)\n"
	"  -z               record only the calls that succeeded (changes what is\n"
	"                   recorded: failed calls are left out of the trace)\n"
	"  -Z               record only the calls that failed (changes what is\n"
	"                   recorded: the others are left out of the trace)\n"
	"  -h, --help       show this help\n"
	"Threads of a traced process are always traced.  The exit status is CMD's.\n"
	"-c and -C print to stderr, or to the --text FILE.\n";

enum {
	OPT_FORCE = 256,
	OPT_TEXT,
	OPT_KILL,
	OPT_KSTACKS,
	OPT_REGS,
	OPT_MEM,
	OPT_WAIT,
	OPT_POLL,
};

/* "123,456" -> o->pids. 0 or -1 (usage error reported by the caller). */
static int parse_pids(struct trace_options *o, const char *arg)
{
	const char *p = arg;

	while (*p) {
		char *end;
		long v;

		errno = 0;
		v = strtol(p, &end, 10);
		if (errno || end == p || v <= 0 || v > INT_MAX || (*end && *end != ','))
			return -1;
		o->pids = xrealloc(o->pids, (o->npids + 1) * sizeof(*o->pids));
		o->pids[o->npids++] = (pid_t)v;
		p = *end ? end + 1 : end;
	}
	return o->npids ? 0 : -1;
}

/*
 * Find cmd as execvp() would, so a missing command is reported before
 * anything starts.  Returns a malloc'd path, or NULL after error().
 */
static char *resolve_command(const char *cmd)
{
	struct strbuf path = STRBUF_INIT;
	const char *dirs, *p, *colon;
	int saw_eacces = 0;
	struct stat st;

	if (strchr(cmd, '/')) {
		if (stat(cmd, &st) < 0) {
			error_errno("trace: %s", cmd);
			return NULL;
		}
		if (S_ISDIR(st.st_mode) || access(cmd, X_OK) < 0) {
			error("trace: %s: %s", cmd, strerror(S_ISDIR(st.st_mode) ? EISDIR : EACCES));
			return NULL;
		}
		return xstrdup(cmd);
	}
	dirs = getenv("PATH");
	if (!dirs)
		dirs = "/usr/local/bin:/usr/bin:/bin";
	for (p = dirs; ; p = colon + 1) {
		colon = strchr(p, ':');
		strbuf_reset(&path);
		if (colon == p || !*p)
			strbuf_addstr(&path, ".");
		else
			strbuf_add(&path, p, colon ? (size_t)(colon - p) : strlen(p));
		strbuf_addf(&path, "/%s", cmd);
		if (stat(path.buf, &st) == 0 && S_ISREG(st.st_mode)) {
			if (access(path.buf, X_OK) == 0)
				return strbuf_detach(&path, NULL);
			saw_eacces = 1;
		}
		if (!colon)
			break;
	}
	strbuf_release(&path);
	if (saw_eacces)
		error("trace: %s: %s", cmd, strerror(EACCES));
	else
		error("trace: %s: command not found", cmd);
	return NULL;
}

/*
 * Check -o and --text=FILE (and that neither is the command itself nor
 * the other) and hang them on o.  0 or -1 after error().
 */
static int trace_outputs_check(struct trace_options *o, struct outfile *db_out,
			       struct outfile *text_out, const char *cmd_path)
{
	unsigned force = o->force ? OUTFILE_FORCE : 0;
	struct outfile *outs[2] = { db_out, NULL };
	struct outfile_input in = { "the command", cmd_path };

	if (outfile_check(db_out, "-o", o->output, force | OUTFILE_DISCARD_OK) < 0)
		return -1;
	o->db_out = db_out;
	if (o->text_path) {
		if (outfile_check(text_out, "--text", o->text_path, force | OUTFILE_STREAM_OK) < 0)
			return -1;
		o->text_out = outs[1] = text_out;
	}
	return outfile_distinct(outs, 2, &in, cmd_path ? 1 : 0);
}

/*
 * Put each output that was written in full in place; one that failed
 * (RECORDER_*_FAILED in failed) leaves its target untouched and what was
 * written in its temporary file, named.  0, or -1 if any failed.
 */
static int trace_outputs_commit(struct outfile *db_out, struct outfile *text_out, int failed)
{
	int rc = failed ? -1 : 0;

	if (!(failed & RECORDER_DB_FAILED)) {
		if (outfile_commit(db_out) < 0)
			rc = -1;
	} else if (db_out->tmp && db_out->kind != OUTFILE_DISCARD) {
		error("-o %s: left as it was; what was recorded is in %s", db_out->arg, db_out->tmp);
	} else {
		outfile_abort(db_out);
	}
	if (!(failed & RECORDER_TEXT_FAILED)) {
		if (outfile_commit(text_out) < 0)
			rc = -1;
	} else if (text_out->tmp) {
		error("--text %s: left as it was; what was written is in %s",
		      text_out->arg, text_out->tmp);
	}
	return rc;
}

/* Die of sig, as the traced command did; returns only if that fails. */
static int die_of_signal(int sig)
{
	struct rlimit no_core = { 0, 0 };
	sigset_t set;

	/* our own core would overwrite the command's */
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;
}

/*
 * --wait-on-interrupt: wait for the command the tracer started and let go
 * (it is still our child).  0 with its wait status in *status; -1 when a
 * second signal came first or it cannot be waited for (said why).
 */
static int wait_detached(pid_t pid, int *status)
{
	int first = engine_interrupts;

	for (;;) {
		if (waitpid(pid, status, 0) == pid)
			return 0;
		if (errno != EINTR) {
			warning("--wait-on-interrupt: waitpid %d: %s", (int)pid, strerror(errno));
			return -1;
		}
		if (engine_interrupts > first) {
			warning("--wait-on-interrupt: interrupted again; %d is left running",
				(int)pid);
			return -1;
		}
	}
}

static const struct option trace_longopts[] = {
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "text", optional_argument, NULL, OPT_TEXT },
	{ "kill-on-interrupt", no_argument, NULL, OPT_KILL },
	{ "wait-on-interrupt", no_argument, NULL, OPT_WAIT },
	{ "kernel-stacks", required_argument, NULL, OPT_KSTACKS },
	{ "regs", required_argument, NULL, OPT_REGS },
	{ "mem", required_argument, NULL, OPT_MEM },
	{ "poll", required_argument, NULL, OPT_POLL },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg trace_args[] = {
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

const struct cli_spec cmd_trace_spec = {
	"+o:fp:e:s:yh" STRACE_OPTS_GETOPT, trace_longopts, trace_args, "command"
};

int cmd_trace(int argc, char **argv)
{
	struct trace_options o;
	struct outfile db_out = { 0 }, text_out = { 0 };
	struct filter filter;
	struct recorder *rec = NULL;
	struct engine e;
	char *path = NULL, *end;
	int c, argc_opts, rc = 1, launched = 0, run_rc, failed, detached_status = -1;
	size_t i, attached = 0;
	long v;

	memset(&o, 0, sizeof(o));
	memset(&filter, 0, sizeof(filter));
	o.output = "sysatlas-trace.db";
	o.decode.string_limit = 32;
	o.kernel_stacks = KSTACK_FIRST;
	strace_opts_init(&o.out);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_trace_spec.shortopts, trace_longopts,
				NULL)) != -1) {
		switch (c) {
		case 'o':
			o.output = optarg;
			break;
		case 'f':
			o.follow = 1;
			break;
		case 'p':
			if (parse_pids(&o, optarg) < 0) {
				free(o.pids);
				return cli_usage_error(argv[0], trace_usage,
						       "-p %s: not a process id list", optarg);
			}
			break;
		case 'e':
			o.trace_set = optarg;
			break;
		case 's':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 0 || v > INT_MAX / 4) {
				free(o.pids);
				return cli_usage_error(argv[0], trace_usage,
						       "-s %s: not a string length", optarg);
			}
			o.decode.string_limit = (unsigned)v;
			break;
		case 'y':
			o.decode.fd_paths = 1;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case OPT_TEXT:
			o.text = 1;
			o.text_path = optarg;
			break;
		case OPT_KILL:
			o.kill_on_interrupt = 1;
			break;
		case OPT_WAIT:
			o.wait_on_interrupt = 1;
			break;
		case OPT_POLL:
			if (strcmp(optarg, "auto") && strcmp(optarg, "nospin") &&
			    strcmp(optarg, "off")) {
				free(o.pids);
				return cli_usage_error(argv[0], trace_usage,
						       "--poll=%s: expected auto, nospin or off",
						       optarg);
			}
			o.no_poll = !strcmp(optarg, "off");
			o.no_spin = !strcmp(optarg, "nospin");
			break;
		case OPT_KSTACKS: {
			enum kstack_mode m;

			if (kstack_mode_parse(optarg, &m) < 0) {
				free(o.pids);
				return cli_usage_error(argv[0], trace_usage,
						       "--kernel-stacks=%s: expected off, first or all",
						       optarg);
			}
			o.kernel_stacks = m;
			o.kernel_stacks_given = 1;
			break;
		}
		case OPT_REGS:
			if (!strcmp(optarg, "syscall-info")) {
				o.regs = TRACE_REGS_SYSCALL_INFO;
			} else if (!strcmp(optarg, "getregs")) {
				o.regs = TRACE_REGS_GETREGS;
			} else {
				free(o.pids);
				return cli_usage_error(argv[0], trace_usage,
						       "--regs=%s: expected syscall-info or getregs",
						       optarg);
			}
			break;
		case OPT_MEM:
			if (!strcmp(optarg, "vm-readv")) {
				o.mem = TRACE_MEM_VM_READV;
			} else if (!strcmp(optarg, "peekdata")) {
				o.mem = TRACE_MEM_PEEKDATA;
			} else {
				free(o.pids);
				return cli_usage_error(argv[0], trace_usage,
						       "--mem=%s: expected vm-readv or peekdata", optarg);
			}
			break;
		case 'h':
			free(o.pids);
			return cli_help(trace_usage);
		default: {
			const char *why = NULL;
			int r = strace_opts_set(&o.out, c, optarg, &why);

			if (r > 0)
				break;
			free(o.pids);
			if (r < 0)
				return cli_usage_error(argv[0], trace_usage, "-%c %s: %s", c,
						       optarg, why);
			return cli_bad_option(argv[0], trace_usage, argv, c);
		}
		}
	}
	o.decode.verbose = o.out.verbose;
	o.decode.xlat = o.out.xlat;
	decode_siginfo_set_xlat(o.out.xlat);
	if (o.out.summary)
		o.text = 1;	/* -c, -C: the summary goes where the lines go */
	argc_opts = optind;
	if (argc_opts > 1 && !strcmp(argv[argc_opts - 1], "--"))
		argc_opts--;
	o.argv = argv[optind] ? argv + optind : NULL;
	if (!o.argv && !o.npids) {
		free(o.pids);
		return cli_usage_error(argv[0], trace_usage, "no command to trace (and no -p)");
	}
	if (o.argv && o.npids) {
		free(o.pids);
		return cli_usage_error(argv[0], trace_usage,
				       "give either a command or -p PID, not both");
	}

	if (o.argv && !(path = resolve_command(o.argv[0])))
		goto cleanup;
	for (i = 0; i < o.npids; i++) {
		if (kill(o.pids[i], 0) < 0 && errno == ESRCH) {
			error("trace: -p %d: %s", (int)o.pids[i], strerror(ESRCH));
			goto cleanup;
		}
	}
	if (filter_parse(&filter, o.trace_set ? o.trace_set : "all") < 0)
		goto cleanup;
	/* every output checked before anything is created or started */
	if (trace_outputs_check(&o, &db_out, &text_out, path) < 0)
		goto cleanup;
	if (o.kernel_stacks != KSTACK_OFF) {
		/* unreadable: recorded in the run (the report says why); said here if asked for */
		o.kernel_stacks_note = kstack_probe();
		if (o.kernel_stacks_note && o.kernel_stacks_given)
			warning("--kernel-stacks: %s", o.kernel_stacks_note);
	}
	if (recorder_open(&rec, &o, argv, argc_opts) < 0)
		goto cleanup;

	engine_init(&e, &o, &filter, recorder_ring(rec));
	engine_kstacks_init(&e, recorder_sample_ring(rec));
	if (o.argv) {
		if (engine_launch(&e, path, o.argv) == 0)
			launched = 1;
		engine_signals_install();
	} else {
		engine_signals_install();
		for (i = 0; i < o.npids; i++)
			if (engine_attach(&e, o.pids[i]) == 0)
				attached++;
	}
	if (!launched && !attached) {
		/* nothing ran: whatever -o and --text named stays as it was */
		engine_release(&e);
		recorder_finish(rec, 0, 0);
		outfile_abort(&db_out);
		outfile_abort(&text_out);
		goto cleanup;
	}
	if (recorder_set_start(rec, launched ? "launch" : "attach", e.seize_opts) < 0 ||
	    recorder_start(rec) < 0 || engine_kstacks_start(&e) < 0) {
		engine_interrupted = SIGTERM;	/* let the tracees go */
		engine_interrupt(&e);
	}
	run_rc = engine_run(&e);
	engine_kstacks_stop(&e);
	engine_signals_quiet();
	if (run_rc == 0 && engine_interrupted && o.wait_on_interrupt && !o.kill_on_interrupt &&
	    e.launched && !e.has_status && wait_detached(e.launched, &detached_status) == 0)
		recorder_set_detached_status(rec, detached_status);
	else
		detached_status = -1;
	failed = recorder_finish(rec, e.has_status, e.status);
	if (trace_outputs_commit(&db_out, &text_out, failed) < 0 || run_rc < 0) {
		rc = 1;
	} else if (detached_status != -1) {
		/* the command's own end, after the tracer let it go */
		engine_release(&e);
		if (WIFSIGNALED(detached_status))
			rc = die_of_signal(WTERMSIG(detached_status));
		else
			rc = WEXITSTATUS(detached_status);
		goto cleanup;
	} else if (engine_interrupted) {
		engine_release(&e);
		rc = die_of_signal(engine_interrupted);
		goto cleanup;
	} else if (e.has_status && WIFSIGNALED(e.status)) {
		engine_release(&e);
		rc = die_of_signal(WTERMSIG(e.status));
		goto cleanup;
	} else {
		rc = e.has_status ? WEXITSTATUS(e.status) : 0;
	}
	engine_release(&e);
cleanup:
	outfile_release(&db_out);
	outfile_release(&text_out);
	filter_release(&filter);
	free(path);
	free(o.pids);
	return rc;
}
