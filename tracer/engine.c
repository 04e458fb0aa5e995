#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "idle.h"
#include "warm.h"
#include "error.h"

/* glibc < 2.35 has no struct __ptrace_syscall_info; the ABI is fixed. */
#ifndef PTRACE_SYSCALL_INFO_ENTRY
#define PTRACE_SYSCALL_INFO_NONE 0
#define PTRACE_SYSCALL_INFO_ENTRY 1
#define PTRACE_SYSCALL_INFO_EXIT 2
#define PTRACE_SYSCALL_INFO_SECCOMP 3
#endif

/* The longest text an event carries; longer lines are cut. */
#define ENGINE_TEXT_MAX (1u << 20)

volatile sig_atomic_t engine_interrupted;
volatile sig_atomic_t engine_interrupts;

void engine_init(struct engine *e, const struct trace_options *o,
		 const struct filter *f, struct ring *ring)
{
	memset(e, 0, sizeof(*e));
	e->o = o;
	e->filter = f;
	e->ring = ring;
	/* --regs=syscall-info still falls back to PTRACE_GETREGS before 5.3 */
	e->use_gsi = o->regs == TRACE_REGS_SYSCALL_INFO;
	e->nr_execve = SYS_execve;
	e->nr_execveat = SYS_execveat;
	engine_mem_init(&e->mem, &e->mech);
	/* --mem=vm-readv still falls back to PTRACE_PEEKDATA where refused */
	e->mem.no_vm_readv = o->mem == TRACE_MEM_PEEKDATA;
}

static void engine_free_one(pid_t tid, void *value, void *arg)
{
	struct task *t = value;

	strbuf_release(&t->line);
	free(t);
}

void engine_release(struct engine *e)
{
	engine_kstacks_stop(e);
	tidmap_each(&e->tasks, engine_free_one, NULL);
	tidmap_release(&e->tasks);
	tidmap_release(&e->dead);
}

struct task *engine_task_new(struct engine *e, pid_t tid, pid_t tgid)
{
	struct task *t = xcalloc(1, sizeof(*t));

	t->tid = tid;
	t->tgid = tgid;
	t->resumed_nr = -1;
	strbuf_init(&t->line, 256);
	if (e->sampler)
		t->slot = sampler_slot_get(e->sampler);
	tidmap_put(&e->tasks, tid, t);
	return t;
}

/* t is no longer running (stopped, ended or let go). */
static void engine_task_stopped(struct engine *e, struct task *t)
{
	if (t->running_fast) {
		t->running_fast = 0;
		e->nrunning_fast--;
	}
}

void engine_task_free(struct engine *e, struct task *t)
{
	engine_task_stopped(e, t);
	if (tidmap_get(&e->tasks, t->tid) == t)
		tidmap_del(&e->tasks, t->tid);
	if (t->held)
		e->nheld--;
	if (t->slot && e->sampler)
		sampler_slot_put(e->sampler, t->slot);
	strbuf_release(&t->line);
	free(t);
}

void engine_read_comm(pid_t tid, char comm[16])
{
	char path[64];
	ssize_t n;
	int fd;

	memset(comm, 0, 16);
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, comm, 15);
	close(fd);
	if (n > 0 && comm[n - 1] == '\n')
		n--;
	comm[n > 0 ? n : 0] = '\0';
}

long engine_ptrace(struct task *t, int request, void *addr, void *data)
{
	long rc = ptrace(request, t->tid, addr, data);

	if (rc < 0 && errno == ESRCH) {
		t->gone = 1;	/* killed under us: its death report follows */
		return -1;
	}
	if (rc < 0)
		warning("ptrace(%d, %d): %s", request, (int)t->tid, strerror(errno));
	return rc;
}

void engine_push_task(struct engine *e, const struct task *t, uint32_t type,
		      pid_t parent, int has_status, int status)
{
	struct trace_task *r = ring_reserve(e->ring, sizeof(*r));

	r->tid = t->tid;
	r->tgid = t->tgid;
	r->parent_tid = parent;
	r->has_status = has_status;
	r->status = status;
	memcpy(r->comm, t->comm, sizeof(r->comm));
	ring_push(e->ring, r, type);
}

