#include <clang-c/Index.h>
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "parse.h"
#include "progress.h"
#include "strbuf.h"

struct visit {
	const struct parse_opts *o;
	struct parse_job *job;
	CXTranslationUnit tu;
	CXFile main_file;
	size_t rootlen;
	const char *text;	/* main file's content */
	size_t text_len;
	/* the function being walked */
	const char *func;
	const char *func_file;
	int func_line;
};

static void addbuf(struct strbuf *dst, const struct strbuf *src)
{
	strbuf_add(dst, src->buf, src->len);
}

static struct prec *rec_new(struct parse_job *job, enum prec_kind kind)
{
	struct prec *r;

	if (job->nrecs == job->arecs) {
		job->arecs = job->arecs ? job->arecs * 2 : 64;
		job->recs = xrealloc(job->recs, job->arecs * sizeof(*job->recs));
	}
	r = &job->recs[job->nrecs++];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	return r;
}

/* Relative path of file under the root, or NULL (outside the tree). */
static char *relpath_of(const struct visit *v, CXFile file)
{
	CXString s;
	const char *name;
	char *rel = NULL;

	if (!file)
		return NULL;
	s = clang_getFileName(file);
	name = clang_getCString(s);
	if (name && !strncmp(name, v->o->root, v->rootlen) && name[v->rootlen] == '/')
		rel = xstrdup(name + v->rootlen + 1);
	clang_disposeString(s);
	return rel;
}

/* Expansion (macro use) position of a location. */
static void where(CXSourceLocation loc, CXFile *file, unsigned *line, unsigned *offset)
{
	clang_getExpansionLocation(loc, file, line, NULL, offset);
}

