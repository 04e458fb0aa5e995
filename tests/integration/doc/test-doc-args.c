/* Unit tests of the reference pages' signature parsing and registers. */
#include "doc-site.h"
#include "tap.h"

static void check(const char *label, const char *sig, int want_n, const char *const *want,
		  const int *user)
{
	struct doc_arg args[6];
	int n = doc_args_parse(sig, args), i;

	is_int(n, want_n, "%s: %d arguments", label, want_n);
	for (i = 0; i < n && i < want_n; i++) {
		is_str(args[i].decl, want[i], "%s: argument %d", label, i);
		is_int(args[i].user, user[i], "%s: argument %d is%s __user", label, i, user[i] ? "" : " not");
	}
	if (n > 0)
		doc_args_free(args, n);
}

int main(void)
{
	static const char *const openat[] = { "int dfd", "const char __user *filename", "int flags", "umode_t mode" };
	static const int openat_user[] = { 0, 1, 0, 0 };
	static const char *const fnptr[] = { "void (*fn)(int, long)", "char buf[16]" };
	static const int fnptr_user[] = { 0, 0 };
	static const char *const spaced[] = { "unsigned   long  addr", "size_t len" };
	static const int spaced_user[] = { 0, 0 };

	check("openat", "long sys_openat(int dfd, const char __user *filename, int flags, umode_t mode)",
	      4, openat, openat_user);
	check("(void)", "long sys_getpid(void)", 0, NULL, NULL);
	check("()", "long sys_sched_yield()", 0, NULL, NULL);
	check("nested parentheses and brackets", "long sys_x(void (*fn)(int, long), char buf[16])", 2, fnptr, fnptr_user);
	check("whitespace and a newline", "long sys_y(  unsigned   long  addr ,\n\tsize_t len )", 2, spaced, spaced_user);
	check("no argument list", "no argument list", -1, NULL, NULL);
	check("no signature", NULL, -1, NULL, NULL);
	check("unterminated list", "long sys_z(int a", -1, NULL, NULL);

	is_str(doc_arg_register("common", 0), "rdi", "common arg 0 in rdi");
	is_str(doc_arg_register("64", 3), "r10", "64 arg 3 in r10, not rcx");
	is_str(doc_arg_register("x32", 5), "r9", "x32 arg 5 in r9");
	is_str(doc_arg_register("i386", 0), "ebx", "i386 arg 0 in ebx");
	is_str(doc_arg_register("i386", 5), "ebp", "i386 arg 5 in ebp");
	is_str(doc_arg_register("common", 6), "?", "no seventh register");
	done_testing();
	return exit_status();
}