/* Reserve an event of t with its text; the caller fills the rest and pushes. */
static struct trace_event *engine_event(struct engine *e, struct task *t,
					enum trace_kind kind, enum trace_stop stop,
					const char *text, size_t len)
{
	struct trace_event *ev;

	if (len > ENGINE_TEXT_MAX)
		len = ENGINE_TEXT_MAX;
	ev = ring_reserve(e->ring, sizeof(*ev) + len);
	ev->seq = ++e->seq;
	ev->ts_ns = e->ts;
	ev->tid = t->tid;
	ev->kind = (uint8_t)kind;
	ev->stop = (uint8_t)stop;
	ev->abi = 0;
	ev->has = 0;
	ev->mech = e->mech;
	ev->other_tid = 0;
	ev->text_len = (uint32_t)len;
	ev->enter_len = 0;
	ev->result_at = 0;
	if (len)
		memcpy(ev->text, text, len);
	return ev;
}

static void engine_push(struct engine *e, struct trace_event *ev)
{
	ring_push(e->ring, ev, TRACE_REC_EVENT);
}

/* --- kernel stacks ---------------------------------------------------- */

void engine_kstacks_init(struct engine *e, struct ring *ring)
{
	e->klen = -1;
	e->kmode = e->o->kernel_stacks_note ? KSTACK_OFF : (enum kstack_mode)e->o->kernel_stacks;
	if (e->kmode != KSTACK_OFF)
		e->sampler = sampler_new(ring);
}

int engine_kstacks_start(struct engine *e)
{
	return e->sampler ? sampler_start(e->sampler) : 0;
}

void engine_kstacks_stop(struct engine *e)
{
	sampler_free(e->sampler);
	e->sampler = NULL;
}

/* Is this the first stop of its kind (with --kernel-stacks=first)? Marks it. */
static int engine_kstack_first(struct engine *e, enum kstack_at at, int abi, long nr)
{
	unsigned a = abi >= 0 && abi < 3 ? (unsigned)abi : 0;
	unsigned n = nr >= 0 && nr < 1023 ? (unsigned)nr : 1023;
	unsigned char *byte = &e->kseen[at][a][n >> 3], bit = (unsigned char)(1u << (n & 7));

	if (*byte & bit)
		return 0;
	*byte |= bit;
	return 1;
}

/*
 * At a stop, before t is resumed: read its kernel stack if the mode asks
 * for this stop.  engine_kstack_push() hands it on once the stop's event
 * has its seq.
 */
static void engine_kstack_take(struct engine *e, struct task *t, enum kstack_at at,
			       int has_nr, int abi, long nr)
{
	int n;

	e->klen = -1;
	if (e->kmode == KSTACK_OFF || t->quiet)
		return;
	if (e->kmode == KSTACK_FIRST && !engine_kstack_first(e, at, has_nr ? abi : 0, has_nr ? nr : 0))
		return;
	n = kstack_read(t->tid, e->kbuf, sizeof(e->kbuf));
	if (n < 0) {
		if (n != -ESRCH && n != -ENOENT && !e->knoted) {
			const char *why = kstack_why(-n);
			size_t len = strlen(why);
			struct trace_note *note = ring_reserve(e->ring, sizeof(*note) + len);

			note->text_len = (uint32_t)len;
			memcpy(note->text, why, len);
			ring_push(e->ring, note, TRACE_REC_KSTACK_NOTE);
			e->knoted = 1;
		}
		return;
	}
	e->klen = n;
	e->khead.ts_ns = e->ts;
	e->khead.tid = t->tid;
	e->khead.at = (uint8_t)at;
	e->khead.abi = (uint8_t)(has_nr ? abi : 0);
	e->khead.has_nr = (uint8_t)has_nr;
	e->khead.nr = nr;
	e->khead.state = 't';
}

/* Hand the stack engine_kstack_take() read to the recorder, for event seq. */
static void engine_kstack_push(struct engine *e, uint64_t seq)
{
	struct trace_kstack *k;

	if (e->klen < 0)
		return;
	k = ring_reserve(e->ring, sizeof(*k) + (size_t)e->klen);
	k->ts_ns = e->khead.ts_ns;
	k->tid = e->khead.tid;
	k->at = e->khead.at;
	k->abi = e->khead.abi;
	k->state = e->khead.state;
	k->has_nr = e->khead.has_nr;
	k->nr = e->khead.nr;
	k->seq = seq;
	k->text_len = (uint32_t)e->klen;
	memcpy(k->text, e->kbuf, (size_t)e->klen);
	ring_push(e->ring, k, TRACE_REC_KSTACK);
	e->klen = -1;
}

static int engine_nr_slot(long nr)
{
	return nr >= 0 && nr < ENGINE_NR_SLOTS ? (int)nr : ENGINE_NR_SLOTS - 1;
}

