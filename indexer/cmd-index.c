/*
 * `sysatlas index`: options, the scratch directory, and writing index.db
 * atomically (a temporary file renamed into place once complete).
 */
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "db.h"
#include "index-text.h"
#include "index-tree.h"
#include "indexer.h"
#include "ix.h"
#include "outfile.h"
#include "schema.h"
#include "strbuf.h"

static const char index_usage[] =
	"usage: sysatlas index --linux DIR [--strace DIR] [--arch x86_64] [--config FILE]\n"
	"                      [--jobs N] [--no-pch] [--force] -o FILE\n"
	"   or: sysatlas index --export-text INDEX.db [--force] [-o FILE]\n"
	"   or: sysatlas index --import-text FILE [--force] -o INDEX.db\n"
	"\n"
	"Index a Linux source tree and a strace source tree with libclang: syscall\n"
	"table and definitions, the entry/tracehook paths, the ptrace request\n"
	"handlers, strace's decoders and main loop.\n"
	"\n"
	"  --linux DIR      the Linux source tree (no build needed)\n"
	"  --strace DIR     the strace source tree\n"
	"  --arch ARCH      architecture to index (default x86_64)\n"
	"  --config FILE    kernel .config deciding #ifdef blocks (default: built-in)\n"
	"  --jobs N         parse N files at once (default: all cores)\n"
	"  --no-pch         parse each kernel file with all its headers, without the\n"
	"                   shared precompiled prefix (slower; the same result)\n"
	"  --linux-version V, --strace-version V\n"
	"                   the version tag used in links (default: from the tree)\n"
	"  --linux-url TEMPLATE\n"
	"                   the kernel tree's link template, with {version}, {path}\n"
	"                   and {line} (default: GitHub's torvalds/linux)\n"
	"  --export-text INDEX.db\n"
	"                   write INDEX.db as sorted, diffable text (to stdout\n"
	"                   without -o); the built-in index is shipped this way\n"
	"  --import-text FILE\n"
	"                   turn such a text back into an index database\n"
	"  -o FILE          write the index (or the text) to FILE\n"
	"  --force          replace FILE if it exists\n"
	"  -v, --verbose    report every file that parsed with errors\n"
	"      --check-lexical N\n"
	"                   also parse N more files with libclang and print how the\n"
	"                   lexical pass (all functions, call trees) agrees with it\n"
	"  -h, --help       show this help\n";

