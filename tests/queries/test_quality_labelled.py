"""Measured quality on the hand-labelled censuses (issue 10): pair precision/recall per kind and overall,
and code top-1/top-3 accuracy, for the dev sets (Madiun; Magetan since its blind measurement) and the
held-out set (the pairs across Madiun + Magetan, never tuned on).

Labels: queries/truth/ (docs/labelling.md). The inventories are read from ../shared at test time (no
licence: never copied here); the test skips with the reason where ../shared is absent.

Thresholds sit just under the measured level (a regression fails), not at the targets (precision >= 0.9 and
recall >= 0.8 over both kinds, code top-3 >= 0.8), which are met on every set; the README's table has the
figures. Run with ``-s`` to see them.
"""

from __future__ import annotations

import pytest

from spbe_kg.settings import Settings
from tests.support import SHARED
from tests.support import require_shared as require_shared_file

# set -> (overall precision, overall recall, RAB top-3, RAB top-1 (alt ok)) at least
FLOORS = {
    "madiun": (0.97, 0.94, 0.88, 0.88),  # dev
    "magetan": (0.95, 0.85, 0.80, 0.73),  # dev since 2026-12-03 (held out until then: 0.556 / 0.263)
    "madiun_magetan": (0.90, 0.93, 0.86, 0.84),  # held-out
}


@pytest.fixture(scope="module")
def results():
    require_shared_file("inventories", "madiun", "aplikasi_opd_kab_madiun.csv")
    require_shared_file("inventories", "magetan", "aplikasi_kab_magetan.csv")
    from spbe_kg.service.cli.dup_evaluate import evaluate_all

    return {ts.name: (ts, ps, cs) for ts, ps, cs, _ in evaluate_all(Settings(), inventories=SHARED / "inventories")}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_pairs_and_codes_at_the_measured_level(results, name):
    ts, ps, cs = results[name]
    p, r = ps.rows["overall"][:2]
    print(f"\n{name} [{ts.split}]: " + "; ".join(f"{k} P {v[0]:.3f} R {v[1]:.3f} ({v[2]}/{v[3]} pred, {v[4]} true)"
                                             for k, v in ps.rows.items())
          + " | " + ", ".join(f"{k} {a:.3f}" for k, (a, n) in cs.items() if n))
    fp, fr, f3, f1 = FLOORS[name]
    assert p >= fp and r >= fr
    assert cs["RAB top-3"][0] >= f3 and cs["RAB top-1 (alt ok)"][0] >= f1
    assert cs["RAB top-3"][1] > 50  # the codes were read for the labelled rows


@pytest.mark.parametrize("name", ["madiun", "magetan"])
def test_dev_sets_meet_the_issue_targets(results, name):
    ts, ps, cs = results[name]
    assert ts.split == "dev"
    p, r = ps.rows["overall"][:2]
    assert p >= 0.9 and r >= 0.8 and cs["RAB top-3"][0] >= 0.8


def test_split_of_the_sets(results):
    # Magetan was held out until its blind measurement (issue 10, 2026-12-02) and is dev since; the
    # cross-pemda pairs stay held out (measured, never tuned on).
    assert results["magetan"][0].split == "dev"
    assert results["madiun_magetan"][0].split == "heldout"
