#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "error.h"
#include "escape.h"
#include "graph.h"

struct graph {
	Agraph_t *g;
	int nodes;
	int ranks;
};

struct graph_renderer {
	GVC_t *gvc;
};

/* agwrite() output into a strbuf: cgraph's I/O discipline. */
static int graph_io_putstr(void *chan, const char *str)
{
	strbuf_addstr(chan, str);
	return 0;
}

static int graph_io_flush(void *chan)
{
	return 0;
}

static Agiodisc_t graph_io = { NULL, graph_io_putstr, graph_io_flush };

/*
 * Object ids in creation order.  cgraph's default discipline uses string
 * addresses as ids and keeps subgraphs ordered by id, so agwrite() output
 * changed from run to run; this one numbers names 2, 4, 6, … (anonymous
 * objects get odd ids, as in cgraph) and so writes the same DOT every time.
 */
struct graph_ids {
	Agraph_t *root;
	char **names;			/* cgraph strings (agstrdup): agwrite looks at their flags */
	size_t n, alloc;
	IDTYPE anon;
};

static void *graph_ids_open(Agraph_t *g, Agdisc_t *disc)
{
	struct graph_ids *ids = xcalloc(1, sizeof(*ids));

	ids->root = g;
	ids->anon = 1;
	return ids;
}

static long graph_ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
	struct graph_ids *ids = state;
	size_t i;

	if (!str) {
		*id = ids->anon;
		ids->anon += 2;
		return 1;
	}
	for (i = 0; i < ids->n; i++)
		if (!strcmp(ids->names[i], str)) {
			*id = (IDTYPE)(2 * (i + 1));
			return 1;
		}
	if (!createflag)
		return 0;
	if (ids->n == ids->alloc) {
		ids->alloc = ids->alloc ? 2 * ids->alloc : 64;
		ids->names = xrealloc(ids->names, ids->alloc * sizeof(*ids->names));
	}
	ids->names[ids->n++] = agstrdup(ids->root, str);
	*id = (IDTYPE)(2 * ids->n);
	return 1;
}

static long graph_ids_alloc(void *state, int objtype, IDTYPE request)
{
	return 0;
}

static void graph_ids_free(void *state, int objtype, IDTYPE id)
{
}

static char *graph_ids_print(void *state, int objtype, IDTYPE id)
{
	struct graph_ids *ids = state;

	if (id % 2 || id == 0 || id / 2 > ids->n)
		return NULL;
	return ids->names[id / 2 - 1];
}

static void graph_ids_close(void *state)
{
	struct graph_ids *ids = state;

	/* the strings belong to the graph's string table, freed with it */
	free(ids->names);
	free(ids);
}

static void graph_ids_register(void *state, int objtype, void *obj)
{
}

static Agiddisc_t graph_id_disc = {
	graph_ids_open, graph_ids_map, graph_ids_alloc, graph_ids_free,
	graph_ids_print, graph_ids_close, graph_ids_register,
};

static Agdisc_t graph_disc = { &AgMemDisc, &graph_id_disc, &graph_io };

