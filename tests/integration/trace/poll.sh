#!/bin/sh
# --poll=auto does not spin while its tracee is blocked: prog-naps sleeps
# 1 ms 500 times, and the tracer, once it has seen nanosleep take longer
# than its poll window, sleeps in wait4 at once.  Polling a window before
# each of those sleeps would cost 500 x 200 us = 100 ms of CPU more than
# --poll=off; the check allows 40 ms (a run's CPU varies by about 20 ms
# here).  With "busy" it makes a getppid before each sleep, which the
# tracer polls for: neither that nor the thread that keeps a CPU awake
# meanwhile (tracer/warm.h) may turn into spinning through the sleeps
# (3 ms after each poll would be 500 x 1 ms, all of the sleeps).  This is
# CPU spent, not speed: the least of three runs of each mode, side by side.
. "$(dirname "$0")/lib.sh"
require_ptrace

python3 - "$SYSATLAS" "$PROGS/prog-naps" "$tmp" "$DBQ" <<'PY' || fail "polling while blocked"
import resource, subprocess, sys

sysatlas, naps, tmp, dbq = sys.argv[1:5]


def cpu(mode, extra):
    """CPU seconds of one trace (the tracer and its tracee)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    db = "%s/%s.db" % (tmp, mode)
    subprocess.run([sysatlas, "trace", "--poll=" + mode, "-o", db, "--force", "--",
                    naps, "500", "1000"] + extra, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    calls = subprocess.run([dbq, db, "SELECT count(*) FROM event WHERE kind = 'enter'"
                            " AND nr IN (35, 230)"], check=True, capture_output=True,
                           text=True).stdout.strip()
    if calls != "500":
        sys.exit("--poll=%s: %s nanosleep calls recorded, expected 500" % (mode, calls))
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


for extra_args in ([], ["busy"]):
    runs = {"off": [], "auto": []}
    for _ in range(3):
        for mode in ("off", "auto"):
            runs[mode].append(cpu(mode, extra_args))
    extra = min(runs["auto"]) - min(runs["off"])
    what = "prog-naps " + " ".join(["500", "1000"] + extra_args)
    print("%s: cpu off %s auto %s: auto spends %.1f ms more" % (
        what, ["%.3f" % x for x in runs["off"]], ["%.3f" % x for x in runs["auto"]],
        extra * 1e3))
    if extra > 0.040:
        sys.exit("%s: --poll=auto spent %.1f ms more CPU than --poll=off on a blocked tracee"
                 % (what, extra * 1e3))
PY
