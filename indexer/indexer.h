/*
 * indexer: reads Linux and strace source trees into index.db (public header).
 */
#ifndef SYSATLAS_INDEXER_H
#define SYSATLAS_INDEXER_H

/* `sysatlas index`: returns the exit status for main(). */
int cmd_index(int argc, char **argv);

struct cli_spec;
/* Its options (cli.h), for getopt and the shell completion. */
extern const struct cli_spec cmd_index_spec;

#endif
