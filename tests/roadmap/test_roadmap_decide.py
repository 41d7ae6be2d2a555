"""Recording decisions on a real pyoxigraph store: PROV in its own graph, bad input refused with a
bilingual message and nothing changed, scopes checked in one function with constructed principals."""

from __future__ import annotations

import pytest

from spbe_kg.queries.recommend import SAME_FUNCTION
from spbe_kg.roadmap.decide import DecisionRequest, decide
from spbe_kg.roadmap.decisions import decisions_graph, load
from spbe_kg.roadmap.messages import DecisionError
from spbe_kg.roadmap.resolve import analyse_with_decisions as analyse
from spbe_kg.roadmap.scope import ADMIN, Principal, check_decision_scope

PROV = "http://www.w3.org/ns/prov#"


def _simpeg(report):
    """The SIMPEG "same job" cluster of the example (several pemda), and one single-pemda cluster."""
    func = next(c for c in report.clusters if c.kind == SAME_FUNCTION and "SIMPEG" in " ".join(m.record.name for m in c.members))
    single = next(c for c in report.clusters if len(c.pemda) == 1)
    return func, single


def test_decision_is_prov_in_its_own_graph_and_survives_reanalysis(store, settings):
    rep = analyse(store, settings)
    func, _ = _simpeg(rep)
    d = decide(store, settings, DecisionRequest("konfirmasi-klaster", clusters=[func.id], reason="pakai SIASN"), report=rep)
    g = decisions_graph(settings)
    assert store.has_graph(g)
    ask = f"""ASK {{ GRAPH <{g}> {{ <{d.iri}> a <https://w3id.org/spbe/ontology#Keputusan> ;
        <https://w3id.org/spbe/ontology#jenisKeputusan> "konfirmasi-klaster" ;
        <{PROV}wasAssociatedWith> <https://w3id.org/spbe/id/agen/admin> ; <{PROV}endedAtTime> ?t ;
        <{PROV}used> <https://w3id.org/spbe/id/temuan/klaster/{func.id}> ;
        <https://w3id.org/spbe/ontology#sidikBukti> ?h ; <https://w3id.org/spbe/ontology#alasan> "pakai SIASN"@id }} }}"""
    assert bool(store.query(ask))
    assert len(d.subjects) == len(func.members)
    again = analyse(store, settings)
    c = next(c for c in again.clusters if c.id == func.id)
    assert c.decision["status"] == "dikonfirmasi" and c.decision["alasan"] == "pakai SIASN"


def test_decisions_conform_to_the_shapes(store, settings):
    from spbe_kg.shapes.validate import validate_quads

    rep = analyse(store, settings)
    func, single = _simpeg(rep)
    decide(store, settings, DecisionRequest("konfirmasi-klaster", clusters=[func.id], reason="ok"), report=rep)
    decide(store, settings, DecisionRequest("tolak-klaster", clusters=[single.id], reason="beda"), report=rep)
    quads = list(store.raw.quads_for_pattern(None, None, None, __import__("pyoxigraph").NamedNode(decisions_graph(settings))))
    report = validate_quads(quads, settings=settings)
    bad = [r for r in report.results if r.severity != "Info"] if hasattr(report, "results") else []
    assert report.conforms, bad


@pytest.mark.parametrize("req,key", [
    (DecisionRequest("konfirmasi-klaster", clusters=["f-000000000000"]), "cluster-gone"),
    (DecisionRequest("tolak-pasangan", apps=["https://w3id.org/spbe/id/aplikasi/tidak/ada", "https://w3id.org/spbe/id/aplikasi/juga/tidak"]), "unknown-iri"),
    (DecisionRequest("tolak-pasangan", apps=["not an iri> } DROP ALL {", "https://x/y"]), "unknown-iri"),
    (DecisionRequest("ubah-rencana", item="r-000000000000", year=2031), "bad-year"),
    (DecisionRequest("ubah-rencana", item="r-000000000000", year="duaribu"), "not-year"),
    (DecisionRequest("ubah-rencana", item="r-000000000000", year=2026), "unknown-item"),
    (DecisionRequest("ubah-disposisi", clusters=["x"], apps=[], disposition="hapus"), "bad-disposition"),
    (DecisionRequest("setujui"), "unknown-kind"),
])
def test_bad_input_is_refused_and_nothing_changes(store, settings, req, key):
    before = store.triple_count()
    with pytest.raises(DecisionError) as e:
        decide(store, settings, req)
    assert e.value.key == key
    assert e.value.text("id") != e.value.text("en") and e.value.text("en")
    assert store.triple_count() == before
    assert load(store, settings) == []


def test_split_needs_a_proper_part(store, settings):
    rep = analyse(store, settings)
    func, _ = _simpeg(rep)
    members = [m.record.iri for m in func.members]
    for apps, key in ((members, "split-parts"), (["https://w3id.org/spbe/id/aplikasi/x"], "unknown-iri")):
        with pytest.raises(DecisionError) as e:
            decide(store, settings, DecisionRequest("pisah-klaster", clusters=[func.id], apps=apps), report=rep)
        assert e.value.key == key
    d = decide(store, settings, DecisionRequest("pisah-klaster", clusters=[func.id], apps=members[:1]), report=rep)
    assert d.subjects == tuple(members[:1]) and set(d.values["dipisahDari"]) == set(members[1:])


