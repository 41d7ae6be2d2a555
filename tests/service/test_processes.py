"""``spbe serve --processes N``: reader processes beside the serving process (issue 13).

Real processes on a real port: the readers answer cheap queries from checkpoints, everything else
reaches the serving process with its safeguards; a write is seen by every process at once; the
client address a reader forwards is believed only on the private socket; readers follow the
serving process out.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from spbe_kg.benchmarks.proctree import descendants
from spbe_kg.benchmarks.servers import free_port, wait_http
from spbe_kg.service.sparql.proxy import CLIENT_HEADER, TrustReaders
from spbe_kg.service.store import checkpoints
from spbe_kg.service.store.embedded import EmbeddedStore
from tests.support import stop

SPBE = str(Path(sys.executable).parent / "spbe")
TOKEN = "rahasia-proses"
LOOKUP = "SELECT ?o WHERE { <http://e/a7> ?p ?o }"


def _store(path: Path, n: int = 500) -> None:
    s = ox.Store(str(path))
    s.bulk_extend([ox.Quad(ox.NamedNode(f"http://e/a{i}"), ox.NamedNode("http://e/p"), ox.Literal(str(i)),
                           ox.NamedNode("http://e/g")) for i in range(n)])
    s.flush()
    del s


def _readers(pid: int) -> list[int]:
    out = []
    for child in descendants(pid):
        try:
            if b"sparql.reader" in Path(f"/proc/{child}/cmdline").read_bytes():
                out.append(child)
        except OSError:
            pass
    return out


def _wait_readers(pid: int, count: int, timeout: float = 60.0) -> list[int]:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = _readers(pid)
        if len(found) >= count:
            time.sleep(1.5)  # imports done, first checkpoint open
            return found
        time.sleep(0.1)
    raise AssertionError(f"{count} reader processes did not start")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One server for the module (the restart test, last, kills it)."""
    tmp_path = tmp_path_factory.mktemp("processes")
    _store(tmp_path / "store")
    port = free_port()
    env = {**os.environ, "SPBE_WRITE_TOKEN": TOKEN, "SPBE_SPARQL_CLIENT_CONCURRENCY": "64"}
    # stderr to a file, not an unread pipe: once 64 KiB of access lines filled a pipe nobody read, the
    # serving process blocked writing them, and with it the restart of a killed reader
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([SPBE, "serve", "--store", str(tmp_path / "store"), "--port", str(port), "--processes", "3",
                             "--enable-updates", "--query-timeout", "2"],
                            stdout=subprocess.DEVNULL, stderr=log, text=True, env=env)
    proc.log_path = tmp_path / "serve.log"  # type: ignore[attr-defined]
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        _wait_readers(proc.pid, 2)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        stop(proc)
        log.close()


def _burst(url: str, n: int, params: dict, headers: dict | None = None, method: str = "GET", data=None) -> list[httpx.Response]:
    """``n`` requests on fresh connections, 8 at a time (so the processes race to accept them)."""
    def one(_):
        with httpx.Client(timeout=30) as c:
            if method == "GET":
                return c.get(url, params=params, headers=headers or {})
            return c.post(url, params=params, headers=headers or {}, data=data)

    with ThreadPoolExecutor(8) as ex:
        return list(ex.map(one, range(n)))


def _prefixes(responses) -> set[str]:
    return {r.headers["x-request-id"][:8] for r in responses}


