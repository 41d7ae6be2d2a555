"""Heatmap data: how many applications serve each RAL service code, per pemda (or per OPD inside one pemda).

Codes deeper than level 3 are rolled up to their level-3 ancestor (the national service functions), so
agency-specific codes still land on the shared rows.

>>> h = Heatmap.build([("RAL.02.05.01.01", "Kab A", "Dinas X", 2), ("RAL.02.05.01", "Kab B", "Dinas Y", 1)], {})
>>> h.rows, h.columns, h.cells[("RAL.02.05.01", "Kab A")]
(['RAL.02.05.01'], ['Kab A', 'Kab B'], 2)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spbe_kg.ontology.namespaces import sparql_prefixes

from .catalog import get_query


@dataclass
class Heatmap:
    rows: list[str]  # codes
    labels: dict[str, str]  # code -> label
    columns: list[str]  # pemda names, or OPD names when there is only one pemda
    by: str  # "pemda" | "opd"
    cells: dict[tuple[str, str], int]

    @property
    def max(self) -> int:
        return max(self.cells.values(), default=0)

    @classmethod
    def build(cls, data, labels: dict[str, str]) -> Heatmap:
        pemdas = {p for _, p, _, _ in data if p}
        by = "pemda" if len(pemdas) > 1 else "opd"
        cells: dict[tuple[str, str], int] = defaultdict(int)
        for code, pemda, opd, n in data:
            code = ".".join(code.split(".")[:4])  # prefix + 3 levels
            col = (pemda if by == "pemda" else opd) or "-"
            cells[(code, col)] += n
        rows = sorted({c for c, _ in cells})
        cols = sorted({c for _, c in cells})
        return cls(rows, {r: labels.get(r, "") for r in rows}, cols, by, dict(cells))


def fetch_heatmap(store, *, timeout_s: float | None = None) -> Heatmap:
    q = get_query("peta-kode-pemda").bind()
    data = []
    for s in store.query(q, timeout_s=timeout_s):
        data.append((s["kode"].value, s["pemda"].value if s["pemda"] else "", s["opd"].value if s["opd"] else "",
                     int(s["jumlah"].value)))
    codes = sorted({".".join(c.split(".")[:4]) for c, *_ in data})
    labels: dict[str, str] = {}
    if codes:
        # full IRIs: pyoxigraph 0.5 reads the prefixed name ref:RAL.02.04.06 as ref:RAL.02 followed by .04.06
        values = " ".join(f"<https://w3id.org/spbe/ref/{c}>" for c in codes)
        lq = sparql_prefixes() + f"""SELECT ?c ?l WHERE {{ VALUES ?c {{ {values} }}
            ?c skos:prefLabel ?l FILTER(LANG(?l) = "id" || LANG(?l) = "") }}"""
        for s in store.query(lq, timeout_s=timeout_s):
            labels[s["c"].value.rsplit("/", 1)[-1]] = s["l"].value
    return Heatmap.build(data, labels)
