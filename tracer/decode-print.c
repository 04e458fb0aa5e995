/*
 * decode-print.c: the printing helpers every decoder uses — addresses,
 * numbers, file descriptors, quoted strings and flag sets, in strace's
 * format.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "decode-priv.h"
#include "xlat-tables.h"

unsigned decode_long_size(const struct decode_ctx *d)
{
	return d->c->abi == DECODE_ABI_X86_64 ? 8 : 4;
}

uint64_t decode_arg_ulong(const struct decode_ctx *d, int i)
{
	uint64_t v = d->c->args[i];

	/* x32 passes 64-bit registers, but its long is 32 bits. */
	return decode_long_size(d) == 8 ? v : (uint32_t)v;
}

int64_t decode_arg_long(const struct decode_ctx *d, int i)
{
	uint64_t v = d->c->args[i];

	return decode_long_size(d) == 8 ? (int64_t)v : (int64_t)(int32_t)v;
}

void decode_sep(struct decode_ctx *d)
{
	strbuf_addstr(d->out, ", ");
}

void decode_print_addr(struct decode_ctx *d, uint64_t addr)
{
	if (!addr)
		strbuf_addstr(d->out, "NULL");
	else
		strbuf_add_hex(d->out, addr);
}

void decode_print_arg_addr(struct decode_ctx *d, int i)
{
	decode_print_addr(d, decode_arg_ulong(d, i));
}

void decode_print_arg_int(struct decode_ctx *d, int i)
{
	strbuf_add_int(d->out, decode_arg_int(d, i));
}

void decode_print_arg_uint(struct decode_ctx *d, int i)
{
	strbuf_add_uint(d->out, decode_arg_uint(d, i));
}

void decode_print_arg_hex(struct decode_ctx *d, int i)
{
	strbuf_add_hex(d->out, decode_arg_ulong(d, i));
}

void decode_print_arg_ulong(struct decode_ctx *d, int i)
{
	strbuf_add_uint(d->out, decode_arg_ulong(d, i));
}

void decode_print_arg_long(struct decode_ctx *d, int i)
{
	strbuf_add_int(d->out, decode_arg_long(d, i));
}

void decode_print_raw_args(struct decode_ctx *d, int from)
{
	const struct decode_syscall_desc *desc = decode_syscall(d->c->abi, d->c->nr);
	unsigned n = desc ? desc->nargs : 6;
	unsigned i;

	for (i = from; i < n; i++) {
		if (i)
			decode_sep(d);
		decode_print_arg_hex(d, i);
	}
}

void decode_quote(struct strbuf *out, const unsigned char *s, size_t len,
		  int lookahead, int bare, const char *also_escape)
{
	size_t i;

	if (!bare)
		strbuf_addch(out, '"');
	for (i = 0; i < len; i++) {
		unsigned c = s[i];
		int next = i + 1 < len ? s[i + 1] : lookahead;

		switch (c) {
		case '"': case '\\':
			strbuf_addch(out, '\\');
			strbuf_addch(out, c);
			continue;
		case '\f': strbuf_addstr(out, "\\f"); continue;
		case '\n': strbuf_addstr(out, "\\n"); continue;
		case '\r': strbuf_addstr(out, "\\r"); continue;
		case '\t': strbuf_addstr(out, "\\t"); continue;
		case '\v': strbuf_addstr(out, "\\v"); continue;
		}
		if (c >= ' ' && c < 0x7f && !(also_escape && strchr(also_escape, c))) {
			strbuf_addch(out, c);
			continue;
		}
		/* Octal, as short as possible unless a digit follows. */
		strbuf_addch(out, '\\');
		if (next >= '0' && next <= '7')
			strbuf_addf(out, "%03o", c);
		else
			strbuf_addf(out, "%o", c);
	}
	if (!bare)
		strbuf_addch(out, '"');
}

size_t decode_line_room(const struct decode_ctx *d, size_t want)
{
	size_t used = d->out->len, room = used < DECODE_LINE_MAX ? DECODE_LINE_MAX - used : 0;

	return want < room ? want : room;
}

int decode_read(struct decode_ctx *d, uint64_t addr, void *buf, size_t len)
{
	ssize_t n;

	if (!addr)
		return -1;
	n = d->m->read(d->m, addr, buf, len);
	return n >= 0 && (size_t)n == len ? 0 : -1;
}

