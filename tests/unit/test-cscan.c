/* Unit tests for indexer/cscan.c: definitions, calls and initialisers found
 * lexically, and #if decided by the configuration. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cscan.h"
#include "tap.h"

/* The configuration of these tests: Y=y, M=m, NUM=5; every other CONFIG_ unset. */
static int config(const char *name, long long *num, void *arg)
{
	(void)arg;
	*num = !strcmp(name, "CONFIG_NUM") ? 5 : 1;
	if (!strcmp(name, "CONFIG_Y") || !strcmp(name, "CONFIG_NUM"))
		return 2;
	if (!strcmp(name, "CONFIG_M"))
		return 1;
	return 0;
}

static const struct cscan_opts opts = { config, NULL };

struct scanned {
	struct cscan_names nm;
	struct cscan_result r;
};

static void scan(struct scanned *s, const char *text)
{
	memset(s, 0, sizeof(*s));
	cscan_text(text, strlen(text), &opts, &s->nm, &s->r);
}

static void release(struct scanned *s)
{
	cscan_result_release(&s->r);
	cscan_names_release(&s->nm);
}

/* The index of function name, or -1. */
static int func(const struct scanned *s, const char *name)
{
	int i;

	for (i = 0; i < s->r.nfuncs; i++)
		if (!strcmp(s->nm.v[s->r.funcs[i].name], name))
			return i;
	return -1;
}

/* Does function f call name (directly; or through a pointer with expr)? */
static int calls(const struct scanned *s, int f, const char *name, const char *expr, int line)
{
	const struct cscan_func *fn;
	int i;

	if (f < 0)
		return 0;
	fn = &s->r.funcs[f];
	for (i = fn->first_call; i < fn->first_call + fn->ncalls; i++) {
		const struct cscan_call *c = &s->r.calls[i];

		if (strcmp(s->nm.v[c->name], name) || (line && c->line != line))
			continue;
		if (!expr && c->expr < 0)
			return 1;
		if (expr && c->expr >= 0 && !strcmp(s->nm.v[c->expr], expr))
			return 1;
	}
	return 0;
}

static int ev(const char *expr)
{
	return cscan_eval_if(expr, strlen(expr), &opts);
}

