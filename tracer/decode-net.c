/*
 * decode-net.c: sockets — socket, socketpair, bind, connect, listen,
 * accept, accept4, getsockname, getpeername, sendto, recvfrom,
 * sendmsg, recvmsg, shutdown, setsockopt, getsockopt.
 */
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "decode-priv.h"
#include "xlat-tables.h"

#define NO_LEN UINT64_MAX

static void print_type(struct decode_ctx *d, unsigned type)
{
	const unsigned mask = SOCK_CLOEXEC | SOCK_NONBLOCK;

	decode_print_xval(d, &xlat_socktypes, type & ~mask, "SOCK_???");
	if (type & mask) {
		strbuf_addch(d->out, '|');
		decode_print_flags(d, &xlat_sock_type_flags, type & mask, NULL);
	}
}

static void print_protocol(struct decode_ctx *d, int family, int proto)
{
	switch (family) {
	case AF_INET: case AF_INET6:
		decode_print_xval(d, &xlat_inet_protocols, (unsigned)proto, "IPPROTO_???");
		break;
	case AF_NETLINK:
		decode_print_xval(d, &xlat_netlink_protocols, (unsigned)proto, "NETLINK_???");
		break;
	default:
		strbuf_addf(d->out, "%d", proto);
		break;
	}
}

