"""jemalloc under ``spbe serve`` (service/malloc.py): the run again with it preloaded, on a real process.

The Debian package ``libjemalloc2`` is installed by ``make test`` (``make system-deps``); where it is
missing, the tests check that ``spbe serve`` runs on glibc's malloc instead and says so.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx

from spbe_kg.benchmarks.proctree import descendants
from spbe_kg.benchmarks.servers import free_port, wait_http
from spbe_kg.service import malloc
from tests.support import stop

SPBE = str(Path(sys.executable).parent / "spbe")


def test_preload_env_runs_again_once_and_keeps_other_preloads():
    env = malloc.preload_env({"PATH": "/bin", "LD_PRELOAD": "/opt/libother.so"}, "jemalloc", lib="/usr/lib/libjemalloc.so.2")
    assert env is not None and env["LD_PRELOAD"] == "/usr/lib/libjemalloc.so.2 /opt/libother.so" and env["PATH"] == "/bin"
    assert env[malloc.MARK] == "/usr/lib/libjemalloc.so.2"
    assert malloc.preload_env(env, "jemalloc", lib="/usr/lib/libjemalloc.so.2") is None  # the run again: never twice
    assert malloc.preload_env({}, "system", lib="/usr/lib/libjemalloc.so.2") is None


def _maps_of(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text(errors="replace")


def _serve(tmp_path: Path, extra_env: dict) -> tuple[subprocess.Popen, int, Path]:
    port = free_port()
    log = tmp_path / f"serve-{port}.log"
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", malloc.MARK, "SPBE_WRITE_TOKEN")}
    env.update(extra_env)
    with log.open("w") as err:
        proc = subprocess.Popen([SPBE, "serve", "--store", str(tmp_path / "store"), "--port", str(port), "--workers", "1"],
                                stdout=subprocess.DEVNULL, stderr=err, env=env)
    return proc, port, log


def test_serve_runs_with_jemalloc_in_itself_and_its_workers(tmp_path):
    lib = malloc.find_jemalloc()
    proc, port, log = _serve(tmp_path, {})
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"})
        assert r.status_code == 200
        pids = [proc.pid, *descendants(proc.pid)]  # the same process id after the run again, and its workers
        assert len(pids) >= 2
        loaded = ["libjemalloc" in _maps_of(p) for p in pids]
        first = log.read_text().splitlines()[0]
    finally:
        stop(proc)
    if lib is None:  # not installed here: glibc's malloc, said so
        assert not any(loaded) and first.endswith("malloc: glibc)"), first
    else:
        assert all(loaded), loaded
        assert first.endswith("(embedded, malloc: jemalloc)"), first


def test_serve_malloc_system_keeps_glibc(tmp_path):
    proc, port, log = _serve(tmp_path, {"SPBE_SERVE_MALLOC": "system"})
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        assert "libjemalloc" not in _maps_of(proc.pid)
    finally:
        stop(proc)
    assert log.read_text().splitlines()[0].endswith("(embedded, malloc: glibc)")
