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
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from ..store.base import QueryTimeout, StoreError
from .execute import QueryJob, QueryOutcome

log = logging.getLogger("spbe.workers")

KILL_GRACE_S = 0.25  # the worker's own deadline check gets this long before the kill


@dataclass(eq=False)
class _Worker:
    proc: subprocess.Popen
    conn: Connection
    snapshot: Path | None = None
    ready: bool = False  # the worker said "ready" (its imports are done)

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


class WorkerPool:
    """``size`` worker processes answering queries over snapshots of ``store`` (an EmbeddedStore)."""

    def __init__(self, store, size: int = 2) -> None:
        self.store = store
        self.size = max(1, size)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.killed = 0  # workers killed for running past the time limit
        store.enable_snapshots()  # every write ends with a checkpoint: readers never wait for a write
        store.snapshot()
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        parent, child = socket.socketpair()
        env = dict(os.environ)
        proc = subprocess.Popen(
            [sys.executable, "-m", "spbe_kg.service.sparql.worker", str(child.fileno())],
            pass_fds=(child.fileno(),),
            env=env,
            stdin=subprocess.DEVNULL,
        )
        child.close()
        conn = Connection(parent.detach())
        w = _Worker(proc, conn)
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
        threading.Thread(target=lambda: self._idle.put(self._spawn()), daemon=True).start()

    def run(self, job: QueryJob) -> QueryOutcome:
        """Run ``job`` in a worker; raise :class:`QueryTimeout` after ``job.timeout_s`` (killing the worker)."""
        if self._closed:
            raise StoreError("worker pool closed")
        timeout = job.timeout_s or 3600.0
        deadline = time.monotonic() + timeout
        try:
            w = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise QueryTimeout("all query workers busy") from None
        snap = self._claim_snapshot(w)
        remaining = max(0.0, deadline - time.monotonic())
        if not self._await_ready(w, remaining):
            self._discard(w)
            raise QueryTimeout("worker did not start in time")
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
        self._idle.put(w)
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
