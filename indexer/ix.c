#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "ix.h"
#include "strbuf.h"

#define GROW(v, n, a) do { \
	if ((n) == (a)) { \
		(a) = (a) ? (a) * 2 : 64; \
		(v) = xrealloc((v), (size_t)(a) * sizeof(*(v))); \
	} \
} while (0)

struct ix_tree *ix_tree_new(const char *kind, const char *root)
{
	struct ix_tree *t = xcalloc(1, sizeof(*t));

	t->kind = kind;
	t->root = root ? xstrdup(root) : NULL;
	t->db_id = -1;
	return t;
}

void ix_tree_free(struct ix_tree *t)
{
	int i;

	if (!t)
		return;
	for (i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	free(t->files);
	strmap_release(&t->file_ids);
	for (i = 0; i < t->nsyms; i++) {
		free(t->syms[i].name);
		free(t->syms[i].signature);
	}
	free(t->syms);
	strmap_release(&t->sym_ids);
	free(t->calls);
	for (i = 0; i < t->nicalls; i++) {
		free(t->icalls[i].expr);
		free(t->icalls[i].member);
	}
	free(t->icalls);
	for (i = 0; i < t->nminits; i++)
		free(t->minits[i].member);
	free(t->minits);
	for (i = 0; i < t->nsyscalls; i++) {
		free(t->syscalls[i].name);
		free(t->syscalls[i].entry_point);
		free(t->syscalls[i].reason);
	}
	free(t->syscalls);
	for (i = 0; i < t->nsteps; i++)
		free(t->steps[i].name);
	free(t->steps);
	for (i = 0; i < t->nssys; i++) {
		free(t->ssys[i].name);
		free(t->ssys[i].flags);
		free(t->ssys[i].decoder);
	}
	free(t->ssys);
	for (i = 0; i < t->nskips; i++) {
		free(t->skips[i].path);
		free(t->skips[i].reason);
	}
	free(t->skips);
	free(t->dargs);
	free(t->version);
	free(t->arch);
	free(t->url_template);
	free(t->root);
	free(t->config);
	free(t);
}

int ix_file(struct ix_tree *t, const char *path)
{
	long id = strmap_get(&t->file_ids, path, -1);

	if (id >= 0)
		return (int)id;
	GROW(t->files, t->nfiles, t->afiles);
	t->files[t->nfiles] = xstrdup(path);
	strmap_put(&t->file_ids, path, t->nfiles);
	return t->nfiles++;
}

static void sym_key(struct strbuf *sb, const char *kind, const char *name, int file)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s\t%s\t%d", kind, name, file);
}

int ix_symbol_add(struct ix_tree *t, const char *kind, const char *name,
		  int file, int line, int end_line, const char *signature)
{
	struct strbuf key = STRBUF_INIT;
	struct ix_symbol *s;
	long id;

	sym_key(&key, kind, name, file);
	if (strcmp(kind, "function") && strcmp(kind, "syscall_definition") &&
	    strcmp(kind, "asm_label") && strcmp(kind, "strace_decoder"))
		strbuf_addf(&key, "\t%d", line);	/* one per line: case labels… */
	id = strmap_get(&t->sym_ids, key.buf, -1);
	if (id >= 0) {
		s = &t->syms[id];
		if (!s->line && line) {		/* a declaration, now defined */
			s->line = line;
			s->end_line = end_line;
		}
		if (!s->signature && signature)
			s->signature = xstrdup(signature);
		strbuf_release(&key);
		return (int)id;
	}
	GROW(t->syms, t->nsyms, t->asyms);
	s = &t->syms[t->nsyms];
	s->name = xstrdup(name);
	s->kind = kind;
	s->file = file;
	s->line = line;
	s->end_line = end_line;
	s->signature = signature ? xstrdup(signature) : NULL;
	s->merged_into = -1;
	strmap_put(&t->sym_ids, key.buf, t->nsyms);
	/* also findable by kind and name alone (first one wins) */
	sym_key(&key, kind, name, -2);
	strmap_put_new(&t->sym_ids, key.buf, t->nsyms);
	strbuf_release(&key);
	return t->nsyms++;
}

