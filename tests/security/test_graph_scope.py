"""Issue 12 item 6: a TriG/N-Quads file given to ``spbe load`` writes only its own graph(s)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from spbe_kg.ontology.namespaces import REFERENCE_GRAPH
from spbe_kg.service.store.embedded import EmbeddedStore

BASE = "https://data.example.go.id/spbe/"
CSV = ("pemda,opd_pengelola,nama_aplikasi,url\n"
       "Kab. Madiun,Dinas Sosial,SIKS-NG,https://siks.kemensos.go.id\n"
       "Kab. Madiun,Dinas Kesehatan,SIMPUS,https://simpus.madiunkab.go.id\n")


def _spbe(*args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).parent / "spbe"), *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env={"SPBE_BASE_IRI": BASE, "PATH": "/usr/bin:/bin"})


def _counts(store_dir: Path) -> dict[str, int]:
    s = EmbeddedStore(store_dir)
    try:
        rows = s.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {r["g"].value: int(r["n"].value) for r in rows}
    finally:
        s.close()


@pytest.fixture
def loaded(tmp_path):
    (tmp_path / "inv.csv").write_text(CSV)
    r = _spbe("load", "inv.csv", "--store", "store", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    return tmp_path


@pytest.mark.parametrize("ext", ["trig", "nq"])
@pytest.mark.parametrize("victim", ["reference", "other-file", "findings"])
def test_file_naming_other_graphs_is_refused_and_store_unchanged(loaded, ext, victim):
    target = {"reference": REFERENCE_GRAPH, "other-file": BASE + "graph/inv-csv",
              "findings": BASE + "graph/temuan-duplikasi"}[victim]
    before = _counts(loaded / "store")
    if ext == "trig":
        (loaded / "evil.trig").write_text(f"<{target}> {{ <http://x/s> <http://x/p> \"wiped\" }}\n")
    else:
        (loaded / "evil.nq").write_text(f"<http://x/s> <http://x/p> \"wiped\" <{target}> .\n")
    r = _spbe("load", f"evil.{ext}", "--store", "store", "--lang", "en", cwd=loaded)
    assert r.returncode == 1, r.stderr
    assert "only its own graph" in r.stderr and target in r.stderr and "Traceback" not in r.stderr
    assert _counts(loaded / "store") == before
    r = _spbe("load", f"evil.{ext}", "--store", "store", cwd=loaded)
    assert r.returncode == 1 and "hanya boleh menulis grafnya sendiri" in r.stderr


def test_own_graphs_load_and_admin_flag_allows_others(loaded):
    own = BASE + "graph/mine-trig"
    (loaded / "mine.trig").write_text(
        f"<{own}> {{ <http://x/s> <http://x/p> 1 }}\n<{own}/2024> {{ <http://x/s> <http://x/p> 2 }}\n"
        "{ <http://x/s> <http://x/p> 3 }\n")
    r = _spbe("load", "mine.trig", "--store", "store", cwd=loaded)
    assert r.returncode == 0, r.stderr
    counts = _counts(loaded / "store")
    assert counts[own + "/2024"] == 1 and counts[own] >= 2
    (loaded / "fix.trig").write_text(f"<{BASE}graph/inv-csv> {{ <http://x/s> <http://x/p> \"fixed\" }}\n")
    r = _spbe("load", "fix.trig", "--store", "store", "--izinkan-graf-lain", cwd=loaded)
    assert r.returncode == 0, r.stderr
    assert _counts(loaded / "store")[BASE + "graph/inv-csv"] == 1