int decode_fetch(struct decode_ctx *d, uint64_t addr, void *buf, size_t len)
{
	if (!addr || decode_failed(d) || decode_read(d, addr, buf, len) < 0) {
		decode_print_addr(d, addr);
		return -1;
	}
	return 0;
}

/* Read a NUL-terminated string of at most limit bytes (plus one to see
 * whether it goes on).  Returns the bytes before the NUL, limit + 1 when
 * there are more, or -1 when unreadable before its end. */
static ssize_t str_read(struct decode_ctx *d, uint64_t addr, char *buf,
			size_t limit)
{
	ssize_t n = d->m->read(d->m, addr, buf, limit + 1);
	char *nul;

	if (n <= 0)
		return -1;
	nul = memchr(buf, '\0', n);
	if (nul)
		return nul - buf;
	return (size_t)n == limit + 1 ? n : -1;
}

int decode_print_str_n(struct decode_ctx *d, uint64_t addr, unsigned limit)
{
	char small[256], *buf = small;
	ssize_t n;
	int rc = 0;

	if (!addr) {
		strbuf_addstr(d->out, "NULL");
		return -1;
	}
	limit = (unsigned)decode_line_room(d, limit);
	if (limit + 1 > sizeof(small))
		buf = xmalloc((size_t)limit + 1);
	n = str_read(d, addr, buf, limit);
	if (n < 0) {
		decode_print_addr(d, addr);
		rc = -1;
	} else if ((size_t)n > limit) {
		decode_quote(d->out, (unsigned char *)buf, limit,
			     (unsigned char)buf[limit], 0, NULL);
		strbuf_addstr(d->out, "...");
	} else {
		decode_quote(d->out, (unsigned char *)buf, n, -1, 0, NULL);
	}
	if (buf != small)
		free(buf);
	return rc;
}

int decode_print_strz(struct decode_ctx *d, uint64_t addr, uint64_t len)
{
	char small[256], *buf = small;
	size_t show;
	ssize_t n;
	char *nul;
	int rc = 0;

	if (len > d->o->string_limit || len < 1 || len > decode_line_room(d, len))
		return decode_print_str_n(d, addr, d->o->string_limit);
	if (!addr) {
		strbuf_addstr(d->out, "NULL");
		return -1;
	}
	if (len > sizeof(small))
		buf = xmalloc(len);
	/* The last byte is for the NUL: at most len - 1 characters. */
	n = d->m->read(d->m, addr, buf, len);
	nul = n > 0 ? memchr(buf, '\0', n) : NULL;
	if (!nul && n != (ssize_t)len) {
		decode_print_addr(d, addr);
		rc = -1;
	} else {
		show = nul ? (size_t)(nul - buf) : len;
		if (show > len - 1)
			show = len - 1;
		decode_quote(d->out, (unsigned char *)buf, show, -1, 0, NULL);
		if (!nul || (size_t)(nul - buf) > len - 1)
			strbuf_addstr(d->out, "...");
	}
	if (buf != small)
		free(buf);
	return rc;
}

int decode_print_str(struct decode_ctx *d, uint64_t addr)
{
	return decode_print_str_n(d, addr, d->o->string_limit);
}

int decode_print_path(struct decode_ctx *d, uint64_t addr)
{
	/* Paths are not cut at -s: up to PATH_MAX - 1 bytes, as strace. */
	return decode_print_str_n(d, addr, PATH_MAX - 1);
}

int decode_print_buf(struct decode_ctx *d, uint64_t addr, uint64_t len)
{
	return decode_print_buf_ex(d, addr, len, 0);
}

static void quote_hex(struct strbuf *out, const unsigned char *s, size_t len)
{
	size_t i;

	strbuf_addch(out, '"');
	for (i = 0; i < len; i++)
		strbuf_addf(out, "\\x%02x", s[i]);
	strbuf_addch(out, '"');
}

