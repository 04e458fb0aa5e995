/*
 * decode-poll.c: waiting on descriptors — poll, ppoll, select,
 * pselect6, epoll_*, eventfd.
 */
#include <inttypes.h>
#include <linux/eventpoll.h>
#include <poll.h>
#include <stdlib.h>

#include "decode-priv.h"
#include "xlat-tables.h"

static int print_pollfd(struct decode_ctx *d, void *elem, size_t size, void *opaque)
{
	const struct pollfd *p = elem;

	strbuf_addstr(d->out, "{fd=");
	decode_print_fd(d, p->fd);
	strbuf_addstr(d->out, ", events=");
	decode_print_flags(d, &xlat_poll_events, (unsigned short)p->events, "POLL???");
	strbuf_addch(d->out, '}');
	return 0;
}

/* At exit: " ([{fd=3, revents=POLLIN}], left {...})" or " (Timeout)". */
static void poll_aux(struct decode_ctx *d, int ts_arg)
{
	uint64_t addr = decode_arg_ulong(d, 0), i;
	unsigned nfds = decode_arg_uint(d, 1), printed = 0;
	struct strbuf *saved;
	struct pollfd p;
	int any = 0;

	if (d->c->is_error)
		return;
	if (d->c->rval == 0) {
		strbuf_addstr(&d->aux, "Timeout");
		return;
	}
	saved = decode_aux_begin(d);
	for (i = 0; addr && i < nfds; i++) {
		if (decode_read(d, addr + i * sizeof(p), &p, sizeof(p)) < 0) {
			strbuf_addstr(d->out, any ? ", " : "[");
			strbuf_addf(d->out, "%#" PRIx64, addr + i * sizeof(p));
			any = 1;
			break;
		}
		if (!p.revents)
			continue;
		strbuf_addstr(d->out, any ? ", " : "[");
		any = 1;
		if (printed + 1 > d->o->string_limit || !decode_line_room(d, 1)) {
			strbuf_addstr(d->out, "...");
			break;
		}
		strbuf_addf(d->out, "{fd=%d, revents=", p.fd);
		decode_print_flags(d, &xlat_poll_events, (unsigned short)p.revents, NULL);
		strbuf_addch(d->out, '}');
		printed++;
	}
	if (any)
		strbuf_addch(d->out, ']');
	if (ts_arg >= 0 && decode_arg_ulong(d, ts_arg)) {
		strbuf_addstr(d->out, any ? ", left " : "left ");
		decode_print_timespec(d, decode_arg_ulong(d, ts_arg));
	}
	decode_aux_end(d, saved);
}

