/*
 * decode-ioctl.c: ioctl(2), basic — the terminal and generic file
 * requests by name, struct termios and struct winsize, int arguments;
 * any other request as _IOC(dir, type, nr, size) with a hex argument.
 */
#include <asm/ioctl.h>
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <inttypes.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* struct winsize of <asm/termios.h>, which clashes with <signal.h>. */
struct kernel_winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static void print_request(struct decode_ctx *d, unsigned req)
{
	const char *name = xlat_name(&xlat_ioctl_cmds, req);

	if (name) {
		strbuf_addstr(d->out, name);
		return;
	}
	strbuf_addstr(d->out, "_IOC(");
	decode_print_flags(d, &xlat_ioc_dirs, _IOC_DIR(req), "_IOC_???");
	strbuf_addf(d->out, ", %#x, %#x, %#x)", _IOC_TYPE(req), _IOC_NR(req),
		    _IOC_SIZE(req));
}

static void print_oflag(struct decode_ctx *d, uint64_t v)
{
	static const struct { const struct xlat *x; uint64_t mask; const char *dflt; } delays[] = {
		{ &xlat_term_nldly, NLDLY, "NL?" },
		{ &xlat_term_crdly, CRDLY, "CR?" },
		{ &xlat_term_tabdly, TABDLY, "TAB?" },
		{ &xlat_term_bsdly, BSDLY, "BS?" },
		{ &xlat_term_vtdly, VTDLY, "VT?" },
		{ &xlat_term_ffdly, FFDLY, "FF?" },
	};
	size_t i;

	for (i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		decode_print_xval(d, delays[i].x, v & delays[i].mask, delays[i].dflt);
		strbuf_addch(d->out, '|');
		v &= ~delays[i].mask;
	}
	decode_print_flags(d, &xlat_term_oflags, v, NULL);
}

static void print_cflag(struct decode_ctx *d, uint64_t v)
{
	decode_print_xval(d, &xlat_baud_options, v & CBAUD, "B???");
	strbuf_addch(d->out, '|');
	if (v & CIBAUD) {
		strbuf_addch(d->out, '(');
		decode_print_xval(d, &xlat_baud_options, (v & CIBAUD) >> IBSHIFT, "B???");
		strbuf_addstr(d->out, "<<IBSHIFT)|");
	}
	decode_print_xval(d, &xlat_term_csize, v & CSIZE, "CS?");
	v &= ~(uint64_t)(CBAUD | CIBAUD | CSIZE);
	if (v) {
		strbuf_addch(d->out, '|');
		decode_print_flags(d, &xlat_term_cflags, v, NULL);
	}
}

static void print_termios(struct decode_ctx *d, uint64_t addr)
{
	struct termios t;

	if (decode_fetch(d, addr, &t, sizeof(t)))
		return;
	strbuf_addstr(d->out, "{c_iflag=");
	decode_print_flags(d, &xlat_term_iflags, t.c_iflag, NULL);
	strbuf_addstr(d->out, ", c_oflag=");
	print_oflag(d, t.c_oflag);
	strbuf_addstr(d->out, ", c_cflag=");
	print_cflag(d, t.c_cflag);
	strbuf_addstr(d->out, ", c_lflag=");
	decode_print_flags(d, &xlat_term_lflags, t.c_lflag, NULL);
	strbuf_addstr(d->out, ", ...}");
}

static void print_winsize(struct decode_ctx *d, uint64_t addr)
{
	struct kernel_winsize ws;

	if (decode_fetch(d, addr, &ws, sizeof(ws)))
		return;
	strbuf_addf(d->out, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
		    ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);
}

static void print_int_ptr(struct decode_ctx *d, uint64_t addr)
{
	int v;

	if (!decode_fetch(d, addr, &v, sizeof(v)))
		strbuf_addf(d->out, "[%d]", v);
}

unsigned decode_sys_ioctl(struct decode_ctx *d)
{
	unsigned req = decode_arg_uint(d, 1);
	uint64_t arg = decode_arg_ulong(d, 2);

	if (d->exiting) {
		switch (req) {
		case TCGETS:
			print_termios(d, arg);
			break;
		case TIOCGWINSZ:
			print_winsize(d, arg);
			break;
		default:	/* FIONREAD, TIOCOUTQ, TIOCGPGRP, TIOCGSID, TIOCGPTN */
			print_int_ptr(d, arg);
			break;
		}
		return DECODE_RVAL_DECIMAL;
	}
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	print_request(d, req);
	switch (req) {
	case FIOCLEX: case FIONCLEX: case TIOCNOTTY: case TIOCEXCL: case TIOCNXCL:
		break;
	case TCGETS: case TIOCGWINSZ: case FIONREAD: case TIOCOUTQ:
	case TIOCGPGRP: case TIOCGSID: case TIOCGPTN:
		decode_sep(d);
		return 0;
	case TCSETS: case TCSETSW: case TCSETSF:
		decode_sep(d);
		print_termios(d, arg);
		break;
	case TIOCSWINSZ:
		decode_sep(d);
		print_winsize(d, arg);
		break;
	case FIONBIO: case FIOASYNC: case TIOCSPGRP: case TIOCSPTLCK:
		decode_sep(d);
		print_int_ptr(d, arg);
		break;
	case TIOCSCTTY: case TCSBRK: case TCXONC: case TCFLSH:
		decode_sep(d);
		strbuf_addf(d->out, "%d", (int)arg);
		break;
	default:
		decode_sep(d);
		strbuf_addf(d->out, "%#" PRIx64, arg);
		break;
	}
	return DECODE_RVAL_DECODED;
}
