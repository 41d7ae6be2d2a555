"""Server dialects for the remote store: what a SPARQL server does differently from the standard,
and how the remote store bridges it so that users see standard SPARQL 1.1 behaviour.

A dialect is an object (:class:`Dialect`) the remote store asks at every point where servers
differ; :class:`GenericDialect` (Oxigraph, anything standard) changes nothing, and every Virtuoso
departure lives in :class:`VirtuosoDialect` (measured on Debian's Virtuoso 7.2.5):

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
- syntax errors give a line and the offending token but no column: the column is computed;
- large graph replacements go through staging graphs and one switch (``staged.py``);
- ``FILTER NOT EXISTS`` with ``subClassOf*`` is answered wrongly, so validation runs on an
  in-memory copy (:attr:`Dialect.validate_on_copy`).

>>> v = VirtuosoDialect()
>>> print(v.rewrite_update("CLEAR ALL ; INSERT DATA { GRAPH <http://g> { _:a <http://p> 1 } }", ["http://h"]))
CLEAR SILENT GRAPH <http://h> ; CLEAR SILENT GRAPH <http://g> ; CLEAR SILENT GRAPH <urn:x-spbe:default-graph> ; INSERT { GRAPH <http://g> { _:a <http://p> 1 } } WHERE {}
>>> v.error_position("SELECT * WHERE {\\n  ?s ?p \\n}", "SPARQL compiler, line 3: syntax error at '}' before '}'")
(3, 2)
>>> make_dialect("auto", "Virtuoso/07.20.3229 (Linux)").name, make_dialect("oxigraph").name
('virtuoso', 'oxigraph')
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from . import sparql_text as st
from .base import StoreError
from .staged import needs_staging, staged_replace

if TYPE_CHECKING:
    from .remote import RemoteStore

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
_VPOS = re.compile(r"line (\d+): syntax error at '((?:[^']|'')*)'")
_PROBE = "urn:x-spbe:probe:tidak-ada-graf-ini"


class Dialect(Protocol):
    """What the remote store asks a server dialect. ``store`` is the :class:`RemoteStore` calling."""

    name: str
    validate_on_copy: bool  # validation runs on an in-memory copy (the server's answers are wrong)

    def hidden_graphs(self, system_graphs: Sequence[str]) -> tuple[str, ...]:
        """Graphs no query of the store may see (besides staging graphs of its own loads)."""
        ...

    def query_text(self, store: RemoteStore, sparql: str, has_dataset: bool) -> str:
        """The query to send (``has_dataset``: the protocol names default or named graphs)."""
        ...

    def update_request(self, store: RemoteStore, sparql: str, has_using: bool) -> tuple[str, list[tuple[str, str]]]:
        """The update to send and extra protocol parameters."""
        ...

    def replace_graphs(self, store: RemoteStore, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None: ...

    def named_graphs(self, store: RemoteStore) -> list[str]: ...

    def has_graph(self, store: RemoteStore, graph: str) -> bool: ...

    def triple_count(self, store: RemoteStore) -> int: ...

    def export_graph(self, store: RemoteStore, graph: str | None, fmt: ox.RdfFormat) -> bytes: ...

    def export_dataset(self, store: RemoteStore, fmt: ox.RdfFormat) -> bytes: ...

    def error_position(self, sparql: str, message: str) -> tuple[int, int] | None:
        """(line, column) of a syntax error message without a column, or ``None``."""
        ...


def _count(res) -> int:
    rows = list(res)
    return int(rows[0]["c"].value) if rows else 0


class GenericDialect:
    """A standard SPARQL 1.1 server (Oxigraph started with ``--union-default-graph``): nothing rewritten."""

    validate_on_copy = False

    def __init__(self, name: str = "generic") -> None:
        self.name = name
        self._tracks_graphs: bool | None = None  # does the server keep empty graphs? (probed once)

    def hidden_graphs(self, system_graphs: Sequence[str]) -> tuple[str, ...]:
        return tuple(system_graphs)

    def query_text(self, store, sparql, has_dataset):
        return sparql

    def update_request(self, store, sparql, has_using):
        return sparql, []

    def replace_graphs(self, store, graphs, quads):
        store.update(st.replace_update(graphs, quads))  # ONE request: atomic on a transactional server

    def _tracks(self, store) -> bool:
        if self._tracks_graphs is None:
            self._tracks_graphs = not bool(store.query(f"ASK {{ GRAPH <{_PROBE}> {{ }} }}"))
        return self._tracks_graphs

    def named_graphs(self, store):
        pattern = "{}" if self._tracks(store) else "{ ?s ?p ?o }"  # empty graphs too, where kept
        res = store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} }}")
        return sorted(s["g"].value for s in res if isinstance(s["g"], ox.NamedNode))

    def has_graph(self, store, graph):
        """Servers that keep empty graphs (Oxigraph) answer ``ASK { GRAPH <g> {} }`` exactly; on servers
        that answer it true for any IRI (found by probing once) a graph exists when it holds triples."""
        pattern = "{ }" if self._tracks(store) else "{ ?s ?p ?o }"
        return bool(store.query(f"ASK {{ GRAPH <{graph}> {pattern} }}"))

    def triple_count(self, store):
        return _count(store.query("SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def export_graph(self, store, graph, fmt):
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        return ox.serialize(list(store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")), format=fmt) or b""

    def export_dataset(self, store, fmt):
        res = store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return ox.serialize([ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in res], format=fmt) or b""

    def error_position(self, sparql, message):
        return None


class VirtuosoDialect:
    """Virtuoso 7.2.5 behind standard SPARQL 1.1 (see the module docstring for each difference)."""

    name = "virtuoso"
    validate_on_copy = True

    def hidden_graphs(self, system_graphs: Sequence[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*HIDDEN, *system_graphs)))

    def query_text(self, store, sparql, has_dataset):
        if has_dataset:
            return st.strip_dataset(sparql)  # the protocol's dataset replaces FROM (Virtuoso adds both)
        return self.scope_query(sparql, store.hidden)

    def update_request(self, store, sparql, has_using):
        sparql = self.rewrite_update(sparql, self._user_graphs(store), store.hidden)
        if not has_using and "USING" not in st.keywords(sparql):
            return sparql, [("default-graph-uri", DEFAULT_GRAPH)]  # where INSERT DATA without GRAPH goes
        return sparql, []

    def replace_graphs(self, store, graphs, quads):
        quads = list(quads)
        if needs_staging(quads):  # too large for one Virtuoso request: staging graphs + one switch
            staged_replace(store, graphs, quads, default_graph=DEFAULT_GRAPH)
        else:
            store.update(st.replace_update(graphs, quads))  # blank nodes: rewrite_update makes templates

    @staticmethod
    def _excluding(graphs) -> str:
        return " ".join(f"define input:named-graph-exclude <{g}>" for g in graphs) + " "

    def _user_graphs(self, store) -> list[str]:
        """Named graphs holding triples, without system and bookkeeping graphs."""
        res = store.raw_query(self.query_pragmas(False, True, store.hidden) + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [s["g"].value for s in res if isinstance(s["g"], ox.NamedNode)]

    def named_graphs(self, store):
        kept = store.raw_query(f"SELECT ?g WHERE {{ GRAPH <{GRAPHS_GRAPH}> {{ ?g <{EXISTS}> true }} }}")
        return sorted(set(self._user_graphs(store)) | {s["g"].value for s in kept if isinstance(s["g"], ox.NamedNode)})

    def has_graph(self, store, graph):
        # holds triples, or was created empty (recorded)
        return bool(store.raw_query(f"ASK {{ {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} UNION "
                                    f"{{ GRAPH <{GRAPHS_GRAPH}> {{ <{graph}> <{EXISTS}> true }} }} }}"))

    def triple_count(self, store):
        # user graphs incl. the default graph, no system graphs
        return _count(store.raw_query(self._excluding(store.hidden) + "SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def export_graph(self, store, graph, fmt):
        graph = DEFAULT_GRAPH if graph is None else graph
        triples = store.raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return ox.serialize(list(triples), format=fmt) or b""

    def export_dataset(self, store, fmt):
        # user graphs only; our default graph becomes the default graph
        res = store.raw_query(self._excluding(store.hidden) + "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        dflt = ox.NamedNode(DEFAULT_GRAPH)
        quads = [ox.Quad(s["s"], s["p"], s["o"], ox.DefaultGraph() if s["g"] == dflt else s["g"]) for s in res]
        return ox.serialize(quads, format=fmt) or b""

    @staticmethod
    def query_pragmas(exclude_default: bool, exclude_named: bool, hidden: Sequence[str] = HIDDEN) -> str:
        """Virtuoso ``define`` pragmas scoping a query to user graphs (one line: positions stay right)."""
        out = []
        if exclude_default:
            out += [f"define input:default-graph-exclude <{g}>" for g in hidden]
        if exclude_named:
            out += [f"define input:named-graph-exclude <{g}>" for g in (*hidden, DEFAULT_GRAPH)]
        return " ".join(out) + " " if out else ""

    @classmethod
    def scope_query(cls, sparql: str, hidden: Sequence[str] = HIDDEN) -> str:
        """A query whose union default graph (and named graphs) are the user graphs only. Virtuoso 7.2.5
        answers an explicit ``GRAPH <iri>`` with nothing once an exclude pragma is set, so a query
        naming a graph is sent as written (it reads that graph; its other patterns see every graph).

        >>> VirtuosoDialect.scope_query("SELECT * { GRAPH <http://g> { ?s ?p ?o } }")
        'SELECT * { GRAPH <http://g> { ?s ?p ?o } }'
        >>> VirtuosoDialect.scope_query("ASK {}").startswith("define input:default-graph-exclude")
        True
        """
        toks = list(st.tokens(sparql))
        if st.graph_iris([t for t in toks if t.lastgroup != "word" or t.group().upper() == "GRAPH"]):
            return sparql
        return cls.query_pragmas(True, True, hidden) + sparql

    @classmethod
    def rewrite_update(cls, sparql: str, user_graphs: Sequence[str], hidden: Sequence[str] = HIDDEN) -> str:
        """Rewrite one SPARQL update request for Virtuoso (see the module docstring).
        ``user_graphs``: the named user graphs that exist before the request."""
        toks = list(st.tokens(sparql))
        mentioned = list(dict.fromkeys([f"<{g}>" for g in user_graphs] + st.graph_iris(toks)))
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
                    edits.append((m.start(), toks[k].end(), cls._insert_templates(sparql, toks[i + 2:k + 1])))
                i = k + 1
                continue
            i += 1
        for a, b, text in sorted(edits, reverse=True):
            sparql = sparql[:a] + text + sparql[b:]
        return sparql

    @staticmethod
    def _insert_templates(sparql: str, block) -> str:
        """``INSERT DATA { … }`` (``block``: its tokens from ``{`` to ``}``) as one ``INSERT {…} WHERE {}``
        per graph: Virtuoso 7.2.5 fails ("string_output_string") or loses triples on a template with
        blank nodes in more than one graph. A blank node label used in several graphs becomes a skolem
        IRI (``urn:x-spbe:genid:…``) so it stays one node across the split.

        >>> u = "{ GRAPH <g> { _:a <p> _:b } GRAPH <h> { _:a <q> [] } <s> <p> 1 }"
        >>> for op in VirtuosoDialect._insert_templates(u, list(st.tokens(u))).split(" ; "): print(op)  # doctest: +ELLIPSIS
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

    @staticmethod
    def error_position(sparql: str, message: str) -> tuple[int, int] | None:
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


DIALECTS = ("generic", "virtuoso", "oxigraph")


def make_dialect(name: str, server_header: str | None = None) -> Dialect:
    """The dialect named in the settings; ``auto``: from the server's ``Server`` response header.

    >>> make_dialect("auto", None).name
    'generic'
    """
    if name == "auto":
        name = "virtuoso" if server_header and "virtuoso" in server_header.lower() else "generic"
    if name not in DIALECTS:
        raise StoreError(f"endpoint_dialect tidak dikenal / unknown endpoint_dialect: {name} (auto|generic|virtuoso|oxigraph)")
    return VirtuosoDialect() if name == "virtuoso" else GenericDialect(name)
