/*
 * test-decode-file: the file-name, descriptor, stat, I/O, directory,
 * xattr and ioctl decoders, on this process's own memory.
 */
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <linux/xattr.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "tap.h"
#include "decode-harness.h"

static void test_open_family(void)
{
	struct { uint64_t flags, mode, resolve; } how = { O_RDONLY | O_CLOEXEC, 0, 0 };
	void *bad = (void *)(uintptr_t)harness_bad_addr();

	is_str(dec(3, SYS_open, "/etc/hosts", O_RDONLY), "open(\"/etc/hosts\", O_RDONLY) = 3", "open");
	is_str(dec(4, SYS_open, "new", O_WRONLY | O_CREAT | O_EXCL, 0600),
	       "open(\"new\", O_WRONLY|O_CREAT|O_EXCL, 0600) = 4", "open with O_CREAT");
	is_str(dec(-EACCES, SYS_creat, "c", 0), "creat(\"c\", 000) = -1 EACCES (Permission denied)", "creat mode 000");
	is_str(dec(5, SYS_openat2, AT_FDCWD, "x", &how, sizeof(how)),
	       "openat2(AT_FDCWD, \"x\", {flags=O_RDONLY|O_CLOEXEC, mode=000, resolve=0}, 24) = 5", "openat2");
	is_str(dec(-EINVAL, SYS_openat2, AT_FDCWD, "x", &how, 8),
	       fmt("openat2(AT_FDCWD, \"x\", %p, 8) = -1 EINVAL (Invalid argument)", (void *)&how),
	       "openat2 with a short size");
	is_str(dec(-EFAULT, SYS_openat2, AT_FDCWD, "x", bad, 24),
	       fmt("openat2(AT_FDCWD, \"x\", %p, 24) = -1 EFAULT (Bad address)", bad), "openat2 bad how");
}

