"""The embedded store's bulk-load capability: atomic AND fast loads into an on-disk store directory
(checkpoint, bulk load, directory exchange), used by ``EmbeddedStore.bulk_replace``.

pyoxigraph's transactional writes (``Store.extend``, ``Store.load``, a SPARQL ``INSERT DATA``) are
slow and memory-hungry for a national inventory (~0.8M quads: 45-150 s, up to 3 GB here), while its
non-transactional ``bulk_extend`` is fast but leaves a half-written store if killed. This module gets
both properties:

1. open the store directory ``D`` (fails cleanly if another process, e.g. ``spbe serve``, holds it);
2. ``Store.backup`` it to a sibling ``.D.spbe-baru`` (a RocksDB checkpoint: hard links, near instant);
   when the graphs being replaced are big, the copy is instead rebuilt by bulk-copying every *other*
   graph (deleting many quads is itself a slow transaction);
3. in the copy: run the caller's ``prepare`` (``spbe load``: make sure the reference graph is current),
   drop the graphs being replaced, ``bulk_load`` the new quads (N-Quads text), compact (``optimize``), flush;
4. swap the two directories with one ``renameat2(RENAME_EXCHANGE)`` system call (atomic on Linux), then
   delete the old copy.

Why step 3 compacts: ``bulk_load`` writes its sorted runs as new SST files beside the ones already there
(the reference graph, the graphs kept), and RocksDB leaves overlapping files as they are. Every term a
query returns is then decoded by a point lookup (``id2str``) that probes each overlapping file, so the
cost per returned term grew with the store: at 3x national size, reading every quad cost 31 µs a quad
against 17 µs at 1x, and the validation copy and the duplicate finder's record scans grew 5-8x for 3x
the data (benchmarks/results/growth.md). One manual compaction after the load (~2.5 s at 1x, ~10 s at
3x) makes the cost per term flat again (12 µs at both sizes); the compacted files are stored
uncompressed at their level, so the directory is ~2x larger on disk.

A kill before step 4 leaves ``D`` exactly as it was (the half-built copy is removed by the next load);
a kill after it leaves the complete new state. Where ``renameat2`` is unavailable (not Linux, or a file
system without exchange) the caller falls back to the store protocol's transactional ``replace_graphs``.
Loads into one directory take turns (:func:`directory_lock`, a ``flock``).

>>> staging_dir(Path("/data/store")).name
'.store.spbe-baru'
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import shutil
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .base import Prepare, StoreError


class StoreLocked(StoreError):
    """The store directory is held open by another process (e.g. ``spbe serve``)."""

    def __init__(self, directory: Path, detail: str) -> None:
        super().__init__(f"store {directory} sedang dipakai proses lain (mis. 'spbe serve'?) / "
                         f"the store {directory} is in use by another process (e.g. 'spbe serve'?): {detail}")
        self.directory = directory
        self.detail = detail

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_RENAME_NOREPLACE = 1
REBUILD_ABOVE = 50_000  # quads in the replaced graphs above which the staged copy is rebuilt, not pruned


def _more_than(store: ox.Store, graphs: Sequence[str], limit: int) -> bool:
    """Whether ``graphs`` hold more than ``limit`` quads; the engine stops there (a COUNT of a national
    graph takes seconds, and so does iterating quads in Python)."""
    if not graphs:
        return False
    values = " ".join(f"<{g}>" for g in graphs)
    res = store.query(f"ASK {{ {{ SELECT ?s WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} "
                      f"OFFSET {limit} LIMIT 1 }} }}")
    assert isinstance(res, ox.QueryBoolean)
    return bool(res)


def _libc():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def _renameat2(a: Path, b: Path, flags: int) -> bool:
    libc = _libc()
    fn = getattr(libc, "renameat2", None) if libc is not None else None
    if fn is None:
        return False
    r = fn(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), flags)
    return r == 0


def exchange_supported(directory: Path) -> bool:
    """Whether atomic directory exchange works next to ``directory``."""
    parent = directory.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    import tempfile

    made: list[str] = []
    try:
        made = [tempfile.mkdtemp(prefix=f".{directory.name}.spbe-uji-", dir=parent) for _ in range(2)]
        return _renameat2(Path(made[0]), Path(made[1]), _RENAME_EXCHANGE)
    except OSError:
        return False
    finally:
        for p in made:
            shutil.rmtree(p, ignore_errors=True)


def staging_dir(directory: Path) -> Path:
    d = directory.resolve()
    return d.parent / f".{d.name}.spbe-baru"


def _fill(new: Path, graphs: Sequence[str], nquads: bytes, prepare: Prepare | None) -> None:
    """In the staged copy: ``prepare`` run, replaced graphs dropped, new quads bulk-loaded."""
    from .embedded import EmbeddedStore

    staged = EmbeddedStore(new)
    try:
        if prepare is not None:
            prepare(staged)
        raw = staged.raw
        existing = {g.value for g in raw.named_graphs() if isinstance(g, ox.NamedNode)}
        for g in graphs:
            if g in existing:
                raw.remove_graph(ox.NamedNode(g))
        if nquads:
            raw.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        raw.optimize()  # compact: see the module docstring (reads grew faster than the data without it)
        del raw
    finally:
        staged.close()  # flushed and released, even if ``prepare`` kept a reference to the object


@contextmanager
def directory_lock(directory: Path):
    """Exclusive ``flock`` on ``.D.spbe-kunci`` next to the store directory: loads into one directory
    take turns, so none is lost."""
    import fcntl

    directory = Path(directory).resolve()
    directory.parent.mkdir(parents=True, exist_ok=True)
    with open(directory.parent / f".{directory.name}.spbe-kunci", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _copy_without(src: ox.Store, new: Path, graphs: Sequence[str]) -> None:
    """A copy of ``src`` at ``new``: a checkpoint, or (when the replaced graphs are big) every other
    graph bulk-copied (deleting many quads is itself a slow transaction)."""
    if _more_than(src, graphs, REBUILD_ABOVE):
        dst = ox.Store(str(new))
        for g in [*src.named_graphs(), ox.DefaultGraph()]:
            if not (isinstance(g, ox.NamedNode) and g.value in graphs):
                dst.bulk_extend(src.quads_for_pattern(None, None, None, g))
        dst.flush()
        del dst
    else:
        src.backup(str(new))


def build_copy(src: ox.Store | None, directory: Path, graphs: Sequence[str], nquads: bytes,
               prepare: Prepare | None) -> Path:
    """The staged directory next to ``directory`` holding ``src`` (``None``: an empty store) with
    ``graphs`` replaced by ``nquads`` after ``prepare``; no handle on it is left open."""
    new = staging_dir(directory)
    shutil.rmtree(new, ignore_errors=True)  # a copy left by an interrupted load
    if src is not None:
        try:
            _copy_without(src, new, graphs)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise
        finally:
            del src
    try:
        _fill(new, graphs, nquads, prepare)  # every handle on the copy is closed when this returns
    except BaseException:
        gc.collect()
        shutil.rmtree(new, ignore_errors=True)
        raise
    try:  # proves no handle on the copy is left open (RocksDB would refuse a second open)
        _probe(new)
    except OSError:
        shutil.rmtree(new, ignore_errors=True)
        raise
    return new


def _probe(directory: Path) -> None:
    """Open and close ``directory``; a handle kept alive only by a reference cycle is collected first."""
    try:
        probe = ox.Store(str(directory))
    except OSError:
        gc.collect()
        probe = ox.Store(str(directory))
    del probe


def wait_released(directory: Path, wait_s: float) -> bool:
    """True once no handle (in this process or another) holds ``directory`` open; False after
    ``wait_s`` seconds. A query still iterating over the old handle keeps it open until it ends."""
    import time

    end = time.monotonic() + wait_s
    while True:
        try:
            _probe(directory)
        except OSError:
            if time.monotonic() >= end:
                return False
            time.sleep(0.02)
            continue
        return True


def exchange(new: Path, directory: Path) -> None:
    """Swap ``new`` and ``directory`` in one ``renameat2(RENAME_EXCHANGE)``; ``new`` then holds the
    previous state (the caller deletes it)."""
    if not _renameat2(new, directory, _RENAME_EXCHANGE):
        shutil.rmtree(new, ignore_errors=True)
        raise OSError("renameat2(RENAME_EXCHANGE) failed")


def swap_load(directory: Path, graphs: Sequence[str], nquads: bytes, *, prepare: Prepare | None = None) -> None:
    """Replace ``graphs`` with the ``nquads`` (N-Quads bytes) in the store at ``directory``, after
    ``prepare(copy)``; atomic, via a checkpoint and a directory swap. Call it under :func:`directory_lock`."""
    directory = Path(directory).resolve()
    fresh = not directory.exists() or not any(directory.iterdir())
    src = None
    if not fresh:
        try:
            src = ox.Store(str(directory))
        except OSError as e:
            raise StoreLocked(directory, str(e)) from None
    new = build_copy(src, directory, graphs, nquads, prepare)
    del src
    gc.collect()
    if fresh:
        directory.parent.mkdir(parents=True, exist_ok=True)
        if directory.exists():
            directory.rmdir()
        os.rename(new, directory)  # atomic: the target does not exist
        return
    exchange(new, directory)
    shutil.rmtree(new, ignore_errors=True)  # now holds the previous state
