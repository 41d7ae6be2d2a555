"""pyoxigraph's own result writers (issue 13): same answers as the capped writer, the row cap and
the byte budget still hold (the query then runs again through the capped writer)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from spbe_kg.service.sparql import results
from spbe_kg.service.sparql.execute import QueryJob, run_query
from spbe_kg.service.store.embedded import EmbeddedStore

E = "http://e/"


@pytest.fixture
def store():
    s = EmbeddedStore(None)
    g = ox.NamedNode(E + "g")
    quads = [ox.Quad(ox.NamedNode(f"{E}s{i}"), ox.NamedNode(E + "p"), o, g) for i, o in enumerate([
        ox.Literal("plain, with \"quotes\"\nand a newline\tand a tab"),
        ox.Literal("kota", language="id"),
        ox.Literal("42", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        ox.BlankNode("b1"),
        ox.NamedNode(E + "o"),
    ])]
    s.add_quads(quads)
    return s


SELECT = "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?s <http://e/none> ?unbound } } ORDER BY ?s"
FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def _rows(body: bytes, fmt) -> list[tuple]:
    return [tuple(str(sol[v]) if sol[v] is not None else None for v in ("s", "o", "unbound"))
            for sol in ox.parse_query_results(body, format=fmt)]


@pytest.mark.parametrize("media", list(FORMATS))
def test_native_writer_gives_the_capped_writers_answer(store, media):
    native = results.serialize_native(store.query(SELECT), media, max_rows=100)
    capped = results.serialize(store.query(SELECT), media, max_rows=100)
    assert native is not None and native.media_type == capped.media_type
    if media == "text/csv":  # CSV carries no term kinds: compare the text
        assert native.body.count(b"\r\n") == capped.body.count(b"\r\n") == 6
    else:
        assert _rows(native.body, FORMATS[media]) == _rows(capped.body, FORMATS[media])
        assert len(_rows(native.body, FORMATS[media])) == 5


@pytest.mark.parametrize("media", list(FORMATS))
def test_native_writer_refuses_more_rows_than_the_cap(store, media):
    assert results.serialize_native(store.query(SELECT), media, max_rows=5) is not None
    assert results.serialize_native(store.query(SELECT), media, max_rows=4) is None


def test_native_writer_stops_at_its_byte_budget():
    s = EmbeddedStore(None)
    s.add_quads([ox.Quad(ox.NamedNode(E + "s"), ox.NamedNode(E + "p"), ox.Literal("x" * (results.BYTES_PER_ROW * 4)))])
    assert results.serialize_native(s.query("SELECT ?o { ?s ?p ?o }"), "text/csv", max_rows=1) is None
    # run_query then answers through the capped writer: the row is there, nothing truncated
    out = run_query(s, QueryJob("SELECT ?o { ?s ?p ?o }", "text/csv", max_rows=1))
    assert out.status == 200 and not out.truncated and out.body.count(b"x") == results.BYTES_PER_ROW * 4


@pytest.mark.parametrize("media", [*FORMATS, "text/turtle", "application/n-triples"])
def test_run_query_caps_rows_and_says_so(media):
    s = EmbeddedStore(None)
    s.add_quads([ox.Quad(ox.NamedNode(f"{E}s{i}"), ox.NamedNode(E + "p"), ox.Literal(str(i))) for i in range(30)])
    query = "SELECT ?s ?o { ?s ?p ?o }" if media in FORMATS else "CONSTRUCT WHERE { ?s ?p ?o }"
    out = run_query(s, QueryJob(query, media, max_rows=7))
    assert out.status == 200 and out.truncated and out.rows == 7
    if media == "text/csv":
        assert out.body.count(b"\r\n") == 8  # header and 7 rows
    elif media in FORMATS:
        assert len(list(ox.parse_query_results(out.body, format=FORMATS[media]))) == 7
    else:
        assert len(list(ox.parse(out.body, format=results.GRAPH_TYPES[media]))) == 7
    whole = run_query(s, QueryJob(query, media, max_rows=30))
    assert whole.status == 200 and not whole.truncated


def test_construct_native_in_turtle_keeps_every_triple(store):
    q = "CONSTRUCT WHERE { ?s ?p ?o }"
    native = results.serialize_native(store.query(q), "text/turtle", max_rows=100)
    assert native is not None and native.media_type == "text/turtle; charset=utf-8"
    got = {(str(t.subject), str(t.object)) for t in ox.parse(native.body, format=ox.RdfFormat.TURTLE)}
    want = {(str(t.subject), str(t.object)) for t in store.query(q)}
    assert len(got) == 5 and {s for s, _ in got} == {s for s, _ in want}
    assert not results.native_media(store.query(q), "application/ld+json")  # the capped path writes JSON-LD
