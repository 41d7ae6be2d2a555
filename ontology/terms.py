"""The ontology's term tables, read from the YAML files an architect edits (``ontology/tables/``).

``classes.yaml`` (classes and disjoint groups), ``properties.yaml`` and ``external.yaml`` (the external terms
declared with their OWL kind) feed ``build_ontology``, which writes ``spbe.ttl``; ``enumerations.yaml`` feeds
``terms_enums``. The names are the contract of MODEL.md. How to add a term: docs/ontology.md.

>>> from spbe_kg.ontology.terms import CLASSES, PROPERTIES, by_name
>>> by_name("Aplikasi").parents
('schema:SoftwareApplication', 'adms:Asset', 'spbe:ElemenArsitektur')
>>> [p.range for p in PROPERTIES if p.name == "tahunPembuatan"]
['xsd:gYear']
>>> len({c.name for c in CLASSES}) == len(CLASSES)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import ONTOLOGY_DIR

TABLES_DIR = ONTOLOGY_DIR / "tables"
KINDS = ("class", "object", "data", "annotation")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class TermTableError(ValueError):
    """A term table is wrong; the message names the file, the entry and the key.

    ``str(e)`` is the Bahasa Indonesia message; ``e.message("en")`` the English one.
    """

    def __init__(self, text_id: str, text_en: str | None = None) -> None:
        super().__init__(text_id)
        self.text_en = text_en or text_id

    def message(self, lang: str = "id") -> str:
        return self.text_en if lang == "en" else str(self)


@dataclass(frozen=True)
class Term:
    """One class or property of the ontology.

    ``kind``: "class", "object", "data" or "annotation". ``parents``: superclasses or
    super-properties (CURIEs). ``domain``/``range``: CURIEs or ``None`` where no single one is true.
    """

    kind: str
    name: str
    label_id: str
    label_en: str
    def_id: str
    def_en: str
    parents: tuple[str, ...] = ()
    domain: str | None = None
    range: str | None = None
    see_also: tuple[str, ...] = field(default=())


def read_table(path: Path, top: str) -> Any:
    """The list (or mapping) under key ``top`` of a YAML table, with errors that name the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise TermTableError(f"{path}: tidak dapat dibaca ({e.strerror}).", f"{path}: cannot be read ({e.strerror}).") from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" baris {mark.line + 1}" if mark else ""
        where_en = f" line {mark.line + 1}" if mark else ""
        raise TermTableError(f"{path}{where}: bukan YAML yang sah ({getattr(e, 'problem', e)}).",
                             f"{path}{where_en}: not valid YAML ({getattr(e, 'problem', e)}).") from None
    if not isinstance(data, dict) or top not in data:
        raise TermTableError(f"{path}: kunci '{top}' tidak ada di tingkat teratas.",
                             f"{path}: top-level key '{top}' is missing.")
    return data[top]


def bilingual(path: Path, where: str, entry: dict, key: str, required: bool = True) -> tuple[str, str]:
    """``entry[key]`` as (id, en) text; both languages are required when the key is."""
    v = entry.get(key)
    if v is None and not required:
        return "", ""
    if not isinstance(v, dict) or not all(isinstance(v.get(lang), str) and v[lang].strip() for lang in ("id", "en")):
        raise TermTableError(f"{path}, {where}: '{key}' harus berisi teks 'id' dan 'en'.",
                             f"{path}, {where}: '{key}' needs both an 'id' and an 'en' text.")
    return v["id"], v["en"]


def _curies(path: Path, where: str, entry: dict, key: str) -> tuple[str, ...]:
    v = entry.get(key, [])
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and ":" in x for x in v):
        raise TermTableError(f"{path}, {where}: '{key}' harus daftar CURIE (mis. spbe:Aplikasi).",
                             f"{path}, {where}: '{key}' must be a list of CURIEs (e.g. spbe:Aplikasi).")
    return tuple(v)


def _one_curie(path: Path, where: str, entry: dict, key: str) -> str | None:
    v = entry.get(key)
    if v is not None and not (isinstance(v, str) and ":" in v):
        raise TermTableError(f"{path}, {where}: '{key}' harus satu CURIE (mis. xsd:string).",
                             f"{path}, {where}: '{key}' must be one CURIE (e.g. xsd:string).")
    return v


