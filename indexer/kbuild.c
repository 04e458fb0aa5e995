/*
 * kbuild: does the configuration compile a given .c file?  Reads the
 * Kbuild Makefiles the way Kbuild's obj-y / obj-$(CONFIG_X) lists work,
 * enough for the files that define syscalls: obj-, lib- and composite
 * (foo-y, foo-objs, foo-$(CONFIG_X)) lists, directories named with a
 * trailing slash in the parent Makefile, and ifdef/ifndef/ifeq/ifneq on
 * CONFIG_ values.  Anything it cannot decide counts as compiled.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "kbuild.h"
#include "strbuf.h"

/* Value of a make variable reference like $(CONFIG_X), "y", or "". */
static const char *var_value(const struct kconfig *kc, const char *v, size_t n,
			     char *needs, size_t needs_size)
{
	char name[256];
	const char *val;

	if (n == 1 && *v == 'y')
		return "y";
	if (n > 9 && !strncmp(v, "$(CONFIG_", 9) && v[n - 1] == ')' && n - 10 < sizeof(name)) {
		memcpy(name, v + 9, n - 10);
		name[n - 10] = 0;
		val = kconfig_get(kc, name);
		if (needs && !*needs)
			snprintf(needs, needs_size, "CONFIG_%s", name);
		return val ? val : "";
	}
	if (n == 1 && *v == 'm')
		return "m";
	return NULL;		/* unknown: other variables */
}

static int cond_true(const struct kconfig *kc, const char *kw, char *rest)
{
	char *a, *b;

	while (isspace((unsigned char)*rest))
		rest++;
	if (!strcmp(kw, "ifdef") || !strcmp(kw, "ifndef")) {
		const char *v;
		int set;

		rest[strcspn(rest, " \t#")] = 0;
		if (strncmp(rest, "CONFIG_", 7))
			return 1;
		v = kconfig_get(kc, rest + 7);
		set = v && *v;
		return !strcmp(kw, "ifdef") ? set : !set;
	}
	/* ifeq ($(CONFIG_X),y) / ifneq (…) */
	if (*rest != '(')
		return 1;
	a = rest + 1;
	b = strchr(a, ',');
	if (!b)
		return 1;
	*b++ = 0;
	b[strcspn(b, ")")] = 0;
	while (isspace((unsigned char)*b))
		b++;
	{
		const char *va = var_value(kc, a, strlen(a), NULL, 0);
		const char *vb = *b ? var_value(kc, b, strlen(b), NULL, 0) : "";
		int eq;

		if (!va || !vb)
			return 1;
		eq = !strcmp(va, vb);
		return !strcmp(kw, "ifeq") ? eq : !eq;
	}
}

/*
 * Look for target (e.g. "fhandle.o" or "notify/") in dir's Makefile.
 * Returns 1 compiled, 0 not (needs gets the CONFIG_ option), -1 unknown.
 */
