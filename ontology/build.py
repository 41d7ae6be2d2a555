"""Build everything under ``ontology/``: the OWL ontology, the SKOS code lists and enumerations, and the
national applications (``make ontology``).

    python -m spbe_kg.ontology.build [--reference DIR]

The reference directory defaults to env ``SPBE_REFERENCE_DIR`` or ``../shared/reference``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build_codelists, build_national, build_ontology
from .build_codelists import CodeListError


def build_all(ref_dir: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Run the three builders; returns every file written."""
    written = [build_ontology.build(out_dir / "spbe.ttl" if out_dir else None)]
    written += build_codelists.build(ref_dir, out_dir)
    written.append(build_national.build(ref_dir, out_dir / "aplikasi-nasional.ttl" if out_dir else None))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the SPBE ontology, code lists and national applications.")
    ap.add_argument("--reference", type=Path, default=None, help="directory of the reference CSVs")
    ap.add_argument("-o", "--output-dir", type=Path, default=None, help="default: the ontology package folder")
    args = ap.parse_args(argv)
    try:
        for p in build_all(args.reference, args.output_dir):
            print(p)
    except CodeListError as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
