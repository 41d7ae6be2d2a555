"""Where a result comes from: source file, sheet, row and column, read from the loaders' provenance.

``resource spbe:barisSumber ?row . ?row spbe:nomorBaris ?n ; spbe:lembar ?sheet . ?sheet spbe:berkas ?file ;
spbe:namaLembar ?name ; spbe:pemetaanKolom [ spbe:untukProperti <path> ; spbe:hurufKolom ?col ; spbe:kolom ?hdr ]``.
A resource seen on several rows (an OPD named on every row of its applications) is placed on its first row.
Also gives the labels used in messages (``spbe:nama``) and the OPD a result is grouped under.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from spbe_kg.ontology.namespaces import sparql_prefixes

CHUNK = 400


@dataclass
class Location:
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    columns: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # property -> (letter, header)
    label: str | None = None
    opd: str | None = None
    line: int | None = None  # physical line of a csv record that does not start on line ``row``
    census_no: str | None = None  # the census' own "No" of the row


def _query(store, sparql: str):
    if isinstance(store, ox.Store):
        return store.query(sparql, use_default_graph_as_union=True)
    return store.query(sparql)


def _values(iris: list[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def _val(t) -> str | None:
    return None if t is None else t.value


BULK = 2000  # above this many focus nodes, read all provenance in one pass instead of VALUES chunks

_ROWS = """SELECT ?f ?n ?sheet ?sheetName ?fileName ?line ?no WHERE {{ {values}
  ?f spbe:barisSumber ?row . ?row spbe:nomorBaris ?n ; spbe:lembar ?sheet .
  OPTIONAL {{ ?row spbe:barisFisik ?line }} OPTIONAL {{ ?row spbe:nomorSensus ?no }}
  OPTIONAL {{ ?sheet spbe:namaLembar ?sheetName }}
  OPTIONAL {{ ?sheet spbe:berkas ?file . ?file spbe:namaBerkas ?fileName }}
}}"""
_NAMES = """SELECT ?f ?label ?opd ?self WHERE {{ {values}
  {{ ?f spbe:nama ?label
     OPTIONAL {{ ?f spbe:opdPengelola ?u . ?u spbe:nama ?opd }}
     OPTIONAL {{ ?f a spbe:PerangkatDaerah ; spbe:nama ?self }} }}
  UNION {{ ?f spbe:opdPengelola ?u . ?u spbe:nama ?opd FILTER NOT EXISTS {{ ?f spbe:nama ?x }} }}
}}"""


def locate(store, focus_iris: Iterable[str]) -> dict[str, Location]:
    """Location and labels of each focus IRI (blank nodes are skipped)."""
    iris = sorted({i for i in focus_iris if i and not i.startswith("_:")})
    out: dict[str, Location] = {i: Location() for i in iris}
    pre = sparql_prefixes()
    parts = [iris] if len(iris) > BULK else list(_chunks(iris))
    sheet_of: dict[str, str] = {}
    for part in parts:
        values = "" if len(iris) > BULK else f"VALUES ?f {{ {_values(part)} }}"
        for r in _query(store, pre + _ROWS.format(values=values)):
            loc = out.get(r["f"].value)
            if loc is None:
                continue
            n = int(r["n"].value)
            if loc.row is None or n < loc.row:
                loc.row, loc.sheet, loc.file = n, _val(r["sheetName"]), _val(r["fileName"])
                line = _val(r["line"])
                loc.line, loc.census_no = (int(line) if line else None), _val(r["no"])
                sheet_of[r["f"].value] = r["sheet"].value
        for r in _query(store, pre + _NAMES.format(values=values)):
            loc = out.get(r["f"].value)
            if loc is None:
                continue
            loc.label = loc.label or _val(r["label"])
            loc.opd = loc.opd or _val(r["opd"]) or _val(r["self"])
    cols: dict[str, dict[str, tuple[str | None, str | None]]] = {}
    for sp in _chunks(sorted(set(sheet_of.values()))):
        for r in _query(store, pre + f"""
            SELECT ?sheet ?prop ?col ?hdr WHERE {{
              VALUES ?sheet {{ {_values(sp)} }}
              ?sheet spbe:pemetaanKolom ?m . ?m spbe:untukProperti ?prop .
              OPTIONAL {{ ?m spbe:hurufKolom ?col }} OPTIONAL {{ ?m spbe:kolom ?hdr }}
            }} ORDER BY ?col"""):
            d = cols.setdefault(r["sheet"].value, {})
            d.setdefault(r["prop"].value, (_val(r["col"]), _val(r["hdr"])))
    for f, sheet in sheet_of.items():
        out[f].columns = cols.get(sheet, {})
    return out


def labels(store, iris: Iterable[str]) -> dict[str, str]:
    """``spbe:nama`` (else ``rdfs:label`` / ``skos:prefLabel``) of each IRI that has one."""
    iris = sorted({i for i in iris if i and not i.startswith("_:")})
    out: dict[str, str] = {}
    pre = sparql_prefixes()
    for part in _chunks(iris):
        for r in _query(store, pre + f"""
            SELECT ?x (SAMPLE(?n) AS ?nama) (SAMPLE(?l) AS ?label) WHERE {{
              VALUES ?x {{ {_values(part)} }}
              OPTIONAL {{ ?x spbe:nama ?n }} OPTIONAL {{ ?x rdfs:label|skos:prefLabel ?l }}
            }} GROUP BY ?x"""):
            name = _val(r["nama"]) or _val(r["label"])
            if name:
                out[r["x"].value] = name
    return out
