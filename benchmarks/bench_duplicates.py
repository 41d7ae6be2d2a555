"""Benchmark of the duplicate finder at national scale (``python -m spbe_kg.benchmarks.bench_duplicates --apps 27000``).

``--store DIR --truth FILE [--compare-ref REV]``: only the full pass, on a store already loaded with the
generated inventory, alternating with another revision's ``queries/`` (the peer in the same run).

Measured in one run on the synthetic national inventory (``spbe_kg.benchmarks.generate``, with its
ground truth), each step in a fresh child process so its peak memory is its own:

1. load: the csv into an on-disk embedded store (loaders API; for reference);
2. code-based report (target <= 1 s): ``spbe_kg.queries.code_report.fetch_code_report`` (the four grouped
   named queries ``layanan-sama-kelompok``, ``fungsi-rab-sama``, ``khusus-tumpang-tindih-umum``,
   ``nasional-dicatat-lokal`` without their final ORDER BY, in 2 threads, ordered in Python; best of 3
   runs and the first), the same four named queries one after another on pyoxigraph, and, as the peer,
   the same queries on rdflib's own SPARQL engine over the same store (oxrdflib; the queries are passed
   pre-parsed, otherwise oxrdflib would hand them to Oxigraph);
3. full evidence pass with clusters (``spbe_kg.queries.duplicates.analyse``) — target <= 30 s and
   <= 2 GB — with pair precision/recall against the generator's truth; peer: the same pair
   evaluation over ALL pairs of a random sample, extrapolated to the whole inventory (what blocking avoids).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CODE_QUERIES = ["layanan-sama-kelompok", "fungsi-rab-sama", "khusus-tumpang-tindih-umum", "nasional-dicatat-lokal"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_load(csv_path: str, store_dir: str) -> dict:
    from spbe_kg.loaders.api import convert_files, load_into_store
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    t = time.perf_counter()
    settings = Settings(store="embedded", data_dir=Path(store_dir))
    result = convert_files([Path(csv_path)], settings=settings, partial=True)
    store = EmbeddedStore(store_dir)
    load_into_store(store, result, settings=settings)
    n = store.triple_count()
    store.close()
    return {"seconds": time.perf_counter() - t, "quads": n, "rss_mb": _rss_mb()}


def child_code(store_dir: str) -> dict:
    from spbe_kg.queries.catalog import get_query
    from spbe_kg.service.store.embedded import EmbeddedStore

    store = EmbeddedStore(store_dir, read_only=True)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    for name in CODE_QUERIES:
        t = time.perf_counter()
        rows = len(list(store.query(get_query(name).bind())))
        out[name] = {"seconds": time.perf_counter() - t, "rows": rows}
    out["total_seconds"] = time.perf_counter() - t0
    out["rss_mb"] = _rss_mb()
    return out


def child_code_report(store_dir: str, workers: int = 2) -> dict:
    from spbe_kg.queries.code_report import fetch_code_report
    from spbe_kg.service.store.embedded import EmbeddedStore

    store = EmbeddedStore(store_dir, read_only=True)
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        rep = fetch_code_report(store, workers=workers)
        runs.append(time.perf_counter() - t)
    return {"seconds": min(runs), "first_seconds": runs[0], "runs": runs, "workers": workers,
            "rows": {k: len(getattr(rep, k)) for k in ("layanan", "fungsi", "khusus", "nasional")},
            "rss_mb": _rss_mb()}


def child_code_rdflib(store_dir: str) -> dict:
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    from spbe_kg.queries.catalog import get_query

    g = rdflib.Dataset(store="Oxigraph", default_union=True)
    g.open(store_dir, create=False)
    out: dict[str, Any] = {}
    t0 = time.perf_counter()
    for name in CODE_QUERIES:
        t = time.perf_counter()
        # a pre-parsed query: oxrdflib refuses it (NotImplementedError), so rdflib evaluates it with its own
        # SPARQL engine over the store's triples; a query string would be handed to Oxigraph's engine
        rows = len(list(g.query(prepareQuery(get_query(name).bind()))))
        out[name] = {"seconds": time.perf_counter() - t, "rows": rows}
    out["total_seconds"] = time.perf_counter() - t0
    out["rss_mb"] = _rss_mb()
    return out


def child_full(store_dir: str, truth: str, queries_dir: str = "") -> dict:
    """``queries_dir``: run the analysis of another version of ``queries/`` (``--compare-ref``)."""
    if queries_dir:
        import spbe_kg.queries

        spbe_kg.queries.__path__[:] = [queries_dir]  # before any of its modules is imported
    from spbe_kg.queries.duplicates import analyse
    from spbe_kg.queries.evaluate import predicted_pairs, read_truth, score
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(store_dir, read_only=True)
    rss0 = _rss_mb()
    t = time.perf_counter()
    cpu = time.process_time()
    report = analyse(store, Settings())
    secs = time.perf_counter() - t
    cpu = time.process_time() - cpu
    rss = _rss_mb()
    key = ("berkas", "lembar", "baris")
    tp, doubtful, rows = read_truth(Path(truth), group_col="id_aplikasi", key=key)
    p, r = score(predicted_pairs(report, key=key, rows=rows), tp, doubtful)
    return {"seconds": secs, "cpu_seconds": cpu, "steps": report.seconds, "records": report.n_records, "candidates": report.n_candidates,
            "suggestions": len(report.suggestions), "load_avg": os.getloadavg()[0],
            "pairs": report.n_pairs, "clusters": len(report.clusters), "rss_mb": rss, "rss_before_mb": rss0,
            "precision": p, "recall": r,
            "kinds": {k: sum(c.kind == k for c in report.clusters) for k in ("satu-aplikasi-banyak-pencatat", "aplikasi-berbeda-fungsi-sama")}}


def child_allpairs(store_dir: str, sample: int) -> dict:
    """Peer: every pair of a random sample through the same evidence code, extrapolated."""
    from spbe_kg.queries.evidence import evaluate
    from spbe_kg.queries.features import prepare
    from spbe_kg.queries.records import fetch_national, fetch_records
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings

    store = EmbeddedStore(store_dir, read_only=True)
    settings = Settings()
    records = fetch_records(store)
    n = len(records)
    random.Random(1).shuffle(records)
    feats = prepare(records[:sample], fetch_national(store), shared_hosts=settings.dup_shared_hosts)
    t = time.perf_counter()
    pairs = 0
    for i in range(len(feats)):
        for j in range(i + 1, len(feats)):
            evaluate(feats[i], feats[j], settings)
            pairs += 1
    secs = time.perf_counter() - t
    total_pairs = n * (n - 1) // 2
    return {"sample": sample, "pairs": pairs, "seconds": secs, "records": n, "all_pairs": total_pairs,
            "extrapolated_seconds": secs / pairs * total_pairs}


CHILDREN: dict[str, Callable[..., Any]] = {"load": child_load, "code": child_code, "code_report": child_code_report, "code_rdflib": child_code_rdflib,
            "full": child_full, "allpairs": child_allpairs}


def compare_full(store: Path, truth: Path, ref: str | None, repeat: int) -> int:
    """The full pass on a kept store, ``repeat`` times, alternating with ``ref``'s ``queries/`` when given."""
    with tempfile.TemporaryDirectory(prefix="bench-dup-ref-") as tmp:
        runs = [("working tree", "")]
        if ref:
            root = Path(__file__).resolve().parents[1]
            tar = subprocess.run(["git", "-C", str(root), "archive", ref, "queries"], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=tar, check=True)
            runs.insert(0, (ref, str(Path(tmp) / "queries")))
        print("| code | load avg (1 min, at end) | full pass (s) | CPU (s) | peak RSS MB | steps (s) | result |")
        print("|---|---:|---:|---:|---:|---|---|")
        for _ in range(repeat):
            for label, qdir in runs:
                r = _run_child("full", store, truth, *([qdir] if qdir else []))
                if "seconds" not in r:
                    print(f"| {label} | | {r.get('error')} | | | | |", flush=True)
                    continue
                print(f"| {label} | {r['load_avg']:.1f} | {r['seconds']:.1f} | {r['cpu_seconds']:.1f} | {r['rss_mb']:.0f} | "
                      + ", ".join(f"{k} {v:.1f}" for k, v in r["steps"].items())
                      + f" | {r['candidates']} candidates, {r['clusters']} clusters, {r['suggestions']} suggestions, "
                      f"precision {r['precision']:.3f}, recall {r['recall']:.3f} |", flush=True)
    return 0


