#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kstack.h"

static const char *const mode_names[] = { "off", "first", "all" };

int kstack_mode_parse(const char *s, enum kstack_mode *mode)
{
	size_t i;

	for (i = 0; i < sizeof(mode_names) / sizeof(mode_names[0]); i++) {
		if (!strcmp(s, mode_names[i])) {
			*mode = (enum kstack_mode)i;
			return 0;
		}
	}
	return -1;
}

const char *kstack_mode_name(enum kstack_mode mode)
{
	return (unsigned)mode < 3 ? mode_names[mode] : "?";
}

static const char *const at_names[KSTACK_AT_COUNT] = {
	[KSTACK_AT_NONE] = "?",
	[KSTACK_AT_ENTER] = "syscall-enter",
	[KSTACK_AT_EXIT] = "syscall-exit",
	[KSTACK_AT_SECCOMP] = "seccomp",
	[KSTACK_AT_SIGNAL] = "signal",
	[KSTACK_AT_GROUP] = "group-stop",
	[KSTACK_AT_FORK] = "fork",
	[KSTACK_AT_VFORK] = "vfork",
	[KSTACK_AT_CLONE] = "clone",
	[KSTACK_AT_EXEC] = "exec",
	[KSTACK_AT_EXIT_EVENT] = "exit",
	[KSTACK_AT_SAMPLE] = "sample",
};

const char *kstack_at_name(enum kstack_at at)
{
	return (unsigned)at < KSTACK_AT_COUNT ? at_names[at] : "?";
}

/* Read a small /proc file into buf; bytes read, or -errno. */
static int read_proc(const char *path, char *buf, size_t size)
{
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0)
		return -errno;
	while (got < size) {
		ssize_t n = read(fd, buf + got, size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (int)got;
}

int kstack_read(pid_t tid, char *buf, size_t size)
{
	char path[48];

	snprintf(path, sizeof(path), "/proc/%d/stack", (int)tid);
	return read_proc(path, buf, size);
}

char kstack_task_state(pid_t tid)
{
	char path[48], buf[512], *p;
	int n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)tid);
	n = read_proc(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* "pid (comm) S ...": comm may hold ')' and blanks; the last ')' ends it */
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || !p[2])
		return 0;
	return p[2];
}

const char *kstack_why(int err)
{
	switch (err) {
	case EACCES:
	case EPERM:
		return "the kernel shows a task's stack (/proc/TID/stack) only to root "
		       "(CAP_SYS_ADMIN): trace as root (sudo sysatlas ...) to see the "
		       "running kernel's own path at each stop";
	case ENOENT:
		return "this kernel has no /proc/TID/stack (it was built without "
		       "CONFIG_STACKTRACE): a kernel built with CONFIG_STACKTRACE=y shows "
		       "its own path at each stop";
	default:
		return "reading /proc/TID/stack was refused (a security module or "
		       "lockdown may forbid it): allow it, or trace on a machine where "
		       "root can read it";
	}
}

const char *kstack_probe(void)
{
	char buf[KSTACK_TEXT_MAX];
	int n = read_proc("/proc/self/stack", buf, sizeof(buf));

	return n < 0 ? kstack_why(-n) : NULL;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Parse "0x<hex>" at *p (up to end); the value, or -1. Advances *p. */
static int64_t parse_hex(const char **p, const char *end)
{
	const char *s = *p;
	int64_t v = 0;
	int digits = 0;

	if (end - s < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	s += 2;
	while (s < end && is_hex(*s)) {
		int d = *s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10;

		if (++digits > 15)
			return -1;	/* no frame is that large */
		v = v * 16 + d;
		s++;
	}
	if (!digits)
		return -1;
	*p = s;
	return v;
}

int kstack_parse_line(const char *line, size_t len, struct kstack_frame *f)
{
	const char *p = line, *end = line + len, *name, *plus = NULL, *q;

	memset(f, 0, sizeof(*f));
	f->offset = f->size = -1;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	if (p == end)
		return -1;
	/* "[<address>] " */
	if (end - p > 3 && p[0] == '[' && p[1] == '<') {
		q = memchr(p, ']', (size_t)(end - p));
		if (q && q[-1] == '>') {
			p = q + 1;
			while (p < end && *p == ' ')
				p++;
		}
	}
	if (p == end)
		return -1;
	name = p;
	/* a trailing " [module]" */
	if (end[-1] == ']') {
		q = end - 1;
		while (q > p && q[-1] != '[')
			q--;
		if (q > p + 1 && q[-2] == ' ' && q < end - 1) {
			f->module = q;
			f->module_len = (size_t)(end - 1 - q);
			end = q - 2;
		}
	}
	/* "name+0xoff/0xsize" */
	for (q = name; q < end; q++) {
		if (*q == ' ' || *q == '\t')
			break;
		if (*q == '+')
			plus = q;
	}
	if (q == end && plus && plus > name) {
		const char *s = plus + 1;
		int64_t off = parse_hex(&s, end), size = -1;

		if (off >= 0 && s < end && *s == '/') {
			s++;
			size = parse_hex(&s, end);
		}
		if (off >= 0 && size >= 0 && s == end) {
			f->func = name;
			f->func_len = (size_t)(plus - name);
			f->offset = off;
			f->size = size;
			return 0;
		}
	}
	/* another shape: keep the line whole (the module too) */
	f->func = name;
	f->func_len = (size_t)((f->module ? f->module + f->module_len + 1 : end) - name);
	f->module = NULL;
	f->module_len = 0;
	return 0;
}

/* Append s, control bytes and DEL as '?'. */
static void add_clean(struct strbuf *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		strbuf_addch(out, c < 0x20 || c == 0x7f ? '?' : c);
	}
}

/* "0x1a", and "0x0" for zero (strbuf_add_hex() writes a bare "0"). */
static void add_hex(struct strbuf *out, int64_t v)
{
	if (v)
		strbuf_add_hex(out, (uint64_t)v);
	else
		strbuf_addstr(out, "0x0");
}

size_t kstack_canonical(const char *text, size_t len, struct strbuf *out)
{
	const char *p = text, *end = text + len;
	size_t frames = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		struct kstack_frame f;

		if (kstack_parse_line(p, (size_t)(eol - p), &f) == 0) {
			add_clean(out, f.func, f.func_len);
			if (f.offset >= 0) {
				strbuf_addch(out, '+');
				add_hex(out, f.offset);
				strbuf_addch(out, '/');
				add_hex(out, f.size);
			}
			if (f.module) {
				strbuf_addstr(out, " [");
				add_clean(out, f.module, f.module_len);
				strbuf_addch(out, ']');
			}
			strbuf_addch(out, '\n');
			frames++;
		}
		p = eol + (nl ? 1 : 0);
	}
	return frames;
}
