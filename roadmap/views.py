"""Architecture views a pemda's SPBE architecture document needs, generated from the graph.

* application × service (RAL, level 3) matrix;
* application × OPD matrix (``P`` = pengelola / managing, ``U`` = pengguna / using);
* applications per RAA category (the recorded ``spbe:kodeRAA``, else Aplikasi Umum/Khusus);
* national applications in use (records linked to each national application, OPDs, pemda).

Each view is a :class:`Table` (title, header, rows), written as xlsx sheets or HTML tables.

>>> v = Table("v", "view_opd_title", ["view_app"], ["Dinas Kesehatan"], [["SIMPUS", "P"]])
>>> v.title("en"), v.head("en")
('Application × OPD', ['Application', 'Dinas Kesehatan'])
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.queries.records import fetch_national, fetch_records

from .messages import t
from .plan import _in_scope, _names

SPBE = PREFIXES["spbe"]
REF = "https://w3id.org/spbe/ref/"


@dataclass
class Table:
    key: str
    title_key: str                  # catalogue key of the title
    columns: list[str]              # catalogue keys of the fixed columns
    data_columns: list[str]         # column titles that are data (codes, OPD names)
    rows: list[list]
    note_key: str | None = None
    note_kw: dict = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return t(self.title_key, lang)

    def head(self, lang: str) -> list[str]:
        return [t(k, lang) for k in self.columns] + list(self.data_columns)

    def note(self, lang: str) -> str:
        return t(self.note_key, lang, **self.note_kw) if self.note_key else ""


def _multi(store, prop: str, iris: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for sol in store.query(f"SELECT ?a ?o WHERE {{ ?a <{SPBE}{prop}> ?o }}"):
        out[sol["a"].value].add(sol["o"].value)
    keep = set(iris)
    return {k: v for k, v in out.items() if k in keep}


def build_views(store, settings, *, instansi: str | None = None) -> list[Table]:
    t = settings.query_timeout_s
    recs = [r for r in fetch_records(store, timeout_s=t * 4) if _in_scope(r, instansi)]
    recs.sort(key=lambda r: ((r.pemda_name or ""), (r.opd_name or ""), r.name.lower(), r.iri))
    iris = [r.iri for r in recs]
    base = ["view_app", "view_opd", "view_pemda"]

    # application x RAL (level 3)
    def lvl3(code: str) -> str | None:
        c = code.rsplit("/", 1)[-1]
        return ".".join(c.split(".")[:4]) if c.count(".") >= 3 else None

    ral = {r.iri: {x for x in map(lvl3, r.ral) if x} for r in recs}
    cols = sorted({c for v in ral.values() for c in v})
    labels = {k.rsplit("/", 1)[-1]: v for k, v in _names(store, [REF + c for c in cols]).items()}
    ral_rows = [[r.name, r.opd_name or "", r.pemda_name or "", *("x" if c in ral[r.iri] else "" for c in cols)]
                for r in recs if ral[r.iri]]
    head = [f"{c} {labels.get(c, '')}".strip() for c in cols]
    v1 = Table("aplikasi-layanan", "view_ral_title", base, head, ral_rows, "view_ral_note",
               {"n": len(ral_rows), "total": len(recs)})

    # application x OPD
    users = _multi(store, "opdPengguna", iris)
    opd_iris: list[str] = sorted({str(r.opd) for r in recs if r.opd} | {u for v in users.values() for u in v})
    opd_names = _names(store, opd_iris)
    opd_iris.sort(key=lambda o: str(opd_names.get(o) or o).lower())
    opd_rows = []
    for r in recs:
        row = [r.name, r.opd_name or "", r.pemda_name or ""]
        for o in opd_iris:
            row.append("P" if o == r.opd else "U" if o in users.get(r.iri, ()) else "")
        opd_rows.append(row)
    oh = [opd_names.get(o, o.rsplit("/", 1)[-1]) for o in opd_iris]
    v2 = Table("aplikasi-opd", "view_opd_title", base, oh, opd_rows, "view_opd_note")

    # applications per RAA category
    raa = _multi(store, "kodeRAA", iris)
    raa_codes = sorted({c for v in raa.values() for c in v})
    raa_labels = _names(store, raa_codes + [REF + "RAA.01", REF + "RAA.02"])
    groups: dict[str, list] = defaultdict(list)
    for r in recs:
        cats = raa.get(r.iri) or ({r.jenis} if r.jenis else {"-"})
        for c in cats:
            groups[c].append(r)
    raa_rows = []
    for c in sorted(groups):
        rs = groups[c]
        code = c.rsplit("/", 1)[-1]
        raa_rows.append([code, raa_labels.get(c, ""), len(rs), len({x.opd for x in rs if x.opd}),
                         ", ".join(sorted({x.name for x in rs})[:30])])
    v3 = Table("kategori-raa", "view_raa_title", ["view_raa_code", "view_raa_category", "view_n_apps", "view_n_opd", "view_apps"],
               [], raa_rows, "view_raa_note")

    # national applications in use
    nats = {n.iri: n for n in fetch_national(store, timeout_s=t)}
    used: dict[str, list] = defaultdict(list)
    for r in recs:
        for n in r.national:
            used[n].append(r)
    nat_rows = []
    for n, rs in sorted(used.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ref = nats.get(n)
        nat_rows.append([ref.name if ref else n.rsplit("/", 1)[-1], "RAA.01" if ref and ref.designated_umum else "",
                         len(rs), len({x.opd for x in rs if x.opd}), len({x.pemda for x in rs if x.pemda}),
                         ", ".join(sorted({x.name for x in rs})[:10])])
    v4 = Table("aplikasi-nasional", "view_nat_title", ["view_nat_app", "view_nat_umum", "view_nat_records", "view_n_opd",
                                                        "view_nat_pemda", "view_nat_names"], [], nat_rows)
    return [v1, v2, v3, v4]
