"""Fast path: run the compiled shapes (:mod:`.compile`) as SPARQL on a store.

Reports exactly what pySHACL reports for the compiled subset (the tests compare both on the example
inventory and on bad data covering every rule). Works on any :class:`~spbe_kg.service.store.Store`
(the query's default graph is the union of all graphs) or a bare ``pyoxigraph.Store``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from .compile import Check
from .result import RawResult


def _query(store, sparql: str):
    if isinstance(store, ox.Store):
        return store.query(sparql, use_default_graph_as_union=True)
    return store.query(sparql)


def run_checks(store, checks: Sequence[Check]) -> list[RawResult]:
    out: list[RawResult] = []
    for c in checks:
        for sol in _query(store, c.query):
            focus = sol["this"]
            if focus is None:
                continue
            value = sol["value"] if c.has_value else None
            out.append(RawResult(focus, c.path, value, c.shape, c.severity, c.component))
    return out