static int engine_nr_slow(const struct engine *e, int slot)
{
	return e->slow_nr[slot >> 3] >> (slot & 7) & 1;
}

/*
 * t stopped again (e->ts): if it was let go inside a syscall, remember
 * whether that took longer than a poll window.
 */
static void engine_learn(struct engine *e, struct task *t)
{
	int slot = t->resumed_nr;
	unsigned char bit;

	engine_task_stopped(e, t);
	if (slot < 0)
		return;
	bit = (unsigned char)(1u << (slot & 7));
	if (e->ts - t->resumed_at > ENGINE_POLL_NS)
		e->slow_nr[slot >> 3] |= bit;
	else
		e->slow_nr[slot >> 3] &= (unsigned char)~bit;
	t->resumed_nr = -1;
}

/* Resume t from its ptrace-stop by the resume rule, delivering sig. */
static void engine_resume(struct engine *e, struct task *t, int sig)
{
	int req;

	if (e->can_poll) {	/* what engine_wait() polls for; nothing else reads it */
		t->resumed_at = e->ts;
		t->resumed_nr = t->in_syscall ? engine_nr_slot(t->call.nr) : -1;
		if (!t->running_fast && (t->resumed_nr < 0 || !engine_nr_slow(e, t->resumed_nr))) {
			t->running_fast = 1;
			e->nrunning_fast++;
		}
	}

	if (t->seccomp && !t->in_syscall) {
		req = PTRACE_CONT;
		e->mech |= TRACE_MECH_CONT;
	} else {
		req = PTRACE_SYSCALL;
		e->mech |= TRACE_MECH_SYSCALL;
	}
	engine_ptrace(t, req, NULL, (void *)(uintptr_t)sig);
}

static void engine_syscall_enter(struct engine *e, struct task *t, enum trace_stop stop,
				 int abi, long nr, const uint64_t *args, uint64_t sp)
{
	struct trace_event *ev;

	if (t->in_syscall && t->via_seccomp && stop == TRACE_STOP_SYSCALL) {
		/* Kernels before 4.8 report the enter-stop after the seccomp-stop. */
		engine_resume(e, t, 0);
		return;
	}
	t->in_syscall = 1;
	t->via_seccomp = stop == TRACE_STOP_SECCOMP;
	t->call.abi = (enum decode_abi)abi;
	t->call.nr = nr;
	memcpy(t->call.args, args, sizeof(t->call.args));
	t->call.rval = 0;
	t->call.is_error = 0;
	memset(t->call.scratch, 0, sizeof(t->call.scratch));
	t->call.sp = sp;
	t->skip = !filter_traced(e->filter, abi, nr);
	if (t->quiet) {
		if (abi == DECODE_ABI_X86_64 && (nr == e->nr_execve || nr == e->nr_execveat))
			t->quiet = 0;
		else
			t->skip = 1;
	}
	if (t->skip) {
		engine_resume(e, t, 0);
		return;
	}
	strbuf_reset(&t->line);
	e->mem.tid = t->tid;
	decode_enter(&e->o->decode, &e->mem.mem, &t->call, &t->line);
	t->enter_len = t->line.len;
	engine_kstack_take(e, t, stop == TRACE_STOP_SECCOMP ? KSTACK_AT_SECCOMP : KSTACK_AT_ENTER,
			   1, abi, nr);
	engine_resume(e, t, 0);

	ev = engine_event(e, t, TRACE_ENTER, stop, t->line.buf, t->line.len);
	t->enter_seq = ev->seq;
	ev->abi = (uint8_t)abi;
	ev->has = TRACE_HAS_NR | TRACE_HAS_ARGS;
	ev->nr = nr;
	memcpy(ev->args, args, sizeof(ev->args));
	engine_push(e, ev);
	engine_kstack_push(e, ev->seq);
	if (t->slot)
		sampler_enter(t->slot, t->tid, ev->seq, e->ts);
}

