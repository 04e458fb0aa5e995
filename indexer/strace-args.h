/*
 * strace-args: which of strace's printing functions each decoder passes
 * each of its arguments to, from the PARSE_ARGS records of the decoder
 * files (parse.h).  Private to indexer/.
 */
#ifndef SYSATLAS_INDEXER_STRACE_ARGS_H
#define SYSATLAS_INDEXER_STRACE_ARGS_H

#include "ix.h"

struct parse_job;

/*
 * Fill t's decoder_arg rows from the jobs parsed in PARSE_ARGS mode:
 * for each decoder (a strace_decoder symbol of t), the calls its body
 * makes with tcp->u_arg[N] as an argument, following the helpers of the
 * decoder's own file two calls deep (SYS_FUNC(openat) -> decode_open(tcp,
 * 1) -> printpath(tcp, tcp->u_arg[offset])).  Adds the call edges of
 * those helpers, and of each printer's shortest way (4 calls at most) to
 * strace's memory readers (umovestr, umoven), with their function
 * symbols.  Returns the number of rows added.
 */
int strace_args_resolve(struct ix_tree *t, const struct parse_job *jobs, int njobs);

#endif
