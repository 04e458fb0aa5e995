#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "infile.h"
#include "kconfig.h"
#include "strmap.h"

/*
 * Bounds on what a tree's Kconfig may nest: Linux stays far below each.
 * Deeper if/menu blocks are an error; deeper sources are skipped (and
 * counted); a deeper expression is false.  Each bounds a recursion or an
 * array, so that no Kconfig can overflow the stack.
 */
#define KCONFIG_MAX_BLOCKS 64		/* if/menu blocks open at once */
#define KCONFIG_MAX_SOURCES 32		/* files sourcing each other */
#define KCONFIG_MAX_EXPR 256		/* parentheses and '!' in an expression */

enum kc_type { KC_UNKNOWN, KC_BOOL, KC_TRISTATE, KC_INT, KC_HEX, KC_STRING };

struct kc_rule {		/* default VALUE if COND / select TARGET if COND */
	char *expr;
	char *cond;		/* NULL: always */
	int sym;		/* select: the selecting symbol */
};

struct kc_sym {
	char *name;
	enum kc_type type;
	char *deps;		/* all `depends on` and enclosing if/menu, && joined */
	struct kc_rule *defaults;
	int ndefaults;
	struct kc_rule *selected_by;	/* rules whose target is this symbol */
	int nselected_by;
	int choice;		/* 1-based index of its choice block, 0: none */
	char *user;		/* value from the user's file; "n" for "is not set" */
	char *value;		/* computed; NULL: unset */
};

struct kc_choice {
	char *deps;
	struct kc_rule *defaults;
	int ndefaults;
	int *members;
	int nmembers;
};

struct kconfig {
	char *root, *srcarch, *arch;
	struct kc_sym *syms;
	int nsyms, asyms;
	struct strmap by_name;
	struct kc_choice *choices;
	int nchoices;
	int skipped;
};

/* --- symbols ---------------------------------------------------------- */

static int sym_get(struct kconfig *kc, const char *name)
{
	long i = strmap_get(&kc->by_name, name, -1);

	if (i >= 0)
		return (int)i;
	if (kc->nsyms == kc->asyms) {
		kc->asyms = kc->asyms ? kc->asyms * 2 : 256;
		kc->syms = xrealloc(kc->syms, kc->asyms * sizeof(*kc->syms));
	}
	memset(&kc->syms[kc->nsyms], 0, sizeof(*kc->syms));
	kc->syms[kc->nsyms].name = xstrdup(name);
	strmap_put(&kc->by_name, name, kc->nsyms);
	return kc->nsyms++;
}

static void rule_add(struct kc_rule **v, int *n, const char *expr,
		     const char *cond, int sym)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].expr = xstrdup(expr);
	(*v)[*n].cond = cond ? xstrdup(cond) : NULL;
	(*v)[*n].sym = sym;
	(*n)++;
}

static char *and_join(const char *a, const char *b)
{
	struct strbuf sb = STRBUF_INIT;

	if (!a || !*a)
		return b ? xstrdup(b) : NULL;
	if (!b || !*b)
		return xstrdup(a);
	strbuf_addf(&sb, "(%s) && (%s)", a, b);
	return strbuf_detach(&sb, NULL);
}

/* --- expressions ------------------------------------------------------ */

struct ev {
	const struct kconfig *kc;
	const char *p;
	int depth;		/* of ( and ! : past KCONFIG_MAX_EXPR, false */
};

static void ev_space(struct ev *e)
{
	while (isspace((unsigned char)*e->p))
		e->p++;
}

/* A primary's value as a string (buf) and tristate (0, 1, 2). */
static int ev_or(struct ev *e, char *buf, size_t size);

static int tri_of(const char *v)
{
	if (!v || !*v || !strcmp(v, "n"))
		return 0;
	if (!strcmp(v, "m"))
		return 1;
	if (!strcmp(v, "y"))
		return 2;
	return 0;
}

