"""``spbe query`` and ``spbe duplicates`` end to end on an on-disk store (exit codes, formats, messages)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from spbe_kg.service.cli import main


def test_query_list(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "layanan-sama-pasangan" in out and "Pasangan aplikasi" in out
    assert main(["query", "--list", "--lang", "en"]) == 0
    assert "Pairs of applications" in capsys.readouterr().out


def test_query_formats(sumut_store_dir, capsys):
    assert main(["query", "jumlah-per-pemda", "--store", str(sumut_store_dir), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["results"]["bindings"]) == 7
    assert main(["query", "layanan-sama-kelompok", "--store", str(sumut_store_dir), "--format", "csv",
                 "--param", "awalan=RAL.02", "--param", "minOpd=3"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and all(r["kode"].startswith("RAL.02") and int(r["jumlahOpd"]) >= 3 for r in rows)
    assert main(["query", "nasional-dicatat-lokal", "--store", str(sumut_store_dir)]) == 0
    out = capsys.readouterr()
    assert "nas:srikandi" in out.out and "baris" in out.err


def test_query_user_errors(sumut_store_dir, tmp_path, capsys):
    assert main(["query", "tidak-ada", "--store", str(sumut_store_dir)]) == 2
    assert "spbe query --list" in capsys.readouterr().err
    assert main(["query", "jumlah-per-kode", "--store", str(sumut_store_dir), "--param", "x=1"]) == 2
    assert "awalan" in capsys.readouterr().err
    assert main(["query", "jumlah-per-kode", "--store", str(sumut_store_dir), "--param", "awalan"]) == 2
    assert "var=nilai" in capsys.readouterr().err
    assert main(["query", "jumlah-per-kode", "--store", str(tmp_path / "none"), "--lang", "en"]) == 2
    assert "load an inventory first" in capsys.readouterr().err


@pytest.mark.slow
def test_duplicates_formats(sumut_store_dir, tmp_path, capsys):
    assert main(["duplicates", "--store", str(sumut_store_dir), "--format", "json", "--no-write"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ringkasan"]["klaster"] == len(data["klaster"]) > 0
    first = data["klaster"][0]
    assert first["label"] == "Rekomendasi (bukan keputusan)" and first["anggota"][0]["baris"]
    codes = data["laporanKode"]  # the code-based report: the rows of the four grouped named queries
    assert [len(codes[n]) for n in ("layanan-sama-kelompok", "fungsi-rab-sama", "khusus-tumpang-tindih-umum",
                                     "nasional-dicatat-lokal")] == [37, 35, 35, 26]
    assert codes["layanan-sama-kelompok"][0]["kode"] == "RAL.01.44.02"
    out = tmp_path / "dup.xlsx"
    assert main(["duplicates", "--store", str(sumut_store_dir), "--format", "xlsx", "-o", str(out), "--lang", "en"]) == 0
    assert "finding quads written" in capsys.readouterr().err
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["cluster", "kind", "score"] and ws.max_row > 10
    assert main(["duplicates", "--store", str(sumut_store_dir), "--format", "csv", "--no-write"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["disposisi"] for r in rows} <= {"tolerate", "invest", "migrate", "eliminate"}
    assert main(["duplicates", "--store", str(sumut_store_dir), "--no-write"]) == 0
    assert "satu aplikasi, banyak pencatat" in capsys.readouterr().out
    # the findings written by the xlsx run are there for SPARQL
    assert main(["query", "temuan-duplikasi", "--store", str(sumut_store_dir), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["results"]["bindings"]) == data["ringkasan"]["klaster"]


def test_duplicates_usage_errors(sumut_store_dir, capsys):
    assert main(["duplicates", "--store", str(sumut_store_dir), "--format", "xlsx"]) == 2
    assert "-o" in capsys.readouterr().err
