"""Server dialects for the remote store: what a SPARQL server does differently from the standard,
and how the remote store rewrites requests so that users see standard SPARQL 1.1 behaviour.

``generic`` (Oxigraph, anything standard) changes nothing. ``virtuoso`` (measured on Debian's
Virtuoso 7.2.5) bridges these differences:

- blank nodes are refused in ``INSERT DATA``: such blocks become ``INSERT {…} WHERE {}`` (the same
  meaning: one solution, fresh blank nodes);
- there is no separate default graph (an ``INSERT DATA`` without ``GRAPH`` is refused): the store's
  default graph is the graph :data:`DEFAULT_GRAPH`, sent as ``default-graph-uri`` with updates;
- ``CLEAR/DROP ALL|NAMED|DEFAULT`` do not clear user graphs: they are expanded to one
  ``CLEAR/DROP SILENT GRAPH`` per user graph (the graphs existing before the request plus every
  graph IRI the request names);
- the default graph of a query is the union of ALL graphs including Virtuoso's own system graphs:
  queries get ``define input:default-graph-exclude`` / ``named-graph-exclude`` pragmas for
  :data:`SYSTEM_GRAPHS` and our bookkeeping graphs;
- empty graphs do not exist: ``CREATE GRAPH g`` also records ``g`` in :data:`GRAPHS_GRAPH`
  (``DROP GRAPH g`` removes the record), so an empty graph created by the Graph Store Protocol
  exists until dropped;
- syntax errors give a line and the offending token but no column: the column is computed.

>>> print(virtuoso_update("CLEAR ALL ; INSERT DATA { GRAPH <http://g> { _:a <http://p> 1 } }", ["http://h"]))
CLEAR SILENT GRAPH <http://h> ; CLEAR SILENT GRAPH <http://g> ; CLEAR SILENT GRAPH <urn:x-spbe:default-graph> ; INSERT { GRAPH <http://g> { _:a <http://p> 1 } } WHERE {}
>>> virtuoso_position("SELECT * WHERE {\\n  ?s ?p \\n}", "SPARQL compiler, line 3: syntax error at '}' before '}'")
(3, 2)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from ..security import _TOKEN

DEFAULT_GRAPH = "urn:x-spbe:default-graph"
GRAPHS_GRAPH = "urn:x-spbe:graphs"  # records graphs created empty (Virtuoso keeps no empty graphs)
EXISTS = "urn:x-spbe:exists"
# exactly the graphs a fresh Debian Virtuoso 7.2.5 database holds (queried); a server with VAD
# packages installed has more: list them in settings.endpoint_system_graphs
SYSTEM_GRAPHS = (
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/sparql",
)
HIDDEN = SYSTEM_GRAPHS + (GRAPHS_GRAPH,)  # never part of a query's dataset (default of ``hidden``)

DIALECTS = ("generic", "virtuoso", "oxigraph")


def detect(server_header: str | None) -> str:
    """The dialect of a server from its ``Server`` response header.

    >>> detect("Virtuoso/07.20.3229 (Linux) x86_64-pc-linux-gnu"), detect(None)
    ('virtuoso', 'generic')
    """
    return "virtuoso" if server_header and "virtuoso" in server_header.lower() else "generic"


def query_pragmas(exclude_default: bool, exclude_named: bool, hidden: Sequence[str] = HIDDEN) -> str:
    """Virtuoso ``define`` pragmas scoping a query to user graphs (one line: positions stay right)."""
    out = []
    if exclude_default:
        out += [f"define input:default-graph-exclude <{g}>" for g in hidden]
    if exclude_named:
        out += [f"define input:named-graph-exclude <{g}>" for g in (*hidden, DEFAULT_GRAPH)]
    return " ".join(out) + " " if out else ""


def scope_query(sparql: str, hidden: Sequence[str] = HIDDEN) -> str:
    """A query whose union default graph (and named graphs) are the user graphs only. Virtuoso 7.2.5
    answers an explicit ``GRAPH <iri>`` with nothing once an exclude pragma is set, so a query
    naming a graph is sent as written (it reads that graph; its other patterns see every graph).

    >>> scope_query("SELECT * { GRAPH <http://g> { ?s ?p ?o } }")
    'SELECT * { GRAPH <http://g> { ?s ?p ?o } }'
    >>> scope_query("ASK {}").startswith("define input:default-graph-exclude")
    True
    """
    toks = [m for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment"]
    if _graph_iris([t for t in toks if t.lastgroup != "word" or t.group().upper() == "GRAPH"]):
        return sparql
    return query_pragmas(True, True, hidden) + sparql


def strip_dataset(sparql: str) -> str:
    """The query without its ``FROM`` / ``FROM NAMED`` clauses (the protocol's dataset wins; Virtuoso
    would add both).

    >>> strip_dataset('SELECT ?t FROM <http://d3> FROM NAMED e:x WHERE { ?s ?p "FROM <x>" }')
    'SELECT ?t   WHERE { ?s ?p "FROM <x>" }'
    """
    toks = [m for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment"]
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


def _graph_iris(toks) -> list[str]:
    """IRIs (as written) that follow GRAPH / INTO / WITH in a request."""
    out = []
    for k in range(len(toks) - 1):
        if toks[k].lastgroup == "word" and toks[k].group().upper() in ("GRAPH", "INTO", "WITH") \
                and toks[k + 1].lastgroup in ("iri", "pname"):
            out.append(toks[k + 1].group())
    return out


def virtuoso_update(sparql: str, user_graphs: Sequence[str], hidden: Sequence[str] = HIDDEN) -> str:
    """Rewrite one SPARQL update request for Virtuoso (see the module docstring).
    ``user_graphs``: the named user graphs that exist before the request."""
    toks = [m for m in _TOKEN.finditer(sparql) if m.lastgroup != "comment"]
    mentioned = list(dict.fromkeys([f"<{g}>" for g in user_graphs] + _graph_iris(toks)))
    mentioned = [g for g in mentioned if g[1:-1] not in (*hidden, DEFAULT_GRAPH)]
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
    depth = 0
    i = 0
    while i < len(toks):
        m = toks[i]
        kind, word = m.lastgroup, m.group().upper()
        if kind == "other" and m.group() == "{":
            depth += 1
        elif kind == "other" and m.group() == "}":
            depth -= 1
        elif depth == 0 and kind == "word" and word in ("CLEAR", "DROP", "CREATE"):
            j = i + 1
            if j < len(toks) and toks[j].group().upper() == "SILENT":
                j += 1
            if j >= len(toks):
                break
            what = toks[j].group().upper()
            end = toks[j].end()
            if what in ("ALL", "NAMED", "DEFAULT") and word != "CREATE":
                graphs = [] if what == "DEFAULT" else list(mentioned)
                if what in ("ALL", "DEFAULT"):
                    graphs.append(f"<{DEFAULT_GRAPH}>")
                ops = [f"{word} SILENT GRAPH {g}" for g in graphs]
                if word == "DROP" and what != "DEFAULT":
                    ops.append(f"CLEAR SILENT GRAPH <{GRAPHS_GRAPH}>")
                edits.append((m.start(), end, " ; ".join(ops) or f"CLEAR SILENT GRAPH <{GRAPHS_GRAPH}-none>"))
            elif what == "GRAPH" and j + 1 < len(toks) and word in ("CREATE", "DROP"):
                g = toks[j + 1].group()
                rec = f"GRAPH <{GRAPHS_GRAPH}> {{ {g} <{EXISTS}> true }}"
                tail = f" ; INSERT DATA {{ {rec} }}" if word == "CREATE" else f" ; DELETE DATA {{ {rec} }}"
                edits.append((toks[j + 1].end(), toks[j + 1].end(), tail))
                i = j + 2
                continue
            i = j + 1
            continue
        elif depth == 0 and kind == "word" and word == "INSERT" and i + 2 < len(toks) \
                and toks[i + 1].group().upper() == "DATA" and toks[i + 2].group() == "{":
            # find the block's end; rewrite when it holds a blank node
            d, k, bnode = 0, i + 2, False
            while k < len(toks):
                t = toks[k].group()
                if toks[k].lastgroup == "other" and t == "{":
                    d += 1
                elif toks[k].lastgroup == "other" and t == "}":
                    d -= 1
                    if d == 0:
                        break
                elif (toks[k].lastgroup == "word" and t == "_") or (toks[k].lastgroup == "other" and t == "["):
                    bnode = True
                k += 1
            if bnode and k < len(toks):
                edits.append((m.start(), toks[k].end(), _insert_templates(sparql, toks[i + 2:k + 1])))
            i = k + 1
            continue
        i += 1
    for a, b, text in sorted(edits, reverse=True):
        sparql = sparql[:a] + text + sparql[b:]
    return sparql


def _insert_templates(sparql: str, block) -> str:
    """``INSERT DATA { … }`` (``block``: its tokens from ``{`` to ``}``) as one ``INSERT {…} WHERE {}``
    per graph: Virtuoso 7.2.5 fails ("string_output_string") or loses triples on a template with
    blank nodes in more than one graph. A blank node label used in several graphs becomes a skolem
    IRI (``urn:x-spbe:genid:…``) so it stays one node across the split.

    >>> u = "{ GRAPH <g> { _:a <p> _:b } GRAPH <h> { _:a <q> [] } <s> <p> 1 }"
    >>> for op in _insert_templates(u, list(_TOKEN.finditer(u))).split(" ; "): print(op)  # doctest: +ELLIPSIS
    INSERT { GRAPH <g> { <urn:x-spbe:genid:...:a> <p> _:b } } WHERE {}
    INSERT { GRAPH <h> { <urn:x-spbe:genid:...:a> <q> [] } } WHERE {}
    INSERT { <s> <p> 1 } WHERE {}
    """
    body = [t for t in block if t.lastgroup != "comment"][1:-1]
    segments: list[list] = []  # tokens of one graph block (GRAPH x { … }) or of the loose triples
    loose: list = []
    i = 0
    while i < len(body):
        if body[i].lastgroup == "word" and body[i].group().upper() == "GRAPH":
            j, d = i + 1, 0
            while j < len(body):
                if body[j].lastgroup == "other" and body[j].group() == "{":
                    d += 1
                elif body[j].lastgroup == "other" and body[j].group() == "}":
                    d -= 1
                    if d == 0:
                        break
                j += 1
            segments.append(body[i:j + 1])
            i = j + 1
            continue
        loose.append(body[i])
        i += 1
    if loose:
        segments.append(loose)

    def bnode_at(seg, n):  # the label when seg[n], seg[n+1] are `_` `:label` written together
        if n + 1 < len(seg) and seg[n].group() == "_" and seg[n + 1].lastgroup == "pname" \
                and seg[n + 1].start() == seg[n].end() and seg[n + 1].group().startswith(":"):
            return seg[n + 1].group()[1:]
        return None

    labels: dict[str, set[int]] = {}
    for n, seg in enumerate(segments):
        for k in range(len(seg)):
            if (lab := bnode_at(seg, k)) is not None:
                labels.setdefault(lab, set()).add(n)
    run = uuid.uuid4().hex
    ops = []
    for seg in segments:
        # the original text of each run of adjacent tokens, shared labels replaced by skolem IRIs
        out, k, last = [], 0, None
        while k < len(seg):
            lab = bnode_at(seg, k)
            if lab is not None and len(labels[lab]) > 1:
                text, end = f"<urn:x-spbe:genid:{run}:{lab}>", seg[k + 1].end()
                start, k = seg[k].start(), k + 2
            else:
                text, start, end, k = seg[k].group(), seg[k].start(), seg[k].end(), k + 1
            if last is not None and start > last:
                out.append(sparql[last:start])
            elif last is not None and start < last:
                out.append(" ")
            out.append(text)
            last = end
        ops.append("INSERT { " + "".join(out) + " } WHERE {}")
    return " ; ".join(ops) or "INSERT DATA { }"


_VPOS = re.compile(r"line (\d+): syntax error at '((?:[^']|'')*)'")


def virtuoso_position(sparql: str, message: str) -> tuple[int, int] | None:
    """(line, column) of a Virtuoso syntax error: its line, and the 1-based column just after the
    token it names (the first occurrence on that line; the convention of Oxigraph's positions)."""
    m = _VPOS.search(message)
    if not m:
        return None
    line_no, token = int(m.group(1)), m.group(2)
    lines = sparql.split("\n")
    if not 1 <= line_no <= len(lines):
        return line_no, 1
    at = lines[line_no - 1].find(token)
    return line_no, (at + len(token) + 1) if at >= 0 else 1
