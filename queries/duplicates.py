"""Duplicate analysis: records from the store -> candidate pairs with evidence -> clusters -> recommendations.

>>> from spbe_kg.settings import Settings
>>> from spbe_kg.queries.records import AppRecord
>>> recs = [AppRecord("http://x/a1", "SRIKANDI", hosts=("srikandi.arsip.go.id",), opd="http://x/o1", pemda="http://x/p"),
...         AppRecord("http://x/a2", "Srikandi", hosts=("srikandi.arsip.go.id",), opd="http://x/o2", pemda="http://x/p"),
...         AppRecord("http://x/a3", "SIMPEG", opd="http://x/o3", pemda="http://x/p")]
>>> rep = analyse_records(recs, [], Settings())
>>> [(c.kind, len(c.members)) for c in rep.clusters]
[('satu-aplikasi-banyak-pencatat', 2)]
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spbe_kg.settings import Settings

from .clusters import function_clusters, identity_groups
from .evidence import Pair, candidate_pairs, score_pairs
from .features import prepare
from .lexicon import lexicon_for
from .part_of import add_part_of_pairs
from .recommend import SAME_APP, SAME_FUNCTION, Recommendation, recommend_same_app, recommend_same_function
from .records import AppRecord, NationalRef, fetch_national, fetch_records
from .same_job import group_jobs, job_clusters, merge_clusters, platform_jobs
from .suggest import Suggestion, suggest_records
from .weights import WEIGHTS


@dataclass
class Member:
    record: AppRecord
    group: int  # identity group (one application) inside the cluster
    disposition: str
    reason: dict[str, str]


@dataclass
class Cluster:
    id: str
    kind: str
    members: list[Member]
    pairs: list[Pair]
    recommendation: Recommendation
    evidence: dict[str, list[str]] = field(default_factory=dict)  # kind -> distinct values (a few)
    score: float = 0.0
    decision: dict = field(default_factory=dict)  # architects' decision status (spbe_kg.roadmap.resolve)

    @property
    def pemda(self) -> list[str]:
        return sorted({m.record.pemda_name or "" for m in self.members} - {""})

    @property
    def codes(self) -> list[str]:
        return sorted({c.rsplit("/", 1)[-1] for m in self.members for c in (*m.record.ral, *m.record.rab)})


@dataclass
class DuplicateReport:
    clusters: list[Cluster]
    n_records: int
    n_candidates: int
    n_pairs: int
    seconds: dict[str, float]
    records: list[AppRecord]
    suggestions: list[Suggestion] = field(default_factory=list)  # code suggestions (issue 10), same pass


def _cluster_id(kind: str, iris: Sequence[str]) -> str:
    h = hashlib.sha1((kind + "\n" + "\n".join(sorted(iris))).encode()).hexdigest()[:12]
    return ("a-" if kind == SAME_APP else "f-") + h


def _summarise(pairs: Sequence[Pair]) -> dict[str, list[str]]:
    out: dict[str, Counter] = {}
    for p in pairs:
        for e in p.evidence:
            c = out.get(e.kind)
            if c is None:  # not setdefault(kind, Counter()): that built a Counter per evidence item
                c = out[e.kind] = Counter()
            c[e.value] += 1
    return {k: [v for v, _ in c.most_common(5)] for k, c in sorted(out.items())}


def analyse_records(records: Sequence[AppRecord], nationals: Sequence[NationalRef], settings: Settings,
                    resolver=None, *, suggest_kw: dict | None = None) -> DuplicateReport:
    """``resolver``: the architects' decisions to apply (``spbe_kg.roadmap.resolve.DecisionResolver``);
    ``suggest_kw``: code-suggestion state (rejected/accepted codes, national applications' codes)."""
    t0 = time.perf_counter()
    lex = lexicon_for(settings)
    feats = prepare(records, nationals, shared_hosts=settings.dup_shared_hosts, generic_keys=lex.generic_names())
    t0s = time.perf_counter()
    sugs = suggest_records(records, nationals, lex=lex, feats=feats, top_k=settings.saran_top_k,
                           min_score=settings.saran_min_score, **(suggest_kw or {}))
    t1 = time.perf_counter()
    cands, big, Xd = candidate_pairs(feats, settings)
    t2 = time.perf_counter()
    pairs = add_part_of_pairs(feats, score_pairs(feats, sorted(cands), settings, Xd))
    if resolver:  # decisions: rejected pairs dropped, confirmed/merged clusters held together
        pairs, big = resolver.filter(records, pairs, big)
    t3 = time.perf_counter()
    ident = [(p.a, p.b, p.guarded) for p in pairs if p.identity]
    groups = identity_groups(len(records), ident, big, ratio=settings.dup_link_ratio)
    group_of = {x: gi for gi, g in enumerate(groups) for x in g}
    big_of: dict[int, list[tuple[str, str]]] = {}
    for kind, value, block in big:
        big_of.setdefault(group_of[block[0]], []).append((kind, value))
    # in job mode, of the evidence-based function links only the architects' merges count
    evidence_mode = settings.dup_function_mode == "job+evidence"
    func_edges = [(p.a, p.b) for p in pairs if p.function
                  and (evidence_mode or any(e.kind == "keputusan" for e in p.evidence))]
    fclusters = function_clusters(groups, func_edges, ratio=settings.dup_link_ratio) if func_edges else []
    links = {f.rec.iri: f.national for f in feats}
    gjobs = group_jobs(groups, records, links, lex, min_desc=settings.dup_job_min_description)
    # job clusters joined with the link-based ones (all evidence in mode "job+evidence"; in mode "job" only
    # the architects' merges); a national platform doing several jobs (SIPD) joins each job's cluster
    pjobs = platform_jobs(groups, records, links, lex)
    hubs = {gi for gi, (js, m) in enumerate(zip(pjobs, gjobs)) if len(js | ({m.job} if m else set())) >= 2}
    fclusters = merge_clusters(len(groups), [c for c in fclusters if len(c) > 1] + job_clusters(groups, records, gjobs, pjobs), hubs)
    t4 = time.perf_counter()
    nat_by_iri = {n.iri: n for n in nationals}
    pairs_by_group: dict[int, list[Pair]] = {}
    cross: dict[int, list[Pair]] = {}
    fc_of: dict[int, set[int]] = {}
    for ci, fc in enumerate(fclusters):
        for gi in fc:
            fc_of.setdefault(gi, set()).add(ci)
    for p in pairs:
        ga, gb = group_of[p.a], group_of[p.b]
        if ga == gb:
            pairs_by_group.setdefault(ga, []).append(p)
        else:
            for ci in fc_of[ga] & fc_of[gb]:
                cross.setdefault(ci, []).append(p)
    clusters: list[Cluster] = []
    for gi, g in enumerate(groups):
        if len(g) < 2:
            continue
        recs = [records[i] for i in g]
        rec = recommend_same_app(recs, nat_by_iri, links)
        gp = pairs_by_group.get(gi, [])
        members = [Member(r, gi, *rec.dispositions[r.iri]) for r in recs]
        ev = _summarise(gp)
        for kind, value in big_of.get(gi, ()):  # joined as a whole block, without pair-by-pair evidence
            ev.setdefault(kind, [])
            if value not in ev[kind]:
                ev[kind] = [value, *ev[kind]][:5]
        score = max((p.score for p in gp), default=0.0)
        if big_of.get(gi):
            score = max(score, WEIGHTS.cutoffs.joined_block_score)
        clusters.append(Cluster(_cluster_id(SAME_APP, [r.iri for r in recs]), SAME_APP, members, gp, rec,
                                ev, score))
    for ci, fc in enumerate(fclusters):
        if len(fc) < 2 and gjobs[fc[0]] is None:
            continue  # a lone application without a job: nothing to say
        matched = [(gi, m) for gi in fc if (m := gjobs[gi]) is not None]
        fjobs = Counter(m.job for _, m in matched)
        job = max(sorted(fjobs), key=lambda j: fjobs[j]) if fjobs else None
        umum = _umum_target(job, lex, nat_by_iri)
        group_nats = {n for gi in fc for i in groups[gi] for n in links.get(records[i].iri, ())}
        if len(fc) < 2 and (umum is None or group_nats or len(groups[fc[0]]) == 0):
            continue  # a lone application: flagged only when an Aplikasi Umum does its job (and it is not one)
        grecs = [[records[i] for i in groups[gi]] for gi in fc]
        rec = recommend_same_function(grecs, nat_by_iri, links, umum_target=umum)
        members = [Member(r, gi, *rec.dispositions[r.iri]) for gi, rs in zip(fc, grecs) for r in rs]
        cp = cross.get(ci, [])
        ev = _summarise(cp)
        if job is not None:
            words = sorted({w for _, m in matched if m.job == job for w in m.evidence})
            ev["fungsi-aplikasi"] = [lex.jobs[job].label_id, *words[:4]]
            rab = lex.jobs[job].rab
            if rab:
                ev.setdefault("kode-rab", []).insert(0, rab.rsplit("/", 1)[-1] + " (saran)")
        if umum is not None:
            ev["aplikasi-umum"] = [umum.name]
        score = max((p.score for p in cp), default=0.0)
        if job is not None:
            score = max(score, 0.7)
        clusters.append(Cluster(_cluster_id(SAME_FUNCTION, [m.record.iri for m in members]), SAME_FUNCTION, members,
                                cp, rec, ev, score))
    clusters.sort(key=lambda c: (c.kind != SAME_APP, -len(c.members), c.id))
    if resolver:
        resolver.annotate(clusters, records, nat_by_iri)
    t5 = time.perf_counter()
    secs = {"fitur": t0s - t0, "saran": t1 - t0s, "blok": t2 - t1, "bukti": t3 - t2, "klaster": t4 - t3, "rekomendasi": t5 - t4}
    return DuplicateReport(clusters, len(records), len(cands), len(pairs), secs, list(records), sugs)


def _umum_target(job: str | None, lex, nat_by_iri: dict[str, NationalRef]) -> NationalRef | None:
    if job is None:
        return None
    for n in lex.jobs[job].umum:
        ref = nat_by_iri.get(n)
        if ref is not None and ref.designated_umum:
            return ref
    return None


def analyse(store, settings: Settings, *, resolver=None) -> DuplicateReport:
    """Run the whole evidence-based analysis on a store (embedded or remote), read by SPARQL.

    ``resolver``: the architects' decisions to apply (``spbe_kg.roadmap.resolve.analyse_with_decisions``
    builds it from the store's decisions graph; the CLI, the HTTP route and the roadmap use that)."""
    from .saran import decision_state
    from .saran_store import fetch_national_codes

    t0 = time.perf_counter()
    records = fetch_records(store, timeout_s=settings.query_timeout_s * 4)
    nationals = fetch_national(store, timeout_s=settings.query_timeout_s)
    rejected, accepted = decision_state(store, settings)
    codes = fetch_national_codes(store, timeout_s=settings.query_timeout_s)
    t1 = time.perf_counter()
    rep = analyse_records(records, nationals, settings, resolver,
                          suggest_kw={"rejected": rejected, "accepted": accepted, "national_codes": codes})
    rep.seconds = {"baca": t1 - t0, **rep.seconds}
    return rep
