"""Benchmark of the ontology area: building the Turtle, loading the reference graph, HermiT, pyLODE.

    python -m spbe_kg.benchmarks.bench_ontology [--apps 27000] [--scales 1000,5000]

Peers measured in the same run:
- parsing the reference Turtle with pyoxigraph (what ``reference_quads`` does) vs rdflib;
- HermiT through owlready2 (``hermit_consistent``: owlready2 parses, re-serialises, runs the jar to
  classify and realise) vs the same jar run directly with the same tasks (no owlready2 round trip) vs
  ``hermit_check`` (the jar with only the consistency and unsatisfiable-class checks, ``-k -U``);
on the reference graph alone, with the real Madiun inventory (if ../shared is present) and with
synthetic inventories of growing size converted by the loaders.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox


def _t(fn, *a, **kw):
    t0 = time.perf_counter()
    out = fn(*a, **kw)
    return time.perf_counter() - t0, out


def _row(*cells) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |", flush=True)


def _hermit_direct(quads) -> float:
    """Seconds for the bundled HermiT jar on an N-Triples file, without owlready2."""
    import owlready2.reasoning as r

    from spbe_kg.ontology.reasoning import hermit_copy

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "in.nt"
        ox.serialize(hermit_copy(quads), p, format=ox.RdfFormat.N_TRIPLES)
        cmd = ["java", f"-Xmx{r.JAVA_MEMORY}M", "-cp", r._HERMIT_CLASSPATH, "org.semanticweb.HermiT.cli.CommandLine",
               "-c", "-O", "-D", "-I", p.as_uri()]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        return time.perf_counter() - t0


def _inventory(n: int, tmp: Path):
    from spbe_kg.benchmarks.generate import write
    from spbe_kg.loaders.api import convert_files
    from spbe_kg.settings import Settings

    files = write(tmp / f"inv{n}", n, seed=7)
    return convert_files(files, settings=Settings(store="memory"), partial=True).quads


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--apps", type=int, default=27_000, help="largest synthetic inventory for HermiT")
    ap.add_argument("--scales", default="1000,5000", help="smaller inventory sizes, comma separated")
    args = ap.parse_args(argv)

    import rdflib

    from spbe_kg.ontology import turtle_files
    from spbe_kg.ontology.build import build_all
    from spbe_kg.ontology.docs import ontology_html
    from spbe_kg.ontology.reasoning import hermit_check, hermit_consistent
    from spbe_kg.ontology.reference import ensure_reference, reference_quads
    from spbe_kg.service.store.embedded import EmbeddedStore

    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; pyoxigraph {ox.__version__}; "
          f"rdflib {rdflib.__version__}")
    print("\n| step | peer / variant | seconds | result |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        out = tmp / "out"
        out.mkdir()
        sec, written = _t(build_all, None, out)
        _row("make ontology (3 builders)", "-", f"{sec:.2f}", f"{len(written)} Turtle files")

        files = turtle_files()
        sec_ox, n_ox = _t(lambda: sum(1 for p in files for _ in ox.parse(path=str(p), format=ox.RdfFormat.TURTLE)))
        _row("parse reference Turtle", "pyoxigraph", f"{sec_ox:.3f}", f"{n_ox} triples")
        sec_rl, g = _t(lambda: [rdflib.Graph().parse(p, format="turtle") for p in files])
        _row("parse reference Turtle", "rdflib (peer)", f"{sec_rl:.3f}", f"{sum(len(x) for x in g)} triples "
             f"({sec_rl / sec_ox:.0f}x slower)")

        store = EmbeddedStore(tmp / "store")
        sec, _ = _t(ensure_reference, store)
        _row("ensure_reference, empty on-disk store", "pyoxigraph", f"{sec:.3f}", "loaded")
        sec, loaded = _t(ensure_reference, store)
        _row("ensure_reference, already current", "pyoxigraph", f"{sec:.4f}", "reloaded" if loaded else "no-op")
        store.close()

        sec, html = _t(ontology_html)
        _row("pyLODE HTML", "-", f"{sec:.2f}", f"{len(html) // 1024} KiB")

        ref = reference_quads()
        cases: list[tuple[str, list]] = [("reference graph", [])]
        madiun = Path(os.environ.get("SPBE_SHARED_DIR", Path(__file__).resolve().parents[1].parent / "shared"))
        madiun = madiun / "inventories" / "madiun" / "aplikasi_opd_kab_madiun.csv"
        if madiun.is_file():
            from spbe_kg.loaders.api import convert_files
            from spbe_kg.settings import Settings

            q = convert_files([madiun], settings=Settings(store="memory"), instansi="Pemerintah Kabupaten Madiun",
                              partial=True).quads
            cases.append(("+ Madiun inventory (186 rows)", q))
        scales = [int(s) for s in args.scales.split(",") if s.strip()]
        for n in sorted(set(scales + [args.apps])):
            sec, q = _t(_inventory, n, tmp)
            cases.append((f"+ synthetic {n} apps", q))
        for label, extra in cases:
            quads = ref + extra
            sec, (ok, msg) = _t(hermit_consistent, quads)
            _row(f"HermiT, {label}", "owlready2", f"{sec:.2f}", f"{len(quads)} triples, "
                 f"{'consistent' if ok else 'INCONSISTENT: ' + msg}")
            try:
                sec = _hermit_direct(quads)
                _row(f"HermiT, {label}", "jar direct, same tasks (peer)", f"{sec:.2f}", "classify + realise")
            except subprocess.CalledProcessError as e:
                _row(f"HermiT, {label}", "jar direct (peer)", "-", f"failed: {e.stderr[-200:]!r}")
            sec, (ok, msg) = _t(hermit_check, quads)
            _row(f"HermiT, {label}", "hermit_check (-k -U)", f"{sec:.2f}",
                 "consistent" if ok else "INCONSISTENT: " + msg)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak RSS: python {peak:.0f} MiB, largest child (java) {kids:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
