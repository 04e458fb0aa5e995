/*
 * decode-sockaddr.c: struct sockaddr in strace's notation —
 * {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}.
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* -X raw, verbose: bytes of a field as "\x12\x34", then (verbose) abbrev as a comment. */
static void print_inet_field(struct decode_ctx *d, const void *p, size_t n, const char *abbrev)
{
	const unsigned char *b = p;
	struct strbuf raw = STRBUF_INIT;
	size_t i;

	if (d->o->xlat == STRACE_XLAT_ABBREV) {
		strbuf_addstr(d->out, abbrev);
		return;
	}
	strbuf_addch(&raw, '"');
	for (i = 0; i < n; i++)
		strbuf_addf(&raw, "\\x%02x", b[i]);
	strbuf_addch(&raw, '"');
	decode_print_styled(d, raw.buf, abbrev);
	strbuf_release(&raw);
}

static void print_inet(struct decode_ctx *d, const struct sockaddr_in *sin)
{
	char buf[INET_ADDRSTRLEN];
	struct strbuf v = STRBUF_INIT;

	inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf));
	strbuf_addf(&v, "htons(%u)", ntohs(sin->sin_port));
	strbuf_addstr(d->out, ", sin_port=");
	print_inet_field(d, &sin->sin_port, sizeof(sin->sin_port), v.buf);
	strbuf_reset(&v);
	strbuf_addf(&v, "inet_addr(\"%s\")", buf);
	strbuf_addstr(d->out, ", sin_addr=");
	print_inet_field(d, &sin->sin_addr, sizeof(sin->sin_addr), v.buf);
	strbuf_release(&v);
}

static void print_inet6(struct decode_ctx *d, const struct sockaddr_in6 *sin6)
{
	char buf[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf));
	strbuf_addf(d->out, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
		    "inet_pton(AF_INET6, \"%s\", &sin6_addr), sin6_scope_id=%u",
		    ntohs(sin6->sin6_port), ntohl(sin6->sin6_flowinfo), buf,
		    sin6->sin6_scope_id);
}

static void print_unix(struct decode_ctx *d, const struct sockaddr_un *sun, size_t len)
{
	size_t n = len - offsetof(struct sockaddr_un, sun_path);

	if (!n)
		return;		/* unnamed */
	strbuf_addstr(d->out, ", sun_path=");
	if (sun->sun_path[0] == '\0') {
		/* abstract: the name is all n - 1 bytes after the NUL */
		strbuf_addch(d->out, '@');
		decode_quote(d->out, (const unsigned char *)sun->sun_path + 1, n - 1, -1, 0, NULL);
	} else {
		decode_quote(d->out, (const unsigned char *)sun->sun_path,
			     strnlen(sun->sun_path, n), -1, 0, NULL);
	}
}

/* A sockaddr of len bytes at addr (len as the caller passed or got it). */
void decode_print_sockaddr(struct decode_ctx *d, uint64_t addr, int len)
{
	struct sockaddr_storage ss;
	size_t n;

	if (!addr) {
		strbuf_addstr(d->out, "NULL");
		return;
	}
	if (len < (int)sizeof(ss.ss_family)) {
		decode_print_addr(d, addr);
		return;
	}
	n = (size_t)len < sizeof(ss) ? (size_t)len : sizeof(ss);
	memset(&ss, 0, sizeof(ss));
	if (decode_fetch(d, addr, &ss, n))
		return;
	strbuf_addstr(d->out, "{sa_family=");
	decode_print_xval(d, &xlat_addrfams, ss.ss_family, "AF_???");
	switch (ss.ss_family) {
	case AF_INET:
		print_inet(d, (struct sockaddr_in *)&ss);
		break;
	case AF_INET6:
		print_inet6(d, (struct sockaddr_in6 *)&ss);
		break;
	case AF_UNIX:
		print_unix(d, (struct sockaddr_un *)&ss, n);
		break;
	case AF_NETLINK: {
		const struct sockaddr_nl *nl = (struct sockaddr_nl *)&ss;

		strbuf_addf(d->out, ", nl_pid=%u, nl_groups=%08x", nl->nl_pid, nl->nl_groups);
		break;
	}
	default:
		if (n > sizeof(ss.ss_family)) {
			strbuf_addstr(d->out, ", sa_data=");
			decode_quote(d->out, (const unsigned char *)&ss + sizeof(ss.ss_family),
				     n - sizeof(ss.ss_family), -1, 0, NULL);
		}
		break;
	}
	strbuf_addch(d->out, '}');
}
