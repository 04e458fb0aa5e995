/*
 * session, sysnr: the parts of import/ that share state (internal to
 * import/; the public header is import.h).
 */
#ifndef SYSATLAS_IMPORT_SESSION_H
#define SYSATLAS_IMPORT_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>

#include "import.h"

/* Syscall names to numbers, from an index's table for one arch. */
struct sysnr;

/*
 * Load the native syscalls of arch from the index at path.  NULL after
 * error() (no such index, another arch, no table).
 */
struct sysnr *sysnr_load(const char *path, const char *arch);
void sysnr_free(struct sysnr *t);
/* 0 with *nr set, or -1 when the index does not know the name. */
int sysnr_find(const struct sysnr *t, const char *name, size_t len, int64_t *nr);

struct session;

/* Write into db (a new trace.db, open); mtime dates -t/-tt times.  NULL after error(). */
struct session *session_new(sqlite3 *db, const struct sysnr *nrs, int64_t mtime);
void session_free(struct session *s);

/*
 * One parsed line; file_pid is the pid a -ff file is named for (0:
 * none).  0, or -1 after error() (the database failed).
 */
int session_line(struct session *s, const struct import_line *l, int64_t file_pid);

struct session_run {
	const char *kernel, *arch, *tool_version;
	const char *opts_json;		/* "\"-tt\", \"-T\"" */
	char **files;
	size_t nfiles;
	int64_t skipped;
};

/* Write the run row and commit.  0 or -1. */
int session_finish(struct session *s, const struct session_run *run);

/* Events written so far. */
int64_t session_events(const struct session *s);

#endif
