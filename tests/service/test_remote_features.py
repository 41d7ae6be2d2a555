"""The loaders, validation and duplicate features over remote stores (issue 5): `spbe load`,
`spbe validate` and `spbe duplicates` with `--endpoint` against a real `oxigraph serve` and a real
Debian Virtuoso give what they give on the embedded store.

Each backend gets its own server here (module scope), because these tests write fixed graph IRIs
(the example inventory's graphs, the reference graph, the findings graph). On Virtuoso the reference
graph (8.7k triples) and the xlsx graph (12k) are larger than one update request can hold there:
they go through the chunked staging load (service/store/staged.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import spbe_test_servers as servers  # registered by tests/service/store_fixtures.py

ROOT = Path(__file__).resolve().parents[2]
SUMUT = ROOT / "examples" / "sumut"
FILES = sorted(SUMUT.glob("*.xlsx")) + sorted(SUMUT.glob("*.csv"))


def spbe(*argv) -> tuple[int, str, str]:
    import contextlib
    import io

    from spbe_kg.service.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def converted(paths):
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.settings import Settings

    return convert_files(list(paths), settings=Settings())


_TIMES = ("prov#generatedAtTime", "prov#startedAtTime", "prov#endedAtTime")  # the load's clock


def stable(triples) -> set[str]:
    return {str(t) for t in triples if not any(x in t.predicate.value for x in _TIMES)}


def graph_triples(store, graph: str) -> set[str]:
    return stable(store._query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))


@pytest.fixture(scope="module")
def expected():
    res = converted(FILES)
    by_graph: dict[str, set[str]] = {}
    for q in res.quads:
        by_graph.setdefault(q.graph_name.value, set()).update(stable([q.triple]))
    return res, by_graph


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """The example inventory in an embedded store, and what validate / duplicates say about it."""
    d = tmp_path_factory.mktemp("emb") / "store"
    assert spbe("load", *FILES, "--store", d)[0] == 0
    code, out, err = spbe("validate", "--store", d, "--format", "json")
    dcode, dout, derr = spbe("duplicates", "--store", d, "--format", "json")
    assert dcode == 0, derr
    return {"validate": (code, json.loads(out)), "duplicates": json.loads(dout)}


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def remote(request, tmp_path_factory):
    """(query URL, RemoteStore) of a dedicated real server holding nothing yet."""
    from spbe_kg.service.store.remote import RemoteStore

    if request.param == "virtuoso":
        with servers.virtuoso_server(tmp_path_factory.mktemp("virt-features")) as url:
            store = RemoteStore(url)
            yield url, store
            store.close()
        return
    with servers.oxigraph_server(tmp_path_factory.mktemp("oxi-features")) as base:
        store = RemoteStore(base + "/query", base + "/update", base + "/store")
        yield base + "/query", store
        store.close()


@pytest.fixture(scope="module")
def loaded(remote):
    url, store = remote
    code, out, err = spbe("load", *FILES, "--endpoint", url)
    assert code == 0, err
    return url, store


def test_load_lands_every_row(loaded, expected):
    from spbe_kg.ontology.reference import REFERENCE_GRAPH, reference_quads

    url, store = loaded
    res, by_graph = expected
    assert len(by_graph) == 3
    for graph, triples in by_graph.items():
        assert graph_triples(store, graph) == triples, graph
    rows = sum(f.loaded for f in res.files)
    apps = list(store.query("PREFIX spbe: <https://w3id.org/spbe/ontology#> "
                            "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a spbe:Aplikasi }"))
    assert int(apps[0]["n"].value) > 0 and rows == 653
    ref = list(store._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{REFERENCE_GRAPH}> {{ ?s ?p ?o }} }}"))
    assert int(ref[0]["n"].value) == len(reference_quads())
    staging = list(store._query("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:x-spbe:staging')) } LIMIT 1"))
    assert staging == []  # no staging graph left behind


def test_reload_replaces_the_files_graph(loaded, expected, tmp_path):
    url, store = loaded
    src = SUMUT / "aplikasi_kab_simalungun.csv"
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    fewer = tmp_path / src.name  # same file name: same graph
    fewer.write_text("".join(lines[:11]), encoding="utf-8")
    new = converted([fewer])
    graph = new.graphs[0]
    assert graph in expected[1] and 0 < len(new.quads) < len(expected[1][graph])
    assert spbe("load", fewer, "--endpoint", url)[0] == 0
    assert graph_triples(store, graph) == stable(q.triple for q in new.quads)
    for other, triples in expected[1].items():
        if other != graph:
            assert graph_triples(store, other) == triples
    assert spbe("load", src, "--endpoint", url)[0] == 0  # back to the full file
    assert graph_triples(store, graph) == expected[1][graph]


def _results(report: dict) -> list:
    found = report.get("results") if isinstance(report, dict) else report
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in found)


def test_validate_same_as_embedded(loaded, embedded):
    url, _ = loaded
    code, out, err = spbe("validate", "--endpoint", url, "--format", "json")
    ecode, ereport = embedded["validate"]
    assert code == ecode, err
    report = json.loads(out)
    assert _results(report) == _results(ereport)
    assert len(_results(report)) > 0  # the example inventory has known problems


def test_duplicates_same_clusters_as_embedded(loaded, embedded):
    url, store = loaded
    code, out, err = spbe("duplicates", "--endpoint", url, "--format", "json")
    assert code == 0, err
    got, exp = json.loads(out), json.loads(json.dumps(embedded["duplicates"]))
    for report in (got, exp):
        report["ringkasan"].pop("detik")  # how long each step took
    assert len(got["klaster"]) > 0
    assert got == exp
