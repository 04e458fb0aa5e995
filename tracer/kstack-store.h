/*
 * kstack-store: kernel stacks into trace.db, each distinct stack once
 * (internal to tracer/; the writer thread's).
 *
 * A stack is stored by its canonical text (kstack_canonical()) in kstack,
 * its frames in kstack_frame; a stop's stack goes to stop_kstack and a
 * sample to kstack_sample, both by the stack's id.  Stacks already stored
 * are found in memory, so a run that shows the same stack a million times
 * writes it once.
 */
#ifndef SYSATLAS_TRACER_KSTACK_STORE_H
#define SYSATLAS_TRACER_KSTACK_STORE_H

#include <sqlite3.h>

#include "trace.h"

struct kstack_store;

/* Prepare the statements on db; NULL after error(). */
struct kstack_store *kstack_store_new(sqlite3 *db);

/*
 * Store one stack record (inside the caller's transaction).  A stack with
 * no frame is not stored.  0, or -1 after error().
 */
int kstack_store_add(struct kstack_store *ks, const struct trace_kstack *k);

/* Record why stacks could not be read, unless a reason is already there. */
int kstack_store_note(struct kstack_store *ks, const char *text, size_t len);

void kstack_store_free(struct kstack_store *ks);

#endif
