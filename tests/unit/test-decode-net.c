/*
 * test-decode-net: sockets and socket addresses of every family we
 * decode, options, messages with control data.
 */
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>

#include "tap.h"
#include "decode-harness.h"

static void test_socket(void)
{
	int sv[2] = { 3, 4 };

	is_str(dec(3, SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_TCP),
	       "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, IPPROTO_TCP) = 3", "socket inet");
	is_str(dec(3, SYS_socket, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 3",
	       "socket netlink");
	is_str(dec(3, SYS_socket, AF_UNIX, SOCK_DGRAM, 0), "socket(AF_UNIX, SOCK_DGRAM, 0) = 3", "socket unix");
	is_str(dec(-EINVAL, SYS_socket, AF_INET6, 99, 0),
	       "socket(AF_INET6, 0x63 /* SOCK_??? */, IPPROTO_IP) = -1 EINVAL (Invalid argument)", "unknown type");
	is_str(dec(0, SYS_socketpair, AF_UNIX, SOCK_SEQPACKET, 0, sv), "socketpair(AF_UNIX, SOCK_SEQPACKET, 0, [3, 4]) = 0",
	       "socketpair");
	is_str(dec(0, SYS_listen, 3, 128), "listen(3, 128) = 0", "listen");
	is_str(dec(0, SYS_shutdown, 3, SHUT_RDWR), "shutdown(3, SHUT_RDWR) = 0", "shutdown");
}

static void test_addresses(void)
{
	struct sockaddr_in sin = { AF_INET, htons(80), { htonl(0x7f000001) }, { 0 } };
	struct sockaddr_in6 sin6;
	struct sockaddr_un sun;
	struct sockaddr_nl nl;
	struct sockaddr raw = { 12345, "ab" };
	socklen_t len;

	is_str(dec(0, SYS_connect, 3, &sin, sizeof(sin)),
	       "connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0", "AF_INET");
	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(443);
	inet_pton(AF_INET6, "2001:db8::1", &sin6.sin6_addr);
	is_str(dec(-ENETUNREACH, SYS_connect, 3, &sin6, sizeof(sin6)),
	       "connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
	       "inet_pton(AF_INET6, \"2001:db8::1\", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)",
	       "AF_INET6");
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/run/x.sock");
	is_str(dec(0, SYS_bind, 3, &sun, sizeof(sun)), "bind(3, {sa_family=AF_UNIX, sun_path=\"/run/x.sock\"}, 110) = 0",
	       "AF_UNIX path");
	memset(sun.sun_path, 0, sizeof(sun.sun_path));
	memcpy(sun.sun_path + 1, "abs\0x", 5);
	is_str(dec(0, SYS_bind, 3, &sun, offsetof(struct sockaddr_un, sun_path) + 6),
	       "bind(3, {sa_family=AF_UNIX, sun_path=@\"abs\\0x\"}, 8) = 0", "AF_UNIX abstract: the whole name");
	is_str(dec(0, SYS_bind, 3, &sun, 2), "bind(3, {sa_family=AF_UNIX}, 2) = 0", "AF_UNIX unnamed");
	memset(&nl, 0, sizeof(nl));
	nl.nl_family = AF_NETLINK;
	nl.nl_pid = 5;
	nl.nl_groups = 0x10;
	is_str(dec(0, SYS_bind, 3, &nl, sizeof(nl)), "bind(3, {sa_family=AF_NETLINK, nl_pid=5, nl_groups=00000010}, 12) = 0",
	       "AF_NETLINK");
	is_str(dec(-EAFNOSUPPORT, SYS_bind, 3, &raw, 4),
	       "bind(3, {sa_family=0x3039 /* AF_??? */, sa_data=\"ab\"}, 4) = -1 EAFNOSUPPORT (Address family not supported by protocol)",
	       "unknown family: raw data");
	is_str(dec(-EINVAL, SYS_bind, 3, &sin, 1), fmt("bind(3, %p, 1) = -1 EINVAL (Invalid argument)", (void *)&sin),
	       "too short: address");
	is_str(dec(-EFAULT, SYS_connect, 3, harness_bad_addr(), 16),
	       fmt("connect(3, %#llx, 16) = -1 EFAULT (Bad address)", (unsigned long long)harness_bad_addr()), "unreadable");
	len = 16;
	is_str(dec(0, SYS_getsockname, 3, &sin, &len),
	       "getsockname(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 0",
	       "getsockname");
	is_str(dec(-ENOTCONN, SYS_getpeername, 3, &sin, &len),
	       fmt("getpeername(3, %p, [16]) = -1 ENOTCONN (Transport endpoint is not connected)", (void *)&sin),
	       "getpeername failing");
	is_str(dec(5, SYS_accept, 3, NULL, NULL), "accept(3, NULL, NULL) = 5", "accept without address");
}

/* accept4 where the kernel shrinks *addrlen: "[128 => 16]" */
static void test_len_change(void)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	socklen_t len = sizeof(ss);
	struct decode_call c = { 0 };

	memset(&ss, 0, sizeof(ss));
	c.abi = DECODE_ABI_X86_64;
	c.nr = SYS_accept4;
	c.args[0] = 3;
	c.args[1] = (uintptr_t)&ss;
	c.args[2] = (uintptr_t)&len;
	c.args[3] = SOCK_CLOEXEC;
	strbuf_reset(&harness_line);
	decode_enter(&harness_opts, &harness_mem, &c, &harness_line);
	/* the kernel fills in the peer */
	sin->sin_family = AF_INET;
	sin->sin_port = htons(40000);
	sin->sin_addr.s_addr = htonl(0x0a000001);
	len = sizeof(*sin);
	c.rval = 4;
	decode_exit(&harness_opts, &harness_mem, &c, &harness_line);
	is_str(harness_line.buf,
	       "accept4(3, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr(\"10.0.0.1\")}, [128 => 16], SOCK_CLOEXEC) = 4",
	       "accept4: length in => out, flags");
}

