/*
 * The --svg-timeline range: seqs, times since the run's start, or a pid.
 */
#include <string.h>

#include "svgtl.h"
#include "tracedb.h"

/* Time units, longest suffix first where one ends another. */
static const struct {
	const char *suffix;
	int64_t ns;
} svgtl_units[] = {
	{ "ns", 1 },
	{ "us", 1000 },
	{ "\xc2\xb5s", 1000 },		/* µs */
	{ "ms", 1000000 },
	{ "s", 1000000000 },
};

/* Decimal digits of s[0..len) as a non-negative number; -1 if not or too big. */
static int64_t svgtl_digits(const char *s, size_t len)
{
	int64_t v = 0;
	size_t i;

	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (v > (INT64_MAX - (s[i] - '0')) / 10)
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * One end, s[0..len): a seq (digits) or a time ([+]digits[.digits]unit).
 * Returns 0 (seq) or 1 (time) with *v set, -1 with why appended.
 */
static int svgtl_end(const char *s, size_t len, int64_t *v, struct strbuf *why)
{
	size_t i, u, ilen, flen;
	const char *dot;
	int64_t whole, frac = 0, scale;

	if (!len) {
		strbuf_addstr(why, "an end of the range is empty");
		return -1;
	}
	if (s[0] != '+') {
		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == len) {
			*v = svgtl_digits(s, len);
			if (*v < 0) {
				strbuf_addf(why, "seq '%.*s' is too large", (int)len, s);
				return -1;
			}
			return 0;
		}
	}
	if (s[0] == '+') {
		s++;
		len--;
	}
	for (u = 0; u < sizeof(svgtl_units) / sizeof(svgtl_units[0]); u++) {
		size_t sl = strlen(svgtl_units[u].suffix);

		if (len > sl && !memcmp(s + len - sl, svgtl_units[u].suffix, sl) &&
		    /* "ms" and "ns" end in "s": a digit must come before the unit */
		    s[len - sl - 1] >= '0' && s[len - sl - 1] <= '9')
			break;
	}
	if (u == sizeof(svgtl_units) / sizeof(svgtl_units[0])) {
		strbuf_addf(why, "'%.*s' is neither a seq nor a time such as +1.5ms "
			    "(units ns, us, ms, s)", (int)len, s);
		return -1;
	}
	len -= strlen(svgtl_units[u].suffix);
	dot = memchr(s, '.', len);
	ilen = dot ? (size_t)(dot - s) : len;
	flen = dot ? len - ilen - 1 : 0;
	whole = svgtl_digits(s, ilen);
	scale = svgtl_units[u].ns;
	if (whole < 0 || (dot && svgtl_digits(dot + 1, flen) < 0)) {
		strbuf_addf(why, "'%.*s' is not a number", (int)len, s);
		return -1;
	}
	/* the fraction, to the nanosecond: digits past it are dropped */
	for (i = 0; i < flen; i++) {
		scale /= 10;
		frac += (dot[1 + i] - '0') * scale;
	}
	if (whole > TRACEDB_MAX_T / svgtl_units[u].ns) {
		strbuf_addf(why, "'%.*s%s' is past any trace's end", (int)len, s,
			    svgtl_units[u].suffix);
		return -1;
	}
	*v = whole * svgtl_units[u].ns + frac;
	return 1;
}

int svgtl_range_parse(const char *arg, struct svgtl_range *out, struct strbuf *why)
{
	const char *sep;
	int a, b;

	if (!arg || !*arg) {
		strbuf_addstr(why, "empty range");
		return -1;
	}
	if (!strncmp(arg, "pid:", 4)) {
		int64_t pid = svgtl_digits(arg + 4, strlen(arg + 4));

		if (pid <= 0 || pid > INT32_MAX) {
			strbuf_addf(why, "'%s': expected pid:N, N a process id", arg);
			return -1;
		}
		out->kind = SVGTL_PID;
		out->from = out->to = pid;
		return 0;
	}
	sep = strstr(arg, "..");
	if (!sep) {
		strbuf_addf(why, "'%s': expected FROM..TO (seqs 120..180, times "
			    "+1.5ms..+3ms) or pid:N", arg);
		return -1;
	}
	a = svgtl_end(arg, (size_t)(sep - arg), &out->from, why);
	if (a < 0)
		return -1;
	b = svgtl_end(sep + 2, strlen(sep + 2), &out->to, why);
	if (b < 0)
		return -1;
	if (a != b) {
		strbuf_addf(why, "'%s': both ends must be seqs or both times", arg);
		return -1;
	}
	if (out->from > out->to) {
		strbuf_addf(why, "'%s': FROM is after TO", arg);
		return -1;
	}
	out->kind = a ? SVGTL_TIME : SVGTL_SEQ;
	return 0;
}

void svgtl_time_format(struct strbuf *out, int64_t ns)
{
	if (ns % 1000000 == 0)
		strbuf_addf(out, "+%lldms", (long long)(ns / 1000000));
	else if (ns % 1000 == 0)
		strbuf_addf(out, "+%lld.%03lldms", (long long)(ns / 1000000),
			    (long long)(ns / 1000 % 1000));
	else
		strbuf_addf(out, "+%lld.%06lldms", (long long)(ns / 1000000),
			    (long long)(ns % 1000000));
}
