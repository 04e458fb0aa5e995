/*
 * decode-stat.c: the stat family and statx, with strace's abbreviated
 * struct stat: {st_mode=S_IFREG|0644, st_size=1234, ...}.
 *
 * struct stat is decoded for x86-64 and x32 tracees (same layout); an
 * i386 tracee's buffer is printed as its address.
 */
#include <inttypes.h>
#include <time.h>
#include <linux/fcntl.h>
#include <linux/stat.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode-priv.h"
#include "xlat-tables.h"

static void print_symbolic_mode(struct decode_ctx *d, unsigned mode);

void decode_print_symbolic_mode(struct decode_ctx *d, unsigned mode)
{
	struct strbuf abbrev, raw = STRBUF_INIT, *saved = decode_style_begin(d, &abbrev);

	strbuf_addf(&raw, "%#03o", mode);
	print_symbolic_mode(d, mode);
	decode_style_end(d, saved, &abbrev, raw.buf);
	strbuf_release(&raw);
}

void decode_print_dev(struct decode_ctx *d, uint64_t dev)
{
	struct strbuf abbrev, raw = STRBUF_INIT, *saved = decode_style_begin(d, &abbrev);

	strbuf_add_hex(&raw, dev);
	strbuf_addf(d->out, "makedev(%#x, %#x)", major(dev), minor(dev));
	decode_style_end(d, saved, &abbrev, raw.buf);
	strbuf_release(&raw);
}

static void print_symbolic_mode(struct decode_ctx *d, unsigned mode)
{
	const char *ifmt = "";

	if (mode & S_IFMT)
		ifmt = xlat_name(&xlat_modetypes, mode & S_IFMT);
	if (!ifmt) {
		strbuf_addf(d->out, "%#03o", mode);
		return;
	}
	strbuf_addf(d->out, "%s%s%s%s%s%#03o", ifmt, ifmt[0] ? "|" : "",
		    mode & S_ISUID ? "S_ISUID|" : "",
		    mode & S_ISGID ? "S_ISGID|" : "",
		    mode & S_ISVTX ? "S_ISVTX|" : "",
		    mode & ~(S_IFMT | S_ISUID | S_ISGID | S_ISVTX));
}


/* A time in seconds, and (as a comment) the date it is in local time. */
static void print_time(struct decode_ctx *d, const char *name, int64_t sec, long nsec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char date[64];

	strbuf_addf(d->out, ", %s=%" PRId64, name, sec);
	if (localtime_r(&t, &tm) && strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm)) {
		char zone[16];

		if (!strftime(zone, sizeof(zone), "%z", &tm))
			zone[0] = '\0';
		strbuf_addf(d->out, " /* %s.%09ld%s */", date, nsec, zone);
	}
	strbuf_addf(d->out, ", %s_nsec=%ld", name, nsec);
}

