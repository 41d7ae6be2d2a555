"""SPARQL request text helpers of the store layer: one tokeniser, and what is read or rewritten with it.

The tokeniser (:data:`TOKEN`) splits SPARQL text into comments, strings, IRIs, variables, prefixed
names, words and single characters, so keywords inside strings, IRIs or comments are never taken for
keywords. Backends use these helpers to read a request (its form, its ``FROM`` clauses) and to write
the updates they send (``replace_update``, ``inject_using``); the HTTP security module reads
``SERVICE``/``LOAD`` targets with the same tokeniser.

>>> [m.lastgroup for m in tokens('SELECT ?s { ?s a "x" } # c')]
['word', 'var', 'other', 'var', 'word', 'str', 'other']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

from .base import StoreError

TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<str>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][^\s(){}.,;]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\-.\u00C0-\uFFFF]*)?:[^\s{}()<>,;]*)
  | (?P<word>[A-Za-z_]+)
  | (?P<other>\S)
    """,
    re.X,
)


def tokens(sparql: str, *, comments: bool = False) -> Iterator[re.Match]:
    """The tokens of ``sparql`` (``m.lastgroup`` is the kind), comments left out unless asked for."""
    return (m for m in TOKEN.finditer(sparql) if comments or m.lastgroup != "comment")


def graph_iris(toks: Sequence[re.Match]) -> list[str]:
    """IRIs (as written) that follow GRAPH / INTO / WITH in a request's tokens."""
    out = []
    for k in range(len(toks) - 1):
        if toks[k].lastgroup == "word" and toks[k].group().upper() in ("GRAPH", "INTO", "WITH") \
                and toks[k + 1].lastgroup in ("iri", "pname"):
            out.append(toks[k + 1].group())
    return out


def keywords(sparql: str) -> set[str]:
    """Upper-case keywords of a query outside strings, IRIs and comments.

    >>> sorted(keywords('SELECT * FROM <http://g> WHERE { ?s ?p "from" } # WITH'))
    ['FROM', 'SELECT', 'WHERE']
    """
    return {m.group().upper() for m in TOKEN.finditer(sparql) if m.lastgroup == "word"}


def dataset_clauses(sparql: str) -> tuple[list[str], list[str]]:
    """The query's ``FROM`` and ``FROM NAMED`` IRIs (prefixed names resolved).

    >>> dataset_clauses('PREFIX g: <http://g/> SELECT * FROM g:1 FROM NAMED <http://g/2> WHERE { ?s ?p "FROM <x>" }')
    (['http://g/1'], ['http://g/2'])
    """
    prefixes: dict[str, str] = {}
    toks = [(m.lastgroup, m.group()) for m in tokens(sparql)]
    default: list[str] = []
    named: list[str] = []
    for i, (kind, text) in enumerate(toks):
        if kind == "word" and text.upper() == "PREFIX" and i + 2 < len(toks) and toks[i + 2][0] == "iri":
            prefixes[toks[i + 1][1].split(":")[0]] = toks[i + 2][1][1:-1]
        if kind == "word" and text.upper() == "FROM" and i + 1 < len(toks):
            j, target = i + 1, default
            if toks[j][0] == "word" and toks[j][1].upper() == "NAMED":
                j, target = j + 1, named
            if j < len(toks):
                tk, tt = toks[j]
                if tk == "iri":
                    target.append(tt[1:-1])
                elif tk == "pname":
                    pfx, _, local = tt.partition(":")
                    target.append(prefixes.get(pfx, "") + local)
    return default, named


def top_level_where_offsets(sparql: str) -> list[int]:
    """Offsets of the ``WHERE`` keywords that open an update operation's pattern (brace depth 0),
    excluding the ``DELETE WHERE`` shorthand, which takes no ``USING``.

    >>> u = "DELETE { ?s ?p ?o } WHERE { { SELECT ?s WHERE { ?s ?p ?o } } } ; DELETE WHERE { ?a ?b ?c }"
    >>> top_level_where_offsets(u)
    [20]
    """
    out = []
    depth = 0
    prev = ""
    for m in TOKEN.finditer(sparql):
        kind, text = m.lastgroup, m.group()
        if kind == "other" and text == "{":
            depth += 1
        elif kind == "other" and text == "}":
            depth -= 1
        elif kind == "word" and text.upper() == "WHERE" and depth == 0 and prev != "DELETE":
            out.append(m.start())
        if kind != "comment":
            prev = text.upper()
    return out


