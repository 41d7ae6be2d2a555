"""Readers: csv encodings and delimiters, xlsx title rows / merged cells / numbers / dates, json, RDF."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from spbe_kg.loaders.api import convert_files
from spbe_kg.loaders.errors import LoaderError

SPBE = "https://w3id.org/spbe/ontology#"


def values(result, prop: str) -> list[str]:
    """Objects of ``prop`` on application records."""
    return sorted(q.object.value for q in result.quads
                  if q.predicate.value == SPBE + prop and "/aplikasi/" in q.subject.value)


@pytest.mark.parametrize("encoding,delim", [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", "\t"), ("latin-1", ";"),
                                            ("utf-16", ",")])
def test_csv_encodings_and_delimiters(tmp_path, settings, encoding, delim):
    rows = [["pemda", "opd_pengelola", "nama_aplikasi", "deskripsi"],
            ["Kab. Madiun", "Dinas Sosial", "Sistem Pelayanan Terpadu", "Aplikasi untuk penerima manfaat: café résumé"],
            ["Kab. Madiun", "Dinas Sosial", "SIKS-NG", "Data terpadu"]]
    text = "\r\n".join(delim.join(r) for r in rows) + "\r\n"
    p = tmp_path / "inv.csv"
    p.write_bytes(text.encode(encoding))
    r = convert_files([p], settings=settings)
    assert [o.status for o in r.rows] == ["loaded", "loaded"]
    assert "Aplikasi untuk penerima manfaat: café résumé" in values(r, "deskripsi")


def test_csv_delimiter_and_encoding_override(tmp_path, settings):
    p = tmp_path / "inv.csv"
    p.write_bytes(b"nama_aplikasi|pemda\nA,B|Kota Medan\n")
    r = convert_files([p], settings=settings, delimiter="|", encoding="utf-8")
    assert values(r, "nama") == ["A,B"]
    with pytest.raises(LoaderError, match="tidak dapat didekode"):
        convert_files([p], settings=settings, encoding="ascii-nope")


def test_csv_multiline_cells_and_ragged_rows(tmp_path, settings):
    p = tmp_path / "inv.csv"
    p.write_text('pemda,nama_aplikasi,opd_pengguna\n"Kota Medan","SIMPEG","Dinas A\nDinas B"\nKota Medan,E-Office,Dinas C,extra\n')
    r = convert_files([p], settings=settings)
    assert [(o.row, o.status) for o in r.rows] == [(2, "loaded"), (3, "loaded")]
    assert any("sel" in w or "cells" in w for w in r.rows[1].warnings)
    assert len(values(r, "opdPengguna")) == 3


def test_binary_csv_is_a_clear_error(tmp_path, settings):
    p = tmp_path / "junk.csv"
    p.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    with pytest.raises(LoaderError, match="bukan teks"):
        convert_files([p], settings=settings)


def _census_workbook(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Kab Karo"
    ws["A1"] = "REKAPITULASI INVENTARIS APLIKASI PEMERINTAH KABUPATEN KARO TAHUN 2025"
    ws.merge_cells("A1:F1")
    ws["A2"] = "Sumber: Diskominfo"
    ws.append([])
    ws.append(["No", "Nama Pemda", "Nama Perangkat Daerah", "Nama Aplikasi", "Tahun Pembuatan", "Tanggal Data"])
    ws.append([1, "Kabupaten Karo", "Dinas Kesehatan", "SIMPUS", 2019.0, dt.datetime(2025, 3, 1)])
    ws.append([2, "Kabupaten Karo", "Dinas Pendidikan", "Srikandi", 2021, None])
    ws.append([3, None, "Dinas Pendidikan", "Dapodik", "2018", None])
    ws.merge_cells("B5:B7")  # the pemda cell merged down over three data rows
    ws2 = wb.create_sheet("Petunjuk")
    ws2["A1"] = "Isi satu aplikasi per baris."
    wb.save(path)


def test_xlsx_title_rows_merged_cells_numbers(tmp_path, settings):
    p = tmp_path / "karo.xlsx"
    _census_workbook(p)
    r = convert_files([p], settings=settings)
    assert [(o.sheet, o.row, o.status) for o in r.rows] == [("Kab Karo", 5, "loaded"), ("Kab Karo", 6, "loaded"),
                                                             ("Kab Karo", 7, "loaded")]
    assert values(r, "tahunPembuatan") == ["2018", "2019", "2021"]
    # the merged pemda cell gives row 7 its pemda
    assert set(values(r, "instansi")) == {"https://data.example.go.id/spbe/instansi/pemerintah-kabupaten-karo"}
    assert r.files[0].sheets == ["Kab Karo"]
    assert any("Petunjuk" in n for n in r.files[0].notes)  # the instruction sheet is noted, not an error
    assert any(q.predicate.value == SPBE + "namaLembar" and q.object.value == "Kab Karo" for q in r.quads)


def test_xlsx_chosen_sheet_and_missing_sheet(tmp_path, settings):
    p = tmp_path / "karo.xlsx"
    _census_workbook(p)
    assert len(convert_files([p], settings=settings, sheet="Kab Karo").rows) == 3
    with pytest.raises(LoaderError, match="Petunjuk"):
        convert_files([p], settings=settings, sheet="Tidak Ada")


def test_truncated_xlsx_is_a_clear_error(tmp_path, settings):
    p = tmp_path / "karo.xlsx"
    _census_workbook(p)
    p.write_bytes(p.read_bytes()[:500])
    with pytest.raises(LoaderError, match="workbook Excel"):
        convert_files([p], settings=settings)


def test_json_records(tmp_path, settings):
    p = tmp_path / "inv.json"
    p.write_text(json.dumps([
        {"pemda": "Kota Medan", "nama_aplikasi": "SIMPEG", "opd_pengguna": ["Dinas A", "Dinas B"], "tahun_pembuatan": 2020},
        "not a record",
        {"pemda": "Kota Medan", "nama_aplikasi": "X", "url": {"nested": 1}},
    ]))
    r = convert_files([p], settings=settings)
    assert [(o.row, o.status) for o in r.rows] == [(1, "loaded"), (2, "error"), (3, "error")]
    assert "bukan objek" in r.rows[1].reason
    assert r.rows[2].column == "url" and not r.ok
    assert len(values(r, "opdPengguna")) == 2


def test_json_not_a_list(tmp_path, settings):
    p = tmp_path / "inv.json"
    p.write_text('{"a": 1}')
    with pytest.raises(LoaderError, match="daftar rekaman"):
        convert_files([p], settings=settings)


def test_rdf_passthrough_keeps_graphs(tmp_path, settings):
    p = tmp_path / "extra.trig"
    p.write_text('<http://e/s> <http://e/p> "in default" .\n<http://e/g1> { <http://e/s> <http://e/p> "in g1" . }\n')
    r = convert_files([p], settings=settings)
    file_graph = "https://data.example.go.id/spbe/graph/extra-trig"
    assert r.graphs == [file_graph, "http://e/g1"]
    by_value = {q.object.value: q.graph_name.value for q in r.quads if q.predicate.value == "http://e/p"}
    assert by_value == {"in default": file_graph, "in g1": "http://e/g1"}
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://e/s> <http://e/p> .\n")
    with pytest.raises(LoaderError, match="bad.ttl"):
        convert_files([bad], settings=settings)


def test_unknown_extension_and_missing_file(tmp_path, settings):
    p = tmp_path / "inv.docx"
    p.write_bytes(b"x")
    with pytest.raises(LoaderError, match="tidak dikenali"):
        convert_files([p], settings=settings)
    with pytest.raises(LoaderError, match="tidak ditemukan"):
        convert_files([tmp_path / "nope.csv"], settings=settings)


def test_provenance_of_the_file(tmp_path, settings):
    p = tmp_path / "inv.csv"
    p.write_text("pemda,nama_aplikasi\nKota Medan,SIMPEG\nKota Medan,-\n")
    r = convert_files([p], settings=settings)
    f = "https://data.example.go.id/spbe/sumber/inv-csv"
    get = lambda prop: [q.object.value for q in r.quads if q.subject.value == f and q.predicate.value == SPBE + prop]  # noqa: E731
    import hashlib
    assert get("sha256") == [hashlib.sha256(p.read_bytes()).hexdigest()]
    assert (get("jumlahBaris"), get("jumlahDimuat"), get("jumlahDilewati")) == (["2"], ["1"], ["1"])
    times = [q.object.value for q in r.quads
             if q.subject.value == r.graphs[0] and q.predicate.value == "http://www.w3.org/ns/prov#generatedAtTime"]
    assert times == ["2025-09-01T00:00:00Z"]


def test_rdf_blank_nodes_stay_apart_across_files(tmp_path, settings):
    a, b = tmp_path / "a.nt", tmp_path / "b.nt"
    a.write_text('_:x <http://e/p> "a" .\n')
    b.write_text('_:x <http://e/p> "b" .\n')
    r = convert_files([a, b], settings=settings)
    subjects = {q.subject for q in r.quads if q.predicate.value == "http://e/p"}
    assert len(subjects) == 2


def test_reasons_follow_the_language_setting(tmp_path, settings_en):
    p = tmp_path / "inv.csv"
    p.write_text("pemda,nama_aplikasi,tahun_pembuatan\nKota Medan,N/A,\nKota Medan,SIMPEG,kemarin\n")
    r = convert_files([p], settings=settings_en)
    assert r.rows[0].reason.startswith("the application name 'N/A' is a placeholder")
    assert r.rows[1].warnings == ["inv.csv, row 3: year 'kemarin' not understood and ignored (write a four-digit year, e.g. 2021)"]
    with pytest.raises(LoaderError, match="not found"):
        convert_files([tmp_path / "missing.csv"], settings=settings_en)