/* -v: every field of struct stat, as strace -v prints it. */
static void print_stat_full(struct decode_ctx *d, const struct stat *st)
{
	strbuf_addstr(d->out, "{st_dev=");
	decode_print_dev(d, st->st_dev);
	strbuf_addf(d->out, ", st_ino=%" PRIu64 ", st_mode=", (uint64_t)st->st_ino);
	decode_print_symbolic_mode(d, st->st_mode);
	strbuf_addf(d->out, ", st_nlink=%" PRIu64 ", st_uid=%u, st_gid=%u, st_blksize=%" PRId64
		    ", st_blocks=%" PRId64, (uint64_t)st->st_nlink, (unsigned)st->st_uid,
		    (unsigned)st->st_gid, (int64_t)st->st_blksize, (int64_t)st->st_blocks);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		strbuf_addstr(d->out, ", st_rdev=");
		decode_print_dev(d, st->st_rdev);
	} else {
		strbuf_addf(d->out, ", st_size=%" PRIu64, (uint64_t)st->st_size);
	}
	print_time(d, "st_atime", st->st_atim.tv_sec, st->st_atim.tv_nsec);
	print_time(d, "st_mtime", st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
	print_time(d, "st_ctime", st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
	strbuf_addch(d->out, '}');
}

/* The abbreviated struct stat at addr (x86-64 layout). */
static void print_stat(struct decode_ctx *d, uint64_t addr)
{
	struct stat st;

	if (d->c->abi == DECODE_ABI_I386) {
		decode_print_addr(d, addr);
		return;
	}
	if (decode_fetch(d, addr, &st, sizeof(st)))
		return;
	if (d->o->verbose) {
		print_stat_full(d, &st);
		return;
	}
	strbuf_addstr(d->out, "{st_mode=");
	decode_print_symbolic_mode(d, st.st_mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		strbuf_addstr(d->out, ", st_rdev=");
		decode_print_dev(d, st.st_rdev);
	} else {
		strbuf_addf(d->out, ", st_size=%" PRIu64, (uint64_t)st.st_size);
	}
	strbuf_addstr(d->out, ", ...}");
}

/* stat, lstat: path, buf */
unsigned decode_sys_stat(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_path(d, decode_arg_ulong(d, 0));
		decode_sep(d);
		return 0;
	}
	print_stat(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_fstat(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_stat(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_newfstatat(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_dirfd(d, decode_arg_int(d, 0));
		decode_sep(d);
		decode_print_path(d, decode_arg_ulong(d, 1));
		decode_sep(d);
		return 0;
	}
	print_stat(d, decode_arg_ulong(d, 2));
	decode_sep(d);
	decode_print_flags(d, &xlat_at_flags, decode_arg_uint(d, 3), "AT_???");
	return DECODE_RVAL_DECIMAL;
}

static void print_statx_flags(struct decode_ctx *d, unsigned flags)
{
	decode_print_flags(d, &xlat_statx_sync, flags & AT_STATX_SYNC_TYPE, NULL);
	flags &= ~AT_STATX_SYNC_TYPE;
	if (flags) {
		strbuf_addch(d->out, '|');
		decode_print_flags(d, &xlat_statx_flags, flags, NULL);
	}
}

unsigned decode_sys_statx(struct decode_ctx *d)
{
	struct statx stx;

	if (!d->exiting) {
		decode_print_dirfd(d, decode_arg_int(d, 0));
		decode_sep(d);
		decode_print_path(d, decode_arg_ulong(d, 1));
		decode_sep(d);
		print_statx_flags(d, decode_arg_uint(d, 2));
		decode_sep(d);
		decode_print_flags(d, &xlat_statx_mask, decode_arg_uint(d, 3), "STATX_???");
		decode_sep(d);
		return 0;
	}
	if (decode_fetch(d, decode_arg_ulong(d, 4), &stx, sizeof(stx)))
		return DECODE_RVAL_DECIMAL;
	strbuf_addstr(d->out, "{stx_mask=");
	decode_print_flags(d, &xlat_statx_mask, stx.stx_mask, "STATX_???");
	strbuf_addstr(d->out, ", stx_attributes=");
	decode_print_flags(d, &xlat_statx_attrs, stx.stx_attributes, "STATX_ATTR_???");
	if (stx.stx_mask & (STATX_TYPE | STATX_MODE)) {
		strbuf_addstr(d->out, ", stx_mode=");
		decode_print_symbolic_mode(d, stx.stx_mode);
	}
	if (stx.stx_mask & STATX_SIZE)
		strbuf_addf(d->out, ", stx_size=%" PRIu64, (uint64_t)stx.stx_size);
	strbuf_addstr(d->out, ", ...}");
	return DECODE_RVAL_DECIMAL;
}


/* struct statfs (x86-64 layout) */
static void print_statfs(struct decode_ctx *d, uint64_t addr)
{
	struct {
		int64_t type, bsize;
		uint64_t blocks, bfree, bavail, files, ffree;
		int32_t fsid[2];
		int64_t namelen, frsize, flags, spare[4];
	} s;

	if (d->c->abi == DECODE_ABI_I386) {
		decode_print_addr(d, addr);
		return;
	}
	if (decode_fetch(d, addr, &s, sizeof(s)))
		return;
	strbuf_addstr(d->out, "{f_type=");
	decode_print_xval(d, &xlat_fsmagic, (uint64_t)s.type, NULL);
	strbuf_addf(d->out, ", f_bsize=%" PRId64 ", f_blocks=%" PRIu64 ", f_bfree=%" PRIu64
		    ", f_bavail=%" PRIu64 ", f_files=%" PRIu64 ", f_ffree=%" PRIu64
		    ", f_fsid={val=[%#x, %#x]}, f_namelen=%" PRId64 ", f_frsize=%" PRId64
		    ", f_flags=", s.bsize, s.blocks, s.bfree, s.bavail, s.files, s.ffree,
		    (unsigned)s.fsid[0], (unsigned)s.fsid[1], s.namelen, s.frsize);
	decode_print_flags(d, &xlat_statfs_flags, (uint64_t)s.flags, "ST_???");
	strbuf_addch(d->out, '}');
}

unsigned decode_sys_statfs(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_path(d, decode_arg_ulong(d, 0));
		decode_sep(d);
		return 0;
	}
	print_statfs(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_fstatfs(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_statfs(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}
