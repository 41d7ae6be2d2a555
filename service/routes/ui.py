"""The browser side of the service: home page, YASGUI query page, validation upload form, static files.

Pages are Jinja2 templates (``service/templates/``) in Bahasa Indonesia or English (``ui_render``).
YASGUI comes from the npm registry (``make ui`` copies ``yasgui.min.js``/``.css`` into
``service/static/vendor/``) and is served from ``/static`` here, so the page makes no request to
another host. The query tabs come from ``ui_queries``, the home-page figures from ``ui_summary``.

The SPARQL router answers a browser's ``GET /sparql`` (no ``query``, HTML wanted) with the YASGUI
page of ``ui_yasgui`` (a shared page module, not this router); ``GET /query`` is the same page.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.routing import Match
from starlette.staticfiles import StaticFiles

from spbe_kg.settings import Settings

from ..deps import get_cache, get_settings, get_store
from ..store.base import Store
from .ui_queries import query_tabs
from .ui_render import STATIC_DIR, pick_lang, render, translate
from .ui_summary import store_summary
from .ui_yasgui import yasgui_page

router = APIRouter(include_in_schema=False)
_static = StaticFiles(directory=STATIC_DIR, check_dir=False)


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"])
async def static_file(path: str, request: Request) -> Response:
    """Our css/js/img and the YASGUI build (StaticFiles: safe paths, ETag, 304)."""
    resp = await _static.get_response(path, request.scope)
    resp.headers.setdefault("Cache-Control", "no-cache")
    return resp


@router.get("/query", response_class=HTMLResponse)
async def query_page(request: Request, settings: Settings = Depends(get_settings)) -> HTMLResponse:
    return await yasgui_page(request, settings)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: Store = Depends(get_store), settings: Settings = Depends(get_settings),
         cache: dict = Depends(get_cache)) -> HTMLResponse:
    """Home page: what the store holds, and links to everything a user can do."""
    lang = pick_lang(request)
    return render(
        request,
        "home.html",
        active="/",
        summary=store_summary(store, settings, cache),
        sep="." if lang == "id" else ",",
        queries=[t for t in query_tabs(lang)[1:]],
    )


VALIDATE_TEXT_KEYS = ("running", "conforms", "not_conforms", "counts", "col_severity", "col_where", "col_what",
                      "col_rule", "row", "sheet", "column", "failed")
DOWNLOADS = (("text", "TXT"), ("json", "JSON"), ("sarif", "SARIF"), ("junit", "JUnit"), ("turtle", "Turtle"))


def has_route(app, path: str, method: str) -> bool:
    """Whether the app answers ``method path`` (asks the routes themselves: included routers nest)."""
    scope = {"type": "http", "path": path, "method": method, "root_path": "", "headers": [], "query_string": b""}
    return any(r.matches(scope)[0] == Match.FULL for r in app.router.routes)


@router.get("/validate", response_class=HTMLResponse)
def validate_form(request: Request) -> HTMLResponse:
    """The upload form for POST /validate (the shapes engineer's endpoint); findings render as a table."""
    lang = pick_lang(request)
    text = {k: translate(f"validate_{k}", lang) for k in VALIDATE_TEXT_KEYS}
    endpoint_ok = has_route(request.app, "/validate", "POST")
    return render(
        request,
        "validate.html",
        active="/validate",
        endpoint_ok=endpoint_ok,
        downloads=DOWNLOADS,
        text_json=json.dumps(text, ensure_ascii=False).replace("<", "\\u003c"),
    )
