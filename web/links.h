/*
 * links: source-line URLs from an index's link templates.
 *
 * A tree's url_template holds {version}, {path} and {line}.  --links
 * chooses github (the tree's own template), elixir (the template of that
 * style in data/links.tsv) or file:DIR (file:// URLs into a local kernel
 * tree, #L and the line kept; strace links keep their template).
 *
 * A Linux tree whose template is links.tsv's github one (torvalds/linux)
 * and whose version is a stable release (v6.1.192, links_version_is_stable)
 * is linked with links.tsv's stable template (Elixir) instead:
 * torvalds/linux holds mainline tags only (v6.1, v6.2-rc3), so a stable
 * tag there is a dead link.
 */
#ifndef SYSATLAS_WEB_LINKS_H
#define SYSATLAS_WEB_LINKS_H

#include <stddef.h>

#include "strbuf.h"

enum links_style {
	LINKS_GITHUB,
	LINKS_ELIXIR,
	LINKS_FILE,
};

struct links {
	enum links_style style;
	char *file_dir;			/* LINKS_FILE: absolute directory */
	char *elixir_linux;		/* LINKS_ELIXIR: templates per tree kind */
	char *elixir_strace;
	char *ident_linux;		/* a kernel identifier's page in any version */
	char *github_linux;		/* links.tsv's github template for linux */
	char *stable_linux;		/* where a stable release's tree is linked */
};

/*
 * Parse a --links argument (NULL means github) into l; elixir reads
 * data/links.tsv.  0, or -1 after error() with l released.
 */
int links_init(struct links *l, const char *spec);
void links_release(struct links *l);

/*
 * Append the URL of path:line in a tree of kind ("linux", "strace") and
 * version whose own template is tmpl.  {path} and {version} are
 * percent-encoded.  Returns 0, or -1 (nothing appended) when no usable URL
 * results: no template, or a scheme other than http, https or file.
 */
int links_url(const struct links *l, const char *kind, const char *version,
	      const char *tmpl, const char *path, int line, struct strbuf *out);

/*
 * Append the URL of identifier ident in the kernel source of version (an
 * upstream tag, v6.18.44), from links.tsv's "linux ident" template: where
 * a function of a kernel the index does not hold is found.  0, or -1 with
 * nothing appended (no template, no version).
 */
int links_ident(const struct links *l, const char *version, const char *ident,
		struct strbuf *out);

/*
 * The upstream tag a version of a kernel tree corresponds to, as Elixir
 * and kernel.org name them: a Debian source version "6.12.118-1~deb12u1"
 * is "v6.12.118", "6.1.0" is "v6.1"; a version that does not start with
 * a digit ("v5.7") is copied as it is.  A distribution's patches are not
 * in that tag: a link to it is exact only where they do not touch the file.
 */
void links_upstream_tag(const char *version, char *out, size_t size);

/*
 * Whether a kernel version names a stable release: three numbers, the
 * third past 0 ("v6.1.192", "6.12.118-1~deb12u1"); "v6.1", "v6.2-rc3"
 * and "v5.7" are mainline.
 */
int links_version_is_stable(const char *version);

/* Expand one template (no style choice); 0 or -1 as links_url. */
int links_expand(const char *tmpl, const char *version, const char *path,
		 int line, struct strbuf *out);

#endif
