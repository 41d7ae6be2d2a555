"""How cost grows with the inventory (issue 13): ``python -m spbe_kg.benchmarks.bench_growth``.

The load, validation, duplicate and serving scenarios at 0.1x, 1x and 3x national size (2,700 /
27,000 / 81,000 applications of the synthetic national generator, ``--scales``) in ONE table: wall
time and peak RSS per scenario and scale, and the growth factor 1x -> 3x. Linear growth gives a
factor of ~3; a factor above ``SUPERLINEAR`` times the size ratio (3.3 for 3x) is flagged, and the
duplicate pass's per-step
times (``DuplicateReport.seconds``) plus its candidate-pair counts are printed to show where.

Each scenario runs in a fresh child process, so its peak RSS (VmHWM) is its own:

- load: ``spbe load FILE --store DIR`` (convert + reference graph + swap) into an empty store;
- validate: ``validate_store`` (the compiled SPARQL fast path, ``engine="auto"``) over that store;
- duplicates: ``spbe_kg.queries.duplicates.analyse`` (the whole evidence pass) over that store;
- serve: ``spbe serve`` on that store (2 query workers, its default HTTP processes: one per core, at
  most 4), start-up until ``/health`` answers, then lookups and SELECT-1000 from 8 keep-alive clients
  (``bench_endpoint.hammer``), and lookups from ``wrk`` when it is installed (the Python client's own CPU
  competes with the server's); its RSS is the peak of the server's process tree (HTTP processes + workers),
  sampled every 0.2 s.

The peer of each scenario is the scenario itself at 1x in the same run (the ratio is the point).
Where a factor is above linear, ``profile_growth`` breaks validation (per step and compiled check), the
duplicate pass's records read (per query) and a lookup (engine alone) down, in CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spbe_kg.benchmarks import proctree

SUPERLINEAR = 1.1  # a factor above 1.1x the size ratio (3.3 for 1x -> 3x) is growth faster than linear
SCENARIOS = ["load", "validate", "duplicates", "serve"]
APP_CLASS = "https://w3id.org/spbe/ontology#Aplikasi"


# ---- children (one measurement each, JSON on the last stdout line) ----------------------------------------
def child_load(csv_path: str, store_dir: str) -> dict:
    from spbe_kg.service.cli import main as cli

    t = time.perf_counter()
    rc = cli(["load", csv_path, "--store", store_dir, "-q"])
    if rc:
        raise SystemExit(f"spbe load exited {rc}")
    return {"seconds": time.perf_counter() - t}


def child_validate(store_dir: str) -> dict:
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings
    from spbe_kg.shapes.validate import validate_store

    store = EmbeddedStore(store_dir, read_only=True)
    t = time.perf_counter()
    rep = validate_store(store, settings=Settings(), engine="auto")
    secs = time.perf_counter() - t
    return {"seconds": secs, "results": len(rep.results), "engine": rep.engine, "triples": store.triple_count()}


def child_duplicates(store_dir: str) -> dict:
    from spbe_kg.queries.duplicates import analyse
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(store_dir, read_only=True)
    t = time.perf_counter()
    rep = analyse(store, Settings())
    return {"seconds": time.perf_counter() - t, "steps": rep.seconds, "records": rep.n_records,
            "candidates": rep.n_candidates, "pairs": rep.n_pairs, "clusters": len(rep.clusters)}


CHILDREN: dict[str, Callable[..., dict]] = {"load": child_load, "validate": child_validate, "duplicates": child_duplicates}


def run_child(mode: str, *args: str) -> dict:
    """Run one child; its JSON plus its wall time (start-up included) and peak RSS."""
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.bench_growth", "--child", mode, *args],
                       capture_output=True, text=True, env={**os.environ, "SPBE_LOADED_AT": "2025-09-01T00:00:00Z"})
    if r.returncode != 0:
        raise SystemExit(f"bench_growth child {mode} failed (exit {r.returncode}):\n{r.stderr[-3000:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["wall"] = time.perf_counter() - t
    return out


# ---- serving (in this process: a real spbe serve subprocess) ----------------------------------------------
def serve(store_dir: Path, seconds: float, clients: int = 8, workers: int = 2) -> dict:
    import httpx

    from spbe_kg.benchmarks import wrk_client
    from spbe_kg.benchmarks.bench_endpoint import FORMATS, hammer
    from spbe_kg.benchmarks.servers import free_port, stop_process, wait_http
    from spbe_kg.service.cli.serve import auto_processes
    from spbe_kg.settings import Settings

    port = free_port()
    env = {**os.environ, "SPBE_SPARQL_CLIENT_CONCURRENCY": "64"}
    t = time.perf_counter()
    proc = subprocess.Popen([str(Path(sys.executable).parent / "spbe"), "serve", "--store", str(store_dir),
                             "--port", str(port), "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0.0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], proctree.tree_rss_mb(proc.pid)["total"])
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/health", timeout=600, proc=proc)
        startup = time.perf_counter() - t
        r = httpx.get(base + "/sparql", params={"query": f"SELECT ?s WHERE {{ ?s a <{APP_CLASS}> }} LIMIT 500"},
                      headers={"Accept": FORMATS["json"]}, timeout=120)
        r.raise_for_status()
        apps = [b["s"]["value"] for b in r.json()["results"]["bindings"]]
        if not apps:
            raise SystemExit(f"no <{APP_CLASS}> in the served store")
        lookup = hammer(base + "/sparql", lambda rnd: f"SELECT ?p ?o WHERE {{ <{rnd.choice(apps)}> ?p ?o }}",
                        FORMATS["json"], clients, seconds)
        wrk = None  # the server's own capacity: the Python client's CPU competes with the server's (wrk_client.py)
        if wrk_client.available():
            wrk = wrk_client.hammer(base + "/sparql", lambda rnd: f"SELECT ?p ?o WHERE {{ <{rnd.choice(apps)}> ?p ?o }}",
                                    FORMATS["json"], clients, seconds)
        select = hammer(base + "/sparql",
                        lambda rnd: f"SELECT ?s ?p ?o WHERE {{ ?s a <{APP_CLASS}> ; ?p ?o }} LIMIT 1000",
                        FORMATS["json"], clients, seconds)
    finally:
        stop.set()
        sampler.join()
        stop_process(proc)
    out = {"seconds": startup, "wall": time.perf_counter() - t, "rss_mb": peak[0], "lookup": lookup,
           "select": select, "processes": Settings().serve_processes or auto_processes()}  # as spbe serve picks them
    if wrk is not None:
        out["wrk_lookup"] = wrk
    return out


# ---- one scale --------------------------------------------------------------------------------------------
def measure(apps: int, work: Path, serve_seconds: float, progress: Callable[[dict], None] = lambda r: None) -> dict:
    """Every scenario at one scale; ``progress`` gets the partial result after each scenario."""
    d = work / f"apps-{apps}"
    subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.generate", "--apps", str(apps), "-o", str(d / "in")],
                   check=True, capture_output=True)
    csv_path = str(next((d / "in").glob("*.csv")))
    store = str(d / "store")
    out: dict[str, Any] = {"apps": apps}
    steps: list[tuple[str, Callable[[], dict]]] = [
        ("load", lambda: run_child("load", csv_path, store)), ("validate", lambda: run_child("validate", store)),
        ("duplicates", lambda: run_child("duplicates", store)), ("serve", lambda: serve(Path(store), serve_seconds))]
    for name, step in steps:
        out[name] = step()
        out["load_avg"] = os.getloadavg()
        if name == "validate":
            out["triples"] = out["validate"]["triples"]
        print(f"  {apps:,} apps, {name}: {out[name]['wall']:.1f} s wall, {out[name]['rss_mb']:,.0f} MB peak, "
              f"load average {out['load_avg'][0]:.2f}", flush=True)
        progress(out)
    shutil.rmtree(d, ignore_errors=True)
    return out


def factor(a: float, b: float) -> float:
    return b / a if a else float("nan")


def table(results: list[dict]) -> str:
    """The one table: per scenario, wall s and peak RSS MB at every scale, and the factor between the
    last two scales (1x -> 3x by default), flagged when above :data:`SUPERLINEAR`.

    >>> r = [{"apps": a, "load": {"wall": w, "rss_mb": m}} for a, w, m in [(10, 1.0, 100), (30, 4.0, 300)]]
    >>> print(table(r).splitlines()[2])
    | load | wall s | 1.0 | 4.0 | **4.00x** superlinear |
    """
    scales = [r["apps"] for r in results]
    span = f"{scales[-2]:,} -> {scales[-1]:,}" if len(scales) > 1 else "-"
    head = "| scenario | metric | " + " | ".join(f"{a:,} apps" for a in scales) + f" | factor {span} |"
    lines = [head, "|---|---|" + "---:|" * len(scales) + "---|"]
    metrics = [("wall", "wall s", "{:.1f}"), ("rss_mb", "peak RSS MB", "{:,.0f}")]
    extra = {"serve": [("lookup.p50", "lookup p50 ms", "{:.1f}"), ("lookup.rps", "lookup req/s", "{:,.0f}"),
                       ("wrk_lookup.rps", "lookup req/s (wrk)", "{:,.0f}"), ("wrk_lookup.p95", "lookup p95 ms (wrk)", "{:.2f}"),
                       ("select.p50", "SELECT-1000 p50 ms", "{:.1f}"), ("seconds", "start-up s", "{:.1f}")]}
    for sc in SCENARIOS:
        if sc not in results[0]:
            continue
        for key, label, fmt in metrics + extra.get(sc, []):
            vals = [_get(r[sc], key) if sc in r else None for r in results]
            if all(v is None for v in vals):  # e.g. no wrk on this machine
                continue
            cells = " | ".join("not measured" if v is None else fmt.format(v) for v in vals)
            a, b = (vals[-2], vals[-1]) if len(vals) > 1 else (None, None)
            f = factor(a, b) if a is not None and b is not None else float("nan")
            grows = len(scales) > 1 and not key.endswith(".rps") and f > SUPERLINEAR * scales[-1] / scales[-2]
            mark = f"**{f:.2f}x** superlinear" if grows else ("-" if f != f else f"{f:.2f}x")
            lines.append(f"| {sc} | {label} | {cells} | {mark} |")
    return "\n".join(lines)


def steps_table(results: list[dict]) -> str:
    """The duplicate pass per step (``DuplicateReport.seconds``) and its candidate pairs, per scale."""
    results = [r for r in results if "duplicates" in r]
    scales = [r["apps"] for r in results]
    steps = list(results[-1]["duplicates"]["steps"])
    lines = ["| duplicate pass | " + " | ".join(f"{a:,} apps" for a in scales) + " | factor |",
             "|---|" + "---:|" * (len(scales) + 1)]
    for step in steps:
        vals = [r["duplicates"]["steps"].get(step, 0.0) for r in results]
        lines.append(f"| {step} s | " + " | ".join(f"{v:.2f}" for v in vals) + f" | {_last_factor(vals)} |")
    for key in ("records", "candidates", "pairs", "clusters"):
        vals = [r["duplicates"][key] for r in results]
        lines.append(f"| {key} | " + " | ".join(f"{v:,}" for v in vals) + f" | {_last_factor(vals)} |")
    return "\n".join(lines)


def _last_factor(vals: list) -> str:
    return f"{factor(vals[-2], vals[-1]):.2f}x" if len(vals) > 1 else "-"


def _get(d: dict, key: str) -> float | None:
    for part in key.split("."):
        if part not in d:
            return None
        d = d[part]
    return float(d)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000, help="national size (1x)")
    ap.add_argument("--scales", default="0.1,1,3", help="multiples of --apps")
    ap.add_argument("--serve-seconds", type=float, default=5.0, help="per serving query, 8 clients")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--tables", type=Path, nargs="+", help="only print the tables of saved --json results (merged)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.tables:
        saved = sorted((r for p in args.tables for r in json.loads(p.read_text(encoding="utf-8"))),
                       key=lambda r: r["apps"])
        print(table(saved) + "\n\n" + steps_table(saved))
        return 0
    if args.child:
        rec = CHILDREN[args.child[0]](*args.child[1:])
        rec["rss_mb"] = proctree.peak_rss_mb()
        print(json.dumps(rec))
        return 0
    work = Path(tempfile.mkdtemp(prefix="bench-growth-"))
    results: list[dict] = []

    def save(partial: dict) -> None:  # the finished scales and the one under way (a 3x run may be cut short)
        if args.json:
            args.json.write_text(json.dumps([*results, partial], indent=1), encoding="utf-8")

    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, load average at start "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    try:
        for s in (float(x) for x in args.scales.split(",")):
            apps = round(args.apps * s)
            t = time.perf_counter()
            results.append(measure(apps, work, args.serve_seconds, save))
            print(f"{apps:,} applications ({results[-1]['triples']:,} triples): {time.perf_counter() - t:.0f} s, "
                  f"load average {' '.join(f'{x:.2f}' for x in results[-1]['load_avg'])}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(table(results))
    print()
    print(steps_table(results))
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; nproc {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
