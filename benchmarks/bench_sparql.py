"""Benchmark of the SPARQL endpoint at national scale (``python -m spbe_kg.benchmarks.bench_sparql --apps 27000``).

Measured in the same run, on the same synthetic national inventory (~0.76M quads at 27,000 apps):

1. Loading: ``EmbeddedStore.replace_graphs`` (one transaction: DROP + INSERT DATA) on an empty
   store and as a re-load (the graph exists), against pyoxigraph's ``Store.extend`` (one
   transaction, add only), ``Store.bulk_extend`` (fast, NOT atomic) and ``oxigraph load``.
2. Serving: a lookup query (all properties of one application, a different one per request) from
   8 concurrent keep-alive clients against ``spbe serve`` (FastAPI + killable worker processes) and
   against the ``oxigraph serve`` server (Rust) on the same data. Target: >= 400 req/s, p95 <= 50 ms.
3. A runaway query (COUNT over a cartesian product) with a 2 s limit: time to the 503 answer, and
   lookups served meanwhile.
"""

from __future__ import annotations

import argparse
import csv
import functools
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from spbe_kg.benchmarks import generate
from spbe_kg.benchmarks.layouts import LAYOUT2_HEADERS

BIN = Path(sys.executable).parent


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(port: int, path: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"port {port} did not answer")


def hammer(port: int, path: str, iris: list[str], clients: int, seconds: float) -> dict:
    """``clients`` keep-alive clients sending lookups for ``seconds``; latencies in ms."""
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int):
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            q = f"SELECT ?p ?o WHERE {{ <{rnd.choice(iris)}> ?p ?o }}"
            t0 = time.perf_counter()
            conn.request("GET", path + "?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "application/sparql-results+json"})
            r = conn.getresponse()
            body = r.read()
            mine.append((time.perf_counter() - t0) * 1000)
            if r.status != 200 or b'"bindings"' not in body:
                with lock:
                    errors[0] += 1
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    return {"n": len(lat), "rps": len(lat) / wall, "p50": statistics.median(lat), "p95": lat[int(len(lat) * 0.95) - 1],
            "max": lat[-1], "errors": errors[0]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--reload", action="store_true", help="also time a re-load (DROP + INSERT DATA; slow)")
    args = ap.parse_args(argv)

    from spbe_kg.loaders.api import convert_files
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="bench-sparql-"))
    procs: list[subprocess.Popen] = []
    try:
        csv_path = tmp / "nasional.csv"
        rows = generate.generate_rows(args.apps, seed=generate.DEFAULT_SEED)
        with csv_path.open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=LAYOUT2_HEADERS)
            w.writeheader()
            w.writerows(rows)
        t_conv, res = timed(lambda: convert_files([csv_path], settings=Settings(), partial=True))
        quads = res.quads
        print(f"inventory: {args.apps} apps -> {len(quads):,} quads in {len(res.graphs)} graph(s) (convert {t_conv:.1f} s)", flush=True)

        load = []
        s1 = EmbeddedStore(tmp / "ours")
        t, _ = timed(functools.partial(s1.replace_graphs, res.graphs, quads))
        load.append(("EmbeddedStore.replace_graphs, first load (atomic: extend)", t))
        if args.reload:
            t, _ = timed(functools.partial(s1.replace_graphs, res.graphs, quads))
            load.append(("EmbeddedStore.replace_graphs, re-load (atomic: DROP+INSERT DATA)", t))
        s1.close()
        del s1
        p3 = ox.Store(str(tmp / "bulk"))
        t, _ = timed(functools.partial(p3.bulk_extend, quads))
        load.append(("pyoxigraph Store.bulk_extend (NOT atomic)", t))
        del p3
        shutil.rmtree(tmp / "bulk", ignore_errors=True)
        nq = tmp / "nasional.nq"
        ox.serialize(quads, nq, format=ox.RdfFormat.N_QUADS)
        t, _ = timed(lambda: subprocess.run([str(BIN / "oxigraph"), "load", "--location", str(tmp / "oxi"), "--file", str(nq)],
                                            check=True, capture_output=True))
        load.append(("oxigraph load (CLI bulk loader, NOT atomic)", t))
        print("\nLoad (wall s)")
        for name, t in load:
            print(f"  {name:60s} {t:7.2f}", flush=True)

        iris = sorted({str(q.subject.value) for q in quads if "/aplikasi/" in q.subject.value})
        random.Random(1).shuffle(iris)
        iris = iris[:2000]

        p_ours, p_oxi = free_port(), free_port()
        env = {**os.environ, "SPBE_QUERY_TIMEOUT_S": "2"}
        procs.append(subprocess.Popen([str(BIN / "spbe"), "serve", "--store", str(tmp / "ours"), "--port", str(p_ours),
                                       "--workers", str(args.workers)], env=env, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen([str(BIN / "oxigraph"), "serve", "--location", str(tmp / "oxi"), "--bind",
                                       f"127.0.0.1:{p_oxi}", "--union-default-graph"], stderr=subprocess.DEVNULL))
        t, _ = timed(lambda: wait(p_ours, "/health", 900))
        print(f"\nstart-up: spbe serve answered /health after {t:.1f} s", flush=True)
        wait(p_oxi, "/query")
        results = {}
        for name, port, path in (("spbe serve (FastAPI + worker processes)", p_ours, "/sparql"),
                                 ("oxigraph serve (Rust peer)", p_oxi, "/query")):
            hammer(port, path, iris, args.clients, 1.0)  # warm-up
            results[name] = hammer(port, path, iris, args.clients, args.seconds)
        print(f"\nLookup query, {args.clients} concurrent clients, {args.seconds:.0f} s each")
        print(f"  {'server':42s} {'req/s':>8s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s} {'errors':>7s}")
        for name, r in results.items():
            print(f"  {name:42s} {r['rps']:8.0f} {r['p50']:8.1f} {r['p95']:8.1f} {r['max']:8.1f} {r['errors']:7d}")

        # runaway query while lookups continue
        runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        side: dict[str, Any] = {}
        th = threading.Thread(target=lambda: side.update(hammer(p_ours, "/sparql", iris, 2, 3.0)))
        th.start()
        c = http.client.HTTPConnection("127.0.0.1", p_ours, timeout=60)
        t0 = time.perf_counter()
        c.request("GET", "/sparql?" + urllib.parse.urlencode({"query": runaway}))
        resp = c.getresponse()
        resp.read()
        t_run = time.perf_counter() - t0
        th.join()
        print("\nRunaway query (COUNT over a 3-way cartesian product), limit 2 s")
        print(f"  answered {resp.status} after {t_run:.2f} s; meanwhile {side['n']} lookups from 2 clients, "
              f"p95 {side['p95']:.1f} ms, errors {side['errors']}")
        print(json.dumps({"load": load, "serve": results, "runaway_s": t_run, "runaway_status": resp.status}, default=str))
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
