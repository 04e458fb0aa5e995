/*
 * decode-file.c: calls that take a file name — open family, access,
 * unlink, rename, mkdir, links, chdir, getcwd, chmod/chown, truncate.
 */
#include <fcntl.h>
#include <inttypes.h>

#include "decode-priv.h"
#include "xlat-tables.h"

void decode_print_open_flags(struct decode_ctx *d, uint64_t flags)
{
	const char *acc = xlat_name(&xlat_open_access_modes, flags & 3);
	struct strbuf abbrev, raw = STRBUF_INIT, *saved = decode_style_begin(d, &abbrev);

	/* The access mode is a value (O_RDONLY is 0), the rest flags. */
	strbuf_addstr(d->out, acc);
	strbuf_add_hex(&raw, flags);
	flags &= ~(uint64_t)3;
	if (flags) {
		struct decode_opts abbrev_opts = *d->o;
		const struct decode_opts *o = d->o;

		strbuf_addch(d->out, '|');
		abbrev_opts.xlat = STRACE_XLAT_ABBREV;	/* the names, styled as a whole */
		d->o = &abbrev_opts;
		decode_print_flags(d, &xlat_open_mode_flags, flags, NULL);
		d->o = o;
	}
	decode_style_end(d, saved, &abbrev, raw.buf);
	strbuf_release(&raw);
}

void decode_print_mode(struct decode_ctx *d, unsigned mode)
{
	strbuf_addf(d->out, "%#03o", mode);
}

/* A uid_t / gid_t: -1 ("unchanged") is printed signed. */
void decode_print_id(struct decode_ctx *d, unsigned id)
{
	if (id == (unsigned)-1)
		strbuf_addstr(d->out, "-1");
	else
		strbuf_addf(d->out, "%u", id);
}

/* flags, then the mode when the call may create a file. */
static void open_tail(struct decode_ctx *d, uint64_t flags, int mode_arg)
{
	decode_print_open_flags(d, flags);
	if (flags & (O_CREAT | (O_TMPFILE & ~O_DIRECTORY))) {
		decode_sep(d);
		decode_print_mode(d, decode_arg_uint(d, mode_arg));
	}
}

unsigned decode_sys_open(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	open_tail(d, decode_arg_uint(d, 1), 2);
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_openat(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	open_tail(d, decode_arg_uint(d, 2), 3);
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_openat2(struct decode_ctx *d)
{
	struct { uint64_t flags, mode, resolve; } how;
	uint64_t size = decode_arg_ulong(d, 3);

	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	if (size < sizeof(how))
		decode_print_addr(d, decode_arg_ulong(d, 2));
	else if (!decode_fetch(d, decode_arg_ulong(d, 2), &how, sizeof(how))) {
		strbuf_addstr(d->out, "{flags=");
		decode_print_open_flags(d, how.flags);
		strbuf_addf(d->out, ", mode=%#03" PRIo64 ", resolve=%#" PRIx64 "}",
			    how.mode, how.resolve);
	}
	strbuf_addf(d->out, ", %" PRIu64, size);
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_creat(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_mode(d, decode_arg_uint(d, 1));
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

/* path — unlink, rmdir, chdir, chroot, acct, swapoff, umount */
unsigned decode_sys_path(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	return DECODE_RVAL_DECODED;
}

/* path, path — rename, link, symlink, pivot_root */
unsigned decode_sys_path_path(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECODED;
}

/* path, mode — mkdir, chmod */
unsigned decode_sys_path_mode(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_mode(d, decode_arg_uint(d, 1));
	return DECODE_RVAL_DECODED;
}

/* dirfd, path, mode — mkdirat, fchmodat */
unsigned decode_sys_dirfd_path_mode(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_mode(d, decode_arg_uint(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_access(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_flags(d, &xlat_access_modes, decode_arg_uint(d, 1), "?_OK");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_faccessat(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_flags(d, &xlat_access_modes, decode_arg_uint(d, 2), "?_OK");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_faccessat2(struct decode_ctx *d)
{
	decode_sys_faccessat(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_faccessat_flags, decode_arg_uint(d, 3), "AT_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_unlinkat(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_flags(d, &xlat_at_flags, decode_arg_uint(d, 2), "AT_???");
	return DECODE_RVAL_DECODED;
}

/* olddirfd, old, newdirfd, new */
static void print_two_at_paths(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_dirfd(d, decode_arg_int(d, 2));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 3));
}

unsigned decode_sys_renameat(struct decode_ctx *d)
{
	print_two_at_paths(d);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_renameat2(struct decode_ctx *d)
{
	print_two_at_paths(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_rename_flags, decode_arg_uint(d, 4), "RENAME_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_linkat(struct decode_ctx *d)
{
	print_two_at_paths(d);
	decode_sep(d);
	decode_print_flags(d, &xlat_at_flags, decode_arg_uint(d, 4), "AT_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_symlinkat(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_dirfd(d, decode_arg_int(d, 1));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 2));
	return DECODE_RVAL_DECODED;
}

/* The link target: rval bytes at buf, or its address on failure. */
static void print_link_buf(struct decode_ctx *d, int buf_arg)
{
	if (d->c->is_error)
		decode_print_arg_addr(d, buf_arg);
	else
		decode_print_buf(d, decode_arg_ulong(d, buf_arg), (uint64_t)d->c->rval);
	decode_sep(d);
	decode_print_arg_ulong(d, buf_arg + 1);
}

unsigned decode_sys_readlink(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_path(d, decode_arg_ulong(d, 0));
		decode_sep(d);
		return 0;
	}
	print_link_buf(d, 1);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_readlinkat(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_dirfd(d, decode_arg_int(d, 0));
		decode_sep(d);
		decode_print_path(d, decode_arg_ulong(d, 1));
		decode_sep(d);
		return 0;
	}
	print_link_buf(d, 2);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_getcwd(struct decode_ctx *d)
{
	if (!d->exiting)
		return 0;
	/* rval counts the NUL: a path, not cut at -s. */
	if (d->c->is_error)
		decode_print_arg_addr(d, 0);
	else
		decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_arg_ulong(d, 1);
	return DECODE_RVAL_DECIMAL;
}

/* fd — fchdir, fsync, fdatasync, syncfs */
unsigned decode_sys_fd(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_fchmod(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_mode(d, decode_arg_uint(d, 1));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_chown(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_id(d, decode_arg_uint(d, 1));
	decode_sep(d);
	decode_print_id(d, decode_arg_uint(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_fchown(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_id(d, decode_arg_uint(d, 1));
	decode_sep(d);
	decode_print_id(d, decode_arg_uint(d, 2));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_fchownat(struct decode_ctx *d)
{
	decode_print_dirfd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_path(d, decode_arg_ulong(d, 1));
	decode_sep(d);
	decode_print_id(d, decode_arg_uint(d, 2));
	decode_sep(d);
	decode_print_id(d, decode_arg_uint(d, 3));
	decode_sep(d);
	decode_print_flags(d, &xlat_at_flags, decode_arg_uint(d, 4), "AT_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_truncate(struct decode_ctx *d)
{
	decode_print_path(d, decode_arg_ulong(d, 0));
	decode_sep(d);
	decode_print_arg_long(d, 1);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_ftruncate(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_arg_long(d, 1);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_umask(struct decode_ctx *d)
{
	decode_print_mode(d, decode_arg_uint(d, 0));
	return DECODE_RVAL_DECODED | DECODE_RVAL_OCTAL;
}
