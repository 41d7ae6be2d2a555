"""Heavy one-off computations (``/validate``, ``/duplicates``) in killable, memory-capped processes.

Each job runs in a fresh child process forked from a *fork server* that has the heavy modules
(rdflib, pyshacl, the loaders, the duplicate analysis) already imported, so a job starts in
milliseconds, and every byte it used is returned to the system when it exits (no worker keeps a
grown heap). The child sets ``RLIMIT_AS`` to ``job_memory_mb`` before it starts; the parent kills it
after ``job_timeout_s``. At most ``job_workers`` jobs run at once; the others wait (in their thread).

:func:`run_job` blocks: call it from a thread, never on the event loop.

>>> run_job(divmod, (7, 2), timeout_s=30, memory_mb=1024, workers=1)
(3, 1)
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import threading
import traceback

PRELOAD = ["spbe_kg.service.jobs", "spbe_kg.shapes.validate", "spbe_kg.loaders.api", "spbe_kg.queries.duplicates",
           "spbe_kg.queries.export", "spbe_kg.shapes.report"]
_ctx = None
_slots: threading.BoundedSemaphore | None = None
_slots_n = 0
_lock = threading.Lock()


class JobLimit(Exception):
    """A job ran out of time (``kind == "time"``) or memory (``"memory"``), or its process died."""

    def __init__(self, kind: str, limit: float) -> None:
        super().__init__(f"{kind} limit {limit}")
        self.kind, self.limit = kind, limit


class JobFailed(Exception):
    """The job raised an error that is not a limit (``str()``: its message; ``payload``: an
    ``(status, key, kw)`` triple when it was an HTTP ApiError)."""

    def __init__(self, message: str, payload=None) -> None:
        super().__init__(message)
        self.payload = payload


def _context():
    global _ctx
    with _lock:
        if _ctx is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _ctx = ctx
    return _ctx


def _slot(workers: int) -> threading.BoundedSemaphore:
    global _slots, _slots_n
    with _lock:
        if _slots is None or _slots_n != workers:
            _slots, _slots_n = threading.BoundedSemaphore(max(1, workers)), workers
        return _slots


def _child(conn, fn, args, memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        out = ("ok", fn(*args))
    except MemoryError:
        out = ("memory", None)
    except Exception as e:  # noqa: BLE001 - reported to the parent as data, never as a traceback
        status, key, kw = getattr(e, "status", None), getattr(e, "key", None), getattr(e, "kw", None)
        if status is not None and key is not None:
            out = ("api", (status, key, {k: str(v) for k, v in (kw or {}).items()}))
        else:
            traceback.print_exc()
            out = ("error", f"{type(e).__name__}: {e}"[:500])
    try:
        conn.send(out)
    except MemoryError:
        conn.send(("memory", None))
    conn.close()


def run_job(fn, args: tuple, *, timeout_s: float, memory_mb: int, workers: int = 2):
    """``fn(*args)`` in a fresh memory-capped process; its return value, or JobLimit / JobFailed."""
    ctx = _context()
    with _slot(workers):
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(child, fn, args, memory_mb), daemon=True)
        proc.start()
        child.close()
        try:
            if not parent.poll(timeout_s):
                raise JobLimit("time", timeout_s)
            try:
                kind, value = parent.recv()
            except (EOFError, OSError):
                raise JobLimit("memory", memory_mb) from None  # killed (OOM) or crashed
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            parent.close()
    if kind == "ok":
        return value
    if kind == "memory":
        raise JobLimit("memory", memory_mb)
    if kind == "api":
        raise JobFailed(value[1], payload=value)
    raise JobFailed(value)