static void engine_syscall_exit(struct engine *e, struct task *t, int have_rval,
				int64_t rval, int is_error)
{
	struct trace_event *ev;
	size_t result_at;

	if (t->slot)
		sampler_exit(t->slot);
	if (!t->in_syscall) {
		/*
		 * An exit with no enter seen: attached inside a syscall.  The
		 * exit stop's syscall info has no number; the registers do
		 * (orig_rax), and the argument registers still hold the
		 * arguments.
		 */
		struct regs_syscall regs;
		int known;

		e->mech |= TRACE_MECH_GETREGS;
		known = regs_get(t, &regs) == 0;
		if (filter_traced(e->filter, known ? regs.abi : DECODE_ABI_X86_64,
				  known ? regs.nr : -1))
			engine_kstack_take(e, t, KSTACK_AT_EXIT, known, known ? regs.abi : 0,
					   known ? regs.nr : 0);
		else
			e->klen = -1;

		engine_resume(e, t, 0);
		if (!filter_traced(e->filter, known ? regs.abi : DECODE_ABI_X86_64,
				   known ? regs.nr : -1))
			return;
		ev = engine_event(e, t, TRACE_EXIT, TRACE_STOP_SYSCALL, NULL, 0);
		ev->has = have_rval ? TRACE_HAS_RETVAL : 0;
		ev->retval = rval;
		if (known) {
			ev->has |= TRACE_HAS_NR | TRACE_HAS_ARGS;
			ev->abi = (uint8_t)regs.abi;
			ev->nr = regs.nr;
			memcpy(ev->args, regs.args, sizeof(ev->args));
		}
		engine_push(e, ev);
		engine_kstack_push(e, ev->seq);
		return;
	}
	t->in_syscall = 0;
	if (t->skip) {
		engine_resume(e, t, 0);
		return;
	}
	t->call.rval = rval;
	t->call.is_error = is_error;
	strbuf_setlen(&t->line, t->enter_len);
	e->mem.tid = t->tid;
	result_at = decode_exit(&e->o->decode, &e->mem.mem, &t->call, &t->line);
	engine_kstack_take(e, t, KSTACK_AT_EXIT, 1, t->call.abi, t->call.nr);
	engine_resume(e, t, 0);

	ev = engine_event(e, t, TRACE_EXIT, TRACE_STOP_SYSCALL, t->line.buf, t->line.len);
	ev->enter_len = (uint32_t)(t->enter_len < ev->text_len ? t->enter_len : ev->text_len);
	ev->result_at = result_at >= ev->enter_len && result_at < ev->text_len ? (uint32_t)result_at : 0;
	ev->abi = (uint8_t)t->call.abi;
	ev->has = TRACE_HAS_NR | TRACE_HAS_ARGS | TRACE_HAS_RETVAL | TRACE_HAS_ENTER_SEQ;
	ev->nr = t->call.nr;
	memcpy(ev->args, t->call.args, sizeof(ev->args));
	ev->retval = rval;
	ev->enter_seq = t->enter_seq;
	engine_push(e, ev);
	engine_kstack_push(e, ev->seq);
}

/* A syscall-stop (SIGTRAP | 0x80) or a seccomp-stop. */
static void engine_syscall_stop(struct engine *e, struct task *t, enum trace_stop stop)
{
	struct __ptrace_syscall_info info;
	struct regs_syscall regs;
	long nr;
	int abi;

	if (e->use_gsi) {
		e->mech |= TRACE_MECH_GET_SYSCALL_INFO;
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, (void *)sizeof(info), &info) > 0) {
			switch (info.op) {
			case PTRACE_SYSCALL_INFO_ENTRY:
			case PTRACE_SYSCALL_INFO_SECCOMP:
				/* entry and seccomp share the layout of nr and args */
				nr = (long)info.entry.nr;
				abi = regs_abi(info.arch, &nr);
				engine_syscall_enter(e, t, stop, abi, nr, info.entry.args,
						     info.stack_pointer);
				return;
			case PTRACE_SYSCALL_INFO_EXIT:
				engine_syscall_exit(e, t, 1, info.exit.rval, info.exit.is_error);
				return;
			}
			/* PTRACE_SYSCALL_INFO_NONE: not a syscall stop after all */
			engine_resume(e, t, 0);
			return;
		}
		if (errno == ESRCH) {
			t->gone = 1;
			return;
		}
		/* EIO: a kernel before 5.3; use the registers from now on. */
		e->use_gsi = 0;
		e->mech &= ~TRACE_MECH_GET_SYSCALL_INFO;
	}
	e->mech |= TRACE_MECH_GETREGS;
	if (regs_get(t, &regs) < 0)
		return;
	if (stop == TRACE_STOP_SECCOMP || !t->in_syscall)
		engine_syscall_enter(e, t, stop, regs.abi, regs.nr, regs.args, regs.sp);
	else
		engine_syscall_exit(e, t, 1, regs.rval, regs.is_error);
}

