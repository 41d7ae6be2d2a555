"""The hand-labelled truth files (queries/truth/) are whole, consistent with each other and copy nothing.

Checks that need the inventories read them from ../shared and skip with the reason where it is absent.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from spbe_kg.queries import truth_io as t
from tests.support import require_shared

ONTOLOGY = t.TRUTH_DIR.parent.parent / "ontology"


def _notations(name: str) -> set[str]:
    g = Graph().parse(ONTOLOGY / name)
    return {str(o) for o in g.objects(None, SKOS.notation)}


def test_pair_files_are_derived_from_the_labels():
    for name in (*t.INVENTORIES, *t.CROSS):
        derived = t.pair_truth(name)
        assert t.read_pairs(t.TRUTH_DIR / f"{name}_pairs.csv") == derived.pairs, (
            f"{name}_pairs.csv is stale: run python -m spbe_kg.queries.truth_io")


def test_same_application_is_transitive_and_kinds_are_known():
    for name in (*t.INVENTORIES, *t.CROSS):
        truth = t.pair_truth(name)
        assert set(truth.counts()) <= {t.SAME_APP, t.SAME_JOB}
        nbr = defaultdict(set)
        for (a, b), (label, _) in truth.pairs.items():
            if label == t.SAME_APP:
                nbr[a].add(b)
                nbr[b].add(a)
        for a, bs in nbr.items():
            for b in bs:
                for c in nbr[b] - {a}:
                    if truth.in_scope(a, c):
                        assert truth.label(a, c) == t.SAME_APP, (name, a, b, c)


def test_codes_cover_every_labelled_row_and_exist_in_the_reference():
    rab, ral, raa = _notations("ref-rab.ttl"), _notations("ref-ral.ttl"), _notations("ref-raa.ttl")
    twin = {}
    with open(require_shared("reference", "spbe_ral_l1-l3.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["level"] == "3" and r["kode_rab_padanan"]:
                twin[r["kode_rab_padanan"]] = r["kode"]
    apps = 0
    for name in t.INVENTORIES:
        labels, codes = t.labels(name), t.codes(name)
        assert set(labels) == set(codes), name
        per_app = defaultdict(set)
        for key, c in codes.items():
            per_app[labels[key].app].add(c)
            if not c.is_application:
                assert c.rab3_alt is None and c.ral3 is None and c.raa2 is None, key
                continue
            apps += 1
            assert c.rab3 in rab and c.rab3.count(".") == 3, key
            assert c.rab3_alt is None or (c.rab3_alt in rab and c.rab3_alt != c.rab3), key
            assert c.ral3 == twin.get(c.rab3) and (c.ral3 is None or c.ral3 in ral), key  # RAL-3 mirrors RAB-3
            assert c.raa2 in raa and c.raa2.count(".") == 2, key
        assert all(len(v) == 1 for v in per_app.values()), "records of one application carry different codes"
    assert apps >= 250


def _inventory_rows(path) -> list[tuple[int, dict]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return [(n, dict(zip(rows[0], cells))) for n, cells in enumerate(rows, start=1) if n > 1]


def test_madiun_labels_every_row():
    rows = _inventory_rows(require_shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv"))
    assert {k[1] for k in t.labels("madiun")} == {n for n, _ in rows}


def test_magetan_labels_exactly_the_application_rows():
    rows = _inventory_rows(require_shared("inventories", "magetan", "aplikasi_kab_magetan.csv"))
    apps = {n for n, r in rows if r["type_aplikasi"].strip() == "Aplikasi"}
    assert len(apps) == 71 and {k[1] for k in t.labels("magetan")} == apps


def test_bmkg_raa_codes_are_read_from_the_inventory():
    raa = t.read_bmkg_raa(require_shared("inventories", "bmkg", "aplikasi_bmkg_raa.csv"))
    assert len(raa) == 14 and sum(v is not None for v in raa.values()) == 13
    assert set(v for v in raa.values() if v) <= _notations("ref-raa.ttl")
    ours = t.codes("bmkg")  # RAB level 3 by hand, RAA level 2 exactly as the agency declares it
    assert set(ours) == set(raa)
    assert all((c.raa2 == raa[k]) and c.rab3 in _notations("ref-rab.ttl") for k, c in ours.items())


def test_truth_files_copy_no_name_description_or_address():
    text = "\n".join(p.read_text(encoding="utf-8").lower() for p in t.TRUTH_DIR.glob("*.csv"))
    sources = [
        (require_shared("inventories", "madiun", "aplikasi_opd_kab_madiun.csv"),
         ("nama_aplikasi", "deskripsi_singkat"), "alamat_domain_link"),
        (require_shared("inventories", "magetan", "aplikasi_kab_magetan.csv"), ("nama_aplikasi", "deskripsi"), None),
    ]
    for path, text_cols, url_col in sources:
        for _, r in _inventory_rows(path):
            for col in text_cols:
                v = r[col].strip().lower()
                if len(v) >= 16:
                    assert v not in text, (path.name, col, v)
            if url_col and r[url_col].startswith("http"):
                host = urlsplit(r[url_col].split()[0]).hostname or ""
                assert not host or host not in text, (path.name, host)


def test_split_names_every_truth_and_keeps_part_aside():
    split = t.read_split()
    assert {*t.INVENTORIES, *t.CROSS} <= set(split)
    assert set(split.values()) == {"dev", "heldout"}


@pytest.mark.parametrize("name", [*t.INVENTORIES, *t.CROSS])
def test_scoring_scope(name):
    truth = t.pair_truth(name)
    (a, b), (label, sure) = next(iter(sorted(truth.pairs.items())))
    assert truth.in_scope(a, b) and truth.label(b, a) == label
    assert truth.is_scored(a, b) == (sure and a not in truth.doubtful_rows and b not in truth.doubtful_rows)
