"""Decisions and the roadmap over HTTP against a real uvicorn on 127.0.0.1: the write token (same helper
as the other write routes), bilingual refusals that change nothing, the roadmap and views by Accept/?format."""

from __future__ import annotations

import io

import httpx
import pytest
from openpyxl import load_workbook

AUTH = {"Authorization": "Bearer rahasia-uji-14"}  # conftest.TOKEN
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _func_cluster(base):
    r = httpx.get(base + "/duplicates", headers={"Accept": "application/json"}, timeout=60)
    assert r.status_code == 200
    return next(c for c in r.json()["klaster"] if c["jenis"] != "satu-aplikasi-banyak-pencatat"
                and "SIMPEG" in " ".join(m["nama"] for m in c["anggota"]))


def test_write_token_is_required(site):
    base, store, _ = site
    body = {"jenis": "konfirmasi-klaster", "klaster": "f-0"}
    before = store.triple_count()
    assert httpx.post(base + "/decisions", json=body).status_code == 401
    r = httpx.post(base + "/decisions", json=body, headers={"Authorization": "Bearer salah"})
    assert r.status_code == 403 and "Token" in r.text
    assert store.triple_count() == before


def test_decide_over_http_and_roadmap_formats(site):
    base, store, _ = site
    c = _func_cluster(base)
    r = httpx.post(base + "/decisions", json={"jenis": "konfirmasi-klaster", "klaster": c["id"], "alasan": "ke SIASN"},
                   headers=AUTH, timeout=60)
    assert r.status_code == 201, r.text
    d = r.json()
    assert d["iri"].startswith("https://w3id.org/spbe/id/keputusan/") and len(d["tentang"]) == len(c["anggota"])
    listed = httpx.get(base + "/decisions").json()
    assert [x["iri"] for x in listed] == [d["iri"]] and listed[0]["alasan"] == "ke SIASN"

    rm = httpx.get(base + "/roadmap", headers={"Accept": "application/json"}, timeout=60).json()
    assert rm["periode"] == [2025, 2029] and rm["butir"]
    item = next(b for b in rm["butir"] if b["action"] == "migrasi-aplikasi-umum")
    assert item["actionLabel"] == "Migrasi ke Aplikasi Umum" and item["targetName"] == "SIASN"
    # an edit through HTTP, English keys, English error texts
    r = httpx.post(base + "/decisions?lang=en", json={"kind": "ubah-rencana", "item": item["id"], "year": 2031}, headers=AUTH)
    assert r.status_code == 400 and "outside the roadmap period 2025-2029" in r.text
    r = httpx.post(base + "/decisions", json={"kind": "ubah-rencana", "item": item["id"], "year": 2027, "status": "berjalan"},
                   headers=AUTH, timeout=60)
    assert r.status_code == 201, r.text
    rm2 = httpx.get(base + "/roadmap?format=json", timeout=60).json()
    edited = next(b for b in rm2["butir"] if b["id"] == item["id"])
    assert edited["year"] == 2027 and edited["edited"] and edited["status"] == "berjalan"

    x = httpx.get(base + "/roadmap", headers={"Accept": XLSX}, timeout=60)
    assert x.status_code == 200 and x.headers["content-type"] == XLSX
    assert load_workbook(io.BytesIO(x.content)).worksheets[1].freeze_panes == "A2"
    csv_ = httpx.get(base + "/roadmap?format=csv", timeout=60)
    assert csv_.headers["content-type"].startswith("text/csv") and "ID butir" in csv_.text
    ttl = httpx.get(base + "/roadmap", headers={"Accept": "text/turtle"}, timeout=60)
    assert "spbe:ButirPetaRencana" in ttl.text
    page = httpx.get(base + "/roadmap", headers={"Accept": "text/html"}, timeout=60)
    assert page.status_code == 200 and 'id="timeline"' in page.text and 'aria-current="page"' in page.text
    assert httpx.get(base + "/roadmap", headers={"Accept": "image/png"}).status_code == 406
    assert httpx.get(base + "/roadmap?instansi=Atlantis").status_code == 400

    v = httpx.get(base + "/roadmap/views", headers={"Accept": "text/html"}, timeout=60)
    assert v.status_code == 200 and "Aplikasi × OPD" in v.text
    v2 = httpx.get(base + "/views?format=xlsx&lang=en", timeout=60)
    assert [ws.title for ws in load_workbook(io.BytesIO(v2.content)).worksheets][0].startswith("Application ×")


@pytest.mark.parametrize("body,status,text", [
    ({"jenis": "konfirmasi-klaster", "klaster": "f-000000000000"}, 409, "tidak ada lagi"),
    ({"jenis": "tolak-pasangan", "aplikasi": ["https://w3id.org/spbe/id/aplikasi/x", "https://w3id.org/spbe/id/aplikasi/y"]}, 400, "tidak dikenal"),
    ({"jenis": "ubah-rencana", "butir": "r-0", "tahun": 1999}, 400, "di luar periode"),
    ({"jenis": "konfirmasi-klaster", "klaster": {"x": 1}}, 400, "harus daftar teks"),
    ({"jenis": "konfirmasi-klaster", "rahasia": 1}, 400, "Kunci rahasia tidak dikenal"),
    (["bukan", "objek"], 400, "objek JSON"),
])
def test_bad_input_bilingual_and_nothing_changed(site, body, status, text):
    base, store, _ = site
    before = store.triple_count()
    r = httpx.post(base + "/decisions", json=body, headers=AUTH, timeout=60)
    assert r.status_code == status and text in r.text and "Traceback" not in r.text
    assert r.headers["content-type"].startswith("text/plain")
    assert store.triple_count() == before


def test_read_only_service_refuses_decisions(store, serve_app, token):
    from spbe_kg.service.app import create_app
    from spbe_kg.settings import Settings

    assert AUTH["Authorization"] == f"Bearer {token}"
    base = serve_app(create_app(Settings(store="memory", query_workers=0), store=store))
    r = httpx.post(base + "/decisions", json={"jenis": "tolak-klaster", "klaster": "a-1"}, headers=AUTH)
    assert r.status_code == 403 and "hanya-baca" in r.text
