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

from ..deps import get_settings, get_store
from ..errors import ApiError, lang_of
from ..sparql.negotiation import choose
from ..store.base import Store

router = APIRouter(tags=["duplicates"])

OFFERS = ["application/json", "text/html", "text/csv"]
FORMATS = {"json": "application/json", "html": "text/html", "csv": "text/csv"}


def _build(store, settings: Settings, fmt: str, lang: str):
    from spbe_kg.queries import export
    from spbe_kg.queries.duplicates import analyse

    report = analyse(store, settings)
    if fmt == "text/html":
        from spbe_kg.queries.heatmap import fetch_heatmap
        from spbe_kg.queries.report_html import render_html

        return render_html(report, fetch_heatmap(store, timeout_s=settings.query_timeout_s), lang)
    if fmt == "text/csv":
        return export.to_csv(report, lang)
    from spbe_kg.queries import code_report

    codes = code_report.fetch_code_report(store, timeout_s=settings.query_timeout_s)
    return {**export.to_json_obj(report, lang), code_report.json_key(lang): code_report.to_json_obj(codes)}


@router.get("/duplicates")
def duplicates(request: Request, format: str | None = None, store: Store = Depends(get_store),
               settings: Settings = Depends(get_settings)):
    """Clusters of duplicate applications with evidence and (recommended) consolidation targets."""
    lang = lang_of(request, settings.lang)
    if format is not None:
        media = FORMATS.get(format)
        if media is None:
            raise ApiError(406, "not-acceptable", detail=", ".join(FORMATS))
    else:
        media = choose(request.headers.get("accept"), OFFERS)
        if media is None:
            raise ApiError(406, "not-acceptable", detail=", ".join(OFFERS))
    body = _build(store, settings, media, lang)
    headers = {"Vary": "Accept, Accept-Language", "Content-Language": lang}
    if media == "text/html":
        return HTMLResponse(body, headers=headers)
    if media == "text/csv":
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)
    return JSONResponse(body, headers=headers)

