/*
 * engine: the ptrace loop (internal to tracer/).
 *
 * One thread owns every tracee: it waits with wait4(__WALL), looks at each
 * stop, reads what it needs with ptrace(), decodes the call, resumes the
 * tracee and only then hands the event to the recorder's ring, so the
 * tracee runs again while the event is being copied and stored.
 *
 * Resume rule: a task runs with PTRACE_SYSCALL, except where the launched
 * command carries a seccomp filter (-e trace=SET) and the task is not
 * inside a traced call: then PTRACE_CONT, and only the filter's
 * SECCOMP_RET_TRACE stops it (PTRACE_EVENT_SECCOMP), after which
 * PTRACE_SYSCALL brings the syscall-exit-stop (kernel >= 4.8 order).
 */
#ifndef SYSATLAS_TRACER_ENGINE_H
#define SYSATLAS_TRACER_ENGINE_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode.h"
#include "filter.h"
#include "kstack.h"
#include "ring.h"
#include "sampler.h"
#include "strbuf.h"
#include "tidmap.h"
#include "trace.h"

/* Set by the SIGINT/SIGTERM/SIGHUP handler: the signal number. */
extern volatile sig_atomic_t engine_interrupted;
/* How many of those signals came (a second one ends --wait-on-interrupt). */
extern volatile sig_atomic_t engine_interrupts;

struct task {
	pid_t tid, tgid;
	unsigned in_syscall : 1;	/* between enter and exit stops */
	unsigned via_seccomp : 1;	/* this call entered by a seccomp-stop */
	unsigned skip : 1;		/* this call is not recorded */
	unsigned quiet : 1;		/* launched, not yet at its first execve */
	unsigned seccomp : 1;		/* carries our seccomp filter */
	unsigned held : 1;		/* new, stopped, its creator not seen yet */
	unsigned expected : 1;		/* creator seen, first stop not yet */
	unsigned detaching : 1;		/* detach at its next stop */
	unsigned unfollowed : 1;	/* a process created without -f: let go */
	unsigned gone : 1;		/* ptrace said ESRCH: death report to come */
	unsigned running_fast : 1;	/* resumed, expected back within a poll window */
	int resumed_nr;			/* resumed inside this syscall (its slot); -1: not */
	int64_t resumed_at;		/* when it was resumed (engine.ts) */
	struct decode_call call;
	uint64_t enter_seq;
	struct sampler_slot *slot;	/* where its call is published to the sampler */
	struct strbuf line;		/* enter text, then enter + exit */
	size_t enter_len;
	char comm[16];
};

/* The tracee-memory access handed to the decoders (mem.c). */
struct engine_mem {
	struct decode_mem mem;
	pid_t tid;
	unsigned *mech;			/* where to record what was used */
	int no_vm_readv;		/* process_vm_readv refused: peek */
};

/*
 * What a syscall did the last time, by number (any ABI; numbers past the
 * last slot share it): a task let go inside a syscall that last took
 * longer than a poll window is not polled for (a wait, a read of a pipe);
 * see engine_wait().
 */
#define ENGINE_NR_SLOTS 1024

struct engine {
	const struct trace_options *o;
	const struct filter *filter;
	struct ring *ring;
	struct tidmap tasks;		/* tid -> struct task */
	struct tidmap dead;		/* unknown tids that died: status + 1 */
	size_t nheld;
	uint64_t seq;			/* last event's */
	int64_t ts;			/* when the current stop was seen */
	unsigned mech;			/* TRACE_MECH_* of the current stop */
	int use_gsi;			/* PTRACE_GET_SYSCALL_INFO works */
	int seccomp;			/* the launched command has our filter */
	unsigned seize_opts;		/* the PTRACE_O_* given to PTRACE_SEIZE */
	struct engine_mem mem;
	pid_t launched;			/* 0 with -p */
	int has_status, status;		/* the launched process's wait status */
	int detaching;			/* interrupted: letting everyone go */
	/* kernel stacks (--kernel-stacks) */
	enum kstack_mode kmode;		/* KSTACK_OFF also when they cannot be read */
	unsigned char kseen[KSTACK_AT_COUNT][3][128];	/* first: (at, abi, nr) seen */
	char kbuf[KSTACK_TEXT_MAX];
	int klen;			/* bytes in kbuf for the current stop; -1: none */
	struct trace_kstack khead;	/* the current stop's record, but its text */
	int knoted;			/* a failed read was reported */
	struct sampler *sampler;	/* NULL: no sampling */
	int killing;			/* interrupted with --kill-on-interrupt */
	long nr_execve, nr_execveat;
	int can_poll;			/* --poll=auto and another CPU to run on */
	int poll_misses;		/* poll windows in a row that ended without a stop */
	size_t nrunning_fast;		/* tasks with running_fast */
	struct warm *warm;		/* keeps tracer and tracees on one CPU (warm.h); NULL: none */
	unsigned char slow_nr[ENGINE_NR_SLOTS / 8]; /* syscalls last seen to block longer */
};

