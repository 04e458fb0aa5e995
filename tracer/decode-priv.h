/*
 * decode-priv.h: what the per-family decoders (decode-*.c) share.
 *
 * A decoder, decode_sys_<name>(), is called at the syscall-enter-stop and,
 * unless it returned DECODE_RVAL_DECODED there, once more at the exit stop
 * (d->exiting set).  It appends the arguments known at that point and
 * returns how the return value is printed (DECODE_RVAL_*).  The dispatcher
 * (decode.c) prints "name(" before and ") = rval" after.
 */
#ifndef SYSATLAS_TRACER_DECODE_PRIV_H
#define SYSATLAS_TRACER_DECODE_PRIV_H

#include <stdint.h>

#include "decode.h"
#include "decode-sys.h"
#include "strace-opts.h"
#include "strbuf.h"
#include "xlat.h"

struct decode_ctx {
	const struct decode_opts *o;
	struct decode_mem *m;
	struct decode_call *c;
	struct strbuf *out;
	int exiting;
	/* Printed as " (aux)" after a successful return value, if not empty. */
	struct strbuf aux;
};

/* How the return value is printed. */
enum {
	DECODE_RVAL_DECIMAL = 0,	/* signed decimal */
	DECODE_RVAL_HEX = 1,		/* mmap, brk */
	DECODE_RVAL_OCTAL = 2,		/* umask */
	DECODE_RVAL_UDECIMAL = 3,
	DECODE_RVAL_FD = 4,		/* with -y, "3</etc/passwd>" */
	DECODE_RVAL_NONE = 5,		/* "= ?": the call does not return */
	DECODE_RVAL_SIGNAL = 6,		/* "= 17 (SIGCHLD)" */
	DECODE_RVAL_MASK = 7,
	/* Returned at entry: everything is printed, skip the exit call. */
	DECODE_RVAL_DECODED = 8,
};

struct decode_sysent {
	struct decode_syscall_desc desc;
	unsigned (*decode)(struct decode_ctx *d);
};

/* The generated tables (gen-syscallent.py). */
extern const struct decode_sysent decode_sysent_x86_64[];
extern const long decode_sysent_x86_64_count;
extern const struct decode_sysent decode_sysent_i386[];
extern const long decode_sysent_i386_count;
extern const struct decode_sysent decode_sysent_x32[];
extern const long decode_sysent_x32_count;

/* --- arguments (decode-print.c) ----------------------------------------- */

/* Argument i as the tracee's unsigned long / long / int. */
uint64_t decode_arg_ulong(const struct decode_ctx *d, int i);
int64_t decode_arg_long(const struct decode_ctx *d, int i);
#define decode_arg_int(d, i) ((int)(d)->c->args[i])
#define decode_arg_uint(d, i) ((unsigned)(d)->c->args[i])
/* Size of a pointer / long in the tracee: 8 (x86-64) or 4. */
unsigned decode_long_size(const struct decode_ctx *d);
/* Whether the call failed (meaningful at exit). */
#define decode_failed(d) ((d)->exiting && (d)->c->is_error)

/*
 * How many more bytes of the tracee's memory may show in the line (at
 * most want): DECODE_LINE_MAX less what the line holds.  0: the line is
 * full, print "..." and stop.
 */
size_t decode_line_room(const struct decode_ctx *d, size_t want);

/* --- printing ------------------------------------------------------------ */

/* Print into d->aux (" (...)" after the return value) until the matching
 * decode_aux_end(d, saved). */
static inline struct strbuf *decode_aux_begin(struct decode_ctx *d)
{
	struct strbuf *saved = d->out;

	d->out = &d->aux;
	return saved;
}

static inline void decode_aux_end(struct decode_ctx *d, struct strbuf *saved)
{
	d->out = saved;
}

#define decode_puts(d, s) strbuf_addstr((d)->out, (s))
#define decode_printf(d, ...) strbuf_addf((d)->out, __VA_ARGS__)
void decode_sep(struct decode_ctx *d);			/* ", " */

/* NULL, or the address in hexadecimal. */
void decode_print_addr(struct decode_ctx *d, uint64_t addr);
/* Argument i as a raw address / signed int / unsigned / hex. */
void decode_print_arg_addr(struct decode_ctx *d, int i);
void decode_print_arg_int(struct decode_ctx *d, int i);
void decode_print_arg_uint(struct decode_ctx *d, int i);
void decode_print_arg_hex(struct decode_ctx *d, int i);
void decode_print_arg_ulong(struct decode_ctx *d, int i);
void decode_print_arg_long(struct decode_ctx *d, int i);

/* A file descriptor; with -y followed by <path>. */
void decode_print_fd(struct decode_ctx *d, int fd);
/* A directory fd of the *at() calls: AT_FDCWD or decode_print_fd(). */
void decode_print_dirfd(struct decode_ctx *d, int fd);

/*
 * Quote len bytes of s the way strace does ("\n", "\t", octal escapes),
 * between double quotes unless bare; lookahead is the byte after the
 * last, or -1, so an octal escape is not followed by a digit.
 */
void decode_quote(struct strbuf *out, const unsigned char *s, size_t len,
		  int lookahead, int bare, const char *also_escape);

/*
 * A NUL-terminated string of at most the -s limit ("..."... when cut), a
 * path (no limit but PATH_MAX), or len bytes of a buffer (limited by -s).
 * NULL prints NULL; an unreadable string prints its address.  Return 0, or
 * -1 when the address was printed instead.
 */