int ix_symbol_find(const struct ix_tree *t, const char *kind, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	long id;

	sym_key(&key, kind, name, -2);
	id = strmap_get(&t->sym_ids, key.buf, -1);
	strbuf_release(&key);
	return (int)id;
}

void ix_call_add(struct ix_tree *t, int caller, int callee, int file, int line)
{
	GROW(t->calls, t->ncalls, t->acalls);
	t->calls[t->ncalls++] = (struct ix_call){ caller, callee, file, line };
}

void ix_icall_add(struct ix_tree *t, int caller, int file, int line, const char *expr,
		  const char *member)
{
	GROW(t->icalls, t->nicalls, t->aicalls);
	t->icalls[t->nicalls++] = (struct ix_icall){ caller, file, line, xstrdup(expr),
						     xstrdup(member) };
}

void ix_member_init_add(struct ix_tree *t, const char *member, int sym, int file, int line)
{
	GROW(t->minits, t->nminits, t->aminits);
	t->minits[t->nminits++] = (struct ix_member_init){ xstrdup(member), sym, file, line };
}

void ix_symbol_merge(struct ix_tree *t, int from, int to)
{
	int i;

	t->syms[from].merged_into = to;
	for (i = 0; i < t->ncalls; i++) {
		if (t->calls[i].caller == from)
			t->calls[i].caller = to;
		if (t->calls[i].callee == from)
			t->calls[i].callee = to;
	}
	for (i = 0; i < t->nsteps; i++)
		if (t->steps[i].symbol == from)
			t->steps[i].symbol = to;
	for (i = 0; i < t->nsyscalls; i++)
		if (t->syscalls[i].definition == from)
			t->syscalls[i].definition = to;
}

void ix_skip(struct ix_tree *t, const char *path, int line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	GROW(t->skips, t->nskips, t->askips);
	t->skips[t->nskips].path = path ? xstrdup(path) : NULL;
	t->skips[t->nskips].line = line;
	t->skips[t->nskips].reason = strbuf_detach(&sb, NULL);
	if (path && line)
		warning("index: %s:%d: %s", path, line, t->skips[t->nskips].reason);
	else if (path)
		warning("index: %s: %s", path, t->skips[t->nskips].reason);
	else
		warning("index: %s", t->skips[t->nskips].reason);
	t->nskips++;
}

struct ix_syscall *ix_syscall_add(struct ix_tree *t)
{
	struct ix_syscall *s;

	GROW(t->syscalls, t->nsyscalls, t->asyscalls);
	s = &t->syscalls[t->nsyscalls++];
	memset(s, 0, sizeof(*s));
	s->definition = s->decoder = -1;
	return s;
}

struct ix_strace_syscall *ix_strace_syscall_add(struct ix_tree *t)
{
	struct ix_strace_syscall *s;

	GROW(t->ssys, t->nssys, t->assys);
	s = &t->ssys[t->nssys++];
	memset(s, 0, sizeof(*s));
	s->nargs = -1;
	s->decoder_sym = -1;
	return s;
}

void ix_path_add(struct ix_tree *t, const char *name, int step, int symbol,
		 int call_line)
{
	GROW(t->steps, t->nsteps, t->asteps);
	t->steps[t->nsteps++] = (struct ix_path_step){ xstrdup(name), step,
						       symbol, call_line };
}

void ix_decoder_arg_add(struct ix_tree *t, int decoder, int arg, int printer, int file,
			int line, int via)
{
	GROW(t->dargs, t->ndargs, t->adargs);
	t->dargs[t->ndargs++] = (struct ix_decoder_arg){ decoder, arg, printer, file, line, via };
}

/* --- writing -------------------------------------------------------- */

