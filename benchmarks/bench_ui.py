"""Benchmark of the web pages at national scale (``python -m spbe_kg.benchmarks.bench_ui --apps 27000``).

The pages a person opens must stay quick when the store holds the whole country: the home page
(five COUNT queries and the triple count, kept 30 s: the uncached cost is measured separately, once), the YASGUI page (catalogue + template), the 1 MB YASGUI script
(revalidated: 304), the start-tab query run through /sparql as YASGUI sends it, and the ontology page.
Peer in the same run: ``/health`` on the same server (the cheapest request the service answers).
The server is the real ``spbe serve`` process on an embedded on-disk store; the client is httpx with
8 concurrent connections, as in the SPARQL benchmark.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from spbe_kg.benchmarks import generate
from spbe_kg.benchmarks.servers import stop_process


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _spbe(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "spbe"), *args]


def _wait(base: str, proc: subprocess.Popen, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"spbe serve exited with {proc.returncode}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("spbe serve did not answer /health in time")


def measure(client: httpx.Client, method: str, url: str, *, n: int, clients: int, **kw) -> dict:
    """n requests from ``clients`` threads; latency percentiles in ms and requests per second."""
    def one(_):
        t0 = time.perf_counter()
        r = client.request(method, url, **kw)
        if r.status_code >= 400:
            raise SystemExit(f"{method} {url}: HTTP {r.status_code}: {r.text[:200]}")
        return (time.perf_counter() - t0) * 1000, len(r.content)

    client.request(method, url, **kw)  # warm-up (caches, first template compile)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, range(n)))
    wall = time.perf_counter() - t0
    lat = sorted(r[0] for r in results)
    return {"rps": n / wall, "p50": statistics.median(lat), "p95": lat[int(0.95 * (len(lat) - 1))],
            "bytes": results[0][1]}


def summary_cost(path: Path) -> None:
    """One uncached home-page summary (what the first visit after ui_summary_cache_s pays), in process."""
    from spbe_kg.service.routes.ui_summary import compute_summary
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(path)
    try:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            s = compute_summary(store, Settings())
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.triple_count()
        tc = time.perf_counter() - t0
    finally:
        store.close()
    figures = ", ".join(f"{k}={v:,}" for k, v in s["figures"])
    print(f"home summary uncached, one client: best {min(times) * 1000:.0f} ms of 3 "
          f"(of which triple_count {tc * 1000:.0f} ms); {figures}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench_ui", description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=generate.NATIONAL_APPS)
    ap.add_argument("--requests", type=int, default=200, help="requests per page")
    ap.add_argument("--clients", type=int, default=8)
    args = ap.parse_args(argv)
    env = {**os.environ, "SPBE_LANG": "id"}
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        d = Path(tmp)
        t0 = time.perf_counter()
        files = generate.write(d / "csv", args.apps, generate.DEFAULT_SEED, truth=False)
        inventories = [str(p) for p in files if p.suffix == ".csv"]
        subprocess.run(_spbe("load", "--store", str(d / "store"), *inventories), check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"national store: {args.apps:,} generated rows loaded in {time.perf_counter() - t0:.1f} s")
        summary_cost(d / "store")

        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(_spbe("serve", "--store", str(d / "store"), "--port", str(port)), env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(base, server)
            from spbe_kg.service.routes.ui_queries import start_query

            html = {"Accept": "text/html"}
            with httpx.Client(base_url=base, timeout=60,
                              limits=httpx.Limits(max_connections=args.clients)) as c:
                etag = c.get("/static/vendor/yasgui.min.js").headers["etag"]
                health = c.get("/health").json()
                print(f"server: {health['store']} store, {health['triples']:,} triples, "
                      f"{args.clients} concurrent clients, {args.requests} requests per row\n")
                rows = [
                    ("peer: GET /health", "GET", "/health", {}),
                    ("peer: GET /static/css/spbe.css (200, 7 kB file)", "GET", "/static/css/spbe.css", {}),
                    ("GET / (home; counts cached 30 s)", "GET", "/", {"headers": html}),
                    ("GET /sparql (YASGUI page)", "GET", "/sparql", {"headers": html}),
                    ("GET yasgui.min.js (If-None-Match: 304)", "GET", "/static/vendor/yasgui.min.js",
                     {"headers": {"If-None-Match": etag}}),
                    ("GET /ontology.html", "GET", "/ontology.html", {"headers": html}),
                    ("POST /sparql start-tab query (LIMIT 200, JSON)", "POST", "/sparql",
                     {"data": {"query": start_query("id")}, "headers": {"Accept": "application/sparql-results+json"}}),
                ]
                print(f"| {'request':<48} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | {'bytes':>9} |")
                print(f"|{'-' * 50}|{'-' * 9}|{'-' * 9}|{'-' * 9}|{'-' * 11}|")
                for label, method, url, kw in rows:
                    m = measure(c, method, url, n=args.requests, clients=args.clients, **kw)
                    print(f"| {label:<48} | {m['rps']:>7.0f} | {m['p50']:>7.1f} | {m['p95']:>7.1f} | {m['bytes']:>9,} |",
                          flush=True)
        finally:
            stop_process(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