/* A signal-delivery-stop: record it and deliver the signal unchanged. */
static void engine_signal_stop(struct engine *e, struct task *t, int sig)
{
	struct strbuf text = STRBUF_INIT;
	struct trace_event *ev;
	siginfo_t si;

	e->mech |= TRACE_MECH_GETSIGINFO;
	if (engine_ptrace(t, PTRACE_GETSIGINFO, NULL, &si) < 0) {
		if (t->gone)
			return;
		memset(&si, 0, sizeof(si));
		si.si_signo = sig;
	}
	if (!t->quiet)
		decode_siginfo(&si, &text);
	engine_kstack_take(e, t, KSTACK_AT_SIGNAL, 1, 0, sig);
	engine_resume(e, t, sig);
	if (!t->quiet) {
		ev = engine_event(e, t, TRACE_SIGNAL, TRACE_STOP_SIGNAL, text.buf, text.len);
		ev->has = TRACE_HAS_NR;
		ev->nr = sig;
		engine_push(e, ev);
		engine_kstack_push(e, ev->seq);
	}
	strbuf_release(&text);
}

static int is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* PTRACE_EVENT_STOP: a group-stop, or the stop after PTRACE_INTERRUPT. */
static void engine_event_stop(struct engine *e, struct task *t, int sig)
{
	struct strbuf text = STRBUF_INIT;
	struct trace_event *ev;
	char name[32];

	if (!is_stop_signal(sig)) {
		engine_resume(e, t, 0);
		return;
	}
	/* Stay stopped, as untraced, yet keep reporting (SIGCONT, SIGKILL). */
	engine_kstack_take(e, t, KSTACK_AT_GROUP, 1, 0, sig);
	e->mech |= TRACE_MECH_LISTEN;
	engine_ptrace(t, PTRACE_LISTEN, NULL, NULL);
	if (t->quiet)
		return;
	strbuf_addf(&text, "--- stopped by %s ---", decode_signal_name(sig, name, sizeof(name)));
	ev = engine_event(e, t, TRACE_STOP, TRACE_STOP_GROUP, text.buf, text.len);
	ev->has = TRACE_HAS_NR;
	ev->nr = sig;
	engine_push(e, ev);
	engine_kstack_push(e, ev->seq);
	strbuf_release(&text);
}

/* Is tid a thread of tgid (rather than a new process)? */
static int engine_is_thread(pid_t tgid, pid_t tid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)tgid, (int)tid);
	return access(path, F_OK) == 0;
}

/* Let a held or new task run (or go, when it is not followed). */
static void engine_task_start(struct engine *e, struct task *child)
{
	if (child->held) {
		child->held = 0;
		e->nheld--;
	}
	if (child->unfollowed) {
		engine_ptrace(child, PTRACE_DETACH, NULL, NULL);
		engine_task_free(e, child);
		return;
	}
	engine_resume(e, child, 0);
}

/* PTRACE_EVENT_FORK / VFORK / CLONE in t. */
static void engine_fork_event(struct engine *e, struct task *t, int event)
{
	struct trace_event *ev;
	unsigned long msg;
	struct task *child;
	enum trace_kind kind;
	uintptr_t dead = 0;
	int thread, announced = 0;
	pid_t ctid;

	e->mech |= TRACE_MECH_GETEVENTMSG;
	if (engine_ptrace(t, PTRACE_GETEVENTMSG, NULL, &msg) < 0) {
		if (!t->gone)
			engine_resume(e, t, 0);
		return;
	}
	ctid = (pid_t)msg;
	kind = event == PTRACE_EVENT_FORK ? TRACE_FORK :
	       event == PTRACE_EVENT_VFORK ? TRACE_VFORK : TRACE_CLONE;
	thread = event == PTRACE_EVENT_CLONE && engine_is_thread(t->tgid, ctid);
	child = tidmap_get(&e->tasks, ctid);
	if (!child) {
		dead = (uintptr_t)tidmap_del(&e->dead, ctid);
		child = engine_task_new(e, ctid, ctid);
		child->expected = !dead;
	} else if (!child->held) {
		announced = 1;	/* started early: its creator seemed gone */
	}
	child->tgid = thread ? t->tgid : ctid;
	child->unfollowed = !thread && !e->o->follow;
	if (!child->unfollowed && !announced) {
		memcpy(child->comm, t->comm, sizeof(child->comm));
		child->seccomp = t->seccomp;
		engine_push_task(e, child, TRACE_REC_TASK_NEW, t->tid, 0, 0);
	}
	if (!child->unfollowed)
		engine_kstack_take(e, t, kind == TRACE_FORK ? KSTACK_AT_FORK :
				   kind == TRACE_VFORK ? KSTACK_AT_VFORK : KSTACK_AT_CLONE, 0, 0, 0);
	engine_resume(e, t, 0);
	if (!child->unfollowed) {
		ev = engine_event(e, t, kind, TRACE_STOP_EVENT, NULL, 0);
		ev->has = TRACE_HAS_OTHER_TID;
		ev->other_tid = ctid;
		engine_push(e, ev);
		engine_kstack_push(e, ev->seq);
	}
	e->mech = TRACE_MECH_WAIT4;
	if (dead) {
		/* it ended before we heard of it */
		if (!child->unfollowed) {
			ev = engine_event(e, child, TRACE_EXITED, TRACE_STOP_NONE, NULL, 0);
			ev->has = TRACE_HAS_RETVAL;
			ev->retval = (int)(dead - 1);
			engine_push(e, ev);
			engine_push_task(e, child, TRACE_REC_TASK_END, 0, 1, (int)(dead - 1));
		}
		engine_task_free(e, child);
	} else if (child->held) {
		engine_task_start(e, child);
	}
	/* else: its first stop starts it */
}

