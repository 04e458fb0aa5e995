/*
 * test-decode-time: clocks, sleeps, poll/select/epoll, eventfd, futex.
 */
#include <linux/futex.h>
#include <poll.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>

#include "tap.h"
#include "decode-harness.h"

static void test_clocks(void)
{
	struct { int64_t s, ns; } ts = { 12, 345 };
	struct { int64_t s, us; } tv = { 1700000000, 5 };
	int64_t t = 1700000000;

	is_str(dec(0, SYS_clock_gettime, CLOCK_MONOTONIC, &ts), "clock_gettime(CLOCK_MONOTONIC, {tv_sec=12, tv_nsec=345}) = 0",
	       "clock_gettime");
	is_str(dec(-EINVAL, SYS_clock_gettime, 99, &ts),
	       fmt("clock_gettime(0x63 /* CLOCK_??? */, %p) = -1 EINVAL (Invalid argument)", (void *)&ts), "unknown clock");
	is_str(dec(0, SYS_clock_getres, CLOCK_BOOTTIME, &ts), "clock_getres(CLOCK_BOOTTIME, {tv_sec=12, tv_nsec=345}) = 0",
	       "clock_getres");
	is_str(dec(0, SYS_nanosleep, &ts, NULL), "nanosleep({tv_sec=12, tv_nsec=345}, NULL) = 0", "nanosleep");
	is_str(dec(-516, SYS_nanosleep, &ts, &ts),
	       "nanosleep({tv_sec=12, tv_nsec=345}, {tv_sec=12, tv_nsec=345}) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)",
	       "interrupted nanosleep shows the remaining time");
	is_str(dec(-EINTR, SYS_clock_nanosleep, CLOCK_REALTIME, 0, &ts, &ts),
	       fmt("clock_nanosleep(CLOCK_REALTIME, 0, {tv_sec=12, tv_nsec=345}, %p) = -1 EINTR (Interrupted system call)",
		   (void *)&ts), "EINTR: the kernel did not restart, rem as address");
	is_str(dec(0, SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL),
	       "clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, {tv_sec=12, tv_nsec=345}, NULL) = 0", "absolute sleep");
	is_str(dec(0, SYS_gettimeofday, &tv, NULL), "gettimeofday({tv_sec=1700000000, tv_usec=5}, NULL) = 0", "gettimeofday");
	is_str(dec(1700000000, SYS_time, &t), "time([1700000000]) = 1700000000", "time");
	is_str(dec(1700000000, SYS_time, NULL), "time(NULL) = 1700000000", "time(NULL)");
	is_str(dec(3, SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC),
	       "timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC) = 3", "timerfd_create");
	is_str(dec(0, SYS_alarm, 5), "alarm(5) = 0", "alarm");
}

static void test_poll(void)
{
	struct pollfd p[2] = { { 3, POLLIN, POLLIN | POLLHUP }, { 4, POLLOUT, 0 } };
	fd_set r;
	struct { int64_t s, ns; } ts = { 0, 0 };

	is_str(dec(1, SYS_poll, p, 2, -1),
	       "poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT}], 2, -1) = 1 ([{fd=3, revents=POLLIN|POLLHUP}])",
	       "poll with revents");
	is_str(dec(0, SYS_poll, p, 1, 100), "poll([{fd=3, events=POLLIN}], 1, 100) = 0 (Timeout)", "poll timeout");
	is_str(dec(-EINTR, SYS_poll, p, 1, 100), "poll([{fd=3, events=POLLIN}], 1, 100) = -1 EINTR (Interrupted system call)",
	       "poll interrupted");
	is_str(dec(1, SYS_ppoll, p, 1, &ts, NULL, 8),
	       "ppoll([{fd=3, events=POLLIN}], 1, {tv_sec=0, tv_nsec=0}, NULL, 8) = 1 ([{fd=3, revents=POLLIN|POLLHUP}], left {tv_sec=0, tv_nsec=0})",
	       "ppoll with time left");
	FD_ZERO(&r);
	FD_SET(3, &r);
	FD_SET(5, &r);
	is_str(dec(2, SYS_select, 6, &r, NULL, NULL, NULL), "select(6, [3 5], NULL, NULL, NULL) = 2 (in [3 5])", "select");
	is_str(dec(0, SYS_select, 6, &r, NULL, NULL, NULL), "select(6, [3 5], NULL, NULL, NULL) = 0 (Timeout)", "select timeout");
	is_str(dec(1, SYS_pselect6, 4, &r, NULL, NULL, &ts, NULL),
	       "pselect6(4, [3], NULL, NULL, {tv_sec=0, tv_nsec=0}, NULL) = 1 (in [3], left {tv_sec=0, tv_nsec=0})", "pselect6");
}

