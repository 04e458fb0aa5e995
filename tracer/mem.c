/*
 * The decoders' view of a stopped tracee's memory (struct decode_mem).
 *
 * process_vm_readv() copies a whole range in one syscall; where the kernel
 * refuses it (no CONFIG_CROSS_MEMORY_ATTACH: ENOSYS; a security module:
 * EPERM) the read falls back to PTRACE_PEEKDATA, one word a call.  Each
 * read records which mechanism it used in the current stop's bits.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "engine.h"

static ssize_t mem_peek(struct engine_mem *m, uint64_t addr, void *buf, size_t len)
{
	const size_t w = sizeof(long);
	char *out = buf;
	size_t done = 0;

	*m->mech |= TRACE_MECH_PEEKDATA;
	while (done < len) {
		uint64_t at = addr + done;
		uint64_t base = at & ~(uint64_t)(w - 1);
		size_t skip = (size_t)(at - base), n = w - skip;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, m->tid, (void *)(uintptr_t)base, NULL);
		if (errno) {
			if (errno == ESRCH)
				return -1;
			break;		/* EIO / EFAULT: unreadable from here */
		}
		if (n > len - done)
			n = len - done;
		memcpy(out + done, (char *)&word + skip, n);
		done += n;
	}
	if (!done && len) {
		errno = EFAULT;
		return -1;
	}
	return (ssize_t)done;
}

static ssize_t mem_read(struct decode_mem *dm, uint64_t addr, void *buf, size_t len)
{
	struct engine_mem *m = (struct engine_mem *)dm;
	struct iovec local = { buf, len }, remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (!len)
		return 0;
	if (!m->no_vm_readv) {
		*m->mech |= TRACE_MECH_PROCESS_VM_READV;
		n = process_vm_readv(m->tid, &local, 1, &remote, 1, 0);
		if (n >= 0 || errno == EFAULT || errno == ESRCH)
			return n;
		if (errno != ENOSYS && errno != EPERM)
			return -1;
		m->no_vm_readv = 1;
	}
	return mem_peek(m, addr, buf, len);
}

static int mem_fd_path(struct decode_mem *dm, int fd, struct strbuf *out)
{
	struct engine_mem *m = (struct engine_mem *)dm;
	char proc[64], path[PATH_MAX];
	ssize_t n;

	*m->mech |= TRACE_MECH_READLINK;
	if (fd == AT_FDCWD)
		snprintf(proc, sizeof(proc), "/proc/%d/cwd", (int)m->tid);
	else
		snprintf(proc, sizeof(proc), "/proc/%d/fd/%d", (int)m->tid, fd);
	n = readlink(proc, path, sizeof(path));
	if (n < 0)
		return -1;
	strbuf_add(out, path, (size_t)n);
	return 0;
}

void engine_mem_init(struct engine_mem *m, unsigned *mech)
{
	memset(m, 0, sizeof(*m));
	m->mem.read = mem_read;
	m->mem.fd_path = mem_fd_path;
	m->mem.engine = m;
	m->mech = mech;
}
