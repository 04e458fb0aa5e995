/* Unit tests for common/progress.c: both output styles, NO_COLOR, silence. */
#include <stdlib.h>

#include "progress.h"
#include "tap.h"

static char *run(int tty, uint64_t total, uint64_t steps, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	struct progress *p = progress_start_to(f, tty, "Indexing", total);
	uint64_t i;

	for (i = 1; i <= steps; i++)
		progress_update(p, i);
	progress_stop(&p);
	ok(p == NULL, "stop clears the pointer");
	fclose(f);
	return buf;
}

static int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

int main(void)
{
	char dur[16];
	size_t len;
	char *out;

	unsetenv("SYSATLAS_PROGRESS");
	unsetenv("NO_COLOR");

	progress_format_duration(5, dur, sizeof(dur));
	is_str(dur, "5s", "seconds");
	progress_format_duration(187, dur, sizeof(dur));
	is_str(dur, "3m07s", "minutes");
	progress_format_duration(3725, dur, sizeof(dur));
	is_str(dur, "1h02m", "hours");

	out = run(0, 100, 100, &len);
	is_int(count_lines(out), 10, "non-TTY: 9 decile lines and a final line");
	ok(strstr(out, " 10% (10/100)") != NULL, "non-TTY: shows count and percent");
	ok(strstr(out, "100% (100/100)") && strstr(out, "done in"), "non-TTY: final line");
	ok(!strchr(out, '\r') && !strchr(out, '\033'), "non-TTY: no carriage returns or escapes");
	free(out);

	out = run(1, 10, 10, &len);
	ok(strstr(out, "\r\033[K") != NULL, "TTY: redraws in place");
	ok(strstr(out, "[########################]") != NULL, "TTY: full bar at the end");
	ok(strstr(out, "\033[32m") != NULL, "TTY: coloured by default");
	ok(strstr(out, "/s") != NULL, "TTY: shows a rate");
	free(out);

	setenv("NO_COLOR", "1", 1);
	out = run(1, 10, 10, &len);
	ok(strstr(out, "\033[32m") == NULL, "NO_COLOR: no colour");
	ok(strstr(out, "[") != NULL, "NO_COLOR: still a bar");
	free(out);
	unsetenv("NO_COLOR");

	out = run(0, 0, 3, &len);
	ok(strstr(out, "Indexing: 3, ") != NULL, "unknown total: plain count");
	free(out);

	setenv("SYSATLAS_PROGRESS", "0", 1);
	out = run(1, 10, 10, &len);
	is_int(len, 0, "SYSATLAS_PROGRESS=0 silences");
	free(out);

	done_testing();
	return exit_status();
}
