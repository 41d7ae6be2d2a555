"""Where the faster-than-linear growth of issue 13 comes from: ``python -m spbe_kg.benchmarks.profile_growth``.

``bench_growth`` times whole scenarios; this breaks three of them down, per scale, each part in a fresh
child process (so one scale's caches and heap do not help the next), with CPU time (``process_time``,
steadier than wall time on a shared machine) beside wall time:

- ``validate``: ``validate_store``'s steps — the in-memory copy, EVERY compiled SPARQL check (one row per
  check, with its result count), locating the results (``provenance.locate``/``labels``), building the
  report, the stored code suggestions;
- ``read``: the duplicate pass's reading of the records (``baca``): every query ``fetch_records``,
  ``fetch_national``, ``decision_state`` and ``fetch_national_codes`` send (engine time, rows) and the
  Python assembly around them;
- ``lookup``: the engine alone — pyoxigraph ``Store.query`` + JSON serialisation of the serving
  benchmark's lookup ``SELECT ?p ?o WHERE { <app> ?p ?o }`` on the on-disk store, CPU time per query.

Stores are generated and loaded once per scale and kept when ``--keep PREFIX`` is given
(``PREFIX-<apps>/store``, e.g. ``/tmp/growth-27000/store``), so later runs reuse them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

PARTS = ["validate", "read", "lookup"]
APP_CLASS = "https://w3id.org/spbe/ontology#Aplikasi"


class Clock:
    """Wall and CPU seconds of a block: ``with Clock() as c: ...; c.wall, c.cpu``."""

    def __enter__(self) -> Clock:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = time.perf_counter() - self._w, time.process_time() - self._c


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


# ---- validate ----------------------------------------------------------------------------------------------
def child_validate(store_dir: str) -> dict:
    import pyoxigraph as ox

    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings
    from spbe_kg.shapes import validate as v
    from spbe_kg.shapes.engine_sparql import run_checks
    from spbe_kg.shapes.provenance import labels, locate
    from spbe_kg.shapes.saran_info import add_suggestions

    settings, store = Settings(), EmbeddedStore(store_dir, read_only=True)
    steps: dict[str, dict] = {}
    checks_out: list[dict] = []
    with Clock() as c:
        shapes = v.load_shapes(())
        checks = v.compile_shapes(shapes)
    steps["compile"] = {"wall": c.wall, "cpu": c.cpu}
    with Clock() as c:
        mem = v._in_memory(store)
    steps["copy"] = {"wall": c.wall, "cpu": c.cpu}
    raw = []
    with Clock() as total:
        for check in checks:  # run_checks, one check at a time
            with Clock() as c:
                got = run_checks(mem, [check])
            raw += got
            checks_out.append({"check": f"{_short(check.shape)} {check.component.removesuffix('ConstraintComponent')}",
                               "wall": c.wall, "cpu": c.cpu, "rows": len(got)})
    steps["checks"] = {"wall": total.wall, "cpu": total.cpu}
    with Clock() as c:
        locs = locate(mem, {r.focus.value for r in raw if isinstance(r.focus, ox.NamedNode)})
    steps["locate"] = {"wall": c.wall, "cpu": c.cpu, "rows": len(locs)}
    with Clock() as c:
        names = labels(mem, {r.value.value for r in raw if isinstance(r.value, ox.NamedNode)})
    steps["labels"] = {"wall": c.wall, "cpu": c.cpu, "rows": len(names)}
    with Clock() as c:  # the whole report (locate and labels again, then messages, sort)
        rep = v._report(raw, mem, shapes, "violation", "sparql", "store", [], settings)
    steps["report"] = {"wall": c.wall, "cpu": c.cpu, "rows": len(rep.results)}
    with Clock() as c:
        rep = add_suggestions(rep, store, settings)
    steps["suggestions"] = {"wall": c.wall, "cpu": c.cpu, "rows": len(rep.results)}
    return {"steps": steps, "checks": checks_out, "results": len(rep.results)}


# ---- read (the duplicate pass's baca) ----------------------------------------------------------------------
class TimedStore:
    """A store whose every query is timed (engine work + building the result terms) and labelled."""

    def __init__(self, store) -> None:
        self.store, self.step, self.queries = store, "", []  # type: ignore[var-annotated]

    def query(self, sparql: str, **kw):
        with Clock() as c:
            rows = list(self.store.query(sparql, **kw))
        body = sparql[sparql.find("SELECT"):]
        if body.startswith("SELECT ?s ?o WHERE {"):
            label = body[len("SELECT ?s ?o WHERE {"):].strip(" }")
        else:
            label = " ".join(body.split())[:60]
        self.queries.append({"step": self.step, "query": label, "wall": c.wall, "cpu": c.cpu, "rows": len(rows)})
        return iter(rows)

    def __getattr__(self, name: str):
        return getattr(self.store, name)


def child_read(store_dir: str) -> dict:
    from spbe_kg.queries.records import fetch_national, fetch_records
    from spbe_kg.queries.saran import decision_state
    from spbe_kg.queries.saran_store import fetch_national_codes
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    settings = Settings()
    store = TimedStore(EmbeddedStore(store_dir, read_only=True))
    steps: dict[str, dict] = {}
    calls: list[tuple[str, Callable[[], object]]] = [
        ("fetch_records", lambda: fetch_records(store, timeout_s=None)),
        ("fetch_national", lambda: fetch_national(store, timeout_s=None)),
        ("decision_state", lambda: decision_state(store, settings)),
        ("fetch_national_codes", lambda: fetch_national_codes(store, timeout_s=None))]
    for name, call in calls:
        store.step = name
        with Clock() as c:
            out = call()
        q = [x for x in store.queries if x["step"] == name]
        steps[name] = {"wall": c.wall, "cpu": c.cpu, "rows": len(out) if hasattr(out, "__len__") else 0,
                       "query_cpu": sum(x["cpu"] for x in q), "query_wall": sum(x["wall"] for x in q)}
    return {"steps": steps, "queries": store.queries}


# ---- lookup (the engine alone) -----------------------------------------------------------------------------
def child_lookup(store_dir: str, n: str = "2000") -> dict:
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)

    def select(q: str) -> ox.QuerySolutions:
        res = store.query(q, use_default_graph_as_union=True)
        assert isinstance(res, ox.QuerySolutions)
        return res

    first = [s["s"].value for s in select(f"SELECT ?s WHERE {{ ?s a <{APP_CLASS}> }} LIMIT 500")]
    every = [s["s"].value for s in select(f"SELECT ?s WHERE {{ ?s a <{APP_CLASS}> }}")]
    rnd = random.Random(13)
    out: dict = {"apps": len(every)}
    # "first500": the serving benchmark's sample (the first 500 in index order); "spread": all of them
    for name, pool in (("first500", first), ("spread", every)):
        for rnd_pass in ("cold", "warm"):
            sample = [rnd.choice(pool) for _ in range(int(n))]
            walls = []
            with Clock() as c:
                for app in sample:
                    t = time.perf_counter()
                    body = select(f"SELECT ?p ?o WHERE {{ <{app}> ?p ?o }}").serialize(format=ox.QueryResultsFormat.JSON)
                    walls.append(time.perf_counter() - t)
                    assert body
            out[f"{name}.{rnd_pass}"] = {"n": len(sample), "cpu_us": c.cpu / len(sample) * 1e6,
                                         "p50_us": statistics.median(walls) * 1e6,
                                         "p95_us": statistics.quantiles(walls, n=20)[-1] * 1e6}
    return out


CHILDREN: dict[str, Callable[..., dict]] = {"validate": child_validate, "read": child_read, "lookup": child_lookup}


def run_child(part: str, *args: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.profile_growth", "--child", part, *args],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"profile_growth child {part} failed (exit {r.returncode}):\n{r.stderr[-3000:]}")
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["load_avg"] = os.getloadavg()[0]
    return out


def ensure_store(apps: int, prefix: Path) -> Path:
    """``PREFIX-<apps>/store``: generated (``benchmarks.generate``) and loaded (``spbe load``) if missing."""
    d = Path(f"{prefix}-{apps}")
    store = d / "store"
    if not store.exists():
        subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.generate", "--apps", str(apps), "-o", str(d / "in")],
                       check=True, capture_output=True)
        csv_path = str(next((d / "in").glob("*.csv")))
        from spbe_kg.benchmarks.bench_growth import child_load

        env_was = os.environ.get("SPBE_LOADED_AT")
        os.environ["SPBE_LOADED_AT"] = "2025-09-01T00:00:00Z"
        try:
            child_load(csv_path, str(store))
        finally:
            if env_was is None:
                os.environ.pop("SPBE_LOADED_AT", None)
    return store


# ---- tables ------------------------------------------------------------------------------------------------
def _ratio(a: float, b: float) -> str:
    return f"{b / a:.2f}x" if a > 0 else "-"


def _flag(a: float, b: float, size_ratio: float, floor: float) -> str:
    """The factor, bold and marked when above 1.1x the size ratio (ignored under ``floor`` seconds)."""
    f = _ratio(a, b)
    return f"**{f}** superlinear" if a > 0 and b >= floor and b / a > 1.1 * size_ratio else f


def rows_table(title: str, results: list[dict], rows: Callable[[dict], dict[str, dict]], floor: float,
               top: int | None = None) -> str:
    """One row per step/check/query: CPU s at every scale (rows in brackets) and the factor of the last two,
    sorted by CPU at the largest scale.

    >>> r = [{"apps": 10, "p": {"a": {"cpu": 1.0, "rows": 5}, "b": {"cpu": 1.0, "rows": 1}}},
    ...      {"apps": 30, "p": {"a": {"cpu": 9.0, "rows": 15}, "b": {"cpu": 2.0, "rows": 3}}}]
    >>> print(rows_table("step", r, lambda x: x["p"], floor=0.1))
    | step | CPU s 10 apps | CPU s 30 apps | factor |
    |---|---:|---:|---|
    | a | 1.000 (5) | 9.000 (15) | **9.00x** superlinear |
    | b | 1.000 (1) | 2.000 (3) | 2.00x |
    """
    scales = [r["apps"] for r in results]
    ratio = scales[-1] / scales[-2] if len(scales) > 1 else 1.0
    per = [rows(r) for r in results]
    names = sorted(per[-1], key=lambda k: -per[-1][k]["cpu"])[:top]
    lines = [f"| {title} | " + " | ".join(f"CPU s {a:,} apps" for a in scales) + " | factor |",
             "|---|" + "---:|" * len(scales) + "---|"]
    for k in names:
        vals = [p.get(k) for p in per]
        cells = " | ".join("-" if v is None else f"{v['cpu']:.3f}" + (f" ({v['rows']:,})" if "rows" in v else "")
                           for v in vals)
        a, b = vals[-2] if len(vals) > 1 else None, vals[-1]
        mark = _flag(a["cpu"], b["cpu"], ratio, floor) if a and b else "-"
        lines.append(f"| {k} | {cells} | {mark} |")
    return "\n".join(lines)


def tables(results: list[dict], top: int = 15) -> str:
    out = []
    if all("validate" in r for r in results):
        out.append(rows_table("validation step", results, lambda r: r["validate"]["steps"], 0.5))
        out.append(rows_table(f"compiled check (top {top} by CPU)", results,
                              lambda r: {c["check"]: c for c in r["validate"]["checks"]}, 0.5, top))
    if all("read" in r for r in results):
        out.append(rows_table("records read, step", results, lambda r: r["read"]["steps"], 0.2))
        out.append(rows_table("records read, query", results,
                              lambda r: {f"{q['step']}: {q['query']}": q for q in r["read"]["queries"]}, 0.2))
    if all("lookup" in r for r in results):
        keys = [k for k in results[-1]["lookup"] if "." in k]
        lines = ["| engine lookup (Store.query + JSON) | " + " | ".join(f"{r['apps']:,} apps" for r in results)
                 + " | factor |", "|---|" + "---:|" * (len(results) + 1)]
        for k in keys:
            for m in ("cpu_us", "p50_us"):
                vals = [r["lookup"][k][m] for r in results]
                lines.append(f"| {k} {m.replace('_us', '')} µs | " + " | ".join(f"{v:.0f}" for v in vals)
                             + f" | {_ratio(vals[-2], vals[-1]) if len(vals) > 1 else '-'} |")
        out.append("\n".join(lines))
    load = ", ".join(f"{r['apps']:,} apps: " + " / ".join(f"{p} {r[p]['load_avg']:.2f}" for p in PARTS if p in r)
                     for r in results)
    out.append(f"1-minute load average at the end of each part: {load}")
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000, help="national size (1x)")
    ap.add_argument("--scales", default="1,3", help="multiples of --apps")
    ap.add_argument("--parts", default=",".join(PARTS), help=f"some of {','.join(PARTS)}")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the stores at KEEP-<apps>/store")
    ap.add_argument("--lookups", type=int, default=2000, help="lookups per pass of the lookup part")
    ap.add_argument("--top", type=int, default=15, help="compiled checks shown")
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--tables", type=Path, nargs="+", help="only print the tables of saved --json results")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child[0]](*args.child[1:])))
        return 0
    if args.tables:
        saved = sorted((r for p in args.tables for r in json.loads(p.read_text(encoding="utf-8"))),
                       key=lambda r: r["apps"])
        print(tables(saved, args.top))
        return 0
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    if unknown := set(parts) - set(PARTS):
        ap.error(f"unknown parts: {sorted(unknown)}")
    work = None if args.keep else Path(tempfile.mkdtemp(prefix="profile-growth-"))
    prefix = args.keep or (work / "growth")  # type: ignore[operator]
    results: list[dict] = []
    print(f"machine: {os.cpu_count()} cores, load average at start "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    try:
        for s in (float(x) for x in args.scales.split(",")):
            apps = round(args.apps * s)
            store = str(ensure_store(apps, prefix))
            res: dict = {"apps": apps}
            for part in parts:
                extra = [str(args.lookups)] if part == "lookup" else []
                res[part] = run_child(part, store, *extra)
                print(f"  {apps:,} apps, {part}: load average {res[part]['load_avg']:.2f}", flush=True)
                if args.json:  # after every part: a run cut short keeps what it measured
                    args.json.write_text(json.dumps([*results, res], indent=1), encoding="utf-8")
            results.append(res)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    print(tables(results, args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
