#include <ctype.h>

#include "argv-json.h"
#include "escape.h"

int argv_from_json(const char *json, struct strbuf *out)
{
	const char *p = json;
	int words = 0;

	while (*p == ' ')
		p++;
	if (*p++ != '[')
		return -1;
	for (;;) {
		while (*p == ' ' || *p == '\n' || *p == ',')
			p++;
		if (*p == ']')
			return 0;
		if (*p++ != '"')
			return -1;
		if (words++)
			strbuf_addch(out, ' ');
		while (*p != '"') {
			if (!*p)
				return -1;
			if (*p != '\\') {
				strbuf_addch(out, *p++);
				continue;
			}
			p++;
			switch (*p) {
			case 'n': strbuf_addch(out, '\n'); break;
			case 't': strbuf_addch(out, '\t'); break;
			case 'r': strbuf_addch(out, '\r'); break;
			case 'b': strbuf_addch(out, '\b'); break;
			case 'f': strbuf_addch(out, '\f'); break;
			case 'u': {
				unsigned cp = 0;
				int i;

				/* exactly four hex digits, never past the end */
				for (i = 1; i <= 4; i++) {
					char c = p[i];

					if (!isxdigit((unsigned char)c))
						return -1;
					cp = cp * 16 + (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
				}
				if (cp >= 0xD800 && cp <= 0xDFFF)
					cp = 0xFFFD;
				utf8_append(out, cp);
				p += 4;
				break;
			}
			case '\0':
				return -1;
			default: strbuf_addch(out, *p); break;
			}
			p++;
		}
		p++;
	}
}