static int ev_primary(struct ev *e, char *buf, size_t size)
{
	size_t n = 0;

	ev_space(e);
	if (*e->p == '(') {
		int v;

		e->p++;
		if (++e->depth > KCONFIG_MAX_EXPR) {
			e->p += strlen(e->p);	/* too deep: the rest is not read */
			buf[0] = 0;
			return 0;
		}
		v = ev_or(e, buf, size);
		e->depth--;
		ev_space(e);
		if (*e->p == ')')
			e->p++;
		return v;
	}
	if (*e->p == '"' || *e->p == '\'') {
		char q = *e->p++;

		while (*e->p && *e->p != q) {
			if (n + 1 < size)
				buf[n++] = *e->p;
			e->p++;
		}
		if (*e->p)
			e->p++;
		buf[n] = 0;
		return tri_of(buf);
	}
	while (isalnum((unsigned char)*e->p) || *e->p == '_' || *e->p == '-' ||
	       *e->p == '.') {
		if (n + 1 < size)
			buf[n++] = *e->p;
		e->p++;
	}
	buf[n] = 0;
	if (!n) {		/* garbage: skip a char so we always advance */
		if (*e->p && !strchr(")|&", *e->p))
			e->p++;
		return 0;
	}
	if (!strcmp(buf, "y") || !strcmp(buf, "m") || !strcmp(buf, "n"))
		return tri_of(buf);
	{
		long i = strmap_get(&e->kc->by_name, buf, -1);
		const char *v = i >= 0 ? e->kc->syms[i].value : NULL;

		if (i >= 0 || !isdigit((unsigned char)buf[0])) {
			snprintf(buf, size, "%s", v ? v : (i >= 0 &&
				 e->kc->syms[i].type >= KC_INT ? "" : "n"));
			return tri_of(v);
		}
	}
	return 0;		/* a number: buf keeps it */
}

static int cmp_values(const char *a, const char *b)
{
	char *ea, *eb;
	long long x = strtoll(a, &ea, 0), y = strtoll(b, &eb, 0);

	if (*a && *b && !*ea && !*eb)
		return x < y ? -1 : x > y;
	return strcmp(a, b);
}

static int ev_cmp(struct ev *e, char *buf, size_t size)
{
	char rhs[256];
	int v = ev_primary(e, buf, size), c;
	const char *op;

	ev_space(e);
	op = e->p;
	if (op[0] == '=' ) {
		e->p += 1;
		ev_primary(e, rhs, sizeof(rhs));
		return cmp_values(buf, rhs) == 0 ? 2 : 0;
	}
	if (op[0] == '!' && op[1] == '=') {
		e->p += 2;
		ev_primary(e, rhs, sizeof(rhs));
		return cmp_values(buf, rhs) != 0 ? 2 : 0;
	}
	if (op[0] == '<' || op[0] == '>') {
		int eq = op[1] == '=';

		e->p += 1 + eq;
		ev_primary(e, rhs, sizeof(rhs));
		c = cmp_values(buf, rhs);
		if (op[0] == '<')
			return (c < 0 || (eq && !c)) ? 2 : 0;
		return (c > 0 || (eq && !c)) ? 2 : 0;
	}
	return v;
}

static int ev_not(struct ev *e, char *buf, size_t size)
{
	ev_space(e);
	if (*e->p == '!' && e->p[1] != '=') {
		int v;

		e->p++;
		if (++e->depth > KCONFIG_MAX_EXPR) {
			e->p += strlen(e->p);
			buf[0] = 0;
			return 0;
		}
		v = 2 - ev_not(e, buf, size);
		e->depth--;
		return v;
	}
	return ev_cmp(e, buf, size);
}

static int ev_and(struct ev *e, char *buf, size_t size)
{
	int v = ev_not(e, buf, size);

	for (;;) {
		int w;

		ev_space(e);
		if (e->p[0] != '&' || e->p[1] != '&')
			return v;
		e->p += 2;
		w = ev_not(e, buf, size);
		v = v < w ? v : w;
	}
}

static int ev_or(struct ev *e, char *buf, size_t size)
{
	int v = ev_and(e, buf, size);

	for (;;) {
		int w;

		ev_space(e);
		if (e->p[0] != '|' || e->p[1] != '|')
			return v;
		e->p += 2;
		w = ev_and(e, buf, size);
		v = v > w ? v : w;
	}
}

/* Tristate value of expr (NULL or empty: y); *str gets its string value. */
static int eval(const struct kconfig *kc, const char *expr, char *str, size_t size)
{
	struct ev e = { kc, expr, 0 };
	char tmp[256];

	if (!str) {
		str = tmp;
		size = sizeof(tmp);
	}
	if (!expr || !*expr) {
		snprintf(str, size, "y");
		return 2;
	}
	return ev_or(&e, str, size);
}