static int in_list(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

static int def_macro(const struct parse_opts *o, const char *name)
{
	const char *const *p;

	for (p = o->def_macros; p && *p; p++) {
		size_t n = strlen(*p);

		/* SYSCALL_DEFINE matches SYSCALL_DEFINE0..6, not SYSCALL_DEFINEx */
		if (!strncmp(name, *p, n) &&
		    (!name[n] || (name[n] >= '0' && name[n] <= '9' && !name[n + 1])))
			return 1;
	}
	return 0;
}

/*
 * Line of the brace closing the body that starts at the first '{' at or
 * after offset in text, skipping comments, strings and character
 * literals.  0 when there is none.
 */
static int body_end_line(const char *text, size_t len, size_t offset)
{
	size_t i;
	int depth = 0, started = 0, line = 1;

	for (i = 0; i < offset && i < len; i++)
		line += text[i] == '\n';
	for (; i < len; i++) {
		char c = text[i];

		if (c == '\n') {
			line++;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
				line += text[i] == '\n';
			i++;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '/') {
			while (i + 1 < len && text[i + 1] != '\n')
				i++;
		} else if (c == '"' || c == '\'') {
			for (i++; i < len && text[i] != c; i++) {
				if (text[i] == '\\')
					i++;
				else if (text[i] == '\n')
					line++;
			}
		} else if (c == '{') {
			depth++;
			started = 1;
		} else if (c == '}' && started && !--depth) {
			return line;
		} else if (c == ';' && !started) {
			return 0;	/* a declaration, not a definition */
		}
	}
	return 0;
}

/*
 * The macro's arguments as a signature: "long sys_NAME(type name, …)".
 * Arguments come in type, name pairs; an argument that is itself a macro
 * call (SC_ARG64(mask), which stands for two parameters) stands alone.
 */
static void make_signature(CXTranslationUnit tu, CXSourceRange range,
			   const char *macro, struct strbuf *name, struct strbuf *sig)
{
	CXToken *toks = NULL;
	unsigned n = 0, i;
	int depth = 0, arg = -1, have_type = 0, nparams = 0, call = 0;
	int is_compat = !strncmp(macro, "COMPAT_", 7);
	int is_sysfunc = !strcmp(macro, "SYS_FUNC");
	struct strbuf type = STRBUF_INIT, cur = STRBUF_INIT;

	strbuf_reset(name);
	strbuf_reset(sig);
	clang_tokenize(tu, range, &toks, &n);
	for (i = 0; i < n; i++) {
		CXString s = clang_getTokenSpelling(tu, toks[i]);
		const char *t = clang_getCString(s);

		if (!strcmp(t, "(") && depth++ == 0) {
			arg = 0;
		} else if ((!strcmp(t, ")") && --depth == 0) ||
			   (!strcmp(t, ",") && depth == 1)) {
			if (arg == 0) {
				addbuf(name, &cur);
			} else if (call || have_type) {
				if (nparams++)
					strbuf_addstr(sig, ", ");
				if (!call) {
					addbuf(sig, &type);
					if (!type.len || type.buf[type.len - 1] != '*')
						strbuf_addch(sig, ' ');
				}
				addbuf(sig, &cur);
				have_type = 0;
			} else if (cur.len) {
				strbuf_reset(&type);
				addbuf(&type, &cur);
				have_type = 1;
			}
			strbuf_reset(&cur);
			call = 0;
			arg++;
			if (depth == 0) {
				clang_disposeString(s);
				break;
			}
		} else if (depth >= 1) {
			if (depth >= 2 && !have_type && !strcmp(t, "(") && cur.len)
				call = 1;	/* a macro call where a type would be */
			if (cur.len && strcmp(t, ")") && strcmp(t, "]") && strcmp(t, "(") &&
			    cur.buf[cur.len - 1] != '(' && cur.buf[cur.len - 1] != '[')
				strbuf_addch(&cur, ' ');
			strbuf_addstr(&cur, t);
		}
		clang_disposeString(s);
	}
	if (toks)
		clang_disposeTokens(tu, toks, n);
	if (have_type) {	/* an odd argument out: keep it visible */
		if (nparams++)
			strbuf_addstr(sig, ", ");
		addbuf(sig, &type);
	}
	{
		struct strbuf full = STRBUF_INIT;

		if (is_sysfunc)
			strbuf_addf(&full, "int sys_%s(struct tcb *tcp)", name->buf);
		else
			strbuf_addf(&full, "long %ssys_%s(%s)", is_compat ? "compat_" : "",
				    name->buf, sig->len ? sig->buf : "void");
		strbuf_reset(sig);
		addbuf(sig, &full);
		strbuf_release(&full);
	}
	strbuf_release(&type);
	strbuf_release(&cur);
}

/*
 * The definition macro a use stands for: SYSCALL32_DEFINE6 is defined as
 * COMPAT_SYSCALL_DEFINE6 or SYSCALL_DEFINE6 depending on the
 * configuration; follow `#define A B` when B is a definition macro too.
 */
static void macro_target(const struct visit *v, CXCursor use, const char *name,
			 struct strbuf *out)
{
	CXCursor def = clang_getCursorReferenced(use);
	CXToken *toks = NULL;
	unsigned n = 0;

	strbuf_reset(out);
	strbuf_addstr(out, name);
	if (clang_Cursor_isNull(def) || clang_getCursorKind(def) != CXCursor_MacroDefinition ||
	    clang_Cursor_isMacroFunctionLike(def))
		return;
	clang_tokenize(v->tu, clang_getCursorExtent(def), &toks, &n);
	if (n == 2 && clang_getTokenKind(toks[1]) == CXToken_Identifier) {
		CXString s = clang_getTokenSpelling(v->tu, toks[1]);

		if (def_macro(v->o, clang_getCString(s))) {
			strbuf_reset(out);
			strbuf_addstr(out, clang_getCString(s));
		}
		clang_disposeString(s);
	}
	if (toks)
		clang_disposeTokens(v->tu, toks, n);
}

/*
 * Offset just past the parenthesized argument list that follows offset in
 * text (after blanks and comments), or 0 when none does.
 */
static size_t args_end(const char *text, size_t len, size_t i)
{
	int depth = 0;

	while (i < len && (isspace((unsigned char)text[i]) ||
			   (text[i] == '/' && i + 1 < len && text[i + 1] == '*'))) {
		if (text[i] == '/') {
			for (i += 2; i + 1 < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
				;
			i++;
		}
		i++;
	}
	if (i >= len || text[i] != '(')
		return 0;
	for (; i < len; i++) {
		char c = text[i];

		if (c == '"' || c == '\'') {
			for (i++; i < len && text[i] != c; i++)
				if (text[i] == '\\')
					i++;
		} else if (c == '/' && i + 1 < len && text[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(text[i] == '*' && text[i + 1] == '/'); i++)
				;
			i++;
		} else if (c == '(') {
			depth++;
		} else if (c == ')' && !--depth) {
			return i + 1;
		}
	}
	return 0;
}

static void visit_macro(struct visit *v, CXCursor c)
{
	CXString s;
	const char *name;
	CXFile file;
	unsigned line, offset;
	CXSourceRange range;
	struct strbuf sym = STRBUF_INIT, sig = STRBUF_INIT, macro = STRBUF_INIT;
	struct prec *r;

	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return;
	s = clang_getCursorSpelling(c);
	name = clang_getCString(s);
	if (!def_macro(v->o, name))
		goto cleanup;
	macro_target(v, c, name, &macro);
	range = clang_getCursorExtent(c);
	where(clang_getRangeStart(range), &file, &line, NULL);
	where(clang_getRangeEnd(range), NULL, NULL, &offset);
	if (strcmp(macro.buf, name) && file == v->main_file) {
		/* an object-like alias: its extent is the name; take the arguments too */
		size_t end = args_end(v->text, v->text_len, offset);

		if (end) {
			offset = (unsigned)end;
			range = clang_getRange(clang_getRangeStart(range),
					       clang_getLocationForOffset(v->tu, file, offset));
		}
	}
	make_signature(v->tu, range, macro.buf, &sym, &sig);
	if (!sym.len)
		goto cleanup;
	r = rec_new(v->job, PREC_DEF);
	r->name = xstrdup(sym.buf);
	r->macro = strbuf_detach(&macro, NULL);
	r->file = xstrdup(v->job->relpath);
	r->line = (int)line;
	r->end_line = body_end_line(v->text, v->text_len, offset);
	r->signature = xstrdup(sig.buf);
cleanup:
	clang_disposeString(s);
	strbuf_release(&sym);
	strbuf_release(&sig);
	strbuf_release(&macro);
}

/* Name of the variable or field at the base of an indirect callee. */
static enum CXChildVisitResult find_ref(CXCursor c, CXCursor parent, CXClientData d)
{
	char **out = d;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_DeclRefExpr || k == CXCursor_MemberRefExpr) {
		CXString s = clang_getCursorSpelling(c);

		free(*out);
		*out = xstrdup(clang_getCString(s));
		clang_disposeString(s);
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	*(CXCursor *)d = c;
	return CXChildVisit_Break;
}

static void add_line_rec(struct visit *v, enum prec_kind kind, CXCursor c,
			 const char *name, int indirect)
{
	CXFile file;
	unsigned line;
	char *rel;
	struct prec *r;

	where(clang_getCursorLocation(c), &file, &line, NULL);
	rel = relpath_of(v, file);
	if (!rel)
		return;
	r = rec_new(v->job, kind);
	r->name = xstrdup(name);
	r->file = rel;
	r->line = (int)line;
	r->func = xstrdup(v->func);
	r->func_file = xstrdup(v->func_file);
	r->func_line = v->func_line;
	r->indirect = indirect;
}

/*
 * Whether a callee expression is a _Generic selection (6.9+'s
 * kmem_cache_create(…) macro): the function called is the association
 * the argument's type picks, which libclang does not say; the first
 * name in it is only a candidate, and it is not written on the line.
 */
static int generic_selection(CXCursor e)
{
	while (!clang_Cursor_isNull(e)) {
		enum CXCursorKind k = clang_getCursorKind(e);
		CXCursor inner = clang_getNullCursor();

		if (k == CXCursor_GenericSelectionExpr)
			return 1;
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr)
			return 0;
		clang_visitChildren(e, first_child, &inner);
		e = inner;
	}
	return 0;
}

static void visit_call(struct visit *v, CXCursor c)
{
	CXCursor ref = clang_getCursorReferenced(c), callee = clang_getNullCursor();
	char *base = NULL;

	if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		CXString s = clang_getCursorSpelling(ref);

		add_line_rec(v, PREC_CALL, c, clang_getCString(s), 0);
		clang_disposeString(s);
		return;
	}
	clang_visitChildren(c, first_child, &callee);
	if (clang_Cursor_isNull(callee) || generic_selection(callee))
		return;
	clang_visitChildren(callee, find_ref, &base);
	if (!base && (clang_getCursorKind(callee) == CXCursor_DeclRefExpr ||
		      clang_getCursorKind(callee) == CXCursor_MemberRefExpr)) {
		CXString s = clang_getCursorSpelling(callee);

		base = xstrdup(clang_getCString(s));
		clang_disposeString(s);
	}
	if (base && *base)
		add_line_rec(v, PREC_CALL, c, base, 1);
	free(base);
}

