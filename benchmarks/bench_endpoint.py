"""The SPARQL endpoint against its peers (``python -m spbe_kg.benchmarks.bench_endpoint --apps 5000``).

Issue 13: ``spbe serve`` against the Oxigraph server it is built on, rdflib-endpoint (PyPI) and Debian's
Virtuoso, each serving the same synthetic national inventory, measured in the same run with the same client
(``--clients`` keep-alive HTTP/1.1 connections in threads of this process, GET ``?query=``):

- lookup: every property of one application (a different one per request), ~30 rows;
- select-1000: ``SELECT ?s ?p ?o`` over applications, ``LIMIT 1000``;
- construct: ``CONSTRUCT`` of one application's description.

SELECTs in SPARQL JSON, XML and CSV; the CONSTRUCT in Turtle and N-Triples. Printed: req/s, p50,
p95 and the ratios to Oxigraph (target: req/s >= 0.5x, p95 <= 2x), with the load average. Before a
cell is measured one probe request checks that the server answers 200 in the asked format; a server
that does not is shown as "not served" with what it answered instead (never silently dropped).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import statistics
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from spbe_kg.benchmarks import endpoint_peers as peers

FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
}


def scenarios(data: peers.Data) -> list[tuple[str, str, Callable[[random.Random], str]]]:
    """(name, format, query maker) in table order."""
    apps = data.apps

    def lookup(r: random.Random) -> str:
        return f"SELECT ?p ?o WHERE {{ <{r.choice(apps)}> ?p ?o }}"

    def select1000(r: random.Random) -> str:
        return f"SELECT ?s ?p ?o WHERE {{ ?s a <{data.app_class}> ; ?p ?o }} LIMIT 1000"

    def construct(r: random.Random) -> str:
        return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{r.choice(apps)}> AS ?s) ?s ?p ?o }}"

    out: list[tuple[str, str, Callable[[random.Random], str]]] = []
    for fmt in ("json", "xml", "csv"):
        out.append(("lookup", fmt, lookup))
    for fmt in ("json", "xml", "csv"):
        out.append(("select-1000", fmt, select1000))
    for fmt in ("turtle", "ntriples"):
        out.append(("construct", fmt, construct))
    return out


def probe(url: str, make: Callable[[random.Random], str], accept: str) -> str | None:
    """None when ``url`` answers one query with 200 and the ``accept`` media type, else what it did answer."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)
    try:
        conn.request("GET", f"{parts.path}?{urllib.parse.urlencode({'query': make(random.Random(0))})}",
                     headers={"Accept": accept})
        r = conn.getresponse()
        r.read()
    except (OSError, http.client.HTTPException) as e:
        return f"no answer ({type(e).__name__})"
    finally:
        conn.close()
    media = (r.getheader("Content-Type") or "").split(";")[0].strip().lower()
    if r.status != 200:
        return f"HTTP {r.status}"
    if media != accept:
        return f"answers {media or 'no Content-Type'}"
    return None


def hammer(url: str, make: Callable[[random.Random], str], accept: str, clients: int, seconds: float) -> dict:
    """``clients`` keep-alive clients sending GET queries for ``seconds``; latencies in ms."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    lat: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(seed: int) -> None:
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection(host, parts.port, timeout=60)
        mine = []
        bad = 0
        while time.monotonic() < stop:
            q = urllib.parse.urlencode({"query": make(rnd)})
            t0 = time.perf_counter()
            try:
                conn.request("GET", f"{parts.path}?{q}", headers={"Accept": accept})
                r = conn.getresponse()
                body = r.read()
            except (OSError, http.client.HTTPException):
                bad += 1
                conn.close()
                conn = http.client.HTTPConnection(host, parts.port, timeout=60)
                continue
            mine.append((time.perf_counter() - t0) * 1000)
            if r.status != 200 or not body:
                bad += 1
        with lock:
            lat.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    if not lat:
        return {"n": 0, "rps": 0.0, "p50": float("nan"), "p95": float("nan"), "errors": errors[0]}
    return {"n": len(lat), "rps": len(lat) / wall, "p50": statistics.median(lat),
            "p95": lat[max(0, int(len(lat) * 0.95) - 1)], "errors": errors[0]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--apps", type=int, default=5000, help="applications in the synthetic inventory")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=4.0, help="per cell, after a 1 s warm-up")
    ap.add_argument("--workers", type=int, default=2, help="spbe serve query workers")
    ap.add_argument("--no-rdflib", action="store_true", help="leave rdflib-endpoint out")
    ap.add_argument("--no-virtuoso", action="store_true", help="leave Virtuoso out")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    servers: list[peers.Server] = []
    try:
        t0 = time.perf_counter()
        data = peers.prepare(tmp, args.apps)
        print(f"data: {args.apps:,} applications -> {data.quads:,} quads ({time.perf_counter() - t0:.0f} s to prepare)", flush=True)
        servers.append(peers.spbe_server(data, args.workers))
        servers.append(peers.oxigraph_server(data))
        if not args.no_rdflib:
            servers.append(peers.rdflib_endpoint_server(data, tmp))
        if not args.no_virtuoso:
            t0 = time.perf_counter()
            servers.append(peers.virtuoso_server(data, tmp))
            print(f"virtuoso: bulk-loaded in {time.perf_counter() - t0:.0f} s", flush=True)
        rows = []
        for name, fmt, make in scenarios(data):
            cell = {}
            for s in servers:
                refused = probe(s.url, make, FORMATS[fmt])
                if refused:
                    cell[s.name] = {"refused": refused}
                    continue
                hammer(s.url, make, FORMATS[fmt], args.clients, 1.0)  # warm-up
                cell[s.name] = hammer(s.url, make, FORMATS[fmt], args.clients, args.seconds)
            rows.append((name, fmt, cell))
            _print_rows([rows[-1]], header=len(rows) == 1, clients=args.clients)
        print(f"\nload average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; nproc {os.cpu_count()}")
    finally:
        for s in servers:
            peers.stop(s)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def _print_rows(rows, *, header: bool, clients: int) -> None:
    if header:
        print(f"\n{clients} keep-alive clients; load average at start {os.getloadavg()[0]:.2f}")
        print("| query | format | server | req/s | p50 ms | p95 ms | errors | req/s vs Oxigraph | p95 vs Oxigraph |")
        print("|---|---|---|---:|---:|---:|---:|---:|---:|")
    for name, fmt, cell in rows:
        ref = cell.get("oxigraph serve-read-only")
        if ref and "refused" in ref:
            ref = None
        for server, r in cell.items():
            if "refused" in r:
                print(f"| {name} | {fmt} | {server} | not served: {r['refused']} | | | | | |", flush=True)
                continue
            rr = f"{r['rps'] / ref['rps']:.2f}x" if ref and ref["rps"] else "-"
            pr = f"{r['p95'] / ref['p95']:.2f}x" if ref and ref["p95"] else "-"
            print(f"| {name} | {fmt} | {server} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']} | {rr} | {pr} |",
                  flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
