#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "decode.h"
#include "error.h"
#include "kstack.h"
#include "kstack-store.h"
#include "strbuf.h"

struct ks_entry {
	uint64_t hash;			/* 0: empty */
	int64_t id;
	char *text;
};

struct kstack_store {
	sqlite3 *db;
	sqlite3_stmt *ins_stack, *ins_frame, *ins_stop, *ins_sample, *upd_note;
	struct ks_entry *map;
	size_t cap, count;
	int64_t next_id;
	struct strbuf canon;
};

static uint64_t ks_hash(const char *s, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h ? h : 1;
}

struct kstack_store *kstack_store_new(sqlite3 *db)
{
	struct kstack_store *ks = xcalloc(1, sizeof(*ks));

	ks->db = db;
	ks->cap = 256;
	ks->map = xcalloc(ks->cap, sizeof(*ks->map));
	ks->next_id = 1;
	strbuf_init(&ks->canon, 1024);
	if (db_prepare(db, &ks->ins_stack,
		       "INSERT INTO kstack(id, depth, frames) VALUES (?, ?, ?)") < 0 ||
	    db_prepare(db, &ks->ins_frame,
		       "INSERT INTO kstack_frame(stack_id, depth, function, offset, size, module) "
		       "VALUES (?, ?, ?, ?, ?, ?)") < 0 ||
	    db_prepare(db, &ks->ins_stop,
		       "INSERT INTO stop_kstack(seq, tid, ts_ns, stop, abi, nr, stack_id) "
		       "VALUES (?, ?, ?, ?, ?, ?, ?)") < 0 ||
	    db_prepare(db, &ks->ins_sample,
		       "INSERT INTO kstack_sample(call_seq, tid, ts_ns, state, stack_id) "
		       "VALUES (?, ?, ?, ?, ?)") < 0 ||
	    db_prepare(db, &ks->upd_note,
		       "UPDATE run SET kernel_stacks_note = ? WHERE id = 1 "
		       "AND kernel_stacks_note IS NULL") < 0) {
		kstack_store_free(ks);
		return NULL;
	}
	return ks;
}

static void ks_grow(struct kstack_store *ks)
{
	struct ks_entry *old = ks->map;
	size_t oldcap = ks->cap, i;

	ks->cap *= 2;
	ks->map = xcalloc(ks->cap, sizeof(*ks->map));
	for (i = 0; i < oldcap; i++) {
		size_t j;

		if (!old[i].hash)
			continue;
		for (j = old[i].hash & (ks->cap - 1); ks->map[j].hash; j = (j + 1) & (ks->cap - 1))
			;
		ks->map[j] = old[i];
	}
	free(old);
}

/* Insert a new stack's rows; 0 or -1. */
static int ks_insert(struct kstack_store *ks, int64_t id, const char *text, size_t len,
		     size_t depth)
{
	const char *p = text, *end = text + len;
	sqlite3_stmt *st = ks->ins_stack;
	int d = 0;

	if (db_bind_int(st, 1, id) < 0 || db_bind_int(st, 2, (int64_t)depth) < 0 ||
	    db_bind_text(st, 3, text, (int)len) < 0 || db_step_done(st) < 0)
		return -1;
	st = ks->ins_frame;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		struct kstack_frame f;

		if (kstack_parse_line(p, (size_t)(eol - p), &f) == 0) {
			if (db_bind_int(st, 1, id) < 0 || db_bind_int(st, 2, d++) < 0 ||
			    db_bind_text(st, 3, f.func, (int)f.func_len) < 0 ||
			    (f.offset >= 0 ? db_bind_int(st, 4, f.offset) : db_bind_null(st, 4)) < 0 ||
			    (f.size >= 0 ? db_bind_int(st, 5, f.size) : db_bind_null(st, 5)) < 0 ||
			    db_bind_text(st, 6, f.module, f.module ? (int)f.module_len : 0) < 0 ||
			    db_step_done(st) < 0)
				return -1;
		}
		p = eol + (nl ? 1 : 0);
	}
	return 0;
}

/* The id of the canonical stack in ks->canon, stored if new; -1 after error(). */
static int64_t ks_id(struct kstack_store *ks, size_t depth)
{
	const char *text = ks->canon.buf;
	size_t len = ks->canon.len, j;
	uint64_t h = ks_hash(text, len);
	struct ks_entry *e;

	for (j = h & (ks->cap - 1); ks->map[j].hash; j = (j + 1) & (ks->cap - 1)) {
		e = &ks->map[j];
		if (e->hash == h && !strcmp(e->text, text))
			return e->id;
	}
	if (ks_insert(ks, ks->next_id, text, len, depth) < 0)
		return -1;
	e = &ks->map[j];
	e->hash = h;
	e->id = ks->next_id++;
	e->text = xstrndup(text, len);
	if (++ks->count * 2 > ks->cap)
		ks_grow(ks);
	return ks->next_id - 1;
}

static const char *abi_name(int abi)
{
	return abi == DECODE_ABI_I386 ? "i386" : abi == DECODE_ABI_X32 ? "x32" : NULL;
}

int kstack_store_add(struct kstack_store *ks, const struct trace_kstack *k)
{
	sqlite3_stmt *st;
	size_t depth;
	int64_t id;
	char state[2] = { k->state, 0 };

	strbuf_reset(&ks->canon);
	depth = kstack_canonical(k->text, k->text_len, &ks->canon);
	if (!depth)
		return 0;
	id = ks_id(ks, depth);
	if (id < 0)
		return -1;
	if (k->at == KSTACK_AT_SAMPLE) {
		st = ks->ins_sample;
		return db_bind_int(st, 1, (int64_t)k->seq) < 0 || db_bind_int(st, 2, k->tid) < 0 ||
		       db_bind_int(st, 3, k->ts_ns) < 0 ||
		       db_bind_text(st, 4, k->state ? state : NULL, -1) < 0 ||
		       db_bind_int(st, 5, id) < 0 || db_step_done(st) < 0 ? -1 : 0;
	}
	st = ks->ins_stop;
	return (k->seq ? db_bind_int(st, 1, (int64_t)k->seq) : db_bind_null(st, 1)) < 0 ||
	       db_bind_int(st, 2, k->tid) < 0 || db_bind_int(st, 3, k->ts_ns) < 0 ||
	       db_bind_text(st, 4, kstack_at_name((enum kstack_at)k->at), -1) < 0 ||
	       db_bind_text(st, 5, k->has_nr ? abi_name(k->abi) : NULL, -1) < 0 ||
	       (k->has_nr ? db_bind_int(st, 6, k->nr) : db_bind_null(st, 6)) < 0 ||
	       db_bind_int(st, 7, id) < 0 || db_step_done(st) < 0 ? -1 : 0;
}

int kstack_store_note(struct kstack_store *ks, const char *text, size_t len)
{
	return db_bind_text(ks->upd_note, 1, text, (int)len) < 0 ||
	       db_step_done(ks->upd_note) < 0 ? -1 : 0;
}

void kstack_store_free(struct kstack_store *ks)
{
	size_t i;

	if (!ks)
		return;
	for (i = 0; i < ks->cap; i++)
		free(ks->map[i].text);
	free(ks->map);
	db_finalize(ks->ins_stack);
	db_finalize(ks->ins_frame);
	db_finalize(ks->ins_stop);
	db_finalize(ks->ins_sample);
	db_finalize(ks->upd_note);
	strbuf_release(&ks->canon);
	free(ks);
}