struct nth {
	unsigned want, seen;
	CXCursor c;
};

static enum CXChildVisitResult nth_child(CXCursor c, CXCursor parent, CXClientData d)
{
	struct nth *n = d;

	(void)parent;
	if (n->seen++ == n->want) {
		n->c = c;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Continue;
}

/* Offset in the main file of where a cursor is used (macros expanded). */
static int main_offset(const struct visit *v, CXCursor c, unsigned *offset)
{
	CXFile file;

	where(clang_getCursorLocation(c), &file, NULL, offset);
	return file && file == v->main_file && *offset < v->text_len;
}

/* `case X:` in the main file — X when it is a single identifier (a macro). */
static void visit_case(struct visit *v, CXCursor c)
{
	unsigned off;
	const char *p, *end;
	char name[128];
	size_t n = 0;

	if (!main_offset(v, c, &off))
		return;
	p = v->text + off;
	end = v->text + v->text_len;
	if (end - p < 5 || strncmp(p, "case", 4))
		return;
	for (p += 4; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	while (p < end && (isalnum((unsigned char)*p) || *p == '_') && n + 1 < sizeof(name))
		name[n++] = *p++;
	name[n] = 0;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (n && !isdigit((unsigned char)name[0]) && p < end && *p == ':')
		add_line_rec(v, PREC_CASE, c, name, 0);
}

/* `x->member = …` in the main file, for a member in assign_members. */
static void visit_binop(struct visit *v, CXCursor c)
{
	struct nth lhs = { 0, 0, clang_getNullCursor() }, rhs = { 1, 0, clang_getNullCursor() };
	CXString s;
	unsigned a, b;

	clang_visitChildren(c, nth_child, &lhs);
	if (clang_Cursor_isNull(lhs.c) || clang_getCursorKind(lhs.c) != CXCursor_MemberRefExpr)
		return;
	s = clang_getCursorSpelling(lhs.c);
	if (in_list(v->o->assign_members, clang_getCString(s))) {
		clang_visitChildren(c, nth_child, &rhs);
		if (!clang_Cursor_isNull(rhs.c) && main_offset(v, lhs.c, &a) &&
		    main_offset(v, rhs.c, &b) && b > a) {
			const char *p = v->text + b;

			while (p > v->text + a && isspace((unsigned char)p[-1]))
				p--;
			if (p - 2 > v->text + a && p[-1] == '=' && !strchr("=!<>", p[-2]))
				add_line_rec(v, PREC_ASSIGN, c, clang_getCString(s), 0);
		}
	}
	clang_disposeString(s);
}

static enum CXChildVisitResult visit_body(CXCursor c, CXCursor parent, CXClientData d)
{
	struct visit *v = d;

	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_CallExpr:
		visit_call(v, c);
		break;
	case CXCursor_CaseStmt:
		visit_case(v, c);
		break;
	case CXCursor_BinaryOperator:
		visit_binop(v, c);
		break;
	case CXCursor_MemberRefExpr:
		if (v->o->ref_members) {
			CXString s = clang_getCursorSpelling(c);

			if (in_list(v->o->ref_members, clang_getCString(s)))
				add_line_rec(v, PREC_REF, c, clang_getCString(s), 0);
			clang_disposeString(s);
		}
		break;
	default:
		break;
	}
	return CXChildVisit_Recurse;
}

/* A record of kind for the function defined at c (file:line, rel owned by it). */
static struct prec *func_rec(struct visit *v, CXCursor c, int kind, CXFile file,
			     unsigned line, char *rel)
{
	CXFile efile;
	unsigned eline;
	CXString s;
	struct prec *r;

	where(clang_getRangeEnd(clang_getCursorExtent(c)), &efile, &eline, NULL);
	s = clang_getCursorSpelling(c);
	r = rec_new(v->job, kind);
	r->name = xstrdup(clang_getCString(s));
	r->file = rel;
	r->line = (int)line;
	r->end_line = efile == file ? (int)eline : 0;
	clang_disposeString(s);
	return r;
}

static void visit_function(struct visit *v, CXCursor c)
{
	CXFile file;
	unsigned line;
	char *rel;
	struct prec *r;

	if (!clang_isCursorDefinition(c))
		return;
	where(clang_getCursorLocation(c), &file, &line, NULL);
	if (!file)
		return;
	if (file != v->main_file) {
		int wanted;

		rel = relpath_of(v, file);
		wanted = rel && in_list(v->o->record_files, rel);
		if (!wanted) {
			free(rel);
			return;
		}
	} else {
		rel = xstrdup(v->job->relpath);
	}
	r = func_rec(v, c, PREC_FUNC, file, line, rel);

	v->func = r->name;
	v->func_file = r->file;
	v->func_line = r->line;
	/* records may move the array: keep copies of what we point at */
	{
		char *fname = xstrdup(v->func), *ffile = xstrdup(v->func_file);

		v->func = fname;
		v->func_file = ffile;
		clang_visitChildren(c, visit_body, v);
		free(fname);
		free(ffile);
	}
	v->func = v->func_file = NULL;
}

static int has_prefix(const char *const *list, const char *s)
{
	for (; list && *list; list++)
		if (!strncmp(s, *list, strlen(*list)))
			return 1;
	return 0;
}

/*
 * DEFS mode: a definition written as a plain function whose name has one
 * of plain_prefixes (sys_ni_syscall; strace's printargs).
 */
static void visit_plain_syscall(struct visit *v, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *name = clang_getCString(s);
	CXSourceLocation loc = clang_getCursorLocation(c);
	unsigned line, offset;
	int end;
	CXFile file;
	struct prec *r;

	if (!has_prefix(v->o->plain_prefixes, name))
		goto cleanup;
	clang_getSpellingLocation(loc, &file, &line, NULL, &offset);
	if (file != v->main_file)	/* made by a macro: not plain */
		goto cleanup;
	/*
	 * With bodies skipped, libclang no longer tells a definition from a
	 * declaration: the text does (a body, not a ';').
	 */
	end = body_end_line(v->text, v->text_len, offset);
	if (!end)
		goto cleanup;
	r = rec_new(v->job, PREC_FUNC);
	r->name = xstrdup(name);
	r->file = xstrdup(v->job->relpath);
	r->line = (int)line;
	r->end_line = end;
	{
		CXString t = clang_getTypeSpelling(clang_getCursorResultType(c));
		struct strbuf sig = STRBUF_INIT;
		int i, n = clang_Cursor_getNumArguments(c);

		strbuf_addf(&sig, "%s %s(", clang_getCString(t), name);
		clang_disposeString(t);
		for (i = 0; i < n; i++) {
			CXCursor a = clang_Cursor_getArgument(c, (unsigned)i);
			CXString at = clang_getTypeSpelling(clang_getCursorType(a));
			CXString an = clang_getCursorSpelling(a);

			const char *ts = clang_getCString(at);

			/* "struct tcb *tcp", as the source spells it */
			strbuf_addf(&sig, "%s%s%s%s", i ? ", " : "", ts,
				    *ts && ts[strlen(ts) - 1] == '*' ? "" : " ", clang_getCString(an));
			clang_disposeString(at);
			clang_disposeString(an);
		}
		strbuf_addstr(&sig, n ? ")" : "void)");
		r->signature = strbuf_detach(&sig, NULL);
	}
cleanup:
	clang_disposeString(s);
}

/* BODIES mode: `#define sys_lstat sys_stat`, one name standing for another. */
static void visit_alias(struct visit *v, CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *name = clang_getCString(s);
	CXToken *toks = NULL;
	unsigned n = 0, line;
	CXFile file;
	char *rel;

	if (strncmp(name, v->o->alias_prefix, strlen(v->o->alias_prefix)) ||
	    clang_Cursor_isMacroFunctionLike(c))
		goto cleanup;
	clang_getSpellingLocation(clang_getCursorLocation(c), &file, &line, NULL, NULL);
	rel = relpath_of(v, file);
	if (!rel)
		goto cleanup;
	clang_tokenize(v->tu, clang_getCursorExtent(c), &toks, &n);
	if (n == 2 && clang_getTokenKind(toks[1]) == CXToken_Identifier) {
		CXString t = clang_getTokenSpelling(v->tu, toks[1]);
		struct prec *r = rec_new(v->job, PREC_ALIAS);

		r->name = xstrdup(name);
		r->macro = xstrdup(clang_getCString(t));
		r->file = rel;
		rel = NULL;
		r->line = (int)line;
		clang_disposeString(t);
	}
	free(rel);
	if (toks)
		clang_disposeTokens(v->tu, toks, n);
cleanup:
	clang_disposeString(s);
}

/* ---- ARGS mode: what each function passes to the functions it calls ---- */

/* c without the implicit casts and parentheses libclang wraps it in. */
static CXCursor args_strip(CXCursor c)
{
	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);
		CXCursor in = clang_getNullCursor();

		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr)
			return c;
		clang_visitChildren(c, first_child, &in);
		if (clang_Cursor_isNull(in))
			return c;
		c = in;
	}
}

