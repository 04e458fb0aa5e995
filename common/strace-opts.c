#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "strace-opts.h"

static const char *const sort_names[] = {
	[STRACE_SORT_TIME] = "time",
	[STRACE_SORT_CALLS] = "calls",
	[STRACE_SORT_ERRORS] = "errors",
	[STRACE_SORT_NAME] = "name",
	[STRACE_SORT_NOTHING] = "nothing",
};

static const char *const xlat_names[] = {
	[STRACE_XLAT_ABBREV] = "abbrev",
	[STRACE_XLAT_RAW] = "raw",
	[STRACE_XLAT_VERBOSE] = "verbose",
};

void strace_opts_init(struct strace_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->column = STRACE_COLUMN_DEFAULT;
	o->sortby = STRACE_SORT_TIME;
}

const char *strace_sort_name(int sortby)
{
	if (sortby < 0 || sortby > STRACE_SORT_NOTHING)
		return "time";
	return sort_names[sortby];
}

static int word_index(const char *const *words, size_t n, const char *arg)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(words[i], arg))
			return (int)i;
	return -1;
}

int strace_opts_set(struct strace_opts *o, int c, const char *arg, const char **why)
{
	char *end;
	long v;
	int i;

	switch (c) {
	case 't':
		if (o->tstamp < 3)
			o->tstamp++;
		return 1;
	case 'r':
		o->relative = 1;
		return 1;
	case 'T':
		o->durations = 1;
		return 1;
	case 'c':
		o->summary = STRACE_SUMMARY_ONLY;
		return 1;
	case 'C':
		o->summary = STRACE_SUMMARY_ALSO;
		return 1;
	case 'q':
		if (o->quiet < 2)
			o->quiet++;
		return 1;
	case 'v':
		o->verbose = 1;
		return 1;
	case 'z':
		o->only = STRACE_ONLY_SUCCESSFUL;
		return 1;
	case 'Z':
		o->only = STRACE_ONLY_FAILED;
		return 1;
	case 'S':
		/* strace's own aliases of the same orders */
		if (arg && !strcmp(arg, "count"))
			arg = "calls";
		if (arg && (!strcmp(arg, "none") || !strcmp(arg, "no")))
			arg = "nothing";
		if (arg && (!strcmp(arg, "total-time") || !strcmp(arg, "time-total")))
			arg = "time";
		i = arg ? word_index(sort_names, sizeof(sort_names) / sizeof(sort_names[0]), arg) : -1;
		if (i < 0) {
			*why = "expected time, calls, errors, name or nothing";
			return -1;
		}
		o->sortby = i;
		return 1;
	case 'a':
		if (!arg || !*arg) {
			*why = "expected a column number";
			return -1;
		}
		v = strtol(arg, &end, 10);
		if (*end || v < 0 || v > 4096) {
			*why = "expected a column number (0 to 4096)";
			return -1;
		}
		o->column = (int)v;
		return 1;
	case 'X':
		i = arg ? word_index(xlat_names, sizeof(xlat_names) / sizeof(xlat_names[0]), arg) : -1;
		if (i < 0) {
			*why = "expected raw, abbrev or verbose";
			return -1;
		}
		o->xlat = i;
		return 1;
	default:
		return 0;
	}
}

/* ---- run.options ----------------------------------------------------------- */

/* A JSON string at *p (after its opening quote) into out; -1 if malformed. */
static int json_string(const char **p, struct strbuf *out)
{
	const char *s = *p;

	for (;;) {
		unsigned char ch = (unsigned char)*s++;

		if (!ch || ch < 0x20)
			return -1;
		if (ch == '"')
			break;
		if (ch != '\\') {
			strbuf_addch(out, (char)ch);
			continue;
		}
		ch = (unsigned char)*s++;
		switch (ch) {
		case '"': case '\\': case '/':
			strbuf_addch(out, (char)ch);
			break;
		case 'b': strbuf_addch(out, '\b'); break;
		case 'f': strbuf_addch(out, '\f'); break;
		case 'n': strbuf_addch(out, '\n'); break;
		case 'r': strbuf_addch(out, '\r'); break;
		case 't': strbuf_addch(out, '\t'); break;
		case 'u': {
			int k;

			for (k = 0; k < 4; k++)
				if (!strchr("0123456789abcdefABCDEF", s[k]) || !s[k])
					return -1;
			s += 4;
			strbuf_addch(out, '?');	/* options are ASCII; others never match */
			break;
		}
		default:
			return -1;
		}
	}
	*p = s;
	return 0;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	return s;
}