/* --- parsing Kconfig files ------------------------------------------- */

struct parse {
	struct kconfig *kc;
	char *deps_stack[KCONFIG_MAX_BLOCKS];	/* from if/menu blocks */
	int ndeps;
	struct strmap read;	/* files read already, by "dev:ino" */
	const char *file;	/* where parse_line is, for messages */
	int line;
	int failed;		/* a message was given: stop */
	int cur;		/* current config symbol, -1 none */
	int cur_choice;		/* 1-based, 0 none */
	int in_choice_header;	/* after `choice`, before the first config */
	int menu_header;	/* after `menu`: its `depends on` applies to the block */
	int depth;
};

static char *block_deps(const struct parse *ps)
{
	char *d = NULL;
	int i;

	for (i = 0; i < ps->ndeps; i++) {
		char *n;

		if (!ps->deps_stack[i])
			continue;
		n = and_join(d, ps->deps_stack[i]);
		free(d);
		d = n;
	}
	return d;
}

/* Replace $(ARCH), $(SRCARCH), $(srctree); other $(…) become empty. */
static void expand(const struct kconfig *kc, const char *in, struct strbuf *out)
{
	strbuf_reset(out);
	while (*in) {
		if (in[0] == '$' && in[1] == '(') {
			const char *s = in + 2;
			int level = 1;
			size_t len;

			in = s;
			while (*in) {
				if (*in == '(')
					level++;
				else if (*in == ')' && !--level)
					break;
				in++;
			}
			len = (size_t)(in - s);
			if (*in)
				in++;
			if (len == 7 && !strncmp(s, "SRCARCH", 7))
				strbuf_addstr(out, kc->srcarch);
			else if (len == 4 && !strncmp(s, "ARCH", 4))
				strbuf_addstr(out, kc->arch);
			else if (len == 7 && !strncmp(s, "srctree", 7))
				strbuf_addstr(out, kc->root);
			continue;
		}
		strbuf_addch(out, *in++);
	}
}

/* Split "EXPR if COND" at a top-level " if " outside quotes. */
static void split_if(char *s, char **cond)
{
	char *p;
	int quote = 0;

	*cond = NULL;
	for (p = s; *p; p++) {
		if (*p == '"')
			quote = !quote;
		if (!quote && (p == s || isspace((unsigned char)p[-1])) &&
		    !strncmp(p, "if", 2) && (isspace((unsigned char)p[2]) || p[2] == '(')) {
			*cond = p + 2;
			while (p > s && isspace((unsigned char)p[-1]))
				p--;
			*p = 0;
			while (isspace((unsigned char)**cond))
				(*cond)++;
			return;
		}
	}
}

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = 0;
	return s;
}

static int word_is(const char *s, const char *w, const char **rest)
{
	size_t n = strlen(w);

	if (strncmp(s, w, n) || (s[n] && !isspace((unsigned char)s[n])))
		return 0;
	*rest = s + n;
	while (isspace((unsigned char)**rest))
		(*rest)++;
	return 1;
}

static void parse_file(struct parse *ps, const char *relpath, int optional);

static void set_type(struct kc_sym *sym, enum kc_type t)
{
	if (!sym->type)
		sym->type = t;
}