int decode_print_buf_ex(struct decode_ctx *d, uint64_t addr, uint64_t len, int hex)
{
	unsigned limit = (unsigned)decode_line_room(d, d->o->string_limit);
	size_t size = len < (uint64_t)limit + 1 ? (size_t)len : (size_t)limit + 1;
	char small[256], *buf = small;
	int rc = 0;

	if (!addr) {
		strbuf_addstr(d->out, "NULL");
		return -1;
	}
	if (size > sizeof(small))
		buf = xmalloc(size);
	if (decode_read(d, addr, buf, size) < 0) {
		decode_print_addr(d, addr);
		rc = -1;
	} else if (hex) {
		quote_hex(d->out, (unsigned char *)buf, size > limit ? limit : size);
	} else if (size > limit) {
		decode_quote(d->out, (unsigned char *)buf, limit,
			     (unsigned char)buf[limit], 0, NULL);
	} else {
		decode_quote(d->out, (unsigned char *)buf, size, -1, 0, NULL);
	}
	if (!rc && len > limit)
		strbuf_addstr(d->out, "...");
	if (buf != small)
		free(buf);
	return rc;
}

/* " <path>" of fd (or of the cwd for AT_FDCWD) under -y */
static void print_fd_path(struct decode_ctx *d, int fd)
{
	struct strbuf path = STRBUF_INIT;

	if (!d->o->fd_paths || (fd < 0 && fd != AT_FDCWD) || !d->m->fd_path)
		return;
	if (d->m->fd_path(d->m, fd, &path) == 0 && path.len) {
		strbuf_addch(d->out, '<');
		decode_quote(d->out, (unsigned char *)path.buf, path.len, -1, 1, "<>");
		strbuf_addch(d->out, '>');
	}
	strbuf_release(&path);
}

void decode_print_fd(struct decode_ctx *d, int fd)
{
	strbuf_add_int(d->out, fd);
	if (fd >= 0)
		print_fd_path(d, fd);
}

void decode_print_dirfd(struct decode_ctx *d, int fd)
{
	if (fd == AT_FDCWD) {
		decode_print_styled(d, "-100", "AT_FDCWD");
		print_fd_path(d, fd);
	} else {
		decode_print_fd(d, fd);
	}
}

void decode_print_styled(struct decode_ctx *d, const char *raw, const char *abbrev)
{
	switch (d->o->xlat) {
	case STRACE_XLAT_RAW:
		strbuf_addstr(d->out, raw);
		break;
	case STRACE_XLAT_VERBOSE:
		strbuf_addstr(d->out, raw);
		if (abbrev && strcmp(raw, abbrev))
			decode_print_comment(d, abbrev);
		break;
	default:
		strbuf_addstr(d->out, abbrev ? abbrev : raw);
		break;
	}
}

struct strbuf *decode_style_begin(struct decode_ctx *d, struct strbuf *abbrev)
{
	struct strbuf *saved = d->out;

	strbuf_init(abbrev, 0);
	if (d->o->xlat != STRACE_XLAT_ABBREV)
		d->out = abbrev;
	return saved;
}

void decode_style_end(struct decode_ctx *d, struct strbuf *saved, struct strbuf *abbrev,
		      const char *raw)
{
	d->out = saved;
	if (d->o->xlat != STRACE_XLAT_ABBREV)
		decode_print_styled(d, raw, abbrev->len ? abbrev->buf : NULL);
	strbuf_release(abbrev);
}

void decode_print_comment(struct decode_ctx *d, const char *text)
{
	strbuf_addf(d->out, " /* %s */", text);
}

/* The names of flags in x, as -X abbrev prints them; 0 when none is known. */
static unsigned print_flag_names(struct decode_ctx *d, const struct xlat *x, uint64_t flags)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < x->n && (flags || !n); i++) {
		uint64_t v = x->e[i].val;

		if (flags == v || (v && (flags & v) == v)) {
			if (n++)
				strbuf_addch(d->out, '|');
			strbuf_addstr(d->out, x->e[i].name);
			flags &= ~v;
		}
	}
	if (n && flags) {
		strbuf_addch(d->out, '|');
		strbuf_add_hex(d->out, flags);
	}
	return n;
}

