/* The words trace.db uses for kinds, stops and mechanisms (docs/schema.md). */
#include <stdio.h>
#include <string.h>

#include "trace.h"

static const char *const kind_names[TRACE_KIND_COUNT] = {
	[TRACE_ENTER] = "enter",
	[TRACE_EXIT] = "exit",
	[TRACE_SIGNAL] = "signal",
	[TRACE_STOP] = "stop",
	[TRACE_FORK] = "fork",
	[TRACE_VFORK] = "vfork",
	[TRACE_CLONE] = "clone",
	[TRACE_EXEC] = "exec",
	[TRACE_EXITED] = "exited",
	[TRACE_DETACH] = "detach",
};

static const char *const stop_names[TRACE_STOP_COUNT] = {
	[TRACE_STOP_NONE] = NULL,
	[TRACE_STOP_SYSCALL] = "syscall",
	[TRACE_STOP_SECCOMP] = "seccomp",
	[TRACE_STOP_EVENT] = "event",
	[TRACE_STOP_SIGNAL] = "signal",
	[TRACE_STOP_GROUP] = "group",
};

/* In bit order, which is the order the tracer does them at a stop. */
static const char *const mech_names[TRACE_MECH_COUNT] = {
	"wait4",
	"PTRACE_GET_SYSCALL_INFO",
	"PTRACE_GETREGS",
	"PTRACE_GETEVENTMSG",
	"PTRACE_GETSIGINFO",
	"process_vm_readv",
	"PTRACE_PEEKDATA",
	"readlink",
	"PTRACE_SYSCALL",
	"PTRACE_CONT",
	"PTRACE_LISTEN",
	"PTRACE_DETACH",
};

const char *trace_kind_name(enum trace_kind kind)
{
	return kind > 0 && kind < TRACE_KIND_COUNT ? kind_names[kind] : "?";
}

const char *trace_stop_name(enum trace_stop stop)
{
	return stop < TRACE_STOP_COUNT ? stop_names[stop] : NULL;
}

void trace_mech_format(unsigned mech, char *buf, size_t size)
{
	size_t len = 0;
	int i, n;

	buf[0] = '\0';
	for (i = 0; i < TRACE_MECH_COUNT; i++) {
		if (!(mech & (1u << i)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? "," : "", mech_names[i]);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}
