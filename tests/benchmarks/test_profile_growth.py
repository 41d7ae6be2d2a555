"""profile_growth at a tiny scale, for real: stores generated, loaded and reused, every part measured at every
scale in its own child process, a row per compiled check and per query of the records read."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spbe_kg.benchmarks import profile_growth as pg
from spbe_kg.queries.records import fetch_records
from spbe_kg.service.store.embedded import EmbeddedStore
from spbe_kg.shapes.compile import compile_shapes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    d = tmp_path_factory.mktemp("profile")
    out = d / "profile.json"
    r = subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.profile_growth", "--apps", "40", "--scales", "0.5,1",
                        "--keep", str(d / "growth"), "--lookups", "30", "--json", str(out)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return d, r.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_stores_are_kept_for_the_next_run(run):
    d, _, _ = run
    assert (d / "growth-20" / "store").is_dir() and (d / "growth-40" / "store").is_dir()


def test_every_part_at_every_scale(run):
    _, _, results = run
    assert [r["apps"] for r in results] == [20, 40]
    n_checks = len(compile_shapes())
    for r in results:
        v = r["validate"]
        assert len(v["checks"]) == n_checks
        assert set(v["steps"]) == {"compile", "copy", "checks", "locate", "labels", "report", "suggestions"}
        assert v["results"] == v["steps"]["report"]["rows"] > 0
        assert sum(c["rows"] for c in v["checks"]) == v["results"]
        steps = r["read"]["steps"]
        assert set(steps) == {"fetch_records", "fetch_national", "decision_state", "fetch_national_codes"}
        assert 0 < steps["fetch_records"]["rows"] <= r["apps"]  # a row the loader reports is no record
        queried = {q["query"] for q in r["read"]["queries"] if q["step"] == "fetch_records"}
        assert "?s spbe:nama ?o" in queried and "?s spbe:barisSumber ?o" in queried
        for k in ("first500.cold", "spread.warm"):
            assert r["lookup"][k]["n"] == 30 and r["lookup"][k]["cpu_us"] > 0


def test_the_tables_name_every_part(run):
    _, stdout, _ = run
    for head in ("| validation step |", "| compiled check (top 15 by CPU) |", "| records read, step |",
                 "| records read, query |", "| engine lookup (Store.query + JSON) |", "load average"):
        assert head in stdout
    assert "| records read, step | CPU s 20 apps | CPU s 40 apps | factor |" in stdout


def test_the_timed_store_changes_nothing_it_reads(run):
    d, _, _ = run
    store = EmbeddedStore(d / "growth-40" / "store", read_only=True)
    timed = pg.TimedStore(store)
    assert fetch_records(timed) == fetch_records(store)
    assert timed.queries and all(q["rows"] >= 0 for q in timed.queries)


def test_growth_above_linear_is_flagged_only_above_the_floor():
    r = [{"apps": 10, "p": {"a": {"cpu": 1.0}, "tiny": {"cpu": 0.001}}},
         {"apps": 30, "p": {"a": {"cpu": 4.0}, "tiny": {"cpu": 0.01}}}]
    text = pg.rows_table("step", r, lambda x: x["p"], floor=0.5)
    assert "| a | 1.000 | 4.000 | **4.00x** superlinear |" in text
    assert "| tiny | 0.001 | 0.010 | 10.00x |" in text
