#include <stdlib.h>
#include <string.h>

#include "strace-opts.h"
#include "summary.h"

static const char summary_dashes[] =
	"------ ----------- ----------- --------- --------- ----------------\n";

static int by_nr(const struct summary_row *a, const struct summary_row *b)
{
	if (a->nr != b->nr)
		return a->nr < b->nr ? -1 : 1;
	return strcmp(a->name, b->name);
}

static int cmp_row(const void *x, const void *y, void *arg)
{
	const struct summary_row *a = x, *b = y;
	int sortby = *(const int *)arg;

	switch (sortby) {
	case STRACE_SORT_TIME:
		if (a->total_ns != b->total_ns)
			return a->total_ns > b->total_ns ? -1 : 1;
		break;
	case STRACE_SORT_CALLS:
		if (a->calls != b->calls)
			return a->calls > b->calls ? -1 : 1;
		break;
	case STRACE_SORT_ERRORS:
		if (a->errors != b->errors)
			return a->errors > b->errors ? -1 : 1;
		break;
	case STRACE_SORT_NAME: {
		int c = strcmp(a->name, b->name);

		if (c)
			return c;
		break;
	}
	default:
		break;
	}
	return by_nr(a, b);
}

void summary_sort(struct summary_row *rows, size_t n, int sortby)
{
	qsort_r(rows, n, sizeof(*rows), cmp_row, &sortby);
}

static void add_row(struct strbuf *out, double pct, int64_t ns, uint64_t calls,
		    uint64_t errors, const char *name)
{
	uint64_t usecs = calls ? (uint64_t)(ns / 1000) / calls : 0;

	strbuf_addf(out, "%6.2f %11.6f %11llu %9llu ", pct, ns / 1e9,
		    (unsigned long long)usecs, (unsigned long long)calls);
	if (errors)
		strbuf_addf(out, "%9llu", (unsigned long long)errors);
	else
		strbuf_addstr(out, "         ");
	strbuf_addf(out, " %s\n", name);
}

void summary_format(struct summary_row *rows, size_t n, int sortby, struct strbuf *out)
{
	uint64_t calls = 0, errors = 0;
	int64_t total = 0;
	size_t i;

	summary_sort(rows, n, sortby);
	for (i = 0; i < n; i++) {
		if (__builtin_add_overflow(total, rows[i].total_ns, &total))
			total = INT64_MAX;
		calls += rows[i].calls;
		errors += rows[i].errors;
	}
	strbuf_addf(out, "%6.6s %11.11s %11.11s %9.9s %9.9s %s\n", "% time", "seconds",
		    "usecs/call", "calls", "errors", "syscall");
	strbuf_addstr(out, summary_dashes);
	for (i = 0; i < n; i++)
		add_row(out, total ? 100.0 * rows[i].total_ns / total : 0, rows[i].total_ns,
			rows[i].calls, rows[i].errors, rows[i].name);
	strbuf_addstr(out, summary_dashes);
	add_row(out, 100.0, total, calls, errors, "total");
}
