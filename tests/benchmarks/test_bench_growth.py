"""bench_growth at a tiny scale, for real: every scenario is measured at every scale (children, a real
``spbe serve``), the one table has a row per scenario and metric, and growth above linear is flagged."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from spbe_kg.benchmarks import bench_growth as bg

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("growth") / "growth.json"
    r = subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.bench_growth", "--apps", "40", "--scales", "0.5,1",
                        "--serve-seconds", "0.3", "--json", str(out)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout, json.loads(out.read_text(encoding="utf-8"))


def test_every_scenario_is_measured_at_every_scale(run):
    _, results = run
    assert [r["apps"] for r in results] == [20, 40]
    for r in results:
        assert r["triples"] > 0
        for sc in bg.SCENARIOS:
            assert r[sc]["wall"] > 0 and r[sc]["rss_mb"] > 0, sc
        assert r["serve"]["lookup"]["n"] > 0 and r["serve"]["lookup"]["errors"] == 0
        assert r["serve"]["select"]["n"] > 0 and r["serve"]["select"]["errors"] == 0
        # make test installs wrk (Makefile, system-deps): the server's own capacity is measured too
        assert r["serve"]["wrk_lookup"]["n"] > 0 and r["serve"]["wrk_lookup"]["errors"] == 0
        assert r["serve"]["processes"] >= 1
        assert r["duplicates"]["records"] > 0 and r["duplicates"]["steps"]


def test_the_one_table_has_a_row_per_scenario_and_the_duplicate_steps(run):
    stdout, results = run
    for sc in bg.SCENARIOS:
        assert f"| {sc} | wall s |" in stdout and f"| {sc} | peak RSS MB |" in stdout
    assert "| factor 20 -> 40 |" in stdout
    assert "| serve | lookup req/s (wrk) |" in stdout and "| serve | lookup p95 ms (wrk) |" in stdout
    for step in results[-1]["duplicates"]["steps"]:
        assert f"| {step} s |" in stdout


def test_growth_above_linear_is_flagged_and_linear_is_not():
    def at(apps, wall):
        return {"apps": apps, "load": {"wall": wall, "rss_mb": 100.0}}

    fast = bg.table([at(10, 1.0), at(30, 3.0)])
    slow = bg.table([at(10, 1.0), at(30, 5.0)])
    assert "superlinear" not in fast
    assert "**5.00x** superlinear" in slow


def test_a_scale_cut_short_shows_what_was_not_measured():
    done = {"apps": 10, "load": {"wall": 1.0, "rss_mb": 100.0}, "validate": {"wall": 2.0, "rss_mb": 90.0}}
    cut = {"apps": 30, "load": {"wall": 3.0, "rss_mb": 110.0}}
    text = bg.table([done, cut])
    assert "| validate | wall s | 2.0 | not measured | - |" in text
    assert "| load | wall s | 1.0 | 3.0 | 3.00x |" in text


def test_one_scale_alone_prints_both_tables():
    one = {"apps": 30, "load": {"wall": 3.0, "rss_mb": 110.0},
           "duplicates": {"wall": 2.0, "rss_mb": 90.0, "steps": {"baca": 1.0}, "records": 30, "candidates": 9,
                          "pairs": 8, "clusters": 2}}
    assert "| load | wall s | 3.0 | - |" in bg.table([one])
    assert "| baca s | 1.00 | - |" in bg.steps_table([one])