/* PTRACE_EVENT_EXEC in t (the thread group leader after the exec). */
static void engine_exec_event(struct engine *e, struct task *t)
{
	struct trace_event *ev;
	struct task *old = NULL;
	unsigned long msg;
	char path[64], exe[4096];
	ssize_t n;
	pid_t former;

	e->mech |= TRACE_MECH_GETEVENTMSG;
	if (engine_ptrace(t, PTRACE_GETEVENTMSG, NULL, &msg) < 0) {
		if (t->gone)
			return;
		msg = (unsigned long)t->tid;
	}
	former = (pid_t)msg;
	if (former != t->tid)
		old = tidmap_get(&e->tasks, former);
	if (old) {
		/*
		 * A non-leader thread exec'd and took the leader's tid: the
		 * call in progress (its execve) is the old thread's; the
		 * leader's own pending call will never finish.
		 */
		t->in_syscall = old->in_syscall;
		t->via_seccomp = old->via_seccomp;
		t->skip = old->skip;
		t->call = old->call;
		t->enter_seq = old->enter_seq;
		t->enter_len = old->enter_len;
		strbuf_reset(&t->line);
		strbuf_add(&t->line, old->line.buf, old->line.len);
		t->seccomp = old->seccomp;
	}
	t->quiet = 0;
	e->mech |= TRACE_MECH_READLINK;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)t->tid);
	n = readlink(path, exe, sizeof(exe));
	if (n < 0)
		n = 0;
	engine_read_comm(t->tid, t->comm);
	engine_kstack_take(e, t, KSTACK_AT_EXEC, 0, 0, 0);
	engine_resume(e, t, 0);
	if (old) {
		engine_push_task(e, old, TRACE_REC_TASK_END, 0, 0, 0);
		engine_task_free(e, old);
	}
	ev = engine_event(e, t, TRACE_EXEC, TRACE_STOP_EVENT, exe, (size_t)n);
	ev->has = TRACE_HAS_OTHER_TID;
	ev->other_tid = former;
	engine_push(e, ev);
	engine_kstack_push(e, ev->seq);
	engine_push_task(e, t, TRACE_REC_TASK_COMM, 0, 0, 0);
}

/* t reported a ptrace-stop (status from wait4). */
static void engine_stop(struct engine *e, struct task *t, int status)
{
	int sig = WSTOPSIG(status);
	int event = (unsigned)status >> 16;

	if (sig == (SIGTRAP | 0x80)) {
		engine_syscall_stop(e, t, TRACE_STOP_SYSCALL);
		return;
	}
	switch (event) {
	case 0:
		engine_signal_stop(e, t, sig);
		break;
	case PTRACE_EVENT_SECCOMP:
		engine_syscall_stop(e, t, TRACE_STOP_SECCOMP);
		break;
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		engine_fork_event(e, t, event);
		break;
	case PTRACE_EVENT_EXEC:
		engine_exec_event(e, t);
		break;
	case PTRACE_EVENT_STOP:
		engine_event_stop(e, t, sig);
		break;
	case PTRACE_EVENT_EXIT:
		/* the task is ending (asked for with kernel stacks on) */
		if (t->slot)
			sampler_exit(t->slot);
		engine_kstack_take(e, t, KSTACK_AT_EXIT_EVENT, 0, 0, 0);
		engine_resume(e, t, 0);
		engine_kstack_push(e, 0);
		break;
	default:
		engine_resume(e, t, 0);
		break;
	}
}

