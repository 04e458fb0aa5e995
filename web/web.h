/*
 * web: static reports, reference pages and graphs (public header).
 */
#ifndef SYSATLAS_WEB_H
#define SYSATLAS_WEB_H

/* `sysatlas report`, `sysatlas doc`, `sysatlas path`: exit status. */
int cmd_report(int argc, char **argv);
int cmd_doc(int argc, char **argv);
int cmd_path(int argc, char **argv);

#endif
