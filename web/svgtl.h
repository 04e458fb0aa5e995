/*
 * svgtl: `sysatlas report --svg-timeline FROM..TO`, a slide-ready
 * timeline of part of a trace drawn by graphviz (internal to web/).
 *
 * One cluster (lane) per thread, its calls left to right in time order,
 * markers (fork, clone, exec, exit, signal) as nodes of their lane, fork
 * and exec edges between lanes.  Each call is a table node whose rows
 * link to its round trip (timeline.html#e=SEQ in the report's site) and
 * to its kernel definition (a URL from the index).  At most max_calls
 * calls are drawn, the first ones in time; the title says when the range
 * held more.  Every string from the trace reaches cgraph through
 * graph.c, which escapes it.
 */
#ifndef SYSATLAS_WEB_SVGTL_H
#define SYSATLAS_WEB_SVGTL_H

#include <stdint.h>

#include "strbuf.h"

enum svgtl_range_kind {
	SVGTL_SEQ,			/* event seqs, both ends included */
	SVGTL_TIME,			/* ns since the run's start, both ends included */
	SVGTL_PID,			/* the threads of process from (to unused) */
};

struct svgtl_range {
	enum svgtl_range_kind kind;
	int64_t from, to;
};

/* The calls drawn when --svg-calls is not given. */
#define SVGTL_DEFAULT_CALLS 60
/* The most --svg-calls accepts: graphviz lays out a few thousand nodes. */
#define SVGTL_MAX_CALLS 2000

/*
 * Parse a --svg-timeline argument: "120..180" (seqs), "+1.5ms..+3ms"
 * (times since the run's start: ns, us, µs, ms, s; the + is optional,
 * the unit is not), or "pid:N".  0, or -1 with why (a phrase, no
 * prefix) appended.
 */
int svgtl_range_parse(const char *arg, struct svgtl_range *out, struct strbuf *why);

/* Append a time in ns as the range syntax writes it ("+1.5ms"). */
void svgtl_time_format(struct strbuf *out, int64_t ns);

#endif
