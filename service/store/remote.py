"""A remote SPARQL 1.1 server behind the storage protocol (httpx; query, update, Graph Store URLs).

Answers are parsed into pyoxigraph objects (``parse_query_results`` for solutions/booleans; graphs
come back as a list of ``Triple``), so callers cannot tell the backends apart. Start Oxigraph with
``--union-default-graph``. Where servers differ the store asks its dialect object
(``dialects.py``: ``GenericDialect``, ``VirtuosoDialect``; detected from the ``Server`` header, or
``settings.endpoint_dialect``); no Virtuoso logic lives here.

``replace_graphs`` is ONE update request (``DROP SILENT GRAPH ...; INSERT DATA {...}``): atomic on
servers that run a request as one transaction (Oxigraph does; Virtuoso runs it in one transaction
in its default autocommit-per-request mode, see docs/sparql-endpoint.md). On Virtuoso a load larger
than one request can hold goes through staging graphs and one short switch (``staged.py``).

>>> RemoteStore("http://127.0.0.1:9/query", dialect="generic").supports(Capability.SNAPSHOTS)
False
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from spbe_kg.settings import Settings

from . import sparql_text as st
from .base import Capability, Prepare, QueryTimeout, StoreError, StoreSyntaxError, Unsupported
from .dialects import DIALECTS, Dialect, make_dialect

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
                 headers: dict | None = None, dialect: str = "auto",
                 system_graphs: Sequence[str] = ()) -> None:
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.store_url = store_url
        self.timeout_s = timeout_s
        auth = httpx.DigestAuth(user, password) if user and password and "sparql-auth" in self.update_url else (
            httpx.BasicAuth(user, password) if user and password else None)
        self._client = httpx.Client(timeout=timeout_s, auth=auth, headers=headers or {})
        if dialect not in ("auto", *DIALECTS):
            raise StoreError(f"endpoint_dialect tidak dikenal / unknown endpoint_dialect: {dialect} (auto|generic|virtuoso|oxigraph)")
        self._dialect: Dialect | None = None if dialect == "auto" else make_dialect(dialect)
        self._system_graphs = tuple(system_graphs)
        self._staging: tuple[str, ...] = ()  # staging graphs of this store's loads in progress (hidden too)
        self._staging_lock = threading.Lock()

    @property
    def hidden(self) -> tuple[str, ...]:
        """Graphs no query of this store sees: the dialect's (Virtuoso's system graphs, our bookkeeping
        graph), and the staging graphs of loads in progress through this store (other clients see those)."""
        return self.dialect.hidden_graphs(self._system_graphs) + self._staging

    def hide_staging(self, graphs: Sequence[str], hide: bool = True) -> None:
        with self._staging_lock:
            self._staging = tuple(g for g in self._staging if g not in graphs) + (tuple(graphs) if hide else ())

    @property
    def dialect(self) -> Dialect:
        """The server's dialect object: from the settings, or detected once from the server's
        ``Server`` header (see ``dialects.py``)."""
        if self._dialect is None:
            r = self._post(self.query_url, [("query", "ASK {}")], accept="application/sparql-results+json", raw=True)
            self._dialect = make_dialect("auto", r.headers.get("server"))
        return self._dialect

    def supports(self, capability: Capability) -> bool:
        """Atomic graph replacement; an in-memory copy for validation where the dialect asks for it."""
        if capability is Capability.IN_MEMORY_COPY:
            return self.dialect.validate_on_copy
        return capability is Capability.GRAPH_REPLACE

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
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
            pos = self.dialect.error_position(dict(data).get("query") or dict(data).get("update") or "", msg)
            raise StoreSyntaxError(msg, *pos) if pos else StoreSyntaxError(msg)
        if r.status_code >= 300 and not raw:
            raise StoreError(f"server jarak jauh menjawab / remote server answered {r.status_code}: {' '.join(r.text.split())[:300]}")
        return r

    # --- protocol ------------------------------------------------------------------------------
    def query(self, sparql, *, default_graphs=None, named_graphs=None, union_default=True, timeout_s=None):
        if not default_graphs and not named_graphs and not union_default:
            # a union-default server (Oxigraph --union-default-graph) ignores FROM: say it in the protocol
            default_graphs, named_graphs = st.dataset_clauses(sparql)
        sparql = self.dialect.query_text(self, sparql, bool(default_graphs or named_graphs))
        return self.raw_query(sparql, default_graphs, named_graphs, timeout_s)

    def raw_query(self, sparql, default_graphs=None, named_graphs=None, timeout_s=None):
        """The query as written, with no dialect rewriting (internal queries name their graphs)."""
        data = [("query", sparql)]
        data += [("default-graph-uri", g) for g in default_graphs or ()]
        data += [("named-graph-uri", g) for g in named_graphs or ()]
        graph = st.query_form(sparql) in ("CONSTRUCT", "DESCRIBE")
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
        sparql, extra = self.dialect.update_request(self, sparql, bool(using_graphs or using_named_graphs))
        data = [("update", sparql)] + extra
        data += [("using-graph-uri", g) for g in using_graphs or ()]
        data += [("using-named-graph-uri", g) for g in using_named_graphs or ()]
        self._post(self.update_url, data)

    def raw_update(self, sparql: str) -> None:
        """An update sent as written (no dialect rewriting, no dataset parameters)."""
        self._post(self.update_url, [("update", sparql)])

    def replace_graphs(self, graphs: Sequence[str], quads: Iterable[ox.Quad]) -> None:
        self.dialect.replace_graphs(self, graphs, quads)

    def add_quads(self, quads: Iterable[ox.Quad]) -> None:
        self.update(st.replace_update([], quads))

    def named_graphs(self) -> list[str]:
        return self.dialect.named_graphs(self)

    def has_graph(self, graph: str | None) -> bool:
        """Whether the named graph exists (the dialect knows how the server keeps empty graphs). Not a
        Graph Store HEAD: Oxigraph 0.5.13 writes a body on HEAD 404, which breaks keep-alive."""
        return graph is None or self.dialect.has_graph(self, graph)

    def triple_count(self) -> int:
        """Quads in named graphs (the default graph of union servers is not counted twice)."""
        return self.dialect.triple_count(self)

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
        return self.dialect.export_graph(self, graph, fmt)

    def export_dataset(self, fmt):
        return self.dialect.export_dataset(self, fmt)

    # --- capabilities ------------------------------------------------------------------------------
    def in_memory_copy(self) -> ox.Store:
        """The user graphs in a local in-memory store. A copy cut short by the server's result limit
        (Virtuoso's ``ResultSetMaxRows``) is refused, not used."""
        mem = ox.Store()
        mem.bulk_extend(ox.parse(self.export_dataset(ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS))
        total = self.triple_count()
        if len(mem) < total:
            raise StoreError(f"salinan dari server terpotong ({len(mem)} dari {total} triple): naikkan batas baris "
                             f"hasil server (Virtuoso: ResultSetMaxRows di [SPARQL] virtuoso.ini) / the copy from the "
                             f"server was cut short ({len(mem)} of {total} triples): raise the server's result row "
                             f"limit (Virtuoso: ResultSetMaxRows in [SPARQL])")
        return mem

    def bulk_replace(self, graphs: Sequence[str], nquads: bytes, *, prepare: Prepare | None = None) -> str:
        """No bulk loader over the protocol: ``prepare`` then the atomic :meth:`replace_graphs`."""
        if prepare is not None:
            prepare(self)
        self.replace_graphs(graphs, ox.parse(nquads, format=ox.RdfFormat.N_QUADS) if nquads else [])
        return "transaction"

    def snapshot(self):
        raise Unsupported("remote stores have no snapshots")

    def enable_snapshots(self, on: bool = True) -> None:
        if on:
            raise Unsupported("remote stores have no snapshots")

    def prune_snapshots(self, in_use) -> None:
        pass

    def drop_snapshots(self) -> None:
        pass

    def close(self) -> None:
        self._client.close()
