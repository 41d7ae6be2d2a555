"""Serialising query results with a row cap and a deadline.

Two writers (issue 13; measured in benchmarks/results/profile-sparql.md):

- **native** (:func:`serialize_native`): pyoxigraph writes the result itself
  (``QuerySolutions.serialize`` / ``QueryTriples.serialize``), no Python object per term, into a
  byte *budget* (``max_rows * BYTES_PER_ROW``) that cuts it off when exceeded; when the body is
  big enough to hold more than ``max_rows`` rows, its rows are counted (pyoxigraph's parser).
  Over budget or over the row cap, it answers ``None`` and the caller runs the query again
  through the capped writer. Memory stays bounded by the budget either way.
- **capped** (:func:`serialize`): solutions and booleans written here, so the row cap and the
  deadline are checked while writing (and ``X-Result-Truncated`` can be set); graphs
  (CONSTRUCT/DESCRIBE) go through pyoxigraph's RDF serialisers after capping the triples.

>>> import pyoxigraph as ox
>>> s = ox.Store(); s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x, y")))
>>> out = serialize(s.query("SELECT ?o WHERE { ?s ?p ?o }"), "text/csv", max_rows=10)
>>> out.body
b'o\\r\\n"x, y"\\r\\n'
>>> serialize(s.query("ASK { ?s ?p ?o }"), "application/sparql-results+json").body
b'{"head": {}, "boolean": true}'
>>> serialize_native(s.query("SELECT ?o WHERE { ?s ?p ?o }"), "text/csv", max_rows=10).body
b'o\\r\\n"x, y"\\r\\n'
>>> serialize_native(s.query("SELECT ?o WHERE { ?s ?p ?o }"), "text/csv", max_rows=0) is None  # over the cap
True
"""

from __future__ import annotations

import csv
import io
import json
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..store.base import QueryTimeout

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"

#: media types offered for solutions and booleans, in server preference order (aliases last)
SOLUTION_TYPES: dict[str, str] = {
    JSON: JSON, XML: XML, CSV: CSV, TSV: TSV,
    "application/json": JSON, "application/xml": XML, "text/xml": XML,
}
BOOLEAN_TYPES: dict[str, str] = {JSON: JSON, XML: XML, "application/json": JSON, "application/xml": XML, "text/xml": XML}

#: media types offered for graphs
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/n3": ox.RdfFormat.N3,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}

CHECK_EVERY = 512  # rows between deadline checks

#: pyoxigraph's own writers for solutions, and for graphs in the triple formats
NATIVE_SOLUTIONS = {JSON: ox.QueryResultsFormat.JSON, XML: ox.QueryResultsFormat.XML,
                    CSV: ox.QueryResultsFormat.CSV, TSV: ox.QueryResultsFormat.TSV}
NATIVE_GRAPHS = {ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.RDF_XML}
#: fewest bytes one more row can add to a body (below ``(max_rows + 1)`` times this, no count is needed)
MIN_ROW_BYTES = {JSON: 2, XML: 8, CSV: 2, TSV: 1}
BYTES_PER_ROW = 512  # the native writer's budget is max_rows times this (bounded memory)


@dataclass
class Serialized:
    media_type: str
    body: bytes
    rows: int
    truncated: bool = False


def offers_for(result) -> tuple[str, ...]:
    if isinstance(result, ox.QuerySolutions):
        return _SOLUTION_OFFERS
    if isinstance(result, ox.QueryBoolean):
        return _BOOLEAN_OFFERS
    return _GRAPH_OFFERS


def _content_type(media_type: str) -> str:
    known = _CONTENT_TYPES.get(media_type)
    if known is not None:
        return known
    if media_type.startswith("text/") or media_type.endswith(("json", "xml", "turtle", "trig", "triples", "quads")):
        return f"{media_type}; charset=utf-8"
    return media_type


_SOLUTION_OFFERS, _BOOLEAN_OFFERS, _GRAPH_OFFERS = tuple(SOLUTION_TYPES), tuple(BOOLEAN_TYPES), tuple(GRAPH_TYPES)
_CONTENT_TYPES: dict[str, str] = {}  # the Content-Type of every offer, made once (issue 13: on every answer)
_CONTENT_TYPES.update((m, _content_type(m)) for m in _SOLUTION_OFFERS + _BOOLEAN_OFFERS + _GRAPH_OFFERS)


def serialize(result, media_type: str, *, max_rows: int | None = None, deadline: float | None = None) -> Serialized:
    """Write ``result`` as ``media_type`` (one of :func:`offers_for`)."""
    if isinstance(result, ox.QueryBoolean):
        return Serialized(_content_type(media_type), _boolean(bool(result), BOOLEAN_TYPES[media_type]), 1)
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, SOLUTION_TYPES[media_type], media_type, max_rows, deadline)
    triples = []
    truncated = False
    for i, t in enumerate(result):
        if max_rows is not None and i >= max_rows:
            truncated = True
            break
        if i % CHECK_EVERY == 0:
            _check(deadline)
        triples.append(t)
    fmt = GRAPH_TYPES[media_type]
    body = ox.serialize(triples, format=fmt) if triples else b""
    return Serialized(_content_type(media_type), body or b"", len(triples), truncated)