@pytest.mark.slow
def test_readers_answer_lookups_and_see_every_write(served):
    base, proc = served
    accept = {"Accept": "text/csv"}
    # a new shape is learned (cheap.py) in each process; after that every process answers it
    first = _burst(base + "/sparql", 200, {"query": LOOKUP}, accept)
    assert all(r.status_code == 200 and r.text.split() == ["o", "7"] for r in first)
    later = _burst(base + "/sparql", 200, {"query": LOOKUP}, accept)
    assert len(_prefixes(later)) >= 2, "every lookup was answered by one process"
    r = httpx.post(base + "/sparql", data={"update": 'INSERT DATA { GRAPH <http://e/g> { <http://e/a7> <http://e/p> "baru" } }'},
                   headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 204
    after = _burst(base + "/sparql", 120, {"query": LOOKUP}, accept)  # right after the write, on any process
    assert all(sorted(x.text.split()) == ["7", "baru", "o"] for x in after), {x.text for x in after}
    assert len(_prefixes(after)) >= 2


@pytest.mark.slow
def test_writes_and_runaways_keep_their_safeguards_through_readers(served):
    base, proc = served
    update = {"update": "CLEAR ALL"}
    before = httpx.get(base + "/health").json()["triples"]
    refused = _burst(base + "/sparql", 40, {}, method="POST", data=update)
    assert {r.status_code for r in refused} == {401}
    wrong = _burst(base + "/sparql", 40, {}, {"Authorization": "Bearer salah"}, method="POST", data=update)
    assert {r.status_code for r in wrong} == {403}
    assert before >= 500 and httpx.get(base + "/health").json()["triples"] == before
    # a runaway query is stopped within its limit (2 s) + 1 s whichever process took the connection
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    t0 = time.monotonic()
    slow = _burst(base + "/sparql", 4, {"query": runaway})
    assert {r.status_code for r in slow} <= {503} and time.monotonic() - t0 < 2 * 3.0 + 1.0
    # SERVICE outside the allow-list is refused (403), whichever process took it
    svc = _burst(base + "/sparql", 16, {"query": "SELECT * WHERE { SERVICE <http://169.254.169.254/> { ?s ?p ?o } }"})
    assert {r.status_code for r in svc} == {403}


@pytest.mark.slow
def test_readers_restart_and_follow_the_serving_process_out(served):
    base, proc = served
    before = _readers(proc.pid)
    os.kill(before[0], signal.SIGKILL)
    end = time.monotonic() + 20
    while time.monotonic() < end and (len(_readers(proc.pid)) < 2 or before[0] in _readers(proc.pid)):
        time.sleep(0.1)
    now = _readers(proc.pid)
    assert len(now) == 2 and before[0] not in now, \
        "a killed reader was not restarted; the server's log ends:\n" + proc.log_path.read_text()[-3000:]
    assert httpx.get(base + "/sparql", params={"query": LOOKUP}).status_code == 200
    all_children = descendants(proc.pid)
    proc.kill()  # SIGKILL: no shutdown code runs in the serving process
    proc.wait()
    end = time.monotonic() + 15
    while time.monotonic() < end and any(Path(f"/proc/{p}").exists() for p in all_children):
        time.sleep(0.1)
    alive = [p for p in all_children if Path(f"/proc/{p}").exists()
             and b"<defunct>" not in Path(f"/proc/{p}/stat").read_bytes()]
    assert not alive, f"processes left after the serving process died: {alive}"


def test_processes_ignored_without_query_workers(tmp_path):
    _store(tmp_path / "store", 3)
    port = free_port()
    proc = subprocess.Popen([SPBE, "serve", "--store", str(tmp_path / "store"), "--port", str(port), "--processes", "2",
                             "--workers", "0", "--lang", "en"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
        assert httpx.get(f"http://127.0.0.1:{port}/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
        assert _readers(proc.pid) == []
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert "--processes 2 ignored" in err and "Traceback" not in err


def test_default_is_one_process_per_core_and_one_means_one(tmp_path):
    """``serve_processes`` 0, the default: one HTTP process per usable core, at most 4 (service/cli/serve.py);
    ``--processes 1`` serves alone; on a remote-like set-up without workers the default says nothing."""
    from spbe_kg.service.cli.serve import auto_processes

    _store(tmp_path / "store", 3)
    expected = auto_processes() - 1
    assert 0 <= expected <= 3
    for extra, readers in (([], expected), (["--processes", "1"], 0), (["--workers", "0"], 0)):
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        with log.open("w") as err:
            proc = subprocess.Popen([SPBE, "serve", "--store", str(tmp_path / "store"), "--port", str(port), "--lang", "en",
                                     *extra], stdout=subprocess.DEVNULL, stderr=err)
        try:
            wait_http(f"http://127.0.0.1:{port}/health", proc=proc)
            found = _wait_readers(proc.pid, readers) if readers else []
            time.sleep(0.5 if readers else 2.0)  # none started late either
            assert len(_readers(proc.pid)) == readers == len(found), (extra, _readers(proc.pid))
        finally:
            stop(proc)
        text = log.read_text()
        assert "ignored" not in text and "Traceback" not in text, text  # the default asks for nothing to ignore


# --- the client address a reader forwards (proxy.TrustReaders) -----------------------------------
def _through(scope: dict) -> dict:
    seen = {}

    async def app(s, receive, send):
        seen.update(s)

    asyncio.run(TrustReaders(app, "/run/spbe/primary.sock")(scope, None, None))
    return seen


def test_client_header_is_believed_only_on_the_private_socket():
    spoof = [(b"host", b"x"), (CLIENT_HEADER, b"10.9.9.9")]
    tcp = _through({"type": "http", "client": ("203.0.113.5", 4242), "server": ("127.0.0.1", 8000), "headers": spoof})
    assert tcp["client"] == ("203.0.113.5", 4242) and CLIENT_HEADER not in dict(tcp["headers"])
    other_unix = _through({"type": "http", "client": None, "server": ("/tmp/other.sock", None), "headers": spoof})
    assert other_unix["client"] is None and CLIENT_HEADER not in dict(other_unix["headers"])
    reader = _through({"type": "http", "client": None, "server": ("/run/spbe/primary.sock", None), "headers": spoof})
    assert reader["client"] == ("10.9.9.9", 0) and CLIENT_HEADER not in dict(reader["headers"])


def test_client_header_over_real_sockets(tmp_path):
    """The same on a real uvicorn serving a TCP port and a private Unix socket, as ``spbe serve
    --processes`` does: what uvicorn puts in the scope of a Unix-socket request is what TrustReaders expects."""
    import socket
    import threading

    import uvicorn

    from spbe_kg.service.sparql.processes import private_socket, remove_private_socket

    async def echo(scope, receive, send):
        if scope["type"] != "http":
            return
        body = json.dumps({"client": scope["client"], "headers": [k.decode() for k, _ in scope["headers"]]}).encode()
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})

    tcp = socket.create_server(("127.0.0.1", 0))
    private, uds = private_socket()
    server = uvicorn.Server(uvicorn.Config(TrustReaders(echo, uds), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [tcp, private]}, daemon=True)
    thread.start()
    try:
        end = time.monotonic() + 20
        while not server.started and time.monotonic() < end:
            time.sleep(0.02)
        spoof = {CLIENT_HEADER.decode(): "10.9.9.9"}
        direct = httpx.get(f"http://127.0.0.1:{tcp.getsockname()[1]}/", headers=spoof).json()
        assert direct["client"][0] == "127.0.0.1" and CLIENT_HEADER.decode() not in direct["headers"]
        with httpx.Client(transport=httpx.HTTPTransport(uds=uds)) as c:
            via = c.get("http://spbe-primary/", headers=spoof).json()
        assert via["client"] == ["10.9.9.9", 0] and CLIENT_HEADER.decode() not in via["headers"]
        assert oct(os.stat(uds).st_mode & 0o777) == "0o600" and oct(os.stat(os.path.dirname(uds)).st_mode & 0o777) == "0o700"
    finally:
        server.should_exit = True
        thread.join(15)
        remove_private_socket(private, uds)
        tcp.close()
    assert not os.path.exists(os.path.dirname(uds))


def test_forwarded_answers_carry_one_date_and_one_server_header():
    """Regression: a reader passed on the serving process's ``date`` and ``server`` headers and its own
    uvicorn wrote them again, so every forwarded answer had both twice."""
    import socket
    import threading

    import uvicorn

    from spbe_kg.service.sparql.processes import private_socket, remove_private_socket
    from spbe_kg.service.sparql.proxy import Proxy

    async def primary_app(scope, receive, send):
        if scope["type"] != "http":
            return
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"ok"})

    private, uds = private_socket()
    tcp = socket.create_server(("127.0.0.1", 0))
    primary = uvicorn.Server(uvicorn.Config(primary_app, log_level="warning", lifespan="off"))
    reader = uvicorn.Server(uvicorn.Config(Proxy(uds, read_timeout_s=10), log_level="warning", lifespan="off"))
    threads = [threading.Thread(target=primary.run, kwargs={"sockets": [private]}, daemon=True),
               threading.Thread(target=reader.run, kwargs={"sockets": [tcp]}, daemon=True)]
    for t in threads:
        t.start()
    try:
        end = time.monotonic() + 20
        while not (primary.started and reader.started) and time.monotonic() < end:
            time.sleep(0.02)
        r = httpx.get(f"http://127.0.0.1:{tcp.getsockname()[1]}/health")
        assert r.status_code == 200 and r.text == "ok"
        assert len(r.headers.get_list("date")) == 1 and r.headers.get_list("server") == ["uvicorn"], r.headers.raw
    finally:
        primary.should_exit = reader.should_exit = True
        for t in threads:
            t.join(15)
        remove_private_socket(private, uds)
        tcp.close()


