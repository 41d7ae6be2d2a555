"""Benchmark: re-load a national-size inventory into a *serving* instance (``POST /load`` on a running
``spbe serve``), beside pyoxigraph's ``bulk_load`` of the same quads into an empty store, with SPARQL
lookups answered all the while.

``python -m spbe_kg.benchmarks.bench_live_load [--apps 27000] [--clients 2]``

Steps (the server is a real ``spbe serve`` process; the floor runs in its own fresh process):

- floor: ``pyoxigraph.Store.bulk_load`` of the converted N-Quads (the file's named graph) into an empty store,
  once before and once after the server's steps (the mean is the floor: the machine may be shared);
- first load through ``POST /load`` (empty store);
- re-load of the same file through ``POST /load`` while ``--clients`` threads send a lookup query
  (one application by name, the short lane) in a loop: the server's own figures split the conversion
  (a job process) from the store step (bulk-loaded copy swapped in live, ``store/embedded.py``).

Lookup latencies are reported at rest (before the re-load) and during the re-load: p50, p95, max,
errors. Target (issue 11): the re-load's store step <= 2x the floor; lookups keep being answered.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from .bench_load import FLOOR, PY, SPBE, run
from .servers import free_port, wait_http

TOKEN = "bench-token"
ENV = {"SPBE_LOADED_AT": "2025-09-01T00:00:00Z", "SPBE_WRITE_TOKEN": TOKEN, "SPBE_LOAD_JOB_MEMORY_MB": "8192",
       "SPBE_LOAD_JOB_TIMEOUT_S": "1800", "SPBE_MAX_BODY_BYTES": str(512 * 1024 * 1024)}


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class Lookups:
    """``clients`` threads sending one short lookup query in a loop; latencies in ms by phase."""

    def __init__(self, url: str, name: str, clients: int) -> None:
        self.url, self.clients = url, clients
        self.query = ("PREFIX spbe: <https://w3id.org/spbe/ontology#> "
                      f'SELECT ?a WHERE {{ ?a spbe:nama "{name}" }} LIMIT 10')
        self.phase = "rest"
        self.lat: dict[str, list[float]] = {"rest": [], "reload": []}
        self.err: dict[str, int] = {"rest": 0, "reload": 0}
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._loop, daemon=True) for _ in range(clients)]

    def _loop(self) -> None:
        with httpx.Client(timeout=60) as c:
            while not self.stop.is_set():
                phase = self.phase
                t = time.perf_counter()
                try:
                    r = c.post(self.url + "/sparql", data={"query": self.query},
                               headers={"Accept": "application/sparql-results+json"})
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                ms = (time.perf_counter() - t) * 1000
                if ok and phase == self.phase:
                    self.lat[phase].append(ms)
                elif not ok:
                    self.err[phase] += 1

    def start(self) -> None:
        for t in self.threads:
            t.start()

    def close(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(timeout=70)


def _post(url: str, csv: Path) -> tuple[float, dict]:
    t = time.perf_counter()
    with csv.open("rb") as f:
        r = httpx.post(url + "/load", files=[("file", (csv.name, f, "text/csv"))],
                       headers={"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}, timeout=3600)
    wall = time.perf_counter() - t
    if r.status_code != 200:
        raise SystemExit(f"POST /load failed: {r.status_code} {r.text[:500]}")
    return wall, r.json()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--clients", type=int, default=2, help="lookup threads during the re-load")
    ap.add_argument("--rest-s", type=float, default=5.0, help="seconds of lookups measured before the re-load")
    ap.add_argument("--keep", type=Path, help="keep the work folder here")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-live-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    proc = None
    try:
        subprocess.run([PY, "-m", "spbe_kg.benchmarks.generate", "--apps", str(args.apps), "-o", str(work / "in")],
                       check=True, capture_output=True)
        csv = next((work / "in").glob("*.csv"))
        name = csv.read_text(encoding="utf-8").splitlines()[1].split(",")
        nq = work / "out.nq"
        run([*SPBE, "convert", str(csv), "-o", str(nq), "-q"], ENV)
        quads = sum(1 for _ in nq.open("rb"))
        floor = run([PY, "-c", FLOOR, str(work / "floor"), str(nq)])
        port = free_port()
        proc = subprocess.Popen([*SPBE, "serve", "--store", str(work / "store"), "--port", str(port),
                                 "--enable-updates"], env={**os.environ, **ENV},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        wait_http(url + "/health", timeout=120, proc=proc)
        first_wall, first = _post(url, csv)
        app_name = _an_app_name(url) or name[0]
        look = Lookups(url, app_name, args.clients)
        look.start()
        time.sleep(args.rest_s)
        look.phase = "reload"
        re_wall, again = _post(url, csv)
        look.close()
        proc.terminate()
        proc.wait(timeout=60)
        proc = None
        # the floor again, after: on a shared machine the two runs bracket the serving measurements
        floor2 = run([PY, "-c", FLOOR, str(work / "floor2"), str(nq)])
        floor = ((floor[0] + floor2[0]) / 2, floor[1], floor[2])
        print(f"input: {csv.name}, {csv.stat().st_size / 1e6:.1f} MB, {args.apps} application rows; "
              f"{quads:,} quads in the file graph")
        print(f"machine: {os.cpu_count()} cores, {_ram_gb():.0f} GB RAM, {platform.machine()}, "
              f"load average {os.getloadavg()[0]:.1f}, python {platform.python_version()}")
        print()
        print(f"{'step':52} {'wall s':>8} {'x floor':>8}")
        rows = [
            ("floor: pyoxigraph bulk_load of the same .nq (mean of 2)", floor[0]),
            ("POST /load, empty store: total", first_wall),
            ("  of which conversion (job process)", first["seconds"]["convert"]),
            ("  of which store step (" + str(first["strategy"]) + ")", first["seconds"]["load"]),
            ("POST /load again while serving: total", re_wall),
            ("  of which conversion (job process)", again["seconds"]["convert"]),
            ("  of which store step (" + str(again["strategy"]) + ", live)", again["seconds"]["load"]),
        ]
        for label, wall in rows:
            print(f"{label:52} {wall:8.2f} {wall / floor[0]:8.2f}")
        print()
        print(f"lookups ({args.clients} clients, one application by name): "
              f"{'phase':8} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>6}")
        for ph in ("rest", "reload"):
            xs = look.lat[ph]
            print(f"{'':52}{ph:8} {len(xs):6} {_pct(xs, 50):8.1f} {_pct(xs, 95):8.1f} "
                  f"{max(xs, default=float('nan')):8.1f} {look.err[ph]:6}")
        store_step = again["seconds"]["load"]
        print()
        print(f"target re-load store step <= 2x floor: {'ok' if store_step <= 2 * floor[0] else 'MISSED'} "
              f"({store_step / floor[0]:.2f}x); total with conversion {re_wall / floor[0]:.2f}x; "
              f"lookups answered during the re-load: {len(look.lat['reload'])}, errors {look.err['reload']}")
        return 0
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _an_app_name(url: str) -> str | None:
    q = "PREFIX spbe: <https://w3id.org/spbe/ontology#> SELECT ?n WHERE { ?a a spbe:Aplikasi ; spbe:nama ?n } LIMIT 1"
    r = httpx.post(url + "/sparql", data={"query": q}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    b = r.json()["results"]["bindings"] if r.status_code == 200 else []
    return b[0]["n"]["value"] if b else None


def _ram_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        return float("nan")


if __name__ == "__main__":
    sys.exit(main())
