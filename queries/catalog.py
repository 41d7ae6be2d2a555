"""The catalogue of named SPARQL queries: every ``queries/*.rq`` file, described by its header comments.

Header format (every file)::

    # id: layanan-sama-pasangan
    # judul: <purpose in Bahasa Indonesia>
    # title: <purpose in English>
    # param: ?awalan — <description> (default "RAL")

Parameters are bound by a ``VALUES`` block placed at the start of the query's outer ``WHERE``; a value
written as ``<iri>``, a number, ``true``/``false`` or a quoted literal is used as is, anything else
becomes a string literal.

>>> q = get_query("layanan-sama-kelompok")
>>> q.title_en
'RAL service codes served by applications in more than one OPD (grouped per code)'
>>> [p.name for p in q.params]
['awalan', 'minOpd']
>>> "VALUES (?awalan ?minOpd) { (\\"RAL.02\\" 2) }" in q.bind({"awalan": "RAL.02"})
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

QUERY_DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"^#\s*(id|judul|title|param|saran)\s*:\s*(.*)$")
_PARAM = re.compile(r"^\?(\w+)\s*(?:—|--|-|:)\s*(.*?)\s*(?:\(default\s+(.*)\))?\s*$")
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


class QueryNotFound(KeyError):
    """No named query with that name."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    default: str | None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title_id: str
    title_en: str
    params: tuple[Param, ...]
    sparql: str
    path: Path | None = None

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

    def bind(self, values: dict[str, str] | None = None) -> str:
        """The query text with every parameter bound (given value, else its default)."""
        values = dict(values or {})
        unknown = set(values) - {p.name for p in self.params}
        if unknown:
            raise ValueError(", ".join(sorted(unknown)))
        if not self.params:
            return self.sparql
        terms = []
        for p in self.params:
            v = values.get(p.name, p.default)
            if v is None:
                raise ValueError(p.name)
            terms.append(sparql_term(v))
        block = f"\n  VALUES ({' '.join('?' + p.name for p in self.params)}) {{ ({' '.join(terms)}) }}\n"
        m = _WHERE.search(self.sparql)
        if not m:
            raise ValueError("WHERE")
        return self.sparql[: m.end()] + block + self.sparql[m.end():]


def sparql_term(v: str) -> str:
    """A parameter value as a SPARQL term."""
    v = v.strip()
    if re.fullmatch(r"<[^<>\s]*>", v) or re.fullmatch(r"-?\d+(\.\d+)?", v) or v in ("true", "false"):
        return v
    if len(v) >= 2 and v[0] == v[-1] == '"' and '"' not in v[1:-1]:
        return v
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def parse_query(text: str, path: Path | None = None) -> NamedQuery:
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if not m:
            continue
        key, val = m.group(1), m.group(2).strip()
        if key == "param":
            pm = _PARAM.match(val)
            if not pm:
                raise ValueError(f"{path}: bad param line {line!r}")
            params.append(Param(pm.group(1), pm.group(2), pm.group(3)))
        else:
            meta[key] = val
    missing = [k for k in ("id", "judul", "title") if k not in meta]
    if missing:
        raise ValueError(f"{path}: header lacks {', '.join(missing)}")
    return NamedQuery(meta["id"], meta["judul"], meta["title"], tuple(params), text, path)


@lru_cache(maxsize=1)
def _load() -> dict[str, NamedQuery]:
    out = {}
    for p in sorted(QUERY_DIR.glob("*.rq")):
        q = parse_query(p.read_text(encoding="utf-8"), p)
        out[q.name] = q
    return out


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return sorted(_load().values(), key=lambda q: q.name)


def get_query(name: str) -> NamedQuery:
    try:
        return _load()[name]
    except KeyError:
        raise QueryNotFound(name) from None
