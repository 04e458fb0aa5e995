/* Unit tests for common/strace-opts.c and common/summary.c. */
#include <stdlib.h>
#include <string.h>

#include "strace-opts.h"
#include "summary.h"
#include "tap.h"

static void test_set(void)
{
	struct strace_opts o;
	const char *why = NULL;

	strace_opts_init(&o);
	is_int(o.column, 40, "default column 40");
	is_int(o.sortby, STRACE_SORT_TIME, "default order time");
	strace_opts_set(&o, 't', NULL, &why);
	strace_opts_set(&o, 't', NULL, &why);
	is_int(o.tstamp, 2, "-t twice is -tt");
	strace_opts_set(&o, 't', NULL, &why);
	strace_opts_set(&o, 't', NULL, &why);
	is_int(o.tstamp, 3, "-t four times stays -ttt");
	is_int(strace_opts_set(&o, 'S', "calls", &why), 1, "-S calls");
	is_int(o.sortby, STRACE_SORT_CALLS, "sorted by calls");
	is_int(strace_opts_set(&o, 'S', "speed", &why), -1, "-S speed refused");
	ok(why && strstr(why, "calls"), "and the usage says what is expected");
	is_int(strace_opts_set(&o, 'a', "12x", &why), -1, "-a 12x refused");
	is_int(strace_opts_set(&o, 'a', "-1", &why), -1, "-a -1 refused");
	is_int(strace_opts_set(&o, 'a', "0", &why), 1, "-a 0");
	is_int(o.column, 0, "column 0");
	is_int(strace_opts_set(&o, 'X', "verbose", &why), 1, "-X verbose");
	is_int(o.xlat, STRACE_XLAT_VERBOSE, "xlat verbose");
	is_int(strace_opts_set(&o, 'X', "hex", &why), -1, "-X hex refused");
	is_int(strace_opts_set(&o, 'f', NULL, &why), 0, "-f is not an output option");
	strace_opts_set(&o, 'Z', NULL, &why);
	is_int(o.only, STRACE_ONLY_FAILED, "-Z: failed only");
	strace_opts_set(&o, 'z', NULL, &why);
	is_int(o.only, STRACE_ONLY_SUCCESSFUL, "-z after -Z: the last wins");
}

static void test_json(void)
{
	struct strace_opts o;
	struct strbuf sb = STRBUF_INIT;

	is_int(strace_opts_from_json(&o, "[\"-o\", \"-tt\", \"-fT\", \"-S\", \"calls\", "
				     "\"-a30\", \"--text=x\", \"--kernel-stacks\", \"-c\", "
				     "\"-Xraw\", \"--\", \"-v\"]"), 0, "options parsed");
	is_int(o.tstamp, 0, "-o's argument -tt is not -tt");
	is_int(o.durations, 1, "-T inside -fT");
	is_int(o.sortby, STRACE_SORT_CALLS, "-S calls in two words");
	is_int(o.column, 30, "-a30 in one word");
	is_int(o.summary, STRACE_SUMMARY_NONE, "--kernel-stacks takes the next word (-c)");
	is_int(o.xlat, STRACE_XLAT_RAW, "-Xraw");
	is_int(o.verbose, 0, "nothing after --");
	is_int(strace_opts_from_json(&o, "[\"-t\", \"-e\", \"trace=open\", \"-t\"]"), 0, "-e's argument");
	is_int(o.tstamp, 2, "-t -e ... -t is -tt");
	is_int(strace_opts_from_json(&o, "[\"ls\", \"-tt\"]"), 0, "a command first");
	is_int(o.tstamp, 0, "its own options are not ours");
	is_int(strace_opts_from_json(&o, "[\"-t\""), -1, "unterminated array refused");
	is_int(strace_opts_from_json(&o, "{\"a\":1}"), -1, "an object refused");
	is_int(strace_opts_from_json(&o, "[\"\\u00e9\\n\", \"-T\"] x"), -1, "trailing junk refused");
	is_int(strace_opts_from_json(&o, "[\"\\q\"]"), -1, "bad escape refused");
	is_int(strace_opts_from_json(&o, NULL), -1, "NULL refused");
	is_int(o.durations, 0, "and o is as initialised");
	is_int(strace_opts_from_json(&o, " [ ] "), 0, "empty array");

	strace_opts_init(&o);
	o.tstamp = 2;
	o.durations = 1;
	o.sortby = STRACE_SORT_NAME;
	o.column = 50;
	o.xlat = STRACE_XLAT_VERBOSE;
	strace_opts_to_json(&o, &sb);
	is_str(sb.buf, "\"-tt\", \"-T\", \"-S\", \"name\", \"-a50\", \"-X\", \"verbose\"", "to_json");
	strbuf_release(&sb);
}