/*
 * After letting tracees go, the tracer polls for the next stop for up to
 * ENGINE_POLL_NS before it sleeps in wait4: a stop that comes that fast is
 * seen without waking an idle CPU (tens of µs in a VM).  Only when the
 * tracer may run on more than one CPU (on one, its polling would keep the
 * tracee from running).  The window covers an exec, a fork's child
 * starting and a short wait, not only a syscall's round trip
 * (docs/benchmarks.md).  After ENGINE_POLL_MISSES windows in a row end
 * without a stop (tracees blocked or computing) the tracer sleeps at once,
 * until a stop comes within a window of a sleep again.
 */
#define ENGINE_POLL_NS 200000
#define ENGINE_POLL_MISSES 4

void engine_init(struct engine *e, const struct trace_options *o,
		 const struct filter *f, struct ring *ring);
void engine_release(struct engine *e);

/*
 * Start o->argv under the tracer: fork, the child stops itself (and
 * installs the filter's seccomp program), the parent seizes it, and the
 * child execs path.  0, or -1 after error() (nothing left running).
 */
int engine_launch(struct engine *e, const char *path, char **argv);

/* Seize every thread of pid. 0, or -1 after error() naming pid. */
int engine_attach(struct engine *e, pid_t pid);

/*
 * Trace until no tracee is left (or, after engine_interrupted, until
 * every tracee is detached or killed).  0, or -1 after error().
 */
int engine_run(struct engine *e);

/*
 * Kernel stacks: _init (before any task exists) takes the mode from
 * o->kernel_stacks (off where o->kernel_stacks_note says they cannot be
 * read) and makes the sampler, its samples going to ring; _start starts
 * its thread (0, or -1 after error()); _stop, once engine_run() returned,
 * joins and frees it (engine_release() does too).
 */
void engine_kstacks_init(struct engine *e, struct ring *ring);
int engine_kstacks_start(struct engine *e);
void engine_kstacks_stop(struct engine *e);

/* Install the SIGINT/SIGTERM/SIGHUP handlers (and SIGALRM's). */
void engine_signals_install(void);
/* Stop the interval timer the handler armed. */
void engine_signals_quiet(void);

/* --- shared between engine.c and launch.c --- */

struct task *engine_task_new(struct engine *e, pid_t tid, pid_t tgid);
void engine_task_free(struct engine *e, struct task *t);

/* Push a task record (TRACE_REC_TASK_*). */
void engine_push_task(struct engine *e, const struct task *t, uint32_t type,
		      pid_t parent, int has_status, int status);

/* Fill comm from /proc/TID/comm (empty if unreadable). */
void engine_read_comm(pid_t tid, char comm[16]);

/*
 * ptrace() with the tracee-gone rule: ESRCH marks t gone and returns -1
 * quietly; another error is reported as a warning.  Returns ptrace's
 * result otherwise.
 */
long engine_ptrace(struct task *t, int request, void *addr, void *data);

/* Detach t, stopped in a ptrace-stop, delivering sig; records it. */
void engine_detach(struct engine *e, struct task *t, int sig);

/* Start detaching (or, for launched tracees with --kill-on-interrupt, killing). */
void engine_interrupt(struct engine *e);

/* mem.c: point e->mem at tid for the current stop. */
void engine_mem_init(struct engine_mem *m, unsigned *mech);

/* regs-<arch>.c: the syscall registers without PTRACE_GET_SYSCALL_INFO. */
struct regs_syscall {
	int abi;			/* enum decode_abi */
	long nr;
	uint64_t args[6];
	int64_t rval;
	int is_error;
	uint64_t sp;			/* stack pointer */
};
int regs_get(struct task *t, struct regs_syscall *out);

/* The abi of a PTRACE_GET_SYSCALL_INFO arch (AUDIT_ARCH_*) and nr. */
int regs_abi(uint32_t audit_arch, long *nr);

#endif
