"""The access log hands its lines to ``logging`` in batches (service/logging.py): no line is lost,
each keeps its request's time, and none waits longer than ``FLUSH_S`` on a running server."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from spbe_kg.benchmarks.servers import free_port, wait_http
from spbe_kg.service import logging as access


class _Seen(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture()
def seen():
    h = _Seen()
    access.log.addHandler(h)
    old = access.log.level
    access.log.setLevel(logging.INFO)
    access.flush_access_log()
    h.records.clear()
    yield h
    access.flush_access_log()
    access.log.removeHandler(h)
    access.log.setLevel(old)


def _scope(rid: str) -> dict:
    return {"method": "GET", "path": "/sparql", "spbe.request_id": rid}


def test_on_a_loop_lines_wait_for_the_timer_and_keep_their_time(seen):
    async def main():
        before = time.time()
        access.log_access(_scope("a-1"), 200, time.perf_counter())
        access.log_access(_scope("a-2"), 404, time.perf_counter())
        assert seen.records == []  # noted, not yet handled
        await asyncio.sleep(access.FLUSH_S + 0.2)
        return before

    before = asyncio.run(main())
    lines = [json.loads(r.getMessage()) for r in seen.records]
    assert [(x["id"], x["status"]) for x in lines] == [("a-1", 200), ("a-2", 404)]
    assert all(before <= r.created < before + access.FLUSH_S for r in seen.records)  # the request's time, not the flush's


def test_a_full_batch_is_handled_at_once(seen):
    async def main():
        for i in range(access.MAX_PENDING):
            access.log_access(_scope(f"b-{i}"), 200, time.perf_counter())
        return len(seen.records)

    assert asyncio.run(main()) == access.MAX_PENDING


def test_off_a_loop_a_line_is_handled_at_once(seen):
    access.log_access(_scope("c-1"), 500, time.perf_counter())
    assert [json.loads(r.getMessage())["id"] for r in seen.records] == ["c-1"]


def test_a_timer_on_a_closed_loop_does_not_stop_later_flushes(seen):
    async def note(rid):
        access.log_access(_scope(rid), 200, time.perf_counter())

    loop = asyncio.new_event_loop()
    loop.run_until_complete(note("d-1"))  # its timer never fires: the loop is closed
    loop.close()

    async def later():
        await note("d-2")
        await asyncio.sleep(access.FLUSH_S + 0.2)

    asyncio.run(later())
    assert [json.loads(r.getMessage())["id"] for r in seen.records] == ["d-1", "d-2"]


@pytest.mark.slow
def test_a_served_line_arrives_soon_and_none_is_lost_at_shutdown(tmp_path):
    """A real ``spbe serve``: a line reaches stderr within a second while the server runs, and of 400
    requests sent just before SIGTERM every line is written."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "SPBE_WRITE_TOKEN"}
    proc = subprocess.Popen([str(Path(sys.executable).parent / "spbe"), "serve", "--store", str(tmp_path / "s"),
                             "--port", str(port)], stderr=subprocess.PIPE, text=True, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
            c.get("/health", headers={"X-Request-ID": "soon-1"})
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline and not any('"soon-1"' in x for x in lines):
                time.sleep(0.02)
            assert any('"soon-1"' in x for x in lines), "the line did not arrive within 1 s"
            for i in range(400):
                c.get("/sparql", params={"query": "ASK {}"}, headers={"X-Request-ID": f"last-{i}"})
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        reader.join(timeout=10)
    ids = {json.loads(x)["id"] for x in lines if x.startswith("{")}
    assert {f"last-{i}" for i in range(400)} <= ids


class _CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, s: str) -> int:
        self.writes += 1
        return super().write(s)


def _only_handler(handler: logging.Handler):
    """``handler`` as the one handler access lines meet (as ``spbe serve`` sets up the root logger)."""
    old = access.log.level, access.log.propagate
    access.log.addHandler(handler)
    access.log.setLevel(logging.INFO)
    access.log.propagate = False
    return old


def test_a_plain_stream_gets_a_batch_in_one_write_and_nothing_else_changes():
    stream = _CountingStream()
    h = logging.StreamHandler(stream)
    h.setFormatter(logging.Formatter("%(message)s"))
    old = _only_handler(h)
    try:
        access.flush_access_log()
        assert access._plain_stream() is h
        async def five():  # on a loop: noted, then flushed together
            for i in range(5):
                access.log_access({**_scope(f"p-{i}"), "method": "GET", "path": '/a"é'}, 200, time.perf_counter())
            assert stream.writes == 0
            access.flush_access_log()

        asyncio.run(five())
    finally:
        access.log.removeHandler(h)
        access.log.setLevel(old[0])
        access.log.propagate = old[1]
    assert stream.writes == 1
    lines = stream.getvalue().split("\n")
    assert lines[-1] == "" and [json.loads(x)["id"] for x in lines[:-1]] == [f"p-{i}" for i in range(5)]
    assert '"/a\\"é"' in lines[0]  # as json.dumps(..., ensure_ascii=False) writes it


@pytest.mark.parametrize("variant", ["format", "filter", "file", "level", "two handlers"])
def test_any_other_set_up_gets_records(variant, tmp_path):
    stream = io.StringIO()
    h: logging.Handler = logging.StreamHandler(stream)
    h.setFormatter(logging.Formatter("%(message)s"))
    extra = None
    if variant == "format":
        h.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    elif variant == "filter":
        h.addFilter(lambda r: "secret" not in r.getMessage())
    elif variant == "file":
        h = logging.FileHandler(tmp_path / "access.log")
        h.setFormatter(logging.Formatter("%(message)s"))
    elif variant == "level":
        h.setLevel(logging.WARNING)
    else:
        extra = _Seen()
        access.log.addHandler(extra)
    old = _only_handler(h)
    try:
        assert access._plain_stream() is None
        access.log_access(_scope("secret-1"), 200, time.perf_counter())
        access.log_access(_scope("q-2"), 200, time.perf_counter())
        access.flush_access_log()
    finally:
        access.log.removeHandler(h)
        if extra is not None:
            access.log.removeHandler(extra)
        access.log.setLevel(old[0])
        access.log.propagate = old[1]
        h.close()
    text = (tmp_path / "access.log").read_text() if variant == "file" else stream.getvalue()
    expected = {"format": ["INFO {", "INFO {"], "filter": ["q-2"], "file": ["secret-1", "q-2"], "level": [],
                "two handlers": ["secret-1", "q-2"]}[variant]
    assert len(text.splitlines()) == len(expected) and all(e in x for e, x in zip(expected, text.splitlines()))
    if extra is not None:
        assert [json.loads(r.getMessage())["id"] for r in extra.records] == ["secret-1", "q-2"]
