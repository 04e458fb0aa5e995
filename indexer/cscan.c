#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cscan.h"
#include "error.h"

/* Nesting beyond this is not tracked (counted so #endif still pairs). */
#define CSCAN_MAX_IF_DEPTH 256
#define CSCAN_MAX_NAME 255

int cscan_name_id(struct cscan_names *nm, const char *s, size_t len)
{
	char buf[CSCAN_MAX_NAME + 1];
	long id;

	if (len > CSCAN_MAX_NAME)
		len = CSCAN_MAX_NAME;
	memcpy(buf, s, len);
	buf[len] = '\0';
	id = strmap_get(&nm->ids, buf, -1);
	if (id >= 0)
		return (int)id;
	if (nm->n == nm->alloc) {
		nm->alloc = nm->alloc ? nm->alloc * 2 : 4096;
		nm->v = xrealloc(nm->v, (size_t)nm->alloc * sizeof(*nm->v));
	}
	nm->v[nm->n] = xstrdup(buf);
	strmap_put(&nm->ids, buf, nm->n);
	return nm->n++;
}

void cscan_names_release(struct cscan_names *nm)
{
	int i;

	for (i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	strmap_release(&nm->ids);
	memset(nm, 0, sizeof(*nm));
}

void cscan_result_release(struct cscan_result *r)
{
	free(r->funcs);
	free(r->calls);
	free(r->inits);
	memset(r, 0, sizeof(*r));
}

static int is_ident_start(int c)
{
	return isalpha(c) || c == '_';
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* --- #if expressions ---------------------------------------------------- */

struct ev {
	const char *p, *end;
	const struct cscan_opts *o;
	int depth;
	long long num;		/* the value of the last primary, when known */
};

static void ev_space(struct ev *e)
{
	for (;;) {
		while (e->p < e->end && (*e->p == ' ' || *e->p == '\t' || *e->p == '\\' ||
					 *e->p == '\n' || *e->p == '\r'))
			e->p++;
		/* a comment inside the expression */
		if (e->end - e->p >= 2 && e->p[0] == '/' && e->p[1] == '*') {
			const char *c = e->p + 2;

			while (e->end - c >= 2 && !(c[0] == '*' && c[1] == '/'))
				c++;
			e->p = e->end - c >= 2 ? c + 2 : e->end;
			continue;
		}
		if (e->end - e->p >= 2 && e->p[0] == '/' && e->p[1] == '/')
			e->p = e->end;
		return;
	}
}

static int ev_eat(struct ev *e, const char *tok)
{
	size_t n = strlen(tok);

	ev_space(e);
	if ((size_t)(e->end - e->p) >= n && !memcmp(e->p, tok, n)) {
		e->p += n;
		return 1;
	}
	return 0;
}

static int ev_ident(struct ev *e, const char **s, size_t *len)
{
	ev_space(e);
	if (e->p >= e->end || !is_ident_start((unsigned char)*e->p))
		return 0;
	*s = e->p;
	while (e->p < e->end && is_ident((unsigned char)*e->p))
		e->p++;
	*len = (size_t)(e->p - *s);
	return 1;
}

/* A CONFIG_ symbol's value: 2 defined (*num its value), 1 m, 0 unset, -1 unknown. */
static int ev_config(struct ev *e, const char *s, size_t len, long long *num)
{
	char buf[CSCAN_MAX_NAME + 1];
	long long dummy;

	*(num ? num : &dummy) = 0;
	if (!e->o || !e->o->config || len > CSCAN_MAX_NAME || len < 8 || memcmp(s, "CONFIG_", 7))
		return -1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return e->o->config(buf, num ? num : &dummy, e->o->config_arg);
}

static int ev_or(struct ev *e);

/* Three-valued: 1, 0, -1 unknown; e->num holds a number when known. */
static int ev_primary(struct ev *e)
{
	const char *s;
	size_t len;
	int v, paren;

	if (++e->depth > 64)
		return -1;
	ev_space(e);
	e->num = 0;
	if (ev_eat(e, "!")) {
		v = ev_primary(e);
		e->depth--;
		e->num = v < 0 ? 0 : !v;
		return v < 0 ? -1 : !v;
	}
	if (ev_eat(e, "(")) {
		v = ev_or(e);
		ev_eat(e, ")");
		e->depth--;
		return v;
	}
	if (e->p < e->end && isdigit((unsigned char)*e->p)) {
		/* strtoll() on a copy: the expression is a span of a larger
		 * text, with no NUL at its end (found by fuzz-cscan) */
		char num[32], *end;
		size_t n = 0;

		while (e->p + n < e->end && n < sizeof(num) - 1 && isalnum((unsigned char)e->p[n]))
			n++;
		memcpy(num, e->p, n);
		num[n] = '\0';
		e->num = strtoll(num, &end, 0);
		e->p += end - num;
		while (e->p < e->end && is_ident((unsigned char)*e->p))
			e->p++;	/* 1UL */
		e->depth--;
		return e->num != 0;
	}
	if (!ev_ident(e, &s, &len)) {
		e->depth--;
		e->p = e->end;
		return -1;
	}
	if ((len == 7 && !memcmp(s, "defined", 7)) ||
	    (len == 10 && !memcmp(s, "IS_ENABLED", 10)) ||
	    (len == 10 && !memcmp(s, "IS_BUILTIN", 10)) ||
	    (len == 9 && !memcmp(s, "IS_MODULE", 9)) ||
	    (len == 12 && !memcmp(s, "IS_REACHABLE", 12))) {
		const char *a;
		size_t alen;
		int c;

		paren = ev_eat(e, "(");
		if (!ev_ident(e, &a, &alen)) {
			e->depth--;
			return -1;
		}
		if (paren)
			ev_eat(e, ")");
		c = ev_config(e, a, alen, NULL);
		e->depth--;
		if (c < 0)
			return -1;
		if (s[0] == 'd')		/* defined: CONFIG_X is defined for y only */
			v = c == 2;
		else if (s[3] == 'E' || s[3] == 'R')	/* IS_ENABLED, IS_REACHABLE */
			v = c > 0;
		else if (s[3] == 'B')
			v = c == 2;
		else
			v = c == 1;
		e->num = v;
		return v;
	}
	/* a bare CONFIG_X: its value when autoconf.h defines it, else 0 */
	{
		long long num = 0;

		v = ev_config(e, s, len, &num);
		if (v == 2)
			e->num = num;
	}
	/* a function-like macro we cannot evaluate: skip its arguments */
	if (ev_eat(e, "(")) {
		int d = 1;

		while (e->p < e->end && d) {
			d += *e->p == '(' ? 1 : *e->p == ')' ? -1 : 0;
			e->p++;
		}
		v = -1;
	}
	e->depth--;
	if (v < 0)
		return -1;
	if (v != 2)
		e->num = 0;
	return e->num != 0;
}

static int ev_cmp(struct ev *e)
{
	int a = ev_primary(e), b;
	long long x = e->num, y;
	static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">", NULL };
	int i;

	for (;;) {
		ev_space(e);
		for (i = 0; ops[i]; i++)
			if (ev_eat(e, ops[i]))
				break;
		if (!ops[i])
			return a;
		b = ev_primary(e);
		y = e->num;
		if (a < 0 || b < 0) {
			a = -1;
			continue;
		}
		switch (i) {
		case 0: a = x == y; break;
		case 1: a = x != y; break;
		case 2: a = x <= y; break;
		case 3: a = x >= y; break;
		case 4: a = x < y; break;
		default: a = x > y; break;
		}
		x = a;
		e->num = a;
	}
}

static int ev_and(struct ev *e)
{
	int a = ev_cmp(e), b;

	while (ev_eat(e, "&&")) {
		b = ev_cmp(e);
		a = (a == 0 || b == 0) ? 0 : (a < 0 || b < 0) ? -1 : 1;
	}
	return a;
}

static int ev_or(struct ev *e)
{
	int a = ev_and(e), b;

	while (ev_eat(e, "||")) {
		b = ev_and(e);
		a = (a == 1 || b == 1) ? 1 : (a < 0 || b < 0) ? -1 : 0;
	}
	return a;
}

int cscan_eval_if(const char *expr, size_t len, const struct cscan_opts *o)
{
	struct ev e = { expr, expr + len, o, 0, 0 };
	int v = ev_or(&e);

	ev_space(&e);
	return e.p < e.end ? -1 : v;	/* something left we did not understand */
}

/* --- the scanner ------------------------------------------------------- */

enum tok { T_IDENT = 1, T_LBRACE, T_RBRACE, T_LPAREN, T_RPAREN, T_SEMI, T_COMMA,
	   T_ASSIGN, T_DOT, T_ARROW, T_RBRACKET, T_OTHER };

struct token {
	enum tok t;
	const char *s;
	int len, line;
};

/* File-scope tokens since the last declaration ended, to find a definition's name. */
#define CSCAN_DECL_TOKENS 512

struct scanner {
	const char *text, *p, *end;
	int line;
	int bol;			/* at the start of a line (only blanks so far) */
	/* preprocessor conditionals */
	int if_depth, if_over;		/* tracked levels, untracked ones beyond */
	unsigned char active[CSCAN_MAX_IF_DEPTH + 1];
	unsigned char taken[CSCAN_MAX_IF_DEPTH + 1];
	const struct cscan_opts *o;
	struct cscan_names *nm;
	struct cscan_result *out;
	int undecided;
	/* parse state */
	int brace, paren;
	struct token decl[CSCAN_DECL_TOKENS];
	int ndecl, decl_has_assign, decl_overflow;
	struct token prev[8];		/* the last tokens, newest last */
	int cur;			/* the function being scanned, -1 */
};

static int sc_active(const struct scanner *s)
{
	return s->active[s->if_depth];
}

/* A directive line starting at p (the '#'); advances past it (continuations too). */
static void sc_directive(struct scanner *s)
{
	const char *p = s->p + 1, *q, *end, *word;
	size_t wlen;
	int v;

	/* the logical line */
	end = p;
	while (end < s->end && *end != '\n') {
		if (*end == '\\' && end + 1 < s->end && end[1] == '\n') {
			s->line++;
			end += 2;
			continue;
		}
		end++;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	word = p;
	while (p < end && is_ident((unsigned char)*p))
		p++;
	wlen = (size_t)(p - word);
	q = p;
#define IS(w) (wlen == sizeof(w) - 1 && !memcmp(word, w, wlen))
	if (IS("if") || IS("ifdef") || IS("ifndef")) {
		int parent = sc_active(s);

		if (IS("if")) {
			v = cscan_eval_if(q, (size_t)(end - q), s->o);
		} else {
			struct ev e = { q, end, s->o, 0, 0 };
			const char *n;
			size_t nl;
			int c = ev_ident(&e, &n, &nl) ? ev_config(&e, n, nl, NULL) : -1;

			/* a config symbol set to y is defined; other names are unknown */
			v = c < 0 ? -1 : c == 2;
			if (IS("ifndef") && v >= 0)
				v = !v;
		}
		if (v < 0)
			s->undecided++;
		if (s->if_depth == CSCAN_MAX_IF_DEPTH) {
			s->if_over++;
		} else {
			s->if_depth++;
			/* unknown: keep the first branch (ctags' rule) */
			s->active[s->if_depth] = parent && v != 0;
			s->taken[s->if_depth] = v != 0;
		}
	} else if (IS("elif") || IS("else")) {
		if (!s->if_over && s->if_depth > 0) {
			int parent = s->active[s->if_depth - 1];

			if (s->taken[s->if_depth]) {
				s->active[s->if_depth] = 0;
			} else {
				v = IS("else") ? 1 : cscan_eval_if(q, (size_t)(end - q), s->o);
				if (v < 0)
					s->undecided++;
				s->active[s->if_depth] = parent && v != 0;
				s->taken[s->if_depth] = v != 0;
			}
		}
	} else if (IS("endif")) {
		if (s->if_over)
			s->if_over--;
		else if (s->if_depth > 0)
			s->if_depth--;
	}
#undef IS
	s->p = end;
}

/* Skip a comment, string or character literal at s->p, if one is there. */
static int sc_skip_literal(struct scanner *s)
{
	const char *p = s->p;

	if (s->end - p >= 2 && p[0] == '/' && p[1] == '*') {
		for (p += 2; s->end - p >= 2 && !(p[0] == '*' && p[1] == '/'); p++)
			if (*p == '\n')
				s->line++;
		s->p = s->end - p >= 2 ? p + 2 : s->end;
		return 1;
	}
	if (s->end - p >= 2 && p[0] == '/' && p[1] == '/') {
		while (p < s->end && *p != '\n')
			p++;
		s->p = p;
		return 1;
	}
	if (*p == '"' || *p == '\'') {
		char q = *p++;

		while (p < s->end && *p != q && *p != '\n') {
			if (*p == '\\' && p + 1 < s->end) {
				if (p[1] == '\n')
					s->line++;
				p++;
			}
			p++;
		}
		s->p = p < s->end && *p == q ? p + 1 : p;
		return 1;
	}
	return 0;
}

static int keyword(const char *s, int len)
{
	static const char *const kw[] = {
		"if", "for", "while", "switch", "return", "sizeof", "typeof", "__typeof__",
		"__typeof", "do", "else", "case", "goto", "asm", "__asm__", "__asm",
		"volatile", "__volatile__", "__attribute__", "__attribute", "_Static_assert",
		"static_assert", "alignof", "_Alignof", "__alignof__", "offsetof",
		"__builtin_offsetof", "__builtin_expect", "__builtin_constant_p",
		"__builtin_types_compatible_p", "__builtin_choose_expr", "_Generic",
		"defined", NULL,
	};
	int i;

	for (i = 0; kw[i]; i++)
		if ((int)strlen(kw[i]) == len && !memcmp(kw[i], s, (size_t)len))
			return 1;
	return 0;
}

/* Looks like a macro: no lower-case letter. */
static int all_caps(const char *s, int len)
{
	int i;

	for (i = 0; i < len; i++)
		if (islower((unsigned char)s[i]))
			return 0;
	return 1;
}

static void add_call(struct scanner *s, int name, int line, int expr)
{
	struct cscan_result *r = s->out;
	struct cscan_call *c;

	if (r->ncalls == r->acalls) {
		r->acalls = r->acalls ? r->acalls * 2 : 1024;
		r->calls = xrealloc(r->calls, (size_t)r->acalls * sizeof(*r->calls));
	}
	c = &r->calls[r->ncalls++];
	c->name = name;
	c->line = line;
	c->expr = expr;
	r->funcs[s->cur].ncalls++;
}

static void add_init(struct scanner *s, const struct token *member, const struct token *fn)
{
	struct cscan_result *r = s->out;
	struct cscan_init *in;

	if (r->ninits == r->ainits) {
		r->ainits = r->ainits ? r->ainits * 2 : 256;
		r->inits = xrealloc(r->inits, (size_t)r->ainits * sizeof(*r->inits));
	}
	in = &r->inits[r->ninits++];
	in->member = cscan_name_id(s->nm, member->s, (size_t)member->len);
	in->func = cscan_name_id(s->nm, fn->s, (size_t)fn->len);
	in->line = fn->line;
}

/*
 * A '{' at file scope: is it a function body?  Then its name token (the
 * identifier before the parameter list), else NULL.
 */
static const struct token *decl_function_name(struct scanner *s)
{
	int i = s->ndecl - 1, d;

	if (s->decl_has_assign || s->decl_overflow || i < 0)
		return NULL;
	for (;;) {
		/* skip trailing annotations: __acquires(x), __attribute__((…)), __init */
		if (s->decl[i].t == T_IDENT && i > 0 && s->decl[i].s[0] == '_' && s->decl[i].s[1] == '_') {
			i--;
			continue;
		}
		if (s->decl[i].t != T_RPAREN)
			return NULL;
		/* the matching '(' */
		for (d = 0; i >= 0; i--) {
			if (s->decl[i].t == T_RPAREN)
				d++;
			else if (s->decl[i].t == T_LPAREN && --d == 0)
				break;
		}
		if (i <= 0 || s->decl[i - 1].t != T_IDENT)
			return NULL;
		if (s->decl[i - 1].s[0] == '_' && s->decl[i - 1].s[1] == '_' && i >= 2 &&
		    s->decl[i - 2].t == T_RPAREN) {
			/* an annotation with arguments after the parameters: __acquires(x) */
			i -= 2;
			continue;
		}
		return &s->decl[i - 1];
	}
}

/* The function a SYSCALL_DEFINEn( or COMPAT_SYSCALL_DEFINEn( defines, or -1. */
static int syscall_macro_name(struct scanner *s, const struct token *name)
{
	static const char *const macros[] = { "SYSCALL_DEFINE", "COMPAT_SYSCALL_DEFINE",
		"SYSCALL32_DEFINE", NULL };
	char buf[CSCAN_MAX_NAME + 1];
	int i, len;

	for (i = 0; macros[i]; i++) {
		len = (int)strlen(macros[i]);
		if (name->len == len + 1 && !memcmp(name->s, macros[i], (size_t)len) &&
		    isdigit((unsigned char)name->s[len])) {
			const struct token *arg = name + 2;	/* NAME ( arg */

			if (arg >= s->decl + s->ndecl || arg->t != T_IDENT ||
			    arg->len > CSCAN_MAX_NAME - 12)
				return -2;
			snprintf(buf, sizeof(buf), "%s%.*s", i == 1 ? "compat_sys_" : "sys_",
				 arg->len, arg->s);
			return cscan_name_id(s->nm, buf, strlen(buf));
		}
	}
	return -1;
}

static void begin_function(struct scanner *s)
{
	const struct token *name = decl_function_name(s);
	struct cscan_result *r = s->out;
	struct cscan_func *f;
	int id, i;

	s->cur = -1;
	if (!name || keyword(name->s, name->len))
		return;
	id = syscall_macro_name(s, name);
	if (id == -2)
		return;
	if (id < 0) {
		if (all_caps(name->s, name->len))
			return;	/* a macro that expands to a definition: not a name */
		id = cscan_name_id(s->nm, name->s, (size_t)name->len);
	}
	if (r->nfuncs == r->afuncs) {
		r->afuncs = r->afuncs ? r->afuncs * 2 : 256;
		r->funcs = xrealloc(r->funcs, (size_t)r->afuncs * sizeof(*r->funcs));
	}
	f = &r->funcs[r->nfuncs];
	f->name = id;
	f->line = name->line;
	f->end_line = name->line;
	f->is_static = 0;
	for (i = 0; &s->decl[i] < name; i++)
		if (s->decl[i].t == T_IDENT && s->decl[i].len == 6 && !memcmp(s->decl[i].s, "static", 6))
			f->is_static = 1;
	f->first_call = r->ncalls;
	f->ncalls = 0;
	s->cur = r->nfuncs++;
}

static void push_prev(struct scanner *s, const struct token *t)
{
	memmove(s->prev, s->prev + 1, sizeof(s->prev) - sizeof(s->prev[0]));
	s->prev[7] = *t;
}

/* A '(' inside a body: a call, if an identifier comes before it. */
static void body_paren(struct scanner *s)
{
	const struct token *id = &s->prev[7];
	int name, expr = -1, j;

	if (id->t != T_IDENT || keyword(id->s, id->len))
		return;
	name = cscan_name_id(s->nm, id->s, (size_t)id->len);
	if (s->prev[6].t == T_DOT || s->prev[6].t == T_ARROW) {
		/* a call through a member: its expression a.b->c, from the text */
		const char *start = s->prev[6].s;

		for (j = 6; j >= 1 && (s->prev[j].t == T_DOT || s->prev[j].t == T_ARROW) &&
			    s->prev[j - 1].t == T_IDENT && s->prev[j - 1].line == id->line; j -= 2)
			start = s->prev[j - 1].s;
		expr = cscan_name_id(s->nm, start, (size_t)(id->s + id->len - start));
	}
	add_call(s, name, id->line, expr);
}

static void token(struct scanner *s, enum tok t, const char *p, int len)
{
	struct token tk = { t, p, len, s->line };

	if (s->brace == 0) {
		switch (t) {
		case T_LBRACE:
			if (s->paren == 0)
				begin_function(s);
			s->ndecl = 0;
			s->decl_has_assign = s->decl_overflow = 0;
			break;
		case T_SEMI:
			if (s->paren == 0) {
				s->ndecl = 0;
				s->decl_has_assign = s->decl_overflow = 0;
			}
			break;
		default:
			if (t == T_ASSIGN && s->paren == 0)
				s->decl_has_assign = 1;
			if (s->ndecl < CSCAN_DECL_TOKENS)
				s->decl[s->ndecl++] = tk;
			else
				s->decl_overflow = 1;
			break;
		}
	} else {
		/* .member = NAME followed by , or } ; ->member = NAME ; */
		if ((t == T_COMMA || t == T_RBRACE || t == T_SEMI) && s->prev[7].t == T_IDENT &&
		    s->prev[6].t == T_ASSIGN && s->prev[5].t == T_IDENT &&
		    (s->prev[4].t == T_DOT || (s->prev[4].t == T_ARROW && t == T_SEMI)) &&
		    !keyword(s->prev[7].s, s->prev[7].len))
			add_init(s, &s->prev[5], &s->prev[7]);
		if (t == T_LPAREN && s->cur >= 0)
			body_paren(s);
	}
	switch (t) {
	case T_LBRACE:
		s->brace++;
		break;
	case T_RBRACE:
		if (s->brace > 0 && --s->brace == 0) {
			if (s->cur >= 0)
				s->out->funcs[s->cur].end_line = s->line;
			s->cur = -1;
			s->ndecl = 0;
			s->decl_has_assign = s->decl_overflow = 0;
		}
		break;
	case T_LPAREN:
		s->paren++;
		break;
	case T_RPAREN:
		if (s->paren > 0)
			s->paren--;
		break;
	default:
		break;
	}
	push_prev(s, &tk);
}

void cscan_text(const char *text, size_t len, const struct cscan_opts *o,
		struct cscan_names *nm, struct cscan_result *out)
{
	struct scanner *s = xcalloc(1, sizeof(*s));

	s->text = s->p = text;
	s->end = text + len;
	s->line = 1;
	s->bol = 1;
	s->active[0] = 1;
	s->o = o;
	s->nm = nm;
	s->out = out;
	s->cur = -1;
	while (s->p < s->end) {
		unsigned char c = (unsigned char)*s->p;

		if (c == '\n') {
			s->line++;
			s->bol = 1;
			s->p++;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			s->p++;
			continue;
		}
		if (c == '#' && s->bol) {
			sc_directive(s);
			continue;
		}
		s->bol = 0;
		if (sc_skip_literal(s))
			continue;
		if (!sc_active(s)) {
			/* skip the rest of an inactive line */
			while (s->p < s->end && *s->p != '\n')
				s->p++;
			continue;
		}
		if (is_ident_start(c)) {
			const char *st = s->p;

			while (s->p < s->end && is_ident((unsigned char)*s->p))
				s->p++;
			token(s, T_IDENT, st, (int)(s->p - st));
			continue;
		}
		if (isdigit(c)) {
			while (s->p < s->end && (is_ident((unsigned char)*s->p) || *s->p == '.'))
				s->p++;
			token(s, T_OTHER, s->p, 0);
			continue;
		}
		switch (c) {
		case '{': token(s, T_LBRACE, s->p, 1); break;
		case '}': token(s, T_RBRACE, s->p, 1); break;
		case '(': token(s, T_LPAREN, s->p, 1); break;
		case ')': token(s, T_RPAREN, s->p, 1); break;
		case ';': token(s, T_SEMI, s->p, 1); break;
		case ',': token(s, T_COMMA, s->p, 1); break;
		case ']': token(s, T_RBRACKET, s->p, 1); break;
		case '.': token(s, T_DOT, s->p, 1); break;
		case '=':
			if (s->end - s->p >= 2 && s->p[1] == '=') {
				token(s, T_OTHER, s->p, 2);
				s->p++;
			} else {
				token(s, T_ASSIGN, s->p, 1);
			}
			break;
		case '-':
			if (s->end - s->p >= 2 && s->p[1] == '>') {
				token(s, T_ARROW, s->p, 2);
				s->p++;
			} else {
				token(s, T_OTHER, s->p, 1);
			}
			break;
		case '!': case '<': case '>': case '+': case '*': case '/': case '%':
		case '&': case '|': case '^':
			/* compound assignments and comparisons are not '=' */
			if (s->end - s->p >= 2 && s->p[1] == '=')
				s->p++;
			token(s, T_OTHER, s->p, 1);
			break;
		default:
			token(s, T_OTHER, s->p, 1);
			break;
		}
		s->p++;
	}
	out->conds_undecided += s->undecided;
	free(s);
}