def _run_child(mode: str, *args, timeout: float = 1800) -> dict:
    cmd = [sys.executable, "-m", "spbe_kg.benchmarks.bench_duplicates", "--child", mode, *map(str, args)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench_duplicates", description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, default=1500, help="records in the all-pairs peer's sample")
    ap.add_argument("--rdflib-timeout", type=float, default=600)
    ap.add_argument("--skip-code", action="store_true",
                    help="skip the code-based report steps and their rdflib peer (issue 10 measures the full pass)")
    ap.add_argument("--store", type=Path, help="an already loaded store of the generated inventory: only the full pass "
                    "(with --truth, the generator's kebenaran file)")
    ap.add_argument("--truth", type=Path)
    ap.add_argument("--compare-ref", help="with --store: also run the full pass of this git revision's queries/, "
                    "alternating with the working tree's (peer in the same run)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        mode, *rest = args.child
        fn = CHILDREN[mode]
        conv = [int(x) if x.isdigit() else x for x in rest]
        print(json.dumps(fn(*conv)))
        return 0
    if args.store:
        return compare_full(args.store, args.truth, args.compare_ref, args.repeat)

    from spbe_kg.benchmarks import generate

    with tempfile.TemporaryDirectory(prefix="bench-dup-") as tmpname:
        tmp = Path(tmpname)
        t = time.perf_counter()
        files = generate.write(tmp / "inv", args.apps, args.seed, truth=True)
        csv_path = next(p for p in files if p.name.startswith("inventaris"))
        truth = next(p for p in files if p.name.startswith("kebenaran"))
        print(f"generated {args.apps} rows in {time.perf_counter() - t:.1f} s", flush=True)
        store_dir = tmp / "store"
        load = _run_child("load", csv_path, store_dir)
        print(f"load: {load}", flush=True)
        skipped: dict = {"error": "skipped (--skip-code)"}
        report = skipped if args.skip_code else _run_child("code_report", store_dir, 2)
        print(f"code report (pyoxigraph, 2 threads): {report}", flush=True)
        report1 = skipped if args.skip_code else _run_child("code_report", store_dir, 1)
        print(f"code report (pyoxigraph, 1 thread): {report1}", flush=True)
        code = skipped if args.skip_code else _run_child("code", store_dir)
        print(f"code (pyoxigraph): {code}", flush=True)
        code_rdf = skipped if args.skip_code else _run_child("code_rdflib", store_dir, timeout=args.rdflib_timeout)
        print(f"code (rdflib engine): {code_rdf}", flush=True)
        full = _run_child("full", store_dir, truth)
        print(f"full: {full}", flush=True)
        peer = _run_child("allpairs", store_dir, args.sample)
        print(f"all-pairs peer: {peer}", flush=True)

    def sec(d, k="total_seconds"):
        return f"{d[k]:.2f}" if k in d else d.get("error", "?")

    print()
    print(f"| step ({args.apps} applications, {load.get('quads', '?')} quads) | seconds | peak RSS MB | notes |")
    print("|---|---:|---:|---|")
    print(f"| load csv into embedded store (loaders) | {load.get('seconds', 0):.1f} | {load.get('rss_mb', 0):.0f} | reference |")
    for r in (report, report1):
        if "seconds" in r:
            print(f"| **code-based report** (`fetch_code_report`, {r['workers']} thread(s)), best of 3 | {r['seconds']:.2f} | "
                  f"{r['rss_mb']:.0f} | target <= 1 s; first run {r['first_seconds']:.2f} s; rows {r['rows']} |")
        else:
            print(f"| code-based report | {r.get('error')} | | |")
    print(f"| the 4 named queries one after another, pyoxigraph | {sec(code)} | {code.get('rss_mb', 0):.0f} | target <= 1 s; "
          + ", ".join(f"{q} {code[q]['seconds']:.2f}s/{code[q]['rows']} rows" for q in CODE_QUERIES if q in code) + " |")
    print(f"| peer: same queries on rdflib's own SPARQL engine (oxrdflib store) | {sec(code_rdf)} | {code_rdf.get('rss_mb', 0):.0f} | "
          + ", ".join(f"{q} {code_rdf[q]['seconds']:.2f}s" for q in CODE_QUERIES if q in code_rdf) + " |")
    if "seconds" in full:
        print(f"| full evidence pass + clusters (analyse) | {full['seconds']:.1f} | {full['rss_mb']:.0f} | target <= 30 s, <= 2 GB; "
              f"{full['candidates']} candidate pairs, {full['clusters']} clusters, {full['suggestions']} code suggestions; "
              f"load avg {full['load_avg']:.1f}; precision {full['precision']:.3f}, "
              f"recall {full['recall']:.3f}; steps " + ", ".join(f"{k} {v:.1f}" for k, v in full["steps"].items()) + " |")
    else:
        print(f"| full evidence pass + clusters | {full.get('error')} | | |")
    if "seconds" in peer:
        print(f"| peer: all pairs, same evidence code ({peer['sample']} sampled records, {peer['pairs']} pairs) | "
              f"{peer['seconds']:.1f} | | extrapolated to {peer['all_pairs']:,} pairs: {peer['extrapolated_seconds'] / 3600:.1f} h |")
    ok = "seconds" in full and full["seconds"] <= 30 and full["rss_mb"] <= 2048 and (args.skip_code or report.get("seconds", 99) <= 1)
    print(f"\ntargets met: {ok}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
