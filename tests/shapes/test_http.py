"""POST /validate and GET /rules on a real uvicorn server."""

from __future__ import annotations

import json

import httpx
import jsonschema
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SH

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings

from .helpers import BAD_CSV, FIXTURES, GOOD_CSV, ROOT, app_server, sarif_schema


@pytest.fixture(scope="module")
def base():
    app = create_app(Settings(store="memory"), store=EmbeddedStore(None))
    with app_server(app) as url:
        yield url


def _post(base, name, content, **kw):
    return httpx.post(base + "/validate", files={"file": (name, content)}, timeout=60, **kw)


def test_sarif_by_accept_header(base):
    r = _post(base, "inventaris.csv", BAD_CSV.encode(), headers={"Accept": "application/sarif+json"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sarif+json")
    assert r.headers["x-spbe-conforms"] == "false"
    doc = r.json()
    jsonschema.validate(doc, sarif_schema())
    err = [x for x in doc["runs"][0]["results"] if x["level"] == "error"]
    assert err[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "inventaris.csv"
    assert err[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_format_parameter_wins_and_lang(base):
    r = _post(base, "inventaris.csv", BAD_CSV.encode(), params={"format": "text", "lang": "en"},
              headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "row 3, column H (penyebab_tidak_aktif)" in r.text
    assert "The application is inactive but gives no reason" in r.text


def test_json_default_and_conforming_file(base):
    r = _post(base, "baik.csv", GOOD_CSV.encode())
    assert r.status_code == 200 and r.headers["x-spbe-conforms"] == "true"
    doc = r.json()
    jsonschema.validate(doc, json.loads((ROOT / "shapes" / "report-schema.json").read_text()))
    assert doc["conforms"] is True and doc["counts"]["violation"] == 0


def test_rdf_body_and_turtle_report(base):
    body = (FIXTURES / "bad.ttl").read_bytes()
    r = httpx.post(base + "/validate", content=body, headers={"Content-Type": "text/turtle", "Accept": "text/turtle"},
                   timeout=60)
    assert r.status_code == 200, r.text
    g = Graph().parse(data=r.text, format="turtle")
    rep = next(g.subjects(RDF.type, SH.ValidationReport))
    assert len(list(g.objects(rep, SH.result))) > 40


def test_bad_inputs_get_clear_errors(base):
    r = _post(base, "catatan.pdf", b"%PDF-1.4 not an inventory")
    assert r.status_code == 400 and "pdf" in r.text.lower() and "Traceback" not in r.text
    r = httpx.post(base + "/validate", content=b"x", headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 415
    r = _post(base, "baik.csv", GOOD_CSV.encode(), params={"format": "docx"})
    assert r.status_code == 400 and "format" in r.text
    r = _post(base, "baik.csv", GOOD_CSV.encode(), headers={"Accept": "image/png"})
    assert r.status_code == 406


def test_rules_page(base):
    r = httpx.get(base + "/rules", params={"lang": "en"})
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "https://w3id.org/spbe/shapes/aplikasi#KhususMenyamaiUmum" in r.text
    assert "Validation rule catalogue" in r.text
    # a page of the site (navigation, language toggle, stylesheet), messages without raw SHACL placeholders
    assert 'class="topbar"' in r.text and 'href="?lang=id"' in r.text and "css/spbe.css" in r.text
    assert "{?value}" not in r.text and "{$this}" not in r.text
    assert '<var class="ph">value</var>' in r.text
    r = httpx.get(base + "/rules")
    assert '<var class="ph">nilai</var>' in r.text and "{?value}" not in r.text and 'aria-current="page"' in r.text
    md = httpx.get(base + "/rules", headers={"Accept": "text/markdown"})
    assert md.text == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
