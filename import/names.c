/*
 * errno and signal names as strace prints them (import.h): the C
 * library's names for the numbers it knows, then the kernel's own codes
 * that never reach user space but that strace names (include/linux/errno.h).
 */
#include <signal.h>
#include <string.h>

#include "import.h"

static const struct { const char *name; int value; } kernel_errnos[] = {
	{ "ERESTARTSYS", 512 },
	{ "ERESTARTNOINTR", 513 },
	{ "ERESTARTNOHAND", 514 },
	{ "ENOIOCTLCMD", 515 },
	{ "ERESTART_RESTARTBLOCK", 516 },
	{ "EPROBE_DEFER", 517 },
	{ "EOPENSTALE", 518 },
	{ "ENOPARAM", 519 },
	{ "EBADHANDLE", 521 },
	{ "ENOTSYNC", 522 },
	{ "EBADCOOKIE", 523 },
	{ "ENOTSUPP", 524 },
	{ "ETOOSMALL", 525 },
	{ "ESERVERFAULT", 526 },
	{ "EBADTYPE", 527 },
	{ "EJUKEBOX", 528 },
	{ "EIOCBQUEUED", 529 },
	{ "ERECALLCONFLICT", 530 },
	/* aliases the C library names otherwise */
	{ "EWOULDBLOCK", 11 },
	{ "EDEADLOCK", 35 },
	{ "ENOTSUP", 95 },
};

/* strace's names where the C library has another one (or none). */
static const struct { const char *name; int value; } signal_names[] = {
	{ "SIGHUP", 1 }, { "SIGINT", 2 }, { "SIGQUIT", 3 }, { "SIGILL", 4 },
	{ "SIGTRAP", 5 }, { "SIGABRT", 6 }, { "SIGIOT", 6 }, { "SIGBUS", 7 },
	{ "SIGFPE", 8 }, { "SIGKILL", 9 }, { "SIGUSR1", 10 }, { "SIGSEGV", 11 },
	{ "SIGUSR2", 12 }, { "SIGPIPE", 13 }, { "SIGALRM", 14 }, { "SIGTERM", 15 },
	{ "SIGSTKFLT", 16 }, { "SIGCHLD", 17 }, { "SIGCONT", 18 }, { "SIGSTOP", 19 },
	{ "SIGTSTP", 20 }, { "SIGTTIN", 21 }, { "SIGTTOU", 22 }, { "SIGURG", 23 },
	{ "SIGXCPU", 24 }, { "SIGXFSZ", 25 }, { "SIGVTALRM", 26 }, { "SIGPROF", 27 },
	{ "SIGWINCH", 28 }, { "SIGIO", 29 }, { "SIGPOLL", 29 }, { "SIGPWR", 30 },
	{ "SIGSYS", 31 }, { "SIGRTMIN", 32 },
};

/* The kernel's highest signal on x86-64 (_NSIG). */
#define IMPORT_NSIG 64

int import_errno_value(const char *name, size_t len)
{
	/* the C library's names, looked up once (a log may hold millions) */
	static const char *libc_names[512];
	static unsigned char libc_len[512];
	static int loaded;
	size_t i;
	int e;

	if (len < 2 || len > 32 || name[0] != 'E')
		return 0;
	if (!loaded) {
		for (e = 1; e < 512; e++) {
			libc_names[e] = strerrorname_np(e);
			libc_len[e] = libc_names[e] ? (unsigned char)strlen(libc_names[e]) : 0;
		}
		loaded = 1;
	}
	for (e = 1; e < 512; e++)
		if (libc_len[e] == len && !memcmp(libc_names[e], name, len))
			return e;
	for (i = 0; i < sizeof(kernel_errnos) / sizeof(kernel_errnos[0]); i++)
		if (strlen(kernel_errnos[i].name) == len && !memcmp(kernel_errnos[i].name, name, len))
			return kernel_errnos[i].value;
	return 0;
}

int import_signal_value(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(signal_names) / sizeof(signal_names[0]); i++)
		if (strlen(signal_names[i].name) == len && !memcmp(signal_names[i].name, name, len))
			return signal_names[i].value;
	/* SIGRT_N: SIGRTMIN + N, as the kernel numbers them */
	if (len > 6 && len <= 8 && !memcmp(name, "SIGRT_", 6)) {
		int n = 0;

		for (i = 6; i < len; i++) {
			if (name[i] < '0' || name[i] > '9')
				return 0;
			n = n * 10 + (name[i] - '0');
		}
		if (n >= 1 && 32 + n <= IMPORT_NSIG)
			return 32 + n;
	}
	return 0;
}
