"""``POST /load`` on a real uvicorn over an embedded on-disk store: the CLI's summary, atomic,
all-or-nothing across files, dry runs write nothing, readers keep being answered during a load."""

from __future__ import annotations

import json
import threading

import httpx
import pytest

from spbe_kg.benchmarks import servers
from tests.support import TOKEN

from .conftest import write_settings

GOOD = ("pemda,opd_pengelola,nama_aplikasi,url\n"
        "Kab. Madiun,Dinas Sosial,SIKS-NG,https://siks.kemensos.go.id\n"
        "Kab. Madiun,Dinas Sosial,-,\n")
BAD_JSON = json.dumps([{"pemda": "Kota Medan", "nama_aplikasi": "SIMPEG"},
                       {"pemda": "Kota Medan", "nama_aplikasi": "X", "url": {"nested": 1}}])
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from spbe_kg.service.app import create_app

    settings = write_settings(tmp_path_factory.mktemp("load"))
    app = create_app(settings)
    with servers.app_server(app) as url:
        yield url, app


def _count(url: str) -> int:
    r = httpx.post(url + "/sparql", data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                   headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def _post(url, files, data=None, headers=None, lang="en"):
    return httpx.post(url + f"/load?lang={lang}", files=files, data=data or {}, headers={**AUTH, **(headers or {})},
                      timeout=120)


def test_dry_run_reports_and_writes_nothing(served):
    url, _ = served
    before = _count(url)
    r = _post(url, [("file", ("dry.csv", GOOD.encode(), "text/csv"))], {"dry_run": "true"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "dry-run" and body["totals"]["rows"] == 2 and body["totals"]["loaded"] == 1
    assert body["rows"][0]["status"] == "skipped" and body["rows"][0]["row"] == 3 and body["rows"][0]["column"] == "C"
    assert _count(url) == before


def test_load_then_reload_reports_the_replaced_graph(served):
    url, _ = served
    r = _post(url, [("file", ("madiun.csv", GOOD.encode(), "text/csv"))])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "loaded" and body["graphs_replaced"] == [] and body["principal"] == "admin"
    assert body["files"][0]["file"] == "madiun.csv" and body["files"][0]["path"] == "madiun.csv"
    assert body["message"].startswith("1 records loaded")
    graph = body["graphs"][0]
    ask = httpx.post(url + "/sparql", data={"query": f"ASK {{ GRAPH <{graph}> {{ ?a ?p 'SIKS-NG' }} }}"},
                     headers={"Accept": "application/sparql-results+json"}).json()
    assert ask["boolean"] is True
    again = _post(url, [("file", ("madiun.csv", GOOD.encode(), "text/csv"))]).json()
    assert again["graphs_replaced"] == [graph]


def test_rows_in_error_load_nothing_unless_partial(served):
    url, _ = served
    before = _count(url)
    r = _post(url, [("file", ("medan.json", BAD_JSON.encode(), "application/json"))])
    assert r.status_code == 422
    assert r.json()["status"] == "rejected" and "nothing written" in r.json()["message"]
    assert _count(url) == before
    r = _post(url, [("file", ("medan.json", BAD_JSON.encode(), "application/json"))], {"partial": "true"})
    assert r.status_code == 200 and r.json()["totals"]["loaded"] == 1
    assert _count(url) > before


def test_several_files_land_all_or_nothing(served):
    url, _ = served
    before = _count(url)
    r = _post(url, [("file", ("a-ok.csv", GOOD.encode(), "text/csv")),
                    ("file", ("b-bad.json", BAD_JSON.encode(), "application/json"))])
    assert r.status_code == 422
    assert [f["file"] for f in r.json()["files"]] == ["a-ok.csv", "b-bad.json"]
    assert _count(url) == before


def test_a_file_naming_the_reference_graph_is_refused(served):
    url, _ = served
    _post(url, [("file", ("madiun.csv", GOOD.encode(), "text/csv"))])  # the reference graph exists
    before = _count(url)
    trig = b"<https://w3id.org/spbe/id/graph/referensi> { <http://e/x> <http://e/p> 'hijack' }"
    r = _post(url, [("file", ("evil.trig", trig, "application/trig"))])
    assert r.status_code == 403 and r.headers["x-spbe-refusal"] == "foreign-graph"
    assert "nothing was written" in r.text
    assert _count(url) == before


def test_bad_input_is_a_clear_error(served):
    url, _ = served
    r = _post(url, [("file", ("broken.xlsx", b"not a workbook", "application/octet-stream"))])
    assert r.status_code == 400 and "broken.xlsx" in r.text and "Traceback" not in r.text
    r = httpx.post(url + "/load", data={"instansi": "x"}, headers=AUTH)
    assert r.status_code == 415
    r = _post(url, [("mapping", ("m.yaml", b"x: 1", "text/yaml"))], lang="id")
    assert r.status_code == 400 and "Tidak ada berkas" in r.text
    r = httpx.post(url + "/load", files=[("file", ("a.csv", GOOD.encode(), "text/csv"))])
    assert r.status_code == 401


def test_html_summary(served):
    url, _ = served
    r = _post(url, [("file", ("html.csv", GOOD.encode(), "text/csv"))], {"dry_run": "1"}, {"Accept": "text/html"},
              lang="id")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="load-summary"' in r.text and 'id="load-skipped"' in r.text
    assert "html.csv, baris 3, kolom C" in r.text and "Uji coba" in r.text


def test_readers_keep_being_answered_and_see_old_or_new(served, tmp_path):
    """Queries during a re-load answer 200 with the count before or after the load, never between."""
    from spbe_kg.benchmarks.generate import write

    url, _ = served
    (inv,) = write(tmp_path, 1500, 7)
    data = inv.read_bytes()
    first = _post(url, [("file", ("nasional.csv", data, "text/csv"))])
    assert first.status_code == 200, first.text
    before = _count(url)
    (inv2,) = write(tmp_path / "b", 1200, 8)
    seen: list[int] = []
    done = threading.Event()
    errors: list[str] = []

    def reader():
        while not done.is_set():
            try:
                seen.append(_count(url))
            except AssertionError as e:  # noqa: PERF203
                errors.append(str(e))

    t = threading.Thread(target=reader)
    t.start()
    try:
        r = _post(url, [("file", ("nasional.csv", inv2.read_bytes(), "text/csv"))])
    finally:
        done.set()
        t.join()
    assert r.status_code == 200, r.text
    after = _count(url)
    assert not errors
    assert seen and set(seen) <= {before, after}, (before, after, sorted(set(seen)))
    assert after != before


def test_the_submission_history_names_who_loaded(served):
    url, _ = served
    r = _post(url, [("file", ("siapa.csv", GOOD.encode(), "text/csv"))])
    assert r.status_code == 200, r.text
    q = ("SELECT ?by WHERE { GRAPH ?h { ?rec <http://purl.org/dc/terms/creator> ?by } "
         "FILTER(STRENDS(STR(?h), 'graph/riwayat-pengiriman')) }")
    r = httpx.post(url + "/sparql", data={"query": q}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert "admin" in {b["by"]["value"] for b in r.json()["results"]["bindings"]}
