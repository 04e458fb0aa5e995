/*
 * gen-trace: a synthetic trace.db of N events in the real schema, for the
 * report benchmark (never part of `meson test`).
 *
 *   gen-trace N OUT.db [SEED [THREADS]]
 *
 * Deterministic for a seed.  THREADS threads (16 unless given; at most
 * 4096) in processes of four threads each make a
 * mix of ~40 syscalls with strace-like text (paths, buffers, flags), 5 %
 * of them failing; mechanisms vary as a real tracer's do (registers at
 * every stop, process_vm_readv or PTRACE_PEEKDATA for strings); signals,
 * clones and execs are sprinkled in; the last calls of two threads never
 * exit and the run has no end (as when the tracer is killed), so the
 * unfinished paths are measured too.  The browser test makes its 10^6-event,
 * 200-lane trace with it.  Rows go through the tracer's own writer
 * (tracedb-write.h), which merges a call's enter and exit as it does for
 * a recorded trace.
 */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"	/* the formats are the table above */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "error.h"
#include "schema.h"
#include "strbuf.h"
#include "tracedb-write.h"

static const struct {
	int nr;
	const char *name;
	const char *fmt;		/* the enter text: two numbers, @PATH@ a path */
	int weight;
} mix[] = {
	{ 0, "read", "read(%d, \"\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\"..., 832", 18 },
	{ 1, "write", "write(%d, \"hello, world: line %d\\n\", 22", 14 },
	{ 257, "openat", "openat(AT_FDCWD, \"@PATH@\", O_RDONLY|O_CLOEXEC", 8 },
	{ 3, "close", "close(%d", 8 },
	{ 5, "fstat", "fstat(%d, {st_mode=S_IFREG|0644, st_size=%d, ...}", 6 },
	{ 262, "newfstatat", "newfstatat(AT_FDCWD, \"@PATH@\", {st_mode=S_IFREG|0755, st_size=%d, ...}, 0", 5 },
	{ 9, "mmap", "mmap(NULL, %d, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0", 5 },
	{ 11, "munmap", "munmap(0x7f3a5c%06x, %d", 2 },
	{ 10, "mprotect", "mprotect(0x7f3a5c%06x, 4096, PROT_READ", 2 },
	{ 12, "brk", "brk(0x55d0c0e%05x", 2 },
	{ 8, "lseek", "lseek(%d, %d, SEEK_SET", 3 },
	{ 17, "pread64", "pread64(%d, \"\\x00\\x00\\x00\"..., 4096, %d", 3 },
	{ 202, "futex", "futex(0x7f3a5c0%05x, FUTEX_WAIT_PRIVATE, 2, NULL", 4 },
	{ 7, "poll", "poll([{fd=%d, events=POLLIN}], 1, %d", 2 },
	{ 232, "epoll_wait", "epoll_wait(%d, [{events=EPOLLIN, data={u32=%d, u64=0}}], 8, -1", 2 },
	{ 41, "socket", "socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, %d", 1 },
	{ 42, "connect", "connect(%d, {sa_family=AF_UNIX, sun_path=\"@PATH@\"}, 110", 1 },
	{ 44, "sendto", "sendto(%d, \"GET / HTTP/1.1\\r\\n\"..., %d, MSG_NOSIGNAL, NULL, 0", 1 },
	{ 45, "recvfrom", "recvfrom(%d, \"HTTP/1.1 200 OK\\r\\n\"..., %d, 0, NULL, NULL", 1 },
	{ 13, "rt_sigaction", "rt_sigaction(SIGINT, {sa_handler=0x55d0c0%06x, sa_mask=[], sa_flags=SA_RESTORER}, NULL, 8", 1 },
	{ 14, "rt_sigprocmask", "rt_sigprocmask(SIG_SETMASK, [], NULL, %d", 2 },
	{ 16, "ioctl", "ioctl(%d, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0, ...}", 1 },
	{ 21, "access", "access(\"@PATH@\", R_OK", 1 },
	{ 39, "getpid", "getpid(", 1 },
	{ 102, "getuid", "getuid(", 1 },
	{ 228, "clock_gettime", "clock_gettime(CLOCK_MONOTONIC, {tv_sec=%d, tv_nsec=123456789}", 3 },
	{ 35, "nanosleep", "nanosleep({tv_sec=0, tv_nsec=%d}, NULL", 1 },
	{ 217, "getdents64", "getdents64(%d, 0x55d0c0%06x /* 23 entries */, 32768", 1 },
	{ 89, "readlink", "readlink(\"@PATH@\", \"/usr/bin/demo\", 4095", 1 },
	{ 72, "fcntl", "fcntl(%d, F_GETFL", 1 },
	{ 32, "dup", "dup(%d", 1 },
	{ 22, "pipe", "pipe([%d, 4]", 1 },
	{ 20, "writev", "writev(%d, [{iov_base=\"a\", iov_len=1}], %d", 1 },
	{ 318, "getrandom", "getrandom(\"\\x5a\\x1b\\x03\"..., %d, GRND_NONBLOCK", 1 },
	{ 302, "prlimit64", "prlimit64(0, RLIMIT_STACK, NULL, {rlim_cur=8192*1024, rlim_max=%d}", 1 },
	{ 158, "arch_prctl", "arch_prctl(ARCH_SET_FS, 0x7f3a5c%06x", 1 },
	{ 218, "set_tid_address", "set_tid_address(0x7f3a5c%06x", 1 },
	{ 273, "set_robust_list", "set_robust_list(0x7f3a5c%06x, 24", 1 },
	{ 61, "wait4", "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL", 1 },
};

