/*
 * Unit tests for web/graph.c: the DOT text cgraph writes for a small graph
 * (golden file, text — not rendered bytes), escaping of hostile labels and
 * links, and an in-process SVG rendering that carries the links.
 *
 *   test-web-graph GOLDEN.dot
 */
#include "graph.h"
#include "tap.h"

/* A round-trip shaped graph with hostile text in every field. */
static struct graph *sample(void)
{
	struct graph *g = web_graph_new("sample", GRAPH_TB);
	struct graph_attrs user = {
		.label = "open(\"<script>alert(1)</script>\" \\N \xff)\nline 2",
		.href = "https://example.org/a b?x=\"1\"&y=<2>",
		.tooltip = "tip & <b>",
		.klass = "user",
		.group = "tracee",
	};
	struct graph_row rows[] = {
		{ "entry_SYSCALL_64", "https://github.com/torvalds/linux/blob/v5.7/arch/x86/entry/entry_64.S#L145",
		  "arch/x86/entry/entry_64.S:145", "entry_64.S:184",
		  "https://github.com/torvalds/linux/blob/v5.7/arch/x86/entry/entry_64.S#L184", 0 },
		{ "<missing & \"quoted\">", NULL, NULL, NULL, NULL, 0 },
	};
	struct graph_attrs edge = { .label = "trap \"&\"", .weight = 2 };
	const char *rank[] = { "u", "k" };

	struct graph_attrs in_lane = { .label = "in a cluster", .style = "dashed" };

	if (web_graph_cluster_add(g, "lane", "lane <1>", "#eef3fb") < 0 ||
	    web_graph_node_add(g, "lane", "c", &in_lane) < 0 ||
	    web_graph_node_add(g, NULL, "u", &user) < 0 ||
	    web_graph_table_node_add(g, NULL, "k", "syscall entry <fast & slow>", rows, 2, "#ffffff") < 0 ||
	    web_graph_edge_add(g, "u", "k", &edge) < 0 ||
	    web_graph_edge_add(g, "k", "c", NULL) < 0 ||
	    web_graph_rank_same(g, rank, 2) < 0)
		return NULL;
	return g;
}

int main(int argc, char **argv)
{
	struct strbuf dot = STRBUF_INIT, want = STRBUF_INIT, svg = STRBUF_INIT;
	struct graph_renderer *r;
	struct graph *g = sample();
	const char *update = getenv("SYSATLAS_UPDATE_GOLDEN");

	plan(13);
	ok(g != NULL, "sample graph built");
	if (!g)
		return exit_status();
	is_int(web_graph_node_count(g), 3, "three nodes");
	ok(web_graph_node_add(g, NULL, "u", NULL) < 0, "duplicate node refused");
	ok(web_graph_edge_add(g, "u", "nope", NULL) < 0, "edge to a missing node refused");
	ok(web_graph_write_dot(g, &dot) == 0, "DOT written");
	if (update && argc > 1)
		strbuf_write_file(&dot, argv[1]);
	ok(argc > 1 && strbuf_read_file(&want, argv[1]) >= 0, "golden file read");
	is_str(dot.buf, want.buf, "DOT text matches %s", argc > 1 ? argv[1] : "golden");
	ok(!strstr(dot.buf, "<script>alert(1)</script>\" \\N"),
	   "label's quote and \\N neutralised in DOT");

	r = web_graph_renderer_new();
	ok(web_graph_render_svg(r, g, &svg) == 0, "SVG rendered in-process");
	ok(!strncmp(svg.buf, "<svg", 4) && !strstr(svg.buf, "<!--"), "SVG element only, no prolog or comments");
	ok(strstr(svg.buf, "xlink:href=\"https://github.com/torvalds/linux/blob/v5.7/arch/x86/entry/entry_64.S#L145\"") != NULL,
	   "table cell carries its link");
	ok(strstr(svg.buf, "https://example.org/a%20b?x=%221%22&amp;y=%3C2%3E") != NULL,
	   "node link percent-encoded, & as entity");
	ok(strstr(svg.buf, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL &&
	   !strstr(svg.buf, "<script"), "label text escaped in SVG");
	web_graph_renderer_free(r);
	web_graph_free(g);
	strbuf_release(&dot);
	strbuf_release(&want);
	strbuf_release(&svg);
	return exit_status();
}
