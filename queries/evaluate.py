"""Pair precision and recall of the duplicate finder against a labelled truth set.

A truth file is a CSV with one line per source row: ``baris`` (row number as the spreadsheet shows it),
``kelompok`` (rows with the same value are the same application) and optionally ``yakin`` ("ya"/"tidak":
pairs touching a row whose label is uncertain are left out of the score) and ``berkas`` (file name).
Predicted pairs are all record pairs inside one "satu-aplikasi-banyak-pencatat" cluster.

>>> truth = {(2, 3), (2, 4), (3, 4)}
>>> score({(2, 3), (5, 6)}, truth)
(0.5, 0.3333333333333333)
"""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from .recommend import SAME_APP


def read_truth(path: Path, *, group_col: str = "kelompok", row_col: str = "baris") -> tuple[set[tuple[int, int]], set[int]]:
    """(truth pairs of row numbers, uncertain rows) from a truth CSV."""
    groups: dict[str, list[int]] = defaultdict(list)
    doubtful: set[int] = set()
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            row = int(line[row_col])
            groups[line[group_col]].append(row)
            if (line.get("yakin") or "ya").strip().lower() not in ("ya", "yes", "1", "true"):
                doubtful.add(row)
    pairs = {tuple(sorted(p)) for g in groups.values() for p in combinations(sorted(set(g)), 2)}
    return pairs, doubtful


def predicted_pairs(report, *, file: str | None = None) -> set[tuple[int, int]]:
    """Row-number pairs the report says are the same application (optionally only rows of one file)."""
    out = set()
    for c in report.clusters:
        if c.kind != SAME_APP:
            continue
        rows = sorted({m.record.row for m in c.members if m.record.row is not None and (file is None or m.record.file == file)})
        out.update(combinations(rows, 2))
    return out


def score(pred: set[tuple[int, int]], truth: set[tuple[int, int]], doubtful: set[int] = frozenset()) -> tuple[float, float]:
    keep = lambda S: {p for p in S if p[0] not in doubtful and p[1] not in doubtful}  # noqa: E731
    P, T = keep(pred), keep(truth)
    tp = len(P & T)
    return (tp / len(P) if P else 1.0), (tp / len(T) if T else 1.0)
