/* golden: execve's argument and environment arrays — many and long
 * arguments, odd bytes, NULL and unreadable arrays; every exec fails. */
#include <fcntl.h>

#include "golden.h"

int main(void)
{
	char *argv[40], *envp[] = { "A=1", "B=2", NULL };
	char *odd[] = { "new\nline", "", "\377\001", NULL };
	int i;

	argv[0] = "/nonexistent/prog";
	argv[1] = "an argument that is longer than thirty-two bytes";
	for (i = 2; i < 39; i++)
		argv[i] = "x";
	argv[39] = NULL;
	golden_bad_addr();
	GOLDEN_BEGIN();
	syscall(SYS_execve, "/nonexistent/prog", argv, envp);
	syscall(SYS_execve, "/nonexistent/prog", odd, NULL);
	syscall(SYS_execve, "/nonexistent/prog", NULL, odd + 3);
	syscall(SYS_execve, "/nonexistent/prog", golden_bad_addr(), golden_bad_addr());
	syscall(SYS_execveat, AT_FDCWD, "/nonexistent/prog", odd, envp, 0);
	GOLDEN_END();
	return 0;
}