def test_roadmap_edit_year_inside_the_period_is_recorded(store, settings):
    from spbe_kg.roadmap.plan import build_roadmap

    rep = analyse(store, settings)
    func, _ = _simpeg(rep)
    decide(store, settings, DecisionRequest("konfirmasi-klaster", clusters=[func.id]), report=rep)
    rm = build_roadmap(store, settings)
    mig = next(it for it in rm.items if it.action.startswith("migrasi"))
    owner = next(it.owner[0] for it in rm.items if it.owner[0] and it.owner[0] != mig.owner[0])
    decide(store, settings, DecisionRequest("ubah-rencana", item=mig.id, year=2028, status="berjalan", owner=owner))
    rm2 = build_roadmap(store, settings)
    it = rm2.item(mig.id)
    assert (it.year, it.status, it.owner[0], it.edited) == (2028, "berjalan", owner, True)
    with pytest.raises(DecisionError) as e:
        decide(store, settings, DecisionRequest("ubah-rencana", item=mig.id, owner="https://w3id.org/spbe/id/opd/tidak/ada"))
    assert e.value.key == "unknown-opd"


# --- scopes (issue 11 will build the principals from per-pemda tokens) -----------------------------------

def _apps_by_pemda(store):
    out = {}
    for s in store.query("SELECT ?a ?i WHERE { ?a <https://w3id.org/spbe/ontology#instansi> ?i ; a <https://w3id.org/spbe/ontology#AplikasiKhusus> }"):
        out.setdefault(s["i"].value, []).append(s["a"].value)
    return out


def test_scope_pemda_decides_on_its_own_applications_only(store):
    by = _apps_by_pemda(store)
    kab = next(i for i in by if "kabupaten" in i)
    other = next(i for i in by if i != kab and "kabupaten" in i)
    me = Principal("pemkab", kab)
    check_decision_scope(me, by[kab][:2], store)  # own: fine
    with pytest.raises(DecisionError) as e:
        check_decision_scope(me, by[other][:1], store)
    assert e.value.key == "scope" and e.value.status == 403
    with pytest.raises(DecisionError) as e:  # a cross-pemda cluster: the province decides
        check_decision_scope(me, [by[kab][0], by[other][0]], store)
    assert e.value.key == "scope-cross"
    check_decision_scope(ADMIN, [by[kab][0], by[other][0]], store)


def test_scope_province_decides_cross_pemda_clusters(store):
    by = _apps_by_pemda(store)
    prov = next(i for i in by if "provinsi" in i)
    kab = next(i for i in by if "kabupaten" in i)
    kota = next(i for i in by if "kota" in i)
    p = Principal("pemprov", prov)
    check_decision_scope(p, [by[prov][0], by[kab][0], by[kota][0]], store)  # cross-pemda with its own: fine
    check_decision_scope(p, [by[kab][0], by[kota][0]], store)               # kab + kota of the province: fine
    with pytest.raises(DecisionError):
        check_decision_scope(p, [by[kab][0]], store)                        # one kabupaten's own records: not the province's


def test_code_decisions_use_the_same_store_and_export(store, settings):
    """Issue 10's code decisions go through the same store API; accepted/rejected codes become labels."""
    from spbe_kg.roadmap import labels

    app = next(s["a"].value for s in store.query(
        "SELECT ?a WHERE { ?a a <https://w3id.org/spbe/ontology#AplikasiKhusus> ; <https://w3id.org/spbe/ontology#barisSumber> ?r } LIMIT 1"))
    ok = "https://w3id.org/spbe/ref/RAB.09.06.03"
    with pytest.raises(DecisionError) as e:
        decide(store, settings, DecisionRequest("terima-kode", apps=[app], code="https://w3id.org/spbe/ref/RAB.99.99.99"))
    assert e.value.key == "unknown-code"
    decide(store, settings, DecisionRequest("terima-kode", apps=[app], code=ok, reason="sesuai fungsi"))
    decide(store, settings, DecisionRequest("tolak-kode", apps=[app], code="https://w3id.org/spbe/ref/RAL.02.04.06"))
    ds = load(store, settings)
    assert [(d.kind, d.code) for d in ds] == [("terima-kode", ok), ("tolak-kode", "https://w3id.org/spbe/ref/RAL.02.04.06")]
    ex = labels.collect(store, settings)
    codes = labels.codes_csv(ex).splitlines()
    assert codes[0] == "file,row,rab3,rab3_alt,ral3,raa2" and codes[1].split(",")[2] == "RAB.09.06.03"
    assert labels.rejected_codes_csv(ex).splitlines()[1].endswith(",RAL.02.04.06")
    # the same derived graph as `spbe saran terima`: the accepted code is the application's code now
    from spbe_kg.queries.saran_store import accepted_graph

    assert bool(store.query(f"ASK {{ GRAPH <{accepted_graph(settings)}> {{ <{app}> ?p <{ok}> }} }}"))
    decide(store, settings, DecisionRequest("tolak-kode", apps=[app], code=ok))
    assert not bool(store.query(f"ASK {{ GRAPH <{accepted_graph(settings)}> {{ <{app}> ?p <{ok}> }} }}"))
