/*
 * The running kernel on the doc's syscall pages (with --trace): the stack
 * the trace recorded at the syscall's enter and exit stops, aligned with
 * the index's paths, and where its calls waited, merged into one tree.
 */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "doc-site.h"
#include "html.h"

int doc_observed_load(sqlite3 *trace, struct doc_observed *d)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *rel;
	char *release = NULL;
	int step, i, rc = -1;

	memset(d, 0, sizeof(*d));
	if (!trace)
		return 0;
	if (db_prepare(trace, &st, "SELECT kernel_release FROM run ORDER BY id LIMIT 1") < 0)
		return -1;
	step = db_step(st);
	if (step == SQLITE_ROW && (rel = sqlite3_column_text(st, 0)))
		release = xstrdup((const char *)rel);
	db_finalize(st);
	st = NULL;
	if (step < 0 || obs_load(trace, release, 0, &d->obs) < 0)
		goto cleanup;
	d->running = release;
	release = NULL;
	d->sample_nr = xcalloc((size_t)d->obs.nsamples + 1, sizeof(*d->sample_nr));
	for (i = 0; i < d->obs.nsamples; i++)
		d->sample_nr[i] = -1;
	if (!d->obs.nsamples) {
		rc = 0;
		goto cleanup;
	}
	/* the native syscall of each sampled call */
	if (db_prepare(trace, &st, "SELECT seq, nr FROM event WHERE kind = 'enter' AND abi IS NULL "
		       "AND seq IN (SELECT call_seq FROM kstack_sample) ORDER BY seq") < 0)
		goto cleanup;
	while ((step = db_step(st)) == SQLITE_ROW) {
		int first, n = obs_samples_of(&d->obs, sqlite3_column_int64(st, 0), &first);

		for (i = first; i < first + n; i++)
			d->sample_nr[i] = sqlite3_column_int64(st, 1);
	}
	if (step < 0)
		goto cleanup;
	rc = 0;
cleanup:
	db_finalize(st);
	free(release);
	if (rc < 0)
		doc_observed_release(d);
	return rc;
}

void doc_observed_release(struct doc_observed *d)
{
	obs_release(&d->obs);
	free(d->sample_nr);
	free(d->running);
	memset(d, 0, sizeof(*d));
}

int doc_observed_part(struct strbuf *out, struct doc_observed *d, const struct doc_site *site,
		      struct ix *ix, int64_t nr)
{
	static const char *const stops[] = { "syscall-enter", "syscall-exit" };
	struct obs_view v = { &d->obs, ix, site->links, NULL };
	struct obs_ktree root = { 0 };
	struct strbuf running = STRBUF_INIT;
	size_t k;
	int i, rc = 0, any = 0;

	strbuf_addf(&running, "Linux %s", d->running ? d->running : "?");
	strbuf_addstr(out, "<section class=\"observed\">\n<h2>The running kernel</h2>\n");
	if (!d->obs.nstops && !d->obs.nsamples) {
		strbuf_addstr(out, "<p class=\"muted\">");
		html_text(out, d->obs.note ? d->obs.note : !d->obs.have ?
			  "The trace was recorded before kernel stacks." :
			  "The trace has no kernel stack.");
		strbuf_addstr(out, "</p>\n</section>\n");
		strbuf_release(&running);
		return 0;
	}
	for (k = 0; k < sizeof(stops) / sizeof(stops[0]) && rc == 0; k++) {
		int si = obs_stop_stack(&d->obs, stops[k], "", nr);
		struct ix_path p = { 0 };

		if (si < 0)
			continue;
		any = 1;
		strbuf_addf(out, "<h3>At the %s stop, on ", stops[k]);
		html_text(out, running.buf);
		strbuf_addstr(out, "</h3>\n");
		if (ix_path_load(ix, ix->kernel.id, stops[k], &p) < 0) {
			rc = -1;
			break;
		}
		rc = obs_align_html(&v, &p, &d->obs.stacks[si], running.buf, out);
		ix_path_release(&p);
	}
	for (i = 0; i < d->obs.nsamples; i++)
		if (d->sample_nr[i] == nr)
			obs_ktree_add(&root, &d->obs.stacks[d->obs.samples[i].stack], 1);
	if (rc == 0 && root.count) {
		any = 1;
		strbuf_addf(out, "<h3>Where its calls waited: %llu samples</h3>\n",
			    (unsigned long long)root.count);
		rc = obs_ktree_html(&v, &root, out);
	}
	if (!any)
		strbuf_addstr(out, "<p class=\"muted\">The trace recorded no stack of it.</p>\n");
	strbuf_addstr(out, "</section>\n");
	obs_ktree_free(&root);
	strbuf_release(&running);
	return rc;
}
