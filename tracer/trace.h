/*
 * trace: what the parts of `sysatlas trace` share (internal to tracer/).
 *
 *   cmd-trace.c   options, run row, exit status
 *   engine.c      the ptrace loop: wait4, stops, resume
 *   launch.c      fork + self-stop + exec, -p attach, detach
 *   filter.c      -e trace=SET and its seccomp-bpf program
 *   mem.c         struct decode_mem: tracee memory and fd paths
 *   regs-*.c      syscall registers per architecture
 *   recorder.c    the writer thread: ring -> trace.db (and --text)
 *
 * The engine describes each stop as a struct trace_event and hands it to
 * the recorder through a ring; nothing on the stop path touches SQLite.
 */
#ifndef SYSATLAS_TRACER_TRACE_H
#define SYSATLAS_TRACER_TRACE_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "decode.h"
#include "strace-opts.h"

/* event.kind */
enum trace_kind {
	TRACE_ENTER = 1,	/* syscall-enter-stop (or seccomp-stop) */
	TRACE_EXIT,		/* syscall-exit-stop */
	TRACE_SIGNAL,		/* signal-delivery-stop */
	TRACE_STOP,		/* group-stop (SIGSTOP, SIGTSTP, ...) */
	TRACE_FORK,
	TRACE_VFORK,
	TRACE_CLONE,
	TRACE_EXEC,
	TRACE_EXITED,		/* the task ended: exited or killed */
	TRACE_DETACH,		/* the tracer let it go */
	TRACE_KIND_COUNT
};

/* event.stop: how the tracee stopped (what wait4 reported). */
enum trace_stop {
	TRACE_STOP_NONE = 0,	/* not a stop: the task ended */
	TRACE_STOP_SYSCALL,	/* SIGTRAP | 0x80 */
	TRACE_STOP_SECCOMP,	/* PTRACE_EVENT_SECCOMP */
	TRACE_STOP_EVENT,	/* PTRACE_EVENT_FORK/VFORK/CLONE/EXEC */
	TRACE_STOP_SIGNAL,	/* signal-delivery-stop */
	TRACE_STOP_GROUP,	/* PTRACE_EVENT_STOP for a stop signal */
	TRACE_STOP_COUNT
};

/*
 * event.mechanism: what the tracer did at a stop, in the order it does
 * it.  Names are those of docs/schema.md.
 */
enum trace_mech {
	TRACE_MECH_WAIT4 = 1u << 0,
	TRACE_MECH_GET_SYSCALL_INFO = 1u << 1,
	TRACE_MECH_GETREGS = 1u << 2,
	TRACE_MECH_GETEVENTMSG = 1u << 3,
	TRACE_MECH_GETSIGINFO = 1u << 4,
	TRACE_MECH_PROCESS_VM_READV = 1u << 5,
	TRACE_MECH_PEEKDATA = 1u << 6,
	TRACE_MECH_READLINK = 1u << 7,
	TRACE_MECH_SYSCALL = 1u << 8,
	TRACE_MECH_CONT = 1u << 9,
	TRACE_MECH_LISTEN = 1u << 10,
	TRACE_MECH_DETACH = 1u << 11,
	TRACE_MECH_COUNT = 12
};

/* "wait4,PTRACE_GET_SYSCALL_INFO,..." for a set of TRACE_MECH_* bits. */
void trace_mech_format(unsigned mech, char *buf, size_t size);

const char *trace_kind_name(enum trace_kind kind);
const char *trace_stop_name(enum trace_stop stop);

/* Which fields of a trace_event hold a value (others are NULL). */
enum trace_has {
	TRACE_HAS_NR = 1u << 0,
	TRACE_HAS_ARGS = 1u << 1,
	TRACE_HAS_RETVAL = 1u << 2,
	TRACE_HAS_ENTER_SEQ = 1u << 3,
	TRACE_HAS_OTHER_TID = 1u << 4,
};