/* -X raw, verbose: the number in hex, then (verbose) its names. */
static void print_styled_hex(struct decode_ctx *d, uint64_t v, const struct xlat *x,
			     int flags, const char *dflt)
{
	struct strbuf names = STRBUF_INIT, *saved = d->out;
	const char *name;

	strbuf_add_hex(d->out, v);
	if (d->o->xlat != STRACE_XLAT_VERBOSE)
		return;
	d->out = &names;
	if (flags)
		print_flag_names(d, x, v);
	else if ((name = xlat_name(x, v)))
		strbuf_addstr(&names, name);
	d->out = saved;
	if (names.len)
		decode_print_comment(d, names.buf);
	else if (v && dflt)
		decode_print_comment(d, dflt);
	strbuf_release(&names);
}

void decode_print_flags(struct decode_ctx *d, const struct xlat *x,
			uint64_t flags, const char *dflt)
{
	unsigned n = 0;
	size_t i;

	if (d->o->xlat != STRACE_XLAT_ABBREV) {
		print_styled_hex(d, flags, x, 1, dflt);
		return;
	}
	for (i = 0; i < x->n && (flags || !n); i++) {
		uint64_t v = x->e[i].val;

		if (flags == v || (v && (flags & v) == v)) {
			if (n++)
				strbuf_addch(d->out, '|');
			strbuf_addstr(d->out, x->e[i].name);
			flags &= ~v;
		}
	}
	if (n) {
		if (flags) {
			strbuf_addch(d->out, '|');
			strbuf_add_hex(d->out, flags);
		}
		return;
	}
	strbuf_add_hex(d->out, flags);
	if (flags && dflt)
		decode_print_comment(d, dflt);
}

void decode_print_xval(struct decode_ctx *d, const struct xlat *x,
		       uint64_t val, const char *dflt)
{
	const char *name = xlat_name(x, val);

	if (d->o->xlat != STRACE_XLAT_ABBREV) {
		print_styled_hex(d, val, x, 0, dflt);
		return;
	}
	if (name) {
		strbuf_addstr(d->out, name);
		return;
	}
	strbuf_add_hex(d->out, val);
	if (dflt)
		decode_print_comment(d, dflt);
}

void decode_print_xval_d(struct decode_ctx *d, const struct xlat *x,
			 int64_t val, const char *dflt)
{
	const char *name = xlat_name(x, (uint64_t)val);

	if (d->o->xlat != STRACE_XLAT_ABBREV) {
		strbuf_add_int(d->out, val);
		if (d->o->xlat == STRACE_XLAT_VERBOSE && (name || (val && dflt)))
			decode_print_comment(d, name ? name : dflt);
		return;
	}
	if (name) {
		strbuf_addstr(d->out, name);
		return;
	}
	strbuf_add_int(d->out, val);
	if (dflt)
		decode_print_comment(d, dflt);
}

int decode_print_array(struct decode_ctx *d, uint64_t addr, uint64_t nmemb,
		       void *elem, size_t elem_size, decode_elem_fn fn,
		       void *opaque, int at_error)
{
	uint64_t i, limit = d->o->string_limit;

	if (!addr) {
		strbuf_addstr(d->out, "NULL");
		return -1;
	}
	if (!nmemb) {
		strbuf_addstr(d->out, "[]");
		return 0;
	}
	if (nmemb > UINT64_MAX / elem_size || addr + nmemb * elem_size <= addr ||
	    (decode_failed(d) && !at_error)) {
		decode_print_addr(d, addr);
		return -1;
	}
	for (i = 0; i < nmemb; i++) {
		uint64_t cur = addr + i * elem_size;

		if (decode_read(d, cur, elem, elem_size) < 0) {
			if (!i) {
				decode_print_addr(d, addr);
				return -1;
			}
			strbuf_addf(d->out, ", ... /* %#" PRIx64 " */", cur);
			break;
		}
		strbuf_addstr(d->out, i ? ", " : "[");
		if (i >= limit || !decode_line_room(d, 1)) {
			strbuf_addstr(d->out, "...");
			break;
		}
		if (fn(d, elem, elem_size, opaque) < 0)
			break;
	}
	strbuf_addch(d->out, ']');
	return 0;
}

uint64_t decode_word(const struct decode_ctx *d, const void *p, int i)
{
	if (decode_long_size(d) == 8)
		return ((const uint64_t *)p)[i];
	return ((const uint32_t *)p)[i];
}
