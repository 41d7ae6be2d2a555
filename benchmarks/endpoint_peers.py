"""Data and servers for the endpoint benchmark (``bench_endpoint.py``) and its profile (``profile_sparql.py``).

One synthetic national inventory (``generate``, converted by the loaders) is written once as
N-Quads and served by each server from its own copy:

- ``spbe serve`` (our CLI, a subprocess, over an embedded on-disk store),
- ``oxigraph serve`` (Rust, PyPI ``oxigraph``, loaded with ``oxigraph load``, union default graph),
- rdflib-endpoint (PyPI ``rdflib-endpoint``: FastAPI over an rdflib ``Dataset``, union default graph) --
  what a Python user would pick;
- Debian's Virtuoso (``virtuoso-t``, ``apt-get install virtuoso-opensource``, as ``make system-deps`` does),
  bulk-loaded from the same N-Quads with ``ld_dir`` + ``rdf_loader_run`` + ``checkpoint`` (as
  ``bench_virtuoso_load.py`` does); with no default graph named in a query Virtuoso answers over all graphs.

Every server is a subprocess bound to 127.0.0.1 and stopped with :func:`servers.stop_process`.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from spbe_kg.benchmarks import generate
from spbe_kg.benchmarks.layouts import LAYOUT2_HEADERS
from spbe_kg.benchmarks.proctree import descendants
from spbe_kg.benchmarks.servers import free_port, isql, start_virtuoso, stop_process, wait_http

BIN = Path(sys.executable).parent

RDFLIB_ENDPOINT = """\
import sys
import rdflib
import uvicorn
from rdflib_endpoint import SparqlEndpoint

ds = rdflib.Dataset(default_union=True)
ds.parse(sys.argv[1], format="nquads")
app = SparqlEndpoint(graph=ds, cors_enabled=False)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error", access_log=False)
"""


@dataclass
class Data:
    nquads: Path
    store_dir: Path  # an EmbeddedStore directory (spbe serve)
    oxi_dir: Path  # an oxigraph server directory
    quads: int
    apps: list[str]  # application IRIs (lookups and CONSTRUCTs pick from these)
    app_class: str


def prepare(tmp: Path, apps: int) -> Data:
    """Generate ``apps`` applications, convert them with the loaders and load both stores."""
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    csv_path = tmp / "nasional.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=LAYOUT2_HEADERS)
        w.writeheader()
        w.writerows(generate.generate_rows(apps, seed=generate.DEFAULT_SEED))
    res = convert_files([csv_path], settings=Settings(), partial=True)
    nq = tmp / "data.nq"
    ox.serialize(res.quads, nq, format=ox.RdfFormat.N_QUADS)
    store = EmbeddedStore(tmp / "spbe", lazy=True)  # loaded as `spbe load` loads: bulk, then compacted (bulk.py)
    store.bulk_replace(res.graphs, nq.read_bytes())
    store.close()
    subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(tmp / "oxi"), "--file", str(nq)],
                   check=True, capture_output=True)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    subjects = [str(q.subject.value) for q in res.quads if isinstance(q.subject, ox.NamedNode)]
    app_iris = sorted({s for s in subjects if "/aplikasi/" in s})
    first = set(app_iris[:50])
    classes = sorted({q.object.value for q in res.quads if q.predicate.value == rdf_type and isinstance(q.object, ox.NamedNode)
                      and isinstance(q.subject, ox.NamedNode) and q.subject.value in first})
    app_class = next((c for c in classes if c.endswith("Aplikasi")), classes[0])
    return Data(nq, tmp / "spbe", tmp / "oxi", len(res.quads), app_iris, app_class)


@dataclass
class Server:
    name: str
    url: str  # the query endpoint
    proc: subprocess.Popen


def spbe_server(data: Data, workers: int = 2, extra_env: dict | None = None, processes: int = 1) -> Server:
    """``spbe serve`` as a benchmark client sees it: every client from 127.0.0.1, so the per-client
    limit is raised (it stands for many clients); everything else at its defaults. ``processes`` > 1:
    ``--processes`` (reader processes beside the serving one), named so in the tables."""
    port = free_port()
    env = {**os.environ, "SPBE_SPARQL_CLIENT_CONCURRENCY": "64", **(extra_env or {})}
    proc = subprocess.Popen([str(BIN / "spbe"), "serve", "--store", str(data.store_dir), "--port", str(port),
                             "--workers", str(workers), "--processes", str(processes)], env=env, stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/health", timeout=300, proc=proc)
    if processes > 1:
        wait_children(proc.pid, "spbe_kg.service.sparql.reader", processes - 1)
    name = "spbe serve" if processes == 1 else f"spbe serve --processes {processes}"
    return Server(name, f"http://127.0.0.1:{port}/sparql", proc)


def wait_children(pid: int, marker: str, count: int, timeout: float = 60.0) -> None:
    """Wait until ``count`` children of ``pid`` run ``marker`` and have had 3 s to open their store."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = 0
        for child in descendants(pid):
            try:
                found += marker in Path(f"/proc/{child}/cmdline").read_bytes().decode(errors="replace")
            except OSError:
                pass
        if found >= count:
            time.sleep(3.0)
            return
        time.sleep(0.2)
    raise RuntimeError(f"{count} reader processes of {pid} did not start in {timeout:.0f} s")


def oxigraph_server(data: Data) -> Server:
    port = free_port()
    proc = subprocess.Popen([str(BIN / "oxigraph"), "serve-read-only", "--location", str(data.oxi_dir), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"], stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/query", timeout=120, proc=proc)
    return Server("oxigraph serve-read-only", f"http://127.0.0.1:{port}/query", proc)


def rdflib_endpoint_server(data: Data, tmp: Path) -> Server:
    port = free_port()
    script = tmp / "rdflib_endpoint_app.py"
    script.write_text(RDFLIB_ENDPOINT, encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script), str(data.nquads), str(port)], stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/", timeout=900, proc=proc)
    return Server("rdflib-endpoint", f"http://127.0.0.1:{port}/", proc)


def virtuoso_server(data: Data, tmp: Path) -> Server:
    """Debian's Virtuoso on a fresh database under ``tmp``, bulk-loaded with ``data.nquads``."""
    directory = tmp / "virtuoso"
    directory.mkdir(parents=True, exist_ok=True)
    nq = directory / "data.nq"
    try:
        os.link(data.nquads, nq)
    except OSError:
        shutil.copyfile(data.nquads, nq)
    proc, url, sql_port = start_virtuoso(directory, timeout=120)
    try:
        # the graph argument is unused for N-Quads (each quad names its graph)
        isql(sql_port, f"ld_dir('{directory}', 'data.nq', 'urn:x-unused');\nrdf_loader_run();\ncheckpoint;\n")
    except BaseException:
        stop_process(proc)
        raise
    return Server("virtuoso", url, proc)


def stop(server: Server) -> None:
    stop_process(server.proc)
    time.sleep(0.2)
