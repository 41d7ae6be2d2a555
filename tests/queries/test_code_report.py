"""The code-based report (queries/code_report.py) and the rewritten grouped named queries.

* the report's four sections are exactly the rows of the named queries, in their order;
* the named queries (rewritten with sub-selects so that pyoxigraph joins by hashing) answer exactly what
  their straightforward formulation (kept below as REFERENCE, the text before the rewrite) answers, on
  the example inventory and on a small hand-made store with the edge cases (an application without OPD,
  a national application with codes, a Khusus application linked to the Umum one, two names, no names).
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spbe_kg.queries.catalog import get_query, parse_query
from spbe_kg.queries.code_report import SECTIONS, fetch_code_report, rows_of, unordered
from spbe_kg.service.store.embedded import EmbeddedStore

PREFIXES = """PREFIX spbe: <https://w3id.org/spbe/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX ref: <https://w3id.org/spbe/ref/>
"""

REFERENCE = {
    "layanan-sama-kelompok": """PREFIX spbe: <https://w3id.org/spbe/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?kode ?namaKode ?jumlahAplikasi ?jumlahOpd ?jumlahPemda ?aplikasi
WHERE {
  {
    SELECT ?k (COUNT(DISTINCT ?app) AS ?jumlahAplikasi) (COUNT(DISTINCT ?opd) AS ?jumlahOpd)
           (COUNT(DISTINCT ?pemda) AS ?jumlahPemda) (GROUP_CONCAT(DISTINCT COALESCE(?nama, "(tanpa nama)"); separator=" | ") AS ?aplikasi)
    WHERE {
      ?app spbe:kodeRAL ?k ; spbe:opdPengelola ?opd .
      OPTIONAL { ?app spbe:nama ?nama }
      OPTIONAL { ?app spbe:instansi ?pemda }
    }
    GROUP BY ?k
  }
  FILTER(?jumlahOpd >= ?minOpd)
  BIND(STRAFTER(STR(?k), "https://w3id.org/spbe/ref/") AS ?kode)
  FILTER(STRSTARTS(?kode, ?awalan))
  OPTIONAL { ?k skos:prefLabel ?namaKode FILTER(LANG(?namaKode) = "id") }
}
ORDER BY DESC(?jumlahOpd) ?kode
""",
    "fungsi-rab-sama": """PREFIX spbe: <https://w3id.org/spbe/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?kode ?namaKode ?jumlahAplikasi ?jumlahOpd ?jumlahPemda ?aplikasi
WHERE {
  {
    SELECT ?k (COUNT(DISTINCT ?app) AS ?jumlahAplikasi) (COUNT(DISTINCT ?opd) AS ?jumlahOpd)
           (COUNT(DISTINCT ?pemda) AS ?jumlahPemda) (GROUP_CONCAT(DISTINCT COALESCE(?nama, "(tanpa nama)"); separator=" | ") AS ?aplikasi)
    WHERE {
      ?app spbe:kodeRAB ?k ; spbe:opdPengelola ?opd .
      FILTER NOT EXISTS { ?app a spbe:AplikasiNasional }
      OPTIONAL { ?app spbe:nama ?nama }
      OPTIONAL { ?app spbe:instansi ?pemda }
    }
    GROUP BY ?k
  }
  FILTER(?jumlahOpd >= ?minOpd)
  BIND(STRAFTER(STR(?k), "https://w3id.org/spbe/ref/") AS ?kode)
  FILTER(STRSTARTS(?kode, ?awalan))
  OPTIONAL { ?k skos:prefLabel ?namaKode FILTER(LANG(?namaKode) = "id") }
}
ORDER BY DESC(?jumlahOpd) ?kode
""",
    "khusus-tumpang-tindih-umum": """PREFIX spbe: <https://w3id.org/spbe/ontology#>
