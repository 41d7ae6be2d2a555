"""Hand-labelled truth for duplicates and reference codes (``queries/truth/``), read into Python.

Everything is keyed by ``(file name, row number)``: the inventory file's name (``aplikasi_kab_magetan.csv``)
and the row number the loaders store as ``spbe:nomorBaris`` (the record number as a spreadsheet shows it,
header included, so the first data row of a CSV is 2). No name, description or URL of an inventory is
stored in the truth files; they point at rows only. The labelling rules are in ``docs/labelling.md``,
the files in ``queries/truth/README.md``.

* ``<inventory>_labels.csv`` (hand-made): per row the same-application cluster (``app``), the jobs it
  does (``jobs``, ``;``-separated, a trailing ``?`` marks an uncertain membership) and whether the row's
  identity is certain. The pair files are derived from it (``python -m spbe_kg.queries.truth_io``), so
  "same application" is transitive by construction.
* ``<inventory>_pairs.csv`` and ``madiun_magetan_pairs.csv``: every pair labelled ``same-application``
  or ``same-job`` (with ``certain`` ya/tidak); every other pair of labelled rows is ``not``.
* ``<inventory>_codes.csv`` (hand-made): RAB level-3 (primary and alternative), RAL level-3, RAA level-2.

>>> a = RowLabel(("x.csv", 2), "srikandi", (("kearsipan-dinamis", True),), True)
>>> b = RowLabel(("x.csv", 3), "srikandi", (), True)
>>> c = RowLabel(("x.csv", 4), "local-eoffice", (("kearsipan-dinamis", True),), True)
>>> d = RowLabel(("x.csv", 5), "local-numbering", (("kearsipan-dinamis", False),), True)
>>> pair_label(a, b), pair_label(a, c), pair_label(c, d)
(('same-application', True), ('same-job', True), ('same-job', False))
>>> truth = PairTruth.from_labels({r.key: r for r in (a, b, c, d)})
>>> truth.label(("x.csv", 3), ("x.csv", 2)), truth.label(("x.csv", 3), ("x.csv", 5))
('same-application', 'not')
>>> truth.counts()
{'same-application': 1, 'same-job': 3}
>>> truth.is_scored(("x.csv", 4), ("x.csv", 5)), truth.is_scored(("x.csv", 2), ("x.csv", 9))
(False, False)
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations, product
from pathlib import Path

TRUTH_DIR = Path(__file__).resolve().parent / "truth"
SAME_APP, SAME_JOB, NOT = "same-application", "same-job", "not"
YES = ("ya", "yes", "1", "true")

Key = tuple[str, int]  # (inventory file name, row number as spbe:nomorBaris)

# truth name -> the inventory file(s) it labels; the labels/pairs/codes files follow the name.
INVENTORIES = {"madiun": "aplikasi_opd_kab_madiun.csv", "magetan": "aplikasi_kab_magetan.csv"}
CROSS = {"madiun_magetan": ("madiun", "magetan")}


@dataclass(frozen=True)
class RowLabel:
    key: Key
    app: str
    jobs: tuple[tuple[str, bool], ...] = ()  # (job id, membership certain)
    certain: bool = True  # False: the row's identity is doubtful, every pair touching it is left out of scores
    note: str = ""


@dataclass(frozen=True)
class Codes:
    rab3: str | None  # None: not an application, or its function cannot be told
    rab3_alt: str | None
    ral3: str | None
    raa2: str | None

    @property
    def is_application(self) -> bool:
        return self.rab3 is not None

    def rab3_accepts(self, code: str) -> bool:
        """A suggested RAB level-3 code is right when it is the primary or the alternative code."""
        return code in (self.rab3, self.rab3_alt) and code is not None


def _none(v: str | None) -> str | None:
    v = (v or "").strip()
    return None if v in ("", "none", "-") else v


def _jobs(cell: str) -> tuple[tuple[str, bool], ...]:
    out = []
    for j in (cell or "").split(";"):
        j = j.strip()
        if j:
            out.append((j.rstrip("?"), not j.endswith("?")))
    return tuple(out)


def read_labels(path: Path) -> dict[Key, RowLabel]:
    """``file,row,app,jobs,certain,note`` rows -> {key: RowLabel}."""
    out: dict[Key, RowLabel] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            key = (line["file"].strip(), int(line["row"]))
            if key in out:
                raise ValueError(f"{Path(path).name}: row {key[1]} of {key[0]} labelled twice")
            out[key] = RowLabel(key, line["app"].strip(), _jobs(line.get("jobs", "")),
                                (line.get("certain") or "ya").strip().lower() in YES, (line.get("note") or "").strip())
    return out


def pair_label(a: RowLabel, b: RowLabel) -> tuple[str, bool]:
    """(label, certain) of two labelled rows: same cluster -> same-application; a shared job -> same-job."""
    sure = a.certain and b.certain
    if a.app == b.app:
        return SAME_APP, sure
    ja, jb = dict(a.jobs), dict(b.jobs)
    shared = ja.keys() & jb.keys()
    if not shared:
        return NOT, sure
    return SAME_JOB, sure and any(ja[j] and jb[j] for j in shared)


def _ordered(a: Key, b: Key) -> tuple[Key, Key]:
    return (a, b) if a <= b else (b, a)


@dataclass
class PairTruth:
    """Labelled pairs over a universe of labelled rows; pairs not listed are ``not``."""

    pairs: dict[tuple[Key, Key], tuple[str, bool]] = field(default_factory=dict)
    universe: set[Key] = field(default_factory=set)
    doubtful_rows: set[Key] = field(default_factory=set)
    cross: tuple[set[Key], set[Key]] | None = None  # for a cross-inventory truth: only pairs across the two sides

    @classmethod
    def from_labels(cls, left: dict[Key, RowLabel], right: dict[Key, RowLabel] | None = None) -> PairTruth:
        rows = list(left.values()) if right is None else [*left.values(), *right.values()]
        t = cls(universe={r.key for r in rows}, doubtful_rows={r.key for r in rows if not r.certain},
                cross=None if right is None else (set(left), set(right)))
        it = combinations(sorted(left.values(), key=lambda r: r.key), 2) if right is None else product(
            sorted(left.values(), key=lambda r: r.key), sorted(right.values(), key=lambda r: r.key))
        for a, b in it:
            label, sure = pair_label(a, b)
            if label != NOT:
                t.pairs[_ordered(a.key, b.key)] = (label, sure)
        return t

    def label(self, a: Key, b: Key) -> str:
        return self.pairs.get(_ordered(a, b), (NOT, True))[0]

    def in_scope(self, a: Key, b: Key) -> bool:
        if a == b or a not in self.universe or b not in self.universe:
            return False
        if self.cross is not None:
            left, right = self.cross
            return (a in left and b in right) or (a in right and b in left)
        return True

    def is_scored(self, a: Key, b: Key) -> bool:
        """In scope, both rows certain, and the pair's own label certain: count it in precision and recall."""
        if not self.in_scope(a, b) or a in self.doubtful_rows or b in self.doubtful_rows:
            return False
        return self.pairs.get(_ordered(a, b), (NOT, True))[1]

    def counts(self, *, certain_only: bool = False) -> dict[str, int]:
        c = Counter(lbl for (lbl, sure) in self.pairs.values() if sure or not certain_only)
        return dict(sorted(c.items()))

    def write(self, path: Path) -> None:
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            if self.cross is None:
                w.writerow(["file", "row_a", "row_b", "label", "certain"])
                for (a, b), (lbl, sure) in sorted(self.pairs.items()):
                    w.writerow([a[0], a[1], b[1], lbl, "ya" if sure else "tidak"])
            else:
                w.writerow(["file_a", "row_a", "file_b", "row_b", "label", "certain"])
                left = self.cross[0]
                for (a, b), (lbl, sure) in sorted(self.pairs.items(), key=lambda kv: _by_side(kv[0], left)):
                    a, b = _by_side((a, b), left)
                    w.writerow([a[0], a[1], b[0], b[1], lbl, "ya" if sure else "tidak"])


