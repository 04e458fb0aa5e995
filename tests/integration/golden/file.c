/* golden: file names and descriptors — open family, stat family,
 * access, links, renames, directories, fcntl, dup, pipes. */
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "golden.h"

int main(void)
{
	char dir[] = "golden-dir";	/* in the fresh cwd run-golden.sh gives */
	char buf[256];
	int fd, fds[2];
	struct stat st;

	syscall(SYS_umask, 077);
	golden_bad_addr();
	GOLDEN_BEGIN();
	syscall(SYS_mkdir, dir, 0750);
	syscall(SYS_mkdir, dir, 0750);
	syscall(SYS_chdir, dir);
	fd = syscall(SYS_openat, AT_FDCWD, "a", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
	syscall(SYS_write, fd, "hello\n", 6);
	syscall(SYS_fstat, fd, &st);
	syscall(SYS_close, fd);
	syscall(SYS_close, fd);
	syscall(SYS_openat, AT_FDCWD, "missing", O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, golden_bad_addr(), O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY);
	syscall(SYS_openat, AT_FDCWD, "\1\2 \"quoted\"\n\t\377", O_RDONLY | O_NOFOLLOW | 0x40000000);
	syscall(SYS_open, "a", O_RDWR | O_APPEND);
	syscall(SYS_creat, "c", 0600);
	syscall(SYS_stat, "a", &st);
	syscall(SYS_lstat, "/dev/null", &st);
	syscall(SYS_newfstatat, AT_FDCWD, "a", &st, AT_SYMLINK_NOFOLLOW);
	syscall(SYS_newfstatat, AT_FDCWD, "nope", &st, 0);
	syscall(SYS_newfstatat, 3, "", golden_bad_addr(), AT_EMPTY_PATH);
	syscall(SYS_access, "a", R_OK | W_OK);
	syscall(SYS_access, "nope", F_OK);
	syscall(SYS_faccessat, AT_FDCWD, "a", X_OK);
	syscall(SYS_symlink, "a", "l");
	syscall(SYS_readlink, "l", buf, sizeof(buf));
	syscall(SYS_readlink, "a", buf, sizeof(buf));
	syscall(SYS_link, "a", "b");
	syscall(SYS_rename, "b", "c");
	syscall(SYS_renameat2, AT_FDCWD, "c", AT_FDCWD, "a", RENAME_NOREPLACE);
	syscall(SYS_unlinkat, AT_FDCWD, "c", 0);
	syscall(SYS_unlink, "l");
	syscall(SYS_chmod, "a", 04755);
	syscall(SYS_truncate, "a", 3);
	syscall(SYS_umask, 022);
	syscall(SYS_getcwd, buf, 1);
	fd = syscall(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_SETFD, 0);
	syscall(SYS_fcntl, fd, F_GETFD);
	syscall(SYS_fcntl, fd, F_GETFL);
	syscall(SYS_fcntl, fd, F_SETFL, O_NONBLOCK);
	syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 10);
	syscall(SYS_fcntl, fd, 0x1234, 5);
	syscall(SYS_dup, fd);
	syscall(SYS_dup2, fd, 20);
	syscall(SYS_dup3, fd, 21, O_CLOEXEC);
	syscall(SYS_dup3, fd, fd, 0);
	syscall(SYS_pipe2, fds, O_CLOEXEC | O_NONBLOCK);
	syscall(SYS_pipe, golden_bad_addr());
	syscall(SYS_unlink, "a");
	syscall(SYS_chdir, "..");
	syscall(SYS_rmdir, dir);
	GOLDEN_END();
	return 0;
}
