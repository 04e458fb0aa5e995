/* golden: sockets — AF_UNIX and AF_INET loopback, addresses, options,
 * messages with file descriptors. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "golden.h"

int main(void)
{
	struct sockaddr_in sin, peer;
	struct sockaddr_un sun;
	socklen_t len;
	int one = 1, sv[2], s, c, a;
	char buf[64];
	struct msghdr msg;
	struct iovec iov;
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } ctl;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "golden.sock");	/* in the fresh cwd */
	golden_bad_addr();
	GOLDEN_BEGIN();
	s = syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
	syscall(SYS_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	syscall(SYS_setsockopt, s, SOL_TCP, TCP_NODELAY, &one, sizeof(one));
	syscall(SYS_bind, s, &sin, sizeof(sin));
	syscall(SYS_listen, s, 5);
	len = sizeof(sin);
	syscall(SYS_getsockname, s, &sin, &len);
	c = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	syscall(SYS_connect, c, &sin, sizeof(sin));
	len = sizeof(peer) + 4;
	a = syscall(SYS_accept4, s, &peer, &len, SOCK_CLOEXEC);
	syscall(SYS_sendto, c, "ping\n", 5, MSG_NOSIGNAL, NULL, 0);
	syscall(SYS_recvfrom, a, buf, sizeof(buf), 0, NULL, NULL);
	len = sizeof(one);
	syscall(SYS_getsockopt, a, SOL_SOCKET, SO_ERROR, &one, &len);
	syscall(SYS_shutdown, c, SHUT_WR);
	syscall(SYS_connect, c, golden_bad_addr(), 16);
	syscall(SYS_socket, AF_INET6, SOCK_DGRAM, 0);
	syscall(SYS_socket, 12345, SOCK_RAW, 0);

	syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = "fd";
	iov.iov_len = 2;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.b;
	msg.msg_controllen = sizeof(ctl.b);
	ctl.h.cmsg_level = SOL_SOCKET;
	ctl.h.cmsg_type = SCM_RIGHTS;
	ctl.h.cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(&ctl.h), &s, sizeof(int));
	syscall(SYS_sendmsg, sv[0], &msg, 0);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	syscall(SYS_recvmsg, sv[1], &msg, MSG_CMSG_CLOEXEC);
	c = syscall(SYS_socket, AF_UNIX, SOCK_DGRAM, 0);
	syscall(SYS_bind, c, &sun, sizeof(sun));
	syscall(SYS_unlink, "golden.sock");
	GOLDEN_END();
	return 0;
}