static int lookup(const char *root, const struct kconfig *kc, const char *dir,
		  const char *target, char *needs, size_t needs_size, int depth)
{
	static const char *const names[] = { "Makefile", "Kbuild" };
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT, joined = STRBUF_INIT;
	int found = -1, stack[32], sp = 0, active = 1;
	size_t i;
	char *line, *save = NULL;

	if (depth > 4)
		return -1;
	for (i = 0; i < 2 && found < 0; i++) {
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s%s%s", root, dir, *dir ? "/" : "", names[i]);
		if (access(path.buf, R_OK))
			continue;
		strbuf_reset(&text);
		if (strbuf_read_file(&text, path.buf) < 0)
			continue;
		/* join backslash continuations */
		strbuf_reset(&joined);
		{
			size_t k;

			for (k = 0; k < text.len; k++) {
				if (text.buf[k] == '\\' && k + 1 < text.len && text.buf[k + 1] == '\n') {
					strbuf_addch(&joined, ' ');
					k++;
				} else {
					strbuf_addch(&joined, text.buf[k]);
				}
			}
		}
		sp = 0;
		active = 1;
		for (line = strtok_r(joined.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *p = line, *op, kw[16];
			size_t n;

			while (isspace((unsigned char)*p))
				p++;
			if (*p == '#' || !*p)
				continue;
			n = strcspn(p, " \t(");
			if (n < sizeof(kw)) {
				memcpy(kw, p, n);
				kw[n] = 0;
				if (!strcmp(kw, "ifdef") || !strcmp(kw, "ifndef") ||
				    !strcmp(kw, "ifeq") || !strcmp(kw, "ifneq")) {
					if (sp < 32)
						stack[sp] = active;
					sp++;
					active = active && cond_true(kc, kw, p + n);
					continue;
				}
				if (!strcmp(kw, "else")) {
					if (sp > 0 && sp <= 32)
						active = stack[sp - 1] && !active;
					continue;
				}
				if (!strcmp(kw, "endif")) {
					if (sp > 0) {
						sp--;
						if (sp < 32)
							active = stack[sp];
					}
					continue;
				}
			}
			if (!active)
				continue;
			op = strstr(p, "+=");
			if (!op)
				op = strstr(p, ":=");
			if (!op)
				continue;
			{
				char *lhs = p, *rhs = op + 2, *tok, *save2 = NULL;
				size_t ln = (size_t)(op - p);
				int hit = 0;

				while (ln && isspace((unsigned char)lhs[ln - 1]))
					ln--;
				for (tok = strtok_r(rhs, " \t", &save2); tok; tok = strtok_r(NULL, " \t", &save2))
					if (!strcmp(tok, target))
						hit = 1;
				if (!hit)
					continue;
				lhs[ln] = 0;
				if (!strncmp(lhs, "obj-", 4) || !strncmp(lhs, "lib-", 4) ||
				    !strncmp(lhs, "core-", 5)) {
					const char *v = lhs + (lhs[0] == 'c' ? 5 : 4);
					const char *val = var_value(kc, v, strlen(v), needs, needs_size);

					if (!val)
						continue;
					if (*val) {
						found = 1;
						break;
					}
					if (found < 0)
						found = 0;
				} else {
					/* composite: foo-y / foo-objs / foo-$(CONFIG_X) */
					char *dash = strrchr(lhs, '-');
					char comp[256];
					const char *v;
					int r;

					if (!dash || (size_t)(dash - lhs) + 3 > sizeof(comp))
						continue;
					v = dash + 1;
					if (strcmp(v, "objs") && strcmp(v, "y")) {
						const char *val = var_value(kc, v, strlen(v), needs, needs_size);

						if (val && !*val) {
							if (found < 0)
								found = 0;
							continue;
						}
					}
					snprintf(comp, sizeof(comp), "%.*s.o", (int)(dash - lhs), lhs);
					r = lookup(root, kc, dir, comp, needs, needs_size, depth + 1);
					if (r != 0) {
						found = 1;
						break;
					}
					if (found < 0)
						found = 0;
				}
			}
		}
	}
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&joined);
	return found;
}

int kbuild_compiled(const char *root, const struct kconfig *kc, const char *relpath,
		    char *needs, size_t needs_size)
{
	char *dir = xstrdup(relpath), *slash, *base;
	struct strbuf target = STRBUF_INIT;
	int r = 1;

	if (needs && needs_size)
		*needs = 0;
	slash = strrchr(dir, '/');
	if (!slash) {
		free(dir);
		return 1;
	}
	*slash = 0;
	base = slash + 1;
	base[strcspn(base, ".")] = 0;
	strbuf_addf(&target, "%s.o", base);
	r = lookup(root, kc, dir, target.buf, needs, needs_size, 0);
	/* the directory itself, up the tree */
	while (r != 0 && (slash = strrchr(dir, '/'))) {
		int d;

		strbuf_reset(&target);
		strbuf_addf(&target, "%s/", slash + 1);
		*slash = 0;
		d = lookup(root, kc, dir, target.buf, needs, needs_size, 0);
		if (d == 0)
			r = 0;
	}
	free(dir);
	strbuf_release(&target);
	return r != 0;
}
