/*
 * Every DOT sysatlas writes parses with graphviz and means what was put
 * in it, whatever the labels hold.
 *
 *   test-dot            graphs with hostile text in every string (each
 *                       byte, quotes, backslash runs, a DOT breakout), as
 *                       web/graph.c writes them: parsed back by cgraph
 *                       (agmemread), the same nodes and edges, the same
 *                       attribute values, then laid out and rendered as
 *                       `dot -Tsvg` does, through gvc
 *   test-dot FILE...    each DOT file (a report's graphs/NAME.dot, the
 *                       output of `path --format dot`) parsed and rendered
 *
 * TAP either way.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "escape.h"
#include "graph.h"
#include "tap.h"

/* graphviz's messages: any at all is a failure (it drops what it refuses). */
static int gv_errors;
static char gv_last[256];

static int gv_error(char *msg)
{
	gv_errors++;
	snprintf(gv_last, sizeof(gv_last), "%s", msg);
	return 0;
}

/* Parse dot and render it as SVG (dot -Tsvg); the SVG in *svg.  NULL on error. */
static Agraph_t *parse_render(GVC_t *gvc, const char *dot, struct strbuf *svg)
{
	Agraph_t *g = agmemread(dot);
	char *data = NULL;
	unsigned int len = 0;

	if (!g)
		return NULL;
	if (gvLayout(gvc, g, "dot") != 0) {
		agclose(g);
		return NULL;
	}
	if (gvRenderData(gvc, g, "svg", &data, &len) != 0 || !data) {
		gvFreeLayout(gvc, g);
		agclose(g);
		return NULL;
	}
	strbuf_add(svg, data, len);
	gvFreeRenderData(data);
	gvFreeLayout(gvc, g);
	return g;
}

/* Does some href in svg start with javascript: (as the breakout would add)? */
static int has_script_link(const char *svg)
{
	const char *p = svg;

	while ((p = strstr(p, "href=\""))) {
		p += 6;
		if (!strncasecmp(p, "javascript:", 11))
			return 1;
	}
	return 0;
}

static int count_edges(Agraph_t *g)
{
	Agnode_t *n;
	Agedge_t *e;
	int k = 0;

	for (n = agfstnode(g); n; n = agnxtnode(g, n))
		for (e = agfstout(g, n); e; e = agnxtout(g, e))
			k++;
	return k;
}

/* An attribute's value; "" when unset (cgraph writes no empty ones). */
static const char *attr(void *obj, const char *name)
{
	const char *v = agget(obj, (char *)name);

	return v ? v : "";
}

/* The value graph.c gives cgraph for text s. */
static void cgraph_value(struct strbuf *out, const char *s)
{
	strbuf_reset(out);
	escape_dot_label_str(out, s);
}

/*
 * What cgraph holds for a tooltip: the same, each backslash pair doubled
 * again (graphviz substitutes \N … in tooltips twice; graph.c).
 */
static void cgraph_tooltip(struct strbuf *out, const char *s)
{
	struct strbuf once = STRBUF_INIT;
	size_t i;

	cgraph_value(&once, s);
	strbuf_reset(out);
	for (i = 0; i < once.len; i++) {
		if (once.buf[i] == '\\' && once.buf[i + 1] == '\\') {
			strbuf_addstr(out, "\\\\\\\\");
			i++;
		} else {
			strbuf_addch(out, once.buf[i]);
		}
	}
	strbuf_release(&once);
}

