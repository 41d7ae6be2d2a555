"""Decisions change the duplicate analysis: rejected findings stay rejected until their evidence changes
(then "reopened" with what changed), confirmed clusters keep their identity, split/merge/target/disposition."""

from __future__ import annotations

import datetime as dt

from spbe_kg.queries.duplicates import analyse_records
from spbe_kg.queries.recommend import SAME_APP, SAME_FUNCTION
from spbe_kg.queries.records import AppRecord
from spbe_kg.roadmap.decisions import decision_quads
from spbe_kg.roadmap.resolve import DecisionResolver, cluster_lines
from spbe_kg.settings import Settings

S = Settings()
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def rec(i, name, host=None, opd="o1", **kw):
    return AppRecord(f"http://x/a{i}", name, hosts=(host,) if host else (), opd=f"http://x/{opd}",
                     opd_name=opd, pemda="http://x/p", pemda_name="Pemda Uji", row=i + 1, file="f.csv", **kw)


def decided(kind, subjects, minutes=0, **kw):
    d, _ = decision_quads(S, kind, subjects, now=T0 + dt.timedelta(minutes=minutes), **kw)
    return d


def run(records, decisions=()):
    return analyse_records(records, [], S, DecisionResolver(list(decisions)) if decisions else None)


def test_rejected_cluster_is_not_proposed_again_until_its_evidence_changes():
    recs = [rec(0, "SIMPEG", "simpeg.x.go.id", "o1"), rec(1, "Kepegawaian Online", "simpeg.x.go.id", "o2")]
    before = run(recs)
    [c] = [c for c in before.clusters if c.kind == SAME_APP]
    lines = cluster_lines(c, before.records)
    assert lines and all("host-url=simpeg.x.go.id" in x for x in lines)
    rej = decided("tolak-klaster", [m.record.iri for m in c.members], evidence_lines=lines,
                  values={"jenisDuplikasi": SAME_APP, "idKlaster": c.id})
    after = run(recs, [rej])
    assert [x for x in after.clusters if x.kind == SAME_APP] == []
    # the same census re-loaded (same evidence): still not proposed
    assert [x for x in run(list(recs), [rej]).clusters if x.kind == SAME_APP] == []
    # new evidence: the second record now carries the same name -> reopened, with the added line named
    recs2 = [recs[0], rec(1, "SIMPEG", "simpeg.x.go.id", "o2")]
    again = run(recs2, [rej])
    [c2] = [x for x in again.clusters if x.kind == SAME_APP]
    assert c2.decision["status"] == "dibuka-kembali"
    added = [x for ch in c2.decision["perubahan"] for x in ch["ditambah"]]
    assert any(x.endswith("nama=simpeg") for x in added), added


def test_rejected_pair_only_that_pair():
    recs = [rec(0, "SIMPEG", "simpeg.x.go.id", "o1"), rec(1, "SIMPEG", "simpeg.x.go.id", "o2"),
            rec(2, "SIMPEG", "simpeg.x.go.id", "o3")]
    base = run(recs)
    [c] = base.clusters
    p = next(p for p in c.pairs if {base.records[p.a].iri, base.records[p.b].iri} == {"http://x/a0", "http://x/a1"})
    lines = [f"http://x/a0|http://x/a1|{e.kind}={e.value}" for e in p.evidence]
    rej = decided("tolak-pasangan", ["http://x/a0", "http://x/a1"], evidence_lines=lines)
    res = run(recs, [rej])
    # a0-a2 and a1-a2 still link the three records; the rejected pair itself is gone from the evidence
    [c2] = res.clusters
    assert not any({res.records[q.a].iri, res.records[q.b].iri} == {"http://x/a0", "http://x/a1"} for q in c2.pairs)


def test_confirmed_cluster_keeps_its_identity_when_members_are_added():
    recs = [rec(0, "e-Office", "eoffice.x.go.id", "o1"), rec(1, "eOffice", "eoffice.x.go.id", "o2")]
    base = run(recs)
    [c] = base.clusters
    conf = decided("konfirmasi-klaster", [m.record.iri for m in c.members],
                   values={"idKlaster": c.id, "jenisDuplikasi": c.kind, "targetKonsolidasi": c.recommendation.target_iri})
    grown = run([*recs, rec(2, "E Office", "eoffice.x.go.id", "o3")], [conf])
    [c2] = grown.clusters
    assert c2.id == c.id and len(c2.members) == 3
    assert c2.decision["status"] == "dikonfirmasi" and c2.decision["anggotaBaru"] == ["http://x/a2"]
    # without the decision the grown cluster would have a new id
    assert run([*recs, rec(2, "E Office", "eoffice.x.go.id", "o3")]).clusters[0].id != c.id


