"""Benchmark of validation (``python -m spbe_kg.benchmarks.bench_validate --apps 27000``).

Targets (issue 4): the whole national-scale store (27,000 applications, ~0.8-1M triples) in <= 60 s and
<= 2.5 GB; one kabupaten's upload (~500 applications) in <= 5 s. Peer measured in the same run: plain
pySHACL (the reference engine, no inference) on the same data — on a sample of the national store
(``--sample``, default 10%) and extrapolated linearly, since the full run takes many minutes; on the
500-application upload in full. The fast path's results are compared with pySHACL's on the sample.

Each measurement runs in a fresh child process so its peak RSS is its own. Data: the synthetic
national inventory of ``spbe_kg.benchmarks.generate`` (database-export csv), converted with the loaders.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import cast


def _rss_mb() -> float:
    """Peak RSS of this process (VmHWM; ru_maxrss would include the parent's peak, kept across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, path: Path, out: Path) -> None:
    """One measurement; writes a JSON line to ``out``."""
    import pyoxigraph as ox

    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings
    from spbe_kg.shapes.validate import Engine, validate_quads, validate_store

    settings = Settings(store="memory")
    rec: dict = {"kind": kind}
    if kind.startswith("store-"):
        engine = cast("Engine", kind.split("-", 1)[1])
        with tempfile.TemporaryDirectory(prefix="spbe-bench-store-") as d:
            t0 = time.perf_counter()
            store = EmbeddedStore(Path(d) / "store")
            store.raw.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
            rec["load_s"] = time.perf_counter() - t0
            rec["triples"] = store.triple_count()
            t0, c0 = time.perf_counter(), time.process_time()
            rep = validate_store(store, settings=settings, engine=engine)
            rec["validate_s"], rec["cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
            store.close()
    else:  # upload-<engine>: convert the csv with the loaders, then validate the upload
        from spbe_kg.loaders.api import convert_files

        engine = cast("Engine", kind.split("-", 1)[1])
        t0 = time.perf_counter()
        conv = convert_files([path], settings=settings)
        rec["load_s"] = time.perf_counter() - t0
        rec["triples"] = len(conv.quads)
        t0, c0 = time.perf_counter(), time.process_time()
        rep = validate_quads(conv.quads, settings=settings, engine=engine)
        rec["validate_s"], rec["cpu_s"] = time.perf_counter() - t0, time.process_time() - c0
    rec["results"] = len(rep.results)
    rec["engine"] = rep.engine
    rec["by_rule"] = Counter(f"{r.rule_name}/{r.severity}" for r in rep.results)
    rec["keys"] = sorted("|".join(map(str, (r.rule_id, r.focus, r.path, r.value))) for r in rep.results) \
        if len(rep.results) < 400_000 else []
    rec["rss_mb"] = _rss_mb()
    out.write_text(json.dumps(rec), encoding="utf-8")


def _run_child(kind: str, path: Path, work: Path) -> dict:
    out = work / f"{kind}-{path.stem}.json"
    subprocess.run([sys.executable, "-m", "spbe_kg.benchmarks.bench_validate", "--child", kind, str(path), str(out)],
                   check=True)
    return json.loads(out.read_text(encoding="utf-8"))


def _subset_csv(src: Path, dst: Path, n: int) -> int:
    with src.open(encoding="utf-8", newline="") as f, dst.open("w", encoding="utf-8", newline="") as g:
        r, w = csv.reader(f), csv.writer(g)
        w.writerow(next(r))
        k = 0
        for row in r:
            if k >= n:
                break
            w.writerow(row)
            k += 1
    return k


def _nquads(csv_path: Path, dst: Path) -> int:
    import pyoxigraph as ox

    from spbe_kg.loaders.api import convert_files
    from spbe_kg.ontology.reference import reference_quads
    from spbe_kg.settings import Settings

    conv = convert_files([csv_path], settings=Settings(store="memory"))
    quads = conv.quads + list(reference_quads())
    with dst.open("wb") as f:
        ox.serialize(quads, f, format=ox.RdfFormat.N_QUADS)
    return len(quads)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench_validate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--sample", type=float, default=0.10, help="share of the national rows pySHACL validates")
    ap.add_argument("--upload", type=int, default=500, help="applications in the kabupaten-sized upload")
    ap.add_argument("--child", nargs=3, metavar=("KIND", "PATH", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0

    from spbe_kg.benchmarks import generate

    with tempfile.TemporaryDirectory(prefix="spbe-bench-validate-") as d:
        work = Path(d)
        t0 = time.perf_counter()
        national = generate.write(work / "gen", args.apps, generate.DEFAULT_SEED)[0]
        n_sample = max(1, int(args.apps * args.sample))
        sample_csv, upload_csv = work / "sampel.csv", work / "unggahan.csv"
        _subset_csv(national, sample_csv, n_sample)
        n_upload = _subset_csv(national, upload_csv, args.upload)
        nq_all, nq_sample = work / "nasional.nq", work / "sampel.nq"
        q_all = _nquads(national, nq_all)
        q_sample = _nquads(sample_csv, nq_sample)
        print(f"data: {args.apps} rows -> {q_all:,} quads (with the reference graph); sample {n_sample} rows -> "
              f"{q_sample:,} quads; upload {n_upload} rows; prepared in {time.perf_counter() - t0:.1f} s", flush=True)

        runs = [
            ("national store, fast path (sparql)", "store-sparql", nq_all, 1.0),
            (f"{args.sample:.0%} sample store, fast path (sparql)", "store-sparql", nq_sample, 1.0),
            (f"{args.sample:.0%} sample store, peer: pySHACL", "store-pyshacl", nq_sample, 1.0),
            (f"upload of {n_upload} apps, fast path (sparql)", "upload-sparql", upload_csv, 1.0),
            (f"upload of {n_upload} apps, peer: pySHACL", "upload-pyshacl", upload_csv, 1.0),
        ]
        res = {}
        for label, kind, path, _ in runs:
            res[label] = r = _run_child(kind, path, work)
            print(f"  {label}: validate {r['validate_s']:.2f} s, {r['results']} results, peak RSS {r['rss_mb']:.0f} MB",
                  flush=True)

    print()
    print("| measurement | triples | load s | validate s | cpu s | results | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, *_ in runs:
        r = res[label]
        print(f"| {label} | {r['triples']:,} | {r['load_s']:.2f} | {r['validate_s']:.2f} | {r['cpu_s']:.2f} | "
              f"{r['results']:,} | {r['rss_mb']:.0f} |")
    fast_s = res[runs[1][0]]
    py_s = res[runs[2][0]]
    factor = res[runs[0][0]]["triples"] / max(1, py_s["triples"])
    print()
    print(f"pySHACL extrapolated to the national store (x{factor:.1f} triples, linear): "
          f"~{py_s['validate_s'] * factor:.0f} s (fast path measured: {res[runs[0][0]]['validate_s']:.1f} s)")
    same_sample = fast_s["keys"] == py_s["keys"] and fast_s["by_rule"] == py_s["by_rule"]
    up_f, up_p = res[runs[3][0]], res[runs[4][0]]
    same_upload = up_f["keys"] == up_p["keys"]
    print(f"same results as pySHACL: sample {'yes' if same_sample else 'NO'}, upload {'yes' if same_upload else 'NO'}")
    nat = res[runs[0][0]]
    ok_nat = nat["validate_s"] <= 60 and nat["rss_mb"] <= 2560
    ok_up = up_f["validate_s"] <= 5
    print(f"target national <= 60 s and <= 2.5 GB: {'met' if ok_nat else 'NOT met'}; "
          f"upload <= 5 s: {'met' if ok_up else 'NOT met'}")
    print("national results by rule:", dict(sorted(nat["by_rule"].items(), key=lambda kv: -kv[1])))
    return 0 if same_sample and same_upload else 1


if __name__ == "__main__":
    sys.exit(main())
