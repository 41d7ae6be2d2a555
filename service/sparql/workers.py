"""A pool of killable query workers for the embedded on-disk store.

pyoxigraph cannot interrupt a running query, so a runaway query (a cartesian product, a COUNT(*)
over it) is stopped by killing the process that runs it. Each worker is a separate Python process
(``worker.py``) holding a read-only RocksDB checkpoint of the committed store
(:meth:`EmbeddedStore.snapshot`); after a write the next query gets a fresh checkpoint, so readers
see every committed write and never half of one.

:meth:`WorkerPool.run` blocks: call it from a thread (``run_in_threadpool``), never on the event loop.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from ..store.base import QueryTimeout, StoreError
from .execute import QueryJob, QueryOutcome

log = logging.getLogger("spbe.workers")


class Busy(Exception):
    """No worker free in time, or a client/queue limit reached (HTTP 503 with Retry-After)."""

KILL_GRACE_S = 0.25  # the worker's own deadline check gets this long before the kill


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen
    conn: Connection
    snapshot: Path | None = None
    ready: bool = False  # the worker said "ready" (its imports are done)
    lane: str = "general"  # "short": kept for short queries (service/sparql/admission.py)

    def kill(self) -> None:
        try:
            self.proc.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.conn.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass


@dataclass(eq=False)
class _Waiter:
    """A query waiting for a worker of one of ``lanes`` (:meth:`WorkerPool._acquire`)."""

    lanes: tuple[str, ...]
    event: threading.Event = field(default_factory=threading.Event)
    worker: _Worker | None = None


class WorkerPool:
    """``size`` worker processes answering queries over snapshots of ``store`` (an EmbeddedStore)."""

    def __init__(self, store, size: int = 2, short: int = 0, nice: int = 0) -> None:
        self.store = store
        self.nice = max(0, nice)  # each worker lowers its own priority by this much (worker.py)
        self.size = max(1, size)
        self.short = max(0, short)
        self._idle: dict[str, deque[_Worker]] = {"general": deque(), "short": deque()}
        self._free = threading.Lock()  # guards the idle workers and the waiting queries
        self._waiters: deque[_Waiter] = deque()  # queries waiting for a worker, oldest first
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0  # workers killed for running past the time limit
        store.enable_snapshots()  # every write ends with a checkpoint: readers never wait for a write
        store.snapshot()
        for _ in range(self.size):
            self._release(self._spawn())
        for _ in range(self.short):
            self._release(self._spawn("short"))
        end = time.monotonic() + 60.0  # serve only once the workers can answer (no cold first query)
        for w in list(self._all):
            self._await_ready(w, max(0.0, end - time.monotonic()))

    # --- for the thread-free hop (hop.py) ----------------------------------------------------
    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def lock(self) -> threading.Lock:
        return self._lock

    def try_acquire(self, lane: str) -> _Worker | None:
        """An idle, ready worker of ``lane`` (short: or general) without waiting, else None."""
        with self._free:
            for name in (("short", "general") if lane == "short" else ("general",)):
                idle = self._idle[name]
                if idle and self._await_ready(idle[0], 0.0):  # a fresh worker: its "ready" waits unread
                    return idle.popleft()
        return None

    def release(self, w: _Worker) -> None:
        self._release(w)

    def discard(self, w: _Worker) -> None:
        self._discard(w)

    def prune(self) -> None:
        self._prune()

    def _release(self, w: _Worker) -> None:
        """``w`` is free: handed to the longest-waiting query that may use it, else idle. So an idle
        worker never sits beside a query waiting for it, and queries get workers first come, first
        served: a newcomer (``try_acquire`` on the event loop) cannot take a worker from under a
        query that has waited (measured: that barging tripled the p95 of SELECT-1000 at 8 clients)."""
        with self._free:
            for waiter in self._waiters:
                if w.lane in waiter.lanes:
                    self._waiters.remove(waiter)
                    waiter.worker = w
                    waiter.event.set()
                    return
            self._idle[w.lane].append(w)

    def _acquire(self, lane: str, wait_s: float) -> _Worker:
        """An idle worker of ``lane`` (a short query also takes an idle general worker), else the next
        one freed after the queries that waited before (FIFO, :meth:`_release`); raise
        :class:`Busy` after ``wait_s`` seconds without one. Never polls."""
        lanes = ("short", "general") if lane == "short" else ("general",)
        with self._free:
            for name in lanes:
                if self._idle[name]:
                    return self._idle[name].popleft()
            waiter = _Waiter(lanes)
            self._waiters.append(waiter)
        waiter.event.wait(max(0.0, wait_s))
        with self._free:
            if waiter.worker is not None:  # handed over (perhaps just as the wait ran out)
                return waiter.worker
            self._waiters.remove(waiter)
        raise Busy("queue")

    def _spawn(self, lane: str = "general") -> _Worker:
        parent, child = socket.socketpair()
        env = dict(os.environ)
        proc = subprocess.Popen(
            [sys.executable, "-m", "spbe_kg.service.sparql.worker", str(child.fileno()), str(self.nice)],
            pass_fds=(child.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
        )
        child.close()
        conn = Connection(parent.detach())
        w = _Worker(proc, conn, lane=lane)
        with self._lock:
            self._all.add(w)
        return w

    def _await_ready(self, w: _Worker, timeout: float) -> bool:
        if w.ready:
            return True
        if w.conn.poll(timeout):
            try:
                w.conn.recv()
            except (EOFError, OSError):
                return False
            w.ready = True
            return True
        return False

    def _replace(self, w: _Worker) -> None:
        with self._lock:
            self._all.discard(w)
        if self._closed:
            return
        threading.Thread(target=lambda: self._release(self._spawn(w.lane)), daemon=True).start()

    def run(self, job: QueryJob, *, lane: str = "general", wait_s: float | None = None) -> QueryOutcome:
        """Run ``job`` in a worker of ``lane``; raise :class:`Busy` when no worker is free within
        ``wait_s`` (default: the job's time limit) and :class:`QueryTimeout` after ``job.timeout_s``
        of work (the deadline starts when the worker starts, not while queued; the worker is killed)."""
        if self._closed:
            raise StoreError("worker pool closed")
        timeout = job.timeout_s or 3600.0
        w = self._acquire(lane, timeout if wait_s is None else wait_s)
        snap = self._claim_snapshot(w)
        if not self._await_ready(w, 60.0):
            self._discard(w)
            raise StoreError("query worker did not start")
        deadline = time.monotonic() + timeout
        try:
            w.conn.send((str(snap), job))
            remaining = max(0.0, deadline - time.monotonic()) + KILL_GRACE_S
            if w.conn.poll(remaining):
                out = w.conn.recv()
            else:
                self.killed += 1
                log.warning("query worker %s killed after %.1f s", w.proc.pid, timeout)
                self._discard(w)
                raise QueryTimeout("timeout")
        except (EOFError, OSError, BrokenPipeError) as e:
            self._discard(w)
            raise StoreError("query worker died") from e
        self._release(w)
        self._prune()
        return out

    def _discard(self, w: _Worker) -> None:
        w.kill()
        self._replace(w)

    def _claim_snapshot(self, w: _Worker) -> Path:
        """The newest checkpoint, registered as used by ``w`` (so no prune removes it)."""
        while True:
            snap = self.store.snapshot()
            with self._lock:  # prunes run under this lock: registered and still there = safe
                if snap.exists():
                    w.snapshot = snap
                    return snap

    def _prune(self) -> None:
        with self._lock:
            in_use = [w.snapshot for w in self._all if w.snapshot is not None]
            self.store.prune_snapshots(in_use)

    def close(self) -> None:
        self._closed = True
        self.store.enable_snapshots(False)
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()
