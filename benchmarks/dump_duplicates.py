"""Canonical dump of a whole duplicate analysis, to check that a speed change leaves the result identical.

``python -m spbe_kg.benchmarks.dump_duplicates SOURCE -o OUT.jsonl`` runs ``spbe_kg.queries.duplicates.analyse``
on SOURCE and writes every part of its result as sorted JSON lines: the records as read, the code
suggestions (scores, ranks, evidence), the scored pairs (evidence kinds, values, strengths; identity /
function / guard flags), the clusters (members, groups, dispositions, recommendation, evidence, score)
and the counts. Two runs of different code on the same input must give byte-identical files (``cmp``).

SOURCE is one of:

* ``example``: the bundled Sumatera Utara example inventory (``examples/sumut``), in a memory store;
* ``national:N``: the synthetic national inventory of ``spbe_kg.benchmarks.generate`` (N rows, seed 7),
  loaded into a memory store (``--store DIR`` keeps it on disk and reuses it on the next run);
* ``csv:PATH``: one inventory file (e.g. a real census; read where it lies, never copied; ``--instansi``
  names its pemda when it has no pemda column);
* ``store:DIR``: an existing on-disk embedded store.

``--mode job+evidence`` runs the analysis with ``dup_function_mode="job+evidence"`` (the other clustering).
Each dump runs in its own process: the lexicon's caches are per process, so a dump never depends on an
earlier one. The process runs with ``PYTHONHASHSEED=0`` (re-executed when unset; ``--hash-seed`` picks
another): the analysis must not depend on the order of Python's sets, and dumps under two seeds show
where it does.

>>> rows = dump_lines(analyse_records_report([]))
>>> rows[-1]
'{"counts": {"candidates": 0, "clusters": 0, "pairs": 0, "records": 0, "suggestions": 0}}'
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def _pair(p, iri) -> dict:
    return {"a": iri[p.a], "b": iri[p.b], "identity": p.identity, "function": p.function, "guarded": p.guarded,
            "score": p.score, "evidence": [[e.kind, e.value, e.strength, e.weight] for e in p.evidence]}


def dump_lines(report, scored=None) -> list[str]:
    """Every part of a ``DuplicateReport`` as canonical JSON lines (sorted within each section); ``scored``:
    every scored pair of the pass (default: the pairs held by the clusters)."""
    iri = [r.iri for r in report.records]
    out: list[str] = []

    def emit(section: str, items: list[dict]) -> None:
        out.extend(sorted(json.dumps({section: x}, sort_keys=True, ensure_ascii=False) for x in items))

    emit("record", [{k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(r).items()} for r in report.records])
    emit("suggestion", [{"app": s.app, "scheme": s.scheme, "code": s.code, "score": s.score, "rank": s.rank,
                         "evidence": s.evidence, "method": s.method, "version": s.version} for s in report.suggestions])
    pairs = {id(p): p for c in report.clusters for p in c.pairs}
    emit("cluster", [{"id": c.id, "kind": c.kind, "score": c.score, "evidence": c.evidence, "decision": c.decision,
                      "members": sorted([m.record.iri, m.group, m.disposition, m.reason] for m in c.members),
                      "pairs": sorted(json.dumps(_pair(p, iri), sort_keys=True) for p in c.pairs),
                      "target": [c.recommendation.target_iri, c.recommendation.target_name, c.recommendation.rationale]}
                     for c in report.clusters])
    emit("order", [{"clusters": [c.id for c in report.clusters]}])
    emit("pair", [_pair(p, iri) for p in (pairs.values() if scored is None else scored)])
    out.append(json.dumps({"counts": {"records": report.n_records, "candidates": report.n_candidates,
                                      "pairs": report.n_pairs, "clusters": len(report.clusters),
                                      "suggestions": len(report.suggestions)}}, sort_keys=True))
    return out


def analyse_records_report(records):
    from spbe_kg.queries.duplicates import analyse_records
    from spbe_kg.settings import Settings

    return analyse_records(records, [], Settings())


def _load(store, files, **kw):
    from spbe_kg.loaders.api import convert_files, load_into_store
    from spbe_kg.settings import Settings

    settings = Settings(store="memory")
    load_into_store(store, convert_files(files, settings=settings, partial=True, **kw), settings=settings)
    return store


def open_source(source: str, store_dir: Path | None, instansi: str | None = None):
    from spbe_kg.service.store.embedded import EmbeddedStore

    kind, _, arg = source.partition(":")
    if kind == "store":
        return EmbeddedStore(arg, read_only=True)
    if store_dir is not None and (store_dir / "done").is_file():
        return EmbeddedStore(store_dir, read_only=True)
    if kind == "example":
        root = Path(__file__).resolve().parents[1] / "examples" / "sumut"
        files = sorted(root.glob("*.xlsx")) + sorted(root.glob("aplikasi_*.csv"))
    elif kind == "csv":
        files = [Path(arg)]
    elif kind == "national":
        from spbe_kg.benchmarks import generate

        tmp = Path(tempfile.mkdtemp(prefix="dump-dup-"))
        written = generate.write(tmp, int(arg), 7)
        files = [p for p in written if p.name.startswith("inventaris")]
    else:
        raise SystemExit(f"unknown source {source!r}: example, national:N, csv:PATH or store:DIR")
    kw = {"instansi": instansi} if instansi else {}
    if store_dir is None:
        return _load(EmbeddedStore(None), files, **kw)
    store = _load(EmbeddedStore(store_dir), files, **kw)
    store.close()
    (store_dir / "done").write_text(source)
    return EmbeddedStore(store_dir, read_only=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="dump_duplicates", description=__doc__.split("\n")[0])
    ap.add_argument("source")
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--store", type=Path, help="keep the loaded store in this directory (reused when present)")
    ap.add_argument("--mode", choices=["job", "job+evidence"], default="job")
    ap.add_argument("--hash-seed", default="0")
    ap.add_argument("--instansi", help="the pemda of a csv without a pemda column (loader's --instansi)")
    args = ap.parse_args(argv)
    if os.environ.get("PYTHONHASHSEED") != args.hash_seed:
        env = {**os.environ, "PYTHONHASHSEED": args.hash_seed}
        argv = sys.argv[1:] if argv is None else argv
        os.execve(sys.executable, [sys.executable, "-m", "spbe_kg.benchmarks.dump_duplicates", *argv], env)
    from spbe_kg.queries import duplicates
    from spbe_kg.queries.duplicates import analyse
    from spbe_kg.settings import Settings

    store = open_source(args.source, args.store, args.instansi)
    scored: list = []
    score_pairs = duplicates.score_pairs

    def keep(*a, **kw):  # every scored pair of the pass, not only those the clusters hold
        scored.extend(score_pairs(*a, **kw))
        return scored

    duplicates.score_pairs = keep  # type: ignore[assignment]
    t = time.perf_counter()
    report = analyse(store, Settings(dup_function_mode=args.mode))
    secs = time.perf_counter() - t
    lines = dump_lines(report, scored)
    text = "\n".join(lines) + "\n"
    args.out.write_text(text, encoding="utf-8")
    steps = ", ".join(f"{k} {v:.2f}" for k, v in report.seconds.items())
    print(f"{args.out}: {len(lines)} lines, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}; "
          f"analyse {secs:.2f} s ({steps})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