PREFIX ref: <https://w3id.org/spbe/ref/>
SELECT ?app ?nama ?opd ?pemda ?umum ?namaUmum (GROUP_CONCAT(DISTINCT ?kode; separator=" ") AS ?kodeSama)
WHERE {
  { SELECT DISTINCT ?umum ?k WHERE {
      ?umum a spbe:AplikasiNasional . ?umum a spbe:AplikasiUmum .
      { ?umum spbe:kodeRAL ?k } UNION { ?umum spbe:kodeRAB ?k } } }
  { ?app spbe:kodeRAL ?k } UNION { ?app spbe:kodeRAB ?k }
  ?app spbe:jenisAplikasi <https://w3id.org/spbe/ref/RAA.02> .
  FILTER NOT EXISTS { ?app a spbe:AplikasiNasional }
  FILTER NOT EXISTS { ?app spbe:merupakanAplikasiNasional ?umum }
  BIND(STRAFTER(STR(?k), "https://w3id.org/spbe/ref/") AS ?kode)
  OPTIONAL { ?app spbe:nama ?nama }
  OPTIONAL { ?app spbe:opdPengelola/spbe:nama ?opd }
  OPTIONAL { ?app spbe:instansi/spbe:nama ?pemda }
  OPTIONAL { ?umum spbe:namaSingkat ?namaUmum }
}
GROUP BY ?app ?nama ?opd ?pemda ?umum ?namaUmum
ORDER BY ?namaUmum ?pemda ?nama
""",
    "nasional-dicatat-lokal": """PREFIX spbe: <https://w3id.org/spbe/ontology#>
SELECT ?nasional ?namaNasional (COUNT(DISTINCT ?app) AS ?jumlahCatatan) (COUNT(DISTINCT ?opd) AS ?jumlahOpd)
       (GROUP_CONCAT(DISTINCT COALESCE(?nama, "(tanpa nama)"); separator=" | ") AS ?namaDicatat)
