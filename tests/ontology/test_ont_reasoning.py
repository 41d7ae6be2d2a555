"""HermiT (owlready2, Java) finds the ontology + code lists + national apps consistent, alone and with a
real inventory converted by the loaders; and it does catch contradictions (the check can fail)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from spbe_kg.ontology.namespaces import SPBE
from spbe_kg.ontology.reasoning import hermit_check, hermit_consistent, hermit_copy
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


@pytest.mark.parametrize("check", [hermit_consistent, hermit_check], ids=["owlready2", "direct"])
def test_contradictions_are_found_and_no_temp_file_is_left(check, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # owlready2 writes its input via tempfile
    bad = [ox.Triple(X, TYPE, _n(SPBE.AplikasiUmum)), ox.Triple(X, TYPE, _n(SPBE.AplikasiKhusus))]
    ok, msg = check(reference_quads() + bad)
    assert not ok and "tidak konsisten" in msg
    assert list(tmp_path.iterdir()) == []


def test_domains_ranges_and_disjointness_work_together():
    # an application "serving" a business process: melayani's range is Layanan, disjoint with ProsesBisnis
    y = ox.NamedNode("http://example.org/y")
    ok, msg = hermit_check(reference_quads() + [ox.Triple(X, _n(SPBE.melayani), y),
                                                ox.Triple(y, TYPE, _n(SPBE.ProsesBisnis))])
    assert not ok and "tidak konsisten" in msg


def test_ill_typed_literal_is_reported_not_raised():
    bad = [ox.Triple(X, _n(SPBE.nomorBaris), ox.Literal("tiga", datatype=ox.NamedNode(XSD + "integer")))]
    ok, msg = hermit_consistent(reference_quads() + bad)
    assert not ok and "literal" in msg


@pytest.fixture(scope="module")
def madiun_quads(shared):
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.settings import Settings

    csv_path = shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")
    r = convert_files([Path(csv_path)], settings=Settings(store="memory"), instansi="Pemerintah Kabupaten Madiun",
                      partial=True)
    assert len(r.quads) > 1000
    return r.quads


@pytest.mark.slow
def test_reference_with_the_madiun_inventory_is_consistent(madiun_quads):
    ok, msg = hermit_check(reference_quads() + madiun_quads)
    assert ok, msg


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sumut"
GROUND_TRUTH = {"duplikat_kebenaran.csv", "masalah_tertanam.csv"}  # not inventories (as in the Makefile)


@pytest.mark.slow
def test_reference_with_the_bundled_example_inventory_is_consistent():
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.settings import Settings

    files = [p for p in sorted(EXAMPLE.iterdir()) if p.suffix in (".csv", ".xlsx") and p.name not in GROUND_TRUTH]
    assert any(p.suffix == ".xlsx" for p in files) and any(p.suffix == ".csv" for p in files)
    r = convert_files(files, settings=Settings(store="memory"), partial=True)
    assert len(r.quads) > 10_000
    ok, msg = hermit_consistent(reference_quads() + r.quads)
    assert ok, msg


@pytest.mark.slow
def test_direct_check_finds_unsatisfiable_classes_and_bad_dates():
    sub = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    c = ox.NamedNode("http://example.org/C")
    ok, msg = hermit_check(reference_quads() + [
        ox.Triple(c, TYPE, ox.NamedNode("http://www.w3.org/2002/07/owl#Class")),
        ox.Triple(c, sub, _n(SPBE.AplikasiUmum)), ox.Triple(c, sub, _n(SPBE.AplikasiKhusus))])
    assert not ok and "http://example.org/C" in msg and "unsatisfiable" in msg
    ok, msg = hermit_check(reference_quads() + [
        ox.Triple(X, _n(SPBE.url), ox.Literal("2020-13-45", datatype=ox.NamedNode(XSD + "date")))])
    assert not ok and "2020-13-45" in msg

