"""The shapes files themselves: one per domain, stable IRIs, three tiers, bilingual messages, catalogue."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from spbe_kg.shapes.catalog import catalogue, render_html, render_markdown
from spbe_kg.shapes.shapes_graph import DOMAINS, SHAPES_BASE, builtin_paths, load_shapes

from .helpers import ROOT


def test_one_file_per_domain():
    names = sorted(p.stem for p in builtin_paths())
    assert names == sorted(["aplikasi", "layanan", "organisasi", "proses-bisnis", "data", "kode-referensi", "keputusan"])


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_rule_has_stable_iri_tier_and_bilingual_message(domain):
    g = Graph().parse(builtin_paths()[DOMAINS.index(domain)])
    rules = [r for r in catalogue(g)]
    assert rules, domain
    for r in rules:
        assert r.id.startswith(f"{SHAPES_BASE}{domain}#"), r.id
        assert r.severity in ("Violation", "Warning", "Info"), r.id
        s = URIRef(r.id)
        langs = {o.language for o in g.objects(s, SH.message)}
        assert langs == {"id", "en"}, (r.id, langs)
        assert {o.language for o in g.objects(s, SH.name)} == {"id", "en"}, r.id
        assert r.message_id != r.message_en


def test_all_three_tiers_are_used():
    tiers = {r.severity for r in catalogue()}
    assert tiers == {"Violation", "Warning", "Info"}


def test_issue_rules_are_present():
    ids = {r.local_name: r for r in catalogue()}
    expected = {
        "NamaWajib": "Violation", "OpdPengelolaWajib": "Violation", "JenisAplikasiWajib": "Violation",
        "StatusWajib": "Violation", "UnitBagianDariWajib": "Violation", "KodeRALDikenal": "Violation",
        "KodeRAAFormat": "Violation", "KodeRABDikenal": "Violation", "KodeRALInduk": "Violation",
        "UrlFormat": "Violation", "UrlBukanPlaceholder": "Violation", "StatusNilai": "Violation",
        "BasisNilai": "Violation", "TipeLisensiNilai": "Violation", "TargetLayananNilai": "Violation",
        "MetodeLayananNilai": "Violation", "AlasanTidakAktif": "Violation", "TanpaLayanan": "Warning",
        "KhususMenyamaiUmum": "Warning", "NamaGandaDalamOpd": "Warning",
    }
    for name, tier in expected.items():
        assert name in ids, name
        assert ids[name].severity == tier, name


def test_rules_markdown_is_generated_and_current():
    md = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert md == render_markdown(catalogue()), "docs/rules.md is stale: run python -m spbe_kg.shapes.catalog"


def test_html_catalogue_lists_every_rule_in_both_languages():
    rules = catalogue()
    page_id, page_en = render_html(rules, "id"), render_html(rules, "en")
    for r in rules:
        assert r.id in page_id and r.name_en in page_en.replace("&#x27;", "'")
    assert "Katalog aturan validasi" in page_id and "Validation rule catalogue" in page_en


def test_user_shapes_add_to_builtin(tmp_path):
    extra = tmp_path / "tambahan.ttl"
    extra.write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix spbe: <https://w3id.org/spbe/ontology#> .
<https://example.go.id/aturan#PengembangWajib> a sh:PropertyShape ; sh:targetClass spbe:Aplikasi ;
  sh:path spbe:pengembang ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "Pengembang kosong"@id, "No developer"@en .
""")
    g = load_shapes([extra])
    ids = {r.id for r in catalogue(g)}
    assert "https://example.go.id/aturan#PengembangWajib" in ids
    assert len(ids) == len(catalogue()) + 1
