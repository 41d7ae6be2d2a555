"""Issue 13: constant BINDs folded into the pattern (service/sparql/fold.py) give the same answer as the
query as written, on a real pyoxigraph store, and are refused wherever they could change it."""

from __future__ import annotations

import httpx
import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks.servers import app_server
from spbe_kg.service.app import create_app
from spbe_kg.service.sparql import cheap, fold
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

E = "http://example.org/"
P = f"PREFIX e: <{E}> "

FOLDED = [
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) . ?s ?p ?o }}",
    f"CONSTRUCT {{ ?s ?p ?o . ?o <{E}back> $s }} WHERE {{ BIND(<{E}app/1> AS $s) ?s ?p ?o }}",
    P + "CONSTRUCT { ?s ?p ?o } WHERE { BIND(e:app\\/2 AS ?s) # anchor\n ?s ?p ?o } LIMIT 3",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) BIND(<{E}p2> AS ?p) ?s ?p ?o }}",
    f"CONSTRUCT {{ ?x <{E}links> ?o }} WHERE {{ BIND(<{E}hub> AS ?x) ?x <{E}has> ?o }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/3> AS ?o) ?s ?p ?o }}",  # the object position
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}nothing> AS ?s) ?s ?p ?o }}",  # empty answer
    f"SELECT ?p ?o WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    f"ASK {{ BIND(<{E}app/1> AS ?s) ?s <{E}p0> ?o }}",
    f"ASK {{ BIND(<{E}nothing> AS ?s) ?s ?p ?o }}",
]

NOT_FOLDED = {
    "SELECT * projects the variable": f"SELECT * WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    "SELECT ?s projects it": f"SELECT ?s ?p WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    "an expression in the projection": f"SELECT (STR(?s) AS ?t) ?p WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    "a literal (not allowed as a predicate)": 'CONSTRUCT { ?s ?p ?o } WHERE { BIND("v1" AS ?o) ?s ?p ?o }',
    "an expression": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(IRI(\"{E}app/1\") AS ?s) ?s ?p ?o }}",
    "the variable glued to a bracket": f"CONSTRUCT {{ ?s ?p [ ?p ?s] }} WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}",
    "no BIND": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ <{E}app/1> ?p ?o }}",
    "DESCRIBE": f"DESCRIBE <{E}app/1>",
}


@pytest.fixture(scope="module")
def store():
    st = EmbeddedStore(None)
    g = ox.NamedNode(E + "g")
    st.add_quads(ox.Quad(ox.NamedNode(f"{E}app/{i // 4}"), ox.NamedNode(f"{E}p{i % 4}"),
                         ox.Literal(f"v{i}") if i % 3 else ox.NamedNode(f"{E}app/{i % 7}"), g) for i in range(400))
    st.add_quads(ox.Quad(ox.NamedNode(E + "hub"), ox.NamedNode(E + "has"), ox.NamedNode(f"{E}app/{i}"), g)
                 for i in range(30))
    return st


def _answer(store, q: str):
    r = store.query(q)
    if isinstance(r, ox.QueryBoolean):
        return bool(r)
    if isinstance(r, ox.QueryTriples):
        return sorted(str(t) for t in r)
    return sorted(tuple(str(s[v]) if s[v] is not None else None for v in r.variables) for s in r)


@pytest.mark.parametrize("q", FOLDED)
def test_a_folded_query_has_the_same_answer(store, q):
    f = fold.plan(q)
    assert f is not None, q
    folded = fold.apply(q, f)
    assert "BIND" not in folded.upper(), folded
    assert _answer(store, folded) == _answer(store, q)
    if "LIMIT" not in q:  # and the very same answer, not only as many rows
        assert _answer(store, q) == _answer(store, folded)


@pytest.mark.parametrize("name", sorted(NOT_FOLDED))
def test_folds_that_could_change_the_answer_are_refused(name):
    assert fold.plan(NOT_FOLDED[name]) is None


def test_the_plan_holds_for_every_text_of_the_shape_and_with_the_endpoints_base(store):
    a = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o }}"
    b = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/5> AS ?s) ?s ?p ?o }}"
    assert cheap.shape(a) == cheap.shape(b)
    f = fold.plan(a)
    assert f is not None
    assert _answer(store, fold.apply(b, f)) == _answer(store, b) != []
    based = "BASE <http://127.0.0.1/sparql> " + b.replace(f"<{E}app/5>", "<http://example.org/app/5>")
    assert fold.apply(based, f).startswith("BASE <http://127.0.0.1/sparql> CONSTRUCT { <http://example.org/app/5> ")
    # a text the plan does not fit is left as it is
    other = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert fold.apply(other, f) == other


def test_the_decision_carries_the_fold_only_for_the_loop():
    assert cheap.decide(FOLDED[0]).fold is not None
    # a FILTER keeps the query off the loop: nothing is folded there
    assert cheap.decide(f'CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/1> AS ?s) ?s ?p ?o FILTER(?o != "x") }}').fold is None


def test_the_endpoint_answers_a_folded_construct_as_the_engine_does(tmp_path):
    """Through a real uvicorn: the first request (shape unknown: a worker runs the query as written) and
    the next ones (in process, folded) give the same triples as pyoxigraph on the query as written."""
    st = EmbeddedStore(tmp_path / "store")
    g = ox.NamedNode(E + "g")
    st.add_quads(ox.Quad(ox.NamedNode(f"{E}app/{i // 4}"), ox.NamedNode(f"{E}p{i % 4}"), ox.Literal(f"v{i}"), g)
                 for i in range(400))
    app = create_app(Settings(store="embedded", data_dir=tmp_path / "store", query_workers=1), store=st)
    try:
        with app_server(app) as url:
            for i in range(4):
                q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{E}app/{i}> AS ?s) ?s ?p ?o }}"
                r = httpx.get(url + "/sparql", params={"query": q}, headers={"Accept": "application/n-triples"}, timeout=30)
                assert r.status_code == 200
                got = sorted(str(t) for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))
                assert got == sorted(str(t) for t in st.query(q)) and len(got) == 4
                inline = app.state.cache["admission"].inline
                inline.classifier.wait_idle()
            assert inline.loop_runs >= 3
            assert inline.classifier.lookup(q).fold is not None
    finally:
        st.close()
