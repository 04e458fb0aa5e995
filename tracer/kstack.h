/*
 * kstack: the running kernel's own stack of a task, as /proc/TID/stack
 * shows it (internal to tracer/).
 *
 * At a ptrace stop the tracee sits inside the kernel, in ptrace_stop();
 * asleep inside a blocking call it sits where the call waits.  Both are
 * readable, by root, from /proc/TID/stack: one frame a line,
 * "[<0>] ptrace_stop+0x132/0x340", innermost first, a module in brackets
 * after the frame where the function is a module's.  A running task gives
 * an empty stack.
 *
 * The engine reads stacks at stops (--kernel-stacks=first|all) and the
 * sampler inside long calls; the writer thread parses, deduplicates and
 * stores them (kstack-store.c).
 */
#ifndef SYSATLAS_TRACER_KSTACK_H
#define SYSATLAS_TRACER_KSTACK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "strbuf.h"

/* --kernel-stacks */
enum kstack_mode {
	KSTACK_OFF,
	KSTACK_FIRST,		/* the first stop of each (kind, syscall, ABI) */
	KSTACK_ALL,		/* every stop */
};

/* Where a stack was taken: a kind of stop, or a sample inside a call. */
enum kstack_at {
	KSTACK_AT_NONE = 0,
	KSTACK_AT_ENTER,	/* syscall-enter stop */
	KSTACK_AT_EXIT,		/* syscall-exit stop */
	KSTACK_AT_SECCOMP,	/* seccomp stop (-e trace=) */
	KSTACK_AT_SIGNAL,	/* signal-delivery stop */
	KSTACK_AT_GROUP,	/* group-stop */
	KSTACK_AT_FORK,		/* PTRACE_EVENT_FORK */
	KSTACK_AT_VFORK,
	KSTACK_AT_CLONE,
	KSTACK_AT_EXEC,
	KSTACK_AT_EXIT_EVENT,	/* PTRACE_EVENT_EXIT: the task is ending */
	KSTACK_AT_SAMPLE,	/* asleep inside a call, between its stops */
	KSTACK_AT_COUNT
};

/* The most a stack's text may take; /proc/TID/stack shows at most 64 frames. */
#define KSTACK_TEXT_MAX 8192

/*
 * The sampling schedule inside a call: the first samples this long after
 * the call entered, then one every KSTACK_SAMPLE_EVERY_NS, at most
 * KSTACK_SAMPLES_PER_CALL in all.  The sampler looks every
 * KSTACK_SAMPLE_POLL_NS, so a sample is taken up to that much late.
 */
#define KSTACK_SAMPLE_FIRST { 2000000, 10000000, 50000000, 250000000 }
#define KSTACK_SAMPLE_EVERY_NS 250000000
#define KSTACK_SAMPLES_PER_CALL 20
#define KSTACK_SAMPLE_POLL_NS 2000000

/* "off" / "first" / "all" -> *mode; 0, or -1 for anything else. */
int kstack_mode_parse(const char *s, enum kstack_mode *mode);
const char *kstack_mode_name(enum kstack_mode mode);

/* "syscall-enter", "sample", ... as stored in trace.db. */
const char *kstack_at_name(enum kstack_at at);

/*
 * Read /proc/TID/stack into buf (at most size bytes, not terminated).
 * Returns the number of bytes (0: an empty stack, a running task), or
 * -errno.
 */
int kstack_read(pid_t tid, char *buf, size_t size);

/*
 * Read the one-letter state of tid from /proc/TID/stat ('S', 'D', 'R' …);
 * 0 if unreadable.
 */
char kstack_task_state(pid_t tid);

/*
 * Can this process read kernel stacks?  NULL if it can; otherwise why
 * not and what would fix it, one sentence (static storage).
 */
const char *kstack_probe(void);

/* The note for a read that failed with err (an errno). Static storage. */
const char *kstack_why(int err);

/* One frame of a stack. */
struct kstack_frame {
	const char *func;	/* the function, or the whole line if its shape is unknown */
	size_t func_len;
	int64_t offset, size;	/* -1: not given */
	const char *module;	/* NULL: built into the kernel */
	size_t module_len;
};

/*
 * Parse one line of /proc/TID/stack ("[<0>] name+0x1a/0x40 [mod]").  A
 * line of another shape is kept whole as the function, with no offset.
 * Returns 0, or -1 for a line with nothing in it.
 */
int kstack_parse_line(const char *line, size_t len, struct kstack_frame *f);

/*
 * The canonical text of a stack: one frame a line as
 * "name+0xoff/0xsize [mod]" (the address prefix dropped, blanks trimmed,
 * control bytes replaced by '?'), innermost first.  Appends to out;
 * returns the number of frames (0: an empty stack).
 */
size_t kstack_canonical(const char *text, size_t len, struct strbuf *out);

#endif
