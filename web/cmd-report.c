#include <getopt.h>

#include "cli.h"
#include "db.h"
#include "schema.h"
#include "web.h"

static const char report_usage[] =
	"usage: sysatlas report TRACE.db [--index INDEX.db] [-o DIR] [--force]\n"
	"                       [--links github|elixir|file:DIR] [--chrome FILE.json]\n"
	"                       [--jsonl FILE] [--open]\n"
	"\n"
	"Write a static site for a trace: overview, per-thread timeline, and for\n"
	"every event its round trip through kernel and tracer, each step linked to\n"
	"its source line.\n"
	"\n"
	"  --index FILE     index to link against (default: the built-in v5.7 index)\n"
	"  -o DIR           output directory (default: ./sysatlas-report)\n"
	"  --force          write into DIR even if it exists\n"
	"  --links STYLE    github (default), elixir, or file:DIR for a local tree\n"
	"  --chrome FILE    also export Chrome Trace Event JSON (Perfetto)\n"
	"  --jsonl FILE     also export one JSON object per event\n"
	"  --open           open the report in a browser\n"
	"  -h, --help       show this help\n";

int cmd_report(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "index", required_argument, NULL, 'i' },
		{ NULL, 0, NULL, 0 },
	};
	const char *index_path = NULL;
	sqlite3 *trace = NULL, *index = NULL;
	int c, rc = 1;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(report_usage);
		case 'i':
			index_path = optarg;
			break;
		default:
			return cli_bad_option("report", report_usage, argv, c);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("report", report_usage, "expected one trace database");
	/* Validate the inputs for real; the site itself is issue #6. */
	if (db_open(&trace, argv[optind], &db_schema_trace, DB_READONLY) < 0)
		goto cleanup;
	if (index_path && db_open(&index, index_path, &db_schema_index, DB_READONLY) < 0)
		goto cleanup;
	rc = cli_not_implemented(1, argv, report_usage, "issue #6");
cleanup:
	db_close(index);
	db_close(trace);
	return rc;
}