static int check_one(GVC_t *gvc, const char *text, const char *name)
{
	struct graph *g = web_graph_new("hostile", GRAPH_TB);
	struct graph_attrs na = { .label = text, .tooltip = text, .href = text, .klass = "k" };
	struct graph_attrs ea = { .label = text };
	struct graph_row row = { text, text, text, text, text, 0 };
	struct strbuf dot = STRBUF_INIT, svg = STRBUF_INIT, want = STRBUF_INIT, tip = STRBUF_INIT;
	Agraph_t *back = NULL;
	Agnode_t *n;
	int good = 0;

	if (web_graph_cluster_add(g, "c", text, NULL) < 0 ||
	    web_graph_node_add(g, "c", "a", &na) < 0 ||
	    web_graph_node_add(g, NULL, "b", &na) < 0 ||
	    web_graph_table_node_add(g, NULL, "t", text, &row, 1, NULL) < 0 ||
	    web_graph_edge_add(g, "a", "b", &ea) < 0 ||
	    web_graph_edge_add(g, "b", "t", &ea) < 0 ||
	    web_graph_write_dot(g, &dot) < 0) {
		diag("%s: the graph could not be built", name);
		goto done;
	}
	gv_errors = 0;
	back = parse_render(gvc, dot.buf, &svg);
	if (gv_errors) {
		diag("%s: graphviz complains: %s", name, gv_last);
		goto done;
	}
	if (!back) {
		diag("%s: graphviz refuses the DOT:\n%s", name, dot.buf);
		goto done;
	}
	if (agnnodes(back) != 3 || count_edges(back) != 2) {
		diag("%s: %d nodes and %d edges came back, not 3 and 2:\n%s", name,
		     agnnodes(back), count_edges(back), dot.buf);
		goto done;
	}
	n = agnode(back, "a", 0);
	cgraph_value(&want, text);
	cgraph_tooltip(&tip, text);
	if (!n || strcmp(attr(n, "label"), want.buf) || strcmp(attr(n, "tooltip"), tip.buf)) {
		diag("%s: the label came back as '%s'", name, n ? attr(n, "label") : "(no node)");
		goto done;
	}
	if (has_script_link(svg.buf)) {
		diag("%s: a javascript: link reached the SVG", name);
		goto done;
	}
	good = 1;
done:
	if (back)
		agclose(back);
	web_graph_free(g);
	strbuf_release(&dot);
	strbuf_release(&svg);
	strbuf_release(&want);
	strbuf_release(&tip);
	return good;
}

static void hostile(void)
{
	static const char *const texts[] = {
		"\"", "\\", "x\\", "\\\"", "\\\\\"", "q\\\"]; evil [href=\"javascript:alert(1)\"",
		"a\"] ; evil -> a [label=\"", "\\N \\G \\E \\L \\l \\r \\n", "&amp; &#34; &lt;",
		"line 1\nline 2\r\n", "<TABLE>", "}{|<>", "\xff\xfe\xc0\x80 \xe2\x82", "\x1b]0;x\x07",
		"\"\"\"\\\\\\\\\\\"", "", "]", "]]>", "[x]",
	};
	GVC_t *gvc = gvContext();
	char one[2] = { 0, 0 };
	struct strbuf run = STRBUF_INIT;
	size_t i;
	int bad = 0, c;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		ok(check_one(gvc, texts[i], texts[i]), "text %zu parses back as it was put", i);
	for (c = 1; c < 256; c++) {
		one[0] = (char)c;
		bad += !check_one(gvc, one, "a byte");
	}
	ok(!bad, "every single byte 1..255 as the text (%d fail)", bad);
	for (c = 0; c < 300; c++)
		strbuf_addch(&run, '\\');
	strbuf_addch(&run, '"');
	ok(check_one(gvc, run.buf, "300 backslashes and a quote"), "a long backslash run before a quote");
	strbuf_release(&run);
	gvFreeContext(gvc);
}

static void files(int argc, char **argv)
{
	GVC_t *gvc = gvContext();
	int i;

	for (i = 1; i < argc; i++) {
		struct strbuf dot = STRBUF_INIT, svg = STRBUF_INIT;
		Agraph_t *g = NULL;

		gv_errors = 0;
		if (strbuf_read_file(&dot, argv[i]) >= 0)
			g = parse_render(gvc, dot.buf, &svg);
		ok(g != NULL && !gv_errors, "%s parses and renders with graphviz%s%s", argv[i],
		   gv_errors ? ": " : "", gv_errors ? gv_last : "");
		ok(!has_script_link(svg.buf), "%s: no javascript: link", argv[i]);
		if (g)
			agclose(g);
		strbuf_release(&dot);
		strbuf_release(&svg);
	}
	gvFreeContext(gvc);
}

int main(int argc, char **argv)
{
	agseterr(AGWARN);
	agseterrf(gv_error);
	if (argc > 1)
		files(argc, argv);
	else
		hostile();
	done_testing();
	return exit_status();
}
