/*
 * decode-resource.c: limits, usage, identity of the system — prlimit64,
 * getrlimit, setrlimit, getrusage, uname, getrandom, sched affinity,
 * set_robust_list, getpriority/setpriority.
 */
#include <inttypes.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include "decode-priv.h"
#include "xlat-tables.h"

static void print_rlim(struct decode_ctx *d, uint64_t lim)
{
	struct strbuf abbrev, raw = STRBUF_INIT, *saved;

	if (d->o->xlat != STRACE_XLAT_ABBREV) {
		struct decode_opts o = *d->o;
		const struct decode_opts *old = d->o;

		strbuf_addf(&raw, "%" PRIu64, lim);
		saved = decode_style_begin(d, &abbrev);
		o.xlat = STRACE_XLAT_ABBREV;
		d->o = &o;
		print_rlim(d, lim);
		d->o = old;
		decode_style_end(d, saved, &abbrev, raw.buf);
		strbuf_release(&raw);
		return;
	}
	if (lim == UINT64_MAX)
		strbuf_addstr(d->out, "RLIM64_INFINITY");
	else if (lim > 1024 && lim % 1024 == 0)
		strbuf_addf(d->out, "%" PRIu64 "*1024", lim / 1024);
	else
		strbuf_addf(d->out, "%" PRIu64, lim);
}

/* A 64-bit struct rlimit (prlimit64, and getrlimit on x86-64). */
static void print_rlimit(struct decode_ctx *d, uint64_t addr)
{
	uint64_t r[2];

	if (decode_fetch(d, addr, r, sizeof(r)))
		return;
	strbuf_addstr(d->out, "{rlim_cur=");
	print_rlim(d, r[0]);
	strbuf_addstr(d->out, ", rlim_max=");
	print_rlim(d, r[1]);
	strbuf_addch(d->out, '}');
}

unsigned decode_sys_prlimit64(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_arg_int(d, 0);
		decode_sep(d);
		decode_print_xval(d, &xlat_rlimit_resources, decode_arg_uint(d, 1), "RLIMIT_???");
		decode_sep(d);
		if (decode_arg_ulong(d, 2))
			print_rlimit(d, decode_arg_ulong(d, 2));
		else
			strbuf_addstr(d->out, "NULL");
		decode_sep(d);
		return 0;
	}
	print_rlimit(d, decode_arg_ulong(d, 3));
	return DECODE_RVAL_DECIMAL;
}

