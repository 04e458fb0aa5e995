/*
 * kbuild: does the configuration compile a given .c file?  Each
 * directory's Kbuild file (or Makefile) is evaluated the way make would
 * for the variables Kbuild uses: assignments (:=, =, +=, ?=) in order,
 * $(VAR) and $(CONFIG_X) expansion, $(subst …), and ifdef / ifndef /
 * ifeq / ifneq / else / endif.  A file is compiled when its object is in
 * obj-y, obj-m or lib-y, directly or as part of a composite object
 * (foo-y, foo-objs) that is, and every directory above it is listed the
 * same way in its parent.  Other make functions expand to nothing and
 * mark the line as not understood; what the reader cannot decide counts
 * as compiled.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "kbuild.h"
#include "strbuf.h"
#include "strmap.h"

struct mkvars {
	struct strmap idx;		/* variable -> index into vals */
	struct strbuf *vals;
	char **names;
	int n, alloc;
	struct strmap needs;		/* "foo.o" -> index into pool: the CONFIG_ it needs */
	struct strmap mentioned;	/* every word assigned anywhere, even if inactive */
	char **pool;
	int npool, apool;
	int unsure;			/* an object list did not fully expand */
};

/*
 * A Makefile is untrusted text: references nest at most this deep (the
 * expansion recurses), and an expansion stops growing at this size
 * (`A := $(A)$(A)` doubles at each line).  Past either, it is unknown.
 */
#define KBUILD_MAX_NESTING 32
#define KBUILD_MAX_VALUE ((size_t)1 << 18)

struct kbuild {
	const char *root;
	const struct kconfig *kc;
	struct mkvars *global;		/* the arch Makefile's variables (BITS, …) */
	struct strmap dir_idx;		/* dir -> index into dirs */
	struct mkvars **dirs;
	int ndirs, adirs;
	size_t max_value;		/* KBUILD_MAX_VALUE, or kbuild_set_max_value() */
};

static struct mkvars *eval_text(struct kbuild *kb, const char *dir, struct strbuf *text);
static const char *var_get(const struct mkvars *v, const char *name);

struct kbuild *kbuild_new(const char *root, const struct kconfig *kc)
{
	struct kbuild *kb = xcalloc(1, sizeof(*kb));
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;

	kb->root = root;
	kb->kc = kc;
	kb->max_value = KBUILD_MAX_VALUE;
	/* the top Makefile includes the arch's: its variables are everyone's */
	strbuf_addf(&path, "%s/arch/x86/Makefile", root);
	if (!access(path.buf, R_OK) && strbuf_read_file(&text, path.buf) >= 0)
		kb->global = eval_text(kb, "arch/x86", &text);
	strbuf_release(&path);
	strbuf_release(&text);
	return kb;
}

static void mkvars_free(struct mkvars *v)
{
	int i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		strbuf_release(&v->vals[i]);
		free(v->names[i]);
	}
	for (i = 0; i < v->npool; i++)
		free(v->pool[i]);
	free(v->vals);
	free(v->names);
	free(v->pool);
	strmap_release(&v->idx);
	strmap_release(&v->needs);
	strmap_release(&v->mentioned);
	free(v);
}

void kbuild_set_max_value(struct kbuild *kb, size_t max)
{
	kb->max_value = max;
}

void kbuild_free(struct kbuild *kb)
{
	int i;

	if (!kb)
		return;
	for (i = 0; i < kb->ndirs; i++)
		mkvars_free(kb->dirs[i]);
	mkvars_free(kb->global);
	free(kb->dirs);
	strmap_release(&kb->dir_idx);
	free(kb);
}

static struct strbuf *var_slot(struct mkvars *v, const char *name)
{
	long i = strmap_get(&v->idx, name, -1);

	if (i >= 0)
		return &v->vals[i];
	if (v->n == v->alloc) {
		v->alloc = v->alloc ? v->alloc * 2 : 32;
		v->vals = xrealloc(v->vals, (size_t)v->alloc * sizeof(*v->vals));
		v->names = xrealloc(v->names, (size_t)v->alloc * sizeof(*v->names));
	}
	strbuf_init(&v->vals[v->n], 0);
	v->names[v->n] = xstrdup(name);
	strmap_put(&v->idx, name, v->n);
	return &v->vals[v->n++];
}

