"""Cheap queries in the HTTP process (issue 13), in threads, never on the event loop.

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

pyoxigraph releases the GIL while it evaluates (measured: a 80 s cross product in one thread left
the event loop ticking every ~2 ms; docs/sparql-endpoint.md), so an in-process query does not
stop the event loop; the bounds above keep it from holding a thread for long.
"""

from __future__ import annotations

import time

import anyio

from .cheap import Classifier, Decision
from .execute import QueryJob, QueryOutcome, run_bounded

BUDGET = 1 << 20  # bytes an in-process answer may have
MAX_CPU_S = 0.05  # CPU seconds of one in-process run past which its shape is demoted


def _timed(store, job: QueryJob, budget: int, count_rows: bool) -> tuple[QueryOutcome | None, float]:
    start = time.thread_time()
    out = run_bounded(store, job, budget, count_rows)
    return out, time.thread_time() - start


class Inline:
    """The in-process path of one app (kept by ``admission.Admission``; event-loop only)."""

    def __init__(self, threads: int) -> None:
        self.classifier = Classifier()
        self.limiter = anyio.CapacityLimiter(max(1, threads))
        self.runs = 0  # answered in-process
        self.spilled = 0  # abandoned for the worker path (over the budget)
        self.demoted = 0  # shapes demoted

    def decision(self, sparql: str) -> Decision | None:
        return self.classifier.lookup(sparql)

    async def run(self, store, job: QueryJob, d: Decision) -> QueryOutcome | None:
        """Run ``job`` here; ``None`` when it must run in a worker after all."""
        count_rows = not (d.limit is not None and job.max_rows is not None and d.limit <= job.max_rows)
        budget = BUDGET if job.max_rows is None else min(BUDGET, max(1, job.max_rows) * 512)
        out, cpu = await anyio.to_thread.run_sync(_timed, store, job, budget, count_rows, limiter=self.limiter)
        if out is None or cpu > MAX_CPU_S:
            self.classifier.demote(job.sparql)
            self.demoted += 1
        if out is None:
            self.spilled += 1
            return None
        self.runs += 1
        return out

    def close(self) -> None:
        self.classifier.close()
