"""``GET /duplicates``: the duplicate report as JSON, CSV or the HTML page, chosen by ``Accept`` (or ``?format=``).

The analysis reads the store by SPARQL in a worker thread (never on the event loop). A GET is safe:
it does not write the findings graph (``spbe duplicates`` does). The JSON also carries the code-based
report (``laporanKode`` / ``codeReport``: the rows of the four grouped named queries, see
``spbe_kg.queries.code_report``).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from spbe_kg.settings import Settings

from ..deps import get_cache, get_settings, get_store
from ..errors import ApiError, lang_of, page_lang
from ..sparql.negotiation import choose
from ..store.base import Store
from .duplicates_cache import cached_build

router = APIRouter(tags=["duplicates"])

OFFERS = ["application/json", "text/html", "text/csv"]
FORMATS = {"json": "application/json", "html": "text/html", "csv": "text/csv"}


def _build(store, settings: Settings, fmt: str, lang: str, root: str = ""):
    from spbe_kg.queries import export
    from spbe_kg.roadmap.resolve import analyse_with_decisions as analyse  # decisions applied

    report = analyse(store, settings)
    if fmt == "text/html":
        from spbe_kg.queries.heatmap import fetch_heatmap
        from spbe_kg.queries.report_html import render_html

        return render_html(report, fetch_heatmap(store, timeout_s=settings.query_timeout_s), lang,
                           decide_url=root + "/decisions")
    if fmt == "text/csv":
        return export.to_csv(report, lang)
    from spbe_kg.queries import code_report

    codes = code_report.fetch_code_report(store, timeout_s=settings.query_timeout_s)
    return {**export.to_json_obj(report, lang), code_report.json_key(lang): code_report.to_json_obj(codes)}


@router.get("/duplicates")
async def duplicates(request: Request, format: str | None = None, store: Store = Depends(get_store),
                     settings: Settings = Depends(get_settings), cache: dict = Depends(get_cache)):
    """Clusters of duplicate applications with evidence and (recommended) consolidation targets."""
    if format is not None:
        media = FORMATS.get(format)
        if media is None:
            raise ApiError(406, "not-acceptable", detail=", ".join(FORMATS))
    else:
        media = choose(request.headers.get("accept"), OFFERS)
        if media is None:
            raise ApiError(406, "not-acceptable", detail=", ".join(OFFERS))
    # a page follows the site's language rule (Accept-Language alone never switches it); data answers may negotiate
    lang = page_lang(request, settings.lang) if media == "text/html" else lang_of(request, settings.lang)
    root = request.scope.get("root_path", "").rstrip("/")
    body = await cached_build(cache, store, settings, media, lang, root)  # once per store state, killable
    headers = {"Vary": "Accept, Accept-Language, Cookie", "Content-Language": lang}
    if media == "text/html":
        from .site_chrome import with_site_chrome
        from .ui_render import remember_lang

        page = HTMLResponse(with_site_chrome(request, body, "/duplicates"), headers=headers)
        remember_lang(request, page, lang)
        page.headers["Vary"] = "Accept, Cookie"
        return page
    if media == "text/csv":
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(body, headers=headers)

