/*
 * One line of a strace log (import.h).  A cursor walks the line once;
 * every read is bounded by the line's end.
 */
#include <stdint.h>
#include <string.h>

#include "import.h"

struct cur {
	const char *p, *end;
};

static int at_end(const struct cur *c)
{
	return c->p >= c->end;
}

static int peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : -1;
}

static int is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int is_name(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || is_digit(ch) || ch == '_';
}

/* Does the text at c start with s?  Then step over it. */
static int eat(struct cur *c, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n))
		return 0;
	c->p += n;
	return 1;
}

static void skip_spaces(struct cur *c)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
}

/* Decimal digits into *v (at most 18, no overflow); the count read. */
static int read_uint(struct cur *c, int64_t *v, int max_digits)
{
	int n = 0;

	*v = 0;
	while (n < max_digits && is_digit(peek(c))) {
		*v = *v * 10 + (*c->p - '0');
		c->p++;
		n++;
	}
	return n;
}

/* A fraction of 1 to 9 digits, in ns; the digit count, 0 if none. */
static int read_fraction(struct cur *c, int64_t *ns)
{
	int64_t v;
	int n = read_uint(c, &v, 9), i;

	for (i = n; i < 9; i++)
		v *= 10;
	*ns = v;
	return is_digit(peek(c)) ? 0 : n;
}

/* "SECONDS.FRACTION": *ns and the fraction's digits (-1 when not that shape). */
static int read_seconds(struct cur *c, int64_t *ns)
{
	int64_t s, f;
	int d;

	/* at most 9·10^9 s (the year 2255): the ns fit in 64 bits */
	if (!read_uint(c, &s, 10) || s > 9000000000 || !eat(c, "."))
		return -1;
	d = read_fraction(c, &f);
	if (!d)
		return -1;
	*ns = s * 1000000000 + f;
	return d;
}

/* The pid prefix: "[pid N] " or "N " (then spaces).  0 when absent. */
static int read_pid(struct cur *c, struct import_line *l)
{
	struct cur t = *c;
	int64_t v;

	if (eat(&t, "[pid")) {
		skip_spaces(&t);
		if (!read_uint(&t, &v, 10) || !eat(&t, "] ") || v <= 0 || v >= INT32_MAX)
			return 0;
	} else {
		/* digits then a space: a -ttt or -r time has a '.', -t a ':' */
		if (!read_uint(&t, &v, 10) || peek(&t) != ' ' || v <= 0 || v >= INT32_MAX)
			return 0;
	}
	skip_spaces(&t);
	*c = t;
	l->has_pid = 1;
	l->pid = v;
	return 1;
}

/* -t, -tt, -ttt and -r prefixes. */
static void read_times(struct cur *c, struct import_line *l)
{
	struct cur t = *c;
	int64_t h, m, s, f, ns;
	int d;

	if (read_uint(&t, &h, 2) == 2 && eat(&t, ":") && read_uint(&t, &m, 2) == 2 &&
	    eat(&t, ":") && read_uint(&t, &s, 2) == 2 && h < 24 && m < 60 && s < 61) {
		d = 0;
		f = 0;
		if (eat(&t, ".") && !(d = read_fraction(&t, &f)))
			return;
		if (!eat(&t, " "))
			return;
		l->tstamp = d ? IMPORT_TS_TIME_OF_DAY : IMPORT_TS_SECONDS;
		l->ts_ns = ((h * 60 + m) * 60 + s) * 1000000000 + f;
		l->ts_digits = d;
		*c = t;
	} else {
		/* "SECONDS.FRACTION ": -ttt, or -r alone (padded with spaces) */
		t = *c;
		skip_spaces(&t);
		if (at_end(&t) || !is_digit(peek(&t)))
			return;
		d = read_seconds(&t, &ns);
		if (d < 0 || !eat(&t, " "))
			return;
		if (t.p - c->p > 0 && *c->p == ' ') {
			l->has_rel = 1;	/* padded: -r */
			l->rel_ns = ns;
			l->rel_digits = d;
		} else if (ns >= (int64_t)100000 * 1000000000) {
			l->tstamp = IMPORT_TS_EPOCH;
			l->ts_ns = ns;
			l->ts_digits = d;
		} else {
			l->has_rel = 1;	/* -r of 100000 s or more is not padded */
			l->rel_ns = ns;
			l->rel_digits = d;
		}
		*c = t;
		return;
	}
	/* after -t/-tt/-ttt, -r is "(+ SECONDS.FRACTION) " */
	t = *c;
	if (!eat(&t, "(+"))
		return;
	skip_spaces(&t);
	d = read_seconds(&t, &ns);
	if (d < 0 || !eat(&t, ") "))
		return;
	l->has_rel = 1;
	l->rel_ns = ns;
	l->rel_digits = d;
	*c = t;
}