static int bind_opt_int(sqlite3_stmt *st, int idx, long v)
{
	return v > 0 ? db_bind_int(st, idx, v) : db_bind_null(st, idx);
}

static int write_tree(sqlite3 *db, struct ix_tree *t, int64_t *sym_base,
		      const struct ix_tree *strace, int64_t strace_base)
{
	sqlite3_stmt *st = NULL;
	int64_t file_base, base;
	int i, rc = -1;

	if (db_prepare(db, &st, "INSERT INTO tree(kind, version, arch, url_template,"
		       " root, config) VALUES (?, ?, ?, ?, ?, ?)") ||
	    db_bind_text(st, 1, t->kind, -1) ||
	    db_bind_text(st, 2, t->version ? t->version : "unknown", -1) ||
	    db_bind_text(st, 3, t->arch ? t->arch : "x86_64", -1) ||
	    db_bind_text(st, 4, t->url_template ? t->url_template : "", -1) ||
	    db_bind_text(st, 5, t->root, -1) ||
	    db_bind_text(st, 6, t->config, -1) || db_step_done(st))
		goto cleanup;
	db_finalize(st);
	st = NULL;
	t->db_id = (int)sqlite3_last_insert_rowid(db);

	if (db_query_int(db, "SELECT coalesce(max(id), 0) FROM file", &file_base) ||
	    db_query_int(db, "SELECT coalesce(max(id), 0) FROM symbol", &base))
		goto cleanup;
	file_base++;
	base++;
	*sym_base = base;

	if (db_prepare(db, &st, "INSERT INTO file(id, tree_id, path) VALUES (?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nfiles; i++)
		if (db_bind_int(st, 1, file_base + i) || db_bind_int(st, 2, t->db_id) ||
		    db_bind_text(st, 3, t->files[i], -1) || db_step_done(st))
			goto cleanup;
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO symbol(id, tree_id, name, kind, file_id,"
		       " line, end_line, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nsyms; i++) {
		const struct ix_symbol *s = &t->syms[i];

		if (s->merged_into >= 0)
			continue;
		if (db_bind_int(st, 1, base + i) || db_bind_int(st, 2, t->db_id) ||
		    db_bind_text(st, 3, s->name, -1) || db_bind_text(st, 4, s->kind, -1) ||
		    (s->file >= 0 ? db_bind_int(st, 5, file_base + s->file) :
		     db_bind_null(st, 5)) ||
		    bind_opt_int(st, 6, s->line) || bind_opt_int(st, 7, s->end_line) ||
		    db_bind_text(st, 8, s->signature, -1) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO call(caller_id, callee_id, file_id, line)"
		       " VALUES (?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->ncalls; i++) {
		const struct ix_call *c = &t->calls[i];

		if (db_bind_int(st, 1, base + c->caller) ||
		    db_bind_int(st, 2, base + c->callee) ||
		    db_bind_int(st, 3, file_base + c->file) ||
		    db_bind_int(st, 4, c->line) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO icall(caller_id, file_id, line, expr, member)"
		       " VALUES (?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nicalls; i++) {
		const struct ix_icall *c = &t->icalls[i];

		if (db_bind_int(st, 1, base + c->caller) ||
		    db_bind_int(st, 2, file_base + c->file) ||
		    db_bind_int(st, 3, c->line) || db_bind_text(st, 4, c->expr, -1) ||
		    db_bind_text(st, 5, c->member, -1) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO member_init(tree_id, member, symbol_id, file_id, line)"
		       " VALUES (?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nminits; i++) {
		const struct ix_member_init *m = &t->minits[i];

		if (db_bind_int(st, 1, t->db_id) || db_bind_text(st, 2, m->member, -1) ||
		    db_bind_int(st, 3, base + m->sym) ||
		    db_bind_int(st, 4, file_base + m->file) ||
		    db_bind_int(st, 5, m->line) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO syscall(tree_id, abi, nr, name, entry_point,"
		       " definition_id, decoder_id, status, reason)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nsyscalls; i++) {
		const struct ix_syscall *s = &t->syscalls[i];

		if (db_bind_int(st, 1, t->db_id) || db_bind_text(st, 2, s->abi, -1) ||
		    db_bind_int(st, 3, s->nr) || db_bind_text(st, 4, s->name, -1) ||
		    db_bind_text(st, 5, s->entry_point, -1) ||
		    (s->definition >= 0 ? db_bind_int(st, 6, base + s->definition) :
		     db_bind_null(st, 6)) ||
		    (s->decoder >= 0 && strace ? db_bind_int(st, 7, strace_base + s->decoder) :
		     db_bind_null(st, 7)) ||
		    db_bind_text(st, 8, s->status ? s->status : "unimplemented", -1) ||
		    db_bind_text(st, 9, s->reason, -1) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO path(tree_id, name, step, symbol_id, call_line)"
		       " VALUES (?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nsteps; i++) {
		const struct ix_path_step *p = &t->steps[i];

		if (db_bind_int(st, 1, t->db_id) || db_bind_text(st, 2, p->name, -1) ||
		    db_bind_int(st, 3, p->step) || db_bind_int(st, 4, base + p->symbol) ||
		    bind_opt_int(st, 5, p->call_line) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO strace_syscall(tree_id, abi, nr, name, nargs,"
		       " flags, decoder, decoder_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nssys; i++) {
		const struct ix_strace_syscall *s = &t->ssys[i];

		if (db_bind_int(st, 1, t->db_id) || db_bind_text(st, 2, s->abi, -1) ||
		    db_bind_int(st, 3, s->nr) || db_bind_text(st, 4, s->name, -1) ||
		    (s->nargs >= 0 ? db_bind_int(st, 5, s->nargs) : db_bind_null(st, 5)) ||
		    db_bind_text(st, 6, s->flags, -1) || db_bind_text(st, 7, s->decoder, -1) ||
		    (s->decoder_sym >= 0 ? db_bind_int(st, 8, base + s->decoder_sym) :
		     db_bind_null(st, 8)) || db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO skipped(tree_id, path, line, reason)"
		       " VALUES (?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->nskips; i++) {
		const struct ix_skip *s = &t->skips[i];

		if (db_bind_int(st, 1, t->db_id) || db_bind_text(st, 2, s->path, -1) ||
		    bind_opt_int(st, 3, s->line) || db_bind_text(st, 4, s->reason, -1) ||
		    db_step_done(st))
			goto cleanup;
	}
	db_finalize(st);

	if (db_prepare(db, &st, "INSERT INTO decoder_arg(decoder_id, arg, printer_id, file_id,"
		       " line, via_id) VALUES (?, ?, ?, ?, ?, ?)"))
		goto cleanup;
	for (i = 0; i < t->ndargs; i++) {
		const struct ix_decoder_arg *d = &t->dargs[i];

		if (db_bind_int(st, 1, base + d->decoder) || db_bind_int(st, 2, d->arg) ||
		    db_bind_int(st, 3, base + d->printer) ||
		    db_bind_int(st, 4, file_base + d->file) || db_bind_int(st, 5, d->line) ||
		    (d->via >= 0 ? db_bind_int(st, 6, base + d->via) : db_bind_null(st, 6)) ||
		    db_step_done(st))
			goto cleanup;
	}
	rc = 0;
cleanup:
	db_finalize(st);
	return rc;
}

int ix_write(sqlite3 *db, struct ix_tree *linux_tree, struct ix_tree *strace)
{
	int64_t lbase = 0, sbase = 0;

	if (db_begin(db))
		return -1;
	/* strace first, so the kernel's syscall rows can name its decoders */
	if ((strace && write_tree(db, strace, &sbase, NULL, 0)) ||
	    (linux_tree && write_tree(db, linux_tree, &lbase, strace, sbase))) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db);
}