static int graph_is_ident(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int graph_is_blank(const char *s)
{
	return !s[strspn(s, " \t\n\r")];
}

void web_graph_id_int(struct strbuf *out, const char *prefix, int64_t v)
{
	strbuf_addstr(out, prefix);
	if (v < 0)
		strbuf_addch(out, 'm');
	/* through unsigned: -INT64_MIN has no int64_t */
	strbuf_add_uint(out, v < 0 ? -(uint64_t)v : (uint64_t)v);
}

/* An id handed in by a caller: an identifier, or -1 after error(). */
static int graph_check_id(const char *what, const char *id)
{
	if (graph_is_ident(id))
		return 0;
	return error("graph: %s '%s': not an identifier ([A-Za-z0-9_])", what, id ? id : "");
}

/* Set attribute name on obj to the escaped value (nothing for NULL). */
static void graph_set(void *obj, const char *name, const char *value)
{
	struct strbuf sb = STRBUF_INIT;

	if (!value)
		return;
	escape_dot_label_str(&sb, value);
	agsafeset(obj, (char *)name, sb.buf, "");
	strbuf_release(&sb);
}

/*
 * A tooltip: graphviz substitutes \N, \G, \E … in a tooltip twice (when
 * it reads the node's and again when it makes the SVG's link), and each
 * pass turns \\ into \, so each backslash of the text goes in as four.
 */
static void graph_set_tooltip(void *obj, const char *value)
{
	struct strbuf sb = STRBUF_INIT, twice = STRBUF_INIT;
	size_t i;

	if (!value)
		return;
	escape_dot_label_str(&sb, value);
	for (i = 0; i < sb.len; i++) {
		if (sb.buf[i] == '\\' && sb.buf[i + 1] == '\\') {
			strbuf_addstr(&twice, "\\\\\\\\");
			i++;
		} else {
			strbuf_addch(&twice, sb.buf[i]);
		}
	}
	agsafeset(obj, "tooltip", twice.buf, "");
	strbuf_release(&sb);
	strbuf_release(&twice);
}

/* Set a trusted constant attribute (our own shapes and colours). */
static void graph_set_raw(void *obj, const char *name, const char *value)
{
	if (value)
		agsafeset(obj, (char *)name, (char *)value, "");
}

/*
 * Graphviz copies href into the SVG without escaping quotes, so the URL
 * reaches cgraph with every byte outside a plain URL alphabet
 * percent-encoded (quotes, backslashes, spaces, <, >, non-ASCII).
 */
static void graph_url_clean(struct strbuf *url, const char *href)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)href; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr(":/?#[]@!$&()*+,;=%-._~", *p)) {
			strbuf_addch(url, *p);
		} else {
			strbuf_addch(url, '%');
			strbuf_addch(url, hex[*p >> 4]);
			strbuf_addch(url, hex[*p & 15]);
		}
	}
}

static void graph_set_href(void *obj, const char *href)
{
	struct strbuf url = STRBUF_INIT;

	graph_url_clean(&url, href);
	graph_set(obj, "href", url.buf);
	strbuf_release(&url);
}

static void graph_apply(void *obj, const struct graph_attrs *a, int is_node)
{
	if (!a)
		return;
	/*
	 * Edges carry xlabels: graphviz 2.42's dot double-frees on labelled
	 * edges between clusters (seen under ASan with the round-trip graph).
	 */
	if (is_node)
		graph_set(obj, "label", a->label ? a->label : "");
	else if (a->label && !graph_is_blank(a->label))
		graph_set(obj, "xlabel", a->label);	/* a blank one fails an assert in dot */
	if (a->href) {
		graph_set_href(obj, a->href);
		/* source links open beside the report, site links in place */
		graph_set_raw(obj, "target",
			      strncmp(a->href, "http", 4) && strncmp(a->href, "file:", 5) ?
			      "_self" : "_blank");
	}
	graph_set_tooltip(obj, a->tooltip);
	graph_set(obj, "class", a->klass);
	graph_set(obj, "shape", a->shape);
	graph_set(obj, "style", a->style);
	graph_set(obj, "group", a->group);
	if (a->weight > 0) {
		char w[16];

		snprintf(w, sizeof(w), "%d", a->weight);
		graph_set_raw(obj, "weight", w);
	}
	if (!is_node && a->minlen0)
		graph_set_raw(obj, "minlen", "0");
	if (!is_node && a->loose)
		graph_set_raw(obj, "constraint", "false");
	if (a->color)
		graph_set(obj, is_node ? "fillcolor" : "color", a->color);
}

struct graph *web_graph_new(const char *name, enum graph_dir dir)
{
	struct graph *g = xcalloc(1, sizeof(*g));
	Agraph_t *ag;

