"""A remote SPARQL 1.1 server behind the storage protocol (httpx; query, update, Graph Store URLs).

Answers are parsed into pyoxigraph objects (``parse_query_results`` for solutions/booleans; graphs
come back as a list of ``Triple``), so callers cannot tell the backends apart. Start Oxigraph with
``--union-default-graph``. Virtuoso departs from SPARQL 1.1 in several ways; its requests are
rewritten by the ``virtuoso`` dialect (``dialect.py``; detected from the ``Server`` header, or
``settings.endpoint_dialect``).

``replace_graphs`` is ONE update request (``DROP SILENT GRAPH ...; INSERT DATA {...}``): atomic on
servers that run a request as one transaction (Oxigraph does; Virtuoso runs it in one transaction
in its default autocommit-per-request mode, see docs/sparql-endpoint.md). On Virtuoso a load larger
than one request can hold goes through staging graphs and one short switch (``staged.py``).
"""

from __future__ import annotations

import re
import threading
from urllib.parse import urlencode
from collections.abc import Iterable, Sequence

import httpx
import pyoxigraph as ox

from . import dialect as dl
from .base import QueryTimeout, StoreError, StoreSyntaxError
from .embedded import replace_update
from .staged import needs_staging, staged_replace

ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, "
          "application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5")
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
_POS = re.compile(r"(?:line|at) (\d+)(?::|, column |\s*column\s*)(\d+)", re.I)

_RESULT_FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def _excluding(graphs) -> str:
    return " ".join(f"define input:named-graph-exclude <{g}>" for g in graphs) + " "


