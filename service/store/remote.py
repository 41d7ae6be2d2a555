"""A remote SPARQL 1.1 server behind the storage protocol (httpx; query, update, Graph Store URLs).

Answers are parsed into pyoxigraph objects (``parse_query_results`` for solutions/booleans; graphs
come back as a list of ``Triple``), so callers cannot tell the backends apart. The server decides
what the default graph is: start Oxigraph with ``--union-default-graph``; Virtuoso's default graph
is the union of its graphs already.

``replace_graphs`` is ONE update request (``DROP SILENT GRAPH ...; INSERT DATA {...}``): atomic on
servers that run a request as one transaction (Oxigraph does; Virtuoso runs it in one transaction
in its default autocommit-per-request mode, see docs/sparql-endpoint.md).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode
from collections.abc import Iterable, Sequence

import httpx
import pyoxigraph as ox

from .base import QueryTimeout, StoreError, StoreSyntaxError
from .embedded import replace_update

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


class RemoteStore:
    kind = "remote"

    def __init__(self, query_url: str, update_url: str | None = None, store_url: str | None = None, *,
                 user: str | None = None, password: str | None = None, timeout_s: float = 60.0,
                 headers: dict | None = None) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.store_url = store_url
        self.timeout_s = timeout_s
        auth = httpx.DigestAuth(user, password) if user and password and "sparql-auth" in self.update_url else (
            httpx.BasicAuth(user, password) if user and password else None)
        self._tracks_graphs: bool | None = None
        self._client = httpx.Client(timeout=timeout_s, auth=auth, headers=headers or {})

    @classmethod
    def from_settings(cls, settings) -> RemoteStore:
        if not settings.endpoint_query_url:
            raise StoreError("store=remote memerlukan endpoint_query_url / store=remote needs endpoint_query_url")
        return cls(settings.endpoint_query_url, settings.endpoint_update_url, settings.endpoint_store_url,
                   user=settings.endpoint_user, password=settings.endpoint_password, timeout_s=settings.remote_timeout_s)

    # --- HTTP ----------------------------------------------------------------------------------
    def _post(self, url: str, data: list[tuple[str, str]], *, accept: str | None = None, timeout: float | None = None):
        try:
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            if accept:
                headers["Accept"] = accept
            r = self._client.post(url, content=urlencode(data).encode(), headers=headers, timeout=timeout or self.timeout_s)
        except httpx.TimeoutException as e:
            raise QueryTimeout(f"server jarak jauh tidak menjawab dalam {timeout or self.timeout_s} s / remote timeout") from e
        except httpx.HTTPError as e:
            raise StoreError(f"server jarak jauh tidak dapat dihubungi / remote server unreachable: {url} ({type(e).__name__})") from e
        if r.status_code == 400:
            msg = " ".join(r.text.split())[:500]
            m = _POS.search(msg)
            raise StoreSyntaxError(msg, int(m.group(1)), int(m.group(2))) if m else StoreSyntaxError(msg)
        if r.status_code >= 300:
            raise StoreError(f"server jarak jauh menjawab / remote server answered {r.status_code}: {' '.join(r.text.split())[:300]}")
        return r

    # --- protocol ------------------------------------------------------------------------------
    def query(self, sparql, *, default_graphs=None, named_graphs=None, union_default=True, timeout_s=None):
        from ..security import dataset_clauses, query_form

        if not default_graphs and not named_graphs and not union_default:
            # a union-default server (Oxigraph --union-default-graph) ignores FROM: say it in the protocol
            default_graphs, named_graphs = dataset_clauses(sparql)
        data = [("query", sparql)]
        data += [("default-graph-uri", g) for g in default_graphs or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        graph = query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
        r = self._post(self.query_url, data, accept=GRAPH_ACCEPT if graph else ACCEPT, timeout=timeout_s)
        ctype = r.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype in _RESULT_FORMATS:
                return ox.parse_query_results(r.content, format=_RESULT_FORMATS[ctype])
            fmt = ox.RdfFormat.from_media_type(ctype) or (ox.RdfFormat.N_TRIPLES if ctype == "text/plain" else None)
            if fmt is None:
                raise StoreError(f"jenis jawaban tidak dikenal / unknown answer type from the remote server: {ctype}")
            return [q.triple for q in ox.parse(r.content, format=fmt)]
        except SyntaxError as e:
            raise StoreError(f"jawaban server jarak jauh tidak terbaca / unreadable remote answer: {e}") from e

    def update(self, sparql, *, using_graphs=None, using_named_graphs=None):
        data = [("update", sparql)]
        data += [("using-graph-uri", g) for g in using_graphs or ()]
        data += [("using-named-graph-uri", g) for g in using_named_graphs or ()]
        self._post(self.update_url, data)

    def replace_graphs(self, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None:
        self.update(replace_update(graphs, quads, template_for_bnodes=True))

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.update(replace_update([], quads, template_for_bnodes=True))

    def named_graphs(self) -> list[str]:
        res = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(s["g"].value for s in res if isinstance(s["g"], ox.NamedNode))

    def has_graph(self, graph: str | None) -> bool:
        """Whether the named graph exists. Servers that keep empty graphs (Oxigraph) answer
        ``ASK { GRAPH <g> {} }`` exactly; on servers that answer it true for any IRI (Virtuoso,
        found by probing once) a graph exists when it holds triples. (Not a Graph Store HEAD:
        Oxigraph 0.5.13 writes a body on HEAD 404, which breaks keep-alive.)"""
        if graph is None:
            return True
        if self._tracks_graphs is None:
            probe = "urn:x-spbe:probe:tidak-ada-graf-ini"
            self._tracks_graphs = not bool(self.query(f"ASK {{ GRAPH <{probe}> {{ }} }}"))
        if self._tracks_graphs:
            return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ }} }}"))
        return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def triple_count(self) -> int:
        """Quads in named graphs (the default graph of union servers is not counted twice)."""
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
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        triples = self.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")
        return ox.serialize(list(triples), format=fmt) or b""

    def export_dataset(self, fmt):
        res = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        quads = [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in res]
        return ox.serialize(quads, format=fmt) or b""

    def close(self) -> None:
        self._client.close()
