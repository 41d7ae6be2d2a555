"""``/sparql``: the W3C SPARQL 1.1 Protocol (query and update), over any store.

- Query: GET ``?query=``, POST form (``application/x-www-form-urlencoded``), POST direct
  (``application/sparql-query``); ``default-graph-uri`` / ``named-graph-uri`` honoured.
  The default graph is the UNION of all graphs unless the request names a dataset
  (``default-graph-uri``/``named-graph-uri``) or the query has ``FROM``/``FROM NAMED``.
- Update: POST form or direct (``application/sparql-update``), ``using-graph-uri`` /
  ``using-named-graph-uri`` honoured (and refused together with USING/WITH in the update: 400).
- GET without a query: the service description for RDF types, the query page for browsers (the UI's
  YASGUI page, given by ``deps.get_query_page``: this router never imports the UI).
- Embedded stores run queries in killable worker processes (``workers.py``); memory and remote
  stores in a thread with a deadline. Nothing blocking runs on the event loop.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import URL
from starlette.responses import Response

from spbe_kg.settings import Settings

from ..deps import QueryPage, get_cache, get_pool, get_query_page, get_settings, get_store
from ..errors import ApiError
from ..forms import read_urlencoded
from ..security import require_write
from ..store.base import QueryTimeout, Store, StoreError, StoreSyntaxError
from ..store.sparql_text import keywords
from . import guard, results
from .admission import Busy, admission
from .description import describe
from .execute import QueryJob, QueryOutcome
from .negotiation import choose

router = APIRouter(tags=["sparql"])

FORM = "application/x-www-form-urlencoded"
SD_OFFERS = ["text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json",
             "application/trig", "application/n-quads", "text/html"]


class Ctx:
    """What a SPARQL request needs from the app (one dependency: settings, store, worker pool, and the
    browser's query page)."""

    def __init__(self, settings: Settings = Depends(get_settings), store: Store = Depends(get_store),
                 pool=Depends(get_pool), page: QueryPage = Depends(get_query_page),
                 cache: dict = Depends(get_cache)) -> None:
        self.settings, self.store, self.pool, self.page, self.cache = settings, store, pool, page, cache


class _Params:
    """Multi-valued protocol parameters from the URL and (for form posts) the body."""

    def __init__(self, *sources: list[tuple[str, str]]) -> None:
        self.items = [kv for src in sources for kv in src]

    def getlist(self, key: str) -> list[str]:
        return [v for k, v in self.items if k == key]


@router.get("/sparql")
async def sparql_get(request: Request, ctx: Ctx = Depends()):
    params = _Params(list(request.query_params.multi_items()))
    if params.getlist("update"):
        raise ApiError(405, "bad-request", headers={"Allow": "POST"}, detail="update hanya lewat POST / updates only by POST")
    queries = params.getlist("query")
    if not queries:
        return await service_description(request, ctx)
    return await _query(request, ctx, queries, params)


@router.post("/sparql")
async def sparql_post(request: Request, ctx: Ctx = Depends()):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    url = list(request.query_params.multi_items())
    if ctype == FORM:  # capped, parsed off the event loop (service/forms.py)
        params = _Params(url, await read_urlencoded(request, ctx.settings))
        queries, updates = params.getlist("query"), params.getlist("update")
        if queries and updates:
            raise ApiError(400, "bad-request", detail="query dan update sekaligus / both query and update")
        if queries:
            return await _query(request, ctx, queries, params)
        if updates:
            return await _update(request, ctx, updates, params)
        raise ApiError(400, "bad-request", detail="parameter 'query' atau 'update' tidak ada / no 'query' or 'update' parameter")
    if ctype in ("application/sparql-query", "application/sparql-update"):
        body = await request.body()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "bad-request", detail="body bukan UTF-8 / body is not UTF-8") from None
        params = _Params(url)
        if ctype == "application/sparql-query":
            return await _query(request, ctx, [text], params)
        return await _update(request, ctx, [text], params)
    raise ApiError(415, "unsupported-media", detail=ctype or "(none)")


async def _query(request: Request, ctx: Ctx, queries: list[str], params: _Params) -> Response:
    if len(queries) != 1:
        raise ApiError(400, "bad-request", detail="tepat satu 'query' / exactly one 'query'")
    settings = ctx.settings
    sparql = queries[0]
    dg, ng = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
    adm = admission(ctx.cache, settings)  # per-client limits, bounded queue, a lane for short queries
    client = request.client.host if request.client else "-"
    known = adm.decision(sparql, ctx.pool)  # a known shape knows its keywords and its LIMIT (cheap.py)
    words = known.words if known is not None and known.words else keywords(sparql)
    job, base_len = query_job(sparql, words, dg, ng, request.headers.get("accept"),
                              endpoint_url(request.scope, request.headers.get("host")), settings,
                              known.limit if known is not None else None)
    remote = await _guard(job.sparql, settings, update=False)
    try:
        out = await adm.execute(client, job, ctx.pool, ctx.store, known)
    except Busy as b:
        retry = settings.retry_after_s
        raise ApiError(503, "busy", headers={"Retry-After": str(retry)}, limit=retry,
                       detail="terlalu banyak kueri dari alamat Anda / too many queries from your address"
                       if str(b) == "client" else "antrean kueri penuh / the query queue is full") from None
    if remote and out.status != 200 and out.error_kind not in ("syntax", "timeout", "not-acceptable"):
        raise ApiError(502, "remote-failed")  # never echo a remote body or connection error
    if out.error_kind == "syntax" and out.line == 1 and out.column:
        out.column = max(1, out.column - base_len)
        out.message = out.message.replace(f"at 1:{out.column + base_len}", f"at 1:{out.column}", 1)
    return _response(request, out)