const char *index_clang_resource_include(void)
{
	return SYSATLAS_CLANG_RESOURCE_INCLUDE;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *absolute(const char *path)
{
	char buf[PATH_MAX];

	if (!realpath(path, buf))
		return NULL;
	return xstrdup(buf);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { OPT_LINUX = 256, OPT_STRACE, OPT_ARCH, OPT_CONFIG, OPT_JOBS, OPT_FORCE,
       OPT_LVER, OPT_SVER, OPT_EXPORT_TEXT, OPT_IMPORT_TEXT, OPT_NO_PCH,
       OPT_CHECK_LEXICAL, OPT_LURL };

static const struct option index_longopts[] = {
	{ "linux", required_argument, NULL, OPT_LINUX },
	{ "strace", required_argument, NULL, OPT_STRACE },
	{ "arch", required_argument, NULL, OPT_ARCH },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "jobs", required_argument, NULL, OPT_JOBS },
	{ "force", no_argument, NULL, OPT_FORCE },
	{ "no-pch", no_argument, NULL, OPT_NO_PCH },
	{ "linux-version", required_argument, NULL, OPT_LVER },
	{ "strace-version", required_argument, NULL, OPT_SVER },
	{ "linux-url", required_argument, NULL, OPT_LURL },
	{ "export-text", required_argument, NULL, OPT_EXPORT_TEXT },
	{ "import-text", required_argument, NULL, OPT_IMPORT_TEXT },
	{ "verbose", no_argument, NULL, 'v' },
	{ "check-lexical", required_argument, NULL, OPT_CHECK_LEXICAL },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg index_args[] = {
	{ OPT_LINUX, "dir" },
	{ OPT_STRACE, "dir" },
	{ OPT_ARCH, "words:x86_64" },
	{ OPT_JOBS, "number" },
	{ OPT_LVER, "text" },
	{ OPT_SVER, "text" },
	{ OPT_LURL, "text" },
	{ OPT_CHECK_LEXICAL, "number" },
	{ 0, NULL },
};

const struct cli_spec cmd_index_spec = { "+o:vh", index_longopts, index_args, NULL };

int cmd_index(int argc, char **argv)
{
	const char *linux_dir = NULL, *strace_dir = NULL, *arch = "x86_64", *config = NULL;
	const char *out = NULL, *lver = NULL, *sver = NULL, *lurl = NULL;
	const char *export_text = NULL, *import_text = NULL;
	char *lroot = NULL, *sroot = NULL, *config_abs = NULL;
	int force = 0, jobs = 0, verbose = 0, no_pch = 0, c, rc = 1, check_lexical = 0;
	struct outfile of = { 0 };
	int fd;
	char scratch[] = "/tmp/sysatlas-index-XXXXXX";
	int have_scratch = 0;
	struct ix_tree *lt = NULL, *stt = NULL;
	struct index_stats lst, sst;
	sqlite3 *db = NULL;
	double t0 = now();

	memset(&lst, 0, sizeof(lst));
	memset(&sst, 0, sizeof(sst));
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_index_spec.shortopts, index_longopts, NULL)) != -1) {
		switch (c) {
		case OPT_LINUX: linux_dir = optarg; break;
		case OPT_STRACE: strace_dir = optarg; break;
		case OPT_ARCH: arch = optarg; break;
		case OPT_CONFIG: config = optarg; break;
		case OPT_FORCE: force = 1; break;
		case OPT_NO_PCH: no_pch = 1; break;
		case OPT_LVER: lver = optarg; break;
		case OPT_LURL:
			if (!strstr(optarg, "{path}") || !strstr(optarg, "{line}") ||
			    (strncmp(optarg, "https://", 8) && strncmp(optarg, "http://", 7)))
				return cli_usage_error("index", index_usage,
						       "--linux-url %s: wants an http(s) URL with "
						       "{path} and {line}", optarg);
			lurl = optarg;
			break;
		case OPT_SVER: sver = optarg; break;
		case OPT_EXPORT_TEXT: export_text = optarg; break;
		case OPT_IMPORT_TEXT: import_text = optarg; break;
		case 'o': out = optarg; break;
		case 'v': verbose = 1; break;
		case OPT_CHECK_LEXICAL: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*end || end == optarg || n < 0 || n > 100000)
				return cli_usage_error("index", index_usage,
						       "--check-lexical wants a number of files, not '%s'",
						       optarg);
			check_lexical = (int)n;
			break;
		}
		case 'h': return cli_help(index_usage);
		case OPT_JOBS: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*end || n < 1 || n > 1024)
				return cli_usage_error("index", index_usage,
						       "--jobs wants a number from 1 to 1024, not '%s'",
						       optarg);
			jobs = (int)n;
			break;
		}
		default:
			return cli_bad_option("index", index_usage, argv, c);
		}
	}
	if (optind < argc)
		return cli_usage_error("index", index_usage, "unexpected argument '%s'",
				       argv[optind]);
	if (export_text || import_text) {
		if (export_text && import_text)
			return cli_usage_error("index", index_usage,
					       "--export-text and --import-text exclude each other");
		if (linux_dir || strace_dir)
			return cli_usage_error("index", index_usage,
					       "--%s-text does not index a tree: drop --linux/--strace",
					       export_text ? "export" : "import");
		if (import_text && !out)
			return cli_usage_error("index", index_usage, "-o FILE is required");
		return index_text_cmd(export_text, import_text, out, force);
	}
	if (!linux_dir && !strace_dir)
		return cli_usage_error("index", index_usage, "--linux DIR or --strace DIR is required");
	if (!out)
		return cli_usage_error("index", index_usage, "-o FILE is required");
	if (strcmp(arch, "x86_64"))
		return cli_usage_error("index", index_usage,
				       "--arch %s: only x86_64 is supported", arch);
	if (!jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = n > 0 ? (int)n : 1;
	}
	if (outfile_check(&of, "-o", out, (force ? OUTFILE_FORCE : 0) | OUTFILE_DISCARD_OK) < 0)
		return 1;
	{
		struct outfile *outs[1] = { &of };
		struct outfile_input in = { "--config", config };

		if (outfile_distinct(outs, 1, &in, 1) < 0)
			goto cleanup;
	}
	if (linux_dir && !(lroot = absolute(linux_dir))) {
		error_errno("index: --linux %s", linux_dir);
		goto cleanup;
	}
	if (strace_dir && !(sroot = absolute(strace_dir))) {
		error_errno("index: --strace %s", strace_dir);
		goto cleanup;
	}
	if (config && !(config_abs = absolute(config))) {
		error_errno("index: --config %s", config);
		goto cleanup;
	}
	if (!mkdtemp(scratch)) {
		error_errno("index: cannot create a scratch directory in /tmp");
		goto cleanup;
	}
	have_scratch = 1;

	if (lroot) {
		struct index_opts o = { .root = lroot, .arch = arch, .config = config_abs,
					.version = lver, .url_template = lurl,
					.jobs = jobs, .verbose = verbose,
					.no_pch = no_pch, .tmpdir = scratch,
					.check_lexical = check_lexical };

		lt = ix_tree_new("linux", lroot);
		if (kernel_index(lt, &o, &lst))
			goto cleanup;
	}
	if (sroot) {
		struct index_opts o = { .root = sroot, .arch = arch, .version = sver,
					.jobs = jobs, .verbose = verbose, .no_pch = no_pch,
					.tmpdir = scratch };

		stt = ix_tree_new("strace", sroot);
		if (strace_index(stt, &o, &sst))
			goto cleanup;
		if (lt)
			strace_link_decoders(lt, stt);
	}

	/* write next to the target, rename when complete */
	fd = outfile_open(&of);
	if (fd < 0)
		goto cleanup;
	close(fd);
	if (db_open(&db, of.tmp, &db_schema_index, DB_CREATE))
		goto cleanup;
	if (ix_write(db, lt, stt) || db_make_standalone(db))
		goto cleanup;
	if (db_close(db)) {
		db = NULL;
		goto cleanup;
	}
	db = NULL;
	if (outfile_commit(&of) < 0)
		goto cleanup;

	/* the versions come from the trees: through note(), escaped */
	if (lt)
		note("index: linux %s: %d syscalls (%d implemented, %d unimplemented), "
			"%d definitions, %d paths; %d files parsed (%d with errors), %d skipped; "
			"%d functions, %d call-tree edges, %d calls through pointers",
			lt->version, lst.syscalls, lst.implemented, lst.unimplemented,
			lst.definitions, lst.paths, lst.files_parsed, lst.files_with_errors,
			lt->nskips, lst.functions, lst.tree_edges, lst.icalls);
	if (stt)
		note("index: strace %s: %d syscalls, %d decoders, %d paths; "
			"%d files parsed (%d with errors), %d skipped",
			stt->version, sst.syscalls, sst.decoders, sst.paths, sst.files_parsed,
			sst.files_with_errors, stt->nskips);
	note("index: wrote %s in %.1f s", out, now() - t0);
	rc = 0;
cleanup:
	if (db)
		db_close(db);
	outfile_abort(&of);
	outfile_release(&of);
	if (have_scratch)
		nftw(scratch, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	ix_tree_free(lt);
	ix_tree_free(stt);
	free(lroot);
	free(sroot);
	free(config_abs);
	return rc;
}
