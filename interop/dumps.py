"""Dumps of the whole store at stable URLs, rebuilt after writes, never half-written, never in the way.

Two files per *state* of the store: ``spbe-kg.nt.gz`` (N-Triples, gzip: every statement of every graph,
graph names dropped; what a harvester loads as one graph) and ``spbe-kg.trig`` (TriG: the named graphs
kept). A :class:`DumpManager` writes them in a background thread into ``dump_dir`` under content-named
files (``spbe-kg-<hash>.nt.gz``): each is written to a temporary name and renamed when complete, then
``current.json`` (also written by rename) switches to the new pair. A request is served the current
pair, whose ETag (the content hash) and Last-Modified never change under it; an open file survives the
removal of an old pair. The store's state is its write ``generation`` (embedded/memory stores) or,
for a remote store, its triple count and graph names; a watcher thread checks it every
``dump_check_s`` seconds and rebuilds after writes.

>>> import pyoxigraph as ox, tempfile
>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> s = EmbeddedStore(None)
>>> s.add_quads([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"), ox.NamedNode("http://e/g"))])
>>> m = DumpManager(s, tempfile.mkdtemp(), check_s=0)
>>> d = m.current(wait=True)
>>> d.files["trig"].read_bytes().count(b"http://e/g"), len(d.etags["nt.gz"]) > 8
(1, True)
>>> m.close()
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

log = logging.getLogger("spbe.dumps")

KINDS = {  # stable name suffix -> (media type, content encoding)
    "nt.gz": ("application/n-triples", "gzip"),
    "trig": ("application/trig", None),
}
STEM = "spbe-kg"


@dataclass
class Dump:
    """One complete pair of dump files of one store state."""

    state: str
    files: dict[str, Path]
    etags: dict[str, str]
    sizes: dict[str, int]
    modified: dt.datetime
    triples: int = 0
    extra: dict = field(default_factory=dict)


def store_state(store) -> str:
    """A fingerprint that changes after every write."""
    gen = getattr(store, "generation", None)
    if gen is not None:
        return f"gen:{id(store)}:{gen}"
    graphs = store.named_graphs()
    h = hashlib.sha256("\n".join(graphs).encode()).hexdigest()[:16]
    return f"count:{store.triple_count()}:{h}"


def _iter_quads(store):
    raw = getattr(store, "raw", None)
    if raw is not None:  # embedded: stream from the store itself
        yield from raw.quads_for_pattern(None, None, None, None)
        return
    data = store.export_dataset(ox.RdfFormat.N_QUADS)
    yield from ox.parse(data, format=ox.RdfFormat.N_QUADS)


def _write_atomic(path: Path, writer) -> tuple[str, int]:
    """Write through ``writer(file)`` into a temporary file next to ``path``, hash it, rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            writer(f)
            f.flush()
            os.fsync(f.fileno())
        h = hashlib.sha256()
        with open(tmp, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        os.replace(tmp, path)
        return h.hexdigest(), path.stat().st_size
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_dump(store, out_dir: Path, state: str) -> Dump:
    """Write both files for the store's current state (content-named, atomically) and return them."""
    out_dir.mkdir(parents=True, exist_ok=True)
    count = 0

    def write_nt(f):
        nonlocal count
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0) as gz:
            def triples():
                nonlocal count
                for q in _iter_quads(store):
                    count += 1
                    yield ox.Triple(q.subject, q.predicate, q.object)
            ox.serialize(triples(), output=gz, format=ox.RdfFormat.N_TRIPLES)

    def write_trig(f):
        raw = getattr(store, "raw", None)
        if raw is not None:
            raw.dump(output=f, format=ox.RdfFormat.TRIG)
        else:
            f.write(store.export_dataset(ox.RdfFormat.TRIG))

    files, etags, sizes = {}, {}, {}
    for kind, writer in (("nt.gz", write_nt), ("trig", write_trig)):
        tmp_name = out_dir / f"{STEM}.building.{kind}"
        digest, size = _write_atomic(tmp_name, writer)
        final = out_dir / f"{STEM}-{digest[:20]}.{kind}"
        os.replace(tmp_name, final)
        files[kind], etags[kind], sizes[kind] = final, digest[:32], size
    return Dump(state, files, etags, sizes, dt.datetime.now(dt.UTC).replace(microsecond=0), count)


