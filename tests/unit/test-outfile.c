/* Unit tests for common/outfile.c: what each target is, what is refused,
 * and that only the temporary files are ever removed or renamed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "outfile.h"
#include "strbuf.h"
#include "tap.h"

static char last_error[512];

static void catch_error(const char *line)
{
	snprintf(last_error, sizeof(last_error), "%s", line);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static char *slurp(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_read_file(&sb, path) < 0) {
		strbuf_release(&sb);
		return xstrdup("(missing)");
	}
	return strbuf_detach(&sb, NULL);
}

static ino_t ino_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static void write_through(struct outfile *of, const char *text)
{
	int fd = outfile_open(of);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			diag("write: %s", strerror(errno));
		close(fd);
	}
}

int main(void)
{
	char dir[] = "/tmp/sysatlas-test-outfileXXXXXX";
	struct strbuf p = STRBUF_INIT, q = STRBUF_INIT;
	struct outfile a, b;
	struct outdir od;
	char *s;
	ino_t ino;

	if (!mkdtemp(dir)) {
		skip_all("cannot make a temporary directory");
		return 0;
	}
	error_set_routine(catch_error);
	if (chdir(dir) < 0)
		return 1;

	/* a new file: written beside, renamed on commit */
	ok(outfile_check(&a, "-o", "new.txt", 0) == 0 && a.kind == OUTFILE_NEW, "a missing file is NEW");
	write_through(&a, "one");
	ok(a.tmp && !strncmp(a.tmp, dir, strlen(dir)) && strstr(a.tmp, "/new.txt.tmp-"),
	   "the temporary file is beside the target: %s", a.tmp ? a.tmp : "(none)");
	ok(access("new.txt", F_OK) < 0, "nothing at the target before the commit");
	is_int(outfile_commit(&a), 0, "commit");
	s = slurp("new.txt");
	is_str(s, "one", "the target holds what was written");
	free(s);
	outfile_release(&a);

	/* an existing file: refused without force, replaced with it */
	ok(outfile_check(&a, "-o", "new.txt", 0) < 0, "an existing file without force is refused");
	is_str(last_error, "sysatlas: -o new.txt: already exists (use --force to replace it)",
	       "the message says --force");
	outfile_release(&a);
	ok(outfile_check(&a, "-o", "new.txt", OUTFILE_FORCE) == 0 && a.kind == OUTFILE_REPLACE,
	   "with force it is REPLACE");
	write_through(&a, "two");
	outfile_abort(&a);
	s = slurp("new.txt");
	is_str(s, "one", "abort leaves the target as it was");
	free(s);
	ok(!a.tmp, "abort removed the temporary file");
	outfile_release(&a);

	/* a symbolic link: the file it names replaced, the link kept */
	ok(symlink("new.txt", "link.txt") == 0, "make a link");
	ino = ino_of("link.txt");
	ok(outfile_check(&a, "-o", "link.txt", OUTFILE_FORCE) == 0, "a link to a file is accepted");
	write_through(&a, "three");
	is_int(outfile_commit(&a), 0, "commit through the link");
	is_int(ino_of("link.txt"), ino, "the link itself is the same inode");
	s = slurp("new.txt");
	is_str(s, "three", "the file it names was replaced");
	free(s);
	outfile_release(&a);
	ok(symlink("nowhere", "dangling") == 0, "make a dangling link");
	ok(outfile_check(&a, "-o", "dangling", OUTFILE_FORCE) < 0, "a dangling link is refused");
	outfile_release(&a);

	/* what is never a file target */
	ok(mkdir("d", 0755) == 0, "make a directory");
	ok(outfile_check(&a, "-o", "d", OUTFILE_FORCE | OUTFILE_STREAM_OK) < 0, "a directory is refused");
	is_str(last_error, "sysatlas: -o d: is a directory", "and said so");
	outfile_release(&a);
	ok(mkfifo("ff", 0644) == 0, "make a FIFO");
	ok(outfile_check(&a, "-o", "ff", OUTFILE_FORCE) < 0, "a FIFO is refused for a file");
	outfile_release(&a);
	ok(outfile_check(&a, "--text", "ff", OUTFILE_STREAM_OK) == 0 && a.kind == OUTFILE_STREAM,
	   "a FIFO is a stream where streams are allowed");
	ok(outfile_open(&a) < 0, "a FIFO without a reader is refused, not waited for");
	is_str(last_error, "sysatlas: --text ff: a FIFO that no process reads", "and said so");
	outfile_release(&a);
	ok(outfile_check(&a, "-o", "/dev/null", OUTFILE_FORCE) < 0, "/dev/null is no file target");
	outfile_release(&a);
	ok(outfile_check(&a, "-o", "/dev/null", OUTFILE_DISCARD_OK) == 0 && a.kind == OUTFILE_DISCARD,
	   "/dev/null discards a database");
	write_through(&a, "gone");
	strbuf_addstr(&p, a.tmp ? a.tmp : "");
	ok(p.len && access(p.buf, F_OK) == 0, "the scratch file exists while written");
	is_int(outfile_commit(&a), 0, "commit of a discard");
	ok(access(p.buf, F_OK) < 0, "the scratch file is gone");
	ok(access("/dev/null", W_OK) == 0, "/dev/null is still there");
	outfile_release(&a);
	ok(outfile_check(&a, "-o", "missing/x", OUTFILE_FORCE) < 0, "a missing directory is refused");
	outfile_release(&a);

	/* the same file twice */
	ok(outfile_check(&a, "-o", "new.txt", OUTFILE_FORCE) == 0, "check a");
	ok(outfile_check(&b, "--text", "./new.txt", OUTFILE_FORCE) == 0, "check b");
	{
		struct outfile *outs[2] = { &a, &b };
		struct outfile_input in = { "the trace", "link.txt" };

		ok(outfile_distinct(outs, 1, &in, 1) < 0, "an output that is an input (by a link)");
		ok(outfile_distinct(outs, 2, NULL, 0) < 0, "two outputs to one existing file");
	}
	outfile_release(&a);
	outfile_release(&b);
	ok(outfile_check(&a, "-o", "fresh", 0) == 0, "check a new");
	ok(outfile_check(&b, "--text", "d/../fresh", 0) == 0, "check the same new file by another name");
	{
		struct outfile *outs[2] = { &a, &b };

		ok(outfile_distinct(outs, 2, NULL, 0) < 0, "two outputs to one new file");
	}
	outfile_release(&a);
	outfile_release(&b);

	/* directories: new, then merged into an existing one keeping its files */
	ok(outdir_check(&od, "-o", "site/", 0) == 0 && !od.exists, "a new site");
	ok(outdir_open(&od) == 0, "its temporary directory");
	strbuf_reset(&q);
	strbuf_addf(&q, "%s/index.html", od.tmp);
	put(q.buf, "v1");
	ok(access("site", F_OK) < 0, "no site before the commit");
	is_int(outdir_commit(&od), 0, "commit the site");
	s = slurp("site/index.html");
	is_str(s, "v1", "the site is in place");
	free(s);
	outdir_release(&od);
	put("site/notes.txt", "mine");
	ok(outdir_check(&od, "-o", "site", 0) < 0, "an existing site without force is refused");
	outdir_release(&od);
	ok(outdir_check(&od, "-o", "site", 1) == 0 && od.exists, "with force it is written into");
	ok(outdir_open(&od) == 0, "its temporary directory");
	strbuf_reset(&q);
	strbuf_addf(&q, "%s/index.html", od.tmp);
	put(q.buf, "v2");
	strbuf_reset(&q);
	strbuf_addf(&q, "%s/sub", od.tmp);
	ok(mkdir(q.buf, 0755) == 0, "a subdirectory");
	strbuf_addstr(&q, "/page.html");
	put(q.buf, "page");
	is_int(outdir_commit(&od), 0, "merge");
	s = slurp("site/index.html");
	is_str(s, "v2", "the site's file replaced");
	free(s);
	s = slurp("site/notes.txt");
	is_str(s, "mine", "the other file kept");
	free(s);
	s = slurp("site/sub/page.html");
	is_str(s, "page", "the subdirectory merged");
	free(s);
	outdir_release(&od);

	/* abort removes the temporary tree only */
	ok(outdir_check(&od, "-o", "site2", 0) == 0 && outdir_open(&od) == 0, "another site");
	strbuf_reset(&q);
	strbuf_addstr(&q, od.tmp);
	outdir_abort(&od);
	ok(access(q.buf, F_OK) < 0, "abort removed the temporary directory");
	ok(access("site2", F_OK) < 0, "and made no site");
	outdir_release(&od);

	strbuf_release(&p);
	strbuf_release(&q);
	if (chdir("/") == 0) {
		struct strbuf cmd = STRBUF_INIT;

		strbuf_addf(&cmd, "rm -rf '%s'", dir);
		if (system(cmd.buf) != 0)
			diag("could not remove %s", dir);
		strbuf_release(&cmd);
	}
	done_testing();
	return exit_status();
}