unsigned decode_sys_poll(struct decode_ctx *d)
{
	struct pollfd p;

	if (!d->exiting) {
		decode_print_array(d, decode_arg_ulong(d, 0), decode_arg_uint(d, 1),
				   &p, sizeof(p), print_pollfd, NULL, 0);
		strbuf_addf(d->out, ", %u, %d", decode_arg_uint(d, 1), decode_arg_int(d, 2));
		return 0;
	}
	poll_aux(d, -1);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_ppoll(struct decode_ctx *d)
{
	struct pollfd p;

	if (!d->exiting) {
		decode_print_array(d, decode_arg_ulong(d, 0), decode_arg_uint(d, 1),
				   &p, sizeof(p), print_pollfd, NULL, 0);
		strbuf_addf(d->out, ", %u, ", decode_arg_uint(d, 1));
		if (decode_arg_ulong(d, 2))
			decode_print_timespec(d, decode_arg_ulong(d, 2));
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		if (decode_arg_ulong(d, 3))
			decode_print_sigset(d, decode_arg_ulong(d, 3), decode_arg_ulong(d, 4));
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		decode_print_arg_ulong(d, 4);
		return 0;
	}
	poll_aux(d, 2);
	return DECODE_RVAL_DECIMAL;
}

/* An fd_set of nfds bits: [3 5] */
static void print_fdset(struct decode_ctx *d, uint64_t addr, int nfds)
{
	unsigned char *buf;
	unsigned ws = decode_long_size(d);
	size_t size = (((size_t)nfds + 7) / 8 + ws - 1) & ~(size_t)(ws - 1);
	const char *sep = "";
	int i;

	if (!size) {
		decode_print_addr(d, addr);
		return;
	}
	buf = xmalloc(size);
	if (!decode_fetch(d, addr, buf, size)) {
		strbuf_addch(d->out, '[');
		for (i = 0; i < nfds; i++) {
			if (buf[i / 8] & (1u << (i % 8))) {
				strbuf_addstr(d->out, sep);
				decode_print_fd(d, i);
				sep = " ";
			}
		}
		strbuf_addch(d->out, ']');
	}
	free(buf);
}

static int select_nfds(struct decode_ctx *d)
{
	int nfds = decode_arg_int(d, 0);

	return nfds < 0 ? 0 : nfds > 1024 * 1024 ? 1024 * 1024 : nfds;
}

/* At exit: " (in [3], out [4], left {...})" or " (Timeout)". */
static void select_aux(struct decode_ctx *d, int is_timespec)
{
	static const char *const names[] = { "in", "out", "except" };
	unsigned char *buf;
	int nfds = select_nfds(d), ready = (int)d->c->rval, i, j;
	unsigned ws = decode_long_size(d);
	size_t size = (((size_t)nfds + 7) / 8 + ws - 1) & ~(size_t)(ws - 1);
	const char *sep = "";
	struct strbuf *saved;

	if (d->c->is_error)
		return;
	if (ready == 0) {
		strbuf_addstr(&d->aux, "Timeout");
		return;
	}
	saved = decode_aux_begin(d);
	buf = xmalloc(size ? size : 1);
	for (i = 0; i < 3 && ready > 0; i++) {
		uint64_t addr = decode_arg_ulong(d, i + 1);
		int first = 1;

		if (!addr || !size || decode_read(d, addr, buf, size) < 0)
			continue;
		for (j = 0; j < nfds && ready > 0; j++) {
			if (!(buf[j / 8] & (1u << (j % 8))))
				continue;
			if (first) {
				strbuf_addf(d->out, "%s%s [%d", sep, names[i], j);
				first = 0;
				sep = ", ";
			} else {
				strbuf_addf(d->out, " %d", j);
			}
			ready--;
		}
		if (!first)
			strbuf_addch(d->out, ']');
	}
	free(buf);
	if (decode_arg_ulong(d, 4)) {
		strbuf_addf(d->out, "%sleft ", sep);
		if (is_timespec) {
			decode_print_timespec(d, decode_arg_ulong(d, 4));
		} else {
			int64_t tv[2];

			if (!decode_read(d, decode_arg_ulong(d, 4), tv, sizeof(tv)))
				strbuf_addf(d->out, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}",
					    tv[0], tv[1]);
		}
	}
	decode_aux_end(d, saved);
}

static void select_enter(struct decode_ctx *d)
{
	int nfds = select_nfds(d), i;

	decode_print_arg_int(d, 0);
	for (i = 1; i <= 3; i++) {
		decode_sep(d);
		print_fdset(d, decode_arg_ulong(d, i), nfds);
	}
	decode_sep(d);
}