static const char *var_get(const struct mkvars *v, const char *name)
{
	long i = strmap_get(&v->idx, name, -1);

	return i >= 0 ? v->vals[i].buf : NULL;
}

/* End of the $( … ) or ${ … } starting at p (p[0] == '$'), or NULL. */
static const char *ref_end(const char *p)
{
	char open = p[1], close = open == '(' ? ')' : '}';
	int depth = 0;

	for (p++; *p; p++) {
		if (*p == open)
			depth++;
		else if (*p == close && !--depth)
			return p;
	}
	return NULL;
}


struct ctx {
	const struct kbuild *kb;
	struct mkvars *v;
	const char *dir;
	int unknown;		/* set when something did not expand */
	int depth;		/* of expand_ref() */
};

static void expand(struct ctx *c, const char *s, size_t n, struct strbuf *out);

/* Split a function's arguments at top-level commas. */
static int split_args(const char *s, size_t n, const char **a, size_t *al, int max)
{
	int k = 0, depth = 0;
	size_t i, start = 0;

	for (i = 0; i <= n && k < max; i++) {
		if (i < n && (s[i] == '(' || s[i] == '{'))
			depth++;
		else if (i < n && (s[i] == ')' || s[i] == '}'))
			depth--;
		else if (i == n || (s[i] == ',' && !depth)) {
			a[k] = s + start;
			al[k++] = i - start;
			start = i + 1;
		}
	}
	return k;
}

static void expand_ref(struct ctx *c, const char *s, size_t n, struct strbuf *out)
{
	struct strbuf name = STRBUF_INIT;
	const char *val;
	size_t sp = 0;

	/* the function name, within the reference only (not to the line's end) */
	while (sp < n && s[sp] != ' ' && s[sp] != '\t')
		sp++;
	if (c->depth >= KBUILD_MAX_NESTING) {
		c->unknown = 1;
		return;
	}
	c->depth++;
	if (sp < n) {		/* a function: only subst is understood */
		const char *a[3];
		size_t al[3];

		if (sp == 5 && !strncmp(s, "subst", 5) &&
		    split_args(s + 6, n - 6, a, al, 3) == 3) {
			struct strbuf from = STRBUF_INIT, to = STRBUF_INIT, text = STRBUF_INIT;
			const char *p, *q;

			expand(c, a[0], al[0], &from);
			expand(c, a[1], al[1], &to);
			expand(c, a[2], al[2], &text);
			for (p = text.buf; from.len &&
			     (q = memmem(p, text.len - (size_t)(p - text.buf), from.buf, from.len));
			     p = q + from.len) {
				if (out->len > c->kb->max_value) {
					c->unknown = 1;
					break;
				}
				strbuf_add(out, p, (size_t)(q - p));
				strbuf_add(out, to.buf, to.len);
			}
			strbuf_addstr(out, from.len ? p : text.buf);
			strbuf_release(&from);
			strbuf_release(&to);
			strbuf_release(&text);
		} else {
			c->unknown = 1;
		}
		c->depth--;
		return;
	}
	expand(c, s, n, &name);
	if (!strncmp(name.buf, "CONFIG_", 7)) {
		val = kconfig_get(c->kb->kc, name.buf + 7);
		strbuf_addstr(out, val ? val : "");
	} else if (!strcmp(name.buf, "srctree")) {
		strbuf_addstr(out, c->kb->root);
	} else if (!strcmp(name.buf, "src") || !strcmp(name.buf, "obj")) {
		strbuf_addstr(out, c->dir);
	} else if (!strcmp(name.buf, "SRCARCH") || !strcmp(name.buf, "ARCH")) {
		strbuf_addstr(out, "x86");
	} else if ((val = var_get(c->v, name.buf)) ||
		   (c->kb->global && c->v != c->kb->global &&
		    (val = var_get(c->kb->global, name.buf)))) {
		strbuf_addstr(out, val);
	}
	strbuf_release(&name);
	c->depth--;
}