/* t ended (exited or killed); status from wait4. */
static void engine_death(struct engine *e, struct task *t, int status)
{
	struct strbuf text = STRBUF_INIT;
	struct trace_event *ev;
	char name[32];

	if (WIFEXITED(status))
		strbuf_addf(&text, "+++ exited with %d +++", WEXITSTATUS(status));
	else
		strbuf_addf(&text, "+++ killed by %s%s +++",
			    decode_signal_name(WTERMSIG(status), name, sizeof(name)),
			    WCOREDUMP(status) ? " (core dumped)" : "");
	if (t->held) {
		/* never started: announce it, parent unknown */
		engine_push_task(e, t, TRACE_REC_TASK_NEW, 0, 0, 0);
	}
	if (!t->unfollowed) {
		ev = engine_event(e, t, TRACE_EXITED, TRACE_STOP_NONE, text.buf, text.len);
		ev->has = TRACE_HAS_RETVAL;
		ev->retval = status;
		engine_push(e, ev);
		engine_push_task(e, t, TRACE_REC_TASK_END, 0, 1, status);
	}
	if (t->tid == e->launched) {
		e->has_status = 1;
		e->status = status;
	}
	strbuf_release(&text);
	engine_task_free(e, t);
}

/*
 * A stop of a tid we have not heard of: a new task whose creator has not
 * reported its fork/clone event yet.  Hold it stopped until it does, so
 * that the creation is recorded before anything the new task does.
 */
static void engine_orphan(struct engine *e, pid_t tid)
{
	struct task *t = engine_task_new(e, tid, tid);

	t->held = 1;
	e->nheld++;
	if (e->detaching)
		engine_detach(e, t, 0);
}

/* Start a held task whose creator will not report: parent unknown. */
static void engine_task_release(struct engine *e, struct task *t)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)t->tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		p = strstr(buf, "\nTgid:");
		if (p)
			t->tgid = (pid_t)atoi(p + 6);
	}
	engine_read_comm(t->tid, t->comm);
	t->seccomp = e->seccomp;	/* only launched tasks fork: inherited */
	engine_push_task(e, t, TRACE_REC_TASK_NEW, 0, 0, 0);
	engine_task_start(e, t);
}

static void engine_collect_held(pid_t tid, void *value, void *arg)
{
	struct task *t = value, ***end = arg;

	if (t->held)
		*(*end)++ = t;
}

struct group_scan {
	pid_t tgid;
	int live;			/* running (not held) tasks of tgid */
};

static void engine_scan_group(pid_t tid, void *value, void *arg)
{
	struct task *t = value;
	struct group_scan *gs = arg;

	if (t->tgid == gs->tgid && !t->held)
		gs->live++;
}

/* Read Tgid and PPid of tid from /proc; 0 or -1. */
static int engine_proc_ids(pid_t tid, pid_t *tgid, pid_t *ppid)
{
	char path[64], buf[1024], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	p = strstr(buf, "\nTgid:");
	*tgid = p ? (pid_t)atoi(p + 6) : 0;
	p = strstr(buf, "\nPPid:");
	*ppid = p ? (pid_t)atoi(p + 6) : 0;
	return 0;
}

/*
 * After a death: start the held tasks whose creator is gone (no traced
 * task left in the creating process), as their fork/clone event will
 * never come.  A new thread's creator is its own process; a new
 * process's is its parent's (gone too if it was reparented).
 */
static void engine_release_orphans(struct engine *e)
{
	struct task **list = xcalloc(e->nheld, sizeof(*list)), **end = list, **it;
	pid_t tgid, ppid;

	tidmap_each(&e->tasks, engine_collect_held, &end);
	for (it = list; it < end; it++) {
		struct group_scan gs = { 0, 0 };

		if (engine_proc_ids((*it)->tid, &tgid, &ppid) < 0)
			continue;
		gs.tgid = tgid == (*it)->tid ? ppid : tgid;
		tidmap_each(&e->tasks, engine_scan_group, &gs);
		if (!gs.live) {
			e->mech = TRACE_MECH_WAIT4;
			engine_task_release(e, *it);
		}
	}
	free(list);
}

/*
 * Nothing but held tasks is left: their creators died before reporting
 * the fork.  Start them.
 */
static void engine_release_held(struct engine *e)
{
	struct task **list = xcalloc(e->nheld, sizeof(*list)), **end = list, **it;

	tidmap_each(&e->tasks, engine_collect_held, &end);
	e->mech = TRACE_MECH_WAIT4;
	for (it = list; it < end; it++)
		engine_task_release(e, *it);
	free(list);
}

