"""Code normalisation and lookup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spbe_kg.ontology.codes import code_concept, known_codes, normalize_code


@pytest.mark.parametrize("raw", ["RAL.02.04.06", "ral.02.04.06", " RAL 02.04.06 ", "RAL-02-04-06", "RAL02.04.06",
                                 "RAL.2.4.6", "ral_02_04_06"])
def test_spellings_normalise(raw):
    assert normalize_code(raw) == "RAL.02.04.06"
    assert code_concept(raw) == "https://w3id.org/spbe/ref/RAL.02.04.06"


@pytest.mark.parametrize("raw", ["", "RAL", "RAL.", "XYZ.01", "RAL.123", "RAL.01.02.03.04.05.06.07.08", "Kearsipan"])
def test_non_codes_are_rejected_with_a_message(raw):
    with pytest.raises(ValueError, match="bukan kode Referensi Arsitektur"):
        normalize_code(raw)


def test_agency_level_codes_keep_the_pattern():
    assert code_concept("RAL.02.04.06.01.02") == "https://w3id.org/spbe/ref/RAL.02.04.06.01.02"


@given(st.sampled_from(["RAB", "RAL", "RAD", "RAA", "RAI", "RAK"]),
       st.lists(st.integers(min_value=0, max_value=99), min_size=1, max_size=7))
def test_normalise_is_idempotent_and_canonical(prefix, segs):
    code = prefix + "".join(f".{s:02d}" for s in segs)
    assert normalize_code(code) == code
    assert normalize_code(code.lower().replace(".", " ")) == code


def test_known_codes():
    ral = known_codes("ral")
    assert len(ral) == 357
    assert ral["RAL.02"] == ("Layanan Administrasi Pemerintahan", 1, None)
    assert known_codes("RAI")["RAI.02"] == ("Sistem Integrasi", 1, None)
    with pytest.raises(ValueError, match="tidak dikenal"):
        known_codes("RAX")


def test_known_codes_returns_a_copy():
    known_codes("RAA").clear()
    assert len(known_codes("RAA")) == 6
