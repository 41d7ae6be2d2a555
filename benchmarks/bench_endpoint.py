"""The SPARQL endpoint against its peers (``python -m spbe_kg.benchmarks.bench_endpoint --apps 5000``).

Issue 13: ``spbe serve`` against the Oxigraph server it is built on, rdflib-endpoint (PyPI) and Debian's
Virtuoso, each serving the same synthetic national inventory, measured in the same run with the same client
(``--clients`` keep-alive HTTP/1.1 connections, GET ``?query=``). Two clients, one table each
(``--client``): Python threads of this process (the figures of earlier stops), and Debian's ``wrk``
(``wrk_client.py``), fast enough that the servers rather than the client are the limit:

- lookup: every property of one application (a different one per request), ~30 rows;
- select-1000: ``SELECT ?s ?p ?o`` over applications, ``LIMIT 1000``;
- construct: ``CONSTRUCT`` of one application's description.

``spbe serve`` is measured once per value of ``--processes`` (default: 1 and the core count, so both
the one-process server and ``spbe serve --processes N`` beside the Oxigraph server, which uses every
core), each on its own copy of the same store, loaded as ``spbe load`` loads (bulk, then compacted).

SELECTs in SPARQL JSON, XML and CSV; the CONSTRUCT in Turtle and N-Triples. Printed: req/s, p50,
p95, the CPU the server's process tree used per answered request, and the ratios to Oxigraph (target: req/s >= 0.5x, p95 <= 2x), with the load average.
The servers of a cell are measured interleaved (``--rounds`` slices each, taking turns, see
:func:`measure_cell`): this machine's speed drifted by up to 2x within minutes, which one slice
per server turned into swings of the verdicts; the per-round ratios are printed too. Before a
cell is measured one probe request checks that the server answers 200 in the asked format; a server
that does not is shown as "not served" with what it answered instead (never silently dropped).
"""

from __future__ import annotations

import argparse
import dataclasses
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
from spbe_kg.benchmarks import wrk_client
from spbe_kg.benchmarks.proctree import tree_cpu_s

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
        return {"n": 0, "rps": 0.0, "p50": float("nan"), "p95": float("nan"), "errors": errors[0], "secs": wall}
    return {"n": len(lat), "rps": len(lat) / wall, "p50": statistics.median(lat),
            "p95": lat[max(0, int(len(lat) * 0.95) - 1)], "errors": errors[0], "secs": wall}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--apps", type=int, default=5000, help="applications in the synthetic inventory")
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=4.0, help="per cell and server, after a 1 s warm-up")
    ap.add_argument("--rounds", type=int, default=4,
                    help="slices per cell and server, the servers taking turns (interleaved against machine drift)")
    ap.add_argument("--workers", type=int, default=2, help="spbe serve query workers")
    ap.add_argument("--processes", default=f"1,{os.cpu_count() or 1}",
                    help="spbe serve's --processes, one server per value (comma-separated; default: 1 and the core count)")
    ap.add_argument("--no-rdflib", action="store_true", help="leave rdflib-endpoint out")
    ap.add_argument("--no-virtuoso", action="store_true", help="leave Virtuoso out")
    ap.add_argument("--client", choices=("both", "python", "wrk"), default="both",
                    help="load generator(s): this process's Python threads, Debian's wrk, or both (one table each)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-endpoint-"))
    servers: list[peers.Server] = []
    try:
        t0 = time.perf_counter()
        data = peers.prepare(tmp, args.apps)
        print(f"data: {args.apps:,} applications -> {data.quads:,} quads ({time.perf_counter() - t0:.0f} s to prepare)", flush=True)
        counts = sorted({max(1, int(x)) for x in args.processes.split(",") if x.strip()})
        stores = [data] + [dataclasses.replace(data, store_dir=tmp / f"spbe-{n}") for n in counts[1:]]
        for own in stores[1:]:  # one server per store directory (it holds RocksDB's lock): copies, made
            shutil.copytree(data.store_dir, own.store_dir)  # before any server opens the store
        for own, n in zip(stores, counts, strict=True):
            servers.append(peers.spbe_server(own, args.workers, processes=n))
        servers.append(peers.oxigraph_server(data))
        if not args.no_rdflib:
            servers.append(peers.rdflib_endpoint_server(data, tmp))
        if not args.no_virtuoso:
            t0 = time.perf_counter()
            servers.append(peers.virtuoso_server(data, tmp))
            print(f"virtuoso: bulk-loaded in {time.perf_counter() - t0:.0f} s", flush=True)
        for client in _clients(args.client):
            rows = []
            for name, fmt, make in scenarios(data):
                rows.append((name, fmt, measure_cell(client, servers, make, FORMATS[fmt], args)))
                _print_rows([rows[-1]], header=len(rows) == 1, clients=args.clients, client=client)
            print(f"\nload average after the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; nproc {os.cpu_count()}")
    finally:
        for s in servers:
            peers.stop(s)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


CLIENTS = {"python": "Python threads in this process (its own CPU competes with the servers' for the same cores)",
           "wrk": "Debian's wrk (C): the servers, not the client, are the limit"}


