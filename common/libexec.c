#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "error.h"
#include "libexec.h"

static int exe_dir(struct strbuf *out)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return -1;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return -1;
	strbuf_add(out, buf, (size_t)(slash - buf));
	return 0;
}

int libexec_find(const char *name, struct strbuf *out)
{
	struct strbuf dirs = STRBUF_INIT, relocated = STRBUF_INIT, build = STRBUF_INIT;
	const char *candidates[4];
	size_t n = 0, i;
	int rc = -1;

	candidates[n++] = getenv("SYSATLAS_EXEC_PATH");
	if (exe_dir(&build) == 0) {
		strbuf_addf(&relocated, "%s/../libexec/sysatlas", build.buf);
		candidates[n++] = relocated.buf;
		candidates[n++] = build.buf;
	}
	candidates[n++] = SYSATLAS_LIBEXECDIR;

	for (i = 0; i < n; i++) {
		if (!candidates[i] || !*candidates[i])
			continue;
		strbuf_reset(out);
		strbuf_addf(out, "%s/%s", candidates[i], name);
		if (access(out->buf, X_OK) == 0) {
			rc = 0;
			goto cleanup;
		}
		strbuf_addf(&dirs, "%s%s", dirs.len ? ", " : "", candidates[i]);
	}
	strbuf_reset(out);
	rc = error("helper program %s not found (searched %s; set SYSATLAS_EXEC_PATH)",
		   name, dirs.buf);
cleanup:
	strbuf_release(&dirs);
	strbuf_release(&relocated);
	strbuf_release(&build);
	return rc;
}

int libexec_exec(const char *name, char **argv)
{
	struct strbuf path = STRBUF_INIT;

	if (libexec_find(name, &path) < 0)
		return -1;
	argv[0] = path.buf;
	fflush(NULL);
	execv(path.buf, argv);
	error_errno("cannot run %s", path.buf);
	strbuf_release(&path);
	return -1;
}