static const char *const paths[] = {
	"/etc/ld.so.cache", "/lib/x86_64-linux-gnu/libc.so.6", "/etc/passwd",
	"/usr/share/locale/locale.alias", "/proc/self/maps", "/tmp/report-<bench>.txt",
	"/home/student/notes \"draft\".md", "/var/run/nscd/socket",
};

static unsigned long long rng = 88172645463325252ull;

static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	struct tracedb_writer *w = NULL;
	struct strbuf t1 = STRBUF_INIT, t2 = STRBUF_INIT, *etext = NULL;
	long long n, seq = 0, now = 1000000000, *tids = NULL, *enter_seq = NULL;
	long long *first = NULL, *last = NULL, *task_id = NULL;
	int64_t (*args)[6] = NULL;
	int *pending = NULL, *which = NULL, nth = 16;
	int total_weight = 0, i, rc = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: gen-trace N OUT.db [SEED [THREADS]]\n");
		return 2;
	}
	n = atoll(argv[1]);
	if (argc > 3)
		rng = strtoull(argv[3], NULL, 0) | 1;
	if (argc > 4)
		nth = atoi(argv[4]);
	if (n < 1 || nth < 2 || nth > 4096) {
		fprintf(stderr, "gen-trace: N must be positive, THREADS 2 to 4096\n");
		return 2;
	}
	etext = calloc((size_t)nth, sizeof(*etext));
	tids = calloc((size_t)nth, sizeof(*tids));
	enter_seq = calloc((size_t)nth, sizeof(*enter_seq));
	pending = calloc((size_t)nth, sizeof(*pending));
	which = calloc((size_t)nth, sizeof(*which));
	first = calloc((size_t)nth, sizeof(*first));
	last = calloc((size_t)nth, sizeof(*last));
	task_id = calloc((size_t)nth, sizeof(*task_id));
	args = calloc((size_t)nth, sizeof(*args));
	if (!etext || !tids || !enter_seq || !pending || !which || !first || !last || !task_id ||
	    !args) {
		fprintf(stderr, "gen-trace: out of memory\n");
		return 1;
	}
	for (i = 0; i < nth; i++)
		strbuf_init(&etext[i], 0);
	for (i = 0; i < (int)(sizeof(mix) / sizeof(mix[0])); i++)
		total_weight += mix[i].weight;
	if (db_open(&db, argv[2], &db_schema_trace, DB_CREATE | DB_TRUNCATE) < 0)
		return 1;
	if (db_exec(db, "PRAGMA synchronous = OFF") < 0 || db_begin(db) < 0)
		goto cleanup;
	if (db_exec(db, "INSERT INTO run(id, argv, cwd, started_ns, mono_start_ns, ended_ns, "
		    "kernel_release, arch, tool_version, options, exit_status) VALUES (1, "
		    "'[\"bench\", \"--synthetic\"]', '/tmp', 1767225600000000000, 1000000000, NULL, "
		    "'6.1.0-18-amd64', 'x86_64', '0.1.0', '-f', NULL)") < 0)
		goto cleanup;
	if (!(w = tracedb_writer_new(db)))
		goto cleanup;
	for (i = 0; i < nth; i++) {
		long long tgid = 1000 + (i / 4) * 100;
		char comm[16];

		tids[i] = tgid + i % 4;
		snprintf(comm, sizeof(comm), i % 4 ? "worker-%d" : "bench-%d", i);
		task_id[i] = tracedb_writer_task_new(w, tids[i], tgid, i ? (i % 4 ? tgid : 1000) : 0,
						     comm);
		if (task_id[i] < 0)
			goto cleanup;
	}

	while (seq < n) {
		int th = (int)(rnd() % (unsigned)nth), k, wt;
		unsigned long long r = rnd();
		struct tracedb_row e = { 0 };

		now += 200 + r % 4000;
		e.seq = ++seq;
		e.tid = tids[th];
		e.ts_ns = now;
		e.text_len = -1;
		if (r % 1000 == 7 && !pending[th]) {	/* a signal */
			e.kind = "signal";
			e.stop = "signal";
			e.has_nr = 1;
			e.nr = 17;
			e.text = "--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---";
			e.mechanism = "PTRACE_GETSIGINFO";
		} else if (r % 5000 == 11 && !pending[th]) {	/* a clone */
			e.kind = "clone";
			e.stop = "event";
			e.has_other_tid = 1;
			e.other_tid = tids[(th + 1) % nth];
		} else if (!pending[th]) {
			wt = (int)(rnd() % total_weight);
			for (k = 0; wt >= mix[k].weight; k++)
				wt -= mix[k].weight;
			which[th] = k;
			strbuf_reset(&t2);
			strbuf_addf(&t2, mix[k].fmt, (int)(r % 64), (int)(r % 100000));
			strbuf_reset(&etext[th]);
			{
				const char *at = strstr(t2.buf, "@PATH@");

				if (at) {
					strbuf_add(&etext[th], t2.buf, (size_t)(at - t2.buf));
					strbuf_addstr(&etext[th], paths[r % 8]);
					strbuf_addstr(&etext[th], at + 6);
				} else {
					strbuf_addstr(&etext[th], t2.buf);
				}
			}
			e.kind = "enter";
			e.stop = "syscall";
			e.has_nr = 1;
			e.nr = mix[k].nr;
			e.has_args = 1;
			for (i = 0; i < 6; i++)
				e.args[i] = args[th][i] = (int64_t)(rnd() >> (i * 9));
			e.text = etext[th].buf;
			e.text_len = (int)etext[th].len;
			e.mechanism = strstr(mix[k].fmt, "\"") ?
				      "PTRACE_GET_SYSCALL_INFO,process_vm_readv" : "PTRACE_GET_SYSCALL_INFO";
			enter_seq[th] = seq;
			pending[th] = 1;
			/* two threads stop forever near the end: unfinished calls */
			if (seq > n - 40 && th < 2)
				pending[th] = 2;
		} else if (pending[th] == 1) {
			int fail = r % 20 == 3;
			long long rv = fail ? -2 : (long long)(r % 4096);

			k = which[th];
			strbuf_reset(&t1);
			strbuf_addf(&t1, "%s) = %lld%s", etext[th].buf, fail ? -1 : rv,
				    fail ? " ENOENT (No such file or directory)" : "");
			e.kind = "exit";
			e.stop = "syscall";
			e.has_nr = 1;
			e.nr = mix[k].nr;
			e.has_args = 1;
			memcpy(e.args, args[th], sizeof(e.args));
			e.has_retval = 1;
			e.retval = rv;
			e.text = t1.buf;
			e.text_len = (int)t1.len;
			e.mechanism = r % 7 ? "PTRACE_GET_SYSCALL_INFO" :
				      "PTRACE_GET_SYSCALL_INFO,PTRACE_PEEKDATA";
			e.has_enter_seq = 1;
			e.enter_seq = enter_seq[th];
			pending[th] = 0;
		} else {
			seq--;		/* this thread is stuck: pick another */
			continue;
		}
		if (!first[th])
			first[th] = seq;
		last[th] = seq;
		if (tracedb_writer_event(w, &e) < 0)
			goto cleanup;
		if (seq % 65536 == 0 &&
		    (tracedb_writer_flush(w) < 0 || db_commit(db) < 0 || db_begin(db) < 0))
			goto cleanup;
	}
	if (tracedb_writer_flush(w) < 0)
		goto cleanup;
	for (i = 0; i < nth; i++)
		if (tracedb_writer_task_seqs(w, task_id[i], first[i], last[i]) < 0)
			goto cleanup;
	if (db_commit(db) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	tracedb_writer_free(w);
	if (rc)
		db_rollback(db);
	if (db_close(db) < 0)
		rc = 1;
	strbuf_release(&t1);
	strbuf_release(&t2);
	for (i = 0; i < nth; i++)
		strbuf_release(&etext[i]);
	free(etext);
	free(tids);
	free(enter_seq);
	free(pending);
	free(which);
	free(first);
	free(last);
	free(task_id);
	free(args);
	return rc;
}
