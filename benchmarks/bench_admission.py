"""Benchmark of admission under runaway queries (``python -m spbe_kg.benchmarks.bench_admission``).

Target (issue 12): with N runaway anonymous queries (a COUNT over a three-way cartesian product),
a cheap lookup is answered within 1 s and ``/health`` within 100 ms. The server is our app on a
real uvicorn (127.0.0.1) over an embedded on-disk store of 20,000 quads with 2 general query
workers, and a client that sends a lookup and a /health every 100 ms for ``--seconds`` while the
runaways run. Peer in the same run: the same server with admission switched off (no short lane,
no per-client or queue limits, queries wait for a worker as long as their time limit) -- the
behaviour before issue 12. The runaways all come from 127.0.0.1, so the per-client limit is set
high in both runs (they stand for many different clients).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LOOKUP = "SELECT ?p ?o WHERE { <http://example.org/app/17> ?p ?o } LIMIT 3"


def _serve(app):
    import socket

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", access_log=False))
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    while not server.started:
        time.sleep(0.02)
    return server, th, f"http://127.0.0.1:{port}"


def run_case(directory: Path, n_runaways: int, seconds: float, admission: bool) -> dict:
    from spbe_kg.service.app import create_app
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(directory)
    if store.triple_count() == 0:
        g = ox.NamedNode("http://example.org/g")
        store.add_quads(ox.Quad(ox.NamedNode(f"http://example.org/app/{i // 4}"), ox.NamedNode(f"http://example.org/p{i % 4}"),
                                ox.Literal(f"v{i}"), g) for i in range(20_000))
    timeout = seconds + 2
    kw: dict[str, Any] = dict(store="embedded", data_dir=directory, query_workers=2, query_timeout_s=timeout)
    if admission:
        kw.update(sparql_short_lane=1, sparql_client_concurrency=1000, sparql_queue_max=8, sparql_queue_wait_s=2.0)
    else:
        kw.update(sparql_short_lane=0, sparql_client_concurrency=10**6, sparql_queue_max=10**6, sparql_queue_wait_s=timeout)
    server, th, url = _serve(create_app(Settings(**kw), store=store))
    codes: list[int] = []

    def runaway():
        try:
            codes.append(httpx.get(url + "/sparql", params={"query": RUNAWAY}, timeout=timeout + 10).status_code)
        except httpx.HTTPError:
            codes.append(0)

    ths = [threading.Thread(target=runaway) for _ in range(n_runaways)]
    for t in ths:
        t.start()
    time.sleep(0.5)
    lookups, health, lookup_codes = [], [], []
    end = time.monotonic() + seconds
    with httpx.Client(base_url=url, timeout=timeout + 10) as c:
        while time.monotonic() < end:  # bounded by --seconds
            t0 = time.monotonic()
            r = c.get("/sparql", params={"query": LOOKUP}, headers={"Accept": "text/csv"})
            lookups.append(time.monotonic() - t0)
            lookup_codes.append(r.status_code)
            t0 = time.monotonic()
            c.get("/health")
            health.append(time.monotonic() - t0)
            time.sleep(0.1)
    for t in ths:
        t.join()
    server.should_exit = True
    th.join(15)
    store.close()
    return {
        "lookup_p50": statistics.median(lookups), "lookup_max": max(lookups),
        "lookup_ok": sum(c == 200 for c in lookup_codes) / len(lookup_codes),
        "health_p50": statistics.median(health), "health_max": max(health),
        "runaway_503": sum(c == 503 for c in codes), "n": len(lookups),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runaways", type=int, nargs="*", default=[2, 8, 32])
    ap.add_argument("--seconds", type=float, default=4.0)
    args = ap.parse_args(argv)
    print("| runaways | server | lookups answered | lookup p50 | lookup max | /health p50 | /health max | runaways ended with 503 (stopped at the limit or refused) |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-admission-") as d:
        for n in args.runaways:
            for adm in (True, False):
                r = run_case(Path(d) / "store", n, args.seconds, adm)
                name = "admission (issue 12)" if adm else "peer: no admission"
                print(f"| {n} | {name} | {r['lookup_ok']:.0%} of {r['n']} | {r['lookup_p50'] * 1000:.0f} ms | "
                      f"{r['lookup_max'] * 1000:.0f} ms | {r['health_p50'] * 1000:.1f} ms | {r['health_max'] * 1000:.1f} ms | "
                      f"{r['runaway_503']} |", flush=True)
    print("\ntarget: lookup within 1 s, /health within 100 ms, with N runaway anonymous queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