static void test_data(void)
{
	int one = 1, err = 111, fd = 7;
	socklen_t len = 4;
	struct linger lg = { 1, 5 };
	char buf[16] = "pong";
	struct iovec iov = { buf, sizeof(buf) };
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } ctl;
	struct msghdr msg;

	is_str(dec(0, SYS_setsockopt, 3, SOL_SOCKET, SO_REUSEADDR, &one, 4),
	       "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0", "setsockopt int");
	is_str(dec(0, SYS_setsockopt, 3, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)),
	       "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0", "SO_LINGER");
	is_str(dec(0, SYS_setsockopt, 3, SOL_TCP, TCP_CONGESTION, "cubic", 5),
	       "setsockopt(3, SOL_TCP, TCP_CONGESTION, \"cubic\", 5) = 0", "string option");
	is_str(dec(-ENOPROTOOPT, SYS_setsockopt, 3, 999, 5, &one, 4),
	       "setsockopt(3, 0x3e7 /* SOL_??? */, 5, [1], 4) = -1 ENOPROTOOPT (Protocol not available)", "unknown level");
	is_str(dec(0, SYS_getsockopt, 3, SOL_SOCKET, SO_ERROR, &err, &len),
	       "getsockopt(3, SOL_SOCKET, SO_ERROR, [111], [4]) = 0", "getsockopt");
	is_str(dec(4, SYS_sendto, 3, "ping", 4, MSG_DONTWAIT | MSG_NOSIGNAL, NULL, 0),
	       "sendto(3, \"ping\", 4, MSG_DONTWAIT|MSG_NOSIGNAL, NULL, 0) = 4", "sendto");
	is_str(dec(4, SYS_recvfrom, 3, buf, sizeof(buf), MSG_PEEK, NULL, NULL),
	       "recvfrom(3, \"pong\", 16, MSG_PEEK, NULL, NULL) = 4", "recvfrom");
	is_str(dec(-EAGAIN, SYS_recvfrom, 3, buf, sizeof(buf), 0, NULL, NULL),
	       fmt("recvfrom(3, %p, 16, 0, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)", (void *)buf),
	       "recvfrom failing");

	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.b;
	msg.msg_controllen = sizeof(ctl.b);
	ctl.h.cmsg_len = CMSG_LEN(sizeof(int));
	ctl.h.cmsg_level = SOL_SOCKET;
	ctl.h.cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(&ctl.h), &fd, sizeof(fd));
	is_str(dec(16, SYS_sendmsg, 3, &msg, 0),
	       "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"pong\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\", iov_len=16}], "
	       "msg_iovlen=1, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[7]}], "
	       "msg_controllen=24, msg_flags=0}, 0) = 16", "sendmsg with SCM_RIGHTS");
	msg.msg_control = NULL;
	msg.msg_controllen = 0;
	is_str(dec(2, SYS_recvmsg, 3, &msg, MSG_WAITALL),
	       "recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"po\", iov_len=16}], msg_iovlen=1, "
	       "msg_controllen=0, msg_flags=0}, MSG_WAITALL) = 2", "recvmsg shows rval bytes");
}

int main(void)
{
	test_socket();
	test_addresses();
	test_len_change();
	test_data();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