def query_job(sparql: str, words, dg: list[str], ng: list[str], accept: str | None, endpoint: str,
              settings: Settings, rows_at_most: int | None) -> tuple[QueryJob, int]:
    """The job for a query text (and how many characters of BASE were put before it): the default
    graph is the union of all graphs unless the request or the query names a dataset; relative IRIs
    resolve against the endpoint (on the same line, so error positions stay right)."""
    union = not dg and not ng and not ({"FROM"} & words)
    base_len = 0
    if "BASE" not in words:
        prefix = f"BASE <{endpoint}> "
        sparql, base_len = prefix + sparql, len(prefix)
    return QueryJob(sparql, accept, dg, ng, union, settings.max_result_rows, settings.query_timeout_s,
                    rows_at_most), base_len


_ENDPOINTS: dict[tuple, str] = {}  # endpoint URL per (scheme, server, root path, path, Host header)


def endpoint_url(scope, host: str | None) -> str:
    """The request's URL without its query string (the BASE of its query; ``host``: its first Host
    header), memoised: building it with Starlette's URL costs more than a lookup's own Python
    (issue 13). At most 256 kept."""
    server = scope.get("server")
    key = (scope.get("scheme"), tuple(server) if server else None, scope.get("root_path"), scope.get("path"), host)
    url = _ENDPOINTS.get(key)
    if url is None:
        if len(_ENDPOINTS) >= 256:  # the Host header is the client's: never an unbounded memo
            _ENDPOINTS.clear()
        url = _ENDPOINTS[key] = str(URL(scope=scope).replace(query=""))
    return url


def _response(request: Request, out: QueryOutcome) -> Response:
    if out.status == 200:
        headers = {"X-Result-Truncated": "true"} if out.truncated else None
        return Response(out.body, media_type=out.media_type, headers=headers)
    if out.error_kind == "syntax":
        raise StoreSyntaxError(out.message, out.line, out.column)
    if out.error_kind == "timeout":
        raise QueryTimeout("timeout")
    if out.error_kind == "not-acceptable":
        raise ApiError(406, "not-acceptable", detail=out.message)
    if out.error_kind == "evaluation":
        raise ApiError(400, "bad-request", detail=out.message)
    raise StoreError(out.message)


async def _update(request: Request, ctx: Ctx, updates: list[str], params: _Params) -> Response:
    settings = ctx.settings
    writer = require_write(request, settings)
    if not writer.is_admin:  # a pemda token writes through POST /load and DELETE /store on its own graphs
        raise ApiError(403, "scope-update", headers={"X-SPBE-Refusal": "scope-update"})
    if len(updates) != 1:
        raise ApiError(400, "bad-request", detail="tepat satu 'update' / exactly one 'update'")
    sparql = updates[0]
    remote = await _guard(sparql, settings, update=True)
    using, using_named = params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri")
    if (using or using_named) and ({"USING", "WITH"} & keywords(sparql)):
        raise ApiError(400, "bad-request", detail="using-graph-uri bersama USING/WITH / using-graph-uri together with USING/WITH")
    try:
        await run_in_threadpool(ctx.store.update, sparql, using_graphs=using or None, using_named_graphs=using_named or None)
    except (StoreError, OSError) as e:
        if not remote or isinstance(e, StoreSyntaxError):
            raise
        raise ApiError(502, "remote-failed") from None  # never echo a remote body or connection error
    return Response(status_code=204)


async def _guard(sparql: str, settings: Settings, *, update: bool) -> list[str]:
    """SERVICE/LOAD targets of ``sparql``, decided on its parse (``guard.py``); refusals as ApiError.
    A text that never mentions SERVICE or LOAD contacts nobody (a regex): no thread for it."""
    if not guard.mentions_remote(sparql):
        return []
    try:
        return await run_in_threadpool(guard.check, sparql, update=update, settings=settings)
    except guard.Refusal as r:
        raise ApiError(r.status, r.key, detail=r.detail) from None


async def service_description(request: Request, ctx: Ctx) -> Response:
    media = choose(request.headers.get("accept"), SD_OFFERS)
    if media is None:
        raise ApiError(406, "not-acceptable", detail=", ".join(SD_OFFERS))
    if media == "text/html":
        return await ctx.page(request, ctx.settings)
    graphs = await run_in_threadpool(ctx.store.named_graphs)
    endpoint = str(request.url.replace(query=""))
    body = await run_in_threadpool(describe, endpoint, ctx.settings, graphs, results.GRAPH_TYPES[media])
    return Response(body, media_type=f"{media}; charset=utf-8" if media != "application/rdf+xml" else media)
