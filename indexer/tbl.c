#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "kernel.h"
#include "strbuf.h"

static const char *const known_abis[] = { "common", "64", "x32", "i386" };

static int abi_known(const char *abi)
{
	size_t i;

	for (i = 0; i < sizeof(known_abis) / sizeof(known_abis[0]); i++)
		if (!strcmp(abi, known_abis[i]))
			return 1;
	return 0;
}

static int is_ident(const char *s)
{
	if (!*s || isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* The entry point the kernel's table holds: "__x64_" + entry, … */
static char *entry_point(const char *abi, const char *entry, const char *compat)
{
	struct strbuf sb = STRBUF_INIT;

	if (!strcmp(abi, "i386")) {
		const char *e = compat ? compat : entry;

		if (!e)
			return NULL;
		strbuf_addf(&sb, "__ia32_%s", e);
	} else if (!strcmp(abi, "x32")) {
		if (!entry)
			return NULL;
		strbuf_addf(&sb, "__x32_%s", entry);
	} else {
		if (!entry)
			return NULL;
		strbuf_addf(&sb, "__x64_%s", entry);
	}
	return strbuf_detach(&sb, NULL);
}

int tbl_parse(struct ix_tree *t, const char *relpath, struct tbl *out)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char *p, *next;
	int lineno = 0, rc = -1;

	strbuf_addf(&path, "%s/%s", t->root, relpath);
	if (strbuf_read_file(&text, path.buf) < 0)
		goto cleanup;
	for (p = text.buf; p && *p; p = next) {
		char *fields[7], *save = NULL, *f, *hash;
		int n = 0;
		long nr;
		char *end;
		struct tbl_entry *e;

		next = strchr(p, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		if ((hash = strchr(p, '#')))
			*hash = 0;
		for (f = strtok_r(p, " \t\r", &save); f && n < 7;
		     f = strtok_r(NULL, " \t\r", &save))
			fields[n++] = f;
		/*
		 * Since Linux 6.11 a sixth field may say the call never returns:
		 * NR ABI NAME ENTRY COMPAT noreturn, COMPAT "-" when there is none.
		 */
		if (n == 6 && !strcmp(fields[5], "noreturn"))
			n = 5;
		if (n == 5 && !strcmp(fields[4], "-"))
			n = 4;
		if (!n)
			continue;
		nr = strtol(fields[0], &end, 10);
		if (*end || nr < 0 || nr > 100000) {
			ix_skip(t, relpath, lineno, "not a syscall number: '%s'", fields[0]);
			continue;
		}
		if (n < 3) {
			ix_skip(t, relpath, lineno, "truncated line: %d field%s, want NR ABI NAME [ENTRY [COMPAT [noreturn]]]",
				n, n == 1 ? "" : "s");
			continue;
		}
		if (n > 5) {
			ix_skip(t, relpath, lineno, "garbled line: more than NR ABI NAME ENTRY COMPAT noreturn");
			continue;
		}
		if (!abi_known(fields[1])) {
			ix_skip(t, relpath, lineno, "unknown ABI '%s'", fields[1]);
			continue;
		}
		{
			int bad = !is_ident(fields[2]) ? 2 : n > 3 && !is_ident(fields[3]) ? 3 :
				  n > 4 && !is_ident(fields[4]) ? 4 : 0;

			if (bad) {
				ix_skip(t, relpath, lineno, "garbled %s: '%s' is not a C identifier",
					bad == 2 ? "name" : bad == 3 ? "entry point" : "compat entry point",
					fields[bad]);
				continue;
			}
		}
		if (out->n == out->alloc) {
			out->alloc = out->alloc ? out->alloc * 2 : 512;
			out->v = xrealloc(out->v, out->alloc * sizeof(*out->v));
		}
		e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->nr = (int)nr;
		snprintf(e->abi, sizeof(e->abi), "%s", fields[1]);
		e->name = xstrdup(fields[2]);
		e->entry = n > 3 ? xstrdup(fields[3]) : NULL;
		e->compat = n > 4 ? xstrdup(fields[4]) : NULL;
		e->entry_point = entry_point(e->abi, e->entry, e->compat);
		e->line = lineno;
	}
	rc = 0;
cleanup:
	strbuf_release(&path);
	strbuf_release(&text);
	return rc;
}

void tbl_release(struct tbl *tb)
{
	int i;

	for (i = 0; i < tb->n; i++) {
		free(tb->v[i].name);
		free(tb->v[i].entry);
		free(tb->v[i].compat);
		free(tb->v[i].entry_point);
	}
	free(tb->v);
	memset(tb, 0, sizeof(*tb));
}