/* A -T duration " <SECONDS.FRACTION>" ending the body: cut it off. */
static void cut_duration(struct import_line *l, struct cur *c)
{
	const char *q = c->end;
	struct cur t;
	int64_t ns;

	if (q - c->p < 4 || q[-1] != '>')
		return;
	q -= 2;
	while (q > c->p && (is_digit((unsigned char)*q) || *q == '.'))
		q--;
	if (q - c->p < 1 || *q != '<' || q[-1] != ' ')
		return;
	t.p = q + 1;
	t.end = c->end - 1;
	if (read_seconds(&t, &ns) < 0 || !at_end(&t))
		return;
	l->has_dur = 1;
	l->dur_ns = ns;
	c->end = q - 1;
}

static int ends_with(const struct cur *c, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(c->end - c->p) >= n && !memcmp(c->end - n, s, n);
}

/*
 * Scan the arguments from c (depth: parentheses already open) for the
 * ")" that closes the call and is followed by spaces and "= ".  Quoted
 * strings (with backslash escapes) are passed over.  Returns the
 * position of that ")", or NULL.  A ")" followed by " = " at another
 * depth is taken when no better one is found (a resumed call cut inside
 * a structure).
 */
static const char *find_close(const char *p, const char *end, int depth)
{
	const char *fallback = NULL;
	int quoted = 0;

	for (; p < end; p++) {
		char ch = *p;

		if (quoted) {
			if (ch == '\\' && p + 1 < end)
				p++;
			else if (ch == '"')
				quoted = 0;
			continue;
		}
		switch (ch) {
		case '"':
			quoted = 1;
			break;
		case '(': case '[': case '{':
			depth++;
			break;
		case ']': case '}':
			depth--;
			break;
		case ')': {
			const char *q = p + 1;

			while (q < end && *q == ' ')
				q++;
			if (end - q >= 2 && q[0] == '=' && q[1] == ' ') {
				if (depth == 1)
					return p;
				fallback = p;
			} else if (end - q == 1 && q[0] == '=') {
				if (depth == 1)
					return p;	/* "= " cut: reported by the caller */
			}
			depth--;
			break;
		}
		default:
			break;
		}
	}
	return fallback;
}

