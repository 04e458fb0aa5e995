/*
 * Escaping of untrusted text for every output context sysatlas writes.
 *
 * Anything the traced program wrote and anything read from a source tree is
 * untrusted.  Each function appends s[0..len) to out, escaped for one
 * context; s may hold NUL bytes and invalid UTF-8.  The output is always
 * valid UTF-8: an invalid byte becomes U+FFFD, and C0 control characters
 * that the context cannot carry become their visible "control picture"
 * (U+2400 + c, so NUL shows as U+2400), never silently dropped.
 */
#ifndef SYSATLAS_ESCAPE_H
#define SYSATLAS_ESCAPE_H

#include <stddef.h>

#include "strbuf.h"

/* Text content of an HTML element: & < > " ' become entities. */
void escape_html_text(struct strbuf *out, const char *s, size_t len);

/* A quoted HTML attribute value: as text, plus ` and = for unquoted safety,
 * and TAB/LF/CR as numeric references. */
void escape_html_attr(struct strbuf *out, const char *s, size_t len);

/*
 * A JavaScript string literal that is also a valid JSON string, with its
 * double quotes.  < > & become \u003c \u003e \u0026 so the literal can never
 * end a <script> element or start an HTML comment; U+2028/U+2029 are
 * escaped; invalid UTF-8 becomes U+FFFD; NUL becomes \u0000.
 */
void escape_js_string(struct strbuf *out, const char *s, size_t len);

/*
 * A graphviz label or attribute value handed to cgraph (agsafeset), which
 * quotes it when it writes DOT and which graphviz later interprets:
 * backslash escapes (\N \G \l …) are neutralised by doubling the
 * backslash, & becomes &amp; (graphviz decodes entities in labels),
 * newline becomes \n (a centred line break), and the one value cgraph
 * writes unquoted but cannot read back, "-.", becomes "&#45;.".  " is
 * left as it is: cgraph escapes it (once) when it writes DOT.  For values given to cgraph only,
 * never for DOT text written by hand; not for record-shaped nodes, whose
 * {}|<> are special.
 */
void escape_dot_label(struct strbuf *out, const char *s, size_t len);

/*
 * A path component for a URL: every byte outside the unreserved set
 * (A-Z a-z 0-9 - . _ ~) and '/' is percent-encoded.
 */
void escape_url_path(struct strbuf *out, const char *s, size_t len);

/*
 * Text for a terminal, as strace prints what it cannot show: every C0
 * control, DEL and C1 control (U+0080..U+009F), and every byte that is not
 * UTF-8, becomes \t \n \v \f \r or a three-digit octal \ooo; the rest,
 * printable UTF-8, is kept.  So an ESC ]0;… BEL from a source tree or a
 * trace never reaches the terminal.  Backslashes are kept as they are.
 */
void escape_terminal(struct strbuf *out, const char *s, size_t len);

/* The same for text of several lines: '\n' is kept. */
void escape_terminal_lines(struct strbuf *out, const char *s, size_t len);

/* Convenience for NUL-terminated strings. */
#define escape_html_text_str(out, s) escape_html_text((out), (s), strlen(s))
#define escape_html_attr_str(out, s) escape_html_attr((out), (s), strlen(s))
#define escape_js_string_str(out, s) escape_js_string((out), (s), strlen(s))
#define escape_dot_label_str(out, s) escape_dot_label((out), (s), strlen(s))
#define escape_url_path_str(out, s) escape_url_path((out), (s), strlen(s))
#define escape_terminal_str(out, s) escape_terminal((out), (s), strlen(s))

/*
 * Decode one UTF-8 sequence at s (len > 0 bytes available).  Returns the
 * code point and sets *adv to the bytes consumed, or returns -1 with
 * *adv = 1 for an invalid byte (overlong forms, surrogates, values above
 * U+10FFFF and truncated sequences are invalid).
 */
long utf8_decode(const unsigned char *s, size_t len, size_t *adv);

/* Append code point cp (0..0x10FFFF, not a surrogate) as UTF-8. */
void utf8_append(struct strbuf *out, unsigned long cp);

#endif
