"""Loads are atomic: a ``kill -9`` in the middle of ``spbe load`` leaves the store as it was, or fully loaded."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time

import pytest

from spbe_kg.benchmarks.generate import LAYOUT2_HEADERS, generate_rows
from spbe_kg.service.store.embedded import EmbeddedStore

ONT = "https://w3id.org/spbe/ontology#"
SPBE_CMD = [sys.executable, "-c", "import sys; from spbe_kg.service.cli import main; sys.exit(main())"]


def write_inventory(path, n: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=LAYOUT2_HEADERS)
        w.writeheader()
        w.writerows(generate_rows(n, seed=3))


def count_apps(store_dir) -> int:
    s = EmbeddedStore(store_dir, read_only=True)
    try:
        return int(next(iter(s.query(f"SELECT (COUNT(*) AS ?c) WHERE {{ ?a a <{ONT}Aplikasi> }}")))["c"].value)
    finally:
        s.close()


def full_count(inv) -> int:
    """Application records the whole file yields (rows minus placeholder rows)."""
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.settings import Settings

    return sum(1 for o in convert_files([inv], settings=Settings()).rows if o.status == "loaded")


@pytest.mark.parametrize("kill_after", ["staging", 1.0])
@pytest.mark.slow
def test_kill_midway_leaves_before_or_after(tmp_path, cli, kill_after):
    inv = tmp_path / "inventaris.csv"
    store = tmp_path / "store"
    write_inventory(inv, 40)
    assert cli("load", str(inv), "--store", str(store), "-q").returncode == 0
    before = count_apps(store)
    write_inventory(inv, 2000)
    proc = subprocess.Popen([*SPBE_CMD, "load", str(inv), "--store", str(store), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    staging = tmp_path / ".store.spbe-baru"
    t0 = time.monotonic()
    if kill_after == "staging":
        while not staging.exists() and proc.poll() is None and time.monotonic() - t0 < 60:
            time.sleep(0.01)
    else:
        time.sleep(kill_after)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    after = count_apps(store)
    assert after == before or after == full_count(inv)  # never a partial load
    # the next load cleans up whatever the killed one left and completes
    assert cli("load", str(inv), "--store", str(store), "-q").returncode == 0
    assert count_apps(store) == full_count(inv)
    assert not staging.exists(), os.listdir(staging)


@pytest.mark.slow
def test_concurrent_loads_into_one_store_both_land(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("pemda,nama_aplikasi\nKota Medan,SIMPEG\n")
    b.write_text("pemda,nama_aplikasi\nKota Binjai,E-Office\n")
    store = tmp_path / "store"
    procs = [subprocess.Popen([*SPBE_CMD, "load", str(f), "--store", str(store), "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for f in (a, b)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    s = EmbeddedStore(store, read_only=True)
    try:
        graphs = set(s.named_graphs())
    finally:
        s.close()
    assert {"https://w3id.org/spbe/id/graph/a-csv", "https://w3id.org/spbe/id/graph/b-csv"} <= graphs