static void test_names(void)
{
	char buf[64] = "/target/of/link";

	is_str(dec(0, SYS_unlink, "f"), "unlink(\"f\") = 0", "unlink");
	is_str(dec(-ENOTEMPTY, SYS_rmdir, "d"), "rmdir(\"d\") = -1 ENOTEMPTY (Directory not empty)", "rmdir");
	is_str(dec(0, SYS_chdir, "/"), "chdir(\"/\") = 0", "chdir");
	is_str(dec(0, SYS_fchdir, 3), "fchdir(3) = 0", "fchdir");
	is_str(dec(0, SYS_rename, "a", "b"), "rename(\"a\", \"b\") = 0", "rename");
	is_str(dec(0, SYS_renameat, 3, "a", AT_FDCWD, "b"), "renameat(3, \"a\", AT_FDCWD, \"b\") = 0", "renameat");
	is_str(dec(0, SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "b", RENAME_EXCHANGE | 8),
	       "renameat2(AT_FDCWD, \"a\", AT_FDCWD, \"b\", RENAME_EXCHANGE|0x8) = 0", "renameat2 flags");
	is_str(dec(0, SYS_mkdir, "d", 0755), "mkdir(\"d\", 0755) = 0", "mkdir");
	is_str(dec(0, SYS_mkdirat, AT_FDCWD, "d", 01777), "mkdirat(AT_FDCWD, \"d\", 01777) = 0", "mkdirat sticky");
	is_str(dec(0, SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR), "unlinkat(AT_FDCWD, \"d\", AT_REMOVEDIR) = 0", "unlinkat");
	is_str(dec(0, SYS_link, "a", "b"), "link(\"a\", \"b\") = 0", "link");
	is_str(dec(0, SYS_linkat, AT_FDCWD, "a", AT_FDCWD, "b", AT_SYMLINK_FOLLOW),
	       "linkat(AT_FDCWD, \"a\", AT_FDCWD, \"b\", AT_SYMLINK_FOLLOW) = 0", "linkat");
	is_str(dec(0, SYS_symlink, "t", "l"), "symlink(\"t\", \"l\") = 0", "symlink");
	is_str(dec(0, SYS_symlinkat, "t", 3, "l"), "symlinkat(\"t\", 3, \"l\") = 0", "symlinkat");
	is_str(dec(15, SYS_readlink, "l", buf, sizeof(buf)), "readlink(\"l\", \"/target/of/link\", 64) = 15",
	       "readlink: rval bytes, no NUL");
	is_str(dec(-EINVAL, SYS_readlink, "f", buf, sizeof(buf)),
	       fmt("readlink(\"f\", %p, 64) = -1 EINVAL (Invalid argument)", (void *)buf), "readlink failing");
	is_str(dec(4, SYS_readlinkat, AT_FDCWD, "l", buf, 4), "readlinkat(AT_FDCWD, \"l\", \"/tar\", 4) = 4",
	       "readlinkat: truncated target");
	is_str(dec(16, SYS_getcwd, buf, sizeof(buf)), "getcwd(\"/target/of/link\", 64) = 16", "getcwd");
	is_str(dec(-ERANGE, SYS_getcwd, buf, 1),
	       fmt("getcwd(%p, 1) = -1 ERANGE (Numerical result out of range)", (void *)buf), "getcwd ERANGE");
	is_str(dec(0, SYS_access, "a", X_OK), "access(\"a\", X_OK) = 0", "access");
	is_str(dec(0, SYS_faccessat, AT_FDCWD, "a", W_OK), "faccessat(AT_FDCWD, \"a\", W_OK) = 0", "faccessat");
	is_str(dec(0, SYS_faccessat2, AT_FDCWD, "a", R_OK, AT_EACCESS | AT_SYMLINK_NOFOLLOW),
	       "faccessat2(AT_FDCWD, \"a\", R_OK, AT_SYMLINK_NOFOLLOW|AT_EACCESS) = 0", "faccessat2: AT_EACCESS, not AT_REMOVEDIR");
	is_str(dec(0, SYS_chmod, "a", 04711), "chmod(\"a\", 04711) = 0", "chmod");
	is_str(dec(0, SYS_fchmod, 3, 0644), "fchmod(3, 0644) = 0", "fchmod");
	is_str(dec(0, SYS_fchmodat, AT_FDCWD, "a", 0), "fchmodat(AT_FDCWD, \"a\", 000) = 0", "fchmodat");
	is_str(dec(0, SYS_chown, "a", 1000, -1), "chown(\"a\", 1000, -1) = 0", "chown: -1 is unchanged");
	is_str(dec(0, SYS_lchown, "a", -1, 0), "lchown(\"a\", -1, 0) = 0", "lchown");
	is_str(dec(0, SYS_fchown, 3, 0, 0), "fchown(3, 0, 0) = 0", "fchown");
	is_str(dec(0, SYS_fchownat, AT_FDCWD, "", 1, 2, AT_EMPTY_PATH),
	       "fchownat(AT_FDCWD, \"\", 1, 2, AT_EMPTY_PATH) = 0", "fchownat");
	is_str(dec(0, SYS_truncate, "a", 1L << 40), "truncate(\"a\", 1099511627776) = 0", "truncate");
	is_str(dec(-EINVAL, SYS_ftruncate, 3, -1L), "ftruncate(3, -1) = -1 EINVAL (Invalid argument)", "ftruncate negative");
	is_str(dec(022, SYS_umask, 077), "umask(077) = 022", "umask: octal both ways");
	is_str(dec(0, SYS_fsync, 3), "fsync(3) = 0", "fsync");
}