static void parse_attr(struct parse *ps, const char *kw, char *rest)
{
	struct kconfig *kc = ps->kc;
	struct kc_sym *sym = ps->cur >= 0 ? &kc->syms[ps->cur] : NULL;
	struct kc_choice *ch = ps->cur_choice && ps->in_choice_header ?
		&kc->choices[ps->cur_choice - 1] : NULL;
	char *cond;
	static const struct { const char *kw; enum kc_type t; int def; } types[] = {
		{ "bool", KC_BOOL, 0 }, { "boolean", KC_BOOL, 0 },
		{ "tristate", KC_TRISTATE, 0 }, { "int", KC_INT, 0 },
		{ "hex", KC_HEX, 0 }, { "string", KC_STRING, 0 },
		{ "def_bool", KC_BOOL, 1 }, { "def_tristate", KC_TRISTATE, 1 },
	};
	size_t i;

	if (!strcmp(kw, "depends")) {
		const char *e;

		if (!word_is(rest, "on", &e))
			return;
		if (sym) {
			char *d = and_join(sym->deps, e);

			free(sym->deps);
			sym->deps = d;
		} else if (ch) {
			char *d = and_join(ch->deps, e);

			free(ch->deps);
			ch->deps = d;
		} else if (ps->menu_header && ps->ndeps) {
			char *d = and_join(ps->deps_stack[ps->ndeps - 1], e);

			free(ps->deps_stack[ps->ndeps - 1]);
			ps->deps_stack[ps->ndeps - 1] = d;
		}
		return;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		if (strcmp(kw, types[i].kw))
			continue;
		if (sym)
			set_type(sym, types[i].t);
		if (types[i].def && sym) {
			split_if(rest, &cond);
			rule_add(&sym->defaults, &sym->ndefaults, rest, cond, -1);
		}
		return;
	}
	if (!strcmp(kw, "default")) {
		split_if(rest, &cond);
		if (sym)
			rule_add(&sym->defaults, &sym->ndefaults, rest, cond, -1);
		else if (ch)
			rule_add(&ch->defaults, &ch->ndefaults, rest, cond, -1);
		return;
	}
	if (!strcmp(kw, "select") && sym) {
		int target;

		split_if(rest, &cond);
		target = sym_get(kc, trim(rest));
		sym = &kc->syms[ps->cur];	/* sym_get may move the array */
		rule_add(&kc->syms[target].selected_by,
			 &kc->syms[target].nselected_by, "", cond, ps->cur);
	}
}

static void parse_line(struct parse *ps, char *line)
{
	struct kconfig *kc = ps->kc;
	char *s = trim(line), *kw = s, *rest;
	const char *r;

	if (!*s || *s == '#')
		return;
	while (*s && !isspace((unsigned char)*s))
		s++;
	if (*s)
		*s++ = 0;
	rest = trim(s);

	if (!strcmp(kw, "config") || !strcmp(kw, "menuconfig")) {
		char *d = block_deps(ps);
		struct kc_sym *sym;

		ps->cur = sym_get(kc, rest);
		ps->in_choice_header = 0;
		ps->menu_header = 0;
		sym = &kc->syms[ps->cur];
		if (d) {
			char *j = and_join(sym->deps, d);

			free(sym->deps);
			sym->deps = j;
			free(d);
		}
		if (ps->cur_choice && !sym->choice) {
			struct kc_choice *ch = &kc->choices[ps->cur_choice - 1];

			sym->choice = ps->cur_choice;
			ch->members = xrealloc(ch->members,
					       (ch->nmembers + 1) * sizeof(int));
			ch->members[ch->nmembers++] = ps->cur;
		}
		return;
	}
	if (!strcmp(kw, "choice")) {
		struct kc_choice *ch;

		kc->choices = xrealloc(kc->choices,
				       (kc->nchoices + 1) * sizeof(*kc->choices));
		ch = &kc->choices[kc->nchoices++];
		memset(ch, 0, sizeof(*ch));
		ch->deps = block_deps(ps);
		ps->cur_choice = kc->nchoices;
		ps->in_choice_header = 1;
		ps->cur = -1;
		return;
	}
	if (!strcmp(kw, "endchoice")) {
		ps->cur_choice = 0;
		ps->in_choice_header = 0;
		ps->cur = -1;
		return;
	}
	if (!strcmp(kw, "if") || !strcmp(kw, "menu")) {
		if (ps->ndeps == KCONFIG_MAX_BLOCKS) {
			error("index: %s:%d: if/menu blocks nested deeper than %d", ps->file,
			      ps->line, KCONFIG_MAX_BLOCKS);
			ps->failed = 1;
			return;
		}
		ps->deps_stack[ps->ndeps++] = !strcmp(kw, "if") ? xstrdup(rest) : NULL;
		ps->cur = -1;
		ps->menu_header = !strcmp(kw, "menu");
		ps->in_choice_header = 0;
		return;
	}
	if (!strcmp(kw, "endif") || !strcmp(kw, "endmenu")) {
		if (ps->ndeps > 0) {
			ps->ndeps--;
			free(ps->deps_stack[ps->ndeps]);
			ps->deps_stack[ps->ndeps] = NULL;
		}
		ps->cur = -1;
		ps->menu_header = 0;
		return;
	}
	if (!strcmp(kw, "comment") || !strcmp(kw, "mainmenu")) {
		ps->cur = -1;
		ps->menu_header = 0;
		ps->in_choice_header = 0;
		return;
	}
	if (!strcmp(kw, "source") || !strcmp(kw, "osource") ||
	    !strcmp(kw, "rsource") || !strcmp(kw, "orsource")) {
		struct strbuf path = STRBUF_INIT;
		char *p = rest;

		if (*p == '"') {
			p++;
			p[strcspn(p, "\"")] = 0;
		}
		expand(kc, p, &path);
		ps->cur = -1;
		if (!strchr(path.buf, '*'))	/* globs: not used by Linux */
			parse_file(ps, path.buf, kw[0] == 'o');
		strbuf_release(&path);
		return;
	}
	(void)r;
	parse_attr(ps, kw, rest);
}

