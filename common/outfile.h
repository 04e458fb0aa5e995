/*
 * outfile: outputs that never destroy what they should not.
 *
 * Every output path of every command goes through here, in three steps:
 *
 *   1. before anything runs, outfile_check() / outdir_check() say what the
 *      target is and refuse what must not be written: a directory where a
 *      file is wanted, a device, a socket, a dangling symbolic link, a
 *      missing parent directory, an existing file without --force;
 *      outfile_distinct() refuses an output that is the same file as an
 *      input or as another output (st_dev/st_ino, or the resolved path of
 *      a file still to be made);
 *   2. the output is written into a temporary file (or directory) made
 *      beside the target with mkstemp()/mkdtemp(), so the rename stays on
 *      one file system;
 *   3. on success *_commit() renames it over the target; on failure
 *      *_abort() removes it.
 *
 * Nothing but a regular file is ever replaced, and nothing is unlinked but
 * the temporary files made here.  A terminal, a pipe, a FIFO or /dev/null
 * given to a stream output (--text, --jsonl …) is written in place: that
 * destroys nothing.  /dev/null given to a database output means "keep
 * nothing": the database is written to a scratch file and dropped.
 */
#ifndef SYSATLAS_OUTFILE_H
#define SYSATLAS_OUTFILE_H

#include <stddef.h>
#include <sys/types.h>

enum outfile_kind {
	OUTFILE_NEW,		/* no such file yet */
	OUTFILE_REPLACE,	/* an existing regular file, replaced (--force) */
	OUTFILE_STREAM,		/* a terminal, pipe, FIFO or /dev/null: written in place */
	OUTFILE_DISCARD,	/* /dev/null for a database: nothing is kept */
};

#define OUTFILE_FORCE		1u	/* an existing regular file may be replaced */
#define OUTFILE_STREAM_OK	2u	/* terminals, pipes, FIFOs, /dev/null written in place */
#define OUTFILE_DISCARD_OK	4u	/* /dev/null: write a scratch file, keep nothing */

struct outfile {
	const char *what;	/* the option, for messages: "-o", "--text" */
	const char *arg;	/* the path as given */
	char *path;		/* the target, its directory (or symlink) resolved */
	char *tmp;		/* the temporary file, while there is one */
	enum outfile_kind kind;
	dev_t dev;		/* REPLACE, STREAM: the target's */
	ino_t ino;
};

/* An input, for outfile_distinct(): "the trace", "--index". */
struct outfile_input {
	const char *what;
	const char *path;
};

/*
 * Look at the target arg of option what before anything is written.
 * Returns 0 with *of filled (release it with outfile_release()), or -1
 * after error() ("sysatlas: -o /dev/sda: a block device; refusing to
 * write to it").
 */
int outfile_check(struct outfile *of, const char *what, const char *arg, unsigned flags);

/*
 * Refuse an output that is the same file as an input or as another
 * output.  Entries of outs may be NULL (an output not asked for); inputs
 * that do not exist are skipped (their command reports them).  0 or -1
 * after error().
 */
int outfile_distinct(struct outfile *const *outs, size_t nout,
		     const struct outfile_input *ins, size_t nin);

/*
 * Open the output: for a STREAM the target itself (a FIFO without a
 * reader is an error, not a hang), otherwise a new temporary file beside
 * the target (DISCARD: in $TMPDIR), named in of->tmp, with the mode a new
 * file gets under the umask.  Returns a file descriptor the caller owns,
 * or -1 after error().
 */
int outfile_open(struct outfile *of);

/*
 * Put the written output in place: rename the temporary file over the
 * target (DISCARD: unlink it; STREAM: nothing).  0 or -1 after error(),
 * the temporary file then kept and named in the message.
 */
int outfile_commit(struct outfile *of);

/* Remove the temporary file, if any.  Never touches the target. */
void outfile_abort(struct outfile *of);

/* Free what outfile_check() allocated; does not remove anything. */
void outfile_release(struct outfile *of);

/*
 * Output directories (report and doc sites).  A new directory is made as
 * a temporary beside the target and renamed into place; an existing one
 * (--force) keeps whatever it holds that the site does not write, and
 * each file the site writes is renamed over its old copy on success.
 */
struct outdir {
	const char *what;
	char *path;		/* the target as given, trailing slashes dropped */
	char *tmp;		/* the temporary directory, while there is one */
	int exists;		/* the target exists (--force given) */
};

/* As outfile_check() for a directory; 0 or -1 after error(). */
int outdir_check(struct outdir *od, const char *what, const char *arg, int force);

/* Make the temporary directory (od->tmp); 0 or -1 after error(). */
int outdir_open(struct outdir *od);

/*
 * Put the site in place.  0, or -1 after error() naming what is left in
 * the temporary directory.
 */
int outdir_commit(struct outdir *od);

/* Remove the temporary directory and what was written into it. */
void outdir_abort(struct outdir *od);

void outdir_release(struct outdir *od);

#endif