unsigned decode_sys_select(struct decode_ctx *d)
{
	if (d->c->abi == DECODE_ABI_I386 || decode_long_size(d) == 4) {
		/* old_select / 32-bit timeval: raw */
		decode_print_raw_args(d, 0);
		return DECODE_RVAL_DECODED;
	}
	if (!d->exiting) {
		int64_t tv[2];

		select_enter(d);
		if (!decode_arg_ulong(d, 4))
			strbuf_addstr(d->out, "NULL");
		else if (!decode_fetch(d, decode_arg_ulong(d, 4), tv, sizeof(tv)))
			strbuf_addf(d->out, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", tv[0], tv[1]);
		return 0;
	}
	select_aux(d, 0);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_pselect6(struct decode_ctx *d)
{
	if (!d->exiting) {
		uint64_t sm[2];

		select_enter(d);
		if (decode_arg_ulong(d, 4))
			decode_print_timespec(d, decode_arg_ulong(d, 4));
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		/* the 6th argument points to {const sigset_t *ss; size_t ss_len} */
		if (!decode_arg_ulong(d, 5)) {
			strbuf_addstr(d->out, "NULL");
		} else if (decode_long_size(d) == 8 &&
			   !decode_fetch(d, decode_arg_ulong(d, 5), sm, sizeof(sm))) {
			strbuf_addstr(d->out, "{sigmask=");
			if (sm[0])
				decode_print_sigset(d, sm[0], sm[1]);
			else
				strbuf_addstr(d->out, "NULL");
			strbuf_addf(d->out, ", sigsetsize=%" PRIu64 "}", sm[1]);
		} else if (decode_long_size(d) != 8) {
			decode_print_arg_addr(d, 5);
		}
		return 0;
	}
	select_aux(d, 1);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_epoll_create(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_epoll_create1(struct decode_ctx *d)
{
	decode_print_flags(d, &xlat_epoll_flags, decode_arg_uint(d, 0), "EPOLL_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

/* struct epoll_event is packed on x86-64: 4 + 8 bytes. */
struct kernel_epoll_event {
	uint32_t events;
	uint64_t data;
} __attribute__((packed));

static int print_epoll_event(struct decode_ctx *d, void *elem, size_t size, void *opaque)
{
	const struct kernel_epoll_event *e = elem;

	strbuf_addstr(d->out, "{events=");
	decode_print_flags(d, &xlat_epoll_events, e->events, "EPOLL???");
	strbuf_addf(d->out, ", data={u32=%u, u64=%" PRIu64 "}}", (uint32_t)e->data, e->data);
	return 0;
}

unsigned decode_sys_epoll_ctl(struct decode_ctx *d)
{
	struct kernel_epoll_event e;
	unsigned op = decode_arg_uint(d, 1);

	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_xval(d, &xlat_epoll_ctl_ops, op, "EPOLL_CTL_???");
	decode_sep(d);
	decode_print_fd(d, decode_arg_int(d, 2));
	decode_sep(d);
	if (op == EPOLL_CTL_DEL && !decode_arg_ulong(d, 3))
		strbuf_addstr(d->out, "NULL");
	else if (!decode_fetch(d, decode_arg_ulong(d, 3), &e, sizeof(e)))
		print_epoll_event(d, &e, sizeof(e), NULL);
	return DECODE_RVAL_DECODED;
}

/* epoll_wait(epfd, events, maxevents, timeout): the ready events at exit */
static unsigned epoll_wait_common(struct decode_ctx *d)
{
	struct kernel_epoll_event e;

	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	if (d->c->is_error || d->c->rval < 0)
		decode_print_arg_addr(d, 1);
	else
		decode_print_array(d, decode_arg_ulong(d, 1), (uint64_t)d->c->rval,
				   &e, sizeof(e), print_epoll_event, NULL, 0);
	strbuf_addf(d->out, ", %d, %d", decode_arg_int(d, 2), decode_arg_int(d, 3));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_epoll_wait(struct decode_ctx *d)
{
	return epoll_wait_common(d);
}

unsigned decode_sys_epoll_pwait(struct decode_ctx *d)
{
	unsigned rv = epoll_wait_common(d);

	if (!d->exiting)
		return rv;
	decode_sep(d);
	if (decode_arg_ulong(d, 4))
		decode_print_sigset(d, decode_arg_ulong(d, 4), decode_arg_ulong(d, 5));
	else
		strbuf_addstr(d->out, "NULL");
	decode_sep(d);
	decode_print_arg_ulong(d, 5);
	return rv;
}

unsigned decode_sys_eventfd(struct decode_ctx *d)
{
	decode_print_arg_uint(d, 0);
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_eventfd2(struct decode_ctx *d)
{
	decode_print_arg_uint(d, 0);
	decode_sep(d);
	decode_print_flags(d, &xlat_efd_flags, decode_arg_uint(d, 1), "EFD_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}