def _terms(path: Path, top: str, kinds: tuple[str, ...]) -> tuple[Term, ...]:
    rows = read_table(path, top)
    if not isinstance(rows, list):
        raise TermTableError(f"{path}: '{top}' harus berupa daftar.", f"{path}: '{top}' must be a list.")
    out: list[Term] = []
    seen: dict[str, int] = {}
    for i, e in enumerate(rows, start=1):
        where = f"entri ke-{i}"
        name = e.get("name") if isinstance(e, dict) else None
        if not isinstance(name, str) or not name or not set(name) <= _NAME_CHARS:
            raise TermTableError(f"{path}, {where}: 'name' harus nama lokal tanpa spasi (mis. Aplikasi).",
                                 f"{path}, entry {i}: 'name' must be a local name without spaces (e.g. Aplikasi).")
        where = f"{name} (entri ke-{i})"
        if name in seen:
            raise TermTableError(f"{path}, {where}: nama sudah dipakai di entri ke-{seen[name]}.",
                                 f"{path}, {name} (entry {i}): the name is already used by entry {seen[name]}.")
        seen[name] = i
        kind = e.get("kind", "class" if kinds == ("class",) else None)
        if kind not in kinds:
            raise TermTableError(f"{path}, {where}: 'kind' {kind!r} bukan salah satu dari {', '.join(kinds)}.",
                                 f"{path}, {name}: 'kind' {kind!r} is not one of {', '.join(kinds)}.")
        parent_key = "subClassOf" if kind == "class" else "subPropertyOf"
        allowed = {"name", "kind", "label", "definition", parent_key, "seeAlso"}
        if kind != "class":
            allowed |= {"domain", "range"}
        unknown = set(e) - allowed
        if unknown:
            keys = ", ".join(sorted(unknown))
            raise TermTableError(f"{path}, {where}: kunci tidak dikenal: {keys} (boleh: {', '.join(sorted(allowed))}).",
                                 f"{path}, {name}: unknown key(s): {keys} (allowed: {', '.join(sorted(allowed))}).")
        label_id, label_en = bilingual(path, where, e, "label")
        def_id, def_en = bilingual(path, where, e, "definition")
        out.append(Term(kind, name, label_id, label_en, def_id, def_en, _curies(path, where, e, parent_key),
                        _one_curie(path, where, e, "domain"), _one_curie(path, where, e, "range"),
                        _curies(path, where, e, "seeAlso")))
    return tuple(out)


def _disjoint(path: Path, names: set[str]) -> tuple[tuple[str, ...], ...]:
    groups = read_table(path, "disjoint")
    out = []
    for i, g in enumerate(groups or [], start=1):
        if not isinstance(g, list) or len(g) < 2:
            raise TermTableError(f"{path}, disjoint ke-{i}: harus daftar dua kelas atau lebih.",
                                 f"{path}, disjoint group {i}: must list two or more classes.")
        for n in g:
            if n not in names:
                raise TermTableError(f"{path}, disjoint ke-{i}: kelas {n!r} tidak ada di 'classes'.",
                                     f"{path}, disjoint group {i}: class {n!r} is not in 'classes'.")
        out.append(tuple(g))
    return tuple(out)


def _external(path: Path) -> dict[str, tuple[str, ...]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as e:
        raise TermTableError(f"{path}: tidak dapat dibaca ({e}).", f"{path}: cannot be read ({e}).") from None
    bad = set(data) - set(KINDS)
    if bad:
        raise TermTableError(f"{path}: jenis tidak dikenal {', '.join(sorted(bad))} (boleh: {', '.join(KINDS)}).",
                             f"{path}: unknown kind(s) {', '.join(sorted(bad))} (allowed: {', '.join(KINDS)}).")
    return {k: _curies(path, k, data, k) for k in KINDS if k in data}


@dataclass(frozen=True)
class Tables:
    """Everything ``build_ontology`` needs, read and checked from one tables directory."""

    classes: tuple[Term, ...]
    properties: tuple[Term, ...]
    disjoint: tuple[tuple[str, ...], ...]
    external: dict[str, tuple[str, ...]]


def load_tables(directory: Path | None = None) -> Tables:
    """Read and check ``classes.yaml``, ``properties.yaml`` and ``external.yaml`` (default: ``ontology/tables``)."""
    d = directory or TABLES_DIR
    classes = _terms(d / "classes.yaml", "classes", ("class",))
    properties = _terms(d / "properties.yaml", "properties", ("object", "data", "annotation"))
    both = {c.name for c in classes} & {p.name for p in properties}
    if both:
        names = ", ".join(sorted(both))
        raise TermTableError(f"{d}: nama dipakai sebagai kelas dan properti sekaligus: {names}.",
                             f"{d}: name(s) used both as a class and as a property: {names}.")
    return Tables(classes, properties, _disjoint(d / "classes.yaml", {c.name for c in classes}),
                  _external(d / "external.yaml"))


@lru_cache(maxsize=1)
def tables() -> Tables:
    """The bundled tables (read once)."""
    return load_tables()


def __getattr__(name: str) -> Any:
    # CLASSES, PROPERTIES, DISJOINT, EXTERNAL: read on first use, so a broken table is reported by the
    # builder (file, entry, key) instead of failing every import of the package.
    attrs = {"CLASSES": "classes", "PROPERTIES": "properties", "DISJOINT": "disjoint", "EXTERNAL": "external"}
    if name in attrs:
        return getattr(tables(), attrs[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def by_name(name: str) -> Term:
    """The class or property named ``name`` (local name without prefix)."""
    t = tables()
    for term in t.classes + t.properties:
        if term.name == name:
            return term
    raise KeyError(name)
