"""``spbe duplicates evaluate [--truth-dir DIR] [--inventories DIR] [--set NAME] [--format table|json]``.

For every truth set of ``queries/truth/split.csv`` (labelling rules: docs/labelling.md) the inventory
files it labels are loaded into a fresh in-memory store with the real loaders (the pemda name is read from
the file name: ``..._kab_madiun.csv`` -> "Pemerintah Kabupaten Madiun"; override with
``--instansi FILE=NAME``), the duplicate finder and the code suggester run, and the figures are printed
per set, dev and held-out apart: pair precision/recall per kind and overall, RAB/RAL top-1/top-3 and
RAA top-1 code accuracy. Inventory files are looked up under ``--inventories`` (default ``../shared/inventories``,
searched recursively). Exit 0 when it ran, 2 when a file is missing.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from .common import CliError, h, settings_of

_PLACE = re.compile(r"(kab|kabupaten|kota|prov|provinsi)_([a-z0-9_]+?)(?:_\d{4})?$")
_KIND = {"kab": "Kabupaten", "kabupaten": "Kabupaten", "kota": "Kota", "prov": "Provinsi", "provinsi": "Provinsi"}


def add_args(p, lang: str) -> None:
    p.add_argument("--truth-dir", type=Path, metavar=h("metavar_dir", lang), help=h("opt_eval_truth", lang))
    p.add_argument("--inventories", type=Path, metavar=h("metavar_dir", lang), help=h("opt_eval_inventories", lang))
    p.add_argument("--set", action="append", default=[], metavar=h("metavar_name", lang), help=h("opt_eval_set", lang))
    p.add_argument("--instansi", action="append", default=[], metavar=h("metavar_file", lang) + "=" + h("metavar_name", lang),
                   help=h("opt_eval_instansi", lang))


def instansi_for(filename: str) -> str | None:
    """Pemda name from an inventory file name.

    >>> instansi_for("aplikasi_opd_kab_madiun.csv"), instansi_for("aplikasi_kota_batu.xlsx")
    ('Pemerintah Kabupaten Madiun', 'Pemerintah Kota Batu')
    """
    m = _PLACE.search(Path(filename).stem.lower())
    if not m:
        return None
    return f"Pemerintah {_KIND[m.group(1)]} " + " ".join(w.capitalize() for w in m.group(2).split("_"))


def _find(name: str, root: Path) -> Path:
    hits = sorted(root.rglob(name))
    if not hits:
        raise CliError(h("eval_missing", "id", name=name, root=root) + " / " + h("eval_missing", "en", name=name, root=root), 2)
    return hits[0]


def load_files(files, root: Path, overrides: dict[str, str], st):
    """A fresh in-memory store holding ``files`` (found under ``root``), loaded by the real loaders."""
    from spbe_kg.loaders.api import convert_files, load_into_store
    from spbe_kg.service.store.embedded import EmbeddedStore

    store = EmbeddedStore(None)
    for name in files:
        inst = overrides.get(name) or instansi_for(name)
        res = convert_files([_find(name, root)], settings=st, partial=True, instansi=inst)
        load_into_store(store, res, settings=st)
    return store


def evaluate_all(settings, truth_dir: Path | None = None, inventories: Path | None = None, only=(), overrides=None):
    """[(truth set, pair scores, code scores, seconds)] for every truth set (or the ``only`` ones)."""
    import time

    from spbe_kg.queries import quality
    from spbe_kg.queries.duplicates import analyse

    truth_dir = truth_dir or quality.TRUTH_DIR
    if not (truth_dir / "split.csv").is_file():
        raise CliError(h("eval_missing", "id", name="split.csv", root=truth_dir) + " (docs/labelling.md)", 2)
    root = inventories or (Path(__file__).resolve().parents[2].parent / "shared" / "inventories")
    out = []
    for ts in quality.read_sets(truth_dir):
        if only and ts.name not in only:
            continue
        store = load_files(ts.files, root, overrides or {}, settings)
        t0 = time.perf_counter()
        report = analyse(store, settings)
        secs = time.perf_counter() - t0
        pairs = quality.pair_scores(ts, quality.predicted(report, ts.rows, cross=ts.cross))
        codes = quality.code_scores(ts, report.records, report.suggestions)
        out.append((ts, pairs, codes, secs))
        store.close()
    return out


def run(args) -> int:
    settings = settings_of(args)
    overrides = dict(x.split("=", 1) for x in args.instansi if "=" in x)
    results = evaluate_all(settings, args.truth_dir, args.inventories, tuple(args.set), overrides)
    if args.format == "json":
        obj = [{"set": ts.name, "split": ts.split, "files": list(ts.files),
                "pairs": {k: dict(zip(("precision", "recall", "tp", "predicted", "true"), v)) for k, v in ps.rows.items()},
                "codes": {k: {"accuracy": a, "n": n} for k, (a, n) in cs.items()}} for ts, ps, cs, _ in results]
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return 0
    for split in ("dev", "heldout"):
        for ts, ps, cs, secs in (r for r in results if r[0].split == split):
            print(f"== {ts.name} [{ts.split}] ({', '.join(ts.files)}; {secs:.1f} s)")
            print(f"   {'jenis / kind':<18} {'presisi':>8} {'recall':>8} {'TP':>5} {'pred':>5} {'benar':>6}")
            for k, (p, r, tp, npred, ntrue) in ps.rows.items():
                print(f"   {k:<18} {p:8.3f} {r:8.3f} {tp:5d} {npred:5d} {ntrue:6d}")
            print("   " + "  ".join(f"{k} {a:.3f} (n={n})" for k, (a, n) in cs.items() if n))
    return 0
