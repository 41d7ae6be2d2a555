"""Unit-name cells: one unit, a list of units, or a scope ("Seluruh Perangkat Daerah") that is no unit at all.

The word lists are data (``loaders/units.yaml``); the scopes are the ``cakupan-pengguna`` enumeration.

>>> split_units("Dinas Komunikasi, Informatika dan Statistik")
('Dinas Komunikasi, Informatika dan Statistik',)
>>> split_units("Dinas Sosial, Badan Kepegawaian Daerah, BAPPEDA")
('Dinas Sosial', 'Badan Kepegawaian Daerah', 'BAPPEDA')
>>> split_units("Dinas Sosial; Bappeda\\nInspektorat")
('Dinas Sosial', 'Bappeda', 'Inspektorat')
>>> scope_of("Seluruh Perangkat Daerah"), scope_of("semua OPD"), scope_of("Seluruh Desa/Kelurahan"), scope_of("Dinas Sosial")
('seluruh-perangkat-daerah', 'seluruh-perangkat-daerah', 'seluruh-desa-kelurahan', None)
>>> looks_like_scope("Seluruh Puskesmas"), looks_like_scope("Dinas Sosial")
(True, False)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .columns import header_words
from .normalize import clean_name, is_placeholder, loose_key

UNITS_FILE = Path(__file__).resolve().parent / "units.yaml"
SCOPE_SCHEME = "cakupan-pengguna"


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    d = yaml.safe_load(UNITS_FILE.read_text(encoding="utf-8"))
    units = tuple(sorted({header_words(str(w)) for w in d["unit_words"]}, key=len, reverse=True))
    return units, frozenset(str(w).lower() for w in d["scope_words"])


@lru_cache(maxsize=1)
def _scopes() -> dict[str, str]:
    """loose key of every label and alt spelling -> enumeration value."""
    from spbe_kg.ontology.terms_enums import enums

    scheme = enums()[SCOPE_SCHEME]
    out: dict[str, str] = {}
    for v in scheme.values:
        for s in (v.label_id, v.label_en, *v.alt):
            out[loose_key(s)] = v.value
    return out


def scope_of(text: str) -> str | None:
    """The ``cakupan-pengguna`` value a cell part names ("Seluruh OPD" -> seluruh-perangkat-daerah), or None."""
    return _scopes().get(loose_key(text))


def looks_like_scope(text: str) -> bool:
    """A part that starts with a scope word ("Seluruh ...", "Semua ...") names many units, never one."""
    words = header_words(text)
    return bool(words) and words[0] in _data()[1]


def _is_unit_part(part: str) -> bool:
    words = header_words(part)
    if not words:
        return False
    if looks_like_scope(part):
        return True
    stripped = part.strip()
    if re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,14}", stripped):  # one acronym: BKD, BAPPEDA, DPMPTSP
        return True
    return any(words[:len(w)] == w for w in _data()[0])


@lru_cache(maxsize=16384)
def split_units(text: str) -> tuple[str, ...]:
    """The units a cell names: split on ``;`` and line breaks; on ``,`` only when every part looks like a unit."""
    if ";" in text or "\n" in text:
        parts = re.split(r"[;\n]+", text)
    else:
        commas = [p for p in text.split(",") if p.strip()]
        parts = commas if len(commas) > 1 and all(_is_unit_part(p) for p in commas) else [text]
    out: list[str] = []
    for p in parts:
        c = clean_name(p)
        if c and not is_placeholder(c) and c not in out:
            out.append(c)
    return tuple(out)
