/*
 * kcheck: how well the lexical pass (cscan.h) agrees with libclang, on
 * the files libclang parsed with their bodies (private to indexer/).
 *
 * `sysatlas index --check-lexical N` parses N more compiled files with
 * their bodies (spread evenly over the sorted list) besides the path
 * files, compares, for all of them, the function definitions (name and
 * line) and the direct calls (caller, callee, line; callees that are
 * functions of the index) that each pass found, and prints precision and
 * recall.  Nothing of it goes into the index.
 */
#ifndef SYSATLAS_INDEXER_KCHECK_H
#define SYSATLAS_INDEXER_KCHECK_H

#include "ix.h"
#include "kconfig.h"
#include "parse.h"

struct kcheck_counts {
	int files;
	long defs_both, defs_lex, defs_clang;	/* matched, lexical, libclang */
	long calls_both, calls_lex, calls_clang;
};

/*
 * Compare the BODIES jobs of jobs[0..njobs) with cscan on the same files
 * (is_function(name) says whether a callee name is a function of the
 * tree).  Fills c.
 */
void kcheck_compare(const struct ix_tree *t, const struct kconfig *kc,
		    const struct parse_job *jobs, int njobs, struct kcheck_counts *c);

/* Print c as "sysatlas: index: lexical pass against libclang: …" lines. */
void kcheck_print(const struct kcheck_counts *c);

#endif
