/*
 * Getting tracees and letting them go: launch (fork + self-stop + exec),
 * -p attach, interrupt and detach, and the tracer's own signals.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "engine.h"
#include "error.h"

static unsigned engine_opts(const struct engine *e, int launched)
{
	unsigned opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_TRACECLONE;

	if (e->o->follow)
		opts |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (launched)
		opts |= PTRACE_O_EXITKILL;
	if (launched && e->seccomp)
		opts |= PTRACE_O_TRACESECCOMP;
	if (e->kmode != KSTACK_OFF)
		opts |= PTRACE_O_TRACEEXIT;	/* a stack at each kind of stop */
	return opts;
}

/* Write s to fd 2; async-signal-safe. */
static void child_say(const char *s)
{
	ssize_t n = write(2, s, strlen(s));

	(void)n;
}

/* Write s[0..len) with control bytes as \ooo (a path, a #! line); async-signal-safe. */
static void child_say_text(const char *s, size_t len)
{
	char buf[256];
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (n + 4 > sizeof(buf)) {
			if (write(2, buf, n) < 0)
				return;
			n = 0;
		}
		if (c < 0x20 || c == 0x7f) {
			buf[n++] = '\\';
			buf[n++] = (char)('0' + (c >> 6));
			buf[n++] = (char)('0' + ((c >> 3) & 7));
			buf[n++] = (char)('0' + (c & 7));
		} else {
			buf[n++] = (char)c;
		}
	}
	if (n && write(2, buf, n) < 0)
		return;
}

/*
 * Say why execv(path) failed, with its errno text, as the shell would:
 * ENOEXEC is a file the kernel cannot run, ENOENT for a file that exists
 * is a #! line naming a missing interpreter.  Async-signal-safe (no
 * strerror(), which may take the locale's lock): strerrordesc_np().
 */
static void child_exec_failed(const char *path, int err)
{
	char head[256];
	ssize_t n = 0;
	int fd;

	child_say("sysatlas: trace: cannot execute ");
	child_say_text(path, strlen(path));
	if (err == ENOENT && (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) >= 0) {
		n = read(fd, head, sizeof(head) - 1);
		close(fd);
	}
	if (n > 2 && head[0] == '#' && head[1] == '!') {
		char *p = head + 2, *e;

		head[n] = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		for (e = p; *e && *e != '\n' && *e != ' ' && *e != '\t'; e++)
			;
		child_say(": its interpreter ");
		child_say_text(p, (size_t)(e - p));
	}
	child_say(": ");
	child_say(strerrordesc_np(err) ? strerrordesc_np(err) : "unknown error");
	if (err == ENOEXEC)
		child_say(" (not a program this kernel runs, nor a script with a #! line)");
	child_say("\n");
}

/*
 * The child between fork and exec: only async-signal-safe calls (the
 * tracer may be multi-threaded and run under AddressSanitizer).
 */
static void __attribute__((noreturn))
engine_child(const char *path, char **argv, const struct sock_fprog *prog)
{
	kill(getpid(), SIGSTOP);	/* the parent seizes us here */
	if (prog) {
		long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog);

		if (rc < 0 && errno == EACCES) {
			/* not CAP_SYS_ADMIN: the kernel wants no_new_privs */
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
				rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog);
		}
		if (rc < 0) {
			child_say("sysatlas: trace: cannot install the seccomp filter\n");
			_exit(127);
		}
	}
	execv(path, argv);
	child_exec_failed(path, errno);
	_exit(127);
}

