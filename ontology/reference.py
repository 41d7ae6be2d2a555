"""The reference graph: ontology + enumerations + code lists + national applications, in one named
graph (``REFERENCE_GRAPH``), with a version marker so a store reloads it only when the bundled Turtle
changed.

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> s = EmbeddedStore(None)
>>> ensure_reference(s)
True
>>> ensure_reference(s)  # already current: nothing to do
False
>>> s.named_graphs() == [REFERENCE_GRAPH]
True
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import pyoxigraph as ox

from . import turtle_files
from .meta import VERSION
from .namespaces import REFERENCE_GRAPH, SPBE

_G = ox.NamedNode(REFERENCE_GRAPH)
_OWL_VERSION = ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo")
_SHA = ox.NamedNode(str(SPBE.sha256))
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_VOID_DATASET = ox.NamedNode("http://rdfs.org/ns/void#Dataset")
_TITLE = ox.NamedNode("http://purl.org/dc/terms/title")


@lru_cache(maxsize=1)
def reference_hash() -> str:
    """SHA-256 over the bundled Turtle files (names and bytes, in name order)."""
    h = hashlib.sha256()
    for p in turtle_files():
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _quads() -> tuple[ox.Quad, ...]:
    out: list[ox.Quad] = []
    for p in turtle_files():
        with p.open("rb") as f:
            for t in ox.parse(f, format=ox.RdfFormat.TURTLE, rename_blank_nodes=True):
                out.append(ox.Quad(t.subject, t.predicate, t.object, _G))
    out += [
        ox.Quad(_G, _TYPE, _VOID_DATASET, _G),
        ox.Quad(_G, _TITLE, ox.Literal("Graf referensi SPBE (ontologi, daftar kode, aplikasi nasional)",
                                       language="id"), _G),
        ox.Quad(_G, _OWL_VERSION, ox.Literal(VERSION), _G),
        ox.Quad(_G, _SHA, ox.Literal(reference_hash()), _G),
    ]
    return tuple(out)


def reference_quads() -> list[ox.Quad]:
    """Every quad of the reference graph, including the version marker (a fresh list each call)."""
    return list(_quads())


def stored_hash(store) -> str | None:
    """The content hash recorded in the store's reference graph, or None if absent."""
    q = f"SELECT ?h WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ <{REFERENCE_GRAPH}> <{SPBE.sha256}> ?h }} }}"
    for row in store.query(q):
        return row["h"].value
    return None


def ensure_reference(store) -> bool:
    """(Re)load the reference graph if it is absent or its version differs; returns True if it loaded.

    The replacement is atomic (``store.replace_graphs``): readers see the old or the new graph.
    """
    if stored_hash(store) == reference_hash():
        return False
    store.replace_graphs([REFERENCE_GRAPH], reference_quads())
    return True
