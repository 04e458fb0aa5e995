/* golden: memory — mmap flags and protections, known and unknown bits. */
#include <sys/mman.h>

#include "golden.h"

int main(void)
{
	void *p;

	golden_bad_addr();
	GOLDEN_BEGIN();
	p = (void *)syscall(SYS_mmap, NULL, 8192, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	syscall(SYS_mprotect, p, 4096, PROT_READ);
	syscall(SYS_mprotect, p, 4096, PROT_NONE);
	syscall(SYS_mprotect, p, 4096, PROT_READ | 0x100);
	syscall(SYS_madvise, p, 8192, MADV_DONTNEED);
	syscall(SYS_madvise, p, 8192, 999);
	syscall(SYS_munmap, p, 8192);
	syscall(SYS_mmap, NULL, 4096, PROT_READ, MAP_SHARED, -1, 0);
	syscall(SYS_mmap, NULL, 0, PROT_READ, 0xf, -1, 0);
	syscall(SYS_mmap, NULL, 4096, PROT_READ | PROT_EXEC | PROT_GROWSDOWN,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE, -1, 0);
	/* below mmap_min_addr: never mapped */
	syscall(SYS_mremap, 0x1000, 4096, 8192, MREMAP_MAYMOVE);
	syscall(SYS_msync, 0x1000, 4096, MS_SYNC | MS_INVALIDATE);
	syscall(SYS_munmap, golden_bad_addr(), 4096);
	syscall(SYS_mlockall, MCL_CURRENT | 0x80);
	GOLDEN_END();
	return 0;
}