static void test_epoll(void)
{
	struct epoll_event ev[2];

	memset(ev, 0, sizeof(ev));
	ev[0].events = EPOLLIN | EPOLLRDHUP;
	ev[0].data.u64 = 0x100000005ULL;
	ev[1].events = EPOLLOUT | 0x01000000;
	ev[1].data.fd = 4;
	is_str(dec(3, SYS_epoll_create1, EPOLL_CLOEXEC), "epoll_create1(EPOLL_CLOEXEC) = 3", "epoll_create1");
	is_str(dec(3, SYS_epoll_create, 10), "epoll_create(10) = 3", "epoll_create");
	is_str(dec(0, SYS_epoll_ctl, 3, EPOLL_CTL_MOD, 5, &ev[0]),
	       "epoll_ctl(3, EPOLL_CTL_MOD, 5, {events=EPOLLIN|EPOLLRDHUP, data={u32=5, u64=4294967301}}) = 0", "epoll_ctl");
	is_str(dec(2, SYS_epoll_wait, 3, ev, 8, -1),
	       "epoll_wait(3, [{events=EPOLLIN|EPOLLRDHUP, data={u32=5, u64=4294967301}}, "
	       "{events=EPOLLOUT|0x1000000, data={u32=4, u64=4}}], 8, -1) = 2", "epoll_wait: rval events");
	is_str(dec(-EINTR, SYS_epoll_wait, 3, ev, 8, -1),
	       fmt("epoll_wait(3, %p, 8, -1) = -1 EINTR (Interrupted system call)", (void *)ev), "epoll_wait failing");
	is_str(dec(0, SYS_epoll_pwait, 3, ev, 8, 0, NULL, 8), "epoll_pwait(3, [], 8, 0, NULL, 8) = 0", "epoll_pwait");
	is_str(dec(4, SYS_eventfd2, 0, EFD_SEMAPHORE | EFD_NONBLOCK), "eventfd2(0, EFD_SEMAPHORE|EFD_NONBLOCK) = 4", "eventfd2");
}

static void test_futex(void)
{
	uint32_t f = 0;
	struct { int64_t s, ns; } ts = { 1, 0 };
	char a[32];

	snprintf(a, sizeof(a), "%p", (void *)&f);

	is_str(dec(0, SYS_futex, &f, FUTEX_WAIT_PRIVATE, 0, NULL), fmt("futex(%s, FUTEX_WAIT_PRIVATE, 0, NULL) = 0", a),
	       "FUTEX_WAIT_PRIVATE");
	is_str(dec(-ETIMEDOUT, SYS_futex, &f, FUTEX_WAIT, 0, &ts),
	       fmt("futex(%s, FUTEX_WAIT, 0, {tv_sec=1, tv_nsec=0}) = -1 ETIMEDOUT (Connection timed out)", a), "timeout");
	is_str(dec(1, SYS_futex, &f, FUTEX_WAKE_PRIVATE, 2147483647), fmt("futex(%s, FUTEX_WAKE_PRIVATE, 2147483647) = 1", a),
	       "FUTEX_WAKE");
	is_str(dec(0, SYS_futex, &f, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0xffffffff),
	       fmt("futex(%s, FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME, 0, NULL, FUTEX_BITSET_MATCH_ANY) = 0", a),
	       "WAIT_BITSET with CLOCK_REALTIME");
	is_str(dec(0, SYS_futex, &f, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x3), fmt("futex(%s, FUTEX_WAKE_BITSET, 1, 0x3) = 0", a),
	       "WAKE_BITSET");
	is_str(dec(0, SYS_futex, &f, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, &f, 7),
	       fmt("futex(%s, FUTEX_CMP_REQUEUE_PRIVATE, 1, 2, %s, 7) = 0", a, a), "CMP_REQUEUE");
	is_str(dec(0, SYS_futex, &f, FUTEX_WAKE_OP, 1, 1, &f, FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_EQ, 0)),
	       fmt("futex(%s, FUTEX_WAKE_OP, 1, 1, %s, FUTEX_OP_ADD<<28|0x5<<12|FUTEX_OP_CMP_EQ<<24|0) = 0", a, a), "WAKE_OP");
	is_str(dec(-ENOSYS, SYS_futex, &f, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1),
	       fmt("futex(%s, 0x101 /* FUTEX_??? */, 1) = -1 ENOSYS (Function not implemented)", a),
	       "CLOCK_REALTIME where it is not allowed: hex, arguments of the command");
	is_str(dec(0, SYS_futex, &f, FUTEX_UNLOCK_PI_PRIVATE), fmt("futex(%s, FUTEX_UNLOCK_PI_PRIVATE) = 0", a), "UNLOCK_PI");
}

int main(void)
{
	test_clocks();
	test_poll();
	test_epoll();
	test_futex();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
