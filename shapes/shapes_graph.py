"""Loading the SHACL shapes: the built-in files (one per architecture domain) plus the user's own.

>>> g = load_shapes()
>>> len(builtin_paths())
7
>>> from rdflib.namespace import SH
>>> (None, SH.path, None) in g
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, SH
from rdflib.util import guess_format

HERE = Path(__file__).resolve().parent
# Order = order of the domains in the catalogue and the reports.
DOMAINS: tuple[str, ...] = ("aplikasi", "organisasi", "layanan", "proses-bisnis", "data", "kode-referensi", "keputusan")
SHAPES_BASE = "https://w3id.org/spbe/shapes/"


class ShapesError(Exception):
    """A shapes file cannot be read or holds no shapes. ``str()`` is the user message (id + en)."""


def builtin_paths() -> list[Path]:
    return [HERE / f"{d}.ttl" for d in DOMAINS]


def _parse_into(g: Graph, path: Path) -> None:
    path = Path(path)
    if not path.is_file():
        raise ShapesError(f"{path}: berkas shapes tidak ditemukan / shapes file not found")
    fmt = guess_format(str(path)) or "turtle"
    before = len(g)
    try:
        g.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many parser exception types
        raise ShapesError(
            f"{path}: berkas shapes rusak, tidak dapat dibaca sebagai {fmt} / broken shapes file, "
            f"cannot be parsed as {fmt}: {e}"
        ) from e
    if len(g) == before:
        raise ShapesError(f"{path}: berkas shapes kosong / empty shapes file")


@lru_cache(maxsize=1)
def _builtin() -> Graph:
    g = Graph()
    for p in builtin_paths():
        _parse_into(g, p)
    return g


def load_shapes(extra: Sequence[Path] = ()) -> Graph:
    """The built-in shapes, plus ``extra`` files (added to, never replacing, the built-in ones).

    The returned graph is fresh when ``extra`` is given, else the cached built-in graph (do not modify it).
    """
    if not extra:
        return _builtin()
    g = Graph()
    for t in _builtin():
        g.add(t)
    for p in extra:
        sub = Graph()
        _parse_into(sub, Path(p))
        if not any(sub.subjects(RDF.type, SH.NodeShape)) and not any(sub.subjects(RDF.type, SH.PropertyShape)) \
                and not any(sub.subjects(SH.path, None)):
            raise ShapesError(f"{p}: tidak berisi shape SHACL / contains no SHACL shapes")
        for t in sub:
            g.add(t)
    return g


def domain_of(shape_iri: str) -> str:
    """The domain (shapes file) a built-in rule belongs to, or ``"lain"`` for user shapes."""
    if shape_iri.startswith(SHAPES_BASE):
        rest = shape_iri[len(SHAPES_BASE):]
        d = rest.split("#", 1)[0]
        if d in DOMAINS:
            return d
    return "lain"