static void expand(struct ctx *c, const char *s, size_t n, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (out->len > c->kb->max_value) {
			c->unknown = 1;
			return;
		}
		if (s[i] != '$' || i + 1 >= n) {
			strbuf_addch(out, s[i]);
		} else if (s[i + 1] == '$') {
			strbuf_addch(out, '$');
			i++;
		} else if (s[i + 1] == '(' || s[i + 1] == '{') {
			const char *e = ref_end(s + i);

			if (!e || (size_t)(e - s) >= n) {
				c->unknown = 1;
				return;
			}
			expand_ref(c, s + i + 2, (size_t)(e - s - i - 2), out);
			i = (size_t)(e - s);
		} else {
			expand_ref(c, s + i + 1, 1, out);
			i++;
		}
	}
}

static void trim(struct strbuf *sb)
{
	size_t k = 0;

	strbuf_rtrim(sb);
	while (k < sb->len && isspace((unsigned char)sb->buf[k]))
		k++;
	if (k) {
		memmove(sb->buf, sb->buf + k, sb->len - k + 1);
		strbuf_setlen(sb, sb->len - k);
	}
}

static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word), len = strlen(list);
	const char *p = list;

	if (!n)
		return 0;
	/* memmem with lengths: strstr would measure the rest of a long list each time */
	while (p && (p = memmem(p, len - (size_t)(p - list), word, n))) {
		if ((p == list || isspace((unsigned char)p[-1])) &&
		    (!p[n] || isspace((unsigned char)p[n])))
			return 1;
		p += n;
	}
	return 0;
}

/* Note each word of words as mentioned, needing config (may be NULL). */
static void mention(struct mkvars *v, const char *words, const char *config)
{
	char *copy = xstrdup(words), *w, *save = NULL;

	for (w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		strmap_put_new(&v->mentioned, w, 1);
		if (config && strmap_get(&v->needs, w, -1) < 0) {
			if (v->npool == v->apool) {
				v->apool = v->apool ? v->apool * 2 : 16;
				v->pool = xrealloc(v->pool, (size_t)v->apool * sizeof(*v->pool));
			}
			v->pool[v->npool] = xstrdup(config);
			strmap_put(&v->needs, w, v->npool++);
		}
	}
	free(copy);
}

/* The first CONFIG_ name in s, into out (size >= 128), or "". */
static void first_config(const char *s, char *out)
{
	const char *p = strstr(s, "CONFIG_");
	size_t k = 0;

	while (p && (isalnum((unsigned char)*p) || *p == '_') && k + 1 < 128)
		out[k++] = *p++;
	out[k] = 0;
}

static int cond_true(struct ctx *c, const char *kw, const char *rest)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int r = 1;

	while (isspace((unsigned char)*rest))
		rest++;
	if (!strcmp(kw, "ifdef") || !strcmp(kw, "ifndef")) {
		struct strbuf name = STRBUF_INIT, val = STRBUF_INIT;
		size_t n = strcspn(rest, " \t#");

		expand(c, rest, n, &name);
		strbuf_addf(&val, "$(%s)", name.buf);
		strbuf_reset(&name);
		expand(c, val.buf, val.len, &name);
		r = (name.len > 0) == !strcmp(kw, "ifdef");
		strbuf_release(&name);
		strbuf_release(&val);
		return r;
	}
	/* ifeq (a,b) or ifeq "a" "b" */
	if (*rest == '(') {
		const char *e = rest, *args[2];
		size_t al[2];
		int depth = 0;

		for (; *e; e++) {
			if (*e == '(')
				depth++;
			else if (*e == ')' && !--depth)
				break;
		}
		if (!*e || split_args(rest + 1, (size_t)(e - rest - 1), args, al, 2) != 2)
			return 1;
		expand(c, args[0], al[0], &a);
		expand(c, args[1], al[1], &b);
	} else if (*rest == '"' || *rest == '\'') {
		char q = *rest;
		const char *e1 = strchr(rest + 1, q), *s2, *e2;

		if (!e1)
			return 1;
		s2 = e1 + 1;
		while (isspace((unsigned char)*s2))
			s2++;
		if (*s2 != '"' && *s2 != '\'')
			return 1;
		e2 = strchr(s2 + 1, *s2);
		if (!e2)
			return 1;
		expand(c, rest + 1, (size_t)(e1 - rest - 1), &a);
		expand(c, s2 + 1, (size_t)(e2 - s2 - 1), &b);
	} else {
		return 1;
	}
	trim(&a);
	trim(&b);
	r = !strcmp(a.buf, b.buf) == !strcmp(kw, "ifeq");
	strbuf_release(&a);
	strbuf_release(&b);
	return r;
}