/* getrlimit(resource, rlim) and ugetrlimit: the limits at exit */
unsigned decode_sys_getrlimit(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_xval(d, &xlat_rlimit_resources, decode_arg_uint(d, 0), "RLIMIT_???");
		decode_sep(d);
		return 0;
	}
	if (d->c->abi == DECODE_ABI_I386)
		decode_print_arg_addr(d, 1);
	else
		print_rlimit(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_setrlimit(struct decode_ctx *d)
{
	decode_print_xval(d, &xlat_rlimit_resources, decode_arg_uint(d, 0), "RLIMIT_???");
	decode_sep(d);
	if (d->c->abi == DECODE_ABI_I386)
		decode_print_arg_addr(d, 1);
	else
		print_rlimit(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_getrusage(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_xval_d(d, &xlat_rusage_who, decode_arg_int(d, 0), "RUSAGE_???");
		decode_sep(d);
		return 0;
	}
	decode_print_rusage(d, decode_arg_ulong(d, 1));
	return DECODE_RVAL_DECIMAL;
}

static void print_field(struct decode_ctx *d, const char *name, const char *s,
			size_t size)
{
	strbuf_addf(d->out, "%s=", name);
	decode_quote(d->out, (const unsigned char *)s, strnlen(s, size), -1, 0, NULL);
}

/* uname: {sysname="Linux", nodename="host", ...} */
unsigned decode_sys_uname(struct decode_ctx *d)
{
	struct utsname u;

	if (!d->exiting)
		return 0;
	if (decode_fetch(d, decode_arg_ulong(d, 0), &u, sizeof(u)))
		return DECODE_RVAL_DECIMAL;
	strbuf_addch(d->out, '{');
	print_field(d, "sysname", u.sysname, sizeof(u.sysname));
	strbuf_addstr(d->out, ", ");
	print_field(d, "nodename", u.nodename, sizeof(u.nodename));
	if (!d->o->verbose) {
		strbuf_addstr(d->out, ", ...}");
		return DECODE_RVAL_DECIMAL;
	}
	strbuf_addstr(d->out, ", ");
	print_field(d, "release", u.release, sizeof(u.release));
	strbuf_addstr(d->out, ", ");
	print_field(d, "version", u.version, sizeof(u.version));
	strbuf_addstr(d->out, ", ");
	print_field(d, "machine", u.machine, sizeof(u.machine));
	strbuf_addstr(d->out, ", ");
	print_field(d, "domainname", u.domainname, sizeof(u.domainname));
	strbuf_addch(d->out, '}');
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_getrandom(struct decode_ctx *d)
{
	if (!d->exiting)
		return 0;
	if (d->c->is_error)
		decode_print_arg_addr(d, 0);
	else
		decode_print_buf_ex(d, decode_arg_ulong(d, 0), (uint64_t)d->c->rval, 1);
	decode_sep(d);
	decode_print_arg_ulong(d, 1);
	decode_sep(d);
	decode_print_flags(d, &xlat_getrandom_flags, decode_arg_uint(d, 2), "GRND_???");
	return DECODE_RVAL_DECIMAL;
}

/* A CPU set of len bytes: [0 1 3] */
static void print_cpus(struct decode_ctx *d, uint64_t addr, uint64_t len)
{
	unsigned char buf[1024];
	size_t i, n = len < sizeof(buf) ? (size_t)len : sizeof(buf);
	const char *sep = "";

	if (decode_fetch(d, addr, buf, n))
		return;
	strbuf_addch(d->out, '[');
	for (i = 0; i < n * 8; i++) {
		if (buf[i / 8] & (1u << (i % 8))) {
			strbuf_addf(d->out, "%s%zu", sep, i);
			sep = " ";
		}
	}
	strbuf_addch(d->out, ']');
}

unsigned decode_sys_sched_getaffinity(struct decode_ctx *d)
{
	if (!d->exiting) {
		decode_print_arg_int(d, 0);
		decode_sep(d);
		decode_print_arg_uint(d, 1);
		decode_sep(d);
		return 0;
	}
	if (d->c->is_error)
		decode_print_arg_addr(d, 2);
	else
		print_cpus(d, decode_arg_ulong(d, 2), (uint64_t)d->c->rval);
	return DECODE_RVAL_DECIMAL;
}

unsigned decode_sys_sched_setaffinity(struct decode_ctx *d)
{
	decode_print_arg_int(d, 0);
	decode_sep(d);
	decode_print_arg_uint(d, 1);
	decode_sep(d);
	print_cpus(d, decode_arg_ulong(d, 2), decode_arg_uint(d, 1));
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_set_robust_list(struct decode_ctx *d)
{
	decode_print_arg_addr(d, 0);
	decode_sep(d);
	decode_print_arg_ulong(d, 1);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_getpriority(struct decode_ctx *d)
{
	decode_print_xval(d, &xlat_priority_which, decode_arg_uint(d, 0), "PRIO_???");
	decode_sep(d);
	decode_print_arg_int(d, 1);
	return DECODE_RVAL_DECODED;
}

unsigned decode_sys_setpriority(struct decode_ctx *d)
{
	decode_sys_getpriority(d);
	decode_sep(d);
	decode_print_arg_int(d, 2);
	return DECODE_RVAL_DECODED;
}

/* sysinfo: every field (x86-64 layout) */
unsigned decode_sys_sysinfo(struct decode_ctx *d)
{
	struct sysinfo si;

	if (!d->exiting)
		return 0;
	if (d->c->abi != DECODE_ABI_X86_64) {
		decode_print_arg_addr(d, 0);
		return DECODE_RVAL_DECIMAL;
	}
	if (decode_fetch(d, decode_arg_ulong(d, 0), &si, sizeof(si)))
		return DECODE_RVAL_DECIMAL;
	strbuf_addf(d->out, "{uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, "
		    "sharedram=%lu, bufferram=%lu, totalswap=%lu, freeswap=%lu, procs=%u, "
		    "totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
		    si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram,
		    si.sharedram, si.bufferram, si.totalswap, si.freeswap, (unsigned)si.procs,
		    si.totalhigh, si.freehigh, si.mem_unit);
	return DECODE_RVAL_DECIMAL;
}