def _clients(choice: str) -> list[str]:
    if choice == "both":
        return ["python", "wrk"] if wrk_client.available() else ["python"]
    if choice == "wrk" and not wrk_client.available():
        raise SystemExit("wrk is not installed (make bench installs Debian's package wrk)")
    return [choice]


def measure_cell(client: str, servers: list[peers.Server], make, accept: str, args) -> dict[str, dict]:
    """One cell for every server, interleaved: each is probed and warmed up (1 s), then measured in
    ``args.rounds`` slices of ``args.seconds / args.rounds`` seconds, the servers taking turns (the
    first of each round rotates), so a drift of the machine's speed during the cell falls on every
    server alike. Per server: requests and seconds summed (req/s over the whole), p50 and p95 the
    median of the slices', the CPU its process tree used per answered request (``cpu_ms``), and
    ``round_rps``: the req/s of each round, for the per-round ratios."""
    cell: dict[str, dict] = {}
    live = []
    for s in servers:
        refused = probe(s.url, make, accept)
        if refused:
            cell[s.name] = {"refused": refused}
        else:
            live.append(s)
    run = hammer if client == "python" else wrk_client.hammer
    for s in live:
        run(s.url, make, accept, args.clients, 1.0)
    rounds = max(1, args.rounds)
    slices: dict[str, list[dict]] = {s.name: [] for s in live}
    for k in range(rounds):
        turn = k % len(live) if live else 0
        for s in live[turn:] + live[:turn]:
            cpu0 = tree_cpu_s(s.proc.pid)
            r = run(s.url, make, accept, args.clients, max(1.0, args.seconds / rounds))
            r["cpu_s"] = tree_cpu_s(s.proc.pid) - cpu0
            slices[s.name].append(r)
    for s in live:
        cell[s.name] = combine(slices[s.name])
    return cell


def combine(slices: list[dict]) -> dict:
    """One server's slices of a cell as one result (see :func:`measure_cell`).

    >>> r = combine([{"n": 100, "secs": 1.0, "p50": 1.0, "p95": 2.0, "errors": 0, "cpu_s": 0.1},
    ...              {"n": 300, "secs": 1.0, "p50": 3.0, "p95": 4.0, "errors": 1, "cpu_s": 0.2}])
    >>> r["rps"], r["p95"], r["errors"], round(r["cpu_ms"], 2), r["round_rps"]
    (200.0, 3.0, 1, 0.75, [100.0, 300.0])
    """
    n = sum(r["n"] for r in slices)
    secs = sum(r["secs"] for r in slices)
    done = [r for r in slices if r["n"]]
    return {"n": n, "rps": n / secs if secs else 0.0, "errors": sum(r["errors"] for r in slices),
            "p50": statistics.median(r["p50"] for r in done) if done else float("nan"),
            "p95": statistics.median(r["p95"] for r in done) if done else float("nan"),
            "cpu_ms": 1000 * sum(r["cpu_s"] for r in slices) / max(1, n),
            "round_rps": [r["n"] / r["secs"] if r["secs"] else 0.0 for r in slices]}


def _print_rows(rows, *, header: bool, clients: int, client: str = "python") -> None:
    if header:
        print(f"\n{clients} keep-alive clients, client: {CLIENTS[client]}; load average at start {os.getloadavg()[0]:.2f}")
        print("| query | format | server | req/s | p50 ms | p95 ms | errors | server CPU ms/req | req/s vs Oxigraph "
              "| per round | p95 vs Oxigraph |")
        print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, fmt, cell in rows:
        ref = cell.get("oxigraph serve-read-only")
        if ref and "refused" in ref:
            ref = None
        for server, r in cell.items():
            if "refused" in r:
                print(f"| {name} | {fmt} | {server} | not served: {r['refused']} | | | | | | | |", flush=True)
                continue
            rr = f"{r['rps'] / ref['rps']:.2f}x" if ref and ref["rps"] else "-"
            pr = f"{r['p95'] / ref['p95']:.2f}x" if ref and ref["p95"] else "-"
            cpu = f"{r['cpu_ms']:.2f}" if "cpu_ms" in r else "-"
            print(f"| {name} | {fmt} | {server} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['errors']} | {cpu} "
                  f"| {rr} | {_per_round(r, ref)} | {pr} |", flush=True)


def _per_round(r: dict, ref: dict | None) -> str:
    """The range of the req/s ratios to Oxigraph round by round (a round's slices are seconds apart,
    a cell's first and last up to a minute).

    >>> _per_round({"round_rps": [50.0, 90.0]}, {"round_rps": [100.0, 100.0]})
    '0.50-0.90x'
    """
    if not ref or r is ref or len(r.get("round_rps", ())) != len(ref.get("round_rps", ())):
        return "-"
    ratios = [a / b for a, b in zip(r["round_rps"], ref["round_rps"], strict=True) if b]
    return f"{min(ratios):.2f}-{max(ratios):.2f}x" if ratios else "-"


if __name__ == "__main__":
    raise SystemExit(main())
