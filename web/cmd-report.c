#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "svgtl.h"
#include "web.h"

static const char report_usage[] =
	"usage: sysatlas report TRACE.db [--index v5.7|6.12|FILE] [-o DIR] [--force]\n"
	"                       [--links github|elixir|file:DIR] [--chrome FILE.json]\n"
	"                       [--jsonl FILE] [--current-index 6.12|FILE|none] [--open]\n"
	"                       [--no-db] [--redact] [--graphviz]\n"
	"   or: sysatlas report TRACE.db --svg-timeline FROM..TO|pid:N [-o FILE.svg]\n"
	"                       [--svg-calls N] [--svg-site URL] [--index INDEX] [--force]\n"
	"\n"
	"Write a static site for a trace: overview, per-thread timeline, and for\n"
	"every event its round trip through kernel and tracer, each step linked to\n"
	"its source line.\n"
	"\n"
	"  --index INDEX    index to link against: v5.7 (the default) or 6.12, the\n"
	"                   built-in ones, or an index file\n"
	"  --current-index INDEX\n"
	"                   a second kernel shown beside the index, in the round trip\n"
	"                   and on syscall pages (default: 6.12 when the traced kernel\n"
	"                   is 6.x; none: no such column)\n"
	"  -o DIR           output directory (default: ./sysatlas-report)\n"
	"  --force          write into DIR even if it exists\n"
	"  --links STYLE    github (default; a stable release such as v6.1.192 links\n"
	"                   to Elixir, torvalds/linux has only mainline tags), elixir,\n"
	"                   or file:DIR for a local tree (file://DIR/PATH#LLINE)\n"
	"  --chrome FILE    also export Chrome Trace Event JSON (Perfetto)\n"
	"  --jsonl FILE     also export one JSON object per event\n"
	"  --no-db          leave trace.db out of the site (by default it is copied\n"
	"                   there: it holds the command line, the working directory\n"
	"                   and the data the program read and wrote)\n"
	"  --redact         replace the strings read from the program's memory (file\n"
	"                   names, data read and written, exec arguments) by their\n"
	"                   lengths, in every page, data file, export and trace.db\n"
	"  --graphviz       also write graphviz's drawing of every round trip\n"
	"                   (graphs/rt-N.dot and .svg; the pages draw their own)\n"
	"  --open           open the report in a browser\n"
	"  --svg-timeline FROM..TO\n"
	"                   write only a graphviz timeline of these events, one lane\n"
	"                   per thread, each call linked to its round trip and its\n"
	"                   kernel definition: FILE.svg (-o, default timeline.svg)\n"
	"                   and FILE.dot beside it; FROM..TO are event seqs (120..180),\n"
	"                   times since the run's start (+1.5ms..+3ms; ns us ms s),\n"
	"                   or pid:N for one process's whole life\n"
	"  --svg-calls N    draw at most N calls (default 60; the SVG says when cut)\n"
	"  --svg-site URL   prefix of the round-trip links (default none: they work\n"
	"                   with the SVG in the report's directory)\n"
	"  -h, --help       show this help\n";

