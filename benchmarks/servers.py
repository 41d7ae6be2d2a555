"""Real servers for benchmarks and tests, as context managers.

- :func:`app_server`: our FastAPI app on a real uvicorn at 127.0.0.1 (in a thread of this process).
- :func:`oxigraph_server`: the ``oxigraph serve`` binary from PyPI (``.venv/bin/oxigraph``), union default graph.
- :func:`virtuoso_server`: Debian's ``virtuoso-t`` with a temporary database and ini, SPARQL update granted.

Shipped (``spbe_kg.benchmarks.servers``) because the benchmarks start them; the tests import them from here
(``tests/support/stores.py`` wraps them as session fixtures). Nothing shipped imports ``tests/``.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t") or "/usr/bin/virtuoso-t"
ISQL = shutil.which("isql-vt") or "/usr/bin/isql-vt"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 30.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError as e:
            last = e
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s: {last}")


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate ``proc``; kill it when it does not exit within 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def app_server(app):
    """Run ``app`` on a real uvicorn server in a thread, with the HTTP protocol ``spbe serve`` gives it
    (``fastpath.http_protocol``); yields the base URL."""
    import uvicorn

    from spbe_kg.service.sparql.fastpath import http_protocol

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on",
                            http=http_protocol(app))
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@contextlib.contextmanager
def oxigraph_server(directory: Path, *, union: bool = True):
    """``oxigraph serve`` on a fresh directory; yields the base URL (``/query``, ``/update``, ``/store``)."""
    port = free_port()
    cmd = [str(OXIGRAPH), "serve", "--location", str(directory), "--bind", f"127.0.0.1:{port}"]
    if union:
        cmd.append("--union-default-graph")
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/query", proc=proc)
        yield base
    finally:
        stop_process(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
LiteMode = 0
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
MaxQueryMem = 500M
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
DefaultQuery = select distinct ?Concept where {{[] a ?Concept}} LIMIT 100
"""


def isql(sql_port: int, sql: str) -> str:
    r = subprocess.run([ISQL, str(sql_port), "dba", "dba"], input=sql, capture_output=True, text=True, timeout=120)
    if r.returncode != 0 or "*** Error" in r.stdout:
        raise RuntimeError(f"isql failed: {r.stdout[-500:]} {r.stderr[-500:]}")
    return r.stdout


def start_virtuoso(directory: Path, timeout: float = 90) -> tuple[subprocess.Popen, str, int]:
    """Start Debian's Virtuoso on a fresh database in ``directory`` (temporary ini; files under
    ``directory`` may be bulk-loaded with ``ld_dir``); returns (process, SPARQL URL, SQL port) once it
    answers. The caller stops the process (:func:`stop_process`)."""
    directory.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=directory, sql_port=sql_port, http_port=http_port))
    proc = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=directory,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_http(url, timeout=timeout, proc=proc)
    except BaseException:
        stop_process(proc)
        raise
    return proc, url, sql_port


@contextlib.contextmanager
def virtuoso_server(directory: Path):
    """Debian's Virtuoso on a fresh database; yields the SPARQL URL (query and update)."""
    proc, url, sql_port = start_virtuoso(directory)
    try:
        isql(sql_port, 'GRANT SPARQL_UPDATE TO "SPARQL";\nGRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";\n'
                       'GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";\n')
        yield url
    finally:
        stop_process(proc)
