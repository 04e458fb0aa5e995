#include <stdlib.h>
#include <string.h>

#include "doc-site.h"

const char *doc_arg_register(const char *abi, int i)
{
	static const char *const x86_64[6] = { "rdi", "rsi", "rdx", "r10", "r8", "r9" };
	static const char *const i386[6] = { "ebx", "ecx", "edx", "esi", "edi", "ebp" };

	if (i < 0 || i > 5)
		return "?";
	return abi && !strcmp(abi, "i386") ? i386[i] : x86_64[i];
}

static char *trimmed(const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t' || *s == '\n')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n'))
		len--;
	return xstrndup(s, len);
}

int doc_args_parse(const char *signature, struct doc_arg args[6])
{
	const char *open, *p, *start;
	int depth = 0, n = 0;

	memset(args, 0, 6 * sizeof(*args));
	if (!signature || !(open = strchr(signature, '(')))
		return -1;
	start = open + 1;
	for (p = start; *p; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if ((*p == ',' || *p == ')') && depth == 0) {
			char *decl = trimmed(start, (size_t)(p - start));

			if (*decl && strcmp(decl, "void") && n < 6) {
				args[n].decl = decl;
				args[n].user = strstr(decl, "__user") != NULL;
				n++;
			} else {
				free(decl);
			}
			if (*p == ')')
				return n;
			start = p + 1;
		}
	}
	doc_args_free(args, n);
	return -1;
}

void doc_args_free(struct doc_arg args[6], int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(args[i].decl);
	memset(args, 0, 6 * sizeof(*args));
}
