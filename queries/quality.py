"""Measured quality on hand-labelled inventories: pair precision/recall per kind, code top-1/top-3 accuracy.

Truth files (``queries/truth/``, labelling rules in docs/labelling.md):

* ``split.csv`` — ``truth,inventory_files,split,reason``: one line per truth set, the inventory files it
  labels (``;``-separated) and whether it is ``dev`` (rules may be tuned on it) or ``heldout`` (measured only);
* ``{set}_pairs.csv`` — positive pairs: ``file,row_a,row_b,label,certain`` (one file) or
  ``file_a,row_a,file_b,row_b,label,certain`` (across files), ``label`` ``same-application`` or ``same-job``;
  every other pair of labelled rows is "not"; a pair with ``certain`` = ``tidak`` is left out of the score;
* ``{name}_codes.csv`` — ``file,row,rab3,rab3_alt,ral3,raa2`` per labelled row (``none`` = no code; a row
  listed here is a labelled row).

Predicted pairs: same-application = two records in one ``satu-aplikasi-banyak-pencatat`` cluster;
same-job = two records of different identity groups in one ``aplikasi-berbeda-fungsi-sama`` cluster.
"Overall" counts a pair as found when it is predicted as either kind and labelled as either kind.
Code accuracy: the rank-1 suggestion (or the declared code) equals the label (top-1), or the label is
among the first three (top-3); ``rab3_alt`` is the second acceptable label (reported as "top-1 (alt ok)").

>>> prf({(1, 2), (3, 4)}, {(1, 2)})
(0.5, 1.0, 1)
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from .recommend import SAME_APP, SAME_FUNCTION

KINDS = ("same-application", "same-job")
TRUTH_DIR = Path(__file__).resolve().parent / "truth"

Row = tuple[str, int]  # (file name, row number)


def _pair(a: Row, b: Row) -> tuple[Row, Row]:
    return (a, b) if a <= b else (b, a)


@dataclass
class TruthSet:
    name: str
    files: tuple[str, ...]
    split: str
    pairs: dict[str, set] = field(default_factory=dict)  # kind -> pairs
    doubtful: set = field(default_factory=set)  # pairs left out
    rows: set[Row] = field(default_factory=set)
    codes: dict[Row, dict[str, str]] = field(default_factory=dict)

    @property
    def cross(self) -> bool:
        return len(self.files) > 1


def _yes(v: str | None) -> bool:
    return (v or "ya").strip().lower() in ("ya", "yes", "1", "true")


def read_codes(path: Path) -> dict[Row, dict[str, str]]:
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            out[(line["file"], int(line["row"]))] = {k: (line.get(k) or "none").strip() for k in ("rab3", "rab3_alt", "ral3", "raa2")}
    return out


def read_sets(truth_dir: Path = TRUTH_DIR) -> list[TruthSet]:
    """Every truth set named in ``split.csv`` that has a pairs file."""
    out = []
    with open(truth_dir / "split.csv", newline="", encoding="utf-8") as f:
        lines = list(csv.DictReader(f))
    codes: dict[Row, dict[str, str]] = {}
    for p in sorted(truth_dir.glob("*_codes.csv")):
        codes.update(read_codes(p))
    for line in lines:
        name = line["truth"].strip()
        pairs_path = truth_dir / f"{name}_pairs.csv"
        if not pairs_path.is_file():
            continue
        files = tuple(x.strip() for x in line["inventory_files"].split(";") if x.strip())
        ts = TruthSet(name, files, line["split"].strip(), {k: set() for k in KINDS})
        ts.rows = {r for r in codes if r[0] in files}
        ts.codes = {r: c for r, c in codes.items() if r[0] in files}
        with open(pairs_path, newline="", encoding="utf-8") as f:
            for line_ in csv.DictReader(f):
                fa = line_.get("file_a") or line_["file"]
                fb = line_.get("file_b") or line_["file"]
                pr = _pair((fa, int(line_["row_a"])), (fb, int(line_["row_b"])))
                if line_["label"] not in KINDS:
                    continue
                if _yes(line_.get("certain")):
                    ts.pairs[line_["label"]].add(pr)
                else:
                    ts.doubtful.add(pr)
        out.append(ts)
    return out


def predicted(report, rows: set[Row], *, cross: bool) -> dict[str, set]:
    """Predicted pairs per kind among ``rows`` (only pairs across files when ``cross``)."""
    out: dict[str, set] = {k: set() for k in KINDS}

    def key(m) -> Row | None:
        r = m.record
        k = (r.file, r.row)
        return k if r.row is not None and k in rows else None

    for c in report.clusters:
        members: list[tuple[Row, int]] = []
        for m in c.members:
            k = key(m)
            if k is not None:
                members.append((k, m.group))
        for (a, ga), (b, gb) in combinations(members, 2):
            if cross and a[0] == b[0]:
                continue
            if c.kind == SAME_APP:
                out["same-application"].add(_pair(a, b))
            elif c.kind == SAME_FUNCTION and ga != gb:
                out["same-job"].add(_pair(a, b))
    out["same-job"] -= out["same-application"]
    return out


def prf(pred: set, truth: set) -> tuple[float, float, int]:
    tp = len(pred & truth)
    return (tp / len(pred) if pred else 1.0), (tp / len(truth) if truth else 1.0), tp


@dataclass
class PairScores:
    rows: dict[str, tuple[float, float, int, int, int]]  # kind|overall -> (P, R, tp, predicted, true)


def pair_scores(ts: TruthSet, pred: dict[str, set]) -> PairScores:
    out = {}
    keep = lambda S: {p for p in S if p not in ts.doubtful}  # noqa: E731
    allp, allt = set(), set()
    for k in KINDS:
        P, T = keep(pred[k]), keep(ts.pairs[k])
        allp |= P
        allt |= T
        p, r, tp = prf(P, T)
        out[k] = (p, r, tp, len(P), len(T))
    p, r, tp = prf(allp, allt)
    out["overall"] = (p, r, tp, len(allp), len(allt))
    return PairScores(out)


def code_scores(ts: TruthSet, records: Sequence, suggestions: Sequence) -> dict[str, tuple[float, int]]:
    """Accuracy -> (value, n) for RAB top-1, top-1 (alt ok), top-3, RAL top-1/top-3, RAA top-1."""
    by_key = {(r.file, r.row): r for r in records if r.row is not None}
    ranked: dict[tuple[str, str], list[str]] = {}
    for s in sorted(suggestions, key=lambda s: (s.app, s.scheme, s.rank)):
        ranked.setdefault((s.app, s.scheme), []).append(s.notation)
    hits = {k: [0, 0] for k in ("RAB top-1", "RAB top-1 (alt ok)", "RAB top-3", "RAL top-1", "RAL top-3", "RAA top-1")}
    for row, lab in ts.codes.items():
        rec = by_key.get(row)
        if rec is None:
            continue
        for scheme, col in (("RAB", "rab3"), ("RAL", "ral3"), ("RAA", "raa2")):
            want = lab[col]
            if want == "none" or not want:
                continue
            declared = [c.rsplit("/", 1)[-1] for c in getattr(rec, scheme.lower(), ())]
            got = declared or ranked.get((rec.iri, scheme), [])
            keys = [f"{scheme} top-1", f"{scheme} top-3"] if scheme != "RAA" else ["RAA top-1"]
            for k in keys:
                n = 1 if k.endswith("top-1") else 3
                hits[k][1] += 1
                hits[k][0] += want in got[:n]
            if scheme == "RAB":
                alt = {want, lab["rab3_alt"]} - {"none"}
                hits["RAB top-1 (alt ok)"][1] += 1
                hits["RAB top-1 (alt ok)"][0] += bool(got[:1] and got[0] in alt)
    return {k: ((h / n if n else 0.0), n) for k, (h, n) in hits.items()}
