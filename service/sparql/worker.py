"""A query worker process: ``python -m spbe_kg.service.sparql.worker FD``.

It receives ``(snapshot_dir, QueryJob)`` over the socket ``FD``, opens the snapshot read-only
(reopening when the parent hands it a newer one), runs the job and sends the
:class:`~spbe_kg.service.sparql.execute.QueryOutcome` back. The parent kills it (SIGKILL) when a
query runs past its time limit; it exits by itself when the parent goes away (EOF on the socket).

``python -m spbe_kg.service.sparql.worker FD NICE`` first lowers its own priority by ``NICE``
(``query_worker_nice``, 10 by default): when the cores are contended, the HTTP processes that answer
cheap queries run first, and a long or runaway query takes what is left. Its time limit is wall time,
so a lower priority never lets a query run longer (docs/sparql-endpoint.md, tenth round).
"""

from __future__ import annotations

import os
import sys
import traceback
from multiprocessing.connection import Connection


def lower_priority(nice: int) -> None:
    """Lower this process's priority by ``nice`` (0: unchanged); where that is not possible, run as is."""
    if nice > 0:
        try:
            os.nice(nice)
        except (AttributeError, OSError):
            pass


def serve(fd: int) -> None:
    from ..store.embedded import EmbeddedStore
    from .execute import QueryOutcome, run_query

    conn = Connection(fd)
    current: str | None = None
    store = None
    conn.send("ready")
    while True:
        try:
            snap, job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if snap != current:
                store = None  # release the old snapshot before opening the new one
                current = None
                store = EmbeddedStore(snap, read_only=True)
                current = snap
            out = run_query(store, job)
        except Exception:  # never die on one bad request: log it (server stderr), answer plainly
            traceback.print_exc(file=sys.stderr)
            out = QueryOutcome(500, error_kind="store", message="query worker failed / pekerja kueri gagal")
        conn.send(out)


if __name__ == "__main__":  # pragma: no cover - run as a subprocess
    lower_priority(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    serve(int(sys.argv[1]))
