"""Issue 12 item 3: xlsx bombs are refused before parsing (413 over HTTP, exit 2 in the CLI, no
MemoryError traceback)."""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

HEADER = ["pemda", "opd_pengelola", "nama_aplikasi", "url"]
MEMORY_CAP = 1536 * 1024 * 1024  # the CLI runs under this address-space cap: a grid build dies


def far_cell_xlsx(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["Kab. Madiun", "Dinas Sosial", "SIKS-NG", "https://siks.kemensos.go.id"])
    ws["XFD1048576"] = "x"
    wb.save(path)
    assert path.stat().st_size < 8_000
    return path


def zip_bomb_xlsx(path: Path, unpacked: int = 60 * 1024 * 1024) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["Kab. Madiun", "Dinas Sosial", "SIKS-NG", "https://siks.kemensos.go.id"])
    wb.save(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("xl/media/padding.xml", "w", force_zip64=True) as f:
            chunk = b"<x/>" * 262_144
            for _ in range(unpacked // len(chunk)):
                f.write(chunk)
    assert path.stat().st_size < 1_000_000
    return path


def _cap():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _spbe(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "spbe"), *args], capture_output=True, text=True,
                          timeout=120, preexec_fn=_cap, cwd=cwd)


@pytest.mark.parametrize("make", [far_cell_xlsx, zip_bomb_xlsx])
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_cli_refuses_xlsx_bomb_with_exit_2(tmp_path, make, command):
    bomb = make(tmp_path / "bom.xlsx")
    r = _spbe(command, str(bomb), "--lang", "en", "--instansi", "Kabupaten Madiun", cwd=tmp_path)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "MemoryError" not in r.stderr
    assert "too large" in r.stderr and "bom.xlsx" in r.stderr


def test_cli_message_is_indonesian_by_default(tmp_path):
    bomb = far_cell_xlsx(tmp_path / "bom.xlsx")
    r = _spbe("convert", str(bomb), "--instansi", "Kabupaten Madiun", cwd=tmp_path)
    assert r.returncode == 2 and "terlalu besar" in r.stderr and "XFD" not in r.stderr.split("terlalu")[0]


@pytest.mark.parametrize("make", [far_cell_xlsx, zip_bomb_xlsx])
def test_http_validate_refuses_xlsx_bomb_with_413(make_client, tmp_path, make):
    bomb = make(tmp_path / "bom.xlsx")
    c = make_client()
    r = c.post("/validate", params={"lang": "en"}, files={"file": ("bom.xlsx", bomb.read_bytes())})
    assert r.status_code == 413, r.text[:500]
    assert "too large" in r.text and "Traceback" not in r.text


def test_ordinary_xlsx_still_validates(make_client, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["Kab. Madiun", "Dinas Sosial", "SIKS-NG", "https://siks.kemensos.go.id"])
    wb.save(tmp_path / "ok.xlsx")
    r = make_client().post("/validate", files={"file": ("ok.xlsx", (tmp_path / "ok.xlsx").read_bytes())})
    assert r.status_code == 200, r.text[:500]


@pytest.mark.parametrize("make", [far_cell_xlsx, zip_bomb_xlsx])
def test_http_load_refuses_xlsx_bomb_with_413_and_writes_nothing(tmp_path, make):
    """``POST /load`` converts under the same reader limits as ``/validate``."""
    from fastapi.testclient import TestClient

    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(None)
    app = create_app(Settings(store="memory", enable_updates=True, write_token="t", query_workers=0), store=store)
    p = make(tmp_path / "bom.xlsx")
    with TestClient(app) as c:
        r = c.post("/load?lang=en", files={"file": (p.name, p.read_bytes())}, headers={"Authorization": "Bearer t"})
    assert r.status_code == 413, r.text
    assert "Traceback" not in r.text and "MemoryError" not in r.text
    assert store.triple_count() == 0


def test_http_load_body_cap(tmp_path):
    from fastapi.testclient import TestClient

    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(None)
    app = create_app(Settings(store="memory", enable_updates=True, write_token="t", query_workers=0,
                              max_body_bytes=10_000), store=store)
    with TestClient(app) as c:
        r = c.post("/load", files={"file": ("big.csv", b"pemda,nama_aplikasi\n" + b"Kab. Karo,X\n" * 2000)},
                   headers={"Authorization": "Bearer t"})
    assert r.status_code == 413
    assert store.triple_count() == 0