class DumpManager:
    """Keeps the dumps of one store current, in a background thread."""

    def __init__(self, store, out_dir: Path | str, *, check_s: float = 5.0) -> None:
        self.store = store
        self.dir = Path(out_dir)
        self.check_s = check_s
        self._dump: Dump | None = self._read_current()
        self._lock = threading.Lock()
        self._building = threading.Event()
        self._ready = threading.Condition()
        self._stop = threading.Event()
        self._error: str | None = None
        self._thread: threading.Thread | None = None
        if check_s > 0:
            self._thread = threading.Thread(target=self._watch, name="spbe-dumps", daemon=True)
            self._thread.start()

    # --- state -------------------------------------------------------------------------------
    def _read_current(self) -> Dump | None:
        meta = self.dir / "current.json"
        try:
            d = json.loads(meta.read_text(encoding="utf-8"))
            files = {k: self.dir / v for k, v in d["files"].items()}
            if not all(p.is_file() for p in files.values()):
                return None
            return Dump(d["state"], files, d["etags"], d["sizes"], dt.datetime.fromisoformat(d["modified"]), d["triples"])
        except (OSError, ValueError, KeyError):
            return None

    def _publish(self, dump: Dump) -> None:
        meta = {"state": dump.state, "files": {k: p.name for k, p in dump.files.items()}, "etags": dump.etags,
                "sizes": dump.sizes, "modified": dump.modified.isoformat(), "triples": dump.triples}
        _write_atomic(self.dir / "current.json", lambda f: f.write(json.dumps(meta, indent=1).encode()))
        old = self._dump
        with self._ready:
            self._dump = dump
            self._ready.notify_all()
        keep = set(dump.files.values()) | (set(old.files.values()) if old else set())
        for p in self.dir.glob(f"{STEM}-*"):
            if p not in keep:  # older than the previous pair: no request started before the last switch uses it
                p.unlink(missing_ok=True)

    def refresh(self) -> Dump | None:
        """Rebuild when the store changed since the current dump (one build at a time)."""
        if not self._lock.acquire(blocking=False):
            return self._dump
        try:
            state = store_state(self.store)
            if self._dump is not None and self._dump.state == state:
                return self._dump
            self._building.set()
            t0 = time.monotonic()
            dump = build_dump(self.store, self.dir, state)
            self._publish(dump)
            self._error = None
            log.info("dumps rebuilt: %d quads in %.2f s", dump.triples, time.monotonic() - t0)
            return dump
        except Exception as e:  # noqa: BLE001 - the last good dump stays; the reason is logged and reported
            self._error = f"{type(e).__name__}: {e}"
            log.warning("dump rebuild failed: %s", self._error)
            with self._ready:
                self._ready.notify_all()
            return self._dump
        finally:
            self._building.clear()
            self._lock.release()

    def current(self, *, wait: bool = False, timeout: float = 600.0) -> Dump | None:
        """The current dump; with ``wait`` and none built yet, build (or wait for) the first one."""
        if self._dump is None and wait:
            if self._thread is None:
                return self.refresh()
            deadline = time.monotonic() + timeout
            threading.Thread(target=self.refresh, daemon=True).start()
            with self._ready:
                while self._dump is None and self._error is None and time.monotonic() < deadline:
                    self._ready.wait(timeout=0.5)
                    if not self._building.is_set() and self._dump is None and not self._lock.locked():
                        threading.Thread(target=self.refresh, daemon=True).start()
        return self._dump

    @property
    def error(self) -> str | None:
        return self._error

    def _watch(self) -> None:
        while not self._stop.wait(self.check_s):
            try:
                if self._dump is None or store_state(self.store) != self._dump.state:
                    self.refresh()
            except Exception as e:  # noqa: BLE001 - store closed or unreachable: try again later
                log.debug("dump watcher: %s", e)

    def close(self) -> None:
        self._stop.set()
