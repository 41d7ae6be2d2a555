"""The tabs of the query page: a start tab, then every named query of ``queries/`` (the catalogue).

>>> "PREFIX spbe:" in with_prefixes("SELECT * { ?a a spbe:Aplikasi }")
True
>>> [t.name for t in query_tabs("en")][0]
'mulai'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from spbe_kg.ontology.namespaces import PREFIXES

from .ui_render import translate

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueryTab:
    name: str
    title: str
    query: str


# IRIs, strings (all four quote styles) and comments: where "x:" is not a prefixed name.
_NOT_NAMES = re.compile(
    r"<[^<>\"{}|^`\\\s]*>|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*"
)
_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:", re.I | re.M)


def with_prefixes(sparql: str) -> str:
    """Prepend a PREFIX line for every ontology prefix the query uses but does not declare."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(sparql)}
    body = _NOT_NAMES.sub(" ", sparql)
    needed = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w:?$]){re.escape(p)}:", body)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in needed) + sparql


def _catalog_queries(lang: str) -> list[QueryTab]:
    """Named queries from spbe_kg.queries.catalog, parameters bound to their defaults (a visible VALUES
    block the user can edit); a query with a parameter that has no default is offered unbound."""
    from spbe_kg.queries.catalog import list_queries

    tabs = []
    for q in list_queries():
        try:
            text = q.bind()
        except ValueError:
            text = q.sparql
        tabs.append(QueryTab(q.name, q.title(lang) or q.name, text))
    return tabs


def start_query(lang: str) -> str:
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    return (
        f"{prefixes}\n{translate('sparql_start_comment', lang)}\n"
        "SELECT DISTINCT ?aplikasi ?nama ?opd ?instansi WHERE {\n"
        "  ?aplikasi a spbe:Aplikasi ;\n"
        "            spbe:nama ?nama .\n"
        "  FILTER NOT EXISTS { ?aplikasi a spbe:AplikasiNasional }\n"
        "  OPTIONAL { ?aplikasi spbe:opdPengelola/spbe:nama ?opd }\n"
        "  OPTIONAL { ?aplikasi spbe:instansi/spbe:nama ?instansi }\n"
        "}\nLIMIT 200\n"
    )


def query_tabs(lang: str) -> list[QueryTab]:
    """The tabs the query page offers: a start tab, then every named query."""
    try:
        named = _catalog_queries(lang)
    except Exception:  # a broken catalogue must not take the query page down
        log.exception("ui: named queries could not be read")
        named = []
    start = QueryTab("mulai", translate("sparql_start_tab", lang), start_query(lang))
    return [start] + [QueryTab(q.name, q.title, with_prefixes(q.query)) for q in named]
