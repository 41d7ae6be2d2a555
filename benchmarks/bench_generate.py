"""Benchmark of the synthetic inventory generator (``python -m spbe_kg.benchmarks.bench_generate --apps 27000``).

Target: 27,000 application rows in a few seconds. Peers measured in the same run: writing the very
same rows with the standard csv module alone (the I/O floor) and as an xlsx with openpyxl's
write-only mode (why the national inventory is csv), plus the bundled Sumatera Utara example.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from spbe_kg.benchmarks import example_inventory, generate
from spbe_kg.benchmarks.layouts import LAYOUT2_HEADERS


def _timed(fn):
    """(wall seconds, cpu seconds, result): the machine is shared, so CPU time is the steadier figure."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return (time.perf_counter() - t0, time.process_time() - c0), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="bench_generate", description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=generate.NATIONAL_APPS)
    ap.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    args = ap.parse_args(argv)
    n = args.apps
    results: list[tuple[str, tuple[float, float], str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        t, g = _timed(lambda: generate.generate(n, args.seed))
        results.append((f"generate {n} rows + ground truth (in memory)", t, f"{n / t[1]:,.0f} rows/cpu-s"))
        t, files = _timed(lambda: generate.write(d / "csv", n, args.seed, truth=True))
        size = sum(p.stat().st_size for p in files) / 1e6
        results.append((f"generate + write csv and truth ({size:.1f} MB)", t, f"{n / t[1]:,.0f} rows/cpu-s"))

        def plain_csv():
            with (d / "plain.csv").open("w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=LAYOUT2_HEADERS, lineterminator="\n")
                w.writeheader()
                w.writerows(g.rows)

        t, _ = _timed(plain_csv)
        results.append(("peer: csv.DictWriter of the same rows only", t, f"{n / t[1]:,.0f} rows/cpu-s"))

        def xlsx():
            wb = Workbook(write_only=True)
            ws = wb.create_sheet("aplikasi")
            ws.append(LAYOUT2_HEADERS)
            for r in g.rows:
                ws.append([r[h] for h in LAYOUT2_HEADERS])
            wb.save(d / "same.xlsx")

        t, _ = _timed(xlsx)
        results.append(("peer: openpyxl write-only xlsx of the same rows", t, f"{n / t[1]:,.0f} rows/cpu-s"))
        t, counts = _timed(lambda: example_inventory.write_all(d / "sumut"))
        results.append((f"bundled Sumut example ({counts['aplikasi']} rows, xlsx + csv + truth)", t, ""))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{'what':<64} {'wall s':>7} {'cpu s':>7}  rate")
    print("-" * 100)
    for what, (wall, cpu), rate in results:
        print(f"{what:<64} {wall:7.2f} {cpu:7.2f}  {rate}")
    print(f"\npeak RSS of this process: {peak:.0f} MB; python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