def query_form(sparql: str) -> str | None:
    """``SELECT`` / ``CONSTRUCT`` / ``DESCRIBE`` / ``ASK`` (the first one outside strings/IRIs/comments).

    >>> query_form('PREFIX s: <http://ASK/> # SELECT' + chr(10) + 'CONSTRUCT WHERE { ?s ?p "ASK" }')
    'CONSTRUCT'
    """
    for m in TOKEN.finditer(sparql):
        if m.lastgroup == "word" and m.group().upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            return m.group().upper()
    return None


def strip_dataset(sparql: str) -> str:
    """The query without its ``FROM`` / ``FROM NAMED`` clauses (the protocol's dataset wins; Virtuoso
    would add both).

    >>> strip_dataset('SELECT ?t FROM <http://d3> FROM NAMED e:x WHERE { ?s ?p "FROM <x>" }')
    'SELECT ?t   WHERE { ?s ?p "FROM <x>" }'
    """
    toks = [m for m in TOKEN.finditer(sparql) if m.lastgroup != "comment"]
    cut: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        m = toks[i]
        if m.lastgroup == "word" and m.group().upper() == "FROM" and i + 1 < len(toks):
            j = i + 1
            if toks[j].lastgroup == "word" and toks[j].group().upper() == "NAMED":
                j += 1
            if j < len(toks) and toks[j].lastgroup in ("iri", "pname"):
                cut.append((m.start(), toks[j].end()))
                i = j + 1
                continue
        i += 1
    for a, b in reversed(cut):
        sparql = sparql[:a] + sparql[b:]
    return sparql


def replace_update(graphs: Sequence[str | None], quads: Iterable[ox.Quad], *, create: bool = False,
                   template_for_bnodes: bool = False) -> str:
    """The single SPARQL update that replaces ``graphs`` (``None``: the default graph) with ``quads``;
    ``create`` keeps the named graphs in existence even when no quad lands in them;
    ``template_for_bnodes`` writes ``INSERT {...} WHERE {}`` when there are blank nodes (Virtuoso).

    >>> q = ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g"))
    >>> print(replace_update(["http://e/g"], [q]))
    DROP SILENT GRAPH <http://e/g> ;
    INSERT DATA {
    GRAPH <http://e/g> {
    <http://e/s> <http://e/p> "o" .
    }
    }
    """
    by_graph: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Triple]] = {}
    for q in quads:
        by_graph.setdefault(q.graph_name, []).append(q.triple)
    ops = ["DROP SILENT DEFAULT" if g is None else f"DROP SILENT GRAPH <{g}>" for g in graphs]
    if create:
        ops += [f"CREATE SILENT GRAPH <{g}>" for g in graphs if g is not None]
    blocks = []
    for g, triples in by_graph.items():
        body = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
        if isinstance(g, ox.DefaultGraph):
            blocks.append(body)
        elif isinstance(g, ox.BlankNode):
            raise StoreError("a blank node cannot name a graph in a load")
        else:
            blocks.append(f"GRAPH {g} {{\n{body}}}")
    if blocks:
        if template_for_bnodes and any(isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode)
                                       for ts in by_graph.values() for t in ts):
            # Virtuoso refuses blank nodes in INSERT DATA; a template with an empty WHERE is equivalent
            ops.append("INSERT {\n" + "\n".join(blocks) + "\n} WHERE {}")
        else:
            ops.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(ops) or "CLEAR SILENT GRAPH <urn:x-spbe:none>"


def inject_using(sparql: str, using: Iterable[str], using_named: Iterable[str]) -> str:
    """Add USING / USING NAMED clauses before each WHERE of a DELETE/INSERT operation (protocol
    ``using-graph-uri`` / ``using-named-graph-uri``).

    >>> inject_using("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g"], [])
    'DELETE { ?s ?p ?o } USING <http://g> WHERE { ?s ?p ?o }'
    >>> inject_using("INSERT { ?s a ?t } WHERE { { SELECT ?s ?t WHERE { ?s a ?t } } }", [], ["http://n"])
    'INSERT { ?s a ?t } USING NAMED <http://n> WHERE { { SELECT ?s ?t WHERE { ?s a ?t } } }'
    """
    clause = "".join(f"USING <{g}> " for g in using) + "".join(f"USING NAMED <{g}> " for g in using_named)
    for at in reversed(top_level_where_offsets(sparql)):
        sparql = sparql[:at] + clause + sparql[at:]
    return sparql
