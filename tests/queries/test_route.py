"""``GET /duplicates`` over a real uvicorn server on 127.0.0.1: JSON, CSV and HTML by Accept, 406 otherwise."""

from __future__ import annotations

import csv
import io
import socket
import threading
import time

import httpx
import pytest

from spbe_kg.service.app import create_app
from spbe_kg.settings import Settings


@pytest.fixture(scope="module")
def base_url(sumut_store):
    import uvicorn

    app = create_app(Settings(store="memory"), store=sumut_store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    deadline = time.time() + 20
    while not server.started:
        if time.time() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    t.join(10)


def test_json_by_default_and_by_accept(base_url):
    r = httpx.get(base_url + "/duplicates", timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    data = r.json()
    assert data["ringkasan"]["klaster"] == len(data["klaster"]) > 0
    r = httpx.get(base_url + "/duplicates", headers={"Accept": "application/json", "Accept-Language": "en"}, timeout=60)
    assert r.json()["summary"]["clusters"] == data["ringkasan"]["klaster"]
    assert r.json()["codeReport"] == data["laporanKode"] and len(data["laporanKode"]["nasional-dicatat-lokal"]) == 26
    assert r.headers["content-language"] == "en"


def test_csv_and_html_by_accept(base_url):
    r = httpx.get(base_url + "/duplicates", headers={"Accept": "text/csv"}, timeout=60)
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and rows[0]["klaster"] and rows[0]["disposisi"]
    r = httpx.get(base_url + "/duplicates", headers={"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}, timeout=60)
    assert r.headers["content-type"].startswith("text/html")
    assert "Peta panas" in r.text and "<script src" not in r.text and "http://cdn" not in r.text


def test_unservable_accept_is_406_with_a_message(base_url):
    r = httpx.get(base_url + "/duplicates", headers={"Accept": "image/png"}, timeout=60)
    assert r.status_code == 406
    assert "application/json" in r.text
    r = httpx.get(base_url + "/duplicates?format=pdf", timeout=60)
    assert r.status_code == 406


def test_the_served_report_is_a_page_of_the_site(base_url):
    """Issue 11: the duplicate report had no navigation; served, it carries the site's top bar, toggle and style,
    and a browser sending only Accept-Language: en-US still gets Bahasa Indonesia."""
    html_accept = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"
    r = httpx.get(base_url + "/duplicates", headers={"Accept": html_accept, "Accept-Language": "en-US,en;q=0.9"},
                  timeout=60)
    assert r.headers["content-language"] == "id" and "Peta panas" in r.text
    assert r.text.count('<header class="topbar">') == 1 and "css/spbe.css" in r.text
    assert '<a href="/duplicates" aria-current="page">Duplikasi</a>' in r.text and 'href="?lang=en"' in r.text
    r = httpx.get(base_url + "/duplicates?lang=en", headers={"Accept": html_accept}, timeout=60)
    assert r.headers["content-language"] == "en" and "spbe_lang=en" in r.headers["set-cookie"]
    assert "<a href=\"/duplicates\" aria-current=\"page\">Duplicates</a>" in r.text