int engine_launch(struct engine *e, const char *path, char **argv)
{
	struct sock_fprog fprog, *prog = NULL;
	struct task *t;
	int status;
	pid_t pid;

	if (!e->filter->all) {
		fprog.len = (unsigned short)e->filter->prog_len;
		fprog.filter = e->filter->prog;
		prog = &fprog;
		e->seccomp = 1;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return error_errno("fork");
	if (pid == 0)
		engine_child(path, argv, prog);

	while (waitpid(pid, &status, WSTOPPED) < 0) {
		if (errno != EINTR) {
			error_errno("waitpid");
			goto kill;
		}
	}
	if (!WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP) {
		error("trace: the child did not stop itself (wait status %#x)", status);
		goto kill;
	}
	e->seize_opts = engine_opts(e, 1);
	if (ptrace(PTRACE_SEIZE, pid, NULL, (void *)(uintptr_t)e->seize_opts) < 0) {
		error_errno("ptrace(PTRACE_SEIZE, %d)", (int)pid);
		goto kill;
	}
	/* end the self-stop; the tracer sees it as a group-stop, then SIGCONT */
	kill(pid, SIGCONT);
	e->launched = pid;
	t = engine_task_new(e, pid, pid);
	t->quiet = 1;
	t->seccomp = e->seccomp;
	engine_read_comm(pid, t->comm);
	engine_push_task(e, t, TRACE_REC_TASK_NEW, 0, 0, 0);
	return 0;
kill:
	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return -1;
}

/* Seize tid of process pid and make it stop so we can start it our way. */
static int engine_seize(struct engine *e, pid_t pid, pid_t tid)
{
	struct task *t;

	e->seize_opts = engine_opts(e, 0);
	if (ptrace(PTRACE_SEIZE, tid, NULL, (void *)(uintptr_t)e->seize_opts) < 0)
		return -1;
	t = engine_task_new(e, tid, pid);
	engine_read_comm(tid, t->comm);
	engine_push_task(e, t, TRACE_REC_TASK_NEW, 0, 0, 0);
	if (ptrace(PTRACE_INTERRUPT, tid, NULL, NULL) < 0 && errno != ESRCH)
		warning("ptrace(PTRACE_INTERRUPT, %d): %s", (int)tid, strerror(errno));
	return 0;
}

int engine_attach(struct engine *e, pid_t pid)
{
	char path[64];
	int added, first = 1;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	/* threads may appear while we attach: rescan until none is new */
	do {
		struct dirent *de;
		DIR *dir = opendir(path);

		if (!dir) {
			if (first)
				return error("trace: -p %d: %s", (int)pid,
					     errno == ENOENT ? strerror(ESRCH) : strerror(errno));
			break;
		}
		added = 0;
		while ((de = readdir(dir))) {
			pid_t tid = (pid_t)atoi(de->d_name);

			if (tid <= 0 || tidmap_get(&e->tasks, tid))
				continue;
			if (engine_seize(e, pid, tid) < 0) {
				if (tid == pid && first) {
					int err = errno;

					closedir(dir);
					errno = err;
					return error_errno("trace: -p %d: ptrace(PTRACE_SEIZE)", (int)pid);
				}
				continue;	/* a thread that just ended */
			}
			added++;
		}
		closedir(dir);
		first = 0;
	} while (added);
	return 0;
}

static void engine_interrupt_one(pid_t tid, void *value, void *arg)
{
	struct task *t = value;
	struct engine *e = arg;

	if (e->killing) {
		kill(t->tid, SIGKILL);
		return;
	}
	t->detaching = 1;
	if (!t->held && ptrace(PTRACE_INTERRUPT, t->tid, NULL, NULL) < 0 && errno != ESRCH)
		warning("ptrace(PTRACE_INTERRUPT, %d): %s", (int)t->tid, strerror(errno));
}

static void engine_collect_held(pid_t tid, void *value, void *arg)
{
	struct task *t = value, ***end = arg;

	if (t->held)
		*(*end)++ = t;
}

void engine_interrupt(struct engine *e)
{
	struct task **list, **end, **it;

	if (e->o->kill_on_interrupt && e->launched) {
		e->killing = 1;		/* SIGKILL all; record their deaths */
		tidmap_each(&e->tasks, engine_interrupt_one, e);
		return;
	}
	e->detaching = 1;
	tidmap_each(&e->tasks, engine_interrupt_one, e);
	/* held tasks are in a ptrace-stop already: let them go now */
	if (!e->nheld)
		return;
	list = xcalloc(e->nheld, sizeof(*list));
	end = list;
	tidmap_each(&e->tasks, engine_collect_held, &end);
	e->mech = 0;
	for (it = list; it < end; it++)
		engine_detach(e, *it, 0);
	free(list);
}

static void engine_on_signal(int sig)
{
	/* Wake wait4 even if the signal came just before it blocked. */
	static const struct itimerval tick = { { 0, 20000 }, { 0, 20000 } };

	if (!engine_interrupted)
		engine_interrupted = sig;
	if (engine_interrupts < 1000)
		engine_interrupts++;
	setitimer(ITIMER_REAL, &tick, NULL);
}

static void engine_on_alarm(int sig)
{
}

void engine_signals_install(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: interrupt wait4 */
	sa.sa_handler = engine_on_signal;
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	sa.sa_handler = engine_on_alarm;
	sigaction(SIGALRM, &sa, NULL);
}

void engine_signals_quiet(void)
{
	static const struct itimerval off;

	setitimer(ITIMER_REAL, &off, NULL);
}