def _by_side(p: tuple[Key, Key], left: set[Key]) -> tuple[Key, Key]:
    return p if p[0] in left else (p[1], p[0])


def read_pairs(path: Path) -> dict[tuple[Key, Key], tuple[str, bool]]:
    """A pairs file -> {(key_a, key_b) ordered: (label, certain)}; reads the per-inventory and the cross layout."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            fa = (line.get("file_a") or line.get("file") or "").strip()
            fb = (line.get("file_b") or line.get("file") or "").strip()
            a, b = (fa, int(line["row_a"])), (fb, int(line["row_b"]))
            lbl = line["label"].strip()
            if lbl not in (SAME_APP, SAME_JOB):
                raise ValueError(f"{Path(path).name}: unknown label {lbl!r} (row {line['row_a']}-{line['row_b']})")
            out[_ordered(a, b)] = (lbl, (line.get("certain") or "ya").strip().lower() in YES)
    return out


def read_codes(path: Path) -> dict[Key, Codes]:
    """``file,row,rab3,rab3_alt,ral3,raa2`` -> {key: Codes}; ``none`` becomes None."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            key = (line["file"].strip(), int(line["row"]))
            out[key] = Codes(_none(line["rab3"]), _none(line.get("rab3_alt")), _none(line.get("ral3")),
                             _none(line.get("raa2")))
    return out


def read_split(path: Path | None = None) -> dict[str, str]:
    """Truth name -> ``dev`` or ``heldout`` (queries/truth/split.csv)."""
    with open(path or TRUTH_DIR / "split.csv", newline="", encoding="utf-8") as f:
        return {line["truth"].strip(): line["split"].strip() for line in csv.DictReader(f)}


def read_bmkg_raa(path: Path) -> dict[Key, str | None]:
    """RAA level-2 codes the BMKG inventory itself declares (None where its level-2 cell is not a code)."""
    out: dict[Key, str | None] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for n, line in enumerate(csv.DictReader(f), start=2):
            v = (line.get("raa_l2_comment") or "").strip()
            out[(Path(path).name, n)] = v if v.startswith("RAA.") else None
    return out


def labels(name: str, truth_dir: Path = TRUTH_DIR) -> dict[Key, RowLabel]:
    return read_labels(truth_dir / f"{name}_labels.csv")


def codes(name: str, truth_dir: Path = TRUTH_DIR) -> dict[Key, Codes]:
    return read_codes(truth_dir / f"{name}_codes.csv")


def pair_truth(name: str, truth_dir: Path = TRUTH_DIR) -> PairTruth:
    """The pair truth of ``madiun``, ``magetan`` or ``madiun_magetan``, derived from the label files."""
    if name in CROSS:
        left, right = CROSS[name]
        return PairTruth.from_labels(labels(left, truth_dir), labels(right, truth_dir))
    return PairTruth.from_labels(labels(name, truth_dir))


def write_all(truth_dir: Path = TRUTH_DIR) -> dict[str, dict[str, int]]:
    """Re-derive every ``*_pairs.csv`` from the label files; returns the counts per file."""
    out = {}
    for name in (*INVENTORIES, *CROSS):
        t = pair_truth(name, truth_dir)
        t.write(truth_dir / f"{name}_pairs.csv")
        out[name] = t.counts()
    return out


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    for name, c in write_all().items():
        print(name, c)
