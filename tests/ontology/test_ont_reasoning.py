"""HermiT (owlready2, Java) finds the ontology + code lists + national apps consistent, alone and with a
real inventory converted by the loaders; and it does catch contradictions (the check can fail)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from spbe_kg.ontology.namespaces import SPBE
from spbe_kg.ontology.reasoning import hermit_consistent, hermit_copy
from spbe_kg.ontology.reference import reference_quads

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
X = ox.NamedNode("http://example.org/x")


def _n(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def test_reference_graph_is_consistent():
    ok, msg = hermit_consistent(reference_quads())
    assert ok, msg


def test_reference_has_xsd_date_and_gyear_so_the_rewrite_matters():
    dts = {q.object.datatype.value for q in reference_quads() if isinstance(q.object, ox.Literal)}
    assert {XSD + "date", XSD + "gYear"} <= dts
    fixed = {t.object.datatype.value for t in hermit_copy(reference_quads()) if isinstance(t.object, ox.Literal)}
    assert XSD + "date" not in fixed and XSD + "gYear" not in fixed


def test_date_rewrite_keeps_value_and_timezone():
    q = ox.Triple(X, X, ox.Literal("2020-01-02Z", datatype=ox.NamedNode(XSD + "date")))
    assert hermit_copy([q])[0].object == ox.Literal("2020-01-02T00:00:00Z", datatype=ox.NamedNode(XSD + "dateTime"))


def test_contradictions_are_found():
    y = ox.NamedNode("http://example.org/y")
    bad = [ox.Triple(X, TYPE, _n(SPBE.AplikasiUmum)), ox.Triple(X, TYPE, _n(SPBE.AplikasiKhusus)),
           # an application "serving" a business process: Layanan and ProsesBisnis are disjoint
           ox.Triple(y, _n(SPBE.melayani), X)]
    ok, msg = hermit_consistent(reference_quads() + bad)
    assert not ok and "tidak konsisten" in msg


def test_ill_typed_literal_is_reported_not_raised():
    bad = [ox.Triple(X, _n(SPBE.nomorBaris), ox.Literal("tiga", datatype=ox.NamedNode(XSD + "integer")))]
    ok, msg = hermit_consistent(reference_quads() + bad)
    assert not ok and "literal" in msg


def test_reference_with_the_madiun_inventory_is_consistent(shared):
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.settings import Settings

    csv_path = shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")
    r = convert_files([Path(csv_path)], settings=Settings(store="memory"), instansi="Pemerintah Kabupaten Madiun",
                      partial=True)
    assert len(r.quads) > 1000
    ok, msg = hermit_consistent(reference_quads() + r.quads)
    assert ok, msg