/* The assignment operator in line outside $( ): its offset and length, or -1. */
static int assign_op(const char *line, size_t *oplen)
{
	const char *p;
	int depth = 0;

	for (p = line; *p; p++) {
		if (*p == '$' && (p[1] == '(' || p[1] == '{')) {
			depth++;
			p++;
		} else if ((*p == ')' || *p == '}') && depth) {
			depth--;
		} else if (!depth && (*p == '=' || *p == ':' || *p == '+' || *p == '?')) {
			if (*p == '=') {
				*oplen = 1;
				return (int)(p - line);
			}
			if (p[1] == '=') {
				*oplen = 2;
				return (int)(p - line);
			}
			if (*p == ':' && p[1] == ':' && p[2] == '=') {
				*oplen = 3;
				return (int)(p - line);
			}
			if (*p == ':')
				return -1;	/* a rule */
		} else if (!depth && *p == '#') {
			return -1;
		}
	}
	return -1;
}

struct cond_frame {
	int active, was_active, any_taken;
	char config[128];
};

static void eval_line(struct ctx *c, char *line, struct cond_frame *stack, int *sp)
{
	char kw[16], *p = line;
	size_t n, oplen = 0;
	/* conditionals nest past the 64 frames kept: the deeper share the last */
	int active = *sp ? stack[(*sp <= 64 ? *sp : 64) - 1].active : 1, at;

	while (isspace((unsigned char)*p))
		p++;
	if (!*p || *p == '#')
		return;
	n = strcspn(p, " \t(");
	if (n < sizeof(kw)) {
		memcpy(kw, p, n);
		kw[n] = 0;
		if (!strcmp(kw, "ifdef") || !strcmp(kw, "ifndef") || !strcmp(kw, "ifeq") ||
		    !strcmp(kw, "ifneq")) {
			struct cond_frame *f = &stack[*sp < 64 ? *sp : 63];

			f->was_active = active;
			f->active = active && cond_true(c, kw, p + n);
			f->any_taken = f->active;
			/* what a false `ifdef CONFIG_X` block needs */
			f->config[0] = 0;
			if (!strcmp(kw, "ifdef"))
				first_config(p + n, f->config);
			(*sp)++;
			return;
		}
		if (!strcmp(kw, "else") && *sp) {
			struct cond_frame *f = &stack[*sp <= 64 ? *sp - 1 : 63];
			char *q = p + 4;

			while (isspace((unsigned char)*q))
				q++;
			if (*q) {	/* else ifeq … */
				char kw2[16];
				size_t m = strcspn(q, " \t(");

				if (m < sizeof(kw2)) {
					memcpy(kw2, q, m);
					kw2[m] = 0;
					f->active = f->was_active && !f->any_taken &&
						    cond_true(c, kw2, q + m);
					f->any_taken |= f->active;
					f->config[0] = 0;
					if (!strcmp(kw2, "ifdef"))
						first_config(q + m, f->config);
				}
			} else {
				f->active = f->was_active && !f->any_taken;
				f->any_taken = 1;
				f->config[0] = 0;
			}
			return;
		}
		if (!strcmp(kw, "endif")) {
			if (*sp)
				(*sp)--;
			return;
		}
	}
	if (!strncmp(p, "export ", 7))
		p += 7;
	else if (!strncmp(p, "override ", 9))
		p += 9;
	at = assign_op(p, &oplen);
	if (at < 0)
		return;
	{
		struct strbuf lhs = STRBUF_INIT, rhs = STRBUF_INIT;
		char config[128], *raw_lhs;
		const char *op = p + at, *r = op + oplen;
		size_t ln = (size_t)at;

		while (ln && (isspace((unsigned char)p[ln - 1]) || p[ln - 1] == '+' ||
			      p[ln - 1] == '?' || p[ln - 1] == ':'))
			ln--;
		while (isspace((unsigned char)*r))
			r++;
		c->unknown = 0;
		raw_lhs = xstrndup(p, ln);
		first_config(raw_lhs, config);
		free(raw_lhs);
		if (!active) {
			/* what a false conditional leaves out still needs its CONFIG_ */
			const char *need = config[0] ? config : NULL;
			int i;

			for (i = (*sp <= 64 ? *sp : 64) - 1; !need && i >= 0; i--)
				if (stack[i].config[0] && !stack[i].active)
					need = stack[i].config;
			expand(c, r, strlen(r), &rhs);
			mention(c->v, rhs.buf, need);
		} else {
			expand(c, p, ln, &lhs);
			trim(&lhs);
			if (c->unknown || !lhs.len) {
				/* an object list the reader cannot follow? */
				if (strstr(p, "obj") || strstr(p, "-y") || strstr(p, "-m") ||
				    strstr(p, "$(CONFIG_"))
					c->v->unsure = 1;
			} else {
				struct strbuf *slot;

				expand(c, r, strlen(r), &rhs);
				trim(&rhs);
				if (c->unknown)
					c->v->unsure = 1;
				/* obj-$(CONFIG_X) with X unset: obj- */
				mention(c->v, rhs.buf, lhs.buf[lhs.len - 1] == '-' && config[0] ?
					config : NULL);
				slot = var_slot(c->v, lhs.buf);
				if (op[0] == '+' && slot->len + rhs.len >= c->kb->max_value) {
					/* 'A += $(A)' line after line doubles A:
					 * a value stays as long as an expansion
					 * may be (found by fuzz-kbuild: 4 GB) */
					c->v->unsure = 1;
				} else if (op[0] == '+') {
					if (slot->len && rhs.len)
						strbuf_addch(slot, ' ');
					strbuf_add(slot, rhs.buf, rhs.len);
				} else if (op[0] != '?' || !slot->len) {
					strbuf_reset(slot);
					strbuf_add(slot, rhs.buf, rhs.len);
				}
			}
		}
		strbuf_release(&lhs);
		strbuf_release(&rhs);
	}
}

