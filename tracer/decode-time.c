/*
 * decode-time.c: clocks and sleeps — clock_gettime, clock_getres,
 * clock_settime, clock_nanosleep, nanosleep, gettimeofday, time,
 * timerfd_*, getitimer/setitimer/alarm.
 */
#include <inttypes.h>
#include <time.h>

#include "decode-priv.h"
#include "xlat-tables.h"

/* {tv_sec=1, tv_nsec=500} — 64-bit time on x86-64 and x32.  at_error:
 * read it even though the call failed (the kernel wrote it anyway). */
static void print_timespec(struct decode_ctx *d, uint64_t addr, int at_error)
{
	int64_t ts[2];
	int32_t ts32[2];
	int rc;

	if (d->c->abi == DECODE_ABI_I386) {
		rc = at_error ? decode_read(d, addr, ts32, sizeof(ts32))
			      : decode_fetch(d, addr, ts32, sizeof(ts32));
		ts[0] = ts32[0];
		ts[1] = ts32[1];
	} else {
		rc = at_error ? decode_read(d, addr, ts, sizeof(ts))
			      : decode_fetch(d, addr, ts, sizeof(ts));
	}
	if (rc < 0) {
		if (at_error)
			decode_print_addr(d, addr);
		return;
	}
	strbuf_addf(d->out, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts[0], ts[1]);
}

void decode_print_timespec(struct decode_ctx *d, uint64_t addr)
{
	print_timespec(d, addr, 0);
}

void decode_print_timespec_ex(struct decode_ctx *d, uint64_t addr, int at_error)
{
	if (!addr)
		strbuf_addstr(d->out, "NULL");
	else
		print_timespec(d, addr, at_error);
}

static void print_timeval(struct decode_ctx *d, uint64_t addr)
{
	int64_t tv[2];
	int32_t tv32[2];

	if (decode_long_size(d) == 4 && d->c->abi == DECODE_ABI_I386) {
		if (decode_fetch(d, addr, tv32, sizeof(tv32)))
			return;
		tv[0] = tv32[0];
		tv[1] = tv32[1];
	} else if (decode_fetch(d, addr, tv, sizeof(tv))) {
		return;
	}
	strbuf_addf(d->out, "{tv_sec=%" PRId64 ", tv_usec=%" PRId64 "}", tv[0], tv[1]);
}

void decode_print_clockid(struct decode_ctx *d, int clk)
{
	decode_print_xval(d, &xlat_clocknames, (unsigned)clk, "CLOCK_???");
}

/* clock_gettime(clk, tp), clock_getres(clk, res): the result at exit */
unsigned decode_sys_clock_gettime(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_clockid(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	decode_print_timespec(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_clock_settime(struct decode_ctx *d)
{
	decode_print_clockid(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_timespec(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECODED;
}

/*
 * The remaining time of a sleep the kernel will restart (ERESTART*), or
 * else the pointer: the kernel did not write it.
 */
static void print_rem(struct decode_ctx *d, int arg)
{
	uint64_t addr = decode_arg_ulong(d, arg);
	int64_t err = -d->c->rval;

	if (addr && d->c->is_error && err >= 512 && err <= 516)
		print_timespec(d, addr, 1);
	else
		decode_print_addr(d, addr);
}

unsigned decode_sys_nanosleep(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_timespec(d, decode_arg_ulong(d, 0));
		decode_sep(d);
		return 0;
	}
	print_rem(d, 1);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_clock_nanosleep(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_clockid(d, decode_arg_int(d, 0));
		decode_sep(d);
		decode_print_flags(d, &xlat_clock_flags, decode_arg_uint(d, 1), "TIMER_???");
		decode_sep(d);
		decode_print_timespec(d, decode_arg_ulong(d, 2));
		decode_sep(d);
		return 0;
	}
	/* An absolute sleep leaves rem alone. */
	if (decode_arg_uint(d, 1) & TIMER_ABSTIME)
		decode_print_arg_addr(d, 3);
	else
		print_rem(d, 3);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_gettimeofday(struct decode_ctx *d)
{
	if (!d->exiting)
		return 0;
	if (decode_arg_ulong(d, 0))
		print_timeval(d, decode_arg_ulong(d, 0));
	else
		strbuf_addstr(d->out, "NULL");
	decode_sep(d);
	decode_print_arg_addr(d, 1);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_time(struct decode_ctx *d)
{
	int64_t t;

	if (!d->exiting)
		return 0;
	if (!decode_arg_ulong(d, 0))
		strbuf_addstr(d->out, "NULL");
	else if (!decode_fetch(d, decode_arg_ulong(d, 0), &t, decode_long_size(d)))
		strbuf_addf(d->out, "[%" PRId64 "]", decode_long_size(d) == 8 ? t : (int64_t)(int32_t)t);
	return DECODE_RVAL_DECIMAL;
}

static void print_itimerspec(struct decode_ctx *d, uint64_t addr)
{
	int64_t v[4];

	if (d->c->abi == DECODE_ABI_I386 || decode_fetch(d, addr, v, sizeof(v))) {
		if (d->c->abi == DECODE_ABI_I386)
			decode_print_addr(d, addr);
		return;
	}
	strbuf_addf(d->out, "{it_interval={tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}, "
		    "it_value={tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}}",
		    v[0], v[1], v[2], v[3]);
}

unsigned decode_sys_timerfd_create(struct decode_ctx *d)
{
	decode_print_clockid(d, decode_arg_int(d, 0));
	decode_sep(d);
	decode_print_flags(d, &xlat_timerfd_flags, decode_arg_uint(d, 1), "TFD_???");
	return DECODE_RVAL_DECODED | DECODE_RVAL_FD;
}

unsigned decode_sys_timerfd_settime(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		decode_print_flags(d, &xlat_timerfd_flags, decode_arg_uint(d, 1), "TFD_???");
		decode_sep(d);
		print_itimerspec(d, decode_arg_ulong(d, 2));
		decode_sep(d);
		return 0;
	}
	if (decode_arg_ulong(d, 3))
		print_itimerspec(d, decode_arg_ulong(d, 3));
	else
		strbuf_addstr(d->out, "NULL");
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_timerfd_gettime(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_fd(d, decode_arg_int(d, 0));
		decode_sep(d);
		return 0;
	}
	print_itimerspec(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_alarm(struct decode_ctx *d)
{
	decode_print_arg_uint(d, 0);
	return DECODE_RVAL_DECODED;
}
