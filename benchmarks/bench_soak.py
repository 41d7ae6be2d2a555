"""Memory under sustained mixed load (issue 13): ``python -m spbe_kg.benchmarks.bench_soak [--minutes 10]``.

``spbe serve`` (2 query workers, default limits) on a national-scale store (``--apps``, 27,000 by
default, generated and loaded with ``spbe load``) gets ``--minutes`` of mixed load:

- ``--clients`` keep-alive clients, each request drawn at random: a lookup of one application (SPARQL
  JSON), ``SELECT`` of 1,000 rows (JSON or CSV), ``CONSTRUCT`` of one application (Turtle), an
  application's linked-data page (HTML or Turtle);
- every ``--runaway-every`` seconds a runaway query (a three-way cross product) that the server must
  stop at its time limit;
- every ``--api-every`` seconds, alternately, ``POST /validate`` of a 200-application upload and
  ``GET /duplicates`` (JSON; the first one computes the national report, later ones are cached per
  store state).

Every ``--sample`` seconds the resident memory (VmRSS) of the server process and of its worker
processes is read from ``/proc``. Reported: RSS at start, after warm-up (the first minute), at the end,
the maximum, and the least-squares slope of the total over the last 5 minutes (half the run when
shorter). The memory is judged bounded when that slope, projected over an hour, adds less than
``BOUND_SHARE`` (10%) of the end RSS -- a slope, not a single reading, because worker processes are
replaced after a killed query and RSS moves in steps.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

from spbe_kg.benchmarks import proctree

BOUND_SHARE = 0.10  # growth per hour, as a share of the end RSS, below which memory counts as bounded
APP_CLASS = "https://w3id.org/spbe/ontology#Aplikasi"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SPBE = [sys.executable, "-c", "import sys; from spbe_kg.service.cli import main; sys.exit(main())"]


def slope_per_min(points: list[tuple[float, float]]) -> float:
    """Least-squares slope (MB per minute) of (seconds, MB) points.

    >>> round(slope_per_min([(0, 100), (60, 110), (120, 120)]), 6)
    10.0
    >>> slope_per_min([(0, 100)])
    0.0
    """
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(t for t, _ in points) / n
    my = sum(v for _, v in points) / n
    sxx = sum((t - mx) ** 2 for t, _ in points)
    return 60 * sum((t - mx) * (v - my) for t, v in points) / sxx if sxx else 0.0


def summary(samples: list[dict], minutes: float, warmup_s: float = 60.0) -> dict:
    """Start / after warm-up / end / max RSS and the slope over the last 5 minutes (or half the run)."""
    total = [(s["t"], s["total"]) for s in samples]
    window = min(300.0, minutes * 60 / 2)
    end_t = total[-1][0]
    tail = [p for p in total if p[0] >= end_t - window]
    warm = next((v for t, v in total if t >= warmup_s), total[-1][1])
    slope = slope_per_min(tail)
    end = total[-1][1]
    parts = {k: slope_per_min([(s["t"], s[k]) for s in samples if s["t"] >= end_t - window])
             for k in ("main", "workers")}
    return {"slope_main": parts["main"], "slope_workers": parts["workers"],
            "floor_workers": min(s["workers"] for s in samples if s["t"] >= end_t - window),
            "floor_workers_warm": min((s["workers"] for s in samples if warmup_s <= s["t"] < end_t - window),
                                      default=float("nan")),"start": total[0][1], "warm": warm, "end": end, "max": max(v for _, v in total),
            "max_main": max(s["main"] for s in samples), "max_workers": max(s["workers"] for s in samples),
            "slope": slope, "window_min": window / 60, "bounded": slope * 60 < BOUND_SHARE * end}


class Load:
    """The mixed client load; counts answers by kind and HTTP status."""

    def __init__(self, base: str, apps: list[str], upload: bytes):
        self.base, self.apps, self.upload = base, apps, upload
        self.counts: Counter = Counter()
        self.runaways: list[tuple[int, float]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()

    def _get(self, conn: http.client.HTTPConnection, path: str, accept: str) -> int:
        conn.request("GET", path, headers={"Accept": accept})
        r = conn.getresponse()
        r.read()
        return r.status

    def request(self, conn: http.client.HTTPConnection, rnd: random.Random) -> tuple[str, int]:
        app = rnd.choice(self.apps)
        kind = rnd.choices(["lookup", "select-1000", "construct", "page"], weights=[5, 1, 3, 3])[0]
        if kind == "lookup":
            q, accept = f"SELECT ?p ?o WHERE {{ <{app}> ?p ?o }}", "application/sparql-results+json"
        elif kind == "select-1000":
            q = f"SELECT ?s ?p ?o WHERE {{ ?s a <{APP_CLASS}> ; ?p ?o }} LIMIT 1000"
            accept = rnd.choice(["application/sparql-results+json", "text/csv"])
        elif kind == "construct":
            q, accept = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ BIND(<{app}> AS ?s) ?s ?p ?o }}", "text/turtle"
        else:
            return kind, self._get(conn, urllib.parse.urlsplit(app).path, rnd.choice(["text/html", "text/turtle"]))
        return kind, self._get(conn, "/sparql?" + urllib.parse.urlencode({"query": q}), accept)

    def client(self, seed: int) -> None:
        rnd = random.Random(seed)
        host = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port, timeout=120)
        while not self.stop.is_set():
            try:
                kind, status = self.request(conn, rnd)
            except (OSError, http.client.HTTPException):
                kind, status = "connection", 0
                conn.close()
                conn = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port, timeout=120)
            with self.lock:
                self.counts[(kind, status)] += 1

    def runaway(self, every: float) -> None:
        import httpx

        while not self.stop.wait(every):
            t = time.perf_counter()
            try:
                status = httpx.get(self.base + "/sparql", params={"query": RUNAWAY}, timeout=300).status_code
            except httpx.HTTPError:
                status = 0
            with self.lock:
                self.runaways.append((status, time.perf_counter() - t))
                self.counts[("runaway", status)] += 1

    def api(self, every: float) -> None:
        import httpx

        turn = 0
        while not self.stop.wait(every):
            try:
                if turn % 2 == 0:
                    r = httpx.post(self.base + "/validate", files={"file": ("upload.csv", self.upload, "text/csv")},
                                   headers={"Accept": "application/json"}, timeout=300)
                    kind = "validate"
                else:
                    r = httpx.get(self.base + "/duplicates", headers={"Accept": "application/json"}, timeout=300)
                    kind = "duplicates"
                status = r.status_code
            except httpx.HTTPError:
                kind, status = ("validate" if turn % 2 == 0 else "duplicates"), 0
            turn += 1
            with self.lock:
                self.counts[(kind, status)] += 1


def prepare(work: Path, apps: int) -> tuple[Path, bytes]:
    """A national-scale store and a 200-application upload cut from the same generated inventory."""
    env = {**os.environ, "SPBE_LOADED_AT": "2025-09-01T00:00:00Z"}
    subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.generate", "--apps", str(apps), "-o", str(work / "in")],
                   check=True, capture_output=True)
    src = next((work / "in").glob("*.csv"))
    subprocess.run([*SPBE, "load", str(src), "--store", str(work / "store"), "-q"], check=True, env=env,
                   capture_output=True)
    with src.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[:201]
    up = work / "upload.csv"
    with up.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return work / "store", up.read_bytes()


def main(argv: list[str] | None = None) -> int:
    import httpx

    from spbe_kg.benchmarks.servers import free_port, stop_process, wait_http

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--sample", type=float, default=10.0, help="seconds between memory samples")
    ap.add_argument("--runaway-every", type=float, default=60.0)
    ap.add_argument("--api-every", type=float, default=45.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--processes", type=int, default=1,
                    help="spbe serve --processes (reader processes count with the workers in the RSS columns)")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    try:
        t = time.perf_counter()
        store, upload = prepare(work, args.apps)
        print(f"store: {args.apps:,} applications generated and loaded in {time.perf_counter() - t:.0f} s", flush=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([*SPBE, "serve", "--store", str(store), "--port", str(port),
                                 "--workers", str(args.workers), "--processes", str(args.processes)],
                                env={**os.environ, "SPBE_SPARQL_CLIENT_CONCURRENCY": "64"},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_http(base + "/health", timeout=600, proc=proc)
            r = httpx.get(base + "/sparql", params={"query": f"SELECT ?s WHERE {{ ?s a <{APP_CLASS}> }} LIMIT 2000"},
                          headers={"Accept": "application/sparql-results+json"}, timeout=120)
            r.raise_for_status()
            apps = [b["s"]["value"] for b in r.json()["results"]["bindings"]]
            load = Load(base, apps, upload)
            samples = run_load(proc.pid, load, args)
            alive = proc.poll() is None
        finally:
            stop_process(proc)
        report(samples, load, args, alive)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def run_load(pid: int, load: Load, args) -> list[dict]:
    t0 = time.perf_counter()
    samples = [{"t": 0.0, **proctree.tree_rss_mb(pid)}]
    threads = [threading.Thread(target=load.client, args=(i,), daemon=True) for i in range(args.clients)]
    threads += [threading.Thread(target=load.runaway, args=(args.runaway_every,), daemon=True),
                threading.Thread(target=load.api, args=(args.api_every,), daemon=True)]
    for th in threads:
        th.start()
    end = t0 + args.minutes * 60
    while time.perf_counter() < end:
        time.sleep(min(args.sample, max(0.0, end - time.perf_counter())))
        s = {"t": time.perf_counter() - t0, **proctree.tree_rss_mb(pid)}
        samples.append(s)
        print(f"t={s['t']:6.0f} s  RSS main {s['main']:7.1f} MB  workers {s['workers']:7.1f} MB  total "
              f"{s['total']:7.1f} MB  processes {s['processes']}  load avg {os.getloadavg()[0]:.2f}", flush=True)
    load.stop.set()
    for th in threads:
        th.join(timeout=150)
    return samples


def report(samples: list[dict], load: Load, args, alive: bool) -> None:
    s = summary(samples, args.minutes)
    counts, runaways = load.counts, load.runaways
    print(f"\n{args.minutes:g} minutes, {args.clients} clients, {args.workers} query workers, "
          f"{args.processes} HTTP process(es); server alive at the end: "
          f"{alive}; nproc {os.cpu_count()}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n| RSS (server + workers) | MB |\n|---|---:|")
    for key, label in [("start", "start (after /health)"), ("warm", "after warm-up (1 min)"), ("end", "end"),
                       ("max", "max"), ("max_main", "max, server process alone"), ("max_workers", "max, workers")]:
        print(f"| {label} | {s[key]:,.1f} |")
    print(f"| slope over the last {s['window_min']:.1f} min | {s['slope']:+.2f} MB/min |")
    print(f"| slope of the server process alone, same window | {s['slope_main']:+.2f} MB/min |")
    print(f"| slope of the workers, same window | {s['slope_workers']:+.2f} MB/min |")
    print(f"| lowest workers' RSS: before the window / in it | {s['floor_workers_warm']:,.1f} / "
          f"{s['floor_workers']:,.1f} |")
    verdict = "bounded" if s["bounded"] else "GROWING"
    print(f"\nmemory: **{verdict}** (slope x 60 min = {s['slope'] * 60:+.0f} MB vs {BOUND_SHARE:.0%} of the end RSS "
          f"= {BOUND_SHARE * s['end']:.0f} MB)")
    print("\n| request | HTTP status | count |\n|---|---|---:|")
    for (kind, status), n in sorted(counts.items()):
        print(f"| {kind} | {status} | {n:,} |")
    if runaways:
        print("\nrunaway queries (status, seconds until answered): "
              + ", ".join(f"{st} in {sec:.1f} s" for st, sec in runaways))


if __name__ == "__main__":
    raise SystemExit(main())
