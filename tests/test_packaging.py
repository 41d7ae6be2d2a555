"""`pip install .` (a real wheel, not the editable install) finds its data files at run time:
the ontology and code lists, the shapes, the named queries, the page templates."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHECK = textwrap.dedent(
    """
    import sys, pathlib
    import spbe_kg
    target = pathlib.Path(sys.argv[1]).resolve()
    assert pathlib.Path(spbe_kg.__file__).resolve().is_relative_to(target), spbe_kg.__file__
    from spbe_kg.ontology import turtle_files
    from spbe_kg.ontology.reference import reference_quads
    from spbe_kg.shapes.shapes_graph import load_shapes
    from spbe_kg.queries.catalog import list_queries
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.shapes.validate import validate_quads
    from spbe_kg.settings import Settings
    names = {p.name for p in turtle_files()}
    assert {"spbe.ttl", "ref-ral.ttl", "ref-rab.ttl", "aplikasi-nasional.ttl"} <= names, names
    assert len(reference_quads()) > 5000
    from spbe_kg.ontology.build import build_all
    built = build_all(None, pathlib.Path(sys.argv[3]))  # term tables and reference CSVs ship in the wheel
    # every generated file is rebuilt; the rest (the lexicon) is edited by hand and shipped as is
    assert {p.name for p in built} | {"leksikon.ttl"} == names, (built, names)
    from spbe_kg.queries.weights import WEIGHTS
    assert WEIGHTS.evidence.host > 0
    assert len(load_shapes()) > 100
    assert len(list_queries()) >= 8
    csv = pathlib.Path(sys.argv[2])
    s = Settings(store="memory")
    res = convert_files([csv], settings=s, instansi="Pemerintah Kota Medan")
    assert res.ok and res.quads
    report = validate_quads(res.quads, settings=s)
    assert not report.conforms
    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.embedded import EmbeddedStore
    from fastapi.testclient import TestClient
    with TestClient(create_app(s, store=EmbeddedStore(None))) as c:
        assert c.get("/", headers={"Accept": "text/html"}).status_code == 200
        assert c.get("/rules").status_code == 200
        assert c.get("/unggah").status_code == 200  # the upload page and its script ship
        k = c.get("/kelengkapan.json").json()  # the province's kabupaten/kota list ships in the wheel
        assert k["summary"]["kabupatenKota"] == 33, k["summary"]
    print("packaged-ok")
    """
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    wheel_dir, target = tmp / "dist", tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(wheel_dir.glob("spbe_kg-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return target


@pytest.mark.slow
def test_wheel_finds_its_data_at_run_time(installed, tmp_path):
    csv = tmp_path / "inventaris.csv"
    csv.write_text("nama_aplikasi;opd_pengelola;status\nSIMPEG;BKD;aktif\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(installed)}
    (tmp_path / "built").mkdir()
    out = subprocess.run([sys.executable, "-c", CHECK, str(installed), str(csv), str(tmp_path / "built")], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "packaged-ok" in out.stdout