/* The parameter of func that expression c names, or -1. */
static int args_param(CXCursor func, CXCursor c)
{
	CXCursor ref;
	int i, n;

	c = args_strip(c);
	if (clang_getCursorKind(c) != CXCursor_DeclRefExpr)
		return -1;
	ref = clang_getCursorReferenced(c);
	if (clang_getCursorKind(ref) != CXCursor_ParmDecl)
		return -1;
	n = clang_Cursor_getNumArguments(func);
	for (i = 0; i < n; i++)
		if (clang_equalCursors(clang_Cursor_getArgument(func, (unsigned)i), ref))
			return i;
	return -1;
}

/* 1 and *out when c is an integer constant expression. */
static int args_const(CXCursor c, long long *out)
{
	CXEvalResult ev;
	int ok = 0;

	c = args_strip(c);
	if (clang_getCursorKind(c) != CXCursor_IntegerLiteral &&
	    clang_getCursorKind(c) != CXCursor_BinaryOperator &&
	    clang_getCursorKind(c) != CXCursor_UnaryOperator)
		return 0;
	ev = clang_Cursor_Evaluate(c);
	if (ev) {
		if (clang_EvalResult_getKind(ev) == CXEval_Int) {
			*out = clang_EvalResult_getAsLongLong(ev);
			ok = 1;
		}
		clang_EvalResult_dispose(ev);
	}
	return ok;
}

