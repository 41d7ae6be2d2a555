"""`spbe validate`: exit codes 0/1/2, formats, --store, --shapes, --lang, -o, and bad input."""

from __future__ import annotations

import json

import pytest

from spbe_kg.service.cli import main

from .helpers import BAD_CSV, GOOD_CSV, spbe


@pytest.fixture
def files(tmp_path):
    good = tmp_path / "baik.csv"
    good.write_text(GOOD_CSV, encoding="utf-8")
    bad = tmp_path / "buruk.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    return good, bad


def test_exit_codes(files, capsys):
    good, bad = files
    assert main(["validate", str(good)]) == 0
    assert "Sesuai" in capsys.readouterr().out
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "baris 3, kolom H (penyebab_tidak_aktif)" in out and "Tidak sesuai" in out
    assert main(["validate", str(good), "--fail-on", "info"]) == 1


@pytest.mark.slow
def test_exit_code_through_the_console_script(files):
    good, bad = files
    assert spbe("validate", str(good)).returncode == 0
    p = spbe("validate", str(bad), "--lang", "en", "--format", "json")
    assert p.returncode == 1
    doc = json.loads(p.stdout)
    assert doc["conforms"] is False
    assert "1 violations" in p.stderr


@pytest.mark.parametrize("args, needle", [
    (["validate"], "Tidak ada berkas"),
    (["validate", "tidak-ada.csv"], "tidak-ada.csv"),
    (["validate", "BAD", "--format", "docx"], "Format laporan tidak dikenal"),
])
def test_usage_errors_exit_2(files, capsys, args, needle):
    args = [str(files[1]) if a == "BAD" else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_unknown_format_and_unreadable_file(tmp_path, capsys):
    pdf = tmp_path / "catatan.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    assert main(["validate", str(pdf)]) == 2
    assert "catatan.pdf" in capsys.readouterr().err
    xlsx = tmp_path / "rusak.xlsx"
    xlsx.write_bytes(b"this is not a zip")
    assert main(["validate", str(xlsx), "--lang", "en"]) == 2
    assert "rusak.xlsx" in capsys.readouterr().err


def test_store_and_files_are_exclusive(files, tmp_path, capsys):
    assert main(["validate", str(files[0]), "--store", str(tmp_path)]) == 2
    assert "bukan keduanya" in capsys.readouterr().err
    assert main(["validate", "--store", str(tmp_path / "tidak-ada")]) == 2
    assert "spbe load" in capsys.readouterr().err


def test_broken_shapes_file_exit_2(files, tmp_path, capsys):
    broken = tmp_path / "rusak.ttl"
    broken.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nthis is not turtle")
    assert main(["validate", str(files[0]), "--shapes", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "rusak.ttl" in err and "berkas shapes rusak" in err


def test_user_shapes_add_rules(files, tmp_path, capsys):
    extra = tmp_path / "aturan-daerah.ttl"
    extra.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix spbe: <https://w3id.org/spbe/ontology#> .
<https://ujikab.go.id/aturan#TahunWajib> a sh:PropertyShape ; sh:targetClass spbe:Aplikasi ;
  sh:path spbe:tahunPembuatan ; sh:minCount 1 ; sh:severity sh:Violation ;
  sh:message "Tahun pembuatan wajib diisi"@id, "Year built is required"@en .
""")
    assert main(["validate", str(files[0]), "--shapes", str(extra), "--format", "json", "--lang", "en"]) == 1
    doc = json.loads(capsys.readouterr().out)
    mine = [r for r in doc["results"] if r["ruleId"] == "https://ujikab.go.id/aturan#TahunWajib"]
    assert len(mine) == 1 and mine[0]["message"] == "Year built is required"
    assert doc["engine"] == "sparql"


def test_output_file_and_english(files, tmp_path, capsys):
    out = tmp_path / "hasil" / "laporan.xml"
    assert main(["validate", str(files[1]), "--format", "junit", "-o", str(out), "--lang", "en"]) == 1
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert "Report written to" in capsys.readouterr().err


def test_whole_store(files, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["load", "--store", str(store), str(files[1]), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["validate", "--store", str(store), "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["scope"] == "store"
    r = next(r for r in doc["results"] if r["ruleId"].endswith("#AlasanTidakAktif"))
    assert (r["location"]["file"], r["location"]["row"], r["location"]["column"]) == ("buruk.csv", 3, "H")


def test_madiun_census_names_the_cells(madiun_csv, capsys):
    code = main(["validate", str(madiun_csv), "--instansi", "Pemerintah Kabupaten Madiun", "--format", "json"])
    assert code == 1
    doc = json.loads(capsys.readouterr().out)
    v = [r for r in doc["results"] if r["severity"] == "Violation"]
    assert v and all(r["location"]["row"] and r["location"]["file"] == str(madiun_csv) for r in v)
    jenis = [r for r in v if r["ruleId"].endswith("#JenisAplikasiWajib")]
    assert jenis and all(r["location"]["column"] == "E" and r["location"]["header"] == "jenis_aplikasi" for r in jenis)


def test_rows_the_loader_cannot_read_are_reported_at_their_cell(tmp_path, capsys):
    from .helpers import sarif_schema

    f = tmp_path / "galat.csv"
    f.write_text(GOOD_CSV + "Pemerintah Kabupaten Uji,,Aplikasi Tanpa OPD,ATO,Uraian,Aplikasi Khusus,Aktif,"
                 "https://ato.ujikab.go.id,RAL.01.10.01,RAB.02.06.01\n", encoding="utf-8")
    assert main(["validate", str(f), "--format", "sarif"]) == 1
    captured = capsys.readouterr()
    assert "pemuat#BarisTerbaca" in captured.err
    doc = json.loads(captured.out)
    import jsonschema

    jsonschema.validate(doc, sarif_schema())
    res = [r for r in doc["runs"][0]["results"] if r["ruleId"].endswith("pemuat#BarisTerbaca")]
    assert len(res) == 1 and res[0]["level"] == "error"
    assert res[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 2}
    assert any(r["id"].endswith("pemuat#BarisTerbaca") for r in doc["runs"][0]["tool"]["driver"]["rules"])
    assert res[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"].startswith("https://w3id.org/spbe/id/sumber/galat-csv/")
