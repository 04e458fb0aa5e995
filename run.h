/*
 * `sysatlas run`: trace + report with the built-in index.
 */
#ifndef SYSATLAS_RUN_H
#define SYSATLAS_RUN_H

int cmd_run(int argc, char **argv);

#endif
