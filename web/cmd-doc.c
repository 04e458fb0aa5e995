#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "db.h"
#include "doc-site.h"
#include "outfile.h"
#include "schema.h"
#include "web.h"

static const char doc_usage[] =
	"usage: sysatlas doc [--index INDEX [--index INDEX2]] [--trace TRACE.db] [-o DIR]\n"
	"                    [--force] [--links github|elixir|file:DIR]\n"
	"\n"
	"Write syscall reference pages: a table of all syscalls, a page per syscall\n"
	"with its kernel path and strace decoder, a ptrace page; with two indexes,\n"
	"what changed between the versions.  By default: the built-in v5.7 index,\n"
	"compared with the built-in 6.12 (Debian's 6.12.118).\n"
	"\n"
	"  --index INDEX    index to document: v5.7 or 6.12 (built in) or a file;\n"
	"                   a second --index is compared with the first\n"
	"  --trace FILE     add real examples from a trace\n"
	"  -o DIR           output directory (default: ./sysatlas-doc)\n"
	"  --force          write into DIR even if it exists (its other files are kept)\n"
	"  --links STYLE    github (default), elixir, or file:DIR\n"
	"  -h, --help       show this help\n";

/* The site's subdirectories, inside the temporary directory. */
static int outdir_make_subdirs(const char *dir)
{
	static const char *const subdirs[] = { "syscalls", "assets" };
	struct strbuf sub = STRBUF_INIT;
	size_t i;
	int rc = -1;

	for (i = 0; i < sizeof(subdirs) / sizeof(subdirs[0]); i++) {
		strbuf_reset(&sub);
		strbuf_addf(&sub, "%s/%s", dir, subdirs[i]);
		if (mkdir(sub.buf, 0777) < 0 && errno != EEXIST) {
			error_errno("doc: %s", sub.buf);
			goto cleanup;
		}
	}
	rc = 0;
cleanup:
	strbuf_release(&sub);
	return rc;
}

static const struct option doc_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "index", required_argument, NULL, 'i' },
	{ "trace", required_argument, NULL, 't' },
	{ "force", no_argument, NULL, 'f' },
	{ "links", required_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg doc_args[] = {
	{ 'i', "index" },
	{ 'o', "dir" },
	{ 'l', "words:github,elixir,file:" },
	{ 0, NULL },
};

const struct cli_spec cmd_doc_spec = { "ho:", doc_longopts, doc_args, NULL };

int cmd_doc(int argc, char **argv)
{
	const char *index_paths[2] = { NULL, NULL }, *trace_path = NULL, *links_arg = NULL;
	const char *outdir = "sysatlas-doc";
	struct strbuf dflt = STRBUF_INIT, where = STRBUF_INIT;
	struct doc_assets assets = { STRBUF_INIT, STRBUF_INIT };
	struct doc_site site = { 0 };
	struct links links = { 0 };
	struct compare cmp = { 0 };
	struct ix ix[2] = { { 0 }, { 0 } };
	struct outdir od = { 0 };
	int c, n_index = 0, force = 0, rc = 1, v;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_doc_spec.shortopts, doc_longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(doc_usage);
		case 'i':
			if (n_index == 2)
				return cli_usage_error("doc", doc_usage, "at most two --index (one to document, one to compare with)");
			index_paths[n_index++] = optarg;
			break;
		case 't':
			trace_path = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'l':
			links_arg = optarg;
			break;
		default:
			return cli_bad_option("doc", doc_usage, argv, c);
		}
	}
	if (optind != argc)
		return cli_usage_error("doc", doc_usage, "unexpected argument '%s'", argv[optind]);
	if (!*outdir)
		return cli_usage_error("doc", doc_usage, "-o needs a directory");

	if (outdir_check(&od, "-o", outdir, force) < 0 || links_init(&links, links_arg) < 0)
		goto cleanup;
	if (!n_index) {
		/* by default the lecture's pair: v5.7 documented, compared with 6.12 */
		if (ix_default_path(&dflt) < 0)
			goto cleanup;
		index_paths[n_index++] = dflt.buf;
		index_paths[n_index++] = "6.12";
	}
	for (v = 0; v < n_index; v++) {
		if (ix_open(&ix[v], index_paths[v]) < 0)
			goto cleanup;
		site.ix[v] = &ix[v];
		if (ix_syscalls_load(&ix[v], NULL, &site.all[v]) < 0)
			goto cleanup;
	}
	if (trace_path && db_open(&site.trace, trace_path, &db_schema_trace,
				   DB_READONLY | DB_OLDER_OK) < 0)
		goto cleanup;
	if (n_index == 2) {
		if (compare_build(&cmp, &ix[0], &ix[1]) < 0)
			goto cleanup;
		site.cmp = &cmp;
	}
	if (doc_assets_load(&assets) < 0 || outdir_open(&od) < 0 ||
	    outdir_make_subdirs(od.tmp) < 0)
		goto cleanup;
	site.outdir = od.tmp;
	site.links = &links;
	site.renderer = web_graph_renderer_new();

	if (doc_assets_write(&site, &assets) < 0 || doc_index_write(&site) < 0 ||
	    doc_syscall_pages_write(&site) < 0 || doc_ptrace_write(&site) < 0 ||
	    (site.cmp && doc_compare_write(&site) < 0))
		goto cleanup;
	if (outdir_commit(&od) < 0)
		goto cleanup;
	strbuf_addf(&where, "%s/index.html", od.path);
	print_line(where.buf);
	if (fflush(stdout) != 0) {
		error_errno("doc: write");
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (rc)
		outdir_abort(&od);
	outdir_release(&od);
	doc_assets_release(&assets);
	web_graph_renderer_free(site.renderer);
	compare_release(&cmp);
	for (v = 0; v < 2; v++) {
		ix_syscall_list_release(&site.all[v]);
		ix_close(&ix[v]);
	}
	db_close(site.trace);
	links_release(&links);
	strbuf_release(&dflt);
	strbuf_release(&where);
	return rc;
}