/* 1 when the tokens of c hold exactly one operator and it is '+'. */
static int args_is_sum(CXTranslationUnit tu, CXCursor c)
{
	CXToken *toks = NULL;
	unsigned n = 0, i, plus = 0, other = 0;

	clang_tokenize(tu, clang_getCursorExtent(c), &toks, &n);
	for (i = 0; i < n; i++)
		if (clang_getTokenKind(toks[i]) == CXToken_Punctuation) {
			CXString s = clang_getTokenSpelling(tu, toks[i]);

			if (!strcmp(clang_getCString(s), "+"))
				plus++;
			else
				other++;
			clang_disposeString(s);
		}
	if (toks)
		clang_disposeTokens(tu, toks, n);
	return plus == 1 && !other;
}

struct args_find {
	struct visit *v;
	CXCursor func;
	struct strbuf *out;	/* "U1", "P1+0"; empty: none found */
};

/* arg_member[index]: how the index is made (see parse.h). */
static void args_subscript(struct args_find *f, CXCursor c)
{
	struct nth base = { 0, 0, clang_getNullCursor() }, idx = { 1, 0, clang_getNullCursor() };
	CXCursor b;
	CXString s;
	long long k;
	int p, match;

	clang_visitChildren(c, nth_child, &base);
	clang_visitChildren(c, nth_child, &idx);
	if (clang_Cursor_isNull(base.c) || clang_Cursor_isNull(idx.c))
		return;
	b = args_strip(base.c);
	if (clang_getCursorKind(b) != CXCursor_MemberRefExpr)
		return;
	s = clang_getCursorSpelling(b);
	match = !strcmp(clang_getCString(s), f->v->o->arg_member);
	clang_disposeString(s);
	if (!match)
		return;
	if (args_const(idx.c, &k) && k >= 0 && k < 64) {
		strbuf_addf(f->out, "U%lld", k);
	} else if ((p = args_param(f->func, idx.c)) >= 0) {
		strbuf_addf(f->out, "P%d+0", p);
	} else {
		CXCursor ix = args_strip(idx.c);
		struct nth l = { 0, 0, clang_getNullCursor() }, r = { 1, 0, clang_getNullCursor() };

		if (clang_getCursorKind(ix) != CXCursor_BinaryOperator || !args_is_sum(f->v->tu, ix))
			return;
		clang_visitChildren(ix, nth_child, &l);
		clang_visitChildren(ix, nth_child, &r);
		if (clang_Cursor_isNull(l.c) || clang_Cursor_isNull(r.c))
			return;
		if ((p = args_param(f->func, l.c)) >= 0 && args_const(r.c, &k) && k >= 0 && k < 64)
			strbuf_addf(f->out, "P%d+%lld", p, k);
	}
}

