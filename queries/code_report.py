"""The code-based duplicate report: the four grouped named queries, run together, ordered in Python.

Sections (each one named query, ``queries/<name>.rq``, the single source of the SPARQL):

* ``layanan``  — ``layanan-sama-kelompok``: RAL codes served by applications in >= 2 OPDs, grouped;
* ``fungsi``   — ``fungsi-rab-sama``: the same for RAB functions (national applications left out);
* ``khusus``   — ``khusus-tumpang-tindih-umum``: Aplikasi Khusus sharing a code with a national Aplikasi Umum;
* ``nasional`` — ``nasional-dicatat-lokal``: national applications re-recorded as local ones.

Why a module and not just the four queries one after another: at national scale (27,000
applications) pyoxigraph 0.5 spends ~0.15 s of ``khusus-tumpang-tindih-umum`` in its final
``ORDER BY`` (it decodes the strings at every comparison of 4,000+ rows); here each query runs
without its trailing ``ORDER BY`` and the rows are sorted in Python with the same keys (unbound
first, strings by code point, counts descending), and with ``workers`` > 1 the queries run in
threads (pyoxigraph evaluates partly outside the GIL). The rows are exactly those of the named
queries, in the same order (tests/queries/test_code_report.py); measured in
benchmarks/results/duplicates.md.

Each row is a dict keyed by the query's variables: counts as ``int``, every other value its string
(IRIs without brackets), unbound as ``None``; the ``GROUP_CONCAT`` columns (``aplikasi``,
``namaDicatat``, ``kodeSama``) stay one string, as the queries return them.

>>> from spbe_kg.service.store.embedded import EmbeddedStore
>>> import pyoxigraph as ox
>>> S, R = "https://w3id.org/spbe/ontology#", "https://w3id.org/spbe/ref/"
>>> def t(s, p, o): return ox.Quad(ox.NamedNode("http://x/" + s), ox.NamedNode(S + p),
...                               o if isinstance(o, ox.Literal) else ox.NamedNode(o))
>>> st = EmbeddedStore(None)
>>> st.add_quads([t("a1", "kodeRAL", R + "RAL.02.04.06"), t("a1", "opdPengelola", "http://x/o1"),
...               t("a2", "kodeRAL", R + "RAL.02.04.06"), t("a2", "opdPengelola", "http://x/o2")])
>>> rep = fetch_code_report(st)
>>> [(r["kode"], r["jumlahAplikasi"], r["jumlahOpd"]) for r in rep.layanan]
[('RAL.02.04.06', 2, 2)]
>>> rep.fungsi, rep.khusus, rep.nasional
([], [], [])
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .catalog import get_query

# section -> (named query, sort key of its ORDER BY)
SECTIONS = {
    "layanan": "layanan-sama-kelompok",   # ORDER BY DESC(?jumlahOpd) ?kode
    "fungsi": "fungsi-rab-sama",          # ORDER BY DESC(?jumlahOpd) ?kode
    "khusus": "khusus-tumpang-tindih-umum",  # ORDER BY ?namaUmum ?pemda ?nama
    "nasional": "nasional-dicatat-lokal",  # ORDER BY DESC(?jumlahCatatan) ?nasional
}
COUNTS = {"jumlahAplikasi", "jumlahOpd", "jumlahPemda", "jumlahCatatan"}
_ORDER = re.compile(r"\n\s*ORDER BY[^\n{}]*\s*$")


def _nf(v):
    """SPARQL ORDER BY puts unbound first."""
    return (v is not None, v or "")


_KEYS = {
    "layanan": lambda r: (-(r["jumlahOpd"] or 0), _nf(r["kode"])),
    "fungsi": lambda r: (-(r["jumlahOpd"] or 0), _nf(r["kode"])),
    "khusus": lambda r: (_nf(r["namaUmum"]), _nf(r["pemda"]), _nf(r["nama"])),
    "nasional": lambda r: (-(r["jumlahCatatan"] or 0), _nf(r["nasional"])),
}


@dataclass
class CodeReport:
    layanan: list[dict] = field(default_factory=list)
    fungsi: list[dict] = field(default_factory=list)
    khusus: list[dict] = field(default_factory=list)
    nasional: list[dict] = field(default_factory=list)


def unordered(sparql: str) -> str:
    """The query without its final ``ORDER BY`` line (the named queries end with one)."""
    out = _ORDER.sub("\n", sparql)
    if out == sparql:
        raise ValueError("no final ORDER BY")
    return out


def rows_of(results) -> list[dict]:
    """pyoxigraph query solutions as dicts (counts as int, other terms as their string value)."""
    names = [v.value for v in results.variables]
    out = []
    for sol in results:
        row = {}
        for i, n in enumerate(names):
            t = sol[i]
            row[n] = None if t is None else (int(t.value) if n in COUNTS else t.value)
        out.append(row)
    return out


def _section(store, section: str, params: dict[str, str] | None, timeout_s: float | None) -> list[dict]:
    sparql = unordered(get_query(SECTIONS[section]).bind(params))
    rows = rows_of(store.query(sparql, timeout_s=timeout_s))
    rows.sort(key=_KEYS[section])  # stable, as the engine's ORDER BY
    return rows


def fetch_code_report(store, *, params: dict[str, dict[str, str]] | None = None, timeout_s: float | None = None,
                      workers: int = 2) -> CodeReport:
    """The four sections from any store (embedded or remote). ``params``: section -> query parameters
    (e.g. ``{"layanan": {"awalan": "RAL.02"}}``)."""
    params = params or {}
    names = list(SECTIONS)
    if workers <= 1:
        got = [_section(store, s, params.get(s), timeout_s) for s in names]
    else:
        with ThreadPoolExecutor(workers) as ex:
            got = list(ex.map(lambda s: _section(store, s, params.get(s), timeout_s), names))
    return CodeReport(**dict(zip(names, got)))


def to_json_obj(rep: CodeReport) -> dict[str, list[dict]]:
    """The sections keyed by their named query (the name ``spbe query NAME`` takes)."""
    return {name: getattr(rep, section) for section, name in SECTIONS.items()}


def json_key(lang: str) -> str:
    """The key of the code-based report in the JSON of ``spbe duplicates`` / ``GET /duplicates``."""
    return "codeReport" if lang == "en" else "laporanKode"
