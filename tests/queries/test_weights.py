"""The duplicate finder's weights come from queries/weights.yaml, read in one place, and a wrong file is named."""

from __future__ import annotations

import shutil

import pytest

from spbe_kg.queries import evidence
from spbe_kg.queries.weights import WEIGHTS, WEIGHTS_FILE, load_weights


def test_evidence_uses_the_file_values():
    assert (evidence.W_NATIONAL, evidence.W_HOST, evidence.W_NAME_EXACT, evidence.W_NAME_FUZZY, evidence.W_ACRONYM,
            evidence.W_SUBSET, evidence.W_DESC, evidence.W_CODE) == (
        WEIGHTS.evidence.national, WEIGHTS.evidence.host, WEIGHTS.evidence.name_exact, WEIGHTS.evidence.name_fuzzy,
        WEIGHTS.evidence.acronym, WEIGHTS.evidence.subset, WEIGHTS.evidence.description, WEIGHTS.evidence.code)


@pytest.mark.parametrize("old,new,expect", [
    ("  code: 0.5 ", "  kode: 0.5 ", "missing ['code'], unknown ['kode']"),
    ("  host: 0.9 ", "  host: tinggi ", "host must be non-negative numbers"),
])
def test_a_wrong_weights_file_is_named(tmp_path, old, new, expect):
    p = tmp_path / "weights.yaml"
    shutil.copy(WEIGHTS_FILE, p)
    text = p.read_text(encoding="utf-8")
    assert old in text
    p.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ValueError) as e:
        load_weights(p)
    assert str(p) in str(e.value) and expect in str(e.value)
