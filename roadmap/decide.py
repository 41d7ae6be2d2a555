"""Check and record one decision: the path the CLI (``spbe decide``) and HTTP (``POST /decisions``) share.

Everything is checked before anything is written (unknown IRI, a cluster that no longer exists, a year
outside the period, the principal's scope); a rejected request raises :class:`DecisionError` and
leaves the store unchanged.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.queries.recommend import SAME_APP, SAME_FUNCTION
from spbe_kg.queries.saran_store import after_code_decision

from .decisions import Decision, record
from .messages import DISPOSITIONS, KINDS, STATUSES, DecisionError
from .plan import build_roadmap, period
from .resolve import cluster_lines, pair_lines
from .scope import ADMIN, Principal, check_decision_scope

SPBE = PREFIXES["spbe"]
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
CLUSTER_KINDS = ("konfirmasi-klaster", "tolak-klaster", "pisah-klaster", "gabung-klaster", "ubah-target", "ubah-disposisi")


@dataclass
class DecisionRequest:
    kind: str
    clusters: list[str] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)
    target: str | None = None
    disposition: str | None = None
    item: str | None = None
    year: int | str | None = None
    owner: str | None = None
    status: str | None = None
    code: str | None = None
    reason: str | None = None
    reason_lang: str = "id"


def _check_iris(iris) -> None:
    bad = [i for i in iris if not isinstance(i, str) or not _IRI.match(i)]
    if bad:
        raise DecisionError("unknown-iri", iris=", ".join(map(str, bad[:5])))


def known(store, iris, classes: tuple[str, ...]) -> set[str]:
    """The IRIs among ``iris`` that are instances of one of ``classes`` (local names under spbe:)."""
    iris = sorted(set(iris))
    _check_iris(iris)
    if not iris:
        return set()
    values = " ".join(f"<{i}>" for i in iris)
    cls = " ".join(f"<{SPBE}{c}>" for c in classes)
    return {s["x"].value for s in store.query(f"SELECT DISTINCT ?x WHERE {{ VALUES ?x {{ {values} }} VALUES ?c {{ {cls} }} ?x a ?c }}")}


APP_CLASSES = ("Aplikasi", "AplikasiUmum", "AplikasiKhusus", "AplikasiNasional")


def _require_apps(store, iris) -> None:
    missing = sorted(set(iris) - known(store, iris, APP_CLASSES))
    if missing:
        raise DecisionError("unknown-iri", iris=", ".join(missing[:5]) + (" …" if len(missing) > 5 else ""))


def _year(value, settings) -> int:
    try:
        y = int(str(value).strip())
    except ValueError:
        raise DecisionError("not-year", value=value) from None
    start, end = period(settings)
    if not start <= y <= end:
        raise DecisionError("bad-year", value=y, start=start, end=end)
    return y


def _finding(settings, cid: str) -> str:
    return settings.base_iri + "temuan/klaster/" + cid


def decide(store, settings, req: DecisionRequest, principal: Principal = ADMIN, *, report=None) -> Decision:
    """Validate ``req``, check the principal's scope, record the decision; returns it."""
    from .resolve import analyse_with_decisions as analyse

    if req.kind not in KINDS:
        raise DecisionError("unknown-kind", kind=req.kind)
    _check_iris([*req.apps, *([req.target] if req.target else []), *([req.owner] if req.owner else [])])
    if req.disposition is not None and req.disposition not in DISPOSITIONS:
        raise DecisionError("bad-disposition", value=req.disposition)
    if req.status is not None and req.status not in STATUSES:
        raise DecisionError("bad-status", value=req.status, choices=", ".join(STATUSES))
    if req.apps:
        _require_apps(store, req.apps)
    kw: dict = {"reason": req.reason or None, "reason_lang": req.reason_lang, "agent": principal.name}
    values: dict = {}
    scope_iris: list[str] = []
    if req.kind in CLUSTER_KINDS or req.kind == "tolak-pasangan":
        report = report if report is not None else analyse(store, settings)
        by_id = {c.id: c for c in report.clusters}
    if req.kind in CLUSTER_KINDS:
        if not req.clusters:
            raise DecisionError("needs", kind=req.kind, what="needs_cluster")
        for cid in req.clusters:
            if cid not in by_id:
                raise DecisionError("cluster-gone", cluster=cid)
        cs = [by_id[cid] for cid in req.clusters]
        c = cs[0]
        members = [m.record.iri for m in c.members]
        subjects = members
        values.update(idKlaster=c.id, jenisDuplikasi=c.kind)
        kw["evidence"] = [_finding(settings, x.id) for x in cs]
        kw["evidence_lines"] = sorted({line for x in cs for line in cluster_lines(x, report.records)})
        if req.kind in ("konfirmasi-klaster", "ubah-target"):
            target = req.target or (c.recommendation.target_iri if req.kind == "konfirmasi-klaster" else None)
            if not target:
                raise DecisionError("needs", kind=req.kind, what="needs_target")
            if target != c.recommendation.target_iri and not known(store, [target], APP_CLASSES):
                raise DecisionError("unknown-target", iri=target)
            values["targetKonsolidasi"] = target
        elif req.kind == "pisah-klaster":
            part = sorted(set(req.apps))
            for a in part:
                if a not in members:
                    raise DecisionError("not-member", iri=a, cluster=c.id)
            if not part or len(part) >= len(members):
                raise DecisionError("split-parts")
            subjects = part
            values["dipisahDari"] = sorted(set(members) - set(part))
        elif req.kind == "gabung-klaster":
            if len(set(req.clusters)) < 2:
                raise DecisionError("merge-count")
            subjects = sorted({m.record.iri for x in cs for m in x.members})
            values["jenisDuplikasi"] = SAME_APP if all(x.kind == SAME_APP for x in cs) else SAME_FUNCTION
        elif req.kind == "ubah-disposisi":
            if len(req.apps) != 1 or req.disposition is None:
                raise DecisionError("needs", kind=req.kind, what="needs_member_disposition")
            if req.apps[0] not in members:
                raise DecisionError("not-member", iri=req.apps[0], cluster=c.id)
            subjects = list(req.apps)
            values["disposisi"] = req.disposition
            scope_iris = list(req.apps)
        scope_iris = scope_iris or sorted({m.record.iri for x in cs for m in x.members})
    elif req.kind == "tolak-pasangan":
        if len(set(req.apps)) != 2:
            raise DecisionError("pair-count")
        a, b = sorted(req.apps)
        subjects = [a, b]
        found = None
        for c in report.clusters:
            for p in c.pairs:
                if {report.records[p.a].iri, report.records[p.b].iri} == {a, b}:
                    found = p
        if found is not None:
            ra, rb = report.records[found.a].iri, report.records[found.b].iri
            kw["evidence"] = [settings.base_iri + "temuan/kandidat/" + hashlib.sha1(f"{ra}\n{rb}".encode()).hexdigest()[:16]]
            kw["evidence_lines"] = pair_lines(a, b, [(e.kind, e.value) for e in found.evidence if e.kind != "keputusan"])
        values["jenisDuplikasi"] = SAME_APP
        scope_iris = subjects
    elif req.kind == "ubah-rencana":
        if not req.item:
            raise DecisionError("needs", kind=req.kind, what="needs_item")
        if req.year is None and req.owner is None and req.status is None:
            raise DecisionError("needs", kind=req.kind, what="needs_edit")
        year = _year(req.year, settings) if req.year is not None else None
        if req.owner and not known(store, [req.owner], ("UnitKerja", "PerangkatDaerah")):
            raise DecisionError("unknown-opd", iri=req.owner)
        roadmap = build_roadmap(store, settings, report=report)
        it = roadmap.item(req.item)
        if it is None:
            raise DecisionError("unknown-item", item=req.item)
        subjects = [a for a, _ in it.apps]
        values.update(butirRencana=it.id, tahunTarget=str(year) if year else None, opdPenanggungJawab=req.owner,
                      statusRencana=req.status, idKlaster=it.cluster)
        scope_iris = subjects
    else:  # terima-kode / tolak-kode (issue 10 writes these through the same store)
        if not req.apps or not req.code:
            raise DecisionError("needs", kind=req.kind, what="needs_app_code")
        _check_iris([req.code])
        if not bool(store.query(f"ASK {{ <{req.code}> a <{PREFIXES['skos']}Concept> }}")):
            raise DecisionError("unknown-code", iri=req.code)
        subjects = list(req.apps)
        kw["code"] = req.code
        scope_iris = subjects
    check_decision_scope(principal, scope_iris, store)
    decision = record(store, settings, req.kind, subjects, values=values, **kw)
    if req.kind in ("terima-kode", "tolak-kode"):  # the same derived graphs as `spbe saran terima|tolak`
        after_code_decision(store, settings, req.kind, subjects, req.code or "")
    return decision
