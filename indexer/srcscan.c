#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "srcscan.h"
#include "strbuf.h"

/*
 * Walk text line by line, tracking block comments.  For each line calls
 * fn(line number, start of the line's code, its end, arg); code inside a
 * comment that started on an earlier line is blanked out by starting past
 * it.  Returns what fn returns when non-zero, else 0.
 */
typedef int (*line_fn)(int line, const char *s, const char *e, void *arg);

static int each_line(const char *text, size_t len, line_fn fn, void *arg)
{
	const char *p = text, *end = text + len;
	int line = 0, in_comment = 0, r;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *s = p, *q;

		line++;
		if (in_comment) {
			for (q = s; q + 1 < e && !(q[0] == '*' && q[1] == '/'); q++)
				;
			if (q + 1 < e) {
				in_comment = 0;
				s = q + 2;
			} else {
				s = e;
			}
		}
		if ((r = fn(line, s, e, arg)))
			return r;
		/* does a comment stay open at the end of this line? */
		for (q = s; q < e; q++) {
			if (q + 1 < e && q[0] == '/' && q[1] == '/')
				break;
			if (q + 1 < e && q[0] == '/' && q[1] == '*') {
				const char *c;

				for (c = q + 2; c + 1 < e && !(c[0] == '*' && c[1] == '/'); c++)
					;
				if (c + 1 >= e) {
					in_comment = 1;
					break;
				}
				q = c + 1;
			}
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static const char *skip_space(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static int ident_len(const char *s, const char *e)
{
	const char *p = s;

	if (p < e && (isalpha((unsigned char)*p) || *p == '_'))
		while (p < e && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
	return (int)(p - s);
}

static void def_add(struct srcscan_defs *out, const char *prefix, const char *name, int n,
		    int line)
{
	struct strbuf f = STRBUF_INIT;

	if (out->n == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 32;
		out->v = xrealloc(out->v, (size_t)out->alloc * sizeof(*out->v));
	}
	strbuf_addf(&f, "%s%.*s", prefix, n, name);
	out->v[out->n].func = strbuf_detach(&f, NULL);
	out->v[out->n].line = line;
	out->n++;
}

static int def_line(int line, const char *s, const char *e, void *arg)
{
	static const struct { const char *macro; int compat, plain; } forms[] = {
		{ "SYSCALL_DEFINE", 0, 1 },
		{ "COMPAT_SYSCALL_DEFINE", 1, 0 },
		{ "SYSCALL32_DEFINE", 1, 1 },
	};
	struct srcscan_defs *out = arg;
	size_t i;
	int n;

	s = skip_space(s, e);
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		size_t m = strlen(forms[i].macro);
		const char *p = s + m;

		if ((size_t)(e - s) <= m + 1 || strncmp(s, forms[i].macro, m) ||
		    *p < '0' || *p > '6')
			continue;
		p = skip_space(p + 1, e);
		if (p >= e || *p != '(')
			continue;
		p = skip_space(p + 1, e);
		n = ident_len(p, e);
		if (!n)
			continue;
		if (forms[i].plain)
			def_add(out, "sys_", p, n, line);
		if (forms[i].compat)
			def_add(out, "compat_sys_", p, n, line);
		break;
	}
	return 0;
}

void srcscan_defs(const char *text, size_t len, struct srcscan_defs *out)
{
	each_line(text, len, def_line, out);
}

void srcscan_defs_release(struct srcscan_defs *d)
{
	int i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].func);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

struct cond {
	char *text;		/* the branch's directive, ready to print */
	int line;
};

struct if_scan {
	int target;
	struct cond *stack;
	int depth, alloc;
	struct strbuf pending;	/* a directive continued with '\' */
	int pending_line;
};

/* The directive as written: one line of words, trailing comment dropped. */
static void directive_text(struct strbuf *out, const char *s, size_t n)
{
	size_t i;
	int space = 0;

	for (i = 0; i < n; i++) {
		if ((s[i] == '/' && i + 1 < n && (s[i + 1] == '*' || s[i + 1] == '/')))
			break;
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\\' || s[i] == '\n') {
			space = out->len > 0;
			continue;
		}
		if (space)
			strbuf_addch(out, ' ');
		space = 0;
		strbuf_addch(out, s[i]);
	}
}

static void directive(struct if_scan *st, const char *s, size_t n, int line)
{
	struct strbuf text = STRBUF_INIT;
	const char *w;
	size_t k;

	directive_text(&text, s, n);
	w = text.buf + 1;
	while (*w == ' ')
		w++;
	k = strcspn(w, " ");
	if ((k == 2 && !strncmp(w, "if", 2)) || (k == 5 && !strncmp(w, "ifdef", 5)) ||
	    (k == 6 && !strncmp(w, "ifndef", 6))) {
		if (st->depth == st->alloc) {
			st->alloc = st->alloc ? st->alloc * 2 : 16;
			st->stack = xrealloc(st->stack, (size_t)st->alloc * sizeof(*st->stack));
		}
		st->stack[st->depth].text = strbuf_detach(&text, NULL);
		st->stack[st->depth].line = line;
		st->depth++;
	} else if (((k == 4 && !strncmp(w, "elif", 4)) || (k == 4 && !strncmp(w, "else", 4)))
		   && st->depth) {
		struct cond *c = &st->stack[st->depth - 1];
		struct strbuf b = STRBUF_INIT;

		if (w[2] == 's')	/* #else: say what it is the else of */
			strbuf_addf(&b, "#else of %s", !strncmp(c->text, "#else of ", 9) ?
				    c->text + 9 : c->text);
		else
			strbuf_addstr(&b, text.buf);
		free(c->text);
		c->text = strbuf_detach(&b, NULL);
		c->line = line;
	} else if (k == 5 && !strncmp(w, "endif", 5) && st->depth) {
		free(st->stack[--st->depth].text);
	}
	strbuf_release(&text);
}

static int if_line(int line, const char *s, const char *e, void *arg)
{
	struct if_scan *st = arg;
	const char *p;

	if (line == st->target)
		return 1;
	if (st->pending.len) {
		strbuf_add(&st->pending, s, (size_t)(e - s));
		if (e > s && e[-1] == '\\')
			return 0;
		directive(st, st->pending.buf, st->pending.len, st->pending_line);
		strbuf_reset(&st->pending);
		return 0;
	}
	p = skip_space(s, e);
	if (p >= e || *p != '#')
		return 0;
	if (e[-1] == '\\') {
		strbuf_add(&st->pending, p, (size_t)(e - p));
		st->pending_line = line;
		return 0;
	}
	directive(st, p, (size_t)(e - p), line);
	return 0;
}

int srcscan_enclosing_if(const char *text, size_t len, int line, char *buf, size_t size,
			 int *if_line_out)
{
	struct if_scan st;
	int i, found = 0;

	memset(&st, 0, sizeof(st));
	st.target = line;
	strbuf_init(&st.pending, 0);
	each_line(text, len, if_line, &st);
	if (st.depth) {
		snprintf(buf, size, "%s", st.stack[st.depth - 1].text);
		*if_line_out = st.stack[st.depth - 1].line;
		found = 1;
	}
	for (i = 0; i < st.depth; i++)
		free(st.stack[i].text);
	free(st.stack);
	strbuf_release(&st.pending);
	return found;
}