/* Split a JSON array of strings; -1 if it is not one. */
static int json_words(const char *json, char ***words, int *n)
{
	const char *p = skip_ws(json);
	struct strbuf w = STRBUF_INIT;
	int alloc = 0;

	*words = NULL;
	*n = 0;
	if (*p++ != '[')
		return -1;
	p = skip_ws(p);
	if (*p == ']')
		return *skip_ws(p + 1) ? -1 : 0;
	for (;;) {
		if (*p++ != '"' || json_string(&p, &w) < 0)
			goto bad;
		if (*n == alloc) {
			alloc = alloc ? 2 * alloc : 16;
			*words = xrealloc(*words, (size_t)alloc * sizeof(**words));
		}
		(*words)[(*n)++] = strbuf_detach(&w, NULL);
		p = skip_ws(p);
		if (*p == ']')
			break;
		if (*p++ != ',')
			goto bad;
		p = skip_ws(p);
	}
	if (*skip_ws(p + 1))
		goto bad;
	return 0;
bad:
	strbuf_release(&w);
	while (*n)
		free((*words)[--*n]);
	free(*words);
	*words = NULL;
	return -1;
}

/* Short options of `trace`, `run` and `import` that take an argument. */
static const char opts_with_arg[] = "opesaSX";

/* Long options that take their argument as the next word. */
static const char *const long_with_arg[] = {
	"--kernel-stacks", "--index", "--links", "--arch", "--kernel", "--output", "--poll",
};

int strace_opts_from_json(struct strace_opts *o, const char *json)
{
	char **w = NULL;
	const char *why;
	int n, i, j;
	size_t k;

	strace_opts_init(o);
	if (!json || json_words(json, &w, &n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *s = w[i];

		if (!strcmp(s, "--") || s[0] != '-' || !s[1])
			break;		/* the command follows */
		if (s[1] == '-') {
			for (k = 0; k < sizeof(long_with_arg) / sizeof(long_with_arg[0]); k++)
				if (!strcmp(s, long_with_arg[k]))
					i++;
			continue;
		}
		for (j = 1; s[j]; j++) {
			if (strchr(opts_with_arg, s[j])) {
				const char *arg = s[j + 1] ? s + j + 1 : i + 1 < n ? w[++i] : NULL;

				strace_opts_set(o, s[j], arg, &why);
				break;
			}
			strace_opts_set(o, s[j], NULL, &why);
		}
	}
	for (i = 0; i < n; i++)
		free(w[i]);
	free(w);
	return 0;
}

void strace_opts_to_json(const struct strace_opts *o, struct strbuf *out)
{
	const char *sep = out->len ? ", " : "";

#define WORD(s) do { strbuf_addf(out, "%s\"%s\"", sep, (s)); sep = ", "; } while (0)
	if (o->tstamp)
		WORD(o->tstamp == 1 ? "-t" : o->tstamp == 2 ? "-tt" : "-ttt");
	if (o->relative)
		WORD("-r");
	if (o->durations)
		WORD("-T");
	if (o->summary)
		WORD(o->summary == STRACE_SUMMARY_ONLY ? "-c" : "-C");
	if (o->sortby != STRACE_SORT_TIME) {
		WORD("-S");
		WORD(sort_names[o->sortby]);
	}
	if (o->quiet)
		WORD(o->quiet == 1 ? "-q" : "-qq");
	if (o->column != STRACE_COLUMN_DEFAULT) {
		strbuf_addf(out, "%s\"-a%d\"", sep, o->column);
		sep = ", ";
	}
	if (o->verbose)
		WORD("-v");
	if (o->xlat != STRACE_XLAT_ABBREV) {
		WORD("-X");
		WORD(xlat_names[o->xlat]);
	}
	if (o->only)
		WORD(o->only == STRACE_ONLY_SUCCESSFUL ? "-z" : "-Z");
#undef WORD
}

/* ---- printing ---------------------------------------------------------------- */

static void add_secs_usecs(struct strbuf *out, int64_t ns, int width)
{
	if (ns < 0)
		ns = 0;
	strbuf_addf(out, "%*lld.%06lld", width, (long long)(ns / 1000000000),
		    (long long)(ns % 1000000000 / 1000));
}

void strace_opts_time(const struct strace_opts *o, int64_t real_ns, int64_t prev_ns,
		      struct strbuf *out)
{
	if (o->tstamp == 3) {
		add_secs_usecs(out, real_ns, 0);
		strbuf_addch(out, ' ');
	} else if (o->tstamp) {
		time_t secs = (time_t)(real_ns / 1000000000);
		struct tm tm;
		char buf[32];

		if (real_ns < 0 || !localtime_r(&secs, &tm) ||
		    !strftime(buf, sizeof(buf), "%H:%M:%S", &tm))
			strcpy(buf, "??:??:??");
		strbuf_addstr(out, buf);
		if (o->tstamp == 2)
			strbuf_addf(out, ".%06lld", (long long)(real_ns % 1000000000 / 1000));
		strbuf_addch(out, ' ');
	}
	if (o->relative) {
		int64_t d = real_ns - prev_ns;

		strbuf_addstr(out, o->tstamp ? "(+" : "");
		add_secs_usecs(out, prev_ns ? d : 0, 6);
		strbuf_addstr(out, o->tstamp ? ") " : " ");
	}
}

void strace_opts_duration(int64_t ns, struct strbuf *out)
{
	strbuf_addch(out, ' ');
	strbuf_addch(out, '<');
	add_secs_usecs(out, ns, 0);
	strbuf_addch(out, '>');
}