# --- checkpoints a reader uses are not pruned (store/checkpoints.py) -----------------------------
def test_prune_keeps_checkpoints_readers_marked_and_recent_ones(tmp_path, monkeypatch):
    store = EmbeddedStore(tmp_path / "store")
    try:
        store.enable_snapshots()
        g0 = store.snapshot()
        root = g0.parent
        checkpoints.mark(root, g0.name)  # a live process (this one) reads g0
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
        g1 = store.snapshot()
        store.update("INSERT DATA { <urn:a> <urn:b> <urn:d> }")
        assert checkpoints.current(root) == store.snapshot().name
        store.prune_snapshots([])
        assert g0.exists() and g1.exists()  # g0: marked; g1: superseded only just now (grace)
        monkeypatch.setattr(checkpoints, "GRACE_S", 0.0)
        store.prune_snapshots([])
        assert g0.exists() and not g1.exists()
        (root / checkpoints.READERS / str(os.getpid())).write_text(store.snapshot().name)
        store.prune_snapshots([])
        assert not g0.exists()
        dead = root / checkpoints.READERS / "999999999"
        dead.write_text(store.snapshot().name)
        assert checkpoints.in_use(root) == {store.snapshot()} and not dead.exists()
    finally:
        store.close()
    assert not json.dumps([str(p) for p in tmp_path.glob(".store.snapshots/*")]).count("g")
