"""Fixtures of the decisions/roadmap tests: real pyoxigraph stores holding the example inventory
(examples/sumut through the real loader), a fresh copy per test (decisions write to it), and a real
uvicorn serving the whole app on 127.0.0.1 with a write token."""

from __future__ import annotations

import gc
import socket
import threading
import time
from pathlib import Path

import pytest

from spbe_kg.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "rahasia-uji-14"


def example_files() -> list[Path]:
    d = ROOT / "examples" / "sumut"
    files = sorted(d.glob("*.xlsx")) + sorted(d.glob("aplikasi_*.csv"))
    if not files:
        import tempfile

        from spbe_kg.benchmarks.example_inventory import write_all

        out = Path(tempfile.mkdtemp(prefix="sumut-"))
        write_all(out)
        files = sorted(out.glob("*.xlsx")) + sorted(out.glob("aplikasi_*.csv"))
    return files


@pytest.fixture(scope="session")
def example_quads():
    from spbe_kg.loaders.api import convert_files, load_into_store
    from spbe_kg.service.store.embedded import EmbeddedStore

    s = Settings(store="memory")
    st = EmbeddedStore(None)
    load_into_store(st, convert_files(example_files(), settings=s, partial=True), settings=s)
    return list(st.raw.quads_for_pattern(None, None, None, None))


@pytest.fixture
def store(example_quads):
    """A fresh in-memory store with the reference data and the example inventory."""
    from spbe_kg.service.store.embedded import EmbeddedStore

    st = EmbeddedStore(None)
    st.add_quads(example_quads)
    return st


@pytest.fixture
def settings():
    return Settings(store="memory", roadmap_start_year=2025, roadmap_years=5)


@pytest.fixture
def store_dir(example_quads, tmp_path) -> Path:
    from spbe_kg.service.store.embedded import EmbeddedStore

    d = tmp_path / "store"
    st = EmbeddedStore(d)
    st.add_quads(example_quads)
    st.close()
    del st
    gc.collect()
    return d


def serve(app):
    """Run ``app`` in a real uvicorn on 127.0.0.1; returns (base_url, stop)."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)

    def stop():
        server.should_exit = True
        thread.join(15)
        sock.close()

    return f"http://127.0.0.1:{port}", stop


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture
def serve_app():
    """``serve_app(app) -> base_url``; stopped at the end of the test."""
    stops = []

    def run(app):
        base, stop = serve(app)
        stops.append(stop)
        return base

    yield run
    for stop in stops:
        stop()


@pytest.fixture
def site(store):
    """A real uvicorn serving the app over a fresh example store, writes enabled with TOKEN."""
    from spbe_kg.service.app import create_app

    settings = Settings(store="memory", enable_updates=True, write_token=TOKEN, query_workers=0, lang="id")
    base, stop = serve(create_app(settings, store=store))
    try:
        yield base, store, settings
    finally:
        stop()
