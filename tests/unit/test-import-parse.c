/*
 * Golden outputs of import_parse_line() (import/parse.c): strace log
 * lines written by hand in each of strace's formats (-f prefixes, -t,
 * -tt, -ttt, -r, -T, -y, -X, -e raw=all, -k, unfinished and resumed,
 * signals, exits), each with the fields the parser must find, printed
 * as one line: "KIND field=value …".
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "import.h"
#include "strbuf.h"
#include "tap.h"

static const char *const kinds[IMPORT_LINE_KINDS] = {
	"other", "call", "unfinished", "resumed", "signal", "stopped", "exited", "killed",
	"superseded", "stack", "attached", "detached", "personality",
};

static const char *const tstamps[] = { "none", "t", "tt", "ttt" };

static void field(struct strbuf *out, const char *name, const char *s, size_t len)
{
	strbuf_addf(out, " %s=\"", name);
	strbuf_add(out, s, len);
	strbuf_addch(out, '"');
}

/* The parsed line as "KIND field=value …", the fields that are set. */
static void dump(const struct import_line *l, struct strbuf *out)
{
	strbuf_addstr(out, l->kind < IMPORT_LINE_KINDS ? kinds[l->kind] : "?");
	if (l->has_pid)
		strbuf_addf(out, " pid=%" PRId64, l->pid);
	if (l->tstamp)
		strbuf_addf(out, " ts=%s:%" PRId64 "/%d", tstamps[l->tstamp], l->ts_ns, l->ts_digits);
	if (l->has_rel)
		strbuf_addf(out, " rel=%" PRId64 "/%d", l->rel_ns, l->rel_digits);
	if (l->has_dur)
		strbuf_addf(out, " dur=%" PRId64, l->dur_ns);
	if (l->kind == IMPORT_LINE_OTHER)
		return;
	if (l->name)
		field(out, "name", l->name, l->name_len);
	if (l->has_nr)
		strbuf_addf(out, " nr=%" PRId64, l->nr);
	if (l->args)
		field(out, "args", l->args, l->args_len);
	if (l->result)
		field(out, "result", l->result, l->result_len);
	if (l->has_retval)
		strbuf_addf(out, " ret=%" PRId64, l->retval);
	if (l->err)
		field(out, "err", l->err, l->err_len);
	if (l->has_status)
		strbuf_addf(out, " status=%" PRId64, l->status);
	if (l->core_dumped)
		strbuf_addstr(out, " core");
	if (l->kind == IMPORT_LINE_PERSONALITY)
		strbuf_addf(out, " pers=%d", l->personality);
	field(out, "body", l->body, l->body_len);
}