static int64_t hex_digit(int ch)
{
	if (is_digit(ch))
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * A number as strace prints a return value: decimal (signed), 0x hex,
 * 0 octal.  The value wraps as the 64-bit register would.  Digits read,
 * 0 if none.
 */
static int read_number(struct cur *c, int64_t *out)
{
	uint64_t v = 0;
	int neg = 0, n = 0;

	if (eat(c, "-"))
		neg = 1;
	if (eat(c, "0x")) {
		while (!at_end(c) && hex_digit(peek(c)) >= 0 && n < 16) {
			v = v * 16 + (uint64_t)hex_digit(peek(c));
			c->p++;
			n++;
		}
	} else if (peek(c) == '0' && c->end - c->p > 1 && is_digit((unsigned char)c->p[1])) {
		while (!at_end(c) && peek(c) >= '0' && peek(c) <= '7' && n < 22) {
			v = v * 8 + (uint64_t)(peek(c) - '0');
			c->p++;
			n++;
		}
	} else {
		while (is_digit(peek(c)) && n < 20) {
			v = v * 10 + (uint64_t)(peek(c) - '0');
			c->p++;
			n++;
		}
	}
	if (is_digit(peek(c)) || (hex_digit(peek(c)) >= 0 && n == 16))
		return 0;	/* more digits than a register holds */
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return n;
}

/* What follows "= ": the return value, an errno. */
static int parse_result(struct import_line *l, const char *p, const char *end)
{
	struct cur c = { p, end };
	int64_t v;

	l->result = p;
	l->result_len = (size_t)(end - p);
	if (!eat(&c, "= "))
		return -1;
	if (eat(&c, "?")) {
		/* "= ? ERESTARTSYS (To be restarted …)": the kernel's -512 */
		if (eat(&c, " ") && peek(&c) == 'E') {
			const char *n = c.p;

			while (is_name(peek(&c)))
				c.p++;
			v = import_errno_value(n, (size_t)(c.p - n));
			if (v) {
				l->has_retval = 1;
				l->retval = -v;
				l->err = n;
				l->err_len = (size_t)(c.p - n);
			}
		}
		return 0;
	}
	if (!read_number(&c, &v))
		return -1;
	l->has_retval = 1;
	l->retval = v;
	if (v == -1 && eat(&c, " ")) {
		const char *n = c.p;
		int e;

		if (eat(&c, "(errno ")) {	/* an errno strace has no name for */
			int64_t en;

			if (read_number(&c, &en) && en > 0 && en < 4096)
				l->retval = -en;
			return 0;
		}
		while (is_name(peek(&c)))
			c.p++;
		e = import_errno_value(n, (size_t)(c.p - n));
		if (e) {
			l->retval = -e;
			l->err = n;
			l->err_len = (size_t)(c.p - n);
		}
	}
	return 0;
}

/* "NAME(": the name, and a number for syscall_0x1b6 / syscall_438. */
static int read_call_name(struct cur *c, struct import_line *l)
{
	const char *n = c->p;

	while (is_name(peek(c)))
		c->p++;
	if (c->p == n || peek(c) != '(')
		return -1;
	l->name = n;
	l->name_len = (size_t)(c->p - n);
	if (l->name_len > 8 && !memcmp(n, "syscall_", 8)) {
		struct cur t = { n + 8, c->p };
		int64_t v;

		if (read_number(&t, &v) && at_end(&t) && v >= 0) {
			l->has_nr = 1;
			l->nr = v;
		}
	}
	c->p++;
	return 0;
}

static enum import_line_kind other(struct import_line *l, const char *why)
{
	l->kind = IMPORT_LINE_OTHER;
	l->why = why;
	return l->kind;
}

/* "--- SIGCHLD {...} ---", "--- stopped by SIGSTOP ---" */
static enum import_line_kind parse_signal(struct cur *c, struct import_line *l)
{
	const char *n;

	if (!ends_with(c, " ---") || c->end - c->p < 8)
		return other(l, "a signal line cut short");
	if (eat(c, "stopped by ")) {
		n = c->p;
		while (is_name(peek(c)))
			c->p++;
		l->name = n;
		l->name_len = (size_t)(c->p - n);
		l->kind = IMPORT_LINE_STOPPED;
	} else {
		n = c->p;
		while (is_name(peek(c)))
			c->p++;
		l->name = n;
		l->name_len = (size_t)(c->p - n);
		l->kind = IMPORT_LINE_SIGNAL;
	}
	if (!import_signal_value(l->name, l->name_len))
		return other(l, "an unknown signal");
	return l->kind;
}

/* "+++ exited with N +++" and the other ends of a task. */
static enum import_line_kind parse_end(struct cur *c, struct import_line *l)
{
	int64_t v;

	if (!ends_with(c, " +++"))
		return other(l, "an exit line cut short");
	c->end -= 4;
	if (eat(c, "exited with ")) {
		if (!read_uint(c, &v, 3) || !at_end(c) || v > 255)
			return other(l, "an exit status out of range");
		l->status = v;
		l->has_status = 1;
		return l->kind = IMPORT_LINE_EXITED;
	}
	if (eat(c, "killed by ")) {
		const char *n = c->p;

		while (is_name(peek(c)))
			c->p++;
		l->name = n;
		l->name_len = (size_t)(c->p - n);
		l->status = import_signal_value(n, l->name_len);
		if (!l->status)
			return other(l, "an unknown signal");
		l->has_status = 1;
		if (eat(c, " (core dumped)"))
			l->core_dumped = 1;
		if (!at_end(c))
			return other(l, "an exit line of unknown shape");
		return l->kind = IMPORT_LINE_KILLED;
	}
	if (eat(c, "superseded by execve in pid ")) {
		if (!read_uint(c, &v, 10) || !at_end(c) || v <= 0 || v >= INT32_MAX)
			return other(l, "an exit line of unknown shape");
		l->pid = v;
		return l->kind = IMPORT_LINE_SUPERSEDED;
	}
	return other(l, "an exit line of unknown shape");
}

/* "strace: Process N attached" and strace's other words. */
static enum import_line_kind parse_strace_note(struct cur *c, struct import_line *l)
{
	int64_t v;

	if (!eat(c, "Process ") || !read_uint(c, &v, 10) || v <= 0 || v >= INT32_MAX)
		return other(l, "a message of strace");
	l->pid = v;
	if (eat(c, " attached") && at_end(c))
		return l->kind = IMPORT_LINE_ATTACHED;
	if (eat(c, " detached") && at_end(c))
		return l->kind = IMPORT_LINE_DETACHED;
	return other(l, "a message of strace");
}

/* "[ Process PID=N runs in 32 bit mode. ]" */
static enum import_line_kind parse_personality(struct cur *c, struct import_line *l)
{
	int64_t v;

	if (!eat(c, "[ Process PID=") || !read_uint(c, &v, 10) || v <= 0 || v >= INT32_MAX ||
	    !eat(c, " runs in "))
		return other(l, "not a strace line");
	l->pid = v;
	if (eat(c, "32 bit mode. ]"))
		l->personality = 32;
	else if (eat(c, "64 bit mode. ]"))
		l->personality = 64;
	else if (eat(c, "x32 mode. ]"))
		l->personality = 0;
	else
		return other(l, "not a strace line");
	if (!at_end(c))
		return other(l, "not a strace line");
	return l->kind = IMPORT_LINE_PERSONALITY;
}

static enum import_line_kind parse_call(struct cur *c, struct import_line *l)
{
	static const char unfinished[] = " <unfinished ...>";
	const char *close;

	if (read_call_name(c, l) < 0)
		return other(l, "not a strace line");
	l->args = c->p;
	if (ends_with(c, unfinished)) {
		l->args_len = (size_t)(c->end - c->p) - (sizeof(unfinished) - 1);
		return l->kind = IMPORT_LINE_UNFINISHED;
	}
	close = find_close(c->p, c->end, 1);
	if (!close)
		return other(l, "a call without its result (a line cut short?)");
	l->args_len = (size_t)(close - c->p);
	c->p = close + 1;
	skip_spaces(c);
	if (parse_result(l, c->p, c->end) < 0)
		return other(l, "a call whose result cannot be read");
	return l->kind = IMPORT_LINE_CALL;
}

static enum import_line_kind parse_resumed(struct cur *c, struct import_line *l)
{
	const char *n = c->p, *close;

	while (is_name(peek(c)))
		c->p++;
	l->name = n;
	l->name_len = (size_t)(c->p - n);
	if (c->p == n || !eat(c, " resumed>"))
		return other(l, "not a strace line");
	if (l->name_len > 8 && !memcmp(n, "syscall_", 8)) {
		struct cur t = { n + 8, n + l->name_len };
		int64_t v;

		if (read_number(&t, &v) && at_end(&t) && v >= 0) {
			l->has_nr = 1;
			l->nr = v;
		}
	}
	l->args = c->p;
	close = find_close(c->p, c->end, 1);
	if (!close)
		return other(l, "a resumed call without its result (a line cut short?)");
	l->args_len = (size_t)(close - c->p);
	c->p = close + 1;
	skip_spaces(c);
	if (parse_result(l, c->p, c->end) < 0)
		return other(l, "a call whose result cannot be read");
	return l->kind = IMPORT_LINE_RESUMED;
}

enum import_line_kind import_parse_line(const char *line, size_t len, struct import_line *l)
{
	struct cur c = { line, line + len };
	const char *q;

	memset(l, 0, sizeof(*l));
	for (q = line; q < c.end; q++)
		if (*q == '\0' || *q == '\n' || *q == '\r')
			return other(l, "a control byte strace does not print");
	/* -k frames come without prefix: " > /lib/libc.so.6(read+0x12) [0x10f7e2]" */
	if (eat(&c, " > ")) {
		l->body = c.p;
		l->body_len = (size_t)(c.end - c.p);
		return l->kind = IMPORT_LINE_STACK;
	}
	if (eat(&c, "strace: ")) {
		l->body = c.p;
		l->body_len = (size_t)(c.end - c.p);
		return parse_strace_note(&c, l);
	}
	read_pid(&c, l);
	read_times(&c, l);
	if (!l->has_pid && !l->tstamp && !l->has_rel && peek(&c) == '[')
		return parse_personality(&c, l);
	cut_duration(l, &c);
	l->body = c.p;
	l->body_len = (size_t)(c.end - c.p);
	if (at_end(&c))
		return other(l, "an empty line");
	if (eat(&c, "--- "))
		return parse_signal(&c, l);
	if (eat(&c, "+++ "))
		return parse_end(&c, l);
	if (eat(&c, "<... "))
		return parse_resumed(&c, l);
	return parse_call(&c, l);
}
