"""Run the benchmarks: ``python -m spbe_kg.benchmarks.run [NAME ...]`` (``make bench``).

Each ``benchmarks/bench_<name>.py`` is run in a fresh Python process (so peak-memory figures are
its own) and prints its own table, comparing against a peer measured in the same run.
Names: the part after ``bench_`` (e.g. ``load``, ``validate``, ``sparql``, ``duplicates``, ``admission``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="spbe-bench", description=__doc__)
    ap.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(available())})")
    ap.add_argument("--apps", type=int, default=27_000, help="applications in the synthetic national inventory")
    args, rest = ap.parse_known_args(argv)
    names = args.names or available()
    unknown = set(names) - set(available())
    if unknown:
        print(f"unknown benchmark(s): {', '.join(sorted(unknown))}; available: {', '.join(available())}")
        return 2
    failed = []
    for name in names:
        print(f"\n===== bench_{name} =====", flush=True)
        t0 = time.perf_counter()
        cmd = [sys.executable, "-m", f"spbe_kg.benchmarks.bench_{name}", *rest]
        if "--apps" in (HERE / f"bench_{name}.py").read_text(encoding="utf-8"):
            cmd[3:3] = ["--apps", str(args.apps)]
        rc = subprocess.call(cmd)
        print(f"----- bench_{name}: exit {rc}, {time.perf_counter() - t0:.1f} s wall", flush=True)
        if rc:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