class RemoteStore:
    kind = "remote"

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None, *,
                 user: str | None = None, password: str | None = None, timeout_s: float = 60.0,
                 headers: dict | None = None, dialect: str = "auto",
                 system_graphs: Sequence[str] = ()) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.store_url = store_url
        self.timeout_s = timeout_s
        auth = httpx.DigestAuth(user, password) if user and password and "sparql-auth" in self.update_url else (
            httpx.BasicAuth(user, password) if user and password else None)
        self._tracks_graphs: bool | None = None
        self._client = httpx.Client(timeout=timeout_s, auth=auth, headers=headers or {})
        if dialect not in ("auto",) + dl.DIALECTS:
            raise StoreError(f"endpoint_dialect tidak dikenal / unknown endpoint_dialect: {dialect} (auto|generic|virtuoso|oxigraph)")
        self._dialect = None if dialect == "auto" else dialect
        self._hidden = tuple(dict.fromkeys((*dl.HIDDEN, *system_graphs)))  # Virtuoso graphs no query sees
        self._staging: tuple[str, ...] = ()  # staging graphs of this store's loads in progress (hidden too)
        self._staging_lock = threading.Lock()

    @property
    def hidden(self) -> tuple[str, ...]:
        """Graphs no query of this store sees: Virtuoso's system graphs, our bookkeeping graph, and the
        staging graphs of loads in progress through this store (other clients do see those)."""
        return self._hidden + self._staging

    def hide_staging(self, graphs: Sequence[str], hide: bool = True) -> None:
        with self._staging_lock:
            self._staging = tuple(g for g in self._staging if g not in graphs) + (tuple(graphs) if hide else ())

    @property
    def dialect(self) -> str:
        """``virtuoso`` or ``generic``/``oxigraph``: from the settings, or detected once from the
        server's ``Server`` header (see ``dialect.py``)."""
        if self._dialect is None:
            r = self._post(self.query_url, [("query", "ASK {}")], accept="application/sparql-results+json", raw=True)
            self._dialect = dl.detect(r.headers.get("server"))
        return self._dialect

    @classmethod
    def from_settings(cls, settings) -> RemoteStore:
        if not settings.endpoint_query_url:
            raise StoreError("store=remote memerlukan endpoint_query_url / store=remote needs endpoint_query_url")
        return cls(settings.endpoint_query_url, settings.endpoint_update_url, settings.endpoint_store_url,
                   user=settings.endpoint_user, password=settings.endpoint_password, timeout_s=settings.remote_timeout_s,
                   dialect=settings.endpoint_dialect, system_graphs=settings.endpoint_system_graphs)

    # --- HTTP ----------------------------------------------------------------------------------
    def _post(self, url: str, data: list[tuple[str, str]], *, accept: str | None = None, timeout: float | None = None,
              raw: bool = False):
        try:
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            if accept:
                headers["Accept"] = accept
            r = self._client.post(url, content=urlencode(data).encode(), headers=headers, timeout=timeout or self.timeout_s)
        except httpx.TimeoutException as e:
            raise QueryTimeout(f"server jarak jauh tidak menjawab dalam {timeout or self.timeout_s} s / remote timeout") from e
        except httpx.HTTPError as e:
            raise StoreError(f"server jarak jauh tidak dapat dihubungi / remote server unreachable: {url} ({type(e).__name__})") from e
        if r.status_code == 400 and not raw:
            msg = " ".join(r.text.split())[:500]
            m = _POS.search(msg)
            if m:
                raise StoreSyntaxError(msg, int(m.group(1)), int(m.group(2)))
            pos = dl.virtuoso_position(dict(data).get("query") or dict(data).get("update") or "", msg)
            raise StoreSyntaxError(msg, *pos) if pos else StoreSyntaxError(msg)
        if r.status_code >= 300 and not raw:
            raise StoreError(f"server jarak jauh menjawab / remote server answered {r.status_code}: {' '.join(r.text.split())[:300]}")
        return r

    # --- protocol ------------------------------------------------------------------------------
    def query(self, sparql, *, default_graphs=None, named_graphs=None, union_default=True, timeout_s=None):
        from ..security import dataset_clauses, query_form

        if not default_graphs and not named_graphs and not union_default:
            # a union-default server (Oxigraph --union-default-graph) ignores FROM: say it in the protocol
            default_graphs, named_graphs = dataset_clauses(sparql)
        if self.dialect == "virtuoso":
            if default_graphs or named_graphs:
                sparql = dl.strip_dataset(sparql)  # the protocol's dataset replaces FROM (Virtuoso adds both)
            else:
                sparql = dl.scope_query(sparql, self.hidden)
        return self._query(sparql, default_graphs, named_graphs, timeout_s)

    def _query(self, sparql, default_graphs=None, named_graphs=None, timeout_s=None):
        """The query as written, with no dialect rewriting (internal queries name their graphs)."""
        from ..security import query_form

        data = [("query", sparql)]
        data += [("default-graph-uri", g) for g in default_graphs or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        graph = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        r = self._post(self.query_url, data, accept=GRAPH_ACCEPT if graph else ACCEPT, timeout=timeout_s)
        ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype in _RESULT_FORMATS:
                body = r.content
                if b"nodeID://" in body:  # Virtuoso's blank node ids are not valid labels
                    body = body.replace(b'"type": "bnode", "value": "nodeID://', b'"type": "bnode", "value": "')
                    body = body.replace(b"<bnode>nodeID://", b"<bnode>")
                return ox.parse_query_results(body, format=_RESULT_FORMATS[ctype])
            fmt = ox.RdfFormat.from_media_type(ctype) or (ox.RdfFormat.N_TRIPLES if ctype == "text/plain" else None)
            if fmt is None:
                raise StoreError(f"jenis jawaban tidak dikenal / unknown answer type from the remote server: {ctype}")
            return [q.triple for q in ox.parse(r.content, format=fmt)]
        except SyntaxError as e:
            raise StoreError(f"jawaban server jarak jauh tidak terbaca / unreadable remote answer: {e}") from e

    def update(self, sparql, *, using_graphs=None, using_named_graphs=None):
        from ..security import keywords

        extra = []
        if self.dialect == "virtuoso":
            sparql = dl.virtuoso_update(sparql, self._user_graphs(), self.hidden)
            if not using_graphs and not using_named_graphs and not {"USING"} & keywords(sparql):
                extra = [("default-graph-uri", dl.DEFAULT_GRAPH)]  # where INSERT DATA without GRAPH goes
        data = [("update", sparql)] + extra
        data += [("using-graph-uri", g) for g in using_graphs or ()]
        data += [("using-named-graph-uri", g) for g in using_named_graphs or ()]
        self._post(self.update_url, data)

    def raw_update(self, sparql: str) -> None:
        """An update sent as written (no dialect rewriting, no dataset parameters)."""
        self._post(self.update_url, [("update", sparql)])

    def replace_graphs(self, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None:
        if self.dialect == "virtuoso":
            quads = list(quads)
            if needs_staging(quads):  # too large for one Virtuoso request: staging graphs + one switch
                staged_replace(self, graphs, quads, default_graph=dl.DEFAULT_GRAPH)
                return
        self.update(replace_update(graphs, quads))  # blank nodes: the dialect rewrites INSERT DATA

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.update(replace_update([], quads))

    def _user_graphs(self) -> list[str]:
        """Virtuoso: named graphs holding triples, without system and bookkeeping graphs."""
        res = self._query(dl.query_pragmas(False, True, self.hidden) + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return [s["g"].value for s in res if isinstance(s["g"], ox.NamedNode)]

    def named_graphs(self) -> list[str]:
        if self.dialect == "virtuoso":
            kept = self._query(f"SELECT ?g WHERE {{ GRAPH <{dl.GRAPHS_GRAPH}> {{ ?g <{dl.EXISTS}> true }} }}")
            return sorted(set(self._user_graphs()) | {s["g"].value for s in kept if isinstance(s["g"], ox.NamedNode)})
        if self._tracks_graphs is None:
            self.has_graph("urn:x-spbe:probe:tidak-ada-graf-ini")  # sets _tracks_graphs
        pattern = "{}" if self._tracks_graphs else "{ ?s ?p ?o }"  # empty graphs too, where kept
        res = self.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {pattern} }}")
        return sorted(s["g"].value for s in res if isinstance(s["g"], ox.NamedNode))

    def has_graph(self, graph: str | None) -> bool:
        """Whether the named graph exists. Servers that keep empty graphs (Oxigraph) answer
        ``ASK { GRAPH <g> {} }`` exactly; on servers that answer it true for any IRI (Virtuoso,
        found by probing once) a graph exists when it holds triples. (Not a Graph Store HEAD:
        Oxigraph 0.5.13 writes a body on HEAD 404, which breaks keep-alive.)"""
        if graph is None:
            return True
        if self.dialect == "virtuoso":  # holds triples, or was created empty (recorded)
            return bool(self._query(f"ASK {{ {{ GRAPH <{graph}> {{ ?s ?p ?o }} }} UNION "
                                    f"{{ GRAPH <{dl.GRAPHS_GRAPH}> {{ <{graph}> <{dl.EXISTS}> true }} }} }}"))
        if self._tracks_graphs is None:
            probe = "urn:x-spbe:probe:tidak-ada-graf-ini"
            self._tracks_graphs = not bool(self.query(f"ASK {{ GRAPH <{probe}> {{ }} }}"))
        if self._tracks_graphs:
            return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ }} }}"))
        return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def triple_count(self) -> int:
        """Quads in named graphs (the default graph of union servers is not counted twice)."""
        if self.dialect == "virtuoso":  # user graphs incl. the default graph, no system graphs
            res = list(self._query(_excluding(self.hidden) + "SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        else:
            res = list(self.query("SELECT (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(res[0]["c"].value) if res else 0

    def export_graph(self, graph, fmt):
        if graph is None and self.store_url:
            # the server's own default graph (a CONSTRUCT would see the union on union servers)
            try:
                r = self._client.get(self.store_url, params={"default": ""}, headers={"Accept": "application/n-triples"})
            except httpx.HTTPError as e:
                raise StoreError(f"server jarak jauh tidak dapat dihubungi / remote server unreachable ({type(e).__name__})") from e
            if r.status_code >= 300:
                raise StoreError(f"server jarak jauh menjawab / remote server answered {r.status_code}")
            return ox.serialize([q.triple for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)], format=fmt) or b""
        if graph is None and self.dialect == "virtuoso":
            graph = dl.DEFAULT_GRAPH
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        ask = self._query if self.dialect == "virtuoso" and graph else self.query
        triples = ask(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        return ox.serialize(list(triples), format=fmt) or b""

    def export_dataset(self, fmt):
        sel = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        # Virtuoso: user graphs only; our default graph becomes the default graph
        res = self._query(_excluding(self.hidden) + sel) if self.dialect == "virtuoso" else self.query(sel)
        dflt = ox.NamedNode(dl.DEFAULT_GRAPH)
        quads = [ox.Quad(s["s"], s["p"], s["o"], ox.DefaultGraph() if s["g"] == dflt else s["g"]) for s in res]
        return ox.serialize(quads, format=fmt) or b""

    def close(self) -> None:
        self._client.close()