int main(void)
{
	struct scanned s;
	int f, g;

	scan(&s,
	     "/* a comment with { braces } and foo(bar) */\n"
	     "static int __init helper(struct x *a,\n"
	     "                         int b)\n"
	     "{\n"
	     "\tchar *s = \"} not { a brace\";\n"
	     "\tif (a->ops->read(a, b))\n"
	     "\t\treturn other(b);\n"
	     "\treturn sizeof(int) + WARN_ON(b) + 'x';\n"
	     "}\n"
	     "\n"
	     "int global_fn(void) __acquires(lock)\n"
	     "{\n"
	     "\thelper(NULL, 1); obj.member.fn(2); (*fp)(3);\n"
	     "}\n"
	     "SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)\n"
	     "{\n"
	     "\treturn ksys_read(fd, buf, count);\n"
	     "}\n"
	     "COMPAT_SYSCALL_DEFINE1(thing, int, x) { return 0; }\n"
	     "DEFINE_MUTEX(lock);\n"
	     "static struct file_operations fops = {\n"
	     "\t.read = helper,\n"
	     "\t.write = global_fn\n"
	     "};\n"
	     "struct s { int (*f)(void); };\n"
	     "int (*table[2])(void) = { a, b };\n");
	is_int(s.r.nfuncs, 4, "four functions");
	f = func(&s, "helper");
	ok(f >= 0, "a static function with annotations and split parameters");
	if (f >= 0) {
		is_int(s.r.funcs[f].line, 2, "  its line is the name's");
		is_int(s.r.funcs[f].end_line, 9, "  its end line is the closing brace's");
		ok(s.r.funcs[f].is_static, "  static");
	}
	ok(calls(&s, f, "read", "a->ops->read", 6), "a call through a pointer, with its expression");
	ok(calls(&s, f, "other", NULL, 7), "a direct call");
	ok(calls(&s, f, "WARN_ON", NULL, 8), "a macro call (resolution drops it later)");
	ok(!calls(&s, f, "sizeof", NULL, 0) && !calls(&s, f, "if", NULL, 0) &&
	   !calls(&s, f, "return", NULL, 0), "keywords are no calls");
	g = func(&s, "global_fn");
	ok(g >= 0, "an annotation with arguments after the parameters");
	if (g >= 0)
		ok(!s.r.funcs[g].is_static, "  not static");
	ok(calls(&s, g, "helper", NULL, 13), "  calls helper");
	ok(calls(&s, g, "fn", "obj.member.fn", 13), "  a call through a member of a member");
	ok(func(&s, "sys_read") >= 0, "SYSCALL_DEFINE3(read is sys_read");
	ok(calls(&s, func(&s, "sys_read"), "ksys_read", NULL, 17), "  and its body's calls are its own");
	ok(func(&s, "compat_sys_thing") >= 0, "COMPAT_SYSCALL_DEFINE1(thing is compat_sys_thing");
	ok(func(&s, "DEFINE_MUTEX") < 0 && func(&s, "fops") < 0 && func(&s, "s") < 0 &&
	   func(&s, "table") < 0, "no definitions from macros, initialisers, structs, tables");
	is_int(s.r.ninits, 2, "two initialisers");
	if (s.r.ninits == 2) {
		is_str(s.nm.v[s.r.inits[0].member], "read", "  .read");
		is_str(s.nm.v[s.r.inits[0].func], "helper", "  = helper");
		is_str(s.nm.v[s.r.inits[1].func], "global_fn", "  .write = global_fn (before the brace)");
	}
	release(&s);

	/* conditionals: decided by the configuration, undecidable keeps the first branch */
	scan(&s,
	     "#ifdef CONFIG_Y\n"
	     "int on_y(void) { return 1; }\n"
	     "#else\n"
	     "int off_y(void) { return 0; }\n"
	     "#endif\n"
	     "#if IS_ENABLED(CONFIG_M) && !defined(CONFIG_M)\n"
	     "int m_module(void) { return 1; }\n"
	     "#elif defined(CONFIG_UNSET)\n"
	     "int unset(void) { return 1; }\n"
	     "#else\n"
	     "int m_else(void) { return 1; }\n"
	     "#endif\n"
	     "#if SOMETHING_ELSE\n"
	     "int split(int a) {\n"
	     "#else\n"
	     "int split(int a, int b) {\n"
	     "#endif\n"
	     "\treturn 0;\n"
	     "}\n"
	     "#if 0\n"
	     "int dead(void) { }\n"
	     "#endif\n"
	     "#if CONFIG_NUM > 4\n"
	     "int big(void) { }\n"
	     "#endif\n"
	     "int after(void)\n"
	     "{\n"
	     "}\n");
	ok(func(&s, "on_y") >= 0 && func(&s, "off_y") < 0, "#ifdef of a y option");
	ok(func(&s, "m_module") >= 0 && func(&s, "unset") < 0 && func(&s, "m_else") < 0,
	   "IS_ENABLED of an m option, and the #elif/#else skipped");
	is_int(func(&s, "split") >= 0 ? s.r.funcs[func(&s, "split")].end_line : -1, 19,
	       "an undecidable #if keeps its first branch, so braces balance");
	ok(func(&s, "dead") < 0, "#if 0");
	ok(func(&s, "big") >= 0, "a comparison with a number");
	ok(func(&s, "after") >= 0 && s.r.funcs[func(&s, "after")].end_line == 28,
	   "the scanner is back in step after them");
	ok(s.r.conds_undecided >= 1, "the undecided #if is counted");
	release(&s);

	/* bad input: unbalanced braces, unterminated comment and string, deep #if */
	{
		static char deep[20000];
		size_t n = 0;
		int i;

		scan(&s, "int a(void) { { { \n/* never closed");
		ok(s.r.nfuncs == 1, "unterminated comment: the function before it is kept");
		release(&s);
		scan(&s, "}}}} int b(void) { \"never closed\n }\n");
		ok(func(&s, "b") >= 0, "stray closing braces and an open string");
		release(&s);
		for (i = 0; i < 600; i++)
			n += (size_t)snprintf(deep + n, sizeof(deep) - n, "#if X%d\n", i);
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "int deep(void) { }\n");
		for (i = 0; i < 600; i++)
			n += (size_t)snprintf(deep + n, sizeof(deep) - n, "#endif\n");
		n += (size_t)snprintf(deep + n, sizeof(deep) - n, "int shallow(void) { }\n");
		scan(&s, deep);
		ok(func(&s, "deep") >= 0 && func(&s, "shallow") >= 0, "600 nested #if");
		release(&s);
	}

	/* #if expressions */
	is_int(ev("defined(CONFIG_Y)"), 1, "defined(y)");
	is_int(ev("defined CONFIG_M"), 0, "defined(m) is 0: autoconf.h says CONFIG_M_MODULE");
	is_int(ev("IS_ENABLED(CONFIG_M)"), 1, "IS_ENABLED(m)");
	is_int(ev("IS_BUILTIN(CONFIG_M)"), 0, "IS_BUILTIN(m)");
	is_int(ev("IS_MODULE(CONFIG_M)"), 1, "IS_MODULE(m)");
	is_int(ev("!CONFIG_UNSET"), 1, "an unset option is 0");
	is_int(ev("FOO"), -1, "another macro is unknown");
	is_int(ev("FOO && 0"), 0, "unknown && 0");
	is_int(ev("FOO || CONFIG_Y"), 1, "unknown || 1");
	is_int(ev("FOO(1) || 0"), -1, "a function-like macro is unknown");
	is_int(ev("CONFIG_NUM >= 5 && (CONFIG_NUM < 6)"), 1, "comparisons");
	is_int(ev("1 /* comment */ && defined(CONFIG_Y) // tail"), 1, "comments inside");
	is_int(ev("((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1"),
	       -1, "too deep is unknown, not a crash");
	is_int(ev("defined("), -1, "cut short");
	{
		/* a number at the very end of a span with no NUL after it:
		 * strtoll() read past it (ASan, found by fuzz-cscan) */
		char *one = malloc(1), *three = malloc(3);

		if (one && three) {
			memcpy(one, "0", 1);
			memcpy(three, "0x1", 3);
			is_int(cscan_eval_if(one, 1, &opts), 0, "#if 0 as a span of one byte, no NUL");
			is_int(cscan_eval_if(three, 3, &opts), 1, "#if 0x1 as a span of three bytes, no NUL");
			is_int(cscan_eval_if("10 && 2", 1, &opts), 1, "a span ends a number: '1' of '10 && 2'");
		}
		free(one);
		free(three);
	}
	done_testing();
	return exit_status();
}
