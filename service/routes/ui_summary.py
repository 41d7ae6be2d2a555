"""What the home page says about the store: counts and the loaded source files, kept a short while.

The figures are cached per app for ``settings.ui_summary_cache_s`` seconds: at national scale the
triple count alone costs about half a second, and the home page is the page everyone opens first.
"""

from __future__ import annotations

import logging
import time

from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.settings import Settings

from ..store.base import Store

log = logging.getLogger(__name__)

# What the home page counts. "Recorded applications" = every spbe:Aplikasi (subclasses included) minus
# the national-application individuals of the reference graph: two cheap counts instead of a FILTER NOT
# EXISTS per application (0.01 s against 0.2 s at 5,000 applications).
_COUNTS = (
    ("all_apps", "?x a/rdfs:subClassOf* spbe:Aplikasi ."),
    ("stat_national", "?x a spbe:AplikasiNasional ."),
    ("stat_instansi", "?x a/rdfs:subClassOf* spbe:Instansi ."),
    ("stat_units", "?x a/rdfs:subClassOf* spbe:UnitKerja ."),
    ("stat_files", "?x a spbe:SumberBerkas ."),
)
_SHOWN = ("stat_apps", "stat_national", "stat_instansi", "stat_units", "stat_files", "stat_triples")


def store_summary(store: Store | None, settings: Settings, cache: dict) -> dict:
    """Counts shown on the home page, kept in the app's ``cache`` for ``settings.ui_summary_cache_s`` seconds.

    Any store failure becomes a note on the page, never an error page."""
    cached = cache.get("ui_summary")
    if cached is not None and time.monotonic() - cached[0] < settings.ui_summary_cache_s:
        return cached[1]
    summary = compute_summary(store, settings)
    if summary["error"] is None:
        cache["ui_summary"] = (time.monotonic(), summary)
    return summary


def compute_summary(store, settings: Settings) -> dict:
    if store is None:
        return {"error": "store belum dibuka / store not open", "figures": [], "files": [], "kind": None, "empty": True}
    prefixes = "PREFIX spbe: <{}>\nPREFIX rdfs: <{}>\n".format(PREFIXES["spbe"], PREFIXES["rdfs"])
    n: dict[str, int] = {}
    try:
        for key, pattern in _COUNTS:
            res = store.query(
                f"{prefixes}SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}",
                timeout_s=min(settings.query_timeout_s, 10.0),
            )
            row = next(iter(res), None)
            n[key] = int(row["n"].value) if row is not None and row["n"] is not None else 0
        n["stat_triples"] = int(store.triple_count())
        files = [
            {k: (r[k].value if r[k] is not None else None) for k in ("g", "nama", "baris", "dimuat", "dilewati")}
            for r in store.query(prefixes + _FILES_QUERY, timeout_s=min(settings.query_timeout_s, 10.0))
        ]
    except Exception as e:  # noqa: BLE001 - shown as a short note; details go to the log
        log.warning("ui: store summary failed: %s", e)
        return {"error": type(e).__name__, "figures": [], "files": [], "kind": store.kind, "empty": False}
    n["stat_apps"] = max(n.pop("all_apps") - n["stat_national"], 0)
    return {"error": None, "figures": [(k, n[k]) for k in _SHOWN], "files": files, "kind": store.kind,
            "empty": n["stat_triples"] == 0}


# The loaded source files (one named graph each) with the loader's row counts.
_FILES_QUERY = """SELECT ?g ?nama ?baris ?dimuat ?dilewati WHERE {
  GRAPH ?g { ?b a spbe:SumberBerkas ; spbe:namaBerkas ?nama .
    OPTIONAL { ?b spbe:jumlahBaris ?baris } OPTIONAL { ?b spbe:jumlahDimuat ?dimuat }
    OPTIONAL { ?b spbe:jumlahDilewati ?dilewati } }
} ORDER BY ?nama LIMIT 500"""
