"""Benchmark: the submission history and the completeness dashboard at national scale.

``python -m spbe_kg.benchmarks.bench_completeness [--apps 27000]``

On the synthetic national inventory (one database-export csv, converted once):

- a load into a fresh on-disk store (lazy, atomic swap) **with** the submission record (the default of
  ``load_into_store``) beside the **same load without** it (the peer), and the record's own cost
  (``history_nquads``, the part that does not depend on the machine's load);
- the dashboard's figures (``queries.completeness.compute``: SPARQL + one whole-store validation +
  the history diff) beside ``validate_store`` alone on the same store (the peer: the part it cannot avoid);
- the same after a re-load in which 1 % of the rows changed (the diff has something to report).

Prints a markdown table with the machine and the load average. No target was set by issue 11; the
figures say what ``/kelengkapan`` costs once per store state (it is cached per write generation).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def _changed_copy(src: Path, dst: Path, every: int = 100) -> int:
    """``src`` with the description of every ``every``-th row edited; returns how many rows changed."""
    with src.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    desc = next((c for c in fields if "deskripsi" in c.lower() or "uraian" in c.lower()), fields[-1])
    n = 0
    for i, r in enumerate(rows):
        if i % every == 0:
            r[desc] = (r[desc] or "") + " (diperbarui)"
            n += 1
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000)
    args = ap.parse_args(argv)

    from spbe_kg.benchmarks.generate import main as generate
    from spbe_kg.loaders.api import convert_files, load_into_store
    from spbe_kg.queries.completeness import compute
    from spbe_kg.service.store.embedded import EmbeddedStore
    from spbe_kg.settings import Settings
    from spbe_kg.shapes.validate import validate_store

    tmp = Path(tempfile.mkdtemp(prefix="bench-completeness-"))
    try:
        generate(["--apps", str(args.apps), "-o", str(tmp / "in")])
        src = next((tmp / "in").glob("*.csv"))
        settings = Settings(store="embedded", data_dir=tmp / "store", loaded_at="2026-01-01T00:00:00Z")
        t_conv, result = _timed(lambda: convert_files([src], settings=settings, partial=True))
        rows: list[tuple[str, float, str]] = [("convert (once, shared)", t_conv, f"{len(result.rows):,} rows")]

        def load(dirname: str, history: bool) -> float:
            store = EmbeddedStore(tmp / dirname, lazy=True)
            t, _ = _timed(lambda: load_into_store(store, result, settings=settings, record_history=history))
            store.close()
            return t

        from spbe_kg.loaders.submissions import history_nquads

        graphs = [f.graph for f in result.files]
        t_rec, rec = _timed(lambda: history_nquads(result.parts, graphs, settings=settings))
        rows.append(("the history record alone (history_nquads)", t_rec, f"{len(rec) / 1e6:.1f} MB of N-Quads"))
        rows.append(("load, no history record (peer)", load("peer", False), "atomic swap"))
        rows.append(("load with the history record", load("store", True), "same swap, + 1 record per file"))
        shutil.rmtree(tmp / "peer", ignore_errors=True)

        store = EmbeddedStore(tmp / "store", read_only=True)
        t_val, rep = _timed(lambda: validate_store(store, settings=settings))
        rows.append(("validate_store alone (peer)", t_val, f"{sum(rep.counts().values()):,} results"))
        t_c, c = _timed(lambda: compute(store, settings))
        j = c.to_json()
        rows.append(("dashboard figures (compute)", t_c, f"{j['summary']['kabupatenKotaSubmitted']}/"
                     f"{j['summary']['kabupatenKota']} kab/kota, {j['summary']['opd']} OPD"))
        store.close()

        changed = _changed_copy(src, tmp / "in2" / src.name)
        s2 = settings.model_copy(update={"loaded_at": settings.loaded_at.replace(month=2)})  # type: ignore[union-attr]
        r2 = convert_files([tmp / "in2" / src.name], settings=s2, partial=True)
        st = EmbeddedStore(tmp / "store", lazy=True)
        t_re, _ = _timed(lambda: load_into_store(st, r2, settings=s2))
        st.close()
        rows.append(("re-load, 1 % of rows edited, with history", t_re, f"{changed:,} rows edited"))
        store = EmbeddedStore(tmp / "store", read_only=True)
        t_c2, c2 = _timed(lambda: compute(store, s2))
        n_changed = sum(e.change.changed for e in [c2.province, *c2.kabkota] if e.change)
        rows.append(("dashboard figures after the re-load", t_c2, f"{n_changed:,} changed applications reported (Sumut)"))
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nCompleteness benchmark, {args.apps:,} application rows; {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}, peak RSS {peak:,.0f} MB\n")
    print("| step | seconds | note |\n|---|---:|---|")
    for name, secs, note in rows:
        print(f"| {name} | {secs:.2f} | {note} |")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