/* --open: hand index.html to the desktop's opener; failing is not an error. */
static void report_open(const char *index_html)
{
	pid_t pid = fork();

	if (pid == 0) {
		execlp("xdg-open", "xdg-open", index_html, (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		warning("--open: cannot start xdg-open");
}

enum { OPT_INDEX = 256, OPT_FORCE, OPT_LINKS, OPT_CHROME, OPT_JSONL, OPT_OPEN, OPT_CURRENT,
       OPT_SVG_TIMELINE, OPT_SVG_CALLS, OPT_SVG_SITE,
       OPT_NO_DB, OPT_REDACT, OPT_GRAPHVIZ };

static const struct option report_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "index", required_argument, NULL, OPT_INDEX },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "links", required_argument, NULL, OPT_LINKS },
	{ "chrome", required_argument, NULL, OPT_CHROME },
	{ "jsonl", required_argument, NULL, OPT_JSONL },
	{ "open", no_argument, NULL, OPT_OPEN },
	{ "current-index", required_argument, NULL, OPT_CURRENT },
	{ "svg-timeline", required_argument, NULL, OPT_SVG_TIMELINE },
	{ "svg-calls", required_argument, NULL, OPT_SVG_CALLS },
	{ "svg-site", required_argument, NULL, OPT_SVG_SITE },
	{ "no-db", no_argument, NULL, OPT_NO_DB },
	{ "redact", no_argument, NULL, OPT_REDACT },
	{ "graphviz", no_argument, NULL, OPT_GRAPHVIZ },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg report_args[] = {
	{ OPT_INDEX, "index" },
	{ OPT_CURRENT, "index" },
	{ 'o', "dir" },
	{ OPT_LINKS, "words:github,elixir,file:" },
	{ OPT_SVG_TIMELINE, "text" },
	{ OPT_SVG_CALLS, "number" },
	{ OPT_SVG_SITE, "text" },
	{ 0, NULL },
};

const struct cli_spec cmd_report_spec = { "ho:", report_longopts, report_args, "file" };

int cmd_report(int argc, char **argv)
{
	struct web_report_opts o = { 0 };
	struct strbuf index_html = STRBUF_INIT;
	int c, open_it = 0;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_report_spec.shortopts, report_longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(report_usage);
		case OPT_INDEX:
			o.index = optarg;
			break;
		case 'o':
			o.outdir = optarg;
			break;
		case OPT_FORCE:
			o.force = 1;
			break;
		case OPT_LINKS:
			o.links = optarg;
			break;
		case OPT_CHROME:
			o.chrome = optarg;
			break;
		case OPT_JSONL:
			o.jsonl = optarg;
			break;
		case OPT_OPEN:
			open_it = 1;
			break;
		case OPT_CURRENT:
			o.current = optarg;
			break;
		case OPT_SVG_TIMELINE:
			o.svg_timeline = optarg;
			break;
		case OPT_SVG_CALLS: {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 1 || v > SVGTL_MAX_CALLS)
				return cli_usage_error("report", report_usage,
						       "--svg-calls: '%s': expected 1..%d", optarg,
						       SVGTL_MAX_CALLS);
			o.svg_calls = (int)v;
			break;
		}
		case OPT_SVG_SITE:
			o.svg_site = optarg;
			break;
		case OPT_NO_DB:
			o.db = WEB_DB_OMIT;
			break;
		case OPT_REDACT:
			o.redact = 1;
			break;
		case OPT_GRAPHVIZ:
			o.graphviz = 1;
			break;
		default:
			return cli_bad_option("report", report_usage, argv, c);
		}
	}
	if (optind != argc - 1)
		return cli_usage_error("report", report_usage, "expected one trace database");
	o.trace = argv[optind];
	if (!o.svg_timeline && (o.svg_calls || o.svg_site))
		return cli_usage_error("report", report_usage,
				       "--svg-calls and --svg-site go with --svg-timeline");
	if (o.svg_timeline && (o.chrome || o.jsonl || open_it || o.current || o.db == WEB_DB_OMIT))
		return cli_usage_error("report", report_usage, "--svg-timeline writes only the "
				       "timeline: not with --chrome, --jsonl, --open, --current-index "
				       "or --no-db");
	if (o.svg_timeline) {
		if (web_svg_timeline_write(&o, &index_html) < 0) {
			strbuf_release(&index_html);
			return 1;
		}
		print_line(index_html.buf);
		strbuf_release(&index_html);
		return 0;
	}
	if (web_report_write(&o, &index_html) < 0) {
		strbuf_release(&index_html);
		return 1;
	}
	print_line(index_html.buf);
	if (open_it)
		report_open(index_html.buf);
	strbuf_release(&index_html);
	return 0;
}
