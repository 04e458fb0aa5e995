/*
 * index-text: an index.db as readable, diffable text and back — the form
 * the built-in index is shipped in (data/index/, docs/schema.md "index.db
 * as text").  Private to indexer/.
 *
 * The text holds facts only: trees, files, symbols, syscall rows, call
 * edges, path steps, strace's table and what was skipped; records are
 * sorted and refer to symbols by NAME@PATH:LINE, never by row id, so a
 * regenerated index differs from the old one only where the facts do.
 * tree.root (a local directory) is not part of the text: an imported
 * index has none, so no source excerpts are attempted from it.
 */
#ifndef SYSATLAS_INDEXER_INDEX_TEXT_H
#define SYSATLAS_INDEXER_INDEX_TEXT_H

#include <sqlite3.h>

#include "strbuf.h"

/*
 * Append the whole index db to out as text.  Refuses (-1 after error())
 * an index the text cannot represent exactly: two trees of one kind, two
 * symbols with the same reference in one tree, references that cross
 * trees or point nowhere.  out may hold part of the text on error.
 */
int index_text_export(sqlite3 *db, struct strbuf *out);

/*
 * Read text (len bytes; name is used in messages as "name:line") into db,
 * an empty index database, in one transaction.  Every record is checked:
 * the header's schema version, field counts, numbers, escapes, and that
 * every file and symbol reference resolves.  0, or -1 after error() with
 * nothing written.
 */
int index_text_import(sqlite3 *db, const char *text, size_t len, const char *name);

/*
 * `sysatlas index --export-text INDEX.db [-o FILE]` (out NULL or "-":
 * stdout) and `sysatlas index --import-text FILE -o INDEX.db [--force]`.
 * Exactly one of export_from and import_from is set.  Writes the output
 * atomically (temporary file renamed into place).  Returns the exit
 * status for main().
 */
int index_text_cmd(const char *export_from, const char *import_from,
		   const char *out, int force);

#endif
