/*
 * signame: Linux signal numbers as strace names them (SIGSEGV, SIGRTMIN,
 * SIGRT_3), for what the report prints from a trace's wait statuses.
 */
#ifndef SYSATLAS_COMMON_SIGNAME_H
#define SYSATLAS_COMMON_SIGNAME_H

#include <stddef.h>
#include <stdint.h>

/*
 * The name of Linux signal sig (x86 numbering): "SIGSEGV", "SIGRTMIN",
 * "SIGRT_3", or "SIG99" for a number outside 1..64 (the trace is
 * untrusted).  Returns a static string or buf (size bytes, at least 24).
 */
const char *signame(int64_t sig, char *buf, size_t size);

#endif
