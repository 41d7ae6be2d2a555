"""Build everything under ``ontology/``: the OWL ontology, the SKOS code lists and enumerations, and the
national applications (``make ontology``).

    python -m spbe_kg.ontology.build [--reference DIR]

The reference CSVs are bundled in ``ontology/sources``; ``--reference DIR`` or env ``SPBE_REFERENCE_DIR``
overrides them (a CSV found there replaces the bundled one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ONTOLOGY_DIR, build_codelists, build_national, build_ontology
from .build_codelists import CodeListError
from .terms import TermTableError


def build_all(ref_dir: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Run the three builders; returns every file written.

    Every input is read and checked before anything is written, so a bad CSV leaves the folder as it was.
    """
    from rdflib import URIRef

    from .meta import write_turtle
    from .namespaces import ONTOLOGY_IRI

    planned = [("spbe.ttl", build_ontology.build_graph(), {URIRef(ONTOLOGY_IRI)}, build_ontology.SCRIPT)]
    planned += [(n, g, first, build_codelists.SCRIPT) for n, g, first in build_codelists.graphs(ref_dir)]
    planned.append(("aplikasi-nasional.ttl", build_national.graph(ref_dir), set(), build_national.SCRIPT))
    out_dir = out_dir or ONTOLOGY_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_turtle(g, out_dir / name, script, first=first) for name, g, first, script in planned]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the SPBE ontology, code lists and national applications.")
    ap.add_argument("--reference", type=Path, default=None, help="directory of the reference CSVs")
    ap.add_argument("-o", "--output-dir", type=Path, default=None, help="default: the ontology package folder")
    args = ap.parse_args(argv)
    try:
        for p in build_all(args.reference, args.output_dir):
            print(p)
    except (CodeListError, TermTableError) as e:
        print(f"galat: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"galat: tidak dapat menulis {e.filename}: {e.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
