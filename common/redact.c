#include <string.h>

#include "redact.h"

/*
 * The length in bytes of the string literal whose contents start at s
 * (just after its opening quote); *end is set past its closing quote, or
 * to s + len when the line ends inside it (a hostile or cut trace).
 */
static size_t literal_length(const char *s, size_t len, size_t *end)
{
	size_t i = 0, n = 0, k;

	while (i < len && s[i] != '"') {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			if (s[i] == 'x') {
				/* \xNN: up to two hex digits */
				for (k = 1; k <= 2 && i + k < len &&
				     s[i + k] && strchr("0123456789abcdefABCDEF", s[i + k]); k++)
					;
				i += k;
			} else if (s[i] >= '0' && s[i] <= '7') {
				for (k = 1; k < 3 && i + k < len && s[i + k] >= '0' && s[i + k] <= '7'; k++)
					;
				i += k;
			} else {
				i++;
			}
		} else {
			i++;
		}
		n++;
	}
	*end = i < len ? i + 1 : len;
	return n;
}

/* Whether s[0..n) reads "<N bytes>" or "<1 byte>": redacted already. */
static int is_redacted(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 8 || s[0] != '<' || s[n - 1] != '>')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 1 && (!strncmp(s + i, " bytes>", n - i) || !strncmp(s + i, " byte>", n - i)) &&
	       (n - i == 7 || n - i == 6);
}

void redact_strings(struct strbuf *out, const char *text, size_t len)
{
	size_t i = 0, end, n;

	while (i < len) {
		const char *q = memchr(text + i, '"', len - i);

		if (!q) {
			strbuf_add(out, text + i, len - i);
			break;
		}
		strbuf_add(out, text + i, (size_t)(q - text) - i + 1);
		i = (size_t)(q - text) + 1;
		n = literal_length(text + i, len - i, &end);
		if (end > 0 && text[i + end - 1] == '"' && is_redacted(text + i, end - 1))
			strbuf_add(out, text + i, end);	/* a redacted trace again */
		else
			strbuf_addf(out, "<%zu byte%s>\"", n, n == 1 ? "" : "s");
		i += end;
	}
}

int redact_needed(const char *text, size_t len)
{
	return text && memchr(text, '"', len) != NULL;
}
