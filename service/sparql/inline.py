"""Cheap queries in the HTTP process (issue 13): on the event loop when bounded by their answer,
else in threads.

A query :mod:`cheap` calls provably cheap (every triple pattern anchored on a constant, no paths,
OPTIONAL, UNION, VALUES, subqueries, aggregates, ordering, SERVICE) skips the hop to a worker
process, which cost more CPU than the lookup itself (benchmarks/results/profile-sparql.md). It runs
with :func:`execute.run_bounded` in one of ``settings.sparql_inline_threads`` threads of the HTTP
process, against the served store itself.

Such a query cannot be killed, so three bounds hold besides the static test:

- the answer is written by pyoxigraph into at most :data:`BUDGET` bytes; a bigger answer (or a
  format pyoxigraph does not write) is abandoned and the query runs again in a worker, with the
  full row cap and the kill deadline;
- a run that used more than :data:`MAX_CPU_S` of CPU in its thread, or went over the budget,
  demotes its query shape: that shape always takes the worker path from then on;
- at most ``sparql_inline_threads`` such queries run at once (the others wait for a thread, as
  admitted by ``admission.py``).

A query whose work is bounded by the answer it writes (``Decision.loop``: no FILTER, no OFFSET,
BINDs of constants only, see ``cheap.py``) runs on the event loop itself (:meth:`Inline.run_here`),
the GET fast path's case: a lookup. Handing a query to a thread and back cost more CPU than the
query (benchmarks/results/profile-sparql.md: ~0.65 ms of CPU per lookup on the loop against
~1.3 ms through a thread). On the loop the budget is :data:`LOOP_BUDGET` bytes, so the loop is
held for at most the time pyoxigraph needs to read and write that much: the worst answer for the
budget, 32 KiB of one-byte TSV rows read from 200,000 triples, took 12-13 ms here. A bigger answer
is abandoned, its shape leaves the loop for good and the query runs in a thread (and from there, if
bigger still, in a worker); the client that sent it may not use the loop for
``admission.PENALTY_S`` seconds. New shapes are learned one at a time, so one client can hold the
loop that long about once a minute. Three runs in a row over :data:`LOOP_MAX_CPU_S` also send a
shape to the threads; one is not enough (measured: on a cold national store some lookups took over
5 ms while the store was read from disk, and a one-strike rule sent every later lookup to the
threads, doubling their CPU). On the loop a run is timed by the wall clock, not the thread's CPU
clock: nothing else runs on the loop meanwhile, and reading a thread's CPU time is a system call, 2%
of a reader's CPU in situ (benchmarks/results/profile-sparql.md, run J); a run the scheduler
interrupted counts as slow, which is why one slow run is never enough. In a thread, where other
threads share the core, the CPU clock is kept.

pyoxigraph releases the GIL while it evaluates (measured: a 80 s cross product in one thread left
the event loop ticking every ~2 ms; docs/sparql-endpoint.md), so an in-process query does not
stop the event loop; the bounds above keep it from holding a thread for long.
"""

from __future__ import annotations

import time
from dataclasses import replace

import anyio

from .cheap import Classifier, Decision
from .execute import QueryJob, QueryOutcome, run_bounded
from .fold import apply

BUDGET = 1 << 20  # bytes an in-process answer may have
MAX_CPU_S = 0.05  # CPU seconds of one in-process run past which its shape is demoted
LOOP_BUDGET = 32 << 10  # bytes an answer written on the event loop may have (worst answer measured: 12-13 ms)
LOOP_MAX_CPU_S = 0.02  # CPU seconds of a slow run on the loop (the worst answer within the budget: 12-13 ms)


def _timed(store, job: QueryJob, budget: int, d: Decision, clock=time.thread_time) -> tuple[QueryOutcome | None, float]:
    start = clock()
    if d.fold is not None:  # constant BINDs folded into the pattern (fold.py): same answer, less work
        job = replace(job, sparql=apply(job.sparql, d.fold))
    out = run_bounded(store, job, budget)
    return out, clock() - start


class Inline:
    """The in-process path of one app (kept by ``admission.Admission``; event-loop only)."""

    def __init__(self, threads: int) -> None:
        self.classifier = Classifier()
        self.limiter = anyio.CapacityLimiter(max(1, threads))
        self.runs = 0  # answered in-process (in a thread or on the loop)
        self.loop_runs = 0  # of which on the event loop
        self.spilled = 0  # abandoned for the worker path (over the budget)
        self.demoted = 0  # shapes demoted

    def decision(self, sparql: str) -> Decision | None:
        return self.classifier.lookup(sparql)

    async def run(self, store, job: QueryJob, d: Decision) -> QueryOutcome | None:
        """Run ``job`` here; ``None`` when it must run in a worker after all."""
        budget = BUDGET if job.max_rows is None else min(BUDGET, max(1, job.max_rows) * 512)
        out, cpu = await anyio.to_thread.run_sync(_timed, store, job, budget, d, limiter=self.limiter)
        if out is None or cpu > MAX_CPU_S:
            self.classifier.demote(job.sparql, d)
            self.demoted += 1
        if out is None:
            self.spilled += 1
            return None
        self.runs += 1
        return out

    def run_here(self, store, job: QueryJob, d: Decision) -> tuple[QueryOutcome | None, bool]:
        """Run ``job`` on the calling thread (the event loop) when ``d.loop``, within :data:`LOOP_BUDGET`:
        ``(answer, outgrew)``. The answer is ``None`` when the query must run elsewhere; ``outgrew`` when
        its answer was over the budget (its shape then leaves the loop, and the caller bars its
        client from the loop for a while: ``admission.Admission.bar_loop``). A run over
        :data:`LOOP_MAX_CPU_S` is a strike against its shape (``cheap.Classifier.strike``)."""
        if not d.loop:
            return None, False
        budget = LOOP_BUDGET if job.max_rows is None else min(LOOP_BUDGET, max(1, job.max_rows) * 512)
        out, cpu = _timed(store, job, budget, d, time.perf_counter)  # the loop's own time (module doc)
        if out is None:  # over the budget: this shape's answers can be too big for the loop
            self.classifier.off_loop(job.sparql, d)
            return None, True
        slow = cpu > LOOP_MAX_CPU_S
        if slow or self.classifier.struck(d):  # slow runs in a row are counted (cheap.Classifier.strike)
            self.classifier.strike(job.sparql, d, slow)
        self.runs += 1
        self.loop_runs += 1
        return out, False

    def close(self) -> None:
        self.classifier.close()
