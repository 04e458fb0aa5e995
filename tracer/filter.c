#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "filter.h"
#include "tracer.h"

static const struct {
	const char *name;
	unsigned bits;
} filter_classes[] = {
	{ "file", DECODE_CLASS_FILE },
	{ "process", DECODE_CLASS_PROCESS },
	{ "network", DECODE_CLASS_NETWORK },
	{ "net", DECODE_CLASS_NETWORK },
	{ "signal", DECODE_CLASS_SIGNAL },
	{ "memory", DECODE_CLASS_MEMORY },
	{ "ipc", DECODE_CLASS_IPC },
	{ "desc", DECODE_CLASS_DESC },
	{ "creds", DECODE_CLASS_CREDS },
	{ "clock", DECODE_CLASS_CLOCK },
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void tracer_print_syscall_names(FILE *out, int classes)
{
	const char **names;
	size_t n = 0, i, total = 0;
	long nr;
	int abi;

	for (abi = 0; abi < DECODE_ABI_COUNT; abi++)
		total += (size_t)decode_syscall_count(abi);
	names = xcalloc(total ? total : 1, sizeof(*names));
	for (abi = 0; abi < DECODE_ABI_COUNT; abi++) {
		for (nr = 0; nr < decode_syscall_count(abi); nr++) {
			const struct decode_syscall_desc *d = decode_syscall(abi, nr);

			if (d && d->name && *d->name)
				names[n++] = d->name;
		}
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++)
		if (!i || strcmp(names[i], names[i - 1]))
			fprintf(out, "%s\n", names[i]);
	free(names);
	if (!classes)
		return;
	for (i = 0; i < sizeof(filter_classes) / sizeof(filter_classes[0]); i++)
		fprintf(out, "%%%s\n", filter_classes[i].name);
	fputs("all\nnone\n", out);
}

/* Mark every syscall of every ABI in classes; returns how many. */
static long filter_add_classes(struct filter *f, unsigned classes)
{
	long nr, n = 0;
	int abi;

	for (abi = 0; abi < DECODE_ABI_COUNT; abi++) {
		for (nr = 0; nr < f->count[abi]; nr++) {
			const struct decode_syscall_desc *d = decode_syscall(abi, nr);

			if (d && (d->classes & classes)) {
				f->bits[abi][nr] = 1;
				n++;
			}
		}
	}
	return n;
}

static int filter_add_item(struct filter *f, const char *item)
{
	size_t i;
	long nr, n = 0;
	int abi;

	if (!strcmp(item, "all")) {
		for (abi = 0; abi < DECODE_ABI_COUNT; abi++)
			memset(f->bits[abi], 1, (size_t)f->count[abi]);
		return 0;
	}
	if (!strcmp(item, "none"))
		return 0;
	if (*item == '%') {
		for (i = 0; i < sizeof(filter_classes) / sizeof(filter_classes[0]); i++)
			if (!strcmp(item + 1, filter_classes[i].name))
				break;
		if (i == sizeof(filter_classes) / sizeof(filter_classes[0]))
			return error("trace: -e trace: unknown class '%s'", item);
		filter_add_classes(f, filter_classes[i].bits);
		return 0;
	}
	for (abi = 0; abi < DECODE_ABI_COUNT; abi++) {
		nr = decode_syscall_lookup(abi, item);
		if (nr >= 0 && nr < f->count[abi]) {
			f->bits[abi][nr] = 1;
			n++;
		}
	}
	if (!n)
		return error("trace: -e trace: unknown syscall '%s'", item);
	return 0;
}

/*
 * The seccomp program: native syscalls in the set -> SECCOMP_RET_TRACE,
 * other native ones -> ALLOW; x32 and other ABIs (int $0x80) -> TRACE, so
 * the tracer decides for them with filter_traced().
 */
static void filter_build_prog(struct filter *f)
{
	const int abi = DECODE_ABI_X86_64;
	size_t n = 0, cap = 8 + 2 * (size_t)f->count[abi];
	struct sock_filter *p = xcalloc(cap, sizeof(*p));
	long nr;

#define EMIT(c, t, e, k) (p[n++] = (struct sock_filter)BPF_JUMP((c), (k), (t), (e)))
	EMIT(BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, arch));
	EMIT(BPF_JMP | BPF_JEQ | BPF_K, 1, 0, AUDIT_ARCH_X86_64);
	EMIT(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	EMIT(BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr));
	EMIT(BPF_JMP | BPF_JSET | BPF_K, 0, 1, 0x40000000u);	/* __X32_SYSCALL_BIT */
	EMIT(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	for (nr = 0; nr < f->count[abi]; nr++) {
		if (!f->bits[abi][nr])
			continue;
		EMIT(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, (uint32_t)nr);
		EMIT(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_TRACE);
	}
	EMIT(BPF_RET | BPF_K, 0, 0, SECCOMP_RET_ALLOW);
#undef EMIT
	f->prog = p;
	f->prog_len = n;
}

int filter_parse(struct filter *f, const char *spec)
{
	char *copy, *item, *save = NULL;
	int abi, negate = 0, rc = 0;

	memset(f, 0, sizeof(*f));
	if (!strncmp(spec, "trace=", 6))
		spec += 6;
	else if (strchr(spec, '='))
		return error("trace: -e %s: only trace=SET is supported", spec);
	if (*spec == '!') {
		negate = 1;
		spec++;
	}
	if (!negate && !strcmp(spec, "all")) {
		f->all = 1;
		return 0;
	}
	for (abi = 0; abi < DECODE_ABI_COUNT; abi++) {
		f->count[abi] = decode_syscall_count(abi);
		f->bits[abi] = xcalloc((size_t)f->count[abi] + 1, 1);
	}
	copy = xstrdup(spec);
	for (item = strtok_r(copy, ",", &save); item && !rc; item = strtok_r(NULL, ",", &save))
		rc = filter_add_item(f, item);
	free(copy);
	if (rc < 0) {
		filter_release(f);
		return -1;
	}
	if (negate)
		for (abi = 0; abi < DECODE_ABI_COUNT; abi++)
			for (long nr = 0; nr < f->count[abi]; nr++)
				f->bits[abi][nr] = !f->bits[abi][nr];
	filter_build_prog(f);
	return 0;
}

void filter_release(struct filter *f)
{
	int abi;

	for (abi = 0; abi < DECODE_ABI_COUNT; abi++)
		free(f->bits[abi]);
	free(f->prog);
	memset(f, 0, sizeof(*f));
}
