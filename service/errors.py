"""The one place that maps domain errors to HTTP answers, and the language rule of answers.

Every error answer is ``text/plain`` in the configured language (``settings.lang``; ``?lang=en``, the
``spbe_lang`` cookie a page's language toggle sets, or, for API clients, ``Accept-Language: en`` switch
to English per request) and never carries a traceback or raw exception text of an unexpected failure:
those are logged with the request id, and the client gets the id to quote.

Pages (HTML) follow one rule everywhere (:func:`page_lang`): Bahasa Indonesia unless the user picked
English (``?lang=en`` or the toggle, remembered in the cookie); a browser's ``Accept-Language: en-US``
alone does not switch a page.

>>> pick_lang_from_header("en-US,en;q=0.9,id;q=0.8")
'en'
>>> pick_lang_from_header("fr-FR, id;q=0.5")
'id'
>>> pick_lang_from_header("fr") is None
True
"""

from __future__ import annotations

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import PlainTextResponse

from spbe_kg.i18n import t

from .deps import get_settings
from .store.base import QueryTimeout, StoreError, StoreSyntaxError

log = logging.getLogger("spbe.errors")


LANG_COOKIE = "spbe_lang"


def pick_lang_from_header(header: str | None) -> str | None:
    """The best of ``id``/``en`` in an Accept-Language header (q-values honoured), or None."""
    best: tuple[float, int, str] | None = None
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        code = {"id": "id", "in": "id", "en": "en"}.get(primary)
        if not code:
            continue
        q = 1.0
        m = re.search(r"q\s*=\s*([^;\s]*)", params)
        if m:
            try:
                q = float(m.group(1))
            except ValueError:
                q = 0.0
        if q > 0 and (best is None or (q, -i) > (best[0], best[1])):
            best = (q, -i, code)
    return best[2] if best else None


def page_lang(request: Request, default: str = "id") -> str:
    """The language of a page: ``?lang=id|en``, else the ``spbe_lang`` cookie, else ``default``
    (``settings.lang``). The browser's Accept-Language is deliberately not consulted: most browsers
    in Indonesia send ``en-US``, and Bahasa Indonesia stays the default unless the user picks English."""
    asked = request.query_params.get("lang")
    if asked in ("id", "en"):
        return asked
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in ("id", "en"):
        return cookie
    return default


def lang_of(request: Request | None, default: str = "id") -> str:
    """The language of an API answer (JSON, text, errors): as :func:`page_lang`, then, for clients that
    are not pages, an explicit Accept-Language preference."""
    if request is None:
        return default
    asked = request.query_params.get("lang")
    if asked in ("id", "en") or request.cookies.get(LANG_COOKIE) in ("id", "en"):
        return page_lang(request, default)
    return pick_lang_from_header(request.headers.get("accept-language")) or default


def message(key: str, lang: str = "id", **kw) -> str:
    kw.setdefault("where", "")
    kw.setdefault("detail", "")
    kw.setdefault("limit", "")
    kw.setdefault("rid", "")
    return t(f"http.{key}", lang, **kw)


class ApiError(Exception):
    """An HTTP error with a message key; raise it anywhere in a handler."""

    def __init__(self, status: int, key: str, headers: dict | None = None, **kw) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.kw = kw
        self.headers = headers or {}


def _settings_lang(request: Request) -> str:
    return lang_of(request, get_settings(request).lang)


def _text(request: Request, status: int, text: str, headers: dict | None = None) -> PlainTextResponse:
    h = dict(headers or {})
    rid = request.scope.get("spbe.request_id")
    if rid:
        h["X-Request-ID"] = rid
    return PlainTextResponse(text + "\n", status_code=status, headers=h)


def short(detail: str, limit: int = 400) -> str:
    """Trim a parser message (pyoxigraph lists every expected token) to something readable."""
    detail = " ".join(detail.split())
    return detail if len(detail) <= limit else detail[:limit] + " …"


def syntax_where(e: StoreSyntaxError, lang: str) -> str:
    if e.line is None:
        return ""
    return t("http.syntax-where", lang, line=e.line, column=e.column)


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    @app.exception_handler(ApiError)
    async def _api(request: Request, exc: ApiError):
        lang = _settings_lang(request)
        return _text(request, exc.status, message(exc.key, lang, **exc.kw), exc.headers)

    @app.exception_handler(StoreSyntaxError)
    async def _syntax(request: Request, exc: StoreSyntaxError):
        lang = _settings_lang(request)
        return _text(request, 400, message("syntax", lang, where=syntax_where(exc, lang), detail=short(str(exc), 240)))

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout):
        limit = get_settings(request).query_timeout_s
        return _text(request, 503, message("timeout", _settings_lang(request), limit=limit))

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError):
        log.warning("store error (request %s): %s", request.scope.get("spbe.request_id"), exc)
        return _text(request, 502, message("store", _settings_lang(request), detail=short(str(exc), 300)))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        detail = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _text(request, 400, message("bad-request", _settings_lang(request), detail=short(detail)))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        lang = _settings_lang(request)
        if exc.status_code == 405:
            text = message("method", lang)
        elif exc.status_code == 404:
            text = message("not-found-page", lang)
        else:
            text = short(str(exc.detail))
        return _text(request, exc.status_code, text, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _any(request: Request, exc: Exception):
        rid = request.scope.get("spbe.request_id", "-")
        log.exception("unhandled error (request %s)", rid)
        return _text(request, 500, message("internal", _settings_lang(request), rid=rid))
