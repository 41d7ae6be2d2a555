"""Admission of SPARQL queries: nobody starves the others.

- **Per-client limits**: one client (its address) may have ``sparql_client_concurrency`` queries
  admitted per lane at once; the next one gets 503 with ``Retry-After`` straight away.
- **Bounded queue**: at most ``sparql_queue_max`` queries per lane wait for a worker; more get 503 with
  ``Retry-After``. A query waits at most ``sparql_queue_wait_s`` for a worker (503 after that).
- **A lane kept for short queries**: ``sparql_short_lane`` worker processes serve only queries that
  look short (no aggregate, grouping, ordering, DISTINCT, MINUS or SERVICE; LIMIT, if any, at
  most ``sparql_short_limit``). A query in that lane runs with ``sparql_short_timeout_s``; if it
  runs past that it is moved to the general lane (with the full limit) and its client is sent to
  the general lane for ``PENALTY_S`` seconds. The classification is scheduling, not security: a
  wrong guess costs at most one short time limit.
- **Provably cheap queries in the HTTP process**: with worker processes, a query ``cheap.py``
  proves cheap (every pattern anchored on a constant, ...) runs in one of
  ``sparql_inline_threads`` threads of the HTTP process (``inline.py``), admitted in its own
  ``"inline"`` lane with the same per-client and queue limits; a client under the short-lane
  penalty, an unknown query shape and anything not proved cheap take the workers as before. Such a
  query bounded by its own answer runs on the event loop itself; a client whose query outgrew the
  loop is barred from it (threads and workers only) for ``PENALTY_S`` seconds.
- **Deadlines start when work starts**: time spent queued never counts against a query's limit.
- Waiting queries wait in threads of their own capacity limiter, so ``/health`` and the pages never
  queue behind them.

Memory and remote stores (no worker processes) get the same per-client, queue and wait limits
around a thread per query.

>>> from spbe_kg.settings import Settings
>>> lane_of("SELECT ?o WHERE { <http://e/a> ?p ?o } LIMIT 3", Settings())
'short'
>>> lane_of("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", Settings())
'general'
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import replace

import anyio

from ..store.sparql_text import keywords
from .cheap import Decision
from .execute import QueryJob, QueryOutcome, run_query
from .hop import run_async
from .inline import Inline
from .workers import Busy

PENALTY_S = 60.0
HEAVY = {"COUNT", "SUM", "AVG", "MIN", "MAX", "GROUP_CONCAT", "SAMPLE", "GROUP", "ORDER", "DISTINCT",
         "REDUCED", "HAVING", "MINUS", "SERVICE", "DESCRIBE"}
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)", re.I)

__all__ = ["Admission", "Busy", "lane_of", "admission"]


def lane_of(sparql: str, settings) -> str:
    """``"short"`` or ``"general"`` for a query text (a scheduling guess, see the module doc)."""
    if settings.sparql_short_lane <= 0 or HEAVY & keywords(sparql):
        return "general"
    limits = [int(n) for n in _LIMIT.findall(sparql)]
    if limits and max(limits) > settings.sparql_short_limit:
        return "general"
    return "short"


class _Admitted:
    """An admitted query, counted until its ``with`` block ends (:meth:`Admission.admit`)."""

    __slots__ = ("adm", "key", "lane")

    def __init__(self, adm: Admission, key: tuple[str, str], lane: str) -> None:
        self.adm, self.key, self.lane = adm, key, lane

    def __enter__(self) -> _Admitted:
        return self

    def __exit__(self, *exc) -> None:
        per_client = self.adm.per_client
        per_client[self.key] -= 1
        if not per_client[self.key]:
            del per_client[self.key]
        self.adm.inflight[self.lane] -= 1


class Admission:
    """The per-app admission state (lives on ``app.state.admission``; event-loop only)."""

    def __init__(self, settings) -> None:
        self.settings = settings
        self.per_client: Counter = Counter()
        self.inflight: Counter = Counter()  # per lane
        self.penalty: dict[str, float] = {}
        self.loop_barred: dict[str, float] = {}  # clients whose query outgrew the event loop, until when
        self.rejected = 0
        q = max(0, settings.sparql_queue_max)
        threads = max(0, settings.sparql_inline_threads)
        self.capacity = {"general": max(1, settings.query_workers) + q, "short": max(0, settings.sparql_short_lane) + q,
                         "inline": threads + q}
        self.inline = Inline(threads) if threads else None
        self._threads: anyio.CapacityLimiter | None = None
        self._store_slots: anyio.CapacityLimiter | None = None

    def threads(self) -> anyio.CapacityLimiter:
        if self._threads is None:
            self._threads = anyio.CapacityLimiter(sum(self.capacity.values()) + 2)
        return self._threads

    def store_slots(self) -> anyio.CapacityLimiter:
        """Memory/remote stores: queries running at once (the worker count, lanes included)."""
        if self._store_slots is None:
            s = self.settings
            self._store_slots = anyio.CapacityLimiter(max(1, s.query_workers) + max(0, s.sparql_short_lane))
        return self._store_slots

    def lane(self, client: str, sparql: str) -> str:
        until = self.penalty.get(client)
        if until is not None:
            if until > time.monotonic():
                return "general"
            del self.penalty[client]
        return lane_of(sparql, self.settings)

    def may_loop(self, client: str) -> bool:
        """May ``client``'s queries run on the event loop (``inline.py``)? Not while it is penalised
        or barred from the loop."""
        if client in self.penalty:
            return False
        until = self.loop_barred.get(client)
        if until is None:
            return True
        if until > time.monotonic():
            return False
        del self.loop_barred[client]
        return True

    def bar_loop(self, client: str) -> None:
        """``client``'s query outgrew the event loop: threads and workers only, for ``PENALTY_S``."""
        now = time.monotonic()
        if len(self.loop_barred) >= 4096:  # many addresses: forget the expired ones
            self.loop_barred = {c: t for c, t in self.loop_barred.items() if t > now}
        self.loop_barred[client] = now + PENALTY_S

    def admit(self, client: str, lane: str) -> _Admitted:
        """Count a query of ``client`` in ``lane`` for as long as the returned context is entered;
        :class:`Busy` when the client's or the lane's limit is reached. (A class, not a
        ``contextmanager`` generator: this is on every lookup's path, issue 13.)"""
        key = (client, lane)
        if self.per_client[key] >= self.settings.sparql_client_concurrency:
            self.rejected += 1
            raise Busy("client")
        if self.inflight[lane] >= self.capacity[lane]:
            self.rejected += 1
            raise Busy("queue")
        self.per_client[key] += 1
        self.inflight[lane] += 1
        return _Admitted(self, key, lane)

    def decision(self, sparql: str, pool) -> Decision | None:
        """What ``cheap.py`` knows of ``sparql``'s shape (None while it is unknown, or without an
        in-process path). Keyed on the shape, so it holds for the text with the endpoint's BASE too."""
        if pool is None or self.inline is None:
            return None
        return self.inline.decision(sparql)

    async def execute(self, client: str, job: QueryJob, pool, store, d: Decision | None = None) -> QueryOutcome:
        """Admit and run ``job`` for ``client``; raise :class:`Busy` when a limit is reached.
        ``d``: :meth:`decision` when the caller has it already (one tokenising less)."""
        s = self.settings
        if d is None:
            d = self.decision(job.sparql, pool)
        out = await self.run_inline(client, job, store, d)
        if out is not None:
            return out
        lane = self.lane(client, job.sparql)
        if lane == "short":
            short = replace(job, timeout_s=min(job.timeout_s or s.sparql_short_timeout_s, s.sparql_short_timeout_s))
            with self.admit(client, lane):
                out = await self._run(short, lane, pool, store)
            if out.error_kind != "timeout" or (job.timeout_s or 0) <= (short.timeout_s or 0):
                return out
            self.penalty[client] = time.monotonic() + PENALTY_S  # not short after all: general lane
        with self.admit(client, "general"):
            return await self._run(job, "general", pool, store)

    async def run_inline(self, client: str, job: QueryJob, store, d: Decision | None) -> QueryOutcome | None:
        """Run ``job`` in this process when ``d`` proves it cheap (``inline.py``): on the event loop when
        its answer bounds its work and ``client`` may use the loop, else in a thread. None when it must
        run in a worker (not cheap, client penalised, answer over the budget); :class:`Busy` when the
        client's or the lane's ``"inline"`` limit is reached."""
        inline = self.inline
        if d is None or not d.cheap or inline is None or client in self.penalty:
            return None
        with self.admit(client, "inline"):
            out = self.run_on_loop(client, job, store, d)
            if out is None:
                out = await inline.run(store, job, d)
        return out

    def run_on_loop(self, client: str, job: QueryJob, store, d: Decision) -> QueryOutcome | None:
        """Run an admitted cheap ``job`` on the event loop itself when its answer bounds its work and
        ``client`` may use the loop (no thread hand-off); None when it did not run there or outgrew the
        loop (its client is then barred from the loop, :meth:`bar_loop`)."""
        if self.inline is None or not d.loop or not self.may_loop(client):
            return None
        out, costly = self.inline.run_here(store, job, d)
        if costly:
            self.bar_loop(client)
        return out

    async def _run(self, job: QueryJob, lane: str, pool, store) -> QueryOutcome:
        from ..store.base import QueryTimeout

        wait_s = self.settings.sparql_queue_wait_s
        if pool is not None:
            try:  # an idle worker: the hop on the event loop (hop.py); else wait in a thread
                out = await run_async(pool, job, lane)
            except QueryTimeout:
                return QueryOutcome(503, error_kind="timeout")
            if out is not None:
                return out

            def call():
                try:
                    return pool.run(job, lane=lane, wait_s=wait_s)
                except QueryTimeout:
                    return QueryOutcome(503, error_kind="timeout")

            return await anyio.to_thread.run_sync(call, limiter=self.threads())
        slots = self.store_slots()
        with anyio.move_on_after(wait_s) as scope:
            await slots.acquire()
        if scope.cancelled_caught:
            raise Busy("queue")
        try:
            with anyio.fail_after(job.timeout_s + 0.5 if job.timeout_s else None):
                return await anyio.to_thread.run_sync(run_query, store, job, abandon_on_cancel=True)
        except TimeoutError:
            return QueryOutcome(503, error_kind="timeout")
        finally:
            slots.release()


def admission(cache: dict, settings) -> Admission:
    """The app's :class:`Admission`, kept in the per-app cache (``deps.get_cache``), made on first use."""
    adm = cache.get("admission")
    if adm is None:
        adm = cache["admission"] = Admission(settings)
    return adm