static enum CXChildVisitResult args_find_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	struct args_find *f = d;

	(void)parent;
	switch (clang_getCursorKind(c)) {
	case CXCursor_CallExpr:
		return CXChildVisit_Continue;	/* a call of its own */
	case CXCursor_ArraySubscriptExpr:
		args_subscript(f, c);
		return f->out->len ? CXChildVisit_Break : CXChildVisit_Continue;
	default:
		return CXChildVisit_Recurse;
	}
}

/* What argument expression a carries, appended to out as "I:S;" (parse.h). */
static void args_classify(struct visit *v, CXCursor func, CXCursor a, int i, struct strbuf *out)
{
	struct strbuf s = STRBUF_INIT;
	struct args_find f = { v, func, &s };
	long long k;
	int p;

	if (clang_getCursorKind(args_strip(a)) == CXCursor_ArraySubscriptExpr)
		args_subscript(&f, args_strip(a));
	else
		clang_visitChildren(a, args_find_visit, &f);
	if (!s.len) {
		if ((p = args_param(func, a)) >= 0)
			strbuf_addf(&s, "R%d", p);
		else if (args_const(a, &k))
			strbuf_addf(&s, "C%lld", k);
	}
	if (s.len)
		strbuf_addf(out, "%d:%s;", i, s.buf);
	strbuf_release(&s);
}

struct args_walk {
	struct visit *v;
	CXCursor func;
};

static void args_call(struct args_walk *w, CXCursor c)
{
	struct visit *v = w->v;
	CXCursor ref = clang_getCursorReferenced(c), callee = clang_getNullCursor();
	struct strbuf enc = STRBUF_INIT;
	CXString s = { 0 };
	const char *name = NULL;
	int indirect = 0, i, n;
	struct prec *r;
	CXFile file;
	unsigned line;
	char *rel;

	if (!clang_Cursor_isNull(ref) && clang_getCursorKind(ref) == CXCursor_FunctionDecl) {
		s = clang_getCursorSpelling(ref);
	} else {
		/* printers->fetch_struct_stat(…): strace's multi-personality printers */
		clang_visitChildren(c, first_child, &callee);
		callee = args_strip(callee);
		if (clang_Cursor_isNull(callee) ||
		    clang_getCursorKind(callee) != CXCursor_MemberRefExpr)
			return;
		s = clang_getCursorSpelling(callee);
		indirect = 1;
	}
	name = clang_getCString(s);
	where(clang_getCursorLocation(c), &file, &line, NULL);
	rel = relpath_of(v, file);
	if (!name || !*name || !rel) {
		free(rel);
		clang_disposeString(s);
		return;
	}
	n = clang_Cursor_getNumArguments(c);
	for (i = 0; i < n; i++)
		args_classify(v, w->func, clang_Cursor_getArgument(c, (unsigned)i), i, &enc);
	r = rec_new(v->job, PREC_ACALL);
	r->name = xstrdup(name);
	r->macro = strbuf_detach(&enc, NULL);
	r->file = rel;
	r->line = (int)line;
	r->func = xstrdup(v->func);
	r->func_file = xstrdup(v->func_file);
	r->func_line = v->func_line;
	r->indirect = indirect;
	clang_disposeString(s);
}

static enum CXChildVisitResult args_walk_visit(CXCursor c, CXCursor parent, CXClientData d)
{
	(void)parent;
	if (clang_getCursorKind(c) == CXCursor_CallExpr)
		args_call(d, c);
	return CXChildVisit_Recurse;
}

/* ARGS mode: a function defined in the file (or a record file) and its calls. */
static void args_function(struct visit *v, CXCursor c)
{
	struct args_walk w = { v, c };
	CXFile file;
	unsigned line;
	char *rel;
	struct prec *r;
	char *fname, *ffile;

	if (!clang_isCursorDefinition(c))
		return;
	where(clang_getCursorLocation(c), &file, &line, NULL);
	if (!file)
		return;
	rel = relpath_of(v, file);
	if (!rel || (file != v->main_file && !in_list(v->o->arg_files, rel))) {
		free(rel);
		return;
	}
	r = func_rec(v, c, PREC_AFUNC, file, line, rel);
	r->nparams = clang_Cursor_getNumArguments(c);
	/* records may move the array: keep copies of what we point at */
	fname = xstrdup(r->name);
	ffile = xstrdup(r->file);
	v->func = fname;
	v->func_file = ffile;
	v->func_line = (int)line;
	clang_visitChildren(c, args_walk_visit, &w);
	v->func = v->func_file = NULL;
	free(fname);
	free(ffile);
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData d)
{
	struct visit *v = d;
	enum CXCursorKind k = clang_getCursorKind(c);

	(void)parent;
	if (k == CXCursor_MacroDefinition) {
		if (v->o->alias_prefix && (v->job->mode & PARSE_BODIES))
			visit_alias(v, c);
	} else if (k == CXCursor_MacroExpansion) {
		visit_macro(v, c);
	} else if (k == CXCursor_FunctionDecl && (v->job->mode & PARSE_BODIES)) {
		visit_function(v, c);
	} else if (k == CXCursor_FunctionDecl) {
		if (clang_Location_isFromMainFile(clang_getCursorLocation(c)))
			visit_plain_syscall(v, c);
		if ((v->job->mode & PARSE_ARGS) && v->o->arg_member)
			args_function(v, c);
	}
	return CXChildVisit_Continue;
}