/* One event as it travels through the ring; text follows it. */
struct trace_event {
	uint32_t len, type;		/* struct ring_hdr */
	uint64_t seq;
	int64_t ts_ns;
	int32_t tid;
	uint8_t kind;			/* enum trace_kind */
	uint8_t stop;			/* enum trace_stop */
	uint8_t abi;			/* enum decode_abi */
	uint8_t has;			/* enum trace_has */
	uint32_t mech;			/* enum trace_mech */
	int32_t other_tid;
	int64_t nr;
	uint64_t args[6];
	int64_t retval;
	uint64_t enter_seq;
	uint32_t text_len;		/* bytes of text; 0: NULL */
	uint32_t enter_len;		/* exit: the enter part of text */
	uint32_t result_at;		/* exit: where ") = " starts; 0: unknown */
	char text[];
};

/* A task appears, changes its name, or ends. */
struct trace_task {
	uint32_t len, type;		/* struct ring_hdr */
	int32_t tid, tgid, parent_tid;	/* parent 0: none */
	int32_t has_status;
	int64_t status;			/* wait status, when has_status */
	char comm[16];
};

/*
 * A kernel stack as /proc/TID/stack showed it, raw; the writer thread
 * parses and deduplicates it.  At a stop, seq is the event the stop made
 * (0: none, as at the exit event); a sample's seq is its call's enter
 * event.
 */
struct trace_kstack {
	uint32_t len, type;		/* struct ring_hdr */
	uint64_t seq;
	int64_t ts_ns;
	int32_t tid;
	uint8_t at;			/* enum kstack_at */
	uint8_t abi;			/* enum decode_abi, with nr */
	char state;			/* samples: the task's state letter; 0: unknown */
	uint8_t has_nr;
	int64_t nr;			/* syscall or signal number */
	uint32_t text_len;
	char text[];
};

/* Something the run should record once (a struct trace_note). */
struct trace_note {
	uint32_t len, type;		/* struct ring_hdr */
	uint32_t text_len;
	char text[];
};

enum trace_rec_type {
	TRACE_REC_EVENT = 1,
	TRACE_REC_TASK_NEW,		/* tid, tgid, parent_tid, comm */
	TRACE_REC_TASK_COMM,		/* tid, comm (after exec) */
	TRACE_REC_TASK_END,		/* tid, status (or none: detached) */
	TRACE_REC_KSTACK,		/* struct trace_kstack */
	TRACE_REC_KSTACK_NOTE,		/* why a stack could not be read */
};

struct outfile;

/* --regs: how the registers of a syscall stop are read. */
enum trace_regs {
	TRACE_REGS_SYSCALL_INFO,	/* PTRACE_GET_SYSCALL_INFO; PTRACE_GETREGS before 5.3 */
	TRACE_REGS_GETREGS,		/* PTRACE_GETREGS, as strace did before 5.3 */
};

/* --mem: how tracee memory is read. */
enum trace_mem {
	TRACE_MEM_VM_READV,		/* process_vm_readv; PTRACE_PEEKDATA where refused */
	TRACE_MEM_PEEKDATA,		/* PTRACE_PEEKDATA, a word at a time */
};

struct trace_options {
	const char *output;		/* -o */
	int force;			/* --force */
	struct outfile *db_out;		/* -o, checked: where the database goes */
	struct outfile *text_out;	/* --text=FILE, checked; NULL: stderr or none */
	int follow;			/* -f */
	pid_t *pids;			/* -p */
	size_t npids;
	const char *trace_set;		/* -e trace=SET, NULL: all */
	struct decode_opts decode;	/* -s, -y, -v, -X */
	struct strace_opts out;		/* strace's output options (-t, -T, -c, -z …) */
	int text;			/* --text given */
	const char *text_path;		/* --text=FILE; NULL: stderr */
	int kill_on_interrupt;		/* --kill-on-interrupt */
	int wait_on_interrupt;		/* --wait-on-interrupt */
	int kernel_stacks;		/* --kernel-stacks: enum kstack_mode */
	int kernel_stacks_given;	/* said on the command line */
	const char *kernel_stacks_note;	/* why they cannot be read; NULL: they can */
	enum trace_regs regs;		/* --regs */
	enum trace_mem mem;		/* --mem */
	int no_poll;			/* --poll=off: always sleep in wait4 */
	int no_spin;			/* --poll=nospin: poll, start no spinner (warm.h) */
	char **argv;			/* the command, NULL with -p only */
};

#endif
