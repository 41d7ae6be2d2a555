"""The generated inventories go through the real loader: no error row, every row accounted for."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks import example_inventory as ex
from spbe_kg.benchmarks import generate as gen
from spbe_kg.loaders.api import convert_files
from spbe_kg.settings import Settings
from tests.support import ROOT

EXAMPLE = ROOT / "examples" / "sumut"
INVENTORY_FILES = [EXAMPLE / ex.WORKBOOK, EXAMPLE / "aplikasi_kab_simalungun.csv",
                   EXAMPLE / "aplikasi_kota_pematangsiantar.csv"]
SPBE = "https://w3id.org/spbe/ontology#"


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings(base_iri="https://data.example.go.id/spbe/", loaded_at="2025-09-01T00:00:00Z", lang="id")


@pytest.fixture(scope="module")
def converted(settings):
    return convert_files(INVENTORY_FILES, settings=settings)


def _truth() -> list[dict[str, str]]:
    with (EXAMPLE / "duplikat_kebenaran.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_example_converts_without_a_single_error_row(converted):
    assert converted.ok
    assert [r for r in converted.rows if r.status == "error"] == []
    assert len(converted.graphs) == 3


def test_every_application_row_is_loaded_or_skipped_as_the_truth_says(converted):
    outcome = {(r.file, r.sheet or "", r.row): r.status for r in converted.rows if r.sheet != "OPD"}
    truth = {(t["berkas"], t["lembar"], int(t["baris"])): t for t in _truth()}
    assert set(outcome) == set(truth)
    for key, t in truth.items():
        expected = "skipped" if t["catatan"] == "baris isian kosong" else "loaded"
        assert outcome[key] == expected, (key, t["nama_aplikasi"])


def test_every_opd_row_is_loaded(converted):
    opd = [r for r in converted.rows if r.sheet == "OPD"]
    n_opd = sum(len(i.opds) for i in ex.sumut_instansi())
    assert len(opd) == n_opd and all(r.status == "loaded" for r in opd)


def test_truth_rows_find_their_application_through_cell_provenance(converted):
    store = ox.Store()
    store.extend(converted.quads)
    q = f"""PREFIX spbe: <{SPBE}>
    SELECT ?file ?sheet ?n ?name WHERE {{
      ?app a spbe:Aplikasi ; spbe:nama ?name ; spbe:barisSumber ?row .
      ?row spbe:nomorBaris ?n ; spbe:lembar ?sh . ?sh spbe:berkas ?f . ?f spbe:namaBerkas ?file .
      OPTIONAL {{ ?sh spbe:namaLembar ?sheet }} }}"""
    found = {}
    for s in store.query(q, use_default_graph_as_union=True):
        found[(s["file"].value, s["sheet"].value if s["sheet"] else "", int(s["n"].value))] = s["name"].value
    loaded = [t for t in _truth() if t["catatan"] != "baris isian kosong"]
    missing = [t for t in loaded if (t["berkas"], t["lembar"], int(t["baris"])) not in found
               and (t["berkas"], "", int(t["baris"])) not in found]
    assert len(found) >= len(loaded) and missing == []


def test_national_sample_converts_cleanly_at_about_29_triples_an_application(tmp_path, settings):
    path: Path = gen.write(tmp_path, 500, seed=9)[0]
    res = convert_files([path], settings=settings)
    status = Counter(r.status for r in res.rows)
    assert status["error"] == 0 and status["loaded"] + status["skipped"] == 500
    per_app = len(res.quads) / status["loaded"]
    assert 22 <= per_app <= 36, per_app


def test_national_census_workbook_subset_converts_with_every_row_accounted_for(tmp_path, settings):
    paths = gen.write(tmp_path, 300, seed=4, xlsx=120)
    book = [p for p in paths if p.suffix == ".xlsx"]
    assert len(book) == 1
    res = convert_files(book, settings=settings)
    apps = [r for r in res.rows if r.sheet != "OPD"]
    assert res.ok and len(apps) == 120
    assert {r.status for r in apps} <= {"loaded", "skipped"} and sum(r.status == "loaded" for r in apps) >= 110
