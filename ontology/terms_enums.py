"""The enumeration schemes of MODEL.md (``ref:{scheme}/{value}``), read from ``ontology/tables/enumerations.yaml``.

``alt`` lists spellings seen in regional census forms; loaders may match raw cell values against
``skos:prefLabel`` and ``skos:altLabel`` (case-insensitive). How to add a value: docs/ontology.md.

>>> from spbe_kg.ontology.terms_enums import ENUMS
>>> [v.value for v in ENUMS["status-aplikasi"].values]
['aktif', 'tidak-aktif']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .terms import TABLES_DIR, TermTableError, bilingual, read_table

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Value:
    value: str
    label_id: str
    label_en: str
    def_id: str = ""
    def_en: str = ""
    alt: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scheme:
    name: str
    label_id: str
    label_en: str
    values: tuple[Value, ...]


def _slug(path: Path, where: str, v: Any, key: str) -> str:
    if not isinstance(v, str) or not _SLUG.match(v):
        raise TermTableError(f"{path}, {where}: '{key}' {v!r} harus huruf kecil, angka dan tanda hubung (mis. tidak-aktif).",
                             f"{path}, {where}: '{key}' {v!r} must be lower case letters, digits and hyphens "
                             f"(e.g. tidak-aktif).")
    return v


def load_enums(path: Path | None = None) -> dict[str, Scheme]:
    """Read and check the enumeration table (default: the bundled one)."""
    path = path or TABLES_DIR / "enumerations.yaml"
    out: dict[str, Scheme] = {}
    for i, s in enumerate(read_table(path, "schemes") or [], start=1):
        if not isinstance(s, dict):
            raise TermTableError(f"{path}, skema ke-{i}: harus pemetaan (name, label, values).",
                                 f"{path}, scheme {i}: must be a mapping (name, label, values).")
        name = _slug(path, f"skema ke-{i}", s.get("name"), "name")
        if name in out:
            raise TermTableError(f"{path}, skema {name}: nama sudah dipakai.", f"{path}, scheme {name}: name already used.")
        label = bilingual(path, f"skema {name}", s, "label")
        values: list[Value] = []
        for j, v in enumerate(s.get("values") or [], start=1):
            where = f"skema {name}, nilai ke-{j}"
            if not isinstance(v, dict):
                raise TermTableError(f"{path}, {where}: harus pemetaan (value, label).",
                                     f"{path}, scheme {name}, value {j}: must be a mapping (value, label).")
            value = _slug(path, where, v.get("value"), "value")
            if value in {x.value for x in values}:
                raise TermTableError(f"{path}, {where}: nilai {value} sudah ada.",
                                     f"{path}, scheme {name}, value {j}: {value} is already there.")
            lid, len_ = bilingual(path, where, v, "label")
            did, den = bilingual(path, where, v, "definition", required=False)
            alt = v.get("alt") or []
            if not isinstance(alt, list) or not all(isinstance(a, str) for a in alt):
                raise TermTableError(f"{path}, {where}: 'alt' harus daftar teks.",
                                     f"{path}, scheme {name}, value {j}: 'alt' must be a list of texts.")
            values.append(Value(value, lid, len_, did, den, tuple(alt)))
        if not values:
            raise TermTableError(f"{path}, skema {name}: 'values' kosong.", f"{path}, scheme {name}: 'values' is empty.")
        out[name] = Scheme(name, label[0], label[1], tuple(values))
    return out


@lru_cache(maxsize=1)
def enums() -> dict[str, Scheme]:
    """The bundled enumeration schemes (read once)."""
    return load_enums()


def __getattr__(name: str) -> Any:
    # ENUMS: read on first use, so a broken table is reported by the builder instead of failing imports
    if name == "ENUMS":
        return enums()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
