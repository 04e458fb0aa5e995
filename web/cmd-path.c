#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "escape.h"
#include "index-read.h"
#include "links.h"
#include "path-build.h"
#include "path-output.h"
#include "startup.h"
#include "web.h"

static const char path_usage[] =
	"usage: sysatlas path NAME [--index v5.7|6.12|FILE] [--abi ABI] [--format text|dot|svg]\n"
	"                     [--links github|elixir|file:DIR]\n"
	"   or: sysatlas path --stop KIND [--index v5.7|6.12|FILE] [--format text|dot|svg]\n"
	"                     [--links github|elixir|file:DIR]\n"
	"\n"
	"Print the kernel path of syscall NAME: entry, tracehook, dispatch,\n"
	"definition, exit; each step with its file:line and call-site line.\n"
	"With --stop, the round trip of a stop that is not a syscall stop:\n"
	"the kernel path that stops the tracee, the tracer's wake-up and\n"
	"reaction, and what follows, each phase one of the index's paths;\n"
	"or how tracing starts, each step with strace's and the kernel's lines.\n"
	"\n"
	"  --stop KIND      signal (signal-delivery stop), exec, fork (fork, vfork,\n"
	"                   clone events), exit (exit event, death, reaping),\n"
	"                   group (group-stop); start (how tracing starts: fork,\n"
	"                   PTRACE_SEIZE or PTRACE_TRACEME, exec, the first stop)\n"
	"                   or attach (-p: PTRACE_SEIZE, PTRACE_INTERRUPT)\n"
	"  --index INDEX    index to read: v5.7 (the default) or 6.12, the built-in\n"
	"                   ones, or an index file\n"
	"  --abi ABI        which table row: common, 64, x32, i386 (default: first found)\n"
	"  --format FMT     text (default), dot or svg\n"
	"  --links STYLE    text: print each step's URL; dot/svg: link style\n"
	"                   (default: the index's own links)\n"
	"  -h, --help       show this help\n";

enum path_format { FORMAT_TEXT, FORMAT_DOT, FORMAT_SVG };

static const struct option path_longopts[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "index", required_argument, NULL, 'i' },
	{ "abi", required_argument, NULL, 'a' },
	{ "format", required_argument, NULL, 'f' },
	{ "links", required_argument, NULL, 'l' },
	{ "stop", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 },
};

static const struct cli_arg path_args[] = {
	{ 'i', "index" },
	{ 'a', "words:common,64,x32,i386" },
	{ 'f', "words:text,dot,svg" },
	{ 'l', "words:github,elixir,file:" },
	/* stopkind.c's stop_kinds[] and start_words[] (test-completion checks them) */
	{ 's', "words:signal,exec,fork,exit,group,start,attach" },
	{ 0, NULL },
};

const struct cli_spec cmd_path_spec = { "h", path_longopts, path_args, "syscall" };

/* path --stop: the stop kind's round trip in format, appended to out. */
static int stop_write(struct ix *ix, const struct stop_kind *k, enum path_format format,
		      const struct links *links, struct strbuf *out)
{
	struct graph_renderer *renderer;
	struct graph *graph;
	int rc;

	if (format == FORMAT_TEXT)
		return path_stop_text_write(out, ix, k, links);
	graph = path_stop_graph_build(ix, k, links);
	if (!graph)
		return -1;
	if (format == FORMAT_DOT) {
		rc = web_graph_write_dot(graph, out);
	} else {
		renderer = web_graph_renderer_new();
		rc = web_graph_render_svg(renderer, graph, out);
		if (rc == 0)
			strbuf_addch(out, '\n');
		web_graph_renderer_free(renderer);
	}
	web_graph_free(graph);
	return rc;
}

/* The start words of --stop (startup.h), beside stopkind.c's kinds. */
static const struct {
	const char *name;
	enum startup_how how;
} start_words[] = {
	{ "start", STARTUP_LAUNCH },
	{ "attach", STARTUP_ATTACH },
};

/* path --stop start|attach: how tracing starts in format, appended to out. */
static int start_write(struct ix *ix, enum startup_how how, enum path_format format,
		       const struct links *links, struct strbuf *out)
{
	struct graph_renderer *renderer;
	struct startup_story story;
	struct graph *graph;
	int rc;

	if (startup_story_build(&story, ix, links, how, NULL) < 0)
		return -1;
	if (format == FORMAT_TEXT) {
		startup_text_write(out, &story, links != NULL);
		startup_story_release(&story);
		return 0;
	}
	graph = startup_graph_build(&story, NULL);
	startup_story_release(&story);
	if (!graph)
		return -1;
	if (format == FORMAT_DOT) {
		rc = web_graph_write_dot(graph, out);
	} else {
		renderer = web_graph_renderer_new();
		rc = web_graph_render_svg(renderer, graph, out);
		if (rc == 0)
			strbuf_addch(out, '\n');
		web_graph_renderer_free(renderer);
	}
	web_graph_free(graph);
	return rc;
}