/*
 * Read relpath (from the tree's root) and parse it.  A file is read once
 * however often it is sourced: Kconfig has no include guards, and a file
 * sourcing another twice, each sourcing two more, would be read 2^depth
 * times.  A missing optional file (osource) is no error.
 */
static void parse_file(struct parse *ps, const char *relpath, int optional)
{
	struct kconfig *kc = ps->kc;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, line = STRBUF_INIT;
	struct strbuf expanded = STRBUF_INIT;
	const char *p, *end, *outer_file = ps->file;
	int help_indent = -1, in_help = 0, lineno = 0, outer_line = ps->line;
	struct stat st;
	char key[64];

	if (ps->failed)
		return;
	strbuf_addf(&path, "%s/%s", kc->root, relpath);
	if (ps->depth >= KCONFIG_MAX_SOURCES) {
		warning("index: %s:%d: %s: sources nested deeper than %d; not read",
			ps->file, ps->line, relpath, KCONFIG_MAX_SOURCES);
		kc->skipped++;
		goto cleanup;
	}
	if (stat(path.buf, &st) == 0) {
		snprintf(key, sizeof(key), "%llu:%llu", (unsigned long long)st.st_dev,
			 (unsigned long long)st.st_ino);
		if (strmap_get(&ps->read, key, 0))
			goto cleanup;	/* read already */
		strmap_put(&ps->read, key, 1);
	} else if (optional && errno == ENOENT) {
		goto cleanup;
	}
	if (strbuf_read_file(&text, path.buf) < 0) {
		kc->skipped++;
		goto cleanup;
	}
	ps->depth++;
	ps->file = relpath;
	p = text.buf;
	end = text.buf + text.len;
	while (p < end && !ps->failed) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		int indent = 0;
		const char *q;

		strbuf_reset(&line);
		strbuf_add(&line, p, (size_t)(e - p));
		p = nl ? nl + 1 : end;
		ps->line = ++lineno;
		/* backslash continuation */
		while (line.len && line.buf[line.len - 1] == '\\' && p < end) {
			nl = memchr(p, '\n', (size_t)(end - p));
			e = nl ? nl : end;
			strbuf_setlen(&line, line.len - 1);
			strbuf_add(&line, p, (size_t)(e - p));
			p = nl ? nl + 1 : end;
			lineno++;
		}
		for (q = line.buf; *q == ' ' || *q == '\t'; q++)
			indent += *q == '\t' ? 8 - indent % 8 : 1;
		if (in_help) {
			if (!*q)
				continue;
			if (help_indent < 0)
				help_indent = indent;
			if (indent >= help_indent)
				continue;
			in_help = 0;
		}
		if (!strncmp(q, "help", 4) && (!q[4] || isspace((unsigned char)q[4])) ) {
			in_help = 1;
			help_indent = -1;
			continue;
		}
		if (!strncmp(q, "---help---", 10)) {
			in_help = 1;
			help_indent = -1;
			continue;
		}
		expand(kc, line.buf, &expanded);
		parse_line(ps, expanded.buf);
	}
	ps->depth--;
	ps->file = outer_file;
	ps->line = outer_line;
cleanup:
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&line);
	strbuf_release(&expanded);
}

