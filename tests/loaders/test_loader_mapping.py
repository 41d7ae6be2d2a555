"""Mapping files: columns, value maps, constants, joins; clear errors for broken mappings; suggest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from spbe_kg.loaders.api import convert_files
from spbe_kg.loaders.errors import LoaderError
from spbe_kg.loaders.suggest import suggest

MAPPINGS = Path(__file__).resolve().parents[2] / "loaders" / "mappings"
SPBE = "https://w3id.org/spbe/ontology#"
REF = "https://w3id.org/spbe/ref/"
B = "https://data.example.go.id/spbe/"

FORM = (
    "LAPORAN INVENTARIS APLIKASI 2025,,,,,,,\n"
    "Nama App,Kode Unit,Ket,Link,Stat,Jns,Thn,Paraf Petugas\n"
    "E-Office,1.01,Surat elektronik,eoffice.pemkomedan.go.id,1,1,2019,ok\n"
    "SIMPEG,2.01,Kepegawaian,,naktif,2,2015,ok\n"
    "SIRS,9.99,Rumah sakit,,1,1,2020,ok\n"
)


@pytest.fixture(params=["contoh-kode-opd.yaml", "contoh-kode-opd.toml"])
def form_and_mapping(request, tmp_path):
    shutil.copy(MAPPINGS / request.param, tmp_path / request.param)
    shutil.copy(MAPPINGS / "opd_kota_medan.csv", tmp_path / "opd_kota_medan.csv")
    form = tmp_path / "form.csv"
    form.write_text(FORM, encoding="utf-8")
    return form, tmp_path / request.param


def test_documented_mapping_examples_work(form_and_mapping, settings):
    form, mapping = form_and_mapping
    r = convert_files([form], settings=settings, mapping=mapping)
    # issue 11: a code with no match in the lookup file is a warning naming the cell, never a minted unit
    assert [(o.row, o.status) for o in r.rows] == [(3, "loaded"), (4, "loaded"), (5, "loaded")]
    miss = r.rows[2]
    assert len(miss.warnings) == 1
    assert "kolom B" in miss.warnings[0] and "9.99" in miss.warnings[0] and "opd_kota_medan.csv" in miss.warnings[0]
    units = {q.subject.value for q in r.quads if "/opd/" in q.subject.value}
    assert not any("9-99" in u for u in units)
    assert not any(q.predicate.value == SPBE + "opdPengelola" for q in r.quads if q.subject.value == miss.resource)
    eoffice = B + "aplikasi/pemerintah-kota-medan/dinas-komunikasi-dan-informatika/e-office"
    assert r.rows[0].resource == eoffice
    o = lambda s, p: {q.object.value for q in r.quads if q.subject.value == s and q.predicate.value == SPBE + p}  # noqa: E731
    assert o(eoffice, "statusAplikasi") == {REF + "status-aplikasi/aktif"}
    assert o(eoffice, "jenisAplikasi") == {REF + "RAA.02"}
    assert o(eoffice, "url") == {"https://eoffice.pemkomedan.go.id"}
    simpeg = r.rows[1].resource
    assert o(simpeg, "statusAplikasi") == {REF + "status-aplikasi/tidak-aktif"}
    assert o(simpeg, "statusAsli") == {"tidak aktif"}
    assert not any("ok" == q.object.value for q in r.quads)  # the ignored column is not loaded
    # the column mapping records which column fed spbe:nama
    cols = {q.subject.value for q in r.quads if q.predicate.value == SPBE + "kolom" and q.object.value == "Nama App"}
    assert cols == {B + "sumber/form-csv/_/kolom/A"}


@pytest.mark.parametrize("text,needle", [
    ("columns: [a, b]\n", "pemetaan"),
    ("colums:\n  a: nama\n", "colums"),
    ("columns:\n  Nama App: namaa\n", "namaa"),
    ("kind: layanan\n", "layanan"),
    ("header_row: nol\n", "header_row"),
    ("columns:\n  a: nama\n b: [\n", "line"),
    ("joins:\n  - field: opd_pengelola\n    file: nope.csv\n    key: k\n    value: v\n", "nope.csv"),
])
def test_broken_mapping_is_a_clear_error(tmp_path, settings, text, needle):
    m = tmp_path / "m.yaml"
    m.write_text(text)
    form = tmp_path / "form.csv"
    form.write_text(FORM)
    with pytest.raises(LoaderError) as e:
        convert_files([form], settings=settings, mapping=m)
    assert needle in str(e.value)


def test_constant_pemda_mapping_for_madiun(madiun_csv, settings):
    r = convert_files([madiun_csv], settings=settings, mapping=MAPPINGS / "inventaris-opd-madiun.yaml")
    assert len(r.rows) == 186 and r.ok


def test_suggest_marks_unplaced_headers(tmp_path):
    form = tmp_path / "form.csv"
    form.write_text(FORM)
    text = suggest(form, lang="en")
    assert "header_row: 2" in text  # the title row above the header is passed over
    assert "# Nama App: ??? not recognised: write a field name, or 'abaikan' (ignore) (maybe: nama)" in text
    # a recognisable file gets its fields
    ok = tmp_path / "ok.csv"
    ok.write_text("Nama Aplikasi,Alamat URL,Keterangan Lain\nA,b.go.id,c\n")
    t2 = suggest(ok, lang="id")
    assert "Nama Aplikasi: nama" in t2 and "Alamat URL: url" in t2 and "# Keterangan Lain: ??? tidak dikenali" in t2
