"""``GET /sparql?query=`` without FastAPI's routing and middleware stack (issue 13).

FastAPI's per-request machinery (routing, dependency resolution, and six ASGI middlewares, each
wrapping ``send``) cost more than a lookup itself (benchmarks/results/profile-sparql.md). This
ASGI app is installed in front of FastAPI itself (:class:`FrontedFastAPI`, :func:`install`) and
answers a GET ``/sparql`` that carries a ``query`` parameter and no ``update``. A query whose
answer bounds its work (``cheap.py``) is run on the event loop and its answer sent from here, with
the router's own job (:func:`router.query_job`), admission and budget; every other query, and
every such query that failed or outgrew the loop, goes to the router's very own
:func:`router._query` -- the same guard, admission, row cap and errors, through the app's own
exception handlers. Either way the fast path does itself what the middlewares it skips would have
done to such a request:

- the access line and the ``X-Request-ID`` header (``service/logging.py``);
- the Content-Security-Policy of an HTML answer (``service/csp.py``; SPARQL answers and the
  router's errors are never HTML, so this is a safeguard only);
- the body cap: a GET that announces a body (``content-length`` or ``transfer-encoding``) is
  left to the full stack, which caps it; the fast path never reads a body.

Everything else goes through the full stack unchanged: POST, updates, the service description,
other paths, and every request while ``app.dependency_overrides`` is set (an embedding
application may do that). When CORS origins are configured, CORS headers are the CORS
middleware's business: the fast path then sits *innermost*, inside all the app's middlewares,
and only skips FastAPI's routing.
"""

from __future__ import annotations

import time
from functools import partial
from typing import Any

from fastapi import FastAPI
from starlette.requests import Request

from ..csp import policy_for
from ..logging import log_access, request_id
from . import guard, querystring
from .admission import Busy, admission
from .cheap import Decision
from .execute import QueryJob, QueryOutcome
from .router import Ctx, _Params, _query, endpoint_url, query_job


class FrontedFastAPI(FastAPI):
    """FastAPI with room for one ASGI layer in front of its own ``__call__``, which on every request
    asks OpenTelemetry whether telemetry is configured (three environment lookups) and then runs
    Starlette's middleware stack: the fast path sits there (issue 13)."""

    front: Any = None  # an ASGI callable given the request first, or None

    async def __call__(self, scope, receive, send) -> None:
        front = self.front
        if front is not None:
            return await front(scope, receive, send)
        await super().__call__(scope, receive, send)


def install(app: FrontedFastAPI, settings) -> None:
    """Add the fast path to ``app`` (``create_app`` builds a :class:`FrontedFastAPI`): in front of FastAPI
    itself, or inside the CORS middleware when CORS is on. Call it before adding the app's own middlewares."""
    if settings.cors_origins:
        app.add_middleware(SparqlFastPath, fastapi_app=app, outer=False)
        return
    app.front = SparqlFastPath(partial(FastAPI.__call__, app), app, outer=True)


def http_protocol(app) -> type:
    """The uvicorn HTTP protocol to serve ``app`` with: one that writes the fast path's answers on the event
    loop itself, before any ASGI cycle, and then offers the core when ``serve_yield`` (``service/direct.py``),
    when the fast path is in front."""
    from ..coalesce import CoalescingHTTPProtocol
    from ..direct import direct_protocol

    front = getattr(app, "front", None)
    if front is None:
        return CoalescingHTTPProtocol
    return direct_protocol(front.answer_now, yield_after=app.state.settings.serve_yield)


def plain_get(scope) -> tuple[list[str], _Params, str | None, str | None] | None:
    """``(queries, params, host, accept)`` of a ``GET /sparql?query=`` without a body or an ``update``
    parameter, else None (the request is for the full stack). Also used by the reader processes
    (``reader.py``)."""
    if (scope["type"] != "http" or scope["path"] != "/sparql" or scope["method"] != "GET"
            or b"query=" not in scope["query_string"]):
        return None
    host = accept = None
    for k, v in scope["headers"]:
        if k in (b"content-length", b"transfer-encoding"):  # a body: the full stack caps it
            return None
        if k == b"host" and host is None:
            host = v.decode("latin-1")
        elif k == b"accept" and accept is None:
            accept = v.decode("latin-1")
    params = _Params(querystring.parse(scope["query_string"].decode("latin-1")))  # as Starlette decodes it
    queries = params.getlist("query")
    if not queries or params.getlist("update"):
        return None
    return queries, params, host, accept


def cheap_request(adm, scope, queries: list[str], params: _Params, host: str | None, accept: str | None,
                  settings) -> tuple[QueryJob, Decision, str] | None:
    """``(job, decision, client)`` of a :func:`plain_get` request whose one query ``cheap.py`` has proved
    cheap and that contacts nobody, else None. Also used by the reader processes (``reader.py``)."""
    if len(queries) != 1 or adm.inline is None:
        return None
    sparql = queries[0]
    d = adm.inline.decision(sparql)
    if d is None or not d.cheap or guard.mentions_remote(sparql):
        return None
    job, _ = query_job(sparql, d.words, params.getlist("default-graph-uri"), params.getlist("named-graph-uri"),
                       accept, endpoint_url(scope, host), settings, d.limit)
    return job, d, scope["client"][0] if scope.get("client") else "-"


