"""Benchmark: convert + load a national-scale inventory into the embedded store, beside pyoxigraph's
own bulk load of the same data as N-Triples (the floor).

``python -m spbe_kg.benchmarks.bench_load [--apps 27000] [--transaction]``

Each measured step runs in its own fresh process, so wall time includes start-up and the peak RSS
(``ru_maxrss`` of that child) is its own:

- ``spbe load FILE --store DIR`` (convert + reference graph + atomic swap load), on an empty store;
- the same command again (a re-load replacing the file's graph);
- floor: ``pyoxigraph.Store.bulk_load`` of the converted triples as N-Triples into an empty store
  (default graph), and of the same quads as N-Quads (in their named graph, as the loader stores them:
  named-graph quads cost oxigraph six indexes instead of three);
- with ``--transaction``: the store protocol's transactional ``replace_graphs`` (one SPARQL update), the
  path used where directories cannot be exchanged (slow at this scale; off by default).

Targets (issue 3): total <= 15 s, peak RSS <= 1.5 GB, at most 3x the floor.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
SPBE = [PY, "-c", "import sys; from spbe_kg.service.cli import main; sys.exit(main())"]

FLOOR = """
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[1])
fmt = ox.RdfFormat.N_QUADS if sys.argv[2].endswith(".nq") else ox.RdfFormat.N_TRIPLES
s.bulk_load(path=sys.argv[2], format=fmt)
s.flush()
print(len(s))
"""

TRANSACTION = """
import sys
from pathlib import Path
from spbe_kg.settings import Settings
from spbe_kg.loaders.api import convert_files, load_into_store
from spbe_kg.service.store.embedded import EmbeddedStore
st = Settings()
r = convert_files([Path(sys.argv[2])], settings=st)
s = EmbeddedStore(sys.argv[1])
load_into_store(s, r, settings=st)
s.close()
"""


def run(cmd: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB of this child alone, stdout) of one child process (``os.wait4``)."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=out, stderr=err, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    if p.returncode != 0:
        sys.stderr.write(err.read().decode(errors="replace")[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd[:4])} ... (exit {p.returncode})")
    return wall, usage.ru_maxrss / 1024, out.read().decode(errors="replace")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000)
    ap.add_argument("--transaction", action="store_true", help="also time the transactional replace_graphs path")
    ap.add_argument("--keep", type=Path, help="keep the work folder here")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-load-")) if not args.keep else args.keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        t = time.perf_counter()
        subprocess.run([PY, "-m", "spbe_kg.benchmarks.generate", "--apps", str(args.apps), "-o", str(work / "in")],
                       check=True, capture_output=True)
        csv = next((work / "in").glob("*.csv"))
        print(f"input: {csv.name}, {csv.stat().st_size / 1e6:.1f} MB, {args.apps} application rows "
              f"(generated in {time.perf_counter() - t:.1f} s)")
        env = {"SPBE_LOADED_AT": "2025-09-01T00:00:00Z"}
        nt = work / "out.nt"
        conv = run([*SPBE, "convert", str(csv), "-o", str(nt), "-q"], env)
        nq = work / "out.nq"
        run([*SPBE, "convert", str(csv), "-o", str(nq), "-q"], env)
        triples = sum(1 for _ in nt.open("rb"))
        rows = []
        rows.append(("spbe convert -> .nt (sorted)", *conv[:2]))
        load = run([*SPBE, "load", str(csv), "--store", str(work / "store"), "-q"], env)
        rows.append(("spbe load (empty store)", *load[:2]))
        reload = run([*SPBE, "load", str(csv), "--store", str(work / "store"), "-q"], env)
        rows.append(("spbe load again (replace graph)", *reload[:2]))
        floor = run([PY, "-c", FLOOR, str(work / "floor"), str(nt)])
        rows.append(("floor: pyoxigraph bulk_load .nt", *floor[:2]))
        floor_q = run([PY, "-c", FLOOR, str(work / "floor-q"), str(nq)])
        rows.append(("  same quads as .nq (named graph)", *floor_q[:2]))
        if args.transaction:
            tx = run([PY, "-c", TRANSACTION, str(work / "tx"), str(csv)], env)
            rows.append(("peer: convert + replace_graphs (1 txn)", *tx[:2]))
        print(f"triples: {triples:,} (file graph, without the reference graph)")
        print(f"machine: {os.cpu_count()} cores, {platform.machine()}, load average {os.getloadavg()[0]:.1f}, "
              f"python {platform.python_version()}")
        print()
        print(f"{'step':42} {'wall s':>8} {'peak MB':>8} {'x floor':>8}")
        for name, wall, rss in rows:
            print(f"{name:42} {wall:8.2f} {rss:8.0f} {wall / floor[0]:8.2f}")
        ok_time = load[0] <= 15.0
        ok_mem = load[1] <= 1536
        ok_ratio = load[0] <= 3 * floor[0]
        print()
        print(f"target total <= 15 s: {'ok' if ok_time else 'MISSED'} ({load[0]:.1f} s); "
              f"peak <= 1.5 GB: {'ok' if ok_mem else 'MISSED'} ({load[1]:.0f} MB); "
              f"<= 3x floor: {'ok' if ok_ratio else 'MISSED'} ({load[0] / floor[0]:.1f}x)")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