	assert(graph_is_ident(name));
	ag = agopen((char *)name, Agdirected, &graph_disc);
	if (!ag)
		die("graph: cannot create graph %s", name);
	g->g = ag;
	agattr(ag, AGRAPH, "rankdir", dir == GRAPH_LR ? "LR" : "TB");
	agattr(ag, AGRAPH, "fontname", "DejaVu Sans");
	agattr(ag, AGRAPH, "fontsize", "11");
	agattr(ag, AGRAPH, "nodesep", "0.25");
	agattr(ag, AGRAPH, "ranksep", "0.3");
	agattr(ag, AGRAPH, "bgcolor", "transparent");
	agattr(ag, AGRAPH, "mclimit", "0.1");
	agattr(ag, AGNODE, "shape", "box");
	agattr(ag, AGNODE, "style", "rounded,filled");
	agattr(ag, AGNODE, "fillcolor", "#ffffff");
	agattr(ag, AGNODE, "color", "#5b6b7f");
	agattr(ag, AGNODE, "fontname", "DejaVu Sans");
	agattr(ag, AGNODE, "fontsize", "10");
	agattr(ag, AGNODE, "margin", "0.12,0.05");
	agattr(ag, AGEDGE, "fontname", "DejaVu Sans");
	agattr(ag, AGEDGE, "fontsize", "9");
	agattr(ag, AGEDGE, "color", "#5b6b7f");
	agattr(ag, AGEDGE, "arrowsize", "0.6");
	return g;
}

void web_graph_free(struct graph *g)
{
	if (!g)
		return;
	agclose(g->g);
	free(g);
}

static Agraph_t *graph_cluster_find(struct graph *g, const char *id)
{
	struct strbuf name = STRBUF_INIT;
	Agraph_t *sub;

	strbuf_addf(&name, "cluster_%s", id);
	sub = agsubg(g->g, name.buf, 0);
	strbuf_release(&name);
	return sub;
}

int web_graph_cluster_add(struct graph *g, const char *id, const char *label,
		      const char *color)
{
	struct strbuf name = STRBUF_INIT;
	Agraph_t *sub;

	if (graph_check_id("cluster", id) < 0)
		return -1;
	if (graph_cluster_find(g, id))
		return error("graph: duplicate cluster %s", id);
	strbuf_addf(&name, "cluster_%s", id);
	sub = agsubg(g->g, name.buf, 1);
	strbuf_release(&name);
	if (!sub)
		return error("graph: cannot create cluster %s", id);
	graph_set(sub, "label", label);
	graph_set_raw(sub, "style", "rounded,filled");
	graph_set(sub, "fillcolor", color ? color : "#f4f6f8");
	graph_set_raw(sub, "color", "#c9d1da");
	graph_set_raw(sub, "labeljust", "l");
	graph_set_raw(sub, "fontsize", "12");
	return 0;
}

int web_graph_node_add(struct graph *g, const char *cluster, const char *id,
		   const struct graph_attrs *a)
{
	Agraph_t *where;
	Agnode_t *n;

	if (!g)
		return 0;	/* no drawing wanted (graph.h) */
	where = g->g;
	if (graph_check_id("node", id) < 0)
		return -1;
	if (cluster) {
		where = graph_cluster_find(g, cluster);
		if (!where)
			return error("graph: no cluster %s", cluster);
	}
	if (agnode(g->g, (char *)id, 0))
		return error("graph: duplicate node %s", id);
	n = agnode(where, (char *)id, 1);
	if (!n)
		return error("graph: cannot create node %s", id);
	graph_set_raw(n, "id", id);
	graph_apply(n, a, 1);
	g->nodes++;
	return 0;
}

/*
 * Text of an HTML-like label: graphviz refuses an element whose text is
 * only whitespace (and may crash after), so tabs and line ends are spaces
 * and blank text is a no-break space; its lexer also stumbles on a text
 * starting with ']', so brackets are character references.
 */
static void graph_html_text(struct strbuf *out, const char *s)
{
	struct strbuf flat = STRBUF_INIT;
	size_t i;
	int blank = 1;

	strbuf_addstr(&flat, s);
	for (i = 0; i < flat.len; i++) {
		if (flat.buf[i] == '\t' || flat.buf[i] == '\n' || flat.buf[i] == '\r')
			flat.buf[i] = ' ';
		if (flat.buf[i] != ' ')
			blank = 0;
	}
	if (blank) {
		strbuf_addstr(out, "&#160;");
	} else {
		size_t start = 0;

		for (i = 0; i <= flat.len; i++) {
			if (i < flat.len && flat.buf[i] != '[' && flat.buf[i] != ']')
				continue;
			escape_html_text(out, flat.buf + start, i - start);
			if (i < flat.len)
				strbuf_addstr(out, flat.buf[i] == '[' ? "&#91;" : "&#93;");
			start = i + 1;
		}
	}
	strbuf_release(&flat);
}