static void test_time(void)
{
	struct strace_opts o;
	struct strbuf sb = STRBUF_INIT;
	int64_t t = 1700000000123456789LL;

	setenv("TZ", "UTC", 1);
	strace_opts_init(&o);
	strace_opts_time(&o, t, 0, &sb);
	is_str(sb.buf, "", "no option: no prefix");
	o.tstamp = 1;
	strace_opts_time(&o, t, 0, &sb);
	is_str(sb.buf, "22:13:20 ", "-t");
	strbuf_reset(&sb);
	o.tstamp = 2;
	strace_opts_time(&o, t, 0, &sb);
	is_str(sb.buf, "22:13:20.123456 ", "-tt");
	strbuf_reset(&sb);
	o.tstamp = 3;
	strace_opts_time(&o, t, 0, &sb);
	is_str(sb.buf, "1700000000.123456 ", "-ttt");
	strbuf_reset(&sb);
	o.tstamp = 0;
	o.relative = 1;
	strace_opts_time(&o, t, 0, &sb);
	is_str(sb.buf, "     0.000000 ", "-r, first line");
	strbuf_reset(&sb);
	strace_opts_time(&o, t, t - 1500000, &sb);
	is_str(sb.buf, "     0.001500 ", "-r");
	strbuf_reset(&sb);
	o.tstamp = 1;
	strace_opts_time(&o, t, t - 2000000000, &sb);
	is_str(sb.buf, "22:13:20 (+     2.000000) ", "-t -r");
	strbuf_reset(&sb);
	strace_opts_duration(123456789, &sb);
	is_str(sb.buf, " <0.123456>", "-T");
	strbuf_release(&sb);
}

static void test_summary(void)
{
	struct summary_row rows[] = {
		{ "read", 0, 4, 1, 40000 },
		{ "write", 1, 2, 0, 90000 },
		{ "close", 3, 4, 0, 10000 },
	};
	struct strbuf sb = STRBUF_INIT;

	summary_format(rows, 3, STRACE_SORT_CALLS, &sb);
	is_str(sb.buf,
	       "% time     seconds  usecs/call     calls    errors syscall\n"
	       "------ ----------- ----------- --------- --------- ----------------\n"
	       " 28.57    0.000040          10         4         1 read\n"
	       "  7.14    0.000010           2         4           close\n"
	       " 64.29    0.000090          45         2           write\n"
	       "------ ----------- ----------- --------- --------- ----------------\n"
	       "100.00    0.000140          14        10         1 total\n",
	       "-S calls: ties in number order, errors blank when none");
	summary_sort(rows, 3, STRACE_SORT_TIME);
	is_str(rows[0].name, "write", "-S time: longest first");
	summary_sort(rows, 3, STRACE_SORT_NAME);
	is_str(rows[0].name, "close", "-S name");
	summary_sort(rows, 3, STRACE_SORT_ERRORS);
	is_str(rows[0].name, "read", "-S errors");
	summary_sort(rows, 3, STRACE_SORT_NOTHING);
	is_str(rows[2].name, "close", "-S nothing: number order");
	strbuf_reset(&sb);
	summary_format(rows, 0, STRACE_SORT_TIME, &sb);
	ok(strstr(sb.buf, "100.00    0.000000           0         0           total\n") != NULL,
	   "no calls: a zero total");
	strbuf_release(&sb);
}

int main(void)
{
	test_set();
	test_json();
	test_time();
	test_summary();
	done_testing();
	return exit_status();
}