/* Count the error diagnostics of tu into job; keep the first one's text. */
static void collect_errors(const struct parse_opts *o, CXTranslationUnit tu,
			   struct parse_job *job)
{
	unsigned nd = clang_getNumDiagnostics(tu), d;
	size_t rootlen = strlen(o->root);

	for (d = 0; d < nd; d++) {
		CXDiagnostic diag = clang_getDiagnostic(tu, d);

		if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error &&
		    !job->nerrors++) {
			CXString s = clang_getDiagnosticSpelling(diag), fn;
			CXFile file;
			unsigned line;
			struct strbuf msg = STRBUF_INIT;
			const char *name;

			clang_getSpellingLocation(clang_getDiagnosticLocation(diag), &file, &line,
						  NULL, NULL);
			if (file && clang_getFile(tu, job->abspath) != file) {
				/* where (elsewhere than the file), relative to the tree when inside it */
				fn = clang_getFileName(file);
				name = clang_getCString(fn);
				if (name && !strncmp(name, o->root, rootlen) && name[rootlen] == '/')
					name += rootlen + 1;
				strbuf_addf(&msg, "%s:%u: ", name ? name : "?", line);
				clang_disposeString(fn);
			}
			strbuf_addstr(&msg, clang_getCString(s));
			job->first_error = strbuf_detach(&msg, NULL);
			job->first_error_line = file && clang_getFile(tu, job->abspath) == file ?
						(int)line : 0;
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(diag);
	}
}

/* The line ranges of file the preprocessor skipped (inactive #if blocks). */
static void collect_skipped(CXTranslationUnit tu, CXFile file, struct parse_job *job)
{
	CXSourceRangeList *list;
	unsigned i;

	if (!file)
		return;
	list = clang_getSkippedRanges(tu, file);
	if (!list)
		return;
	if (list->count) {
		job->skipped = xcalloc(list->count, sizeof(*job->skipped));
		for (i = 0; i < list->count; i++) {
			unsigned a, b;

			clang_getSpellingLocation(clang_getRangeStart(list->ranges[i]), NULL, &a,
						  NULL, NULL);
			clang_getSpellingLocation(clang_getRangeEnd(list->ranges[i]), NULL, &b,
						  NULL, NULL);
			job->skipped[job->nskipped].first = (int)a;
			job->skipped[job->nskipped].last = (int)b;
			job->nskipped++;
		}
	}
	clang_disposeSourceRangeList(list);
}

static void run_job(CXIndex index, const struct parse_opts *o, const char *pch,
		    struct parse_job *job)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	const char **args = xcalloc((size_t)o->nargs + 3, sizeof(*args));
	int nargs = 0, i;
	unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
			 CXTranslationUnit_KeepGoing;
	CXTranslationUnit tu = NULL;
	enum CXErrorCode ec;
	struct visit v;

	for (i = 0; i < o->nargs; i++)
		args[nargs++] = o->args[i];
	if (!(job->mode & PARSE_BODIES)) {
		if (!(job->mode & PARSE_ARGS))
			flags |= CXTranslationUnit_SkipFunctionBodies;
		if (pch && !(job->mode & PARSE_NOPCH)) {
			args[nargs++] = "-include-pch";
			args[nargs++] = pch;
		}
	}
	strbuf_addf(&path, "%s/%s", o->root, job->relpath);
	job->abspath = path.buf;
	if (strbuf_read_file(&text, path.buf) < 0) {
		struct strbuf why = STRBUF_INIT;

		strbuf_addf(&why, "cannot be read: %s", strerror(errno));
		job->failed = 1;
		job->first_error = strbuf_detach(&why, NULL);
		goto cleanup;
	}
	ec = clang_parseTranslationUnit2(index, path.buf, args, nargs, NULL, 0, flags, &tu);
	if (ec != CXError_Success || !tu) {
		job->failed = 1;
		job->first_error = xstrdup(ec == CXError_Crashed ? "libclang crashed on it" :
					   ec == CXError_ASTReadError ? "libclang could not read the PCH" :
					   "libclang could not parse it");
		goto cleanup;
	}
	collect_errors(o, tu, job);
	collect_skipped(tu, clang_getFile(tu, path.buf), job);
	memset(&v, 0, sizeof(v));
	v.o = o;
	v.job = job;
	v.tu = tu;
	v.main_file = clang_getFile(tu, path.buf);
	v.rootlen = strlen(o->root);
	v.text = text.buf;
	v.text_len = text.len;
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &v);
cleanup:
	job->abspath = NULL;
	if (tu)
		clang_disposeTranslationUnit(tu);
	free(args);
	strbuf_release(&path);
	strbuf_release(&text);
}

/*
 * Build a PCH at out from header (an absolute path) with o's arguments.
 * 0, or -1 with *why set (the caller parses without it).
 */