def loop_answer(adm, scope, plain: tuple[list[str], _Params, str | None, str | None], settings,
                store) -> QueryOutcome | None:
    """The 200 answer of a :func:`plain_get` request (``plain``) whose one query is cheap and bounded by its
    answer, run on the event loop against ``store`` with the client's ``"inline"`` admission; None when it
    did not run there or did not succeed (the caller's other path answers it). Also used by the reader
    processes (``reader.py``)."""
    cheap = cheap_request(adm, scope, *plain, settings)
    if cheap is None:
        return None
    job, d, client = cheap
    try:
        with adm.admit(client, "inline"):
            out = adm.run_on_loop(client, job, store, d)
    except Busy:
        return None
    return out if out is not None and out.status == 200 else None


def answer_headers(out: QueryOutcome, rid: str | None) -> list[tuple[bytes, bytes]]:
    """The headers of a 200 answer run on the event loop (with ``X-Request-ID`` when ``rid``). Also used by
    the reader processes (``reader.py``)."""
    headers = [(b"content-length", str(len(out.body)).encode()), (b"content-type", out.media_type.encode())]
    if rid is not None:
        headers.append((b"x-request-id", rid.encode()))
    if out.truncated:
        headers.append((b"x-result-truncated", b"true"))
    return headers


class SparqlFastPath:
    def __init__(self, app, fastapi_app, outer: bool = True) -> None:
        self.app = app
        self.fastapi = fastapi_app  # app.state and the exception handlers
        self.outer = outer  # outermost: the access line, request id and CSP are done here

    async def __call__(self, scope, receive, send):
        plain = None if self.fastapi.dependency_overrides else plain_get(scope)  # overrides: FastAPI resolves them
        if plain is None:
            return await self.app(scope, receive, send)
        queries, params, host, accept = plain
        scope.setdefault("app", self.fastapi)  # as Starlette sets it: handlers read request.app
        start = time.perf_counter()
        if self.outer:
            scope["spbe.request_id"] = request_id(scope["headers"])
        state = self.fastapi.state
        status = 500
        try:  # the loop, unless the HTTP protocol tried it already (service/direct.py)
            out = None if scope.get("spbe.direct") else self._on_loop(state, scope, queries, params, host, accept)
            if out is not None:  # answered on the event loop: no Request, no Response, no router
                status = 200
                headers = answer_headers(out, scope["spbe.request_id"] if self.outer else None)
                await send({"type": "http.response.start", "status": 200, "headers": headers})
                await send({"type": "http.response.body", "body": out.body})
                return
            request = Request(scope, receive)
            ctx = Ctx(settings=state.settings, store=state.store, pool=state.pool, page=state.query_page, cache=state.cache)
            try:
                response = await _query(request, ctx, queries, params)
            except Exception as exc:  # the app's own handler for it, as FastAPI would pick it
                handler = self._handler(exc)
                if handler is None:
                    raise
                response = await handler(request, exc)
            status = response.status_code
            if not self.outer:
                return await response(scope, receive, send)
            headers = [(k, v) for k, v in response.raw_headers if k != b"x-request-id"]
            headers.append((b"x-request-id", scope["spbe.request_id"].encode()))
            if response.headers.get("content-type", "").startswith("text/html"):
                headers = [(k, v) for k, v in headers if k != b"content-security-policy"]
                headers.append((b"content-security-policy", policy_for(response.body).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": response.body})
        finally:
            if self.outer:
                log_access(scope, status, start)

    def answer_now(self, scope) -> tuple[list[tuple[bytes, bytes]], bytes] | None:
        """``(headers, body)`` of a request answered on the event loop, its access line noted; None
        when it is not for the loop (then :meth:`__call__` answers it and does not try the loop
        again). Called by the HTTP protocol before any ASGI cycle exists (``service/direct.py``);
        only for the outermost fast path (with CORS on, the CORS middleware adds headers)."""
        if not self.outer or self.fastapi.dependency_overrides:
            return None
        plain = plain_get(scope)
        if plain is None:
            return None
        start = time.perf_counter()
        scope.setdefault("app", self.fastapi)
        out = self._on_loop(self.fastapi.state, scope, *plain)
        if out is None:
            return None
        rid = scope["spbe.request_id"] = request_id(scope["headers"])
        log_access(scope, 200, start)
        return answer_headers(out, rid), out.body

    def _on_loop(self, state, scope, queries: list[str], params: _Params, host: str | None,
                 accept: str | None) -> QueryOutcome | None:
        """The answer of a query that may run on the event loop (``inline.py``), when it ran there and
        succeeded; None sends the request through the router (which runs it, again if it failed here,
        and answers errors, limits and refusals its own way)."""
        if state.pool is None:
            return None
        adm = admission(state.cache, state.settings)
        return loop_answer(adm, scope, (queries, params, host, accept), state.settings, state.store)

    def _handler(self, exc: Exception):
        handlers = self.fastapi.exception_handlers
        for cls in type(exc).__mro__:
            if cls in handlers:
                return handlers[cls]
        return None
