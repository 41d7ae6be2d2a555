"""Benchmark of linked data (``python -m spbe_kg.benchmarks.bench_linked_data --apps 5000``).

What a linked-data client and a harvester meet: dereferencing application IRIs at their own path in
Turtle, JSON-LD and HTML, a reference concept's page (with the applications that carry it), the VoID
description, the dumps (first build after start; conditional GET), and ``spbe harvest`` of the whole
instance into a fresh store. Peers in the same run: ``DESCRIBE <iri>`` through ``/sparql`` (pyoxigraph's own
description of one resource, Turtle) and ``/health``; for the dump, pyoxigraph's ``Store.dump`` (N-Quads, no
compression) on the same data; for the harvest, ``spbe load`` of the same inventories.
The server is the real ``spbe serve`` process on an embedded on-disk store; the client is httpx with
8 concurrent connections, each request a different application.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from spbe_kg.benchmarks import generate
from spbe_kg.benchmarks.bench_ui import _free_port, _spbe, _wait
from spbe_kg.benchmarks.servers import stop_process


def measure(client: httpx.Client, requests: list[tuple[str, dict]], clients: int) -> dict:
    def one(req):
        url, kw = req
        t0 = time.perf_counter()
        r = client.get(url, **kw)
        if r.status_code >= 400:
            raise SystemExit(f"GET {url}: HTTP {r.status_code}: {r.text[:200]}")
        return (time.perf_counter() - t0) * 1000, len(r.content)

    one(requests[0])  # warm-up
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, requests))
    wall = time.perf_counter() - t0
    lat = sorted(r[0] for r in results)
    return {"rps": len(requests) / wall, "p50": statistics.median(lat), "p95": lat[int(0.95 * (len(lat) - 1))],
            "bytes": int(statistics.median(r[1] for r in results))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench_linked_data", description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=5000)
    ap.add_argument("--requests", type=int, default=200, help="requests per row")
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args(argv)
    env = {**os.environ, "SPBE_LANG": "id", "SPBE_DUMP_CHECK_S": "2"}
    with tempfile.TemporaryDirectory(prefix="bench-ld-") as tmp:
        d = Path(tmp)
        files = generate.write(d / "csv", args.apps, generate.DEFAULT_SEED, truth=False)
        inventories = [str(p) for p in files if p.suffix == ".csv"]
        t0 = time.perf_counter()
        subprocess.run(_spbe("load", "--store", str(d / "store"), *inventories), check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        load_s = time.perf_counter() - t0
        import pyoxigraph as ox

        st = ox.Store.read_only(str(d / "store"))
        n_quads = len(st)
        t0 = time.perf_counter()
        st.dump(output=str(d / "peer.nq"), format=ox.RdfFormat.N_QUADS)
        peer_dump_s = time.perf_counter() - t0
        solutions = st.query("SELECT ?a WHERE { ?a a <https://w3id.org/spbe/ontology#Aplikasi> }",
                             use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        apps = [r["a"].value for r in solutions]
        del st
        rng = random.Random(7)
        sample = [rng.choice(apps) for _ in range(args.requests)]
        print(f"store: {args.apps:,} generated rows, {len(apps):,} applications, {n_quads:,} quads; "
              f"`spbe load` {load_s:.1f} s")

        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(_spbe("serve", "--store", str(d / "store"), "--port", str(port)), env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(base, server)
            with httpx.Client(base_url=base, timeout=600, limits=httpx.Limits(max_connections=args.clients)) as c:
                t0 = time.perf_counter()
                first = c.get("/dumps/spbe-kg.nt.gz")
                first_s = time.perf_counter() - t0
                trig = c.head("/dumps/spbe-kg.trig")
                print(f"dumps: first build after start {first_s:.1f} s (N-Triples gzip {len(first.content):,} B, "
                      f"TriG {int(trig.headers.get('content-length', 0)):,} B); peer Store.dump N-Quads "
                      f"{peer_dump_s:.1f} s ({(d / 'peer.nq').stat().st_size:,} B)")
                path = lambda iri: iri.replace("https://w3id.org", "")  # noqa: E731
                etag = first.headers["etag"]
                rows: list[tuple[str, list[tuple[str, dict]]]] = [
                    ("peer: GET /health", [("/health", {})] * args.requests),
                    ("peer: DESCRIBE <app> via /sparql (Turtle)",
                     [("/sparql", {"params": {"query": f"DESCRIBE <{a}>"}, "headers": {"Accept": "text/turtle"}})
                      for a in sample]),
                    ("app IRI, Accept text/turtle", [(path(a), {"headers": {"Accept": "text/turtle"}}) for a in sample]),
                    ("app IRI, Accept application/ld+json", [(path(a), {"headers": {"Accept": "application/ld+json"}})
                                                             for a in sample]),
                    ("app IRI, browser (HTML page)", [(path(a), {"headers": {"Accept": "text/html"}}) for a in sample]),
                    ("/resource.nt?iri=app", [("/resource.nt", {"params": {"iri": a}}) for a in sample]),
                    ("reference concept RAL.02.04 page (HTML)",
                     [("/spbe/ref/RAL.02.04", {"headers": {"Accept": "text/html"}})] * (args.requests // 4)),
                    ("/.well-known/void (counts cached)", [("/.well-known/void", {})] * (args.requests // 4)),
                    ("dump, If-None-Match (304)", [("/dumps/spbe-kg.nt.gz", {"headers": {"If-None-Match": etag}})]
                     * args.requests),
                ]
                print(f"\n| {'request':<44} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | {'bytes':>9} |")
                print(f"|{'-' * 46}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 11}|")
                for label, reqs in rows:
                    m = measure(c, reqs, args.clients)
                    print(f"| {label:<44} | {m['rps']:>7.0f} | {m['p50']:>7.1f} | {m['p95']:>7.1f} | {m['bytes']:>9,} |",
                          flush=True)
            # harvest the whole instance into a fresh store (what a province does per member)
            henv = {**env, "SPBE_HARVEST_ALLOWLIST": json.dumps([base + "/"])}
            t0 = time.perf_counter()
            r = subprocess.run(_spbe("harvest", base + "/.well-known/void", "--store", str(d / "agg")), env=henv,
                               capture_output=True, text=True)
            h1 = time.perf_counter() - t0
            t0 = time.perf_counter()
            r2 = subprocess.run(_spbe("harvest", base + "/.well-known/void", "--store", str(d / "agg")), env=henv,
                                capture_output=True, text=True)
            h2 = time.perf_counter() - t0
            print(f"\nharvest into a fresh store: {h1:.1f} s ({r.stdout.strip() or r.stderr.strip()}); "
                  f"again, unchanged (304): {h2:.1f} s; peer `spbe load` of the inventories: {load_s:.1f} s")
            if r.returncode or r2.returncode:
                return 1
        finally:
            stop_process(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