static int make_pch(const struct parse_opts *o, const char *header, const char *out,
		    char **why)
{
	CXIndex index = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	const char **args = xcalloc((size_t)o->nargs + 3, sizeof(*args));
	int nargs = 0, i, rc = -1;
	unsigned nd;
	enum CXErrorCode ec;

	*why = NULL;
	for (i = 0; i < o->nargs; i++)
		args[nargs++] = o->args[i];
	args[nargs++] = "-xc-header";	/* after the -xc of o->args */
	/*
	 * The detailed preprocessing record goes into the PCH too: without it
	 * expansions of the PCH's macros in the main file are not all recorded.
	 */
	ec = clang_parseTranslationUnit2(index, header, args, nargs, NULL, 0,
					 CXTranslationUnit_Incomplete |
					 CXTranslationUnit_ForSerialization |
					 CXTranslationUnit_DetailedPreprocessingRecord, &tu);
	if (ec != CXError_Success || !tu) {
		*why = xstrdup("libclang could not parse the prefix header");
		goto cleanup;
	}
	nd = clang_getNumDiagnostics(tu);
	for (i = 0; i < (int)nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, (unsigned)i);
		int bad = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;

		if (bad && !*why) {
			CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation);

			*why = xstrdup(clang_getCString(s));
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
	}
	if (*why)
		goto cleanup;
	if (clang_saveTranslationUnit(tu, out, clang_defaultSaveOptions(tu)) !=
	    CXSaveError_None) {
		*why = xstrdup("libclang could not save the PCH");
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	free(args);
	return rc;
}

struct pool {
	const struct parse_opts *o;
	struct parse_job *jobs;
	int njobs;
	atomic_int next;
	/* the prefix PCH, built by the first worker while others parse bodies */
	pthread_mutex_t lock;
	pthread_cond_t ready;
	int pch_state;		/* 0 being built, 1 ready, -1 none */
	char *pch_why;
};

static const char *pool_pch(struct pool *p)
{
	int state;

	pthread_mutex_lock(&p->lock);
	while (p->pch_state == 0)
		pthread_cond_wait(&p->ready, &p->lock);
	state = p->pch_state;
	pthread_mutex_unlock(&p->lock);
	return state > 0 ? p->o->pch_file : NULL;
}

struct worker_arg {
	struct pool *pool;
	int first;
};

static void *worker(void *arg)
{
	struct worker_arg *w = arg;
	struct pool *p = w->pool;
	/* exclude the PCH's declarations from visits: only the file's own */
	CXIndex index = clang_createIndex(1, 0);
	int i;

	if (w->first && p->pch_state == 0) {
		char *why = NULL;
		int ok = !make_pch(p->o, p->o->pch_header, p->o->pch_file, &why);

		pthread_mutex_lock(&p->lock);
		p->pch_state = ok ? 1 : -1;
		p->pch_why = why;
		pthread_cond_broadcast(&p->ready);
		pthread_mutex_unlock(&p->lock);
	}
	while ((i = atomic_fetch_add(&p->next, 1)) < p->njobs) {
		struct parse_job *job = &p->jobs[i];
		const char *pch = job->mode & PARSE_BODIES ? NULL : pool_pch(p);

		run_job(index, p->o, pch, job);
		progress_add(p->o->progress, 1);
	}
	clang_disposeIndex(index);
	return NULL;
}

int parse_run(const struct parse_opts *o, struct parse_job *jobs, int njobs, char **pch_why)
{
	struct pool p;
	int n = o->jobs > 0 ? o->jobs : 1, i, started = 0, rc = 0;
	pthread_t *t;
	struct worker_arg *wa;

	memset(&p, 0, sizeof(p));
	p.o = o;
	p.jobs = jobs;
	p.njobs = njobs;
	atomic_init(&p.next, 0);
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.ready, NULL);
	p.pch_state = o->pch_header && o->pch_file ? 0 : -1;
	if (n > njobs)
		n = njobs ? njobs : 1;
	t = xcalloc((size_t)n, sizeof(*t));
	wa = xcalloc((size_t)n, sizeof(*wa));
	for (i = 0; i < n; i++) {
		pthread_attr_t attr;
		int err;

		wa[i].pool = &p;
		wa[i].first = i == 0;
		/* libclang recurses deeply on big expressions: give it room */
		pthread_attr_init(&attr);
		pthread_attr_setstacksize(&attr, 64u << 20);
		err = pthread_create(&t[i], &attr, worker, &wa[i]);
		pthread_attr_destroy(&attr);
		if (err) {
			errno = err;
			rc = error_errno("index: cannot start a parser thread");
			break;
		}
		started++;
	}
	if (!started) {
		wa[0].pool = &p;
		wa[0].first = 1;
		worker(&wa[0]);
	}
	for (i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	free(wa);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.ready);
	if (pch_why)
		*pch_why = p.pch_why;
	else
		free(p.pch_why);
	return started || !rc ? 0 : -1;
}

void parse_job_release(struct parse_job *job)
{
	int i;

	for (i = 0; i < job->nrecs; i++) {
		struct prec *r = &job->recs[i];

		free(r->name);
		free(r->macro);
		free(r->file);
		free(r->func);
		free(r->func_file);
		free(r->signature);
	}
	free(job->recs);
	free(job->relpath);
	free(job->first_error);
	free(job->skipped);
	memset(job, 0, sizeof(*job));
}
