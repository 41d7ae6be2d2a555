"""A query worker process: ``python -m spbe_kg.service.sparql.worker FD``.

It receives ``(snapshot_dir, QueryJob)`` over the socket ``FD``, opens the snapshot read-only
(reopening when the parent hands it a newer one), runs the job and sends the
:class:`~spbe_kg.service.sparql.execute.QueryOutcome` back. The parent kills it (SIGKILL) when a
query runs past its time limit; it exits by itself when the parent goes away (EOF on the socket).
"""

from __future__ import annotations

import sys
import traceback
from multiprocessing.connection import Connection


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
    serve(int(sys.argv[1]))
