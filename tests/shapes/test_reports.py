"""Every report format, on data breaking every rule: names the cell, and is valid for its consumer."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from spbe_kg.settings import Settings
from spbe_kg.shapes.catalog import catalogue
from spbe_kg.shapes.report import FORMATS, render
from spbe_kg.shapes.validate import validate_quads

from .helpers import ROOT, sarif_schema, turtle

SOURCES = {"inventaris-uji.csv": "inventaris/inventaris-uji.csv"}


@pytest.fixture(scope="module")
def report():
    return validate_quads(turtle("bad.ttl"), settings=Settings(), reference=turtle("reference-mini.ttl"),
                          inputs=["inventaris/inventaris-uji.csv"])


def _inactive(report):
    return next(r for r in report.results if r.rule_name == "AlasanTidakAktif")


def test_results_carry_file_sheet_row_column(report):
    r = _inactive(report)
    assert (r.file, r.sheet, r.row, r.column, r.header) == ("inventaris-uji.csv", "inventaris-uji", 5,
                                                            "G", "penyebab_tidak_aktif")
    assert r.opd == "Dinas Kesehatan"
    located = [x for x in report.results if x.row is not None]
    assert len(located) >= 30


def test_message_names_the_national_application(report):
    r = next(r for r in report.results if r.rule_name == "KhususMenyamaiUmum")
    assert "SRIKANDI" in r.message_id and "SRIKANDI" in r.message_en
    assert r.column == "E"


def test_text_groups_by_file_and_opd_with_counts(report):
    out = render(report, "text", "id", SOURCES)
    c = report.counts()
    assert f"{c['Violation']} pelanggaran, {c['Warning']} peringatan, {c['Info']} info" in out
    assert "Berkas: inventaris/inventaris-uji.csv" in out and "  OPD: Dinas Kesehatan" in out
    assert "baris 5, kolom G (penyebab_tidak_aktif)" in out
    en = render(report, "text", "en", SOURCES)
    assert "row 5, column G (penyebab_tidak_aktif)" in en and "The application is inactive" in en


def test_json_is_stable_and_matches_its_schema(report):
    schema = json.loads((ROOT / "shapes" / "report-schema.json").read_text())
    doc = json.loads(render(report, "json", "en", SOURCES))
    jsonschema.validate(doc, schema)
    r = next(x for x in doc["results"] if x["ruleId"].endswith("#AlasanTidakAktif"))
    assert r["location"] == {"file": "inventaris/inventaris-uji.csv", "sheet": "inventaris-uji", "row": 5,
                             "column": "G", "header": "penyebab_tidak_aktif", "opd": "Dinas Kesehatan",
                             "line": 5, "census_no": None}
    assert r["message"] == r["messages"]["en"]
    assert doc["counts"]["violation"] == report.counts()["Violation"]


def test_turtle_is_a_w3c_validation_report(report):
    g = Graph().parse(data=render(report, "turtle", "id", SOURCES), format="turtle")
    rep = next(g.subjects(RDF.type, SH.ValidationReport))
    assert str(g.value(rep, SH.conforms)) == "false"
    results = list(g.objects(rep, SH.result))
    assert len(results) == len(report.results)
    for n in results:
        assert g.value(n, SH.focusNode) is not None and g.value(n, SH.sourceShape) is not None
        assert g.value(n, SH.resultSeverity) in (SH.Violation, SH.Warning, SH.Info)
        assert {m.language for m in g.objects(n, SH.resultMessage)} == {"id", "en"}
    shapes = {g.value(n, SH.sourceShape) for n in results}
    assert URIRef("https://w3id.org/spbe/shapes/aplikasi#AlasanTidakAktif") in shapes


def test_junit_has_one_test_case_per_rule(report):
    root = ET.fromstring(render(report, "junit", "id", SOURCES))
    cases = root.findall(".//testcase")
    assert len(cases) == len(catalogue())
    failed = {(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None}
    violated = {("spbe." + r.rule_id.split("/shapes/")[1].split("#")[0], r.rule_name)
                for r in report.results if r.severity == "Violation"}
    assert failed == violated
    f = next(c for c in cases if c.get("name") == "AlasanTidakAktif").find("failure")
    assert "inventaris/inventaris-uji.csv, baris 5, kolom G" in f.text
    assert int(root.get("failures")) == len(failed)


def test_sarif_validates_against_the_official_schema(report):
    doc = json.loads(render(report, "sarif", "en", SOURCES))
    jsonschema.validate(doc, sarif_schema())
    run = doc["runs"][0]
    assert len(run["tool"]["driver"]["rules"]) == len(catalogue())
    res = next(r for r in run["results"] if r["ruleId"].endswith("#AlasanTidakAktif"))
    phys = res["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "inventaris/inventaris-uji.csv"
    assert phys["region"] == {"startLine": 5, "startColumn": 7}
    assert res["level"] == "error"
    assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_schema_catches_a_broken_log(report):
    doc = json.loads(render(report, "sarif", "en", SOURCES))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, sarif_schema())


def test_github_annotations(report):
    lines = render(report, "github", "id", SOURCES).splitlines()
    assert len(lines) == len(report.results)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    line = next(x for x in lines if "AlasanTidakAktif" in x)
    assert line.startswith("::error file=inventaris/inventaris-uji.csv,line=5,col=7,title=AlasanTidakAktif")


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_an_empty_conforming_report(fmt):
    rep = validate_quads([], settings=Settings(), reference=turtle("reference-mini.ttl"))
    assert rep.conforms and rep.results == []
    assert isinstance(render(rep, fmt, "en"), str)


def test_turtle_rebuilds_complex_result_paths(report):
    from rdflib.collection import Collection

    from spbe_kg.shapes.compile import path_key

    g = Graph().parse(data=render(report, "turtle", "en"), format="turtle")
    tanpa = [n for n in g.subjects(SH.sourceShape, URIRef("https://w3id.org/spbe/shapes/aplikasi#TanpaLayanan"))]
    assert tanpa
    path = g.value(tanpa[0], SH.resultPath)
    alts = list(Collection(g, g.value(path, SH.alternativePath)))
    assert alts[0] == URIRef("https://w3id.org/spbe/ontology#kodeRAL") and len(alts) == 2
    shapes = Graph().parse(ROOT / "shapes" / "aplikasi.ttl")
    expected = path_key(shapes, shapes.value(URIRef("https://w3id.org/spbe/shapes/aplikasi#TanpaLayanan"), SH.path))
    assert path_key(g, path) == expected
