/*
 * decode: syscalls printed the way strace prints them (internal to tracer/).
 *
 * The engine (the ptrace loop) owns the tracee; the decoders own the
 * formatting.  They meet here: the engine fills a struct decode_call at
 * each syscall stop and hands the decoders a struct decode_mem through
 * which they read the stopped tracee's memory.  Decoders never call
 * ptrace() themselves, so the engine can record which mechanism each read
 * used (process_vm_readv, PTRACE_PEEKDATA) for the report.
 *
 * Text of a call: decode_enter() appends what strace prints at the
 * syscall-enter-stop ("openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY"),
 * decode_exit() appends the rest (", ...) = 3" or ") = -1 ENOENT (No such
 * file or directory)").  An exit event's text is the two concatenated: the
 * complete strace line.
 */
#ifndef SYSATLAS_TRACER_DECODE_H
#define SYSATLAS_TRACER_DECODE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "strbuf.h"

enum decode_abi {
	DECODE_ABI_X86_64,
	DECODE_ABI_I386,	/* int $0x80 / 32-bit tasks */
	DECODE_ABI_X32,
	DECODE_ABI_COUNT
};

/* Classes for -e trace=%file etc.; a syscall may be in several. */
enum decode_class {
	DECODE_CLASS_FILE = 1 << 0,	/* takes a file name */
	DECODE_CLASS_PROCESS = 1 << 1,	/* process management */
	DECODE_CLASS_NETWORK = 1 << 2,
	DECODE_CLASS_SIGNAL = 1 << 3,
	DECODE_CLASS_MEMORY = 1 << 4,
	DECODE_CLASS_IPC = 1 << 5,
	DECODE_CLASS_DESC = 1 << 6,	/* takes or returns a file descriptor */
	DECODE_CLASS_CREDS = 1 << 7,
	DECODE_CLASS_CLOCK = 1 << 8,
};

struct decode_syscall_desc {
	const char *name;
	unsigned nargs;
	unsigned classes;		/* enum decode_class bits */
};

/* The syscall nr of abi, or NULL when unknown (printed as syscall_NNN). */
const struct decode_syscall_desc *decode_syscall(enum decode_abi abi, long nr);

/* Number of entries in abi's table (valid nr are 0 .. count-1). */
long decode_syscall_count(enum decode_abi abi);

/* The nr of name in abi, or -1. */
long decode_syscall_lookup(enum decode_abi abi, const char *name);

/* Memory of the stopped tracee, supplied by the engine. */
struct decode_mem {
	/*
	 * Read up to len bytes at addr into buf, stopping early at the first
	 * unreadable page.  Returns the bytes read (0 .. len), or -1 with
	 * errno set (EFAULT: nothing readable; ESRCH: the tracee is gone).
	 * Prints nothing.
	 */
	ssize_t (*read)(struct decode_mem *m, uint64_t addr, void *buf, size_t len);
	/*
	 * Append the path of the tracee's fd (for -y); 0, or -1 if unknown.
	 * fd is AT_FDCWD for the tracee's current directory.
	 */
	int (*fd_path)(struct decode_mem *m, int fd, struct strbuf *out);
	void *engine;			/* the engine's own state */
};

/*
 * The most of one line the tracer keeps (engine.c cuts an event's text
 * there): a decoder reads no more of the tracee's memory than can still
 * show in the line, whatever -s says — `-s 536870911` of a 512 MiB
 * write() read it all, and quoted it, to keep 1 MiB.
 */
#define DECODE_LINE_MAX (1u << 20)

struct decode_opts {
	unsigned string_limit;		/* -s, default 32 */
	int fd_paths;			/* -y */
	int verbose;			/* -v: structures and arrays unabbreviated */
	int xlat;			/* -X: enum strace_xlat (raw, abbrev, verbose) */
};

/* One syscall from its enter stop to its exit stop. */
struct decode_call {
	enum decode_abi abi;
	long nr;
	uint64_t args[6];
	int64_t rval;			/* set by the engine before decode_exit() */
	int is_error;			/* rval in -4095 .. -1 */
	uint64_t scratch[4];		/* decoder state kept from enter to exit */
	uint64_t sp;			/* stack pointer at entry; 0: unknown
					   (rt_sigreturn reads its frame there) */
};

/* Append the part of the line known at syscall entry. */
void decode_enter(const struct decode_opts *o, struct decode_mem *m,
		  struct decode_call *c, struct strbuf *out);

/*
 * Append the rest of the line at syscall exit, through " = rval"; returns
 * the offset in out of the ") = " that starts the result (where strace
 * pads to its result column).
 */
size_t decode_exit(const struct decode_opts *o, struct decode_mem *m,
		   struct decode_call *c, struct strbuf *out);

/* "SIGSEGV", or "SIG%d" for unknown; never NULL. */
const char *decode_signal_name(int sig, char *buf, size_t size);

/* "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} ---" */
void decode_siginfo(const siginfo_t *si, struct strbuf *out);
/* -X for decode_siginfo() (enum strace_xlat), set once before tracing. */
void decode_siginfo_set_xlat(int xlat);

/* "ENOENT" for 2; NULL when unknown. */
const char *decode_errno_name(int err);

#endif
