#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "error.h"

static int abi_rank(const char *abi)
{
	static const char *const order[] = { "common", "64", "x32", "i386" };
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (!strcmp(abi, order[i]))
			return (int)i;
	return (int)(sizeof(order) / sizeof(order[0]));
}

static int str_eq(const char *x, const char *y)
{
	if (!x || !y)
		return x == y;
	return !strcmp(x, y);
}

static void signature_normalise(struct strbuf *out, const char *s)
{
	int space = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			space = out->len > 0;
			continue;
		}
		if (space)
			strbuf_addch(out, ' ');
		space = 0;
		strbuf_addch(out, *s);
	}
}

/* Signatures compared with whitespace runs collapsed. */
static int signature_eq(const char *x, const char *y)
{
	struct strbuf nx = STRBUF_INIT, ny = STRBUF_INIT;
	int eq;

	if (!x || !y)
		return x == y;
	signature_normalise(&nx, x);
	signature_normalise(&ny, y);
	eq = !strcmp(nx.buf, ny.buf);
	strbuf_release(&nx);
	strbuf_release(&ny);
	return eq;
}

static const struct ix_syscall *key_of(const struct cmp_syscall *s)
{
	return s->b ? s->b : s->a;
}

static int cmp_key(const void *pa, const void *pb)
{
	const struct ix_syscall *x = key_of(pa), *y = key_of(pb);
	int r = abi_rank(x->abi) - abi_rank(y->abi);

	if (r)
		return r;
	if ((r = strcmp(x->abi, y->abi)))
		return r;
	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	return strcmp(x->name, y->name);
}

static int by_abi_name(const void *pa, const void *pb)
{
	const struct ix_syscall *x = *(const struct ix_syscall *const *)pa;
	const struct ix_syscall *y = *(const struct ix_syscall *const *)pb;
	int r = strcmp(x->abi, y->abi);

	return r ? r : strcmp(x->name, y->name);
}

unsigned compare_syscall_flags(const struct ix_syscall *a, const struct ix_syscall *b)
{
	unsigned f = 0;

	if (!a || !b)
		return a ? CMP_REMOVED : b ? CMP_ADDED : 0;

	if (a->nr != b->nr)
		f |= CMP_RENUMBERED;
	if (!str_eq(a->status, b->status) || !str_eq(a->reason, b->reason))
		f |= CMP_STATUS;
	if (!str_eq(a->entry_point, b->entry_point))
		f |= CMP_ENTRY_POINT;
	/* an unimplemented row's definition is whatever runs instead
	 * (sys_ni_syscall): its place says nothing about this syscall */
	if (a->definition.id && b->definition.id && str_eq(a->status, "implemented") &&
	    str_eq(b->status, "implemented")) {
		if (!str_eq(a->definition.file, b->definition.file))
			f |= CMP_MOVED_FILE;
		else if (a->definition.line != b->definition.line)
			f |= CMP_MOVED_LINE;
		if (!signature_eq(a->definition.signature, b->definition.signature))
			f |= CMP_SIGNATURE;
	}
	return f;
}

