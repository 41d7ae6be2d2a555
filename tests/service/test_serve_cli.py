"""``spbe serve`` as a user runs it: a real process, embedded or remote store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from spbe_kg.benchmarks.servers import free_port, wait_http

SPBE = [str(Path(sys.executable).parent / "spbe")]


def _serve(args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k != "SPBE_WRITE_TOKEN"}
    env.update(env_extra or {})
    return subprocess.Popen(SPBE + ["serve", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _stop(proc):
    proc.terminate()
    try:
        out, err = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return out, err


@pytest.mark.slow
def test_serve_embedded_store_survives_restart(tmp_path):
    port = free_port()
    args = ["--store", str(tmp_path / "store"), "--port", str(port), "--enable-updates"]
    env = {"SPBE_WRITE_TOKEN": "rahasia"}
    proc = _serve(args, env)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        r = httpx.post(f"http://127.0.0.1:{port}/sparql", data={"update": "INSERT DATA { GRAPH <http://g> { <http://a> <http://b> 'c' } }"},
                       headers={"Authorization": "Bearer rahasia"})
        assert r.status_code == 204
    finally:
        _, err = _stop(proc)
    assert not (tmp_path / ".store.snapshots").exists(), "query-worker checkpoints left behind"
    log_lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert any(x["path"] == "/sparql" and x["status"] == 204 and "ms" in x and "id" in x for x in log_lines)
    proc = _serve(["--store", str(tmp_path / "store"), "--port", str(port)])
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        h = httpx.get(f"http://127.0.0.1:{port}/health").json()
        assert h["store"] == "embedded" and h["triples"] == 1 and h["updates_enabled"] is False
        r = httpx.post(f"http://127.0.0.1:{port}/sparql", data={"update": "CLEAR ALL"}, headers={"Authorization": "Bearer rahasia"})
        assert r.status_code == 403
    finally:
        _stop(proc)


def test_serve_refuses_updates_without_token(tmp_path):
    proc = _serve(["--store", str(tmp_path / "s"), "--port", str(free_port()), "--enable-updates"])
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "SPBE_WRITE_TOKEN" in err and "Traceback" not in err


@pytest.mark.slow
def test_serve_remote_endpoint(oxigraph_url):
    port = free_port()
    proc = _serve(["--endpoint", oxigraph_url + "/query", "--port", str(port), "--lang", "en"])
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        assert httpx.get(f"http://127.0.0.1:{port}/health").json()["store"] == "remote"
        r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {}"})
        assert r.json()["boolean"] is True
        r = httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK {"})
        assert r.status_code == 400 and "Invalid SPARQL" in r.text
    finally:
        _stop(proc)
