"""A reader process's view of the served store: the newest checkpoint, read-only (issue 13).

The serving process checkpoints its store after every committed write and names the newest
checkpoint in a file (``service/store/checkpoints.py``). :class:`FollowingStore` looks at the
publication count before every query (one read of memory mapped from the file ``published``; the
pointer file's identity, one ``stat``, until it exists) and, when it changed, opens the new checkpoint
(10-20 ms, in a thread: :meth:`switch`). A write is answered only after its checkpoint is named,
so a client that wrote through any process reads its write through any other.

>>> import tempfile
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> tmp = Path(tempfile.mkdtemp())
>>> primary = EmbeddedStore(tmp / "store")
>>> primary.enable_snapshots()
>>> root = primary.snapshot().parent
>>> follow = FollowingStore(root)
>>> follow.current() is None   # nothing opened yet: switch() in a thread
True
>>> follow.switch().query("ASK { ?s ?p ?o }").__bool__()
False
>>> primary.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
>>> follow.current() is None   # the pointer moved
True
>>> bool(follow.switch().query("ASK { ?s ?p ?o }"))
True
>>> follow.close(); primary.close()
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from ..store import checkpoints
from ..store.base import StoreError
from ..store.embedded import EmbeddedStore


class FollowingStore:
    """The newest published checkpoint under ``root`` (the serving process's checkpoint root)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._pointer = self.root / checkpoints.POINTER
        self._seen: tuple[int, int] | bytes | None = None  # publication count (or pointer identity) last read
        self._count = checkpoints.counter(self.root)  # mapped once published (checkpoints.counter)
        self._name: str | None = None
        self._store: EmbeddedStore | None = None
        self._lock = threading.Lock()

    def _identity(self) -> tuple[int, int] | bytes | None:
        count = self._count
        if count is not None:
            return count[:]
        try:
            st = os.stat(self._pointer)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns

    def current(self) -> EmbeddedStore | None:
        """The open checkpoint when it is still the newest (one ``stat``, fine on the event loop),
        else None: call :meth:`switch` (blocking) first."""
        store = self._store
        if store is None or self._identity() != self._seen:
            return None
        return store

    def switch(self) -> EmbeddedStore:
        """Open the newest checkpoint (blocking: 10-20 ms; call it from a thread). It is marked as
        read by this process *before* it is opened, so the serving process does not prune it."""
        with self._lock:
            if self._count is None:
                self._count = checkpoints.counter(self.root)
            for _ in range(5):  # a prune may remove a checkpoint between reading its name and opening it
                seen = self._identity()
                name = checkpoints.current(self.root)
                if name is None:
                    raise StoreError("belum ada checkpoint dari proses utama / no checkpoint from the serving process yet")
                if name == self._name and self._store is not None:
                    self._seen = seen
                    return self._store
                checkpoints.mark(self.root, name)
                path = self.root / name
                if not path.is_dir():
                    continue
                try:
                    store = EmbeddedStore(path, read_only=True)
                except StoreError:
                    continue
                self._store, self._name, self._seen = store, name, seen  # the old one closes when unused
                return store
        raise StoreError("checkpoint terbaru tidak dapat dibuka / cannot open the newest checkpoint")

    def close(self) -> None:
        self._store = None
        self._count = None  # unmapped when unused
        try:
            (self.root / checkpoints.READERS / str(os.getpid())).unlink(missing_ok=True)
        except OSError:
            pass
