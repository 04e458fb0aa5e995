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

/* --- printing ------------------------------------------------------------ */

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

/* Signal name "SIGINT", "SIGRTMIN", "SIGRT_3", or the number. */
void decode_print_signo(struct decode_ctx *d, int sig);

/* Raw hexadecimal arguments from i to the syscall's nargs. */
void decode_print_raw_args(struct decode_ctx *d, int from);

#endif
