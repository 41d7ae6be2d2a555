"""Pair precision and recall of the duplicate finder against a labelled truth set.

A truth file is a CSV with one line per source row, naming the row by the columns in ``key`` (e.g.
``baris``, or ``berkas, lembar, baris``), a group column (rows with the same non-empty value are the
same application) and optionally ``yakin`` ("ya"/"tidak": pairs touching a row whose label is uncertain
are left out of the score). Predicted pairs are all record pairs inside one
"satu-aplikasi-banyak-pencatat" cluster, keyed the same way from the records' provenance.

>>> truth = {((2,), (3,)), ((2,), (4,)), ((3,), (4,))}
>>> score({((2,), (3,)), ((5,), (6,))}, truth)
(0.5, 0.3333333333333333)
"""

from __future__ import annotations

import csv
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from .recommend import SAME_APP

FIELDS = {"berkas": "file", "lembar": "sheet", "baris": "row"}


def _key(values: dict, key: tuple[str, ...]) -> tuple:
    return tuple(int(values[k]) if k == "baris" else (values[k] or None) for k in key)


def read_truth(path: Path, *, group_col: str = "kelompok", key: tuple[str, ...] = ("baris",)):
    """(truth pairs of row keys, uncertain row keys, every labelled row key) from a truth CSV."""
    groups: dict[str, list[tuple]] = defaultdict(list)
    doubtful: set[tuple] = set()
    rows: set[tuple] = set()
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            k = _key(line, key)
            g = (line.get(group_col) or "").strip()
            if not g:
                continue  # not an application (placeholder row)
            rows.add(k)
            groups[g].append(k)
            if (line.get("yakin") or "ya").strip().lower() not in ("ya", "yes", "1", "true"):
                doubtful.add(k)
    pairs = {tuple(sorted(p)) for g in groups.values() for p in combinations(sorted(set(g)), 2)}
    return pairs, doubtful, rows


def predicted_pairs(report, *, key: tuple[str, ...] = ("baris",), rows: set | None = None) -> set:
    """Row-key pairs the report says are the same application (only labelled rows, when ``rows`` is given)."""
    out: set[tuple] = set()
    for c in report.clusters:
        if c.kind != SAME_APP:
            continue
        keys = set()
        for m in c.members:
            if m.record.row is None:
                continue
            k = tuple(getattr(m.record, FIELDS[f]) for f in key)
            if rows is None or k in rows:
                keys.add(k)
        out.update(combinations(sorted(keys), 2))
    return out


def score(pred: set, truth: set, doubtful: set | frozenset = frozenset()) -> tuple[float, float]:
    keep = lambda S: {p for p in S if p[0] not in doubtful and p[1] not in doubtful}  # noqa: E731
    P, T = keep(pred), keep(truth)
    tp = len(P & T)
    return (tp / len(P) if P else 1.0), (tp / len(T) if T else 1.0)
