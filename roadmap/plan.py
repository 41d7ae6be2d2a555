"""The Peta Rencana SPBE (roadmap) built from the confirmed duplicate clusters and the architects' edits.

Per member of a confirmed cluster, its disposition becomes an action:

==============  ===========================================================  ==================
disposition     action                                                       default year
==============  ===========================================================  ==================
invest          ``kembangkan`` (develop the consolidation target)            start
tolerate        ``pertahankan`` (keep); a national application beside the
                target of a "same job" cluster: ``integrasi`` (integrate)    start / start+1
migrate         ``migrasi`` or ``migrasi-aplikasi-umum`` (target is an
                Aplikasi Umum), then ``hentikan`` (retire) depending on it   start+1, start+2
eliminate       ``hentikan`` (retire; a duplicate record: merge into target) start+1
==============  ===========================================================  ==================

Years are clamped to the period ``settings.roadmap_start_year`` … ``+ roadmap_years - 1``. The
architects' ``ubah-rencana`` decisions (year, owner OPD, status) are applied on top, keyed by the
item id (a hash of cluster id, action and application, stable while the cluster's identity is).

>>> period(type("S", (), {"roadmap_start_year": 2025, "roadmap_years": 5})())
(2025, 2029)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.queries.recommend import SAME_APP

from .decisions import Decision, latest, load
from .messages import action_label

SPBE = PREFIXES["spbe"]
REF = "https://w3id.org/spbe/ref/"


def period(settings) -> tuple[int, int]:
    return settings.roadmap_start_year, settings.roadmap_start_year + settings.roadmap_years - 1


@dataclass
class RoadmapItem:
    id: str
    action: str
    cluster: str
    cluster_kind: str
    apps: list[tuple[str, str]]            # (IRI, name) of the applications the action is about
    target: tuple[str, str] | None        # (IRI, name) consolidation target
    owner: tuple[str | None, str | None]  # (OPD IRI, name) responsible
    instansi: tuple[str | None, str | None]
    year: int
    status: str = "direncanakan"
    depends_on: str | None = None
    codes: list[str] = field(default_factory=list)
    domain: str = "lain"
    decisions: list[str] = field(default_factory=list)
    edited: bool = False
    active: bool = True

    def action_label(self, lang: str) -> str:
        return action_label(self.action, lang)


@dataclass
class Roadmap:
    items: list[RoadmapItem]
    start: int
    end: int
    instansi: str | None
    counts: list[tuple[str, str, int, int]]  # (code, label, before, after)
    labels: dict[str, str]                  # code -> label (domains and codes)
    n_confirmed: int = 0

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))

    def by_domain(self) -> dict[str, list[RoadmapItem]]:
        out: dict[str, list[RoadmapItem]] = {}
        for it in self.items:
            out.setdefault(it.domain, []).append(it)
        return dict(sorted(out.items()))

    def item(self, item_id: str) -> RoadmapItem | None:
        return next((it for it in self.items if it.id == item_id), None)


def item_id(cluster_id: str, action: str, app: str) -> str:
    return "r-" + hashlib.sha1(f"{cluster_id}|{action}|{app}".encode()).hexdigest()[:12]


def _domain(codes: list[str]) -> str:
    for prefix in ("RAL.", "RAB."):
        for c in codes:
            if c.startswith(prefix) and c.count(".") >= 2:
                return ".".join(c.split(".")[:3])
    return "lain"


def _in_scope(rec, instansi: str | None) -> bool:
    if not instansi:
        return True
    want = instansi.strip().lower()
    return want in ((rec.pemda or "").lower(), (rec.pemda_name or "").lower())


def _umum_targets(store, timeout_s) -> set[str]:
    from spbe_kg.queries.records import fetch_national

    return {n.iri for n in fetch_national(store, timeout_s=timeout_s) if n.designated_umum}


def _names(store, iris) -> dict[str, str]:
    iris = sorted({i for i in iris if i})
    if not iris:
        return {}
    values = " ".join(f"<{i}>" for i in iris)
    out: dict[str, str] = {}
    for sol in store.query(f"""SELECT ?x ?n WHERE {{ VALUES ?x {{ {values} }}
            {{ ?x <{SPBE}nama> ?n }} UNION {{ ?x <{PREFIXES['skos']}prefLabel> ?n FILTER(LANG(?n) = "id" || LANG(?n) = "") }} }}"""):
        out.setdefault(sol["x"].value, sol["n"].value)
    return out


def _items_for(c, umum: set[str], start: int, end: int) -> list[RoadmapItem]:
    """Roadmap items of one confirmed cluster: keep/develop/integrate once per application (identity
    group, all its records), migrate and retire per record."""
    out = []
    tgt = (c.recommendation.target_iri, c.recommendation.target_name)
    dec = [c.decision["keputusan"]] if c.decision.get("keputusan") else []

    def add(action, ms, year, depends=None, target=tgt):
        m = ms[0]
        codes = sorted({x.rsplit("/", 1)[-1] for k in ms for x in (*k.record.ral, *k.record.rab)})
        it = RoadmapItem(item_id(c.id, action, m.record.iri), action, c.id, c.kind,
                         [(k.record.iri, k.record.name) for k in ms], target, (m.record.opd, m.record.opd_name),
                         (m.record.pemda, m.record.pemda_name), min(max(year, start), end), depends_on=depends,
                         codes=codes, domain=_domain(codes), decisions=list(dec),
                         active=any(k.record.is_active for k in ms))
        out.append(it)
        return it

    grouped: dict[tuple[int, str], list] = {}
    for m in c.members:
        d = m.disposition
        if d == "invest":
            grouped.setdefault((m.group, "kembangkan"), []).append(m)
        elif d == "tolerate":
            integrate = c.kind != SAME_APP and m.record.national and m.record.iri != tgt[0]
            grouped.setdefault((m.group, "integrasi" if integrate else "pertahankan"), []).append(m)
        elif d == "migrate":
            mig = add("migrasi-aplikasi-umum" if tgt[0] in umum else "migrasi", [m], start + 1)
            add("hentikan", [m], start + 2, depends=mig.id)
        elif d == "eliminate":
            add("hentikan", [m], start + 1)
    for (_g, action), ms in grouped.items():
        ms = sorted(ms, key=lambda k: (not k.record.is_active, k.record.row or 10**9, k.record.iri))
        add(action, ms, start + 1 if action == "integrasi" else start, target=tgt if action == "integrasi" else None)
    return out


def build_roadmap(store, settings, *, instansi: str | None = None, report=None,
                  decisions: list[Decision] | None = None) -> Roadmap:
    """The roadmap of the store (optionally of one agency: IRI or name) from its confirmed clusters."""
    from .resolve import analyse_with_decisions as analyse

    start, end = period(settings)
    report = report if report is not None else analyse(store, settings)
    decisions = decisions if decisions is not None else load(store, settings, kinds=("ubah-rencana",))
    edits = {d.value("butirRencana"): d for d in latest(decisions).values() if d.kind == "ubah-rencana"}
    umum = _umum_targets(store, settings.query_timeout_s)
    items: list[RoadmapItem] = []
    confirmed = [c for c in report.clusters if c.decision.get("status") == "dikonfirmasi"]
    for c in confirmed:
        for it in _items_for(c, umum, start, end):
            mine = {a for a, _ in it.apps}
            recs = [m.record for m in c.members if m.record.iri in mine and _in_scope(m.record, instansi)]
            if recs:
                if instansi:  # only this agency's records of a grouped item, and its own OPD
                    keep = {r.iri for r in recs}
                    it.apps = [x for x in it.apps if x[0] in keep]
                    first = next(r for r in recs if r.iri == it.apps[0][0])
                    it.owner, it.instansi = (first.opd, first.opd_name), (first.pemda, first.pemda_name)
                items.append(it)
    for it in items:
        d = edits.get(it.id)
        if d is None:
            continue
        it.edited = True
        it.decisions.append(d.iri)
        year, status = d.value("tahunTarget"), d.value("statusRencana")
        if year:
            it.year = int(year[:4])
        if status:
            it.status = status
        if d.value("opdPenanggungJawab"):
            it.owner = (d.value("opdPenanggungJawab"), None)
    names = _names(store, [it.owner[0] for it in items if it.owner[1] is None])
    for it in items:
        if it.owner[1] is None and it.owner[0]:
            it.owner = (it.owner[0], names.get(it.owner[0], it.owner[0].rsplit("/", 1)[-1]))
    items.sort(key=lambda it: (it.domain, it.year, it.owner[1] or "", it.action, it.apps[0][1], it.id))
    counts = before_after(report, items, instansi)
    labels = _names(store, [REF + x for x in {it.domain for it in items} | {c for c, *_ in counts} if x != "lain"])
    labels = {k.rsplit("/", 1)[-1]: v for k, v in labels.items()}
    counts = [(code, labels.get(code, ""), b, a) for code, _, b, a in counts]
    return Roadmap(items, start, end, instansi, counts, labels, len(confirmed))


def before_after(report, items: list[RoadmapItem], instansi: str | None) -> list[tuple[str, str, int, int]]:
    """Applications per level-3 service code (RAL) now and after the plan's retirements."""
    retired = {a for it in items if it.action == "hentikan" and it.status != "dibatalkan" for a, _ in it.apps}
    before: Counter = Counter()
    after: Counter = Counter()
    for r in report.records:
        if not _in_scope(r, instansi):
            continue
        codes = {".".join(x.rsplit("/", 1)[-1].split(".")[:4]) for x in r.ral}
        for code in codes:
            if code.count(".") < 3:
                continue
            before[code] += 1
            if r.iri not in retired:
                after[code] += 1
    rows = [(code, "", before[code], after[code]) for code in before]
    rows.sort(key=lambda x: (-(x[2] - x[3]), -x[2], x[0]))
    return rows


def dependency_problems(roadmap: Roadmap) -> list[tuple[RoadmapItem, RoadmapItem]]:
    """Retire items scheduled no later than the migration they depend on."""
    by_id = {it.id: it for it in roadmap.items}
    return [(it, by_id[it.depends_on]) for it in roadmap.items
            if it.depends_on in by_id and it.year <= by_id[it.depends_on].year and it.status != "dibatalkan"]
