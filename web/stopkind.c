#include <string.h>

#include "stopkind.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The tracer's wake-up, the same at every stop. */
#define WAKE \
	{ "kernel", "wait4 reports the stopped tracee", "wait-stopped-tracee", "stops" }, \
	{ "tracer", "strace wakes up in wait4", "strace-wait", "wait4 returns" }

/* The resume: strace's ptrace_restart, the kernel's PTRACE_SYSCALL case. */
#define RESUME(what) \
	{ "tracer", "strace resumes the tracee (ptrace_restart)", "strace-restart", "restarts" }, \
	{ "kernel", what, "ptrace-syscall", "ptrace()" }

static const struct stop_phase signal_phases[] = {
	{ "kernel", "signal-delivery stop: get_signal finds the signal, ptrace_signal "
	  "stops the tracee before delivering it", "stop-signal", "signal pending" },
	WAKE,
	{ "kernel", "ptrace(PTRACE_GETSIGINFO) reads the signal's siginfo", "ptrace-getsiginfo",
	  "ptrace()" },
	{ "tracer", "strace prints --- SIGNAL {si_signo=…} ---", "strace-print-signal", "prints" },
	RESUME("ptrace(PTRACE_SYSCALL, pid, 0, sig) resumes it, re-injecting the signal"),
	{ "kernel", "the signal is delivered: the handler's frame on the user stack",
	  "signal-frame", "delivers" },
	{ "kernel", "the handler returns through rt_sigreturn", "rt-sigreturn",
	  "handler returns" },
};

static const struct stop_phase exec_phases[] = {
	{ "kernel", "exec event: the new program is loaded, ptrace_event(PTRACE_EVENT_EXEC) "
	  "stops the tracee", "stop-exec", "execve" },
	WAKE,
	{ "kernel", "ptrace(PTRACE_GETEVENTMSG) reads the former thread id", "ptrace-geteventmsg",
	  "ptrace()" },
	{ "tracer", "strace follows the exec (the thread that exec'd takes the leader's place)",
	  "strace-exec-event", "switches" },
	RESUME("ptrace(PTRACE_SYSCALL, pid, 0, 0) resumes it"),
};

static const struct stop_phase fork_phases[] = {
	{ "kernel", "fork/vfork/clone event: the child is made, ptrace_event_pid stops the "
	  "parent", "stop-fork", "clone" },
	WAKE,
	{ "kernel", "ptrace(PTRACE_GETEVENTMSG) reads the new child's pid", "ptrace-geteventmsg",
	  "ptrace()" },
	RESUME("ptrace(PTRACE_SYSCALL, pid, 0, 0) resumes it"),
};

static const struct stop_phase exit_phases[] = {
	{ "kernel", "exit event: do_exit stops the dying tracee (PTRACE_EVENT_EXIT, when "
	  "the tracer asked for it)", "stop-exit", "exit_group" },
	WAKE,
	{ "tracer", "strace notes the exit event", "strace-exit-event", "prints" },
	RESUME("ptrace(PTRACE_SYSCALL, pid, 0, 0) resumes it"),
	{ "kernel", "the task dies: exit_notify tells the tracer (a zombie until reaped)",
	  "exit-notify", "dies" },
	{ "kernel", "wait4 reaps the zombie and returns its status", "wait-zombie",
	  "zombie" },
	{ "tracer", "strace prints +++ exited with N +++", "strace-print-exited",
	  "wait4 returns" },
};

static const struct stop_phase group_phases[] = {
	{ "kernel", "group-stop: get_signal acts on a stop signal, do_jobctl_trap stops the "
	  "tracee", "stop-group", "SIGSTOP" },
	WAKE,
	{ "tracer", "strace prints --- stopped by SIGSTOP ---", "strace-print-signal", "prints" },
	{ "kernel", "ptrace(PTRACE_LISTEN) keeps it stopped yet reporting (a seized tracee)",
	  "ptrace-listen", "ptrace()" },
};

const struct stop_kind stop_kinds[] = {
	{ "signal", "signal-delivery stop", "a signal arrives (SIGALRM from alarm, kill…)",
	  "a signal is pending when the tracee returns to user space",
	  "back in user space: the handler runs, then the interrupted code", signal_phases,
	  N(signal_phases) },
	{ "exec", "exec event stop", "execve(): a new program",
	  "execve succeeded and the new program is about to run",
	  "the new program starts at its entry point", exec_phases,
	  N(exec_phases) },
	{ "fork", "fork/vfork/clone event stop", "fork(), vfork() or clone()",
	  "the new task exists; the parent stops before the call returns",
	  "the call returns the child's pid; the child runs too", fork_phases,
	  N(fork_phases) },
	{ "exit", "exit event stop and the exit notification", "exit_group(): the program ends",
	  "the task is exiting; then its death is reported and reaped", NULL, exit_phases,
	  N(exit_phases) },
	{ "group", "group-stop", "a stop signal (SIGSTOP, SIGTSTP…)",
	  "the thread group stops for a stop signal", "stopped until SIGCONT", group_phases,
	  N(group_phases) },
};

const size_t nr_stop_kinds = N(stop_kinds);

const struct stop_kind *stop_kind_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < nr_stop_kinds; i++)
		if (!strcmp(stop_kinds[i].name, name))
			return &stop_kinds[i];
	return NULL;
}

const struct stop_kind *stop_kind_of_event(const char *event_kind)
{
	static const struct {
		const char *event, *kind;
	} map[] = {
		{ "signal", "signal" }, { "stop", "group" }, { "fork", "fork" },
		{ "vfork", "fork" }, { "clone", "fork" }, { "exec", "exec" },
		{ "exited", "exit" }, { "exit", "exit" },
	};
	size_t i;

	for (i = 0; event_kind && i < N(map); i++)
		if (!strcmp(map[i].event, event_kind))
			return stop_kind_find(map[i].kind);
	return NULL;
}