static const struct {
	const char *line, *want;
} golden[] = {
	/* strace's default output: no prefix, no times */
	{ "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3",
	  "call name=\"openat\" args=\"AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC\" "
	  "result=\"= 3\" ret=3 body=\"openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3\"" },
	{ "access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)",
	  "call name=\"access\" args=\"\"/etc/ld.so.preload\", R_OK\" "
	  "result=\"= -1 ENOENT (No such file or directory)\" ret=-2 err=\"ENOENT\" "
	  "body=\"access(\"/etc/ld.so.preload\", R_OK)      = -1 ENOENT (No such file or directory)\"" },
	{ "exit_group(0)                           = ?",
	  "call name=\"exit_group\" args=\"0\" result=\"= ?\" "
	  "body=\"exit_group(0)                           = ?\"" },
	{ "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f12a4c3e000",
	  "call name=\"mmap\" args=\"NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0\" "
	  "result=\"= 0x7f12a4c3e000\" ret=139718050439168 "
	  "body=\"mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f12a4c3e000\"" },
	/* -f with -o: a bare pid */
	{ "4321  write(1, \"hello\\n\", 6)         = 6",
	  "call pid=4321 name=\"write\" args=\"1, \"hello\\n\", 6\" result=\"= 6\" ret=6 "
	  "body=\"write(1, \"hello\\n\", 6)         = 6\"" },
	/* -f to a terminal: [pid N] */
	{ "[pid  4322] getpid()                   = 4322",
	  "call pid=4322 name=\"getpid\" args=\"\" result=\"= 4322\" ret=4322 "
	  "body=\"getpid()                   = 4322\"" },
	/* -t */
	{ "4321  09:15:02 close(3)               = 0",
	  "call pid=4321 ts=t:33302000000000/0 name=\"close\" args=\"3\" result=\"= 0\" ret=0 "
	  "body=\"close(3)               = 0\"" },
	/* -tt and -T */
	{ "4321  09:15:02.123456 read(3, \"abc\", 4096) = 3 <0.000021>",
	  "call pid=4321 ts=tt:33302123456000/6 dur=21000 name=\"read\" args=\"3, \"abc\", 4096\" "
	  "result=\"= 3\" ret=3 body=\"read(3, \"abc\", 4096) = 3\"" },
	/* -ttt, nanoseconds (--timestamps=unix,ns) */
	{ "1733476502.123456789 brk(NULL) = 0x55d0c0e2f000",
	  "call ts=ttt:1733476502123456789/9 name=\"brk\" args=\"NULL\" result=\"= 0x55d0c0e2f000\" "
	  "ret=94355077656576 body=\"brk(NULL) = 0x55d0c0e2f000\"" },
	/* -r alone, and after -tt */
	{ "     0.000137 getuid()                  = 1000",
	  "call rel=137000/6 name=\"getuid\" args=\"\" result=\"= 1000\" ret=1000 "
	  "body=\"getuid()                  = 1000\"" },
	{ "09:15:02.123456 (+     0.000412) getgid() = 1000",
	  "call ts=tt:33302123456000/6 rel=412000/6 name=\"getgid\" args=\"\" result=\"= 1000\" "
	  "ret=1000 body=\"getgid() = 1000\"" },
	/* -y: the path after the fd */
	{ "read(3</etc/hostname>, \"box\\n\", 4096) = 4",
	  "call name=\"read\" args=\"3</etc/hostname>, \"box\\n\", 4096\" result=\"= 4\" ret=4 "
	  "body=\"read(3</etc/hostname>, \"box\\n\", 4096) = 4\"" },
	/* -X verbose, -e raw=all */
	{ "openat(0xffffff9c /* AT_FDCWD */, \"/x\", 0 /* O_RDONLY */) = -1 ENOENT (No such file or directory)",
	  "call name=\"openat\" args=\"0xffffff9c /* AT_FDCWD */, \"/x\", 0 /* O_RDONLY */\" "
	  "result=\"= -1 ENOENT (No such file or directory)\" ret=-2 err=\"ENOENT\" "
	  "body=\"openat(0xffffff9c /* AT_FDCWD */, \"/x\", 0 /* O_RDONLY */) = -1 ENOENT (No such file or directory)\"" },
	{ "close(0x3) = 0",
	  "call name=\"close\" args=\"0x3\" result=\"= 0\" ret=0 body=\"close(0x3) = 0\"" },
	/* an unknown call */
	{ "syscall_0x1b6(0x1, 0x2, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)",
	  "call name=\"syscall_0x1b6\" nr=438 args=\"0x1, 0x2, 0, 0, 0, 0\" "
	  "result=\"= -1 ENOSYS (Function not implemented)\" ret=-38 err=\"ENOSYS\" "
	  "body=\"syscall_0x1b6(0x1, 0x2, 0, 0, 0, 0) = -1 ENOSYS (Function not implemented)\"" },
	/* unfinished and resumed */
	{ "[pid  4321] wait4(-1,  <unfinished ...>",
	  "unfinished pid=4321 name=\"wait4\" args=\"-1, \" body=\"wait4(-1,  <unfinished ...>\"" },
	{ "[pid  4321] <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 4322",
	  "resumed pid=4321 name=\"wait4\" args=\"[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL\" "
	  "result=\"= 4322\" ret=4322 "
	  "body=\"<... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 4322\"" },
	{ "4321  09:15:03.000100 <... read resumed>\"x\", 1) = 1 <0.500000>",
	  "resumed pid=4321 ts=tt:33303000100000/6 dur=500000000 name=\"read\" args=\"\"x\", 1\" "
	  "result=\"= 1\" ret=1 body=\"<... read resumed>\"x\", 1) = 1\"" },
	/* signals, stops, exits */
	{ "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4322, si_uid=1000, si_status=0} ---",
	  "signal name=\"SIGCHLD\" "
	  "body=\"--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=4322, si_uid=1000, si_status=0} ---\"" },
	{ "[pid  4322] --- stopped by SIGTSTP ---",
	  "stopped pid=4322 name=\"SIGTSTP\" body=\"--- stopped by SIGTSTP ---\"" },
	{ "+++ exited with 3 +++",
	  "exited status=3 body=\"+++ exited with 3 +++\"" },
	{ "4322  09:15:04.5 +++ killed by SIGSEGV (core dumped) +++",
	  "killed pid=4322 ts=tt:33304500000000/1 name=\"SIGSEGV\" status=11 core "
	  "body=\"+++ killed by SIGSEGV (core dumped) +++\"" },
	/* -k: a frame after its call */
	{ " > /usr/lib/x86_64-linux-gnu/libc.so.6(__close+0x17) [0x10a1b7]",
	  "stack body=\"/usr/lib/x86_64-linux-gnu/libc.so.6(__close+0x17) [0x10a1b7]\"" },
	/* not strace's */
	{ "hello, world", "other" },
	{ "openat(AT_FDCWD, \"/etc/pas", "other" },
	{ "", "other" },
};

int main(void)
{
	size_t i, n = sizeof(golden) / sizeof(golden[0]);

	plan((int)n + 2);
	for (i = 0; i < n; i++) {
		struct import_line l;
		struct strbuf got = STRBUF_INIT;

		import_parse_line(golden[i].line, strlen(golden[i].line), &l);
		dump(&l, &got);
		is_str(got.buf, golden[i].want, "%s", *golden[i].line ? golden[i].line : "(empty line)");
		strbuf_release(&got);
	}
	/* a line is read within its length: a NUL-free prefix of a longer buffer */
	{
		static const char buf[] = "close(3) = 0 <0.000001>garbage";
		struct import_line l;

		import_parse_line(buf, strlen("close(3) = 0 <0.000001>"), &l);
		ok(l.kind == IMPORT_LINE_CALL && l.has_dur && l.dur_ns == 1000 && l.retval == 0,
		   "the line ends at len, not at the NUL");
		import_parse_line(buf, strlen("close(3) = 0 <0.0"), &l);
		ok(l.kind == IMPORT_LINE_OTHER || !l.has_dur, "a duration cut by len is not read");
	}
	done_testing();
	return 0;
}
