"""The YASGUI query page: ``GET /query`` of the UI router, and a browser's ``GET /sparql`` (the app
hands it to the SPARQL router through ``deps.get_query_page``, so that router imports no UI module).

Reading the query catalogue and rendering happen in a worker thread, off the event loop.
"""

from __future__ import annotations

import hashlib
import json

from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from spbe_kg.ontology.namespaces import PREFIXES
from spbe_kg.settings import Settings

from .ui_queries import query_tabs
from .ui_render import pick_lang, render, root_of, translate, vendor_ok


async def yasgui_page(request: Request, settings: Settings) -> HTMLResponse:
    """The YASGUI page (awaited by the SPARQL router for a browser's GET /sparql, and by GET /query)."""
    return await run_in_threadpool(_yasgui_page, request, settings)


def _yasgui_page(request: Request, settings: Settings) -> HTMLResponse:
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
        "dataPrefix": {"id": settings.base_iri},  # for showing results only
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