static int syscalls_compare(struct compare *c)
{
	const struct ix_syscall **sorted;
	char *matched;
	size_t i, n = 0;

	sorted = xcalloc(c->list_a.nr + 1, sizeof(*sorted));
	matched = xcalloc(c->list_a.nr + 1, 1);
	for (i = 0; i < c->list_a.nr; i++)
		sorted[i] = &c->list_a.items[i];
	qsort(sorted, c->list_a.nr, sizeof(*sorted), by_abi_name);

	c->syscalls = xcalloc(c->list_a.nr + c->list_b.nr + 1, sizeof(*c->syscalls));
	for (i = 0; i < c->list_b.nr; i++) {
		const struct ix_syscall *b = &c->list_b.items[i], *key = b, **hit;
		struct cmp_syscall *s = &c->syscalls[n++];

		hit = bsearch(&key, sorted, c->list_a.nr, sizeof(*sorted), by_abi_name);
		s->b = b;
		if (!hit) {
			s->flags = CMP_ADDED;
			continue;
		}
		s->a = *hit;
		matched[*hit - c->list_a.items] = 1;
		s->flags = compare_syscall_flags(s->a, b);
	}
	for (i = 0; i < c->list_a.nr; i++) {
		if (matched[i])
			continue;
		c->syscalls[n].a = &c->list_a.items[i];
		c->syscalls[n++].flags = CMP_REMOVED;
	}
	c->nr_syscalls = n;
	qsort(c->syscalls, n, sizeof(*c->syscalls), cmp_key);

	for (i = 0; i < n; i++) {
		unsigned f = c->syscalls[i].flags;

		c->nr_added += !!(f & CMP_ADDED);
		c->nr_removed += !!(f & CMP_REMOVED);
		c->nr_renumbered += !!(f & CMP_RENUMBERED);
		c->nr_moved_file += !!(f & CMP_MOVED_FILE);
		c->nr_moved_line += !!(f & CMP_MOVED_LINE);
		c->nr_signature += !!(f & CMP_SIGNATURE);
		c->nr_status += !!(f & CMP_STATUS);
		c->nr_unchanged += !f;
	}
	free(sorted);
	free(matched);
	return 0;
}

static const char *step_name(const struct ix_step *s)
{
	return s->sym.name ? s->sym.name : "";
}

/* Align the steps of p->a and p->b by name (longest common subsequence). */
static void path_align(struct cmp_path *p)
{
	size_t n = p->a.nr_steps, m = p->b.nr_steps, i, j, k = 0;
	size_t *len = xcalloc((n + 1) * (m + 1), sizeof(*len));

#define L(i, j) len[(i) * (m + 1) + (j)]
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			L(i, j) = !strcmp(step_name(&p->a.steps[i]), step_name(&p->b.steps[j])) ?
				  L(i + 1, j + 1) + 1 :
				  (L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j) : L(i, j + 1));
	p->rows = xcalloc(n + m + 1, sizeof(*p->rows));
	for (i = 0, j = 0; i < n || j < m;) {
		struct cmp_step *row = &p->rows[k++];

		if (i < n && j < m &&
		    !strcmp(step_name(&p->a.steps[i]), step_name(&p->b.steps[j]))) {
			const struct ix_step *sa = &p->a.steps[i++], *sb = &p->b.steps[j++];

			row->a = sa;
			row->b = sb;
			if (!str_eq(sa->sym.file, sb->sym.file))
				row->flags |= CMP_MOVED_FILE;
			else if (sa->sym.line != sb->sym.line)
				row->flags |= CMP_MOVED_LINE;
			if (sa->call_line != sb->call_line)
				row->flags |= CMP_CALL_LINE;
		} else if (i < n && (j == m || L(i + 1, j) >= L(i, j + 1))) {
			/* on a tie the old step goes first, as diff shows it */
			row->a = &p->a.steps[i++];
			row->flags = CMP_REMOVED;
			p->nr_only_a++;
		} else {
			row->b = &p->b.steps[j++];
			row->flags = CMP_ADDED;
			p->nr_only_b++;
		}
	}
#undef L
	p->nr_rows = k;
	free(len);
}

/* The syscall paths first, in the order a syscall runs them, then by name. */
static int path_rank(const char *name)
{
	static const char *const first[] = { "syscall-enter", "syscall-dispatch", "syscall-exit" };
	size_t i;

	for (i = 0; i < 3; i++)
		if (!strcmp(name, first[i]))
			return (int)i;
	return 3;
}

static int by_path_order(const void *pa, const void *pb)
{
	const char *x = *(const char *const *)pa, *y = *(const char *const *)pb;
	int r = path_rank(x) - path_rank(y);

	return r ? r : strcmp(x, y);
}

