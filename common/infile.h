/*
 * infile: inputs that never hang.
 *
 * Every file a command reads goes through here: strbuf_read_file(),
 * db_open() and the readers of source trees.  An input must be a regular
 * file; a FIFO, a socket or a device is refused with its kind named,
 * before it is opened (a FIFO that no process writes blocks open() and
 * read() forever; opening a device can act on it).  The open itself does
 * not block, and the file is checked again once open.
 *
 * An input that may well be a pipe (--import-text, --config: a shell's
 * `<(…)`) is read from a pipe or FIFO when some process writes to it, and
 * refused when none does.
 */
#ifndef SYSATLAS_INFILE_H
#define SYSATLAS_INFILE_H

#include <sys/stat.h>
#include <sys/types.h>

#include "strbuf.h"

#define INFILE_PIPE_OK	1u	/* a pipe or FIFO that a process writes may be read */

/* The most infile_read() reads: a text input larger is refused. */
#define INFILE_MAX_SIZE ((long)1 << 30)

/* "a FIFO", "a character device", "a directory" … for messages. */
const char *file_kind_name(mode_t mode);

/*
 * Refuse path unless it is a regular file (or, with INFILE_PIPE_OK, a
 * pipe or FIFO), without opening it: for files another library opens
 * (SQLite, libclang).  0, or -1 after error() ("sysatlas: ff: a FIFO, not
 * a regular file; refusing to read it"); a missing file is reported with
 * its errno.  *st (may be NULL) gets the file's status.
 */
int infile_check(const char *path, unsigned flags, struct stat *st);

/*
 * infile_check(), then open path for reading (blocking reads, close on
 * exec).  Returns the file descriptor, which the caller closes, or -1
 * after error().
 */
int infile_open(const char *path, unsigned flags, struct stat *st);

/*
 * Append the whole content of path to sb.  Returns the bytes read, or -1
 * after error() with sb as it was: not a regular file (or pipe), a FIFO
 * that no process writes ("sysatlas: ff: a FIFO that no process writes"),
 * larger than INFILE_MAX_SIZE, or a read error.
 */
long infile_read(struct strbuf *sb, const char *path, unsigned flags);

#endif
