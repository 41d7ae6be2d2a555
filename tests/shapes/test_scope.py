"""Scoping: an upload is validated with the reference data it points to, nothing else; whole-store too."""

from __future__ import annotations

import pyoxigraph as ox

from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from spbe_kg.shapes.scope import scoped_quads
from spbe_kg.shapes.validate import validate_quads, validate_store

from .helpers import turtle

REFG = ox.NamedNode("https://w3id.org/spbe/graph/referensi")


def _in_graph(quads, g):
    return [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(g)) for q in quads]


def test_scope_adds_pointed_reference_and_ancestors_only():
    ref = turtle("reference-mini.ttl")
    up = turtle("bad.ttl")
    subjects = {q.subject.value for q in scoped_quads(up, ref) if isinstance(q.subject, ox.NamedNode)}
    # the agency code RAL.02.04.06.01 brings its national ancestors and the national app sharing the code
    assert {"https://w3id.org/spbe/ref/RAL.02.04.06", "https://w3id.org/spbe/ref/RAL.02.04",
            "https://w3id.org/spbe/id/aplikasi-nasional/srikandi", "https://w3id.org/spbe/id/instansi/anri"} <= subjects
    # SIPD shares RAB.01.10.01 with SIMPUS, so it is in; a sibling code nobody uses is not
    assert "https://w3id.org/spbe/id/aplikasi-nasional/sipd" in subjects
    assert "https://w3id.org/spbe/ref/RAD.01" in subjects
    assert "https://w3id.org/spbe/ref/RAD.01.01" not in subjects
    no_codes = [q for q in up if "kode" not in q.predicate.value]
    subjects2 = {q.subject.value for q in scoped_quads(no_codes, ref) if isinstance(q.subject, ox.NamedNode)}
    assert "https://w3id.org/spbe/id/aplikasi-nasional/sipd" not in subjects2


def test_upload_is_not_mixed_with_other_data():
    ref = turtle("reference-mini.ttl")
    other = ox.Quad(ox.NamedNode("https://w3id.org/spbe/id/aplikasi/x/y/z"),
                    ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                    ox.NamedNode("https://w3id.org/spbe/ontology#Aplikasi"))
    rep = validate_quads([], settings=Settings(), reference=ref)
    assert rep.results == []
    store_rep = validate_quads([other], settings=Settings(), reference=ref, scope="store")
    assert {r.focus for r in store_rep.results} == {other.subject.value}


def test_whole_store_validation_equals_upload_validation_of_the_same_data():
    ref, bad = turtle("reference-mini.ttl"), turtle("bad.ttl")
    store = EmbeddedStore(None)
    store.add_quads(_in_graph(ref, REFG.value) + _in_graph(bad, "https://w3id.org/spbe/id/graph/inventaris-uji-csv"))
    whole = validate_store(store, settings=Settings())
    upload = validate_quads(bad, settings=Settings(), reference=ref)
    key = lambda r: (r.rule_id, r.focus, r.value, r.file, r.row, r.column)  # noqa: E731
    assert sorted(map(key, whole.results)) == sorted(map(key, upload.results))
    assert whole.scope == "store" and not whole.conforms
    py = validate_store(store, settings=Settings(), engine="pyshacl")
    assert sorted(map(key, py.results)) == sorted(map(key, whole.results))


def test_fail_on_levels(tmp_path):
    from spbe_kg.loaders.api import convert_files

    from .helpers import GOOD_CSV

    f = tmp_path / "baik.csv"
    f.write_text(GOOD_CSV, encoding="utf-8")
    quads = convert_files([f], settings=Settings()).quads
    rep = validate_quads(quads, settings=Settings())
    assert rep.conforms, [(r.rule_name, r.message_en) for r in rep.results if r.severity != "Info"]
    assert rep.counts()["Violation"] == rep.counts()["Warning"] == 0
    assert rep.counts()["Info"] >= 1
    assert not validate_quads(quads, settings=Settings(), fail_on="info").conforms