static void test_stat(void)
{
	struct stat st;
	struct statx stx;
	void *bad = (void *)(uintptr_t)harness_bad_addr();

	memset(&st, 0, sizeof(st));
	st.st_mode = S_IFREG | 0644;
	st.st_size = 1234;
	is_str(dec(0, SYS_stat, "f", &st), "stat(\"f\", {st_mode=S_IFREG|0644, st_size=1234, ...}) = 0", "stat");
	st.st_mode = S_IFDIR | S_ISVTX | 01777;
	st.st_size = 4096;
	is_str(dec(0, SYS_lstat, "/tmp", &st), "lstat(\"/tmp\", {st_mode=S_IFDIR|S_ISVTX|0777, st_size=4096, ...}) = 0",
	       "lstat: sticky directory");
	st.st_mode = S_IFCHR | 0666;
	st.st_rdev = makedev(1, 3);
	is_str(dec(0, SYS_fstat, 0, &st), "fstat(0, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0",
	       "fstat: device number instead of size");
	st.st_mode = S_IFBLK | S_ISUID | S_ISGID | 0600;
	st.st_rdev = makedev(259, 0);
	is_str(dec(0, SYS_newfstatat, 3, "", &st, AT_EMPTY_PATH),
	       "newfstatat(3, \"\", {st_mode=S_IFBLK|S_ISUID|S_ISGID|0600, st_rdev=makedev(0x103, 0), ...}, AT_EMPTY_PATH) = 0",
	       "newfstatat: block device, setuid, setgid");
	st.st_mode = 0170000;
	is_str(dec(0, SYS_fstat, 3, &st), "fstat(3, {st_mode=0170000, st_size=4096, ...}) = 0", "unknown file type: octal");
	is_str(dec(-ENOENT, SYS_newfstatat, AT_FDCWD, "x", &st, 0),
	       fmt("newfstatat(AT_FDCWD, \"x\", %p, 0) = -1 ENOENT (No such file or directory)", (void *)&st),
	       "failing stat: the buffer's address");
	is_str(dec(0, SYS_fstat, 3, bad), fmt("fstat(3, %p) = 0", bad), "unreadable stat buffer");
	memset(&stx, 0, sizeof(stx));
	stx.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	stx.stx_mode = S_IFREG | 0600;
	stx.stx_size = 7;
	is_str(dec(0, SYS_statx, AT_FDCWD, "f", AT_STATX_SYNC_AS_STAT | AT_SYMLINK_NOFOLLOW, STATX_ALL, &stx),
	       "statx(AT_FDCWD, \"f\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW, STATX_ALL, "
	       "{stx_mask=STATX_BASIC_STATS|STATX_MNT_ID, stx_attributes=0, stx_mode=S_IFREG|0600, stx_size=7, ...}) = 0",
	       "statx");
	is_str(dec(-EINVAL, SYS_statx, AT_FDCWD, "f", AT_STATX_FORCE_SYNC | AT_STATX_DONT_SYNC, 0x80000000, &stx),
	       fmt("statx(AT_FDCWD, \"f\", AT_STATX_FORCE_SYNC|AT_STATX_DONT_SYNC, 0x80000000 /* STATX_??? */, %p) = -1 EINVAL (Invalid argument)",
		   (void *)&stx), "statx bad flags and mask");
}

