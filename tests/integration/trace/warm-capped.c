/*
 * warm-capped: exit 0 if this process's CPU time is capped by a cgroup,
 * as the tracer sees it (warm_cpu_capped(), which decides whether it
 * starts its spinner), 1 if not.  For trace/warm.sh.
 */
#include "warm.h"

int main(void)
{
	return warm_cpu_capped("/proc/self/cgroup", "/sys/fs/cgroup") ? 0 : 1;
}