struct kconfig *kconfig_new(const char *root, const char *srcarch,
			    const char *arch, int *skipped)
{
	struct kconfig *kc = xcalloc(1, sizeof(*kc));
	struct parse ps;
	struct strbuf top = STRBUF_INIT;
	int i;

	kc->root = xstrdup(root);
	kc->srcarch = xstrdup(srcarch);
	kc->arch = xstrdup(arch);
	strbuf_addf(&top, "%s/Kconfig", root);
	if (access(top.buf, R_OK) ? error_errno("index: %s", top.buf) :
	    infile_check(top.buf, 0, NULL)) {
		strbuf_release(&top);
		kconfig_free(kc);
		return NULL;
	}
	strbuf_release(&top);
	memset(&ps, 0, sizeof(ps));
	ps.kc = kc;
	ps.cur = -1;
	ps.file = "Kconfig";
	parse_file(&ps, "Kconfig", 0);
	for (i = 0; i < ps.ndeps; i++)
		free(ps.deps_stack[i]);
	strmap_release(&ps.read);
	if (ps.failed) {
		kconfig_free(kc);
		return NULL;
	}
	if (skipped)
		*skipped = kc->skipped;
	return kc;
}

/* --- values ----------------------------------------------------------- */

int kconfig_load_values(struct kconfig *kc, const char *path)
{
	struct strbuf text = STRBUF_INIT;
	char *p, *save = NULL;

	/* --config <(…) is fine; a FIFO that no process writes is refused */
	if (infile_read(&text, path, INFILE_PIPE_OK) < 0)
		return -1;
	for (p = strtok_r(text.buf, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		char *name, *eq, *v;
		int i;

		p = trim(p);
		if (!strncmp(p, "# CONFIG_", 9) && strstr(p, " is not set")) {
			name = p + 9;
			name[strcspn(name, " ")] = 0;
			i = sym_get(kc, name);
			free(kc->syms[i].user);
			kc->syms[i].user = xstrdup("n");
			continue;
		}
		if (strncmp(p, "CONFIG_", 7) || !(eq = strchr(p, '=')))
			continue;
		*eq = 0;
		name = p + 7;
		v = eq + 1;
		if (*v == '"') {
			v++;
			if (*v && v[strlen(v) - 1] == '"')
				v[strlen(v) - 1] = 0;
		}
		i = sym_get(kc, name);
		free(kc->syms[i].user);
		kc->syms[i].user = xstrdup(v);
	}
	strbuf_release(&text);
	return 0;
}

static int set_value(struct kc_sym *s, const char *v)
{
	if (!v || !*v || !strcmp(v, "n")) {
		if (!s->value)
			return 0;
		free(s->value);
		s->value = NULL;
		return 1;
	}
	if (s->value && !strcmp(s->value, v))
		return 0;
	free(s->value);
	s->value = xstrdup(v);
	return 1;
}

static const char *const tri_names[] = { "n", "m", "y" };

static int compute_sym(struct kconfig *kc, int i)
{
	struct kc_sym *s = &kc->syms[i];
	char buf[256];
	int dep = eval(kc, s->deps, NULL, 0), rev = 0, j;
	const char *v = NULL;

	for (j = 0; j < s->nselected_by; j++) {
		const struct kc_rule *r = &s->selected_by[j];
		int t = tri_of(kc->syms[r->sym].value);
		int c = eval(kc, r->cond, NULL, 0);

		t = t < c ? t : c;
		rev = rev > t ? rev : t;
	}
	if (s->choice)
		return 0;	/* decided by its choice */
	if (s->type == KC_BOOL || s->type == KC_TRISTATE || s->type == KC_UNKNOWN) {
		int t = 0;

		if (s->user) {
			t = tri_of(s->user);
		} else {
			for (j = 0; j < s->ndefaults; j++)
				if (eval(kc, s->defaults[j].cond, NULL, 0)) {
					t = eval(kc, s->defaults[j].expr, NULL, 0);
					break;
				}
		}
		t = t < dep ? t : dep;
		t = t > rev ? t : rev;
		if (s->type == KC_BOOL && t == 1)
			t = 2;
		return set_value(s, t ? tri_names[t] : NULL);
	}
	if (!dep)
		return set_value(s, NULL);
	if (s->user) {
		v = s->user;
	} else {
		for (j = 0; j < s->ndefaults; j++)
			if (eval(kc, s->defaults[j].cond, NULL, 0)) {
				eval(kc, s->defaults[j].expr, buf, sizeof(buf));
				v = buf;
				break;
			}
	}
	if (v && !strcmp(v, "n") && s->type != KC_STRING)
		v = NULL;
	return set_value(s, v);
}

static int compute_choice(struct kconfig *kc, struct kc_choice *ch)
{
	int j, pick = -1, changed = 0;

	if (eval(kc, ch->deps, NULL, 0)) {
		for (j = 0; j < ch->nmembers && pick < 0; j++) {
			struct kc_sym *m = &kc->syms[ch->members[j]];

			if (m->user && tri_of(m->user) && eval(kc, m->deps, NULL, 0))
				pick = ch->members[j];
		}
		for (j = 0; j < ch->ndefaults && pick < 0; j++) {
			long i;

			if (!eval(kc, ch->defaults[j].cond, NULL, 0))
				continue;
			i = strmap_get(&kc->by_name, trim(ch->defaults[j].expr), -1);
			if (i >= 0 && eval(kc, kc->syms[i].deps, NULL, 0))
				pick = (int)i;
		}
		for (j = 0; j < ch->nmembers && pick < 0; j++)
			if (eval(kc, kc->syms[ch->members[j]].deps, NULL, 0))
				pick = ch->members[j];
	}
	for (j = 0; j < ch->nmembers; j++)
		changed |= set_value(&kc->syms[ch->members[j]],
				     ch->members[j] == pick ? "y" : NULL);
	return changed;
}

void kconfig_evaluate(struct kconfig *kc)
{
	int round, i, changed = 1;

	for (round = 0; changed && round < 50; round++) {
		changed = 0;
		for (i = 0; i < kc->nsyms; i++)
			changed |= compute_sym(kc, i);
		for (i = 0; i < kc->nchoices; i++)
			changed |= compute_choice(kc, &kc->choices[i]);
	}
}

const char *kconfig_get(const struct kconfig *kc, const char *name)
{
	long i = strmap_get(&kc->by_name, name, -1);

	return i >= 0 ? kc->syms[i].value : NULL;
}

int kconfig_count(const struct kconfig *kc)
{
	return kc->nsyms;
}

void kconfig_write_autoconf(const struct kconfig *kc, struct strbuf *out)
{
	int i;

	strbuf_addstr(out, "/* generated by sysatlas index */\n");
	for (i = 0; i < kc->nsyms; i++) {
		const struct kc_sym *s = &kc->syms[i];

		if (!s->value)
			continue;
		if (s->type == KC_STRING) {
			const char *c;

			strbuf_addf(out, "#define CONFIG_%s \"", s->name);
			for (c = s->value; *c; c++) {
				if (*c == '"' || *c == '\\')
					strbuf_addch(out, '\\');
				strbuf_addch(out, *c);
			}
			strbuf_addstr(out, "\"\n");
		} else if (s->type == KC_INT || s->type == KC_HEX) {
			if (s->type == KC_HEX && strncmp(s->value, "0x", 2) &&
			    strncmp(s->value, "0X", 2))
				strbuf_addf(out, "#define CONFIG_%s 0x%s\n", s->name, s->value);
			else
				strbuf_addf(out, "#define CONFIG_%s %s\n", s->name, s->value);
		} else if (!strcmp(s->value, "m")) {
			strbuf_addf(out, "#define CONFIG_%s_MODULE 1\n", s->name);
		} else if (!strcmp(s->value, "y")) {
			strbuf_addf(out, "#define CONFIG_%s 1\n", s->name);
		}
	}
}

void kconfig_free(struct kconfig *kc)
{
	int i, j;

	if (!kc)
		return;
	for (i = 0; i < kc->nsyms; i++) {
		struct kc_sym *s = &kc->syms[i];

		free(s->name);
		free(s->deps);
		free(s->user);
		free(s->value);
		for (j = 0; j < s->ndefaults; j++) {
			free(s->defaults[j].expr);
			free(s->defaults[j].cond);
		}
		free(s->defaults);
		for (j = 0; j < s->nselected_by; j++) {
			free(s->selected_by[j].expr);
			free(s->selected_by[j].cond);
		}
		free(s->selected_by);
	}
	for (i = 0; i < kc->nchoices; i++) {
		struct kc_choice *c = &kc->choices[i];

		free(c->deps);
		for (j = 0; j < c->ndefaults; j++) {
			free(c->defaults[j].expr);
			free(c->defaults[j].cond);
		}
		free(c->defaults);
		free(c->members);
	}
	free(kc->choices);
	free(kc->syms);
	strmap_release(&kc->by_name);
	free(kc->root);
	free(kc->srcarch);
	free(kc->arch);
	free(kc);
}
