"""The browser side of the service: home page, YASGUI query page, validation upload form, static files.

Pages are Jinja2 templates (``service/templates/``) in Bahasa Indonesia or English (``ui_render``).
YASGUI comes from the npm registry (``make ui`` copies ``yasgui.min.js``/``.css`` into
``service/static/vendor/``) and is served from ``/static`` here, so the page makes no request to
another host. The query tabs come from ``ui_queries``, the home-page figures from ``ui_summary``.

The SPARQL router answers a browser's ``GET /sparql`` (no ``query``, HTML wanted) with
:func:`yasgui_page`; ``GET /query`` is the same page under a second name.
"""

from __future__ import annotations

import hashlib
import json

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.routing import Match
from starlette.staticfiles import StaticFiles

from spbe_kg.ontology.namespaces import PREFIXES

from .ui_queries import query_tabs
from .ui_render import STATIC_DIR, pick_lang, render, root_of, settings_of, translate, vendor_ok
from .ui_summary import store_summary

router = APIRouter(include_in_schema=False)
_static = StaticFiles(directory=STATIC_DIR, check_dir=False)


@router.api_route("/static/{path:path}", methods=["GET", "HEAD"])
async def static_file(path: str, request: Request) -> Response:
    """Our css/js/img and the YASGUI build (StaticFiles: safe paths, ETag, 304)."""
    resp = await _static.get_response(path, request.scope)
    resp.headers.setdefault("Cache-Control", "no-cache")
    return resp


async def yasgui_page(request: Request) -> HTMLResponse:
    """The YASGUI page (awaited by the SPARQL router for a browser's GET /sparql, and by GET /query).

    Reading the query catalogue and rendering happen in a worker thread, off the event loop."""
    return await run_in_threadpool(_yasgui_page, request)


def _yasgui_page(request: Request) -> HTMLResponse:
    lang = pick_lang(request)
    tabs = query_tabs(lang)
    wanted = request.query_params.get("tab")
    select = next((t.title for t in tabs if wanted in (t.name, t.title)), None)
    endpoint = root_of(request) + "/sparql"
    digest = hashlib.sha1(json.dumps([lang, [(t.title, t.query) for t in tabs]]).encode()).hexdigest()[:12]
    config = {
        "endpoint": endpoint,
        "resource": root_of(request) + "/resource",
        "persistenceId": f"spbe-kg-{digest}",
        "prefixes": PREFIXES,
        "dataPrefix": {"id": settings_of(request).base_iri},  # for showing results only
        "tabs": [{"name": t.name, "title": t.title, "query": t.query} for t in tabs],
        "select": select,
        "text": {"missing_vendor": translate("missing_vendor", lang)},
    }
    # JSON inside <script>: "<" escaped so no "</script>" or "<!--" can end the element early.
    config_json = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c")
    return render(
        request,
        "sparql.html",
        active="/sparql",
        wide=True,
        vendor_ok=vendor_ok(),
        config_json=config_json,
        endpoint_display=str(request.base_url).rstrip("/") + "/sparql",
    )


@router.get("/query", response_class=HTMLResponse)
async def query_page(request: Request) -> HTMLResponse:
    return await yasgui_page(request)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """Home page: what the store holds, and links to everything a user can do."""
    lang = pick_lang(request)
    return render(
        request,
        "home.html",
        active="/",
        summary=store_summary(request),
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
