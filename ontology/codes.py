"""Reference-architecture codes: normalise a code as users write it, get its concept IRI, and list the
codes of one scheme from the bundled SKOS code lists.

>>> code_concept("RAL.02.04.06")
'https://w3id.org/spbe/ref/RAL.02.04.06'
>>> normalize_code(" ral 2.4.6 ")
'RAL.02.04.06'
>>> known_codes("RAL")["RAL.02.04.06"]
('Penyelenggaraan Kearsipan', 3, 'RAL.02.04')
>>> len(known_codes("rab"))
358
>>> normalize_code("XYZ.01")
Traceback (most recent call last):
...
ValueError: 'XYZ.01' bukan kode Referensi Arsitektur (awalan RAB, RAL, RAD, RAA, RAI atau RAK, lalu dua angka per level, contoh RAL.02.04.06)
"""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox

from . import ONTOLOGY_DIR
from .namespaces import REF, sparql_prefixes

PREFIXES = ("RAB", "RAL", "RAD", "RAA", "RAI", "RAK")
_LOOSE = re.compile(r"^\s*(RAB|RAL|RAD|RAA|RAI|RAK)\s*[.\-_ ]?\s*((?:\d{1,2}\s*[.\-_ ]\s*){0,6}\d{1,2})\s*$", re.I)


def normalize_code(code: str) -> str:
    """Canonical form of a code: upper-case prefix, ``.`` separators, two digits a level.

    Raises ``ValueError`` (message in Bahasa Indonesia) for text that is not a code.
    """
    m = _LOOSE.match(code or "")
    if not m:
        raise ValueError(f"{code!r} bukan kode Referensi Arsitektur (awalan RAB, RAL, RAD, RAA, RAI atau RAK, lalu "
                         f"dua angka per level, contoh RAL.02.04.06)")
    parts = re.split(r"\s*[.\-_ ]\s*", m.group(2).strip())
    return m.group(1).upper() + "".join(f".{int(p):02d}" for p in parts)


def code_concept(code: str) -> str:
    """IRI of the SKOS concept of ``code`` (normalised first); agency codes (levels 4-7) too."""
    return str(REF[normalize_code(code)])


_Q = sparql_prefixes() + """
SELECT ?n ?label ?level ?parent WHERE {
  ?c skos:inScheme ?s ; skos:notation ?n ; skos:prefLabel ?label ; spbe:level ?level .
  OPTIONAL { ?c skos:broader/skos:notation ?parent }
}"""


@cache
def _codes(prefix: str) -> dict[str, tuple[str, int, str | None]]:
    path = ONTOLOGY_DIR / f"ref-{prefix.lower()}.ttl"
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    out = {}
    res = store.query(_Q)
    assert isinstance(res, ox.QuerySolutions), "a SELECT query"
    for r in res:
        out[r["n"].value] = (r["label"].value, int(r["level"].value), r["parent"].value if r["parent"] else None)
    return dict(sorted(out.items()))


def known_codes(prefix: str) -> dict[str, tuple[str, int, str | None]]:
    """Codes of one scheme (``RAL``, ``rab``, ...): code -> (label, level, parent code or None)."""
    p = prefix.strip().upper()
    if p not in PREFIXES:
        raise ValueError(f"awalan {prefix!r} tidak dikenal; pilih salah satu dari {', '.join(PREFIXES)}")
    return dict(_codes(p))
