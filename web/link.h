/*
 * link: source links computed from an index's trees.
 *
 * A link is tree.url_template with {version}, {path} (percent-encoded)
 * and {line} filled in, or another style's template from data/links.tsv
 * (--links github|elixir), or a file:// URL into a local tree
 * (--links file:DIR for the kernel tree; a strace tree then links to the
 * directory it was indexed from, when the index knows it).
 */
#ifndef SYSATLAS_WEB_LINK_H
#define SYSATLAS_WEB_LINK_H

#include <stdint.h>

#include "index-read.h"
#include "strbuf.h"

struct link_style {
	char *style;			/* NULL: each tree's own url_template */
	char *dir;			/* file: style: the local kernel tree */
	char *templates[2];		/* linux, strace template of style */
};

/*
 * Parse a --links argument (NULL: the index's templates).  A named style
 * is looked up in data/links.tsv.  0, or -1 after error() naming the
 * styles known.
 */
int link_style_init(struct link_style *ls, const char *arg);
void link_style_release(struct link_style *ls);

/*
 * Append the URL of path:line in tree to out.  line <= 0 links the file.
 * Returns 0, or -1 (nothing appended, no message) when no link can be made:
 * no path, or a tree without a template.
 */
int link_url(struct strbuf *out, const struct link_style *ls,
	     const struct ix_tree *tree, const char *path, int64_t line);

/* Fill a template; exposed for tests.  line <= 0 drops a "#…{line}" tail. */
void link_template_fill(struct strbuf *out, const char *tmpl, const char *version,
			const char *path, int64_t line);

#endif