static void test_io(void)
{
	char data[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
	struct iovec iov[3] = { { data, 3 }, { data + 3, 5 }, { data + 8, 40 } };
	int64_t off = 100;

	is_str(dec(10, SYS_read, 3, data, 64), "read(3, \"0123456789\", 64) = 10", "read: rval bytes");
	is_str(dec(-EAGAIN, SYS_read, 3, data, 64),
	       fmt("read(3, %p, 64) = -1 EAGAIN (Resource temporarily unavailable)", (void *)data), "read failing");
	is_str(dec_enter(SYS_read, 3, data, 64), "read(3, ", "read at entry: the fd only");
	is_str(dec(4, SYS_pread64, 3, data, 4, 1L << 33), "pread64(3, \"0123\", 4, 8589934592) = 4", "pread64");
	is_str(dec(2, SYS_pwrite64, 3, "hi", 2, 0), "pwrite64(3, \"hi\", 2, 0) = 2", "pwrite64");
	is_str(dec(6, SYS_readv, 3, iov, 3),
	       "readv(3, [{iov_base=\"012\", iov_len=3}, {iov_base=\"345\", iov_len=5}, {iov_base=\"\", iov_len=40}], 3) = 6",
	       "readv: only rval bytes shown across the vector");
	is_str(dec(-EBADF, SYS_readv, 3, iov, 1),
	       fmt("readv(3, [{iov_base=%p, iov_len=3}], 1) = -1 EBADF (Bad file descriptor)", (void *)data),
	       "readv failing: bases as addresses");
	is_str(dec(48, SYS_writev, 1, iov, 3),
	       "writev(1, [{iov_base=\"012\", iov_len=3}, {iov_base=\"34567\", iov_len=5}, "
	       "{iov_base=\"89abcdefghijklmnopqrstuvwxyzABCD\"..., iov_len=40}], 3) = 48", "writev");
	harness_opts.string_limit = 2;
	is_str(dec(8, SYS_writev, 1, iov, 3),
	       "writev(1, [{iov_base=\"01\"..., iov_len=3}, {iov_base=\"34\"..., iov_len=5}, ...], 3) = 8",
	       "writev: at most -s elements");
	harness_opts.string_limit = 32;
	is_str(dec(3, SYS_preadv, 3, iov, 1, 7), "preadv(3, [{iov_base=\"012\", iov_len=3}], 1, 7) = 3", "preadv");
	is_str(dec(3, SYS_pwritev2, 3, iov, 1, -1L, RWF_NOWAIT),
	       "pwritev2(3, [{iov_base=\"012\", iov_len=3}], 1, -1, RWF_NOWAIT) = 3", "pwritev2");
	is_str(dec(100, SYS_lseek, 3, 100, SEEK_SET), "lseek(3, 100, SEEK_SET) = 100", "lseek");
	is_str(dec(0, SYS_lseek, 3, 0, SEEK_HOLE), "lseek(3, 0, SEEK_HOLE) = 0", "lseek SEEK_HOLE");
	is_str(dec(-EINVAL, SYS_lseek, 3, 0, 9), "lseek(3, 0, 0x9 /* SEEK_??? */) = -1 EINVAL (Invalid argument)",
	       "lseek unknown whence");
	is_str(dec(5, SYS_sendfile, 1, 3, &off, 5), "sendfile(1, 3, [100] => [100], 5) = 5",
	       "sendfile: offset before => after");
	is_str(dec(5, SYS_sendfile, 1, 3, NULL, 5), "sendfile(1, 3, NULL, 5) = 5", "sendfile without offset");
	is_str(dec(0, SYS_copy_file_range, 3, NULL, 4, &off, 10, 0),
	       "copy_file_range(3, NULL, 4, [100], 10, 0) = 0", "copy_file_range");
}

static void test_desc(void)
{
	int fds[2] = { 5, 6 };
	struct flock64 fl = { F_WRLCK, SEEK_SET, 0, 10, 0 };

	is_str(dec(0, SYS_close, 3), "close(3) = 0", "close");
	is_str(dec(4, SYS_dup, 3), "dup(3) = 4", "dup");
	is_str(dec(9, SYS_dup2, 3, 9), "dup2(3, 9) = 9", "dup2");
	is_str(dec(9, SYS_dup3, 3, 9, O_CLOEXEC), "dup3(3, 9, O_CLOEXEC) = 9", "dup3");
	is_str(dec(-EINVAL, SYS_dup3, 3, 9, 1), "dup3(3, 9, 0x1 /* O_??? */) = -1 EINVAL (Invalid argument)",
	       "dup3 unknown flag");
	is_str(dec(1, SYS_fcntl, 3, F_GETFD), "fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)", "F_GETFD");
	is_str(dec(0, SYS_fcntl, 3, F_GETFD), "fcntl(3, F_GETFD) = 0", "F_GETFD 0");
	is_str(dec(0, SYS_fcntl, 3, F_SETFD, FD_CLOEXEC), "fcntl(3, F_SETFD, FD_CLOEXEC) = 0", "F_SETFD");
	is_str(dec(0x8002, SYS_fcntl, 3, F_GETFL), "fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)", "F_GETFL");
	is_str(dec(0, SYS_fcntl, 3, F_GETFL), "fcntl(3, F_GETFL) = 0 (flags O_RDONLY)", "F_GETFL O_RDONLY");
	is_str(dec(0, SYS_fcntl, 3, F_SETFL, O_RDWR | O_NONBLOCK), "fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0", "F_SETFL");
	is_str(dec(10, SYS_fcntl, 3, F_DUPFD, 10), "fcntl(3, F_DUPFD, 10) = 10", "F_DUPFD");
	is_str(dec(0, SYS_fcntl, 3, F_SETLKW, &fl),
	       "fcntl(3, F_SETLKW, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}) = 0", "F_SETLKW");
	is_str(dec(0, SYS_fcntl, 3, F_GETLK, &fl),
	       "fcntl(3, F_GETLK, {l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0} => "
	       "{l_type=F_WRLCK, l_whence=SEEK_SET, l_start=0, l_len=10, l_pid=0}) = 0", "F_GETLK before => after");
	is_str(dec(0, SYS_fcntl, 3, F_SETSIG, SIGIO), "fcntl(3, F_SETSIG, SIGIO) = 0", "F_SETSIG");
	is_str(dec(SIGIO, SYS_fcntl, 3, F_GETSIG), "fcntl(3, F_GETSIG) = 29 (SIGIO)", "F_GETSIG");
	is_str(dec(0, SYS_fcntl, 3, F_ADD_SEALS, F_SEAL_SEAL | F_SEAL_WRITE),
	       "fcntl(3, F_ADD_SEALS, F_SEAL_SEAL|F_SEAL_WRITE) = 0", "F_ADD_SEALS");
	is_str(dec(-EINVAL, SYS_fcntl, 3, 9999, 0x10),
	       "fcntl(3, 0x270f /* F_??? */, 0x10) = -1 EINVAL (Invalid argument)", "unknown command");
	is_str(dec(0, SYS_pipe2, fds, O_CLOEXEC | O_NONBLOCK), "pipe2([5, 6], O_NONBLOCK|O_CLOEXEC) = 0", "pipe2");
	is_str(dec(0, SYS_pipe, fds), "pipe([5, 6]) = 0", "pipe");
	is_str(dec(-EMFILE, SYS_pipe, fds), fmt("pipe(%p) = -1 EMFILE (Too many open files)", (void *)fds),
	       "pipe failing");
	is_str(dec(0, SYS_flock, 3, LOCK_EX | LOCK_NB), "flock(3, LOCK_EX|LOCK_NB) = 0", "flock");
}

static void test_misc(void)
{
	struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[5]; }
		ents[3] = { { 1, 1, 24, 4, "." }, { 2, 2, 24, 4, ".." }, { 3, 3, 24, 8, "f" } };
	struct termios t;
	int n = 7;
	char value[] = "v\0al";

	is_str(dec(72, SYS_getdents64, 3, ents, 4096), fmt("getdents64(3, %p /* 3 entries */, 4096) = 72", (void *)ents),
	       "getdents64 counts entries");
	is_str(dec(0, SYS_getdents64, 3, ents, 4096), fmt("getdents64(3, %p /* 0 entries */, 4096) = 0", (void *)ents),
	       "getdents64 at the end");
	is_str(dec(-EBADF, SYS_getdents64, 9, ents, 4096),
	       fmt("getdents64(9, %p, 4096) = -1 EBADF (Bad file descriptor)", (void *)ents), "getdents64 failing");
	is_str(dec(4, SYS_getxattr, "/f", "user.x", value, 64), "getxattr(\"/f\", \"user.x\", \"v\\0al\", 64) = 4", "getxattr");
	is_str(dec(-ENODATA, SYS_lgetxattr, "/f", "user.y", value, 64),
	       fmt("lgetxattr(\"/f\", \"user.y\", %p, 64) = -1 ENODATA (No data available)", (void *)value),
	       "lgetxattr failing");
	is_str(dec(0, SYS_fsetxattr, 3, "user.x", "1", 1, XATTR_CREATE),
	       "fsetxattr(3, \"user.x\", \"1\", 1, XATTR_CREATE) = 0", "fsetxattr");
	is_str(dec(0, SYS_removexattr, "/f", "user.x"), "removexattr(\"/f\", \"user.x\") = 0", "removexattr");
	is_str(dec(4, SYS_flistxattr, 3, value, 0), fmt("flistxattr(3, %p, 0) = 4", (void *)value),
	       "flistxattr size 0: address");

	memset(&t, 0, sizeof(t));
	t.c_iflag = ICRNL | IXON;
	t.c_oflag = OPOST | ONLCR;
	t.c_cflag = B38400 | CS8 | CREAD;
	t.c_lflag = ISIG | ICANON | ECHO;
	is_str(dec(0, SYS_ioctl, 0, TCGETS, &t),
	       "ioctl(0, TCGETS, {c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "
	       "c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO, ...}) = 0", "TCGETS");
	is_str(dec(-ENOTTY, SYS_ioctl, 3, TCGETS, &t),
	       fmt("ioctl(3, TCGETS, %p) = -1 ENOTTY (Inappropriate ioctl for device)", (void *)&t), "TCGETS on a non-tty");
	is_str(dec(0, SYS_ioctl, 3, FIONREAD, &n), "ioctl(3, FIONREAD, [7]) = 0", "FIONREAD");
	is_str(dec(0, SYS_ioctl, 3, FIONBIO, &n), "ioctl(3, FIONBIO, [7]) = 0", "FIONBIO");
	is_str(dec(0, SYS_ioctl, 3, FIOCLEX), "ioctl(3, FIOCLEX) = 0", "FIOCLEX");
	is_str(dec(-ENOTTY, SYS_ioctl, 3, _IOC(_IOC_READ | _IOC_WRITE, 0x12, 0x34, 8), 0x1000),
	       "ioctl(3, _IOC(_IOC_READ|_IOC_WRITE, 0x12, 0x34, 0x8), 0x1000) = -1 ENOTTY (Inappropriate ioctl for device)",
	       "unknown request as _IOC()");
	is_str(dec(-ENOTTY, SYS_ioctl, 3, _IOC(_IOC_NONE, 0x99, 0, 0), 0),
	       "ioctl(3, _IOC(_IOC_NONE, 0x99, 0, 0), 0) = -1 ENOTTY (Inappropriate ioctl for device)", "_IOC_NONE");
}

int main(void)
{
	test_open_family();
	test_names();
	test_stat();
	test_io();
	test_desc();
	test_misc();
	strbuf_release(&harness_line);
	done_testing();
	return exit_status();
}
