"""The completeness dashboard (issue 11): per kabupaten/kota and provincial OPD, submitted or not, when,
how many applications, violations and warnings, and what changed since the previous submission.
Real loader, real pyoxigraph store, the app's real routes (HTTP level; the browser test is in
``test_upload_browser.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.service.app import create_app
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.settings import Settings
from spbe_kg.shapes.validate import validate_store

BASE = "https://w3id.org/spbe/id/"
HEADER = "pemda,opd_pengelola,nama_aplikasi,deskripsi,url,kode_ral\n"
KARO_1 = ("Kab. Karo,BKPSDM,SIMPEG Karo,Kepegawaian daerah,https://simpeg.karokab.go.id,RAL.02.04.03\n"
          "Kab. Karo,Dinas Kominfo,e-Office Karo,Surat menyurat elektronik,https://eoffice.karokab.go.id,RAL.02.09.01\n"
          "Kab. Karo,Dinas Kesehatan,SIMPUS Karo,Puskesmas,https://simpus.karokab.go.id,RAL.01.02.01\n")
KARO_2 = ("Kab. Karo,Dinas Kominfo,e-Office Karo,Naskah dinas elektronik terpadu,https://eoffice.karokab.go.id,RAL.02.09.01\n"
          "Kab. Karo,Dinas Kesehatan,SIMPUS Karo,Puskesmas,https://simpus.karokab.go.id,RAL.01.02.01\n"
          "Kab. Karo,BAPPEDA,SIPD Karo,Perencanaan,https://sipd.karokab.go.id,RAL.02.01.01\n")
PROV = ("Provinsi Sumatera Utara,Badan Kepegawaian Daerah,SIMPEG Sumut,Kepegawaian provinsi,https://simpeg.sumutprov.go.id,RAL.02.04.03\n"
        "Provinsi Sumatera Utara,Dinas Kominfo,Portal Sumut,,not a url,RAL.99\n")
MADIUN = "Kab. Madiun,Dinas Sosial,SIKS Madiun,Kesejahteraan sosial,https://siks.madiunkab.go.id,RAL.01.03.01\n"


def _load(store, d: Path, name: str, rows: str, when: str) -> None:
    settings = Settings(store="memory", base_iri=BASE, loaded_at=when)
    f = d / name
    f.write_text(HEADER + rows, encoding="utf-8")
    load_into_store(store, convert_files([f], settings=settings, partial=True), settings=settings)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    d = tmp_path_factory.mktemp("kelengkapan")
    store = EmbeddedStore(None)
    _load(store, d, "inventaris_karo.csv", KARO_1, "2026-01-10T08:00:00Z")
    _load(store, d, "inventaris_provinsi.csv", PROV, "2026-01-12T10:00:00Z")
    _load(store, d, "inventaris_madiun.csv", MADIUN, "2026-01-13T10:00:00Z")
    _load(store, d, "inventaris_karo.csv", KARO_2, "2026-02-01T09:30:00Z")  # the re-submission
    return store, Settings(store="memory", base_iri=BASE)


@pytest.fixture(scope="module")
def client(loaded):
    store, settings = loaded
    with TestClient(create_app(settings, store=store)) as c:
        yield c


def _entry(rows, name):
    return next(e for e in rows if e["name"] == name)


def test_every_kabupaten_kota_of_the_province_is_listed_submitted_or_not(client):
    data = client.get("/kelengkapan.json").json()
    names = [e["name"] for e in data["kabupatenKota"]]
    assert data["summary"]["kabupatenKota"] == 34 and len(names) == 34  # 33 on the list + Madiun, from the data
    assert names[0] == "Pemerintah Kabupaten Nias" and names[-1] == "Pemerintah Kabupaten Madiun"
    nias = _entry(data["kabupatenKota"], "Pemerintah Kabupaten Nias")
    assert (nias["submitted"], nias["applications"], nias["last"], nias["files"]) == (False, 0, None, [])
    madiun = _entry(data["kabupatenKota"], "Pemerintah Kabupaten Madiun")
    assert madiun["in_reference"] is False and madiun["submitted"] is True
    assert data["summary"]["kabupatenKotaSubmitted"] == 2
    assert data["province"]["name"] == "Provinsi Sumatera Utara" and data["province"]["applications"] == 2


def test_a_resubmission_shows_when_and_what_changed(client):
    karo = _entry(client.get("/kelengkapan.json").json()["kabupatenKota"], "Pemerintah Kabupaten Karo")
    assert karo["code"] == "1211" and karo["submitted"] and karo["applications"] == 3
    assert karo["last"] == "2026-02-01T09:30:00Z" and karo["files"] == ["inventaris_karo.csv"]
    ch = karo["change"]
    assert ch["since"] == "2026-01-10T08:00:00Z"
    assert (ch["added"], ch["removed"], ch["changed"]) == (1, 1, 1)
    assert (ch["added_names"], ch["removed_names"], ch["changed_names"]) == (["SIPD Karo"], ["SIMPEG Karo"], ["e-Office Karo"])
    madiun = _entry(client.get("/kelengkapan.json").json()["kabupatenKota"], "Pemerintah Kabupaten Madiun")
    assert madiun["change"]["since"] is None  # a first submission: nothing to compare with


def test_provincial_units_and_their_findings(client, loaded):
    store, settings = loaded
    data = client.get("/kelengkapan.json").json()
    opd = {e["name"]: e for e in data["opdProvinsi"]}
    assert set(opd) == {"Badan Kepegawaian Daerah", "Dinas Kominfo"}
    assert all(e["submitted"] and e["applications"] == 1 for e in opd.values())
    # the counts are the validation's own results on those applications
    report = validate_store(store, settings=settings)
    portal = next(iri for iri in {r.focus for r in report.results} if iri.endswith("/portal-sumut"))
    expected = sum(1 for r in report.results if r.focus == portal and r.severity == "Violation")
    assert expected > 0 and opd["Dinas Kominfo"]["violations"] == expected
    total_v = sum(e["violations"] for e in data["kabupatenKota"]) + data["province"]["violations"]
    apps_v = sum(1 for r in report.results if r.severity == "Violation" and "/aplikasi/" in r.focus)
    assert total_v >= apps_v  # every application's violation is counted for its pemda


def test_figures_are_computed_once_per_store_state(loaded, tmp_path):
    store, settings = loaded
    app = create_app(settings, store=store)
    with TestClient(app) as c:
        c.get("/kelengkapan.json")
        c.get("/kelengkapan", headers={"Accept": "text/html"})
        assert app.state.cache["completeness"].computed == 1
        _load(store, tmp_path, "inventaris_langkat.csv",
              "Kab. Langkat,Dinas Kominfo,e-Office Langkat,Naskah dinas,https://eoffice.langkatkab.go.id,RAL.02.09.01\n",
              "2026-03-01T00:00:00Z")
        langkat = _entry(c.get("/kelengkapan.json").json()["kabupatenKota"], "Pemerintah Kabupaten Langkat")
        assert langkat["submitted"] and app.state.cache["completeness"].computed == 2


def test_the_page_is_bilingual_and_indonesian_by_default(client):
    r = client.get("/kelengkapan", headers={"Accept": "text/html", "Accept-Language": "en-US,en;q=0.9"})
    assert r.status_code == 200 and r.headers["content-language"] == "id"
    assert "Kelengkapan inventaris" in r.text and "Belum mengirim" in r.text and "Sudah mengirim" in r.text
    assert 'aria-current="page">Kelengkapan</a>' in r.text
    row = re.search(r'<tr class="done" data-iri="[^"]*pemerintah-kabupaten-karo">.*?</tr>', r.text, re.S).group(0)
    assert "2026-02-01 09:30 UTC" in row and "+1" in row and "−1" in row and "~1" in row and "SIPD Karo" in row
    en = client.get("/completeness?lang=en", headers={"Accept": "text/html"})
    assert en.headers["content-language"] == "en" and "Inventory completeness" in en.text and "Not yet" in en.text
    client.cookies.clear()


def test_unservable_accept_is_406(client):
    assert client.get("/kelengkapan", headers={"Accept": "image/png"}).status_code == 406