unsigned decode_sys_socket(struct decode_ctx *d)
{
	decode_print_xval(d, &xlat_addrfams, decode_arg_uint(d, 0), "AF_???");
	decode_sep(d);
	print_type(d, decode_arg_uint(d, 1));
	decode_sep(d);
	print_protocol(d, decode_arg_int(d, 0), decode_arg_int(d, 2));
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_socketpair(struct decode_ctx *d)
{
	int sv[2];

	if (!d->exiting) {
		decode_print_xval(d, &xlat_addrfams, decode_arg_uint(d, 0), "AF_???");
		decode_sep(d);
		print_type(d, decode_arg_uint(d, 1));
		decode_sep(d);
		print_protocol(d, decode_arg_int(d, 0), decode_arg_int(d, 2));
		decode_sep(d);
		return 0;
	}
	if (!decode_fetch(d, decode_arg_ulong(d, 3), sv, sizeof(sv))) {
		strbuf_addch(d->out, '[');
		decode_print_fd(d, sv[0]);
		decode_sep(d);
		decode_print_fd(d, sv[1]);
		strbuf_addch(d->out, ']');
	}
	return DECODE_RVAL_DECIMAL;
}

/* bind, connect: fd, addr, addrlen */
unsigned decode_sys_bind(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_sockaddr(d, decode_arg_ulong(d, 1), decode_arg_int(d, 2));
	decode_sep(d);
	decode_print_arg_uint(d, 2);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_listen(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_arg_int(d, 1);
	return DECODE_RVAL_DECODED;
}

/* Remember *addrlen at entry (for "[128 => 16]" at exit). */
static uint64_t save_len(struct decode_ctx *d, int arg)
{
	int len;

	if (decode_read(d, decode_arg_ulong(d, arg), &len, sizeof(len)) < 0)
		return NO_LEN;
	return (uint32_t)len;
}

/* At exit: the address and its length, "{...}, [16]" or "[128 => 16]" */
static void print_addr_and_len(struct decode_ctx *d, int addr_arg, int len_arg)
{
	uint64_t in = d->c->scratch[0];
	uint64_t lenp = decode_arg_ulong(d, len_arg);
	int out;

	if (!decode_arg_ulong(d, addr_arg) || !lenp) {
		decode_print_arg_addr(d, addr_arg);
		decode_sep(d);
		decode_print_addr(d, lenp);
		return;
	}
	if (d->c->is_error || in == NO_LEN ||
	    decode_read(d, lenp, &out, sizeof(out)) < 0) {
		decode_print_arg_addr(d, addr_arg);
		decode_sep(d);
		if (in == NO_LEN)
			decode_print_addr(d, lenp);
		else
			strbuf_addf(d->out, "[%u]", (unsigned)in);
		return;
	}
	decode_print_sockaddr(d, decode_arg_ulong(d, addr_arg),
			      (unsigned)out < in ? out : (int)in);
	if ((unsigned)out == in)
		strbuf_addf(d->out, ", [%d]", out);
	else
		strbuf_addf(d->out, ", [%u => %d]", (unsigned)in, out);
}

/* accept(fd, addr, addrlen), getsockname, getpeername */
unsigned decode_sys_getsockname(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		d->c->scratch[0] = save_len(d, 2);
		return 0;
	}
	print_addr_and_len(d, 1, 2);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_accept(struct decode_ctx *d)
{
	decode_sys_getsockname(d);
	return d->exiting ? DECODE_RVAL_FD : 0;
}

unsigned decode_sys_accept4(struct decode_ctx *d)
{
	decode_sys_getsockname(d);
	if (!d->exiting)
		return 0;
	decode_sep(d);
	decode_print_flags(d, &xlat_sock_type_flags, decode_arg_uint(d, 3), "SOCK_???");
	return DECODE_RVAL_FD;
}

unsigned decode_sys_sendto(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_buf(d, decode_arg_ulong(d, 1), decode_arg_ulong(d, 2));
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	decode_sep(d);
	decode_print_flags(d, &xlat_msg_flags, decode_arg_uint(d, 3), "MSG_???");
	decode_sep(d);
	decode_print_sockaddr(d, decode_arg_ulong(d, 4), decode_arg_int(d, 5));
	decode_sep(d);
	decode_print_arg_uint(d, 5);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_recvfrom(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		d->c->scratch[0] = save_len(d, 5);
		return 0;
	}
	if (d->c->is_error)
		decode_print_arg_addr(d, 1);
	else
		decode_print_buf(d, decode_arg_ulong(d, 1), (uint64_t)d->c->rval);
	decode_sep(d);
	decode_print_arg_ulong(d, 2);
	decode_sep(d);
	decode_print_flags(d, &xlat_msg_flags, decode_arg_uint(d, 3), "MSG_???");
	decode_sep(d);
	print_addr_and_len(d, 4, 5);
	return DECODE_RVAL_DECIMAL;
}

/* struct msghdr of the tracee's word size */
struct msg {
	uint64_t name, namelen, iov, iovlen, control, controllen, flags;
};

static int fetch_msghdr(struct decode_ctx *d, uint64_t addr, struct msg *m)
{
	if (decode_long_size(d) == 8) {
		struct msghdr h;

		if (decode_fetch(d, addr, &h, sizeof(h)))
			return -1;
		m->name = (uintptr_t)h.msg_name;
		m->namelen = h.msg_namelen;
		m->iov = (uintptr_t)h.msg_iov;
		m->iovlen = h.msg_iovlen;
		m->control = (uintptr_t)h.msg_control;
		m->controllen = h.msg_controllen;
		m->flags = (unsigned)h.msg_flags;
	} else {
		uint32_t h[7];

		if (decode_fetch(d, addr, h, sizeof(h)))
			return -1;
		m->name = h[0];
		m->namelen = h[1];
		m->iov = h[2];
		m->iovlen = h[3];
		m->control = h[4];
		m->controllen = h[5];
		m->flags = h[6];
	}
	return 0;
}

/* Control messages, x86-64 layout: SCM_RIGHTS fds, SCM_CREDENTIALS. */
static void print_cmsgs(struct decode_ctx *d, uint64_t addr, uint64_t len)
{
	unsigned char buf[1024];
	size_t n = len < sizeof(buf) ? (size_t)len : sizeof(buf), off = 0;
	const char *sep = "[";

	if (decode_long_size(d) != 8 || decode_fetch(d, addr, buf, n)) {
		if (decode_long_size(d) != 8)
			decode_print_addr(d, addr);
		return;
	}
	while (off + sizeof(struct cmsghdr) <= n) {
		struct cmsghdr c;
		size_t data_len, i;

		memcpy(&c, buf + off, sizeof(c));
		strbuf_addf(d->out, "%s{cmsg_len=%zu, cmsg_level=", sep, (size_t)c.cmsg_len);
		sep = ", ";
		decode_print_xval(d, &xlat_socket_levels, (unsigned)c.cmsg_level, "SOL_???");
		strbuf_addstr(d->out, ", cmsg_type=");
		if (c.cmsg_level == SOL_SOCKET)
			decode_print_xval(d, &xlat_scm_types, (unsigned)c.cmsg_type, "SCM_???");
		else
			strbuf_addf(d->out, "%#x", (unsigned)c.cmsg_type);
		if (c.cmsg_len < sizeof(c) || off + c.cmsg_len > n) {
			strbuf_addstr(d->out, ", ...}");
			break;
		}
		data_len = c.cmsg_len - CMSG_LEN(0);
		strbuf_addstr(d->out, ", cmsg_data=");
		if (c.cmsg_level == SOL_SOCKET && c.cmsg_type == SCM_RIGHTS) {
			for (i = 0; i + sizeof(int) <= data_len; i += sizeof(int)) {
				int fd;

				memcpy(&fd, buf + off + CMSG_LEN(0) + i, sizeof(fd));
				strbuf_addstr(d->out, i ? ", " : "[");
				decode_print_fd(d, fd);
			}
			strbuf_addstr(d->out, i ? "]" : "[]");
		} else if (c.cmsg_level == SOL_SOCKET && c.cmsg_type == SCM_CREDENTIALS &&
			   data_len >= sizeof(struct ucred)) {
			struct ucred u;

			memcpy(&u, buf + off + CMSG_LEN(0), sizeof(u));
			strbuf_addf(d->out, "{pid=%d, uid=%u, gid=%u}", u.pid, u.uid, u.gid);
		} else {
			decode_quote(d->out, buf + off + CMSG_LEN(0), data_len, -1, 0, NULL);
		}
		strbuf_addch(d->out, '}');
		off += CMSG_ALIGN(c.cmsg_len);
	}
	strbuf_addstr(d->out, sep[0] == '[' ? "[]" : "]");
}

/* {msg_name=..., msg_iov=[...], ...}; data_size limits the iov bytes. */
static void print_msghdr(struct decode_ctx *d, uint64_t addr, uint64_t data_size)
{
	struct msg m;

	if (fetch_msghdr(d, addr, &m))
		return;
	strbuf_addstr(d->out, "{msg_name=");
	decode_print_sockaddr(d, m.name, (int)m.namelen);
	strbuf_addf(d->out, ", msg_namelen=%u, msg_iov=", (unsigned)m.namelen);
	decode_print_iov(d, m.iov, m.iovlen, data_size, 0);
	strbuf_addf(d->out, ", msg_iovlen=%" PRIu64, m.iovlen);
	if (m.controllen) {
		strbuf_addstr(d->out, ", msg_control=");
		print_cmsgs(d, m.control, m.controllen);
	}
	strbuf_addf(d->out, ", msg_controllen=%" PRIu64 ", msg_flags=", m.controllen);
	decode_print_flags(d, &xlat_msg_flags, m.flags, "MSG_???");
	strbuf_addch(d->out, '}');
}

unsigned decode_sys_sendmsg(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	print_msghdr(d, decode_arg_ulong(d, 1), UINT64_MAX);
	decode_sep(d);
	decode_print_flags(d, &xlat_msg_flags, decode_arg_uint(d, 2), "MSG_???");
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_recvmsg(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	if (d->c->is_error)
		decode_print_arg_addr(d, 1);
	else
		print_msghdr(d, decode_arg_ulong(d, 1), (uint64_t)d->c->rval);
	decode_sep(d);
	decode_print_flags(d, &xlat_msg_flags, decode_arg_uint(d, 2), "MSG_???");
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_shutdown(struct decode_ctx *d)
{
	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_xval(d, &xlat_shutdown_modes, decode_arg_uint(d, 1), "SHUT_???");
	return DECODE_RVAL_DECODED;
}

static void print_level_name(struct decode_ctx *d, int level, unsigned name)
{
	decode_print_xval(d, &xlat_socket_levels, (unsigned)level, "SOL_???");
	decode_sep(d);
	switch (level) {
	case SOL_SOCKET:
		decode_print_xval(d, &xlat_sock_options, name, "SO_???");
		break;
	case SOL_TCP:
		decode_print_xval(d, &xlat_tcp_options, name, "TCP_???");
		break;
	case SOL_IP:
		decode_print_xval(d, &xlat_ip_options, name, "IP_???");
		break;
	case SOL_IPV6:
		decode_print_xval(d, &xlat_ipv6_options, name, "IPV6_???");
		break;
	default:
		strbuf_addf(d->out, "%u", name);
		break;
	}
}

/* An option value of len bytes: [int] when it is an int, else bytes. */
static void print_optval(struct decode_ctx *d, int level, unsigned name,
			 uint64_t addr, uint64_t len)
{
	if (level == SOL_SOCKET && name == SO_LINGER && len >= sizeof(struct linger)) {
		struct linger l;

		if (!decode_fetch(d, addr, &l, sizeof(l)))
			strbuf_addf(d->out, "{l_onoff=%d, l_linger=%d}", l.l_onoff, l.l_linger);
		return;
	}
	if (len == sizeof(int)) {
		int v;

		if (!decode_fetch(d, addr, &v, sizeof(v)))
			strbuf_addf(d->out, "[%d]", v);
		return;
	}
	if (decode_failed(d))
		decode_print_addr(d, addr);
	else
		decode_print_buf(d, addr, len);
}

unsigned decode_sys_setsockopt(struct decode_ctx *d)
{
	int level = decode_arg_int(d, 1);
	unsigned name = decode_arg_uint(d, 2);

	decode_print_fd(d, decode_arg_int(d, 0));
	decode_sep(d);
	print_level_name(d, level, name);
	decode_sep(d);
	print_optval(d, level, name, decode_arg_ulong(d, 3), decode_arg_uint(d, 4));
	decode_sep(d);
	decode_print_arg_uint(d, 4);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_getsockopt(struct decode_ctx *d)
{
	int level = decode_arg_int(d, 1);
	unsigned name = decode_arg_uint(d, 2);
	int len;

	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		print_level_name(d, level, name);
		decode_sep(d);
		d->c->scratch[0] = save_len(d, 4);
		return 0;
	}
	if (d->c->is_error || decode_read(d, decode_arg_ulong(d, 4), &len, sizeof(len)) < 0) {
		decode_print_arg_addr(d, 3);
		decode_sep(d);
		if (d->c->scratch[0] == NO_LEN)
			decode_print_arg_addr(d, 4);
		else
			strbuf_addf(d->out, "[%u]", (unsigned)d->c->scratch[0]);
		return DECODE_RVAL_DECIMAL;
	}
	print_optval(d, level, name, decode_arg_ulong(d, 3), (unsigned)len);
	if ((unsigned)len == d->c->scratch[0])
		strbuf_addf(d->out, ", [%d]", len);
	else
		strbuf_addf(d->out, ", [%u => %d]", (unsigned)d->c->scratch[0], len);
	return DECODE_RVAL_DECIMAL;
}