class _OverBudget(Exception):
    pass


class _Budget:
    """A binary sink for pyoxigraph's writers that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.parts: list[bytes] = []

    def write(self, b) -> int:
        self.size += len(b)
        if self.size > self.limit:
            raise _OverBudget
        self.parts.append(bytes(b))
        return len(b)

    def flush(self) -> None:
        pass


def native_media(result, media_type: str) -> bool:
    """Can pyoxigraph write ``result`` as ``media_type`` itself?"""
    if isinstance(result, ox.QuerySolutions):
        return True
    return isinstance(result, ox.QueryTriples) and GRAPH_TYPES.get(media_type) in NATIVE_GRAPHS


def serialize_native(result, media_type: str, *, max_rows: int | None = None,
                     budget: int | None = None) -> Serialized | None:
    """``result`` written by pyoxigraph as ``media_type`` (see :func:`native_media`), or ``None``
    when it has more than ``max_rows`` rows or would exceed the byte budget (``result`` is then
    consumed: run the query again through :func:`serialize`). The budget is ``budget`` bytes if
    given, else ``max_rows * BYTES_PER_ROW``."""
    solutions = isinstance(result, ox.QuerySolutions)
    fmt = NATIVE_SOLUTIONS[SOLUTION_TYPES[media_type]] if solutions else GRAPH_TYPES[media_type]
    if budget is None:
        budget = max_rows * BYTES_PER_ROW if max_rows is not None else 1 << 62
    sink = _Budget(budget)
    try:
        result.serialize(sink, format=fmt)
    except _OverBudget:
        return None
    body = b"".join(sink.parts)
    rows = -1  # not counted
    if max_rows is not None:
        least = MIN_ROW_BYTES[SOLUTION_TYPES[media_type]] if solutions else 1
        if len(body) >= least * (max_rows + 1):
            rows = _count(body, fmt, solutions)
            if rows > max_rows:
                return None
    return Serialized(_content_type(media_type), body, rows)


def _count(body: bytes, fmt, solutions: bool) -> int:
    """Rows of a body pyoxigraph wrote (CSV, which pyoxigraph cannot read back: Python's csv)."""
    if fmt == ox.QueryResultsFormat.CSV:
        return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8"), newline=""))) - 1
    if solutions:
        return len(list(ox.parse_query_results(body, format=fmt)))  # type: ignore[arg-type]
    return sum(1 for _ in ox.parse(body, format=fmt))


def _check(deadline: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise QueryTimeout("timeout")


def _boolean(value: bool, kind: str) -> bytes:
    if kind == JSON:
        return json.dumps({"head": {}, "boolean": value}).encode()
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
        f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n"
    ).encode()


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate), "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate><object>{_xml_term(t.object)}</object></triple>"


def _csv_value(t) -> str:
    v = ("_:" + t.value) if isinstance(t, ox.BlankNode) else getattr(t, "value", str(t))
    if any(c in v for c in ',"\r\n'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def _tsv_value(t) -> str:
    return str(t).replace("\t", "\\t")


class _Capped:
    """The solutions of a result, at most ``max_rows`` of them, checking the deadline as it goes;
    ``rows`` and ``truncated`` tell afterwards what was taken."""

    def __init__(self, result, max_rows, deadline) -> None:
        self.result, self.max_rows, self.deadline = result, max_rows, deadline
        self.rows = 0
        self.truncated = False

    def __iter__(self):
        for sol in self.result:
            if self.max_rows is not None and self.rows >= self.max_rows:
                self.truncated = True
                return
            if self.rows % CHECK_EVERY == 0:
                _check(self.deadline)
            self.rows += 1
            yield sol


def _solutions(result: ox.QuerySolutions, kind: str, media_type: str, max_rows, deadline) -> Serialized:
    names = [v.value for v in result.variables]
    capped = _Capped(result, max_rows, deadline)
    if kind == JSON:
        bindings = [{n: _json_term(sol[n]) for n in names if sol[n] is not None} for sol in capped]
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
        return Serialized(_content_type(media_type), body.encode(), capped.rows, capped.truncated)
    parts: list[str] = []
    if kind == XML:
        parts.append('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
        parts.extend(f"<variable name={quoteattr(n)}/>" for n in names)
        parts.append("</head>\n<results>\n")
    elif kind == CSV:
        parts.append(",".join(names) + "\r\n")
    else:
        parts.append("\t".join("?" + n for n in names) + "\n")
    for sol in capped:
        if kind == XML:
            parts.append("<result>")
            for n in names:
                t = sol[n]
                if t is not None:
                    parts.append(f"<binding name={quoteattr(n)}>{_xml_term(t)}</binding>")
            parts.append("</result>\n")
        elif kind == CSV:
            parts.append(",".join("" if sol[n] is None else _csv_value(sol[n]) for n in names) + "\r\n")
        else:
            parts.append("\t".join("" if sol[n] is None else _tsv_value(sol[n]) for n in names) + "\n")
    if kind == XML:
        parts.append("</results>\n</sparql>\n")
    return Serialized(_content_type(media_type), "".join(parts).encode(), capped.rows, capped.truncated)