int cmd_path(int argc, char **argv)
{
	struct strbuf index_path = STRBUF_INIT, out = STRBUF_INIT;
	const char *abi = NULL, *links = NULL, *name = NULL;
	const struct stop_kind *stop = NULL;
	int start = -1;			/* enum startup_how for --stop start|attach */
	size_t w;
	enum path_format format = FORMAT_TEXT;
	struct links links_style = { 0 };
	struct syscall_path sp = { 0 };
	struct graph_renderer *renderer = NULL;
	struct graph *graph = NULL;
	struct ix ix = { 0 };
	int c, r, rc = 1;

	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, cmd_path_spec.shortopts, path_longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			return cli_help(path_usage);
		case 'i':
			strbuf_reset(&index_path);
			strbuf_addstr(&index_path, optarg);
			break;
		case 'a':
			abi = optarg;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				format = FORMAT_TEXT;
			else if (!strcmp(optarg, "dot"))
				format = FORMAT_DOT;
			else if (!strcmp(optarg, "svg"))
				format = FORMAT_SVG;
			else {
				strbuf_release(&index_path);
				return cli_usage_error("path", path_usage,
						       "unknown format '%s' (text, dot, svg)", optarg);
			}
			break;
		case 'l':
			links = optarg;
			break;
		case 's':
			stop = NULL;
			start = -1;
			for (w = 0; w < sizeof(start_words) / sizeof(start_words[0]); w++)
				if (!strcmp(optarg, start_words[w].name))
					start = (int)start_words[w].how;
			if (start < 0)
				stop = stop_kind_find(optarg);
			if (!stop && start < 0) {
				strbuf_release(&index_path);
				return cli_usage_error("path", path_usage,
						       "unknown stop kind '%s' (signal, exec, fork, "
						       "exit, group, start, attach)", optarg);
			}
			break;
		default:
			strbuf_release(&index_path);
			return cli_bad_option("path", path_usage, argv, c);
		}
	}
	if ((stop || start >= 0) && optind != argc) {
		strbuf_release(&index_path);
		return cli_usage_error("path", path_usage, "--stop takes no syscall name");
	}
	if ((stop || start >= 0) && abi) {
		strbuf_release(&index_path);
		return cli_usage_error("path", path_usage, "--stop takes no --abi");
	}
	if (!stop && start < 0 && optind != argc - 1) {
		strbuf_release(&index_path);
		return cli_usage_error("path", path_usage, "expected one syscall name");
	}
	if (!stop && start < 0)
		name = argv[optind];

	if (links && links_init(&links_style, links) < 0)
		goto cleanup;
	if (!index_path.len && ix_default_path(&index_path) < 0)
		goto cleanup;
	if (ix_open(&ix, index_path.buf) < 0)
		goto cleanup;
	if (start >= 0) {
		if (start_write(&ix, (enum startup_how)start, format,
				links ? &links_style : NULL, &out) < 0)
			goto cleanup;
		goto print;
	}
	if (stop) {
		if (stop_write(&ix, stop, format, links ? &links_style : NULL, &out) < 0)
			goto cleanup;
		goto print;
	}
	r = syscall_path_build(&sp, &ix, name, abi);
	if (r < 0)
		goto cleanup;
	if (r > 0) {
		error("path: %s: no syscall '%s'%s%s in %s", index_path.buf, name,
		      abi ? " in ABI " : "", abi ? abi : "", ix.kernel.version);
		goto cleanup;
	}
	switch (format) {
	case FORMAT_TEXT:
		path_text_write(&out, &sp, links ? &links_style : NULL);
		break;
	case FORMAT_DOT:
	case FORMAT_SVG:
		graph = path_graph_build(&sp, links ? &links_style : NULL, NULL);
		if (format == FORMAT_DOT) {
			if (web_graph_write_dot(graph, &out) < 0)
				goto cleanup;
			break;
		}
		renderer = web_graph_renderer_new();
		if (web_graph_render_svg(renderer, graph, &out) < 0)
			goto cleanup;
		strbuf_addch(&out, '\n');
		break;
	}
print:
	/* names and paths of an untrusted index: no control byte reaches a terminal */
	if (format == FORMAT_TEXT || isatty(STDOUT_FILENO)) {
		struct strbuf shown = STRBUF_INIT;

		escape_terminal_lines(&shown, out.buf, out.len);
		strbuf_release(&out);
		out = shown;
	}
	if (fwrite(out.buf, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
		error_errno("path: write");
		goto cleanup;
	}
	rc = 0;
cleanup:
	web_graph_free(graph);
	web_graph_renderer_free(renderer);
	syscall_path_release(&sp);
	ix_close(&ix);
	links_release(&links_style);
	strbuf_release(&index_path);
	strbuf_release(&out);
	return rc;
}
