"""The upload page at HTTP level (issue 11): its form talks to the real POST /validate, it says when the server
takes no submissions (read-only), it suggests the province's kabupaten/kota, and it carries no inline script."""

from __future__ import annotations

import json
import re

import html5lib
from fastapi.testclient import TestClient

from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings


def _app():
    return create_app(Settings(store="memory"), store=EmbeddedStore(None))


def test_the_page_names_its_endpoints_and_is_valid_html():
    with TestClient(_app()) as c:
        r = c.get("/unggah")
    assert r.status_code == 200 and r.headers["content-language"] == "id"
    html5lib.HTMLParser(strict=True).parse(r.text)
    form = re.search(r'<form[^>]*id="upload-form"[^>]*>', r.text).group(0)
    assert 'data-validate="/validate"' in form and 'data-load="/load"' in form
    assert 'name="file" multiple' in r.text and 'id="token"' in r.text and 'type="password"' in r.text
    assert "<option value=\"Pemerintah Kabupaten Karo\">" in r.text and "<option value=\"Pemerintah Kota Medan\">" in r.text
    # scripts only from this origin: the only inline script element is the JSON text block
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", r.text)
    assert inline == [' type="application/json" id="upload-text"']
    text = json.loads(re.search(r'id="upload-text">(.*?)</script>', r.text, re.S).group(1))
    assert text["row"] == "baris" and text["sev_violation"] == "Pelanggaran"


def test_the_page_says_when_the_server_takes_no_submissions():
    with TestClient(_app()) as c:  # read-only, the default: POST /load refuses every write
        without = c.get("/upload?lang=en").text
    assert 'id="load-unavailable"' in without and 'data-load-ok="false"' in without
    assert "does not accept submissions" in without
    writable = create_app(Settings(store="memory", enable_updates=True, write_token="t" * 32), store=EmbeddedStore(None))
    with TestClient(writable) as c:
        with_route = c.get("/unggah").text
    assert 'id="load-unavailable"' not in with_route and 'data-load-ok="true"' in with_route


def test_the_form_fields_are_the_ones_post_validate_reads():
    """The page's check step sends ``file`` and ``instansi`` multipart fields to POST /validate?format=json."""
    with TestClient(_app()) as c:
        csv = b"opd_pengelola,nama_aplikasi\nDinas Kesehatan,SIMPUS\n"
        r = c.post("/validate?format=json&lang=en&fail_on=violation", files={"file": ("a.csv", csv, "text/csv")},
                   data={"instansi": "Pemerintah Kabupaten Karo"})
    assert r.status_code == 200
    report = r.json()
    assert {"conforms", "counts", "results"} <= set(report)
    first = report["results"][0]
    assert {"severity", "message", "ruleId", "location"} <= set(first) and first["location"]["file"] == "a.csv"
