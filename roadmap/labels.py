"""Every decision is a labelled example: decisions written in the formats the duplicate evaluation reads.

* ``<prefix>_pairs.csv``: ``file,row_a,row_b,label[,file_b]`` (``file`` of a workbook: ``name.xlsx[sheet]``) — label ``same-application`` (a confirmed or
  merged "same application" cluster; records of one application inside a confirmed "same job" cluster),
  ``same-job`` (different applications of a confirmed "same job" cluster) or ``not`` (a rejected pair or
  cluster, the two parts of a split). Readers that treat unlisted pairs as "not" may drop those rows.
  ``file_b`` is set only when the two rows come from different files.
* ``<prefix>_codes.csv``: ``file,row,rab3,rab3_alt,ral3,raa2`` from accepted code decisions
  (``terima-kode``); ``<prefix>_codes_rejected.csv``: ``file,row,code`` from ``tolak-kode``.

Applications are mapped back to their source row through ``spbe:barisSumber`` (an application without
one is counted in ``skipped``). The latest decision about a pair wins.

>>> _code_columns(["https://w3id.org/spbe/ref/RAB.02.01.03", "https://w3id.org/spbe/ref/RAL.02.04.06"])
{'rab3': 'RAB.02.01.03', 'rab3_alt': '', 'ral3': 'RAL.02.04.06', 'raa2': ''}
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from itertools import combinations

from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.queries.recommend import SAME_APP

from .decisions import Decision, latest, load

SPBE = PREFIXES["spbe"]


@dataclass
class Export:
    pairs: dict[tuple[str, str], str] = field(default_factory=dict)  # (iri a, iri b) sorted -> label
    codes: dict[str, list[str]] = field(default_factory=dict)         # app -> accepted codes
    rejected_codes: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, tuple[str, int]] = field(default_factory=dict)    # app -> (file, row)
    skipped: int = 0


def file_key(file: str, sheet: str | None) -> str:
    """The ``file`` column: the file name, with ``[sheet]`` for a workbook (rows repeat across sheets).

    >>> file_key("inventaris.xlsx", "Dinas Kesehatan"), file_key("madiun.csv", "madiun")
    ('inventaris.xlsx[Dinas Kesehatan]', 'madiun.csv')
    """
    if sheet and file.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        return f"{file}[{sheet}]"
    return file


def source_rows(store, iris) -> dict[str, tuple[str, int]]:
    iris = sorted(set(iris))
    out: dict[str, tuple[str, int]] = {}
    for i in range(0, len(iris), 500):
        values = " ".join(f"<{x}>" for x in iris[i:i + 500])
        q = f"""SELECT ?a ?f ?sh ?n WHERE {{ VALUES ?a {{ {values} }} ?a <{SPBE}barisSumber> ?r .
                ?r <{SPBE}nomorBaris> ?n ; <{SPBE}lembar> ?l . ?l <{SPBE}berkas>/<{SPBE}namaBerkas> ?f .
                OPTIONAL {{ ?l <{SPBE}namaLembar> ?sh }} }}"""
        for s in store.query(q):
            out.setdefault(s["a"].value, (file_key(s["f"].value, s["sh"].value if s["sh"] else None), int(s["n"].value)))
    return out


def _set(out: dict, a: str, b: str, lab: str) -> None:
    if a != b:
        out[tuple(sorted((a, b)))] = lab


def collect(store, settings, decisions: list[Decision] | None = None, report=None) -> Export:
    """The labels the decisions in force give (``report``: the current analysis, for application groups)."""
    decisions = decisions if decisions is not None else load(store, settings)
    ex = Export()
    group_of: dict[str, tuple[str, int]] = {}
    if any(d.kind == "konfirmasi-klaster" and d.value("jenisDuplikasi") != SAME_APP for d in decisions):
        if report is None:
            from .resolve import analyse_with_decisions as analyse

            report = analyse(store, settings)
        for c in report.clusters:
            for m in c.members:
                group_of[m.record.iri] = (c.id, m.group)
    for d in sorted(latest(decisions).values(), key=lambda d: (d.time, d.iri)):
        same = d.value("jenisDuplikasi") == SAME_APP
        if d.kind in ("konfirmasi-klaster", "gabung-klaster"):
            for a, b in combinations(d.subjects, 2):
                if same:
                    _set(ex.pairs, a, b, "same-application")
                else:
                    ga, gb = group_of.get(a), group_of.get(b)
                    _set(ex.pairs, a, b, "same-application" if ga is not None and ga == gb else "same-job")
        elif d.kind == "tolak-pasangan" or (d.kind == "tolak-klaster"):
            for a, b in combinations(d.subjects, 2):
                _set(ex.pairs, a, b, "not")
        elif d.kind == "pisah-klaster":
            for a in d.subjects:
                for b in d.values.get("dipisahDari", ()):
                    _set(ex.pairs, a, b, "not")
        elif d.kind == "terima-kode" and d.code:
            for a in d.subjects:
                ex.codes.setdefault(a, []).append(d.code)
        elif d.kind == "tolak-kode" and d.code:
            ex.rejected_codes += [(a, d.code) for a in d.subjects]
    apps = {x for p in ex.pairs for x in p} | set(ex.codes) | {a for a, _ in ex.rejected_codes}
    ex.rows = source_rows(store, apps)
    ex.skipped = len(apps - set(ex.rows))
    return ex


def pairs_csv(ex: Export) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "row_a", "row_b", "label", "file_b"])
    rows = []
    for (a, b), lab in ex.pairs.items():
        if a not in ex.rows or b not in ex.rows:
            continue
        (fa, ra), (fb, rb) = sorted((ex.rows[a], ex.rows[b]))
        rows.append([fa, ra, rb, lab, fb if fb != fa else ""])
    w.writerows(sorted(rows))
    return buf.getvalue()


def _code_columns(codes: list[str]) -> dict[str, str]:
    out = {"rab3": "", "rab3_alt": "", "ral3": "", "raa2": ""}
    for c in sorted(codes):
        code = c.rsplit("/", 1)[-1]
        if code.startswith("RAB."):
            if not out["rab3"]:
                out["rab3"] = code
            elif not out["rab3_alt"]:
                out["rab3_alt"] = code
        elif code.startswith("RAL.") and not out["ral3"]:
            out["ral3"] = code
        elif code.startswith("RAA.") and not out["raa2"]:
            out["raa2"] = code
    return out


def codes_csv(ex: Export) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "row", "rab3", "rab3_alt", "ral3", "raa2"])
    rows = []
    for a, codes in ex.codes.items():
        if a in ex.rows:
            cols = _code_columns(codes)
            rows.append([*ex.rows[a], cols["rab3"], cols["rab3_alt"], cols["ral3"], cols["raa2"]])
    w.writerows(sorted(rows))
    return buf.getvalue()


def rejected_codes_csv(ex: Export) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "row", "code"])
    w.writerows(sorted([*ex.rows[a], c.rsplit("/", 1)[-1]] for a, c in ex.rejected_codes if a in ex.rows))
    return buf.getvalue()


def read_pairs(path) -> dict[tuple[tuple[str, int], tuple[str, int]], str]:
    """Read a ``file,row_a,row_b,label[,file_b]`` CSV: {((file, row), (file, row)): label}."""
    out: dict[tuple[tuple[str, int], tuple[str, int]], str] = {}
    with open(path, newline="", encoding="utf-8") as f:
        for line in csv.DictReader(f):
            fa = line["file"]
            fb = (line.get("file_b") or "").strip() or fa
            a, b = sorted(((fa, int(line["row_a"])), (fb, int(line["row_b"]))))
            out[(a, b)] = line["label"].strip()
    return out
