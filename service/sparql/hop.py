"""The hop to a query worker without a thread (issue 13), when nothing on the way can block.

:meth:`WorkerPool.run` blocks a thread for the whole query (it waits on the worker's socket); at
hundreds of lookups a second, handing each request to a thread and back cost more than the query
(benchmarks/results/profile-sparql.md). :func:`run_async` does the same hop on the event loop:

- it takes a worker only when one is idle and ready, and the store's checkpoint for the current
  write generation already exists (otherwise ``None``: the caller takes the thread path, which
  may wait for a worker or make a checkpoint);
- it sends the job (query texts up to ``MAX_INLINE`` bytes; longer ones take the thread path),
  waits for the answer with ``loop.add_reader`` and the same deadline as the thread path
  (limit + ``KILL_GRACE_S``), and reads answers up to ``MAX_INLINE`` bytes inline, larger ones
  in a thread;
- past the deadline the worker is killed (in a thread: the kill waits for the process) and
  replaced, exactly as in :meth:`WorkerPool.run`.
"""

from __future__ import annotations

import asyncio
import os
import socket
import struct
import threading
import time

import anyio

from ..store.base import QueryTimeout, StoreError
from .execute import QueryJob, QueryOutcome
from .workers import KILL_GRACE_S, WorkerPool, log

MAX_INLINE = 256 * 1024  # bytes sent or received on the event loop; more goes through a thread


def _peek_size(fd: int) -> int | None:
    """The length of the next multiprocessing message on ``fd`` (its header peeked), or None."""
    s = socket.socket(fileno=fd)
    try:
        head = s.recv(12, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except (BlockingIOError, OSError):
        return None
    finally:
        s.detach()
    if len(head) < 4:
        return None
    (size,) = struct.unpack("!i", head[:4])
    if size == -1:
        return struct.unpack("!Q", head[4:12])[0] if len(head) >= 12 else None
    return size


async def _readable(fd: int, timeout: float) -> bool:
    loop = asyncio.get_running_loop()
    ready = loop.create_future()
    def wake() -> None:
        if not ready.done():
            ready.set_result(True)

    loop.add_reader(fd, wake)
    try:
        await asyncio.wait_for(ready, timeout)
        return True
    except TimeoutError:
        return False
    finally:
        loop.remove_reader(fd)
        os.set_blocking(fd, True)  # uvloop (libuv) made it non-blocking; Connection.recv/send need blocking


async def run_async(pool: WorkerPool, job: QueryJob, lane: str) -> QueryOutcome | None:
    """Run ``job`` in an idle worker of ``lane`` from the event loop; ``None`` when the thread path
    must be taken (no idle ready worker, no current checkpoint, a long query text)."""
    if pool.closed or len(job.sparql) > MAX_INLINE // 4:
        return None
    snap = pool.store.current_snapshot()
    if snap is None:
        return None
    w = pool.try_acquire(lane)
    if w is None:
        return None
    with pool.lock:  # as in _claim_snapshot: registered while it still exists, so no prune removes it
        if not snap.exists():
            pool.release(w)
            return None
        w.snapshot = snap
    timeout = job.timeout_s or 3600.0
    deadline = time.monotonic() + timeout
    fd = w.conn.fileno()
    failed: Exception | None = None
    readable = False
    try:
        w.conn.send((str(snap), job))
        readable = await _readable(fd, max(0.0, deadline - time.monotonic()) + KILL_GRACE_S)
        if readable:
            size = _peek_size(fd)
            if size is not None and size <= MAX_INLINE:
                out = w.conn.recv()
            else:
                out = await anyio.to_thread.run_sync(w.conn.recv)
    except (EOFError, OSError) as e:
        failed = e
    except BaseException:  # cancelled mid-query: the worker's answer would reach the next job
        threading.Thread(target=pool.discard, args=(w,), daemon=True).start()
        raise
    if failed is not None:  # each worker is discarded (and replaced) exactly once
        await anyio.to_thread.run_sync(pool.discard, w)
        raise StoreError("query worker died") from failed
    if not readable:
        pool.killed += 1
        log.warning("query worker %s killed after %.1f s", w.proc.pid, timeout)
        await anyio.to_thread.run_sync(pool.discard, w)
        raise QueryTimeout("timeout")
    pool.release(w)
    if pool.store.has_stale_snapshots():  # removing checkpoints touches the disk: a thread
        await anyio.to_thread.run_sync(pool.prune)
    return out