/* Evaluate a Makefile's text (clobbered) as read in dir. */
static struct mkvars *eval_text(struct kbuild *kb, const char *dir, struct strbuf *text)
{
	struct mkvars *v = xcalloc(1, sizeof(*v));
	struct cond_frame stack[64];
	struct ctx c;
	char *line, *save = NULL, *w;
	int sp = 0;

	memset(&c, 0, sizeof(c));
	c.kb = kb;
	c.v = v;
	c.dir = dir;
	/* join backslash continuations */
	for (w = text->buf; (w = memchr(w, '\\', text->len - (size_t)(w - text->buf))); w++) {
		if (w[1] == '\n') {
			w[0] = ' ';
			w[1] = ' ';
		}
	}
	for (line = strtok_r(text->buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		eval_line(&c, line, stack, &sp);
	return v;
}

/* The evaluated variables of dir's Kbuild (or Makefile); NULL: neither. */
static struct mkvars *dir_vars(struct kbuild *kb, const char *dir, int kbuild_only)
{
	static const char *const names[] = { "Kbuild", "Makefile" };
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, key = STRBUF_INIT;
	struct mkvars *v = NULL;
	size_t i;
	long have;

	strbuf_addf(&key, "%s\t%d", dir, kbuild_only);
	have = strmap_get(&kb->dir_idx, key.buf, -1);
	if (have >= 0) {
		strbuf_release(&key);
		return kb->dirs[have];
	}
	for (i = 0; i < (kbuild_only ? 1 : 2); i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s%s%s", kb->root, dir, *dir ? "/" : "", names[i]);
		if (!access(path.buf, R_OK) && strbuf_read_file(&text, path.buf) >= 0)
			break;
	}
	if (text.len || i < (kbuild_only ? 1u : 2u))
		v = eval_text(kb, dir, &text);
	if (kb->ndirs == kb->adirs) {
		kb->adirs = kb->adirs ? kb->adirs * 2 : 64;
		kb->dirs = xrealloc(kb->dirs, (size_t)kb->adirs * sizeof(*kb->dirs));
	}
	kb->dirs[kb->ndirs] = v;
	strmap_put(&kb->dir_idx, key.buf, kb->ndirs++);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&key);
	return v;
}

/*
 * Is target ("mmap.o", "kvm/") built by dir?  1 yes, 0 no (needs gets
 * the CONFIG_ that would build it, when known), -1 not mentioned.
 */
static int builds(struct kbuild *kb, const char *dir, const char *target, char *needs,
		  size_t needs_size, int kbuild_only, int depth)
{
	static const char *const lists[] = { "obj-y", "obj-m", "lib-y", "lib-m", "core-y" };
	struct mkvars *v = dir_vars(kb, dir, kbuild_only);
	size_t i;
	int k;
	long at;

	if (!v || depth > 4)
		return -1;
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const char *l = var_get(v, lists[i]);

		if (l && has_word(l, target))
			return 1;
	}
	/* part of a composite object foo.o: foo-y, foo-objs, foo-m */
	if (strlen(target) > 2 && !strcmp(target + strlen(target) - 2, ".o"))
		for (k = 0; k < v->n; k++) {
			const char *name = v->names[k], *dash = strrchr(name, '-');
			struct strbuf comp = STRBUF_INIT;
			int r;

			if (!dash || (strcmp(dash, "-y") && strcmp(dash, "-objs") && strcmp(dash, "-m")) ||
			    !has_word(v->vals[k].buf, target))
				continue;
			strbuf_addf(&comp, "%.*s.o", (int)(dash - name), name);
			if (strcmp(comp.buf, target))
				r = builds(kb, dir, comp.buf, NULL, 0, kbuild_only, depth + 1);
			else
				r = -1;
			strbuf_release(&comp);
			if (r == 1)
				return 1;
		}
	/*
	 * Not mentioned at all: not built, when every object list of the
	 * Makefile was understood (the top directory's Kbuild lists only some).
	 */
	if (!strmap_get(&v->mentioned, target, 0))
		return v->unsure || kbuild_only ? -1 : 0;
	at = strmap_get(&v->needs, target, -1);
	if (needs && needs_size)
		snprintf(needs, needs_size, "%s", at >= 0 ? v->pool[at] : "");
	return 0;
}

int kbuild_compiled(struct kbuild *kb, const char *relpath, char *needs, size_t needs_size)
{
	char *dir = xstrdup(relpath), *slash;
	struct strbuf target = STRBUF_INIT;
	int r;

	if (needs && needs_size)
		*needs = 0;
	slash = strrchr(dir, '/');
	if (!slash) {
		free(dir);
		return 1;
	}
	*slash = 0;
	strbuf_addf(&target, "%.*s.o", (int)strcspn(slash + 1, "."), slash + 1);
	r = builds(kb, dir, target.buf, needs, needs_size, 0, 0);
	/* the directories, up the tree; the arch's own directory is the one built */
	while (r != 0 && strcmp(dir, "arch/x86")) {
		slash = strrchr(dir, '/');
		strbuf_reset(&target);
		strbuf_addf(&target, "%s/", slash ? slash + 1 : dir);
		if (slash) {
			*slash = 0;
			r = builds(kb, dir, target.buf, needs, needs_size, 0, 0);
		} else {
			/* a top-level directory: only the top Kbuild is simple enough */
			r = builds(kb, "", target.buf, needs, needs_size, 1, 0);
			break;
		}
	}
	free(dir);
	strbuf_release(&target);
	return r != 0;
}