/* An HTML-like label attribute: XML text, then the cleaned URL. */
static void graph_html_href(struct strbuf *out, const char *href, const char *tooltip)
{
	struct strbuf url = STRBUF_INIT;
	const char *t;

	graph_url_clean(&url, href);
	strbuf_addstr(out, " HREF=\"");
	escape_html_attr(out, url.buf, url.len);
	strbuf_addstr(out, "\" TARGET=\"");
	strbuf_addstr(out, strncmp(href, "http", 4) && strncmp(href, "file:", 5) ?
		      "_self" : "_blank");
	strbuf_addstr(out, "\" TITLE=\"");
	/* graphviz substitutes \N … in a TITLE once: a backslash goes in as two */
	for (t = tooltip ? tooltip : href; *t; t++) {
		size_t n = strcspn(t, "\\");

		escape_html_attr(out, t, n);
		t += n;
		if (!*t)
			break;
		strbuf_addstr(out, "\\\\");
	}
	strbuf_addch(out, '"');
	strbuf_release(&url);
}

int web_graph_table_node_add(struct graph *g, const char *cluster, const char *id,
			 const char *title, const struct graph_row *rows, int nrows,
			 const char *color)
{
	struct strbuf html = STRBUF_INIT;
	Agraph_t *where;
	Agnode_t *n;
	char *label;
	int i;

	if (!g)
		return 0;	/* no drawing wanted (graph.h) */
	where = g->g;
	if (graph_check_id("node", id) < 0)
		return -1;
	if (cluster) {
		where = graph_cluster_find(g, cluster);
		if (!where)
			return error("graph: no cluster %s", cluster);
	}
	if (agnode(g->g, (char *)id, 0))
		return error("graph: duplicate node %s", id);
	n = agnode(where, (char *)id, 1);
	if (!n)
		return error("graph: cannot create node %s", id);
	strbuf_addstr(&html, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
		      "CELLPADDING=\"2\">");
	/* graphviz refuses an empty <B> (and then crashes laying the graph out) */
	if (title && *title) {
		strbuf_addstr(&html, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>");
		graph_html_text(&html, title);
		strbuf_addstr(&html, "</B></TD></TR>");
	}
	for (i = 0; i < nrows; i++) {
		const struct graph_row *r = &rows[i];

		strbuf_addstr(&html, "<TR><TD ALIGN=\"LEFT\"");
		if (r->href)
			graph_html_href(&html, r->href, r->tooltip);
		strbuf_addstr(&html, r->href ? "><FONT COLOR=\"#1f4f8f\">" :
			      r->plain ? "><FONT COLOR=\"#59636e\">" : "><FONT COLOR=\"#aa3333\">");
		graph_html_text(&html, r->text && *r->text ? r->text : "?");
		if (!r->href && !r->plain)
			strbuf_addstr(&html, " (missing)");
		strbuf_addstr(&html, "</FONT></TD>");
		if (!r->note || !*r->note) {
			/* graphviz refuses an empty <FONT> */
			strbuf_addstr(&html, "<TD></TD></TR>");
			continue;
		}
		strbuf_addstr(&html, "<TD ALIGN=\"LEFT\"");
		if (r->note_href)
			graph_html_href(&html, r->note_href, NULL);
		strbuf_addstr(&html, "><FONT COLOR=\"#5b6b7f\" POINT-SIZE=\"9\">");
		graph_html_text(&html, r->note);
		strbuf_addstr(&html, "</FONT></TD></TR>");
	}
	strbuf_addstr(&html, "</TABLE>");
	label = agstrdup_html(g->g, html.buf);
	agsafeset(n, "label", "", "");
	agxset(n, agattr(g->g, AGNODE, "label", NULL), label);
	agstrfree(g->g, label);
	strbuf_release(&html);
	graph_set_raw(n, "id", id);
	graph_set_raw(n, "shape", "box");
	if (color)
		graph_set(n, "fillcolor", color);
	g->nodes++;
	return 0;
}

int web_graph_edge_add(struct graph *g, const char *from, const char *to,
		   const struct graph_attrs *a)
{
	Agnode_t *t, *h;
	Agedge_t *e;

	if (!g)
		return 0;	/* no drawing wanted (graph.h) */
	t = agnode(g->g, (char *)from, 0);
	h = agnode(g->g, (char *)to, 0);
	if (!t || !h)
		return error("graph: edge %s -> %s: no such node", from, to);
	e = agedge(g->g, t, h, NULL, 1);
	if (!e)
		return error("graph: cannot create edge %s -> %s", from, to);
	graph_apply(e, a, 0);
	return 0;
}

int web_graph_node_set(struct graph *g, const char *id, const char *name,
		   const char *value)
{
	Agnode_t *n;

	if (!g)
		return 0;	/* no drawing wanted (graph.h) */
	n = agnode(g->g, (char *)id, 0);
	if (!n)
		return error("graph: no node %s", id);
	graph_set(n, name, value);
	return 0;
}

int web_graph_rank_same(struct graph *g, const char *const *ids, int n)
{
	char name[32];
	Agraph_t *sub;
	Agnode_t *prev = NULL;
	int i;

	if (!g)
		return 0;	/* no drawing wanted (graph.h) */
	snprintf(name, sizeof(name), "rank%d", g->ranks++);
	sub = agsubg(g->g, name, 1);
	if (!sub)
		return error("graph: cannot create rank %s", name);
	graph_set_raw(sub, "rank", "same");
	for (i = 0; i < n; i++) {
		Agnode_t *nd = agnode(g->g, (char *)ids[i], 0);
		Agedge_t *e;

		if (!nd)
			return error("graph: no node %s", ids[i]);
		agsubnode(sub, nd, 1);
		if (prev) {
			e = agedge(sub, prev, nd, NULL, 1);
			if (!e)
				return error("graph: cannot order %s", ids[i]);
			graph_set_raw(e, "style", "invis");
		}
		prev = nd;
	}
	return 0;
}

void web_graph_label_set(struct graph *g, const char *label)
{
	graph_set(g->g, "label", label);
	graph_set_raw(g->g, "labelloc", "t");
	graph_set_raw(g->g, "labeljust", "l");
}

int web_graph_node_count(const struct graph *g)
{
	return g->nodes;
}

int web_graph_write_dot(struct graph *g, struct strbuf *out)
{
	if (agwrite(g->g, out) != 0)
		return error("graph: cannot write DOT");
	return 0;
}

struct graph_renderer *web_graph_renderer_new(void)
{
	struct graph_renderer *r = xcalloc(1, sizeof(*r));

	r->gvc = gvContext();
	if (!r->gvc)
		die("graph: cannot create a graphviz context");
	return r;
}

void web_graph_renderer_free(struct graph_renderer *r)
{
	if (!r)
		return;
	gvFreeContext(r->gvc);
	free(r);
}

/* Append svg without the prolog before <svg and without <!-- --> comments. */
static void graph_svg_append(struct strbuf *out, const char *svg, size_t len)
{
	const char *p = svg, *end = svg + len, *start, *c;

	start = strstr(p, "<svg");
	if (start)
		p = start;
	while (p < end) {
		c = strstr(p, "<!--");
		if (!c || c >= end) {
			strbuf_add(out, p, (size_t)(end - p));
			break;
		}
		strbuf_add(out, p, (size_t)(c - p));
		c = strstr(c, "-->");
		if (!c)
			break;
		p = c + 3;
		/* drop the newline the comment stood on */
		if (p < end && *p == '\n')
			p++;
	}
}

int web_graph_render_svg(struct graph_renderer *r, struct graph *g,
		     struct strbuf *out)
{
	char *data = NULL;
	unsigned int len = 0;
	int rc = -1;

	if (gvLayout(r->gvc, g->g, "dot") != 0)
		return error("graph: graphviz layout failed");
	if (gvRenderData(r->gvc, g->g, "svg", &data, &len) != 0 || !data) {
		error("graph: graphviz could not render SVG");
		goto cleanup;
	}
	graph_svg_append(out, data, len);
	rc = 0;
cleanup:
	if (data)
		gvFreeRenderData(data);
	gvFreeLayout(r->gvc, g->g);
	return rc;
}
