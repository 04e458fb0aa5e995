/* golden: time, polling and futexes. */
#include <linux/futex.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <time.h>

#include "golden.h"

int main(void)
{
	struct timespec ts = { 0, 1000 }, res;
	struct pollfd pfd[2];
	struct epoll_event ev = { EPOLLIN | EPOLLET, { .u64 = 42 } }, out[4];
	fd_set rfds;
	uint32_t futex = 1;
	int efd, ep, fds[2];

	syscall(SYS_pipe2, fds, 0);
	golden_bad_addr();
	GOLDEN_BEGIN();
	syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res);
	syscall(SYS_clock_gettime, 12345, &res);
	syscall(SYS_nanosleep, &ts, NULL);
	syscall(SYS_clock_nanosleep, CLOCK_REALTIME, 0, &ts, &res);
	syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, golden_bad_addr(), NULL);
	pfd[0].fd = fds[0];
	pfd[0].events = POLLIN | POLLPRI;
	pfd[1].fd = fds[1];
	pfd[1].events = POLLOUT;
	syscall(SYS_poll, pfd, 2, 0);
	syscall(SYS_poll, pfd, 1, 0);
	FD_ZERO(&rfds);
	FD_SET(fds[0], &rfds);
	syscall(SYS_write, fds[1], "x", 1);
	syscall(SYS_poll, pfd, 2, 100);
	syscall(SYS_select, fds[0] + 1, &rfds, NULL, NULL, NULL);
	efd = syscall(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_NONBLOCK);
	ep = syscall(SYS_epoll_create1, EPOLL_CLOEXEC);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, efd, &ev);
	syscall(SYS_epoll_wait, ep, out, 4, 0);
	syscall(SYS_epoll_ctl, ep, EPOLL_CTL_DEL, efd, NULL);
	syscall(SYS_epoll_wait, ep, out, 4, 0);
	syscall(SYS_futex, &futex, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	syscall(SYS_futex, &futex, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
	syscall(SYS_futex, &futex, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 2, &ts, NULL, FUTEX_BITSET_MATCH_ANY);
	syscall(SYS_futex, &futex, FUTEX_WAKE_OP_PRIVATE, 1, 1, &futex, FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1));
	syscall(SYS_futex, golden_bad_addr(), 99, 0, NULL, NULL, 0);
	GOLDEN_END();
	return 0;
}
