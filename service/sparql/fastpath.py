"""``GET /sparql?query=`` without FastAPI's routing (issue 13).

FastAPI's per-request machinery (routing, dependency resolution, the response model path) cost
more than the query itself for a lookup (benchmarks/results/profile-sparql.md). This ASGI
middleware sits *inside* the app's own middlewares (access log, CSP, body cap, CORS: they all
still apply) and answers a GET ``/sparql`` that carries a ``query`` parameter and no ``update``
with the router's very own :func:`router._query` -- the same guard, admission, row cap and
errors -- and the app's own exception handlers for its errors. Everything else (POST, updates,
the service description, other paths, and every request while ``app.dependency_overrides`` is
set, as an embedding application may do) goes on to FastAPI unchanged.
"""

from __future__ import annotations

from starlette.requests import Request

from .router import Ctx, _Params, _query


class SparqlFastPath:
    def __init__(self, app, fastapi_app) -> None:
        self.app = app
        self.fastapi = fastapi_app  # app.state and the exception handlers

    async def __call__(self, scope, receive, send):
        if (scope["type"] != "http" or scope["path"] != "/sparql" or scope["method"] != "GET"
                or self.fastapi.dependency_overrides):  # overridden dependencies: FastAPI resolves them
            return await self.app(scope, receive, send)
        request = Request(scope, receive)
        params = _Params(list(request.query_params.multi_items()))
        queries = params.getlist("query")
        if not queries or params.getlist("update"):
            return await self.app(scope, receive, send)
        scope.setdefault("app", self.fastapi)
        state = self.fastapi.state
        ctx = Ctx(settings=state.settings, store=state.store, pool=state.pool, page=state.query_page, cache=state.cache)
        try:
            response = await _query(request, ctx, queries, params)
        except Exception as exc:  # the app's own handler for it, as FastAPI would pick it
            handler = self._handler(exc)
            if handler is None:
                raise
            response = await handler(request, exc)
        await response(scope, receive, send)

    def _handler(self, exc: Exception):
        handlers = self.fastapi.exception_handlers
        for cls in type(exc).__mro__:
            if cls in handlers:
                return handlers[cls]
        return None
