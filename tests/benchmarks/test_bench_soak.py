"""bench_soak's judgement and memory readings, on real processes (no server needed for these)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from spbe_kg.benchmarks import bench_soak as bs
from spbe_kg.benchmarks import proctree


def _samples(values, step=10.0):
    return [{"t": i * step, "main": 50.0, "workers": v - 50.0, "total": v} for i, v in enumerate(values)]


def test_a_flat_run_is_bounded_and_a_climbing_one_is_not():
    flat = bs.summary(_samples([300, 420, 431, 430, 429, 430, 431, 430, 429, 430]), minutes=1.5)
    assert flat["bounded"] and flat["start"] == 300 and flat["max"] == 431
    climbing = bs.summary(_samples([300 + 5 * i for i in range(60)]), minutes=10)  # 30 MB/min
    assert not climbing["bounded"]
    assert abs(climbing["slope"] - 30.0) < 1e-6 and climbing["window_min"] == 5
    # the server process stayed flat; the climb is the workers'
    assert climbing["slope_main"] == 0.0 and abs(climbing["slope_workers"] - 30.0) < 1e-6
    assert climbing["floor_workers"] == 300 + 5 * 29 - 50  # the first reading inside the last 5 minutes (t = 290 s)


def test_the_warm_up_reading_is_the_first_after_one_minute():
    s = bs.summary(_samples([100, 200, 300, 400, 500, 600, 700, 800]), minutes=70 / 60)
    assert s["warm"] == 700  # t = 60 s


def test_tree_rss_counts_the_worker_processes():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(200 * 2**20); time.sleep(60)"])
    try:
        deadline = time.monotonic() + 30
        while proctree.tree_rss_mb(os.getpid())["workers"] < 200 and time.monotonic() < deadline:
            time.sleep(0.1)
        tree = proctree.tree_rss_mb(os.getpid())
        assert child.pid in proctree.descendants(os.getpid())
        assert tree["workers"] >= 200 and tree["processes"] >= 2
        assert tree["total"] == tree["main"] + tree["workers"]
    finally:
        child.kill()
        child.wait()