static int paths_compare(struct compare *c)
{
	char **na = NULL, **nb = NULL;
	const char **all = NULL;
	size_t n = 0, i, j;
	int rc = -1;

	if (ix_path_names(c->a, c->a->kernel.id, NULL, &na) < 0 ||
	    ix_path_names(c->b, c->b->kernel.id, NULL, &nb) < 0)
		goto cleanup;
	for (i = 0; na[i]; i++)
		n++;
	for (i = 0; nb[i]; i++)
		n++;
	all = xcalloc(n + 1, sizeof(*all));
	n = 0;
	for (i = 0; na[i]; i++)
		all[n++] = na[i];
	for (i = 0; nb[i]; i++) {
		for (j = 0; na[j] && strcmp(na[j], nb[i]); j++)
			;
		if (!na[j])
			all[n++] = nb[i];
	}
	qsort(all, n, sizeof(*all), by_path_order);

	c->paths = xcalloc(n + 1, sizeof(*c->paths));
	for (i = 0; i < n; i++) {
		struct cmp_path *p = &c->paths[c->nr_paths++];

		if (ix_path_load(c->a, c->a->kernel.id, all[i], &p->a) < 0 ||
		    ix_path_load(c->b, c->b->kernel.id, all[i], &p->b) < 0)
			goto cleanup;
		p->name = p->b.name;
		if (!p->a.nr_steps)
			p->flags = CMP_ADDED;
		else if (!p->b.nr_steps)
			p->flags = CMP_REMOVED;
		path_align(p);
	}
	rc = 0;
cleanup:
	free(all);
	ix_names_free(na);
	ix_names_free(nb);
	return rc;
}

int compare_build(struct compare *c, struct ix *a, struct ix *b)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
	c->b = b;
	if (ix_syscalls_load(a, NULL, &c->list_a) < 0 ||
	    ix_syscalls_load(b, NULL, &c->list_b) < 0 ||
	    syscalls_compare(c) < 0 || paths_compare(c) < 0) {
		compare_release(c);
		return -1;
	}
	return 0;
}

int compare_paths_build(struct compare *c, struct ix *a, struct ix *b)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
	c->b = b;
	if (paths_compare(c) < 0) {
		compare_release(c);
		return -1;
	}
	return 0;
}

void compare_release(struct compare *c)
{
	size_t i;

	for (i = 0; i < c->nr_paths; i++) {
		ix_path_release(&c->paths[i].a);
		ix_path_release(&c->paths[i].b);
		free(c->paths[i].rows);
	}
	free(c->paths);
	free(c->syscalls);
	ix_syscall_list_release(&c->list_a);
	ix_syscall_list_release(&c->list_b);
	memset(c, 0, sizeof(*c));
}

const struct cmp_syscall *compare_syscall_find(const struct compare *c,
					       const char *abi, const char *name)
{
	size_t i;

	for (i = 0; i < c->nr_syscalls; i++) {
		const struct ix_syscall *k = key_of(&c->syscalls[i]);

		if (!strcmp(k->name, name) && (!abi || !strcmp(k->abi, abi)))
			return &c->syscalls[i];
	}
	return NULL;
}

const struct cmp_path *compare_path_find(const struct compare *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nr_paths; i++)
		if (!strcmp(c->paths[i].name, name))
			return &c->paths[i];
	return NULL;
}

void compare_flags_describe(struct strbuf *out, unsigned flags)
{
	static const struct { unsigned bit; const char *name; } names[] = {
		{ CMP_ADDED, "added" },
		{ CMP_REMOVED, "removed" },
		{ CMP_RENUMBERED, "renumbered" },
		{ CMP_MOVED_FILE, "moved to another file" },
		{ CMP_MOVED_LINE, "moved within its file" },
		{ CMP_SIGNATURE, "signature changed" },
		{ CMP_STATUS, "status changed" },
		{ CMP_ENTRY_POINT, "entry point changed" },
		{ CMP_CALL_LINE, "call line moved" },
	};
	size_t i;
	int first = 1;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(flags & names[i].bit))
			continue;
		strbuf_addf(out, "%s%s", first ? "" : ", ", names[i].name);
		first = 0;
	}
	if (first)
		strbuf_addstr(out, "unchanged");
}