def test_confirmed_cluster_holds_together_when_its_evidence_disappears():
    recs = [rec(0, "e-Office", "eoffice.x.go.id", "o1"), rec(1, "eOffice", "eoffice.x.go.id", "o2")]
    [c] = run(recs).clusters
    conf = decided("konfirmasi-klaster", [m.record.iri for m in c.members], values={"idKlaster": c.id, "jenisDuplikasi": c.kind})
    # a different job altogether ("persuratan" would still be the e-Office job, found by the lexicon)
    moved = [recs[0], rec(1, "Sistem Informasi Pariwisata", "wisata.y.go.id", "o2")]
    assert run(moved).clusters == []
    [c2] = run(moved, [conf]).clusters
    assert c2.id == c.id


def test_split_and_merge():
    recs = [rec(0, "SIMPEG", "simpeg.x.go.id", "o1"), rec(1, "SIMPEG", "simpeg.x.go.id", "o2"),
            rec(2, "SIMPEG", "simpeg.x.go.id", "o3"), rec(3, "SIMPEG", "simpeg.x.go.id", "o4")]
    base = run(recs)
    [c] = base.clusters
    split = decided("pisah-klaster", ["http://x/a3"], evidence_lines=cluster_lines(c, base.records),
                    values={"dipisahDari": ["http://x/a0", "http://x/a1", "http://x/a2"], "idKlaster": c.id})
    after = run(recs, [split]).clusters
    [c2] = [x for x in after if x.kind == SAME_APP]
    assert {m.record.iri for m in c2.members} == {"http://x/a0", "http://x/a1", "http://x/a2"}
    # split off as a different application, a3 may still do the same job (docs/roadmap.md, "Rejections")
    assert all(x.kind == SAME_FUNCTION for x in after if "http://x/a3" in {m.record.iri for m in x.members})
    two = [rec(0, "SIMPEG", "simpeg.x.go.id", "o1"), rec(1, "SIMPEG", "simpeg.x.go.id", "o2"),
           rec(2, "SIAP", "siap.x.go.id", "o3"), rec(3, "SIAP", "siap.x.go.id", "o4")]
    assert len(run(two).clusters) == 2
    merge = decided("gabung-klaster", [r.iri for r in two], values={"jenisDuplikasi": SAME_FUNCTION})
    merged = run(two, [merge]).clusters
    assert any(x.kind == SAME_FUNCTION and len(x.members) == 4 for x in merged)


def test_target_and_disposition_decisions_override_the_recommendation():
    recs = [rec(0, "SIMPEG", "simpeg.x.go.id", "o1", n_users=3), rec(1, "Simpeg", "simpeg.x.go.id", "o2")]
    [c] = run(recs).clusters
    assert c.recommendation.target_iri == "http://x/a0"
    tgt = decided("ubah-target", [m.record.iri for m in c.members], reason="server OPD 2 lebih baru",
                  values={"idKlaster": c.id, "targetKonsolidasi": "http://x/a1"})
    disp = decided("ubah-disposisi", ["http://x/a0"], minutes=1, values={"idKlaster": c.id, "disposisi": "migrate"})
    [c2] = run(recs, [tgt, disp]).clusters
    assert c2.recommendation.target_iri == "http://x/a1" and "server OPD 2" in c2.recommendation.rationale["id"]
    by = {m.record.iri: m.disposition for m in c2.members}
    assert by == {"http://x/a1": "tolerate", "http://x/a0": "migrate"}


def test_latest_decision_per_subject_set_wins():
    recs = [rec(0, "SIMPEG", "simpeg.x.go.id", "o1"), rec(1, "SIMPEG", "simpeg.x.go.id", "o2")]
    base = run(recs)
    [c] = base.clusters
    subj = [m.record.iri for m in c.members]
    rej = decided("tolak-klaster", subj, evidence_lines=cluster_lines(c, base.records), values={"jenisDuplikasi": SAME_APP})
    conf = decided("konfirmasi-klaster", subj, minutes=5, values={"idKlaster": c.id, "jenisDuplikasi": SAME_APP})
    assert run(recs, [rej, conf]).clusters[0].decision["status"] == "dikonfirmasi"
    assert [x for x in run(recs, [conf, decided("tolak-klaster", subj, minutes=9, evidence_lines=cluster_lines(c, base.records),
                                                values={"jenisDuplikasi": SAME_APP})]).clusters if x.kind == SAME_APP] == []