int decode_print_str(struct decode_ctx *d, uint64_t addr);
int decode_print_path(struct decode_ctx *d, uint64_t addr);
int decode_print_buf(struct decode_ctx *d, uint64_t addr, uint64_t len);
/* Bytes as \xNN escapes (getrandom), hex set; else decode_print_buf(). */
int decode_print_buf_ex(struct decode_ctx *d, uint64_t addr, uint64_t len, int hex);
/* A NUL-terminated string in a buffer of len bytes, its last byte the
 * NUL (at most len - 1 characters, and the -s limit). */
int decode_print_strz(struct decode_ctx *d, uint64_t addr, uint64_t len);
/* Same with a limit other than -s. */
int decode_print_str_n(struct decode_ctx *d, uint64_t addr, unsigned limit);

/*
 * Copy len bytes at addr into buf.  When addr is NULL, the call failed (at
 * exit) or the memory is unreadable, prints NULL or the address instead
 * and returns -1; returns 0 when buf holds the data.
 */
int decode_fetch(struct decode_ctx *d, uint64_t addr, void *buf, size_t len);
/* Like decode_fetch() but prints nothing. */
int decode_read(struct decode_ctx *d, uint64_t addr, void *buf, size_t len);

/*
 * Flags: names of x ORed ("O_RDWR|O_CREAT"), unknown bits as "|0x40";
 * only unknown bits: "0x40" and a comment holding dflt (if not NULL);
 * zero: the name of 0 in x, else "0".
 */
void decode_print_flags(struct decode_ctx *d, const struct xlat *x,
			uint64_t flags, const char *dflt);
/* A value: its name in x, else the hex (or decimal) number and a comment
 * holding dflt. */
void decode_print_xval(struct decode_ctx *d, const struct xlat *x,
		       uint64_t val, const char *dflt);
void decode_print_xval_d(struct decode_ctx *d, const struct xlat *x,
			 int64_t val, const char *dflt);
/* text as a C comment, after a space */
void decode_print_comment(struct decode_ctx *d, const char *text);

/*
 * -X: the raw form of a constant (a number as text), its abbreviated
 * form (a name; NULL: none), or (verbose) both, the name in a comment
 * after the number.
 */
void decode_print_styled(struct decode_ctx *d, const char *raw, const char *abbrev);

/*
 * For a constant printed by several calls: _begin makes what follows go
 * into abbrev (under -X raw and verbose), _end prints it styled with its
 * raw form raw (decode_print_styled()) and releases abbrev.
 */
struct strbuf *decode_style_begin(struct decode_ctx *d, struct strbuf *abbrev);
void decode_style_end(struct decode_ctx *d, struct strbuf *saved, struct strbuf *abbrev,
		      const char *raw);

/* Signal name "SIGINT", "SIGRTMIN", "SIGRT_3", or the number. */
void decode_print_signo(struct decode_ctx *d, int sig);

/*
 * An array of nmemb elements of elem_size at addr: "[e0, e1, ...]", at
 * most -s elements, each printed by fn (which returns -1 to stop) from a
 * copy in elem.  NULL, a failed call (unless at_error) or an unreadable
 * first element print the address.  Returns 0, or -1 if nothing was read.
 */
typedef int (*decode_elem_fn)(struct decode_ctx *d, void *elem, size_t size,
			      void *opaque);
int decode_print_array(struct decode_ctx *d, uint64_t addr, uint64_t nmemb,
		       void *elem, size_t elem_size, decode_elem_fn fn,
		       void *opaque, int at_error);
/* Word i of a tracee array of longs or pointers (8 or 4 bytes each). */
uint64_t decode_word(const struct decode_ctx *d, const void *p, int i);

/* --- shared by several families ------------------------------------------ */

/* open(2) flags: "O_RDONLY|O_CLOEXEC" (decode-file.c). */
void decode_print_open_flags(struct decode_ctx *d, uint64_t flags);
/* A mode as octal "0644"; a uid/gid, -1 signed (decode-file.c). */
void decode_print_mode(struct decode_ctx *d, unsigned mode);
void decode_print_id(struct decode_ctx *d, unsigned id);
/* "S_IFREG|0644"; "makedev(0x1, 0x3)" (decode-stat.c). */
void decode_print_symbolic_mode(struct decode_ctx *d, unsigned mode);
void decode_print_dev(struct decode_ctx *d, uint64_t dev);
/* An iovec array showing at most data bytes in all (decode-io.c). */
void decode_print_iov(struct decode_ctx *d, uint64_t addr, uint64_t cnt,
		      uint64_t data, int addr_only);

/* {si_signo=SIGCHLD, si_code=CLD_EXITED, ...} (decode-signal.c). */
void decode_print_siginfo_struct(struct decode_ctx *d, const siginfo_t *si);
/* struct rusage, abbreviated (decode-process.c). */
void decode_print_rusage(struct decode_ctx *d, uint64_t addr);
/* PROT_READ|PROT_WRITE (decode-mem.c). */
void decode_print_prot(struct decode_ctx *d, uint64_t prot);

/* {tv_sec=1, tv_nsec=0}; CLOCK_MONOTONIC (decode-time.c). */
void decode_print_timespec(struct decode_ctx *d, uint64_t addr);
/* The same, NULL as NULL; at_error: read even after a failed call. */
void decode_print_timespec_ex(struct decode_ctx *d, uint64_t addr, int at_error);
void decode_print_clockid(struct decode_ctx *d, int clk);
/* [INT TERM] of a sigset of len bytes (decode-sigcalls.c). */
void decode_print_sigset(struct decode_ctx *d, uint64_t addr, uint64_t len);

/* {sa_family=AF_INET, ...} of len bytes (decode-sockaddr.c). */
void decode_print_sockaddr(struct decode_ctx *d, uint64_t addr, int len);

/* Raw hexadecimal arguments from i to the syscall's nargs. */
void decode_print_raw_args(struct decode_ctx *d, int from);

#endif
