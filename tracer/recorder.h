/*
 * recorder: trace.db (and --text) written by a thread of its own
 * (internal to tracer/).
 *
 * The engine pushes struct trace_event / struct trace_task records into
 * recorder_ring(); the writer thread drains them into SQLite with one
 * prepared statement inside long transactions.  A transaction is committed
 * at the latest RECORDER_COMMIT_MS after its first record (or after
 * RECORDER_COMMIT_ROWS records), so after a crash of the tracer the
 * database holds every event up to the last commit, at most that long
 * before the crash.  The writer thread blocks every signal.
 */
#ifndef SYSATLAS_TRACER_RECORDER_H
#define SYSATLAS_TRACER_RECORDER_H

#include <stdint.h>
#include <stdio.h>

#include "ring.h"
#include "trace.h"

#define RECORDER_COMMIT_MS 50
#define RECORDER_COMMIT_ROWS 65536
/* The writer's sleep when the rings are empty (cut short at the end). */
#define RECORDER_IDLE_NS ((int64_t)10 * 1000 * 1000)
#define RECORDER_RING_SIZE (8u << 20)
#define RECORDER_SAMPLE_RING_SIZE (1u << 20)

struct recorder;

/*
 * Create the database in a temporary file beside o->db_out (checked by the
 * caller), write the run row (argv and options as JSON arrays) and open
 * the --text output (o->text_out, or stderr).  Returns 0, or -1 after
 * error() with *out NULL and no file left behind that this call created.
 * The caller puts the outputs in place (outfile_commit()) once
 * recorder_finish() succeeded.
 */
int recorder_open(struct recorder **out, const struct trace_options *o,
		  char **argv, int argc_opts);

/* Start the writer thread. 0 or -1 after error(). */
int recorder_start(struct recorder *r);

/* The ring the engine fills. */
struct ring *recorder_ring(struct recorder *r);

/* The ring the kernel-stack sampler fills (a producer of its own). */
struct ring *recorder_sample_ring(struct recorder *r);

/*
 * Drain the ring, stop the writer thread, record the end of the run (with
 * the command's wait status when has_status) and close everything.
 * Returns 0, or what failed to be written (reported): RECORDER_DB_FAILED,
 * RECORDER_TEXT_FAILED or both.  Frees r.
 */
/*
 * The launched command's wait status after the tracer let it go on an
 * interrupt and waited for it (--wait-on-interrupt): run.detached_status.
 * Call before recorder_finish().
 */
void recorder_set_detached_status(struct recorder *r, int status);

/*
 * How tracing started (run.start: "launch" or "attach") and the options
 * PTRACE_SEIZE was given (run.seize_options).  Call before
 * recorder_start(), while the writer thread does not own the database.
 * 0, or -1 after error().
 */
int recorder_set_start(struct recorder *r, const char *how, unsigned seize_options);

#define RECORDER_DB_FAILED	1
#define RECORDER_TEXT_FAILED	2
int recorder_finish(struct recorder *r, int has_status, int status);

#endif
