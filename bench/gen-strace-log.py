#!/usr/bin/env python3
"""gen-strace-log.py BYTES OUT: write a strace -f -tt -T log of about BYTES
bytes for `sysatlas import` benchmarks: a parent that clones 7 children,
then the 8 tasks in turn calling openat, read (interleaved with another
task's getpid, as unfinished/resumed), close and write, 3 us a line;
every task exits at the end.  Written by this project, for measuring
only (docs/benchmarks.md)."""
import sys


def main():
    want, out = int(sys.argv[1]), sys.argv[2]
    pids = [1000 + k for k in range(8)]
    t = [9 * 3600 * 10**6]

    def ts():
        t[0] += 3
        s = t[0] // 10**6
        return '%02d:%02d:%02d.%06d' % (s // 3600 % 24, s // 60 % 60, s % 60, t[0] % 10**6)

    with open(out, 'w', buffering=1 << 20) as f:
        f.write('1000  %s execve("/usr/bin/app", ["app"], 0x7ffd2c4a1b30 /* 3 vars */) = 0 <0.000100>\n'
                % ts())
        for p in pids[1:]:
            f.write('1000  %s clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|'
                    'SIGCHLD, child_tidptr=0x7f3a) = %d <0.000020>\n' % (ts(), p))
        size, i = 0, 0
        while size < want:
            p, q = pids[i % 8], pids[(i + 1) % 8]
            chunk = (
                '%d  %s openat(AT_FDCWD, "/usr/share/data/file-%d.txt", O_RDONLY|O_CLOEXEC) = 3 <0.000012>\n'
                % (p, ts(), i) +
                '%d  %s read(3,  <unfinished ...>\n' % (p, ts()) +
                '%d  %s getpid() = %d <0.000001>\n' % (q, ts(), q) +
                '%d  %s <... read resumed>"0123456789abcdef0123456789abcdef"..., 4096) = 4096 <0.000030>\n'
                % (p, ts()) +
                '%d  %s close(3) = 0 <0.000004>\n' % (p, ts()) +
                '%d  %s write(1, "line %d\\n", 10) = 10 <0.000008>\n' % (p, ts(), i))
            f.write(chunk)
            size += len(chunk)
            i += 1
        for p in pids[1:] + pids[:1]:
            f.write('%d  %s exit_group(0) = ?\n%d  %s +++ exited with 0 +++\n' % (p, ts(), p, ts()))


if __name__ == '__main__':
    main()
