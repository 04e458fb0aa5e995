/*
 * Unit tests for common/infile.c: a regular file is read; a FIFO, a
 * device, a directory or a socket is refused at once, never waited on;
 * a pipe is read only where allowed and only while a process writes it.
 * alarm() turns a hang into a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "infile.h"
#include "strbuf.h"
#include "tap.h"

static char last_error[512];

static void catch_error(const char *line)
{
	snprintf(last_error, sizeof(last_error), "%s", line);
}

static char dir[] = "/tmp/test-infile-XXXXXX";

static const char *in_dir(struct strbuf *p, const char *name)
{
	strbuf_reset(p);
	strbuf_addf(p, "%s/%s", dir, name);
	return p->buf;
}

/* Read path with flags; the error line (or "") in last_error. */
static long rd(struct strbuf *sb, const char *path, unsigned flags)
{
	last_error[0] = 0;
	strbuf_reset(sb);
	strbuf_addstr(sb, "old");
	return infile_read(sb, path, flags);
}

static void regular(struct strbuf *p, struct strbuf *sb)
{
	FILE *f = fopen(in_dir(p, "r.txt"), "w");

	fputs("hello\n", f);
	fclose(f);
	is_int(rd(sb, p->buf, 0), 6, "a regular file is read");
	is_str(sb->buf, "oldhello\n", "appended to what the buffer held");
	is_int(strbuf_read_file(sb, p->buf), 6, "strbuf_read_file reads through infile");
	ok(rd(sb, in_dir(p, "none"), 0) < 0 && strstr(last_error, "No such file"),
	   "a missing file: its errno (%s)", last_error);
	is_str(sb->buf, "old", "the buffer is kept on error");
	ok(rd(sb, dir, 0) < 0 && strstr(last_error, ": is a directory"),
	   "a directory is refused (%s)", last_error);
	ok(rd(sb, "", 0) < 0, "an empty name is refused");
}

static void fifo(struct strbuf *p, struct strbuf *sb)
{
	struct strbuf want = STRBUF_INIT;

	if (mkfifo(in_dir(p, "ff"), 0600) < 0) {
		ok(0, "mkfifo: %s", strerror(errno));
		return;
	}
	strbuf_addf(&want, "sysatlas: %s: a FIFO, not a regular file; refusing to read it", p->buf);
	ok(rd(sb, p->buf, 0) < 0, "a FIFO is refused where a file is expected, not waited on");
	is_str(last_error, want.buf, "and the message says what it is");
	ok(infile_open(p->buf, 0, NULL) < 0, "infile_open refuses it too");
	ok(infile_check(p->buf, 0, NULL) < 0, "and infile_check");
	strbuf_reset(&want);
	strbuf_addf(&want, "sysatlas: %s: a FIFO that no process writes", p->buf);
	ok(rd(sb, p->buf, INFILE_PIPE_OK) < 0, "a FIFO no process writes is refused where pipes may be read");
	is_str(last_error, want.buf, "with its own message");
	ok(infile_check(p->buf, INFILE_PIPE_OK, NULL) == 0, "infile_check takes a FIFO where pipes may be read");
	strbuf_release(&want);
}

static const char *fd_path(struct strbuf *p, int fd)
{
	strbuf_reset(p);
	strbuf_addf(p, "/dev/fd/%d", fd);
	return p->buf;
}

static void pipes(struct strbuf *p, struct strbuf *sb)
{
	int fds[2];
	pid_t pid;

	/* data waiting in a pipe whose writer has gone */
	if (pipe(fds) < 0 || write(fds[1], "abc", 3) != 3) {
		ok(0, "pipe: %s", strerror(errno));
		return;
	}
	close(fds[1]);
	ok(rd(sb, fd_path(p, fds[0]), 0) < 0, "a pipe is refused where a file is expected");
	is_int(rd(sb, fd_path(p, fds[0]), INFILE_PIPE_OK), 3, "a pipe with data is read where allowed");
	is_str(sb->buf, "oldabc", "all of it");
	close(fds[0]);

	/* a writer that is slow to write: read once it has */
	if (pipe(fds) < 0) {
		ok(0, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		usleep(200000);
		if (write(fds[1], "late", 4) != 4)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	is_int(rd(sb, fd_path(p, fds[0]), INFILE_PIPE_OK), 4, "a pipe whose writer is slow is waited for");
	is_str(sb->buf, "oldlate", "and read to its end");
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

static void devices(struct strbuf *p, struct strbuf *sb)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int s;

	ok(rd(sb, "/dev/null", 0) < 0 &&
	   !strcmp(last_error, "sysatlas: /dev/null: a character device, not a regular file; "
		   "refusing to read it"), "/dev/null is refused (%s)", last_error);
	ok(rd(sb, "/dev/zero", INFILE_PIPE_OK) < 0, "/dev/zero is refused, never read forever");
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", in_dir(p, "sock"));
	if (s < 0 || bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		ok(0, "socket: %s", strerror(errno));
	} else {
		ok(rd(sb, p->buf, INFILE_PIPE_OK) < 0 && strstr(last_error, "a socket, not a regular file"),
		   "a socket is refused (%s)", last_error);
	}
	if (s >= 0)
		close(s);
}

static void too_large(struct strbuf *p, struct strbuf *sb)
{
	int fd = open(in_dir(p, "big"), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	/* sparse: nothing is written, nothing should be read */
	if (fd < 0 || ftruncate(fd, INFILE_MAX_SIZE + 1) < 0) {
		ok(0, "ftruncate: %s", strerror(errno));
	} else {
		ok(rd(sb, p->buf, 0) < 0 && strstr(last_error, "too large"),
		   "a file over INFILE_MAX_SIZE is refused before it is read (%s)", last_error);
	}
	if (fd >= 0)
		close(fd);
	unlink(p->buf);
}

int main(void)
{
	struct strbuf p = STRBUF_INIT, sb = STRBUF_INIT, cmd = STRBUF_INIT;

	alarm(20);
	if (!mkdtemp(dir))
		skip_all("mkdtemp failed");
	error_set_routine(catch_error);
	regular(&p, &sb);
	fifo(&p, &sb);
	pipes(&p, &sb);
	devices(&p, &sb);
	too_large(&p, &sb);
	is_str(file_kind_name(S_IFBLK), "a block device", "kind names for messages");
	strbuf_addf(&cmd, "rm -rf '%s'", dir);
	if (system(cmd.buf) != 0)
		diag("could not remove %s", dir);
	strbuf_release(&p);
	strbuf_release(&sb);
	strbuf_release(&cmd);
	done_testing();
	return exit_status();
}
