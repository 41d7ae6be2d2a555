"""Pair precision and recall of the duplicate finder on two labelled inventories.

* Madiun census (real, ../shared): truth set queries/truth/madiun_truth.csv, made by hand (186 rows);
* the Sumatera Utara example (synthetic, its generator writes duplikat_kebenaran.csv): an independent check.

Targets from issue 6: precision >= 0.9 and recall >= 0.8. The figures are printed (``pytest -s``).
"""

from __future__ import annotations

from pathlib import Path

from spbe_kg.queries.duplicates import analyse
from spbe_kg.queries.evaluate import predicted_pairs, read_truth, score
from spbe_kg.settings import Settings

TRUTH = Path(__file__).resolve().parents[2] / "queries" / "truth" / "madiun_truth.csv"


def test_madiun_truth_covers_every_row(madiun_source):
    import csv

    with open(madiun_source, newline="", encoding="utf-8") as f:
        n = sum(1 for _ in csv.DictReader(f))
    with open(TRUTH, newline="", encoding="utf-8") as f:
        rows = [int(r["baris"]) for r in csv.DictReader(f)]
    assert rows == list(range(2, n + 2))


def test_madiun_precision_recall(madiun_store):
    report = analyse(madiun_store, Settings())
    truth, doubtful, labelled = read_truth(TRUTH)
    pred = predicted_pairs(report, rows=labelled)
    p, r = score(pred, truth, doubtful)
    print(f"\nMadiun: precision {p:.3f} recall {r:.3f} ({len(pred)} predicted pairs, {len(truth)} true pairs)")
    assert p >= 0.9 and r >= 0.8


def test_sumut_precision_recall(sumut_store, sumut_dir):
    report = analyse(sumut_store, Settings())
    key = ("berkas", "lembar", "baris")
    truth, doubtful, labelled = read_truth(sumut_dir / "duplikat_kebenaran.csv", group_col="id_aplikasi", key=key)
    pred = predicted_pairs(report, key=key, rows=labelled)
    p, r = score(pred, truth, doubtful)
    print(f"\nSumut example: precision {p:.3f} recall {r:.3f} ({len(pred)} predicted pairs, {len(truth)} true pairs)")
    assert p >= 0.9 and r >= 0.8


def test_srikandi_variants_are_one_application_and_kinds_differ(madiun_store):
    """The issue's own example: Srikandi / SRIKANDI / srikandi.arsip.go.id is one application."""
    report = analyse(madiun_store, Settings())
    sri = [c for c in report.clusters if c.kind == "satu-aplikasi-banyak-pencatat"
           and c.recommendation.target_iri.endswith("/srikandi")]
    assert len(sri) == 1
    names = {m.record.name for m in sri[0].members}
    assert {"Srikandi", "SRIKANDI", "srikandi.arsip"} <= names
    assert "host-url" in sri[0].evidence and "aplikasi-nasional" in sri[0].evidence
    # every record is in at most one same-application cluster
    seen = [m.record.iri for c in report.clusters if c.kind == "satu-aplikasi-banyak-pencatat" for m in c.members]
    assert len(seen) == len(set(seen))


def test_sumut_eoffice_beside_srikandi_is_a_different_application(sumut_store, sumut_dir):
    """An Aplikasi Khusus e-Office next to SRIKANDI: a 'different application, same job' cluster targeting SRIKANDI."""
    report = analyse(sumut_store, Settings())
    func = [c for c in report.clusters if c.kind == "aplikasi-berbeda-fungsi-sama"]
    assert func, "no different-application clusters found"
    hits = [c for c in func if any("office" in m.record.name.lower() for m in c.members)
            and c.recommendation.target_iri.endswith("/srikandi")]
    assert hits, [(c.recommendation.target_name, [m.record.name for m in c.members][:5]) for c in func]
    c = hits[0]
    office = [m for m in c.members if "office" in m.record.name.lower()]
    assert all(m.disposition in ("migrate", "eliminate") for m in office)
    assert "Aplikasi Umum" in c.recommendation.rationale["id"]


def test_madiun_report_without_codes_says_so(madiun_store):
    """No RAL codes in the Madiun census: the heatmap explains itself, the clusters are still there."""
    from spbe_kg.queries.heatmap import fetch_heatmap
    from spbe_kg.queries.report_html import render_html

    report = analyse(madiun_store, Settings(lang="en"))
    html = render_html(report, fetch_heatmap(madiun_store), "en")
    assert 'id="heat-empty"' in html and "No application is mapped to a service code" in html
    assert html.count('class="cluster') == len(report.clusters) > 20