WHERE {
  ?app spbe:merupakanAplikasiNasional ?nasional .
  FILTER NOT EXISTS { ?app a spbe:AplikasiNasional }
  OPTIONAL { ?app spbe:nama ?nama }
  OPTIONAL { ?app spbe:opdPengelola ?opd }
  OPTIONAL { ?nasional spbe:nama ?namaNasional }
}
GROUP BY ?nasional ?namaNasional
ORDER BY DESC(?jumlahCatatan) ?nasional
""",
}

S, R, X = "https://w3id.org/spbe/ontology#", "https://w3id.org/spbe/ref/", "http://x/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _q(s, p, o, g="http://x/g1"):
    p = RDF_TYPE if p == "a" else (p if p.startswith("http") else S + p)
    o = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
    return ox.Quad(ox.NamedNode(X + s), ox.NamedNode(p), o, ox.NamedNode(g))


def _edge_store() -> EmbeddedStore:
    L = ox.Literal
    ral, rab, umum = R + "RAL.02.04.06", R + "RAB.09.06.06", X + "umum"
    quads = [
        _q("umum", "a", S + "AplikasiNasional", "http://x/ref"), _q("umum", "a", S + "AplikasiUmum", "http://x/ref"),
        _q("umum", "kodeRAB", rab, "http://x/ref"), _q("umum", "kodeRAL", ral, "http://x/ref"),
        _q("umum", "nama", L("SRIKANDI nasional"), "http://x/ref"), _q("umum", "namaSingkat", L("SRIKANDI"), "http://x/ref"),
        _q("umum", "opdPengelola", X + "o9", "http://x/ref"),  # a national application with an OPD: not in fungsi
        _q("o1", "nama", L("Dinas A")), _q("o2", "nama", L("Dinas B")), _q("p1", "nama", L("Kab X")),
    ]
    for app, opd, names, khusus, linked in [("a1", "o1", ["eOffice", "E-Office"], True, False),
                                              ("a2", "o2", ["Srikandi"], True, True),
                                              ("a3", "o2", [], True, False),
                                              ("a4", None, ["Tanpa OPD"], False, False),
                                              ("a5", "o3", ["SIMPEG"], False, False)]:
        quads += [_q(app, "kodeRAL", ral), _q(app, "kodeRAB", rab), _q(app, "instansi", X + "p1")]
        quads += [_q(app, "nama", L(n)) for n in names]
        if opd:
            quads.append(_q(app, "opdPengelola", X + opd))
        if khusus:
            quads.append(_q(app, "jenisAplikasi", R + "RAA.02"))
        if linked:
            quads.append(_q(app, "merupakanAplikasiNasional", umum))
    quads.append(_q("a1", "kodeRAL", ral, "http://x/g2"))  # the same triple in a second graph
    st = EmbeddedStore(None)
    st.add_quads(quads)
    return st


def _rows(store, sparql):
    return rows_of(store.query(sparql))


def _same(a: list[dict], b: list[dict]) -> bool:
    """Equal rows in equal order; a GROUP_CONCAT column compared as its set of values."""
    def norm(r):
        return {k: (frozenset(v.split(" | ")) if k in ("aplikasi", "namaDicatat") and v else
                    frozenset(v.split(" ")) if k == "kodeSama" and v else v) for k, v in r.items()}
    return [norm(r) for r in a] == [norm(r) for r in b]


@pytest.fixture(scope="module")
def edge_store():
    return _edge_store()


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_rewritten_query_answers_as_the_reference(sumut_store, edge_store, name):
    q = get_query(name)
    ref = parse_query("# id: r\n# judul: r\n# title: r\n" + "".join(
        f"# param: ?{p.name} — x (default {p.default})\n" for p in q.params) + REFERENCE[name])
    for store in (sumut_store, edge_store):
        new, old = _rows(store, q.bind()), _rows(store, ref.bind())
        assert new and _same(new, old), (name, new, old)


def test_edge_store_answers(edge_store):
    rep = fetch_code_report(edge_store)
    (lay,) = rep.layanan
    assert (lay["kode"], lay["jumlahAplikasi"], lay["jumlahOpd"], lay["jumlahPemda"]) == ("RAL.02.04.06", 5, 4, 1)
    (fun,) = rep.fungsi  # the national application (o9) is left out
    assert (fun["jumlahAplikasi"], fun["jumlahOpd"]) == (4, 3)
    # regression: a3 has no name; the names list used to come back unbound for the whole group
    # (an unbound value makes SPARQL's GROUP_CONCAT an error); it now says "(tanpa nama)" for a3
    assert "(tanpa nama)" in fun["aplikasi"].split(" | ") and "(tanpa nama)" in lay["aplikasi"].split(" | ")
    assert "E-Office" in lay["aplikasi"].split(" | ")
    # a1 (two names) twice, a3 (no name) once; a2 is linked to the Umum application: not a candidate
    assert [(r["app"].rsplit("/", 1)[1], r["nama"], r["namaUmum"]) for r in rep.khusus] == [
        ("a3", None, "SRIKANDI"), ("a1", "E-Office", "SRIKANDI"), ("a1", "eOffice", "SRIKANDI")]
    assert set(rep.khusus[0]["kodeSama"].split()) == {"RAL.02.04.06", "RAB.09.06.06"}
    (nas,) = rep.nasional
    assert (nas["jumlahCatatan"], nas["namaDicatat"], nas["namaNasional"]) == (1, "Srikandi", "SRIKANDI nasional")


@pytest.mark.parametrize("workers", [1, 2])
def test_report_equals_the_named_queries(sumut_store, edge_store, workers):
    for store in (sumut_store, edge_store):
        rep = fetch_code_report(store, workers=workers)
        for section, name in SECTIONS.items():
            assert getattr(rep, section) == _rows(store, get_query(name).bind()), section
    rep = fetch_code_report(sumut_store, workers=workers)
    assert (len(rep.layanan), len(rep.fungsi), len(rep.khusus), len(rep.nasional)) == (37, 35, 35, 26)


def test_report_passes_parameters(sumut_store):
    rep = fetch_code_report(sumut_store, params={"layanan": {"awalan": "RAL.02.04.06"}, "fungsi": {"minOpd": "20"}})
    assert rep.layanan and all(r["kode"].startswith("RAL.02.04.06") for r in rep.layanan)
    assert rep.layanan == _rows(sumut_store, get_query("layanan-sama-kelompok").bind({"awalan": "RAL.02.04.06"}))
    assert all(r["jumlahOpd"] >= 20 for r in rep.fungsi) and len(rep.fungsi) < 35


def test_unordered_drops_only_the_final_order_by():
    text = get_query("khusus-tumpang-tindih-umum").bind()
    out = unordered(text)
    assert "ORDER BY" not in out and out.rstrip().endswith("GROUP BY ?app ?nama ?opd ?pemda ?umum ?namaUmum")
    with pytest.raises(ValueError):
        unordered("SELECT * WHERE { ?s ?p ?o }")