void engine_detach(struct engine *e, struct task *t, int sig)
{
	struct trace_event *ev;
	int was_held = t->held;

	e->mech |= TRACE_MECH_DETACH;
	engine_ptrace(t, PTRACE_DETACH, NULL, (void *)(uintptr_t)sig);
	if (!was_held && !t->unfollowed) {
		ev = engine_event(e, t, TRACE_DETACH, TRACE_STOP_NONE, NULL, 0);
		engine_push(e, ev);
		engine_push_task(e, t, TRACE_REC_TASK_END, 0, 0, 0);
	}
	engine_task_free(e, t);
}

/* A stop of a task being let go: detach there, keeping a pending signal. */
static void engine_detach_stopped(struct engine *e, struct task *t, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned)status >> 16;

	if (sig == (SIGTRAP | 0x80) || event)
		sig = 0;	/* syscall-stop, event-stop or group-stop */
	engine_detach(e, t, sig);
}

/*
 * The next stop or death, as wait4(-1, status, __WALL), polling first
 * (ENGINE_POLL_NS, ENGINE_POLL_MISSES) while a task is running that is
 * expected back soon; e->ts is when it was seen.
 */
static pid_t engine_wait(struct engine *e, int *status)
{
	int64_t start = idle_now();
	pid_t pid;

	if (e->can_poll && e->nrunning_fast && e->poll_misses < ENGINE_POLL_MISSES) {
		int64_t until = start + ENGINE_POLL_NS;

		warm_touch(e->warm, start);
		do {
			pid = wait4(-1, status, __WALL | WNOHANG, NULL);
			if (pid != 0) {
				e->ts = idle_now();
				e->poll_misses = 0;
				return pid;
			}
			if (engine_interrupted) {
				errno = EINTR;
				return -1;
			}
			sched_yield();	/* a tracee on this CPU runs first */
		} while (idle_now() < until);
		e->poll_misses++;
	} else
		warm_rest(e->warm, start);
	pid = wait4(-1, status, __WALL, NULL);
	e->ts = idle_now();
	/* poll again once a stop comes that would have been caught */
	if (e->ts - start < ENGINE_POLL_NS)
		e->poll_misses = 0;
	return pid;
}

static int engine_loop(struct engine *e)
{
	struct task *t;
	int status;
	pid_t pid;

	while (e->tasks.count) {
		if (engine_interrupted && !e->detaching && !e->killing)
			engine_interrupt(e);
		if (e->nheld && e->nheld == e->tasks.count)
			engine_release_held(e);
		pid = engine_wait(e, &status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;	/* nothing left to wait for */
			return error_errno("wait4");
		}
		e->mech = TRACE_MECH_WAIT4;
		t = tidmap_get(&e->tasks, pid);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (t) {
				engine_death(e, t, status);
				if (e->nheld)
					engine_release_orphans(e);
			} else
				tidmap_put(&e->dead, pid, (void *)(uintptr_t)(status + 1));
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		if (!t) {
			engine_orphan(e, pid);
			continue;
		}
		t->gone = 0;
		engine_learn(e, t);
		if (t->detaching) {
			engine_detach_stopped(e, t, status);
			continue;
		}
		if (t->held)
			continue;	/* cannot happen: a held task is stopped */
		if (t->expected) {
			t->expected = 0;
			if (t->unfollowed) {
				engine_task_start(e, t);
				continue;
			}
		}
		engine_stop(e, t, status);
	}
	return 0;
}

/*
 * Keep tracer and tracees on one CPU while polling (warm.h): --poll=auto,
 * the tracer allowed on two CPUs, its CPU time not capped.
 */
static void engine_warm_start(struct engine *e, int ncpus)
{
	if (!e->can_poll || e->o->no_spin || ncpus != WARM_CPUS ||
	    warm_cpu_capped("/proc/self/cgroup", "/sys/fs/cgroup"))
		return;
	e->warm = warm_start();
}

int engine_run(struct engine *e)
{
	cpu_set_t cpus;
	int rc;

	if (sched_getaffinity(0, sizeof(cpus), &cpus))
		CPU_ZERO(&cpus);
	e->can_poll = !e->o->no_poll && CPU_COUNT(&cpus) > 1;
	engine_warm_start(e, CPU_COUNT(&cpus));
	rc = engine_loop(e);
	warm_stop(e->warm, NULL);
	e->warm = NULL;
	return rc;
}
