"""``GET /kelengkapan`` (``/completeness``): the province's completeness dashboard; ``/kelengkapan.json`` the same as JSON.

Per kabupaten/kota and per provincial OPD: submitted or not, when, in which files, how many applications,
violations and warnings, and what changed since the previous submission (``spbe_kg.queries.completeness``).
Figures are computed once per store state off the event loop (``completeness_cache``). ``Accept:
application/json`` on ``/kelengkapan`` gives the JSON too.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from spbe_kg.settings import Settings

from ..deps import get_cache, get_settings, get_store
from ..errors import ApiError
from ..sparql.negotiation import choose
from ..store.base import Store
from .completeness_cache import cached_completeness
from .ui_render import render

router = APIRouter(tags=["completeness"])
OFFERS = ["text/html", "application/json"]


def when_text(stamp: str | None) -> str:
    """``2026-02-10T09:30:00Z`` -> ``2026-02-10 09:30 UTC`` (empty when unknown).

    >>> when_text("2026-02-10T09:30:00Z"), when_text(None)
    ('2026-02-10 09:30 UTC', '')
    """
    if not stamp:
        return ""
    return stamp.replace("T", " ")[:16] + " UTC"


async def _json(store, settings, cache) -> JSONResponse:
    body = await cached_completeness(cache, store, settings)
    return JSONResponse(body, headers={"Vary": "Accept"})


@router.get("/kelengkapan.json")
@router.get("/completeness.json")
async def completeness_json(store: Store = Depends(get_store), settings: Settings = Depends(get_settings),
                            cache: dict = Depends(get_cache)) -> Response:
    """The dashboard's figures as JSON."""
    return await _json(store, settings, cache)


@router.get("/kelengkapan")
@router.get("/completeness")
async def completeness(request: Request, store: Store = Depends(get_store), settings: Settings = Depends(get_settings),
                       cache: dict = Depends(get_cache)) -> Response:
    """Who has submitted their inventory, when, how much and how good, and what changed."""
    media = choose(request.headers.get("accept"), OFFERS)
    if media is None:
        raise ApiError(406, "not-acceptable", detail=", ".join(OFFERS))
    if media == "application/json":
        return await _json(store, settings, cache)
    data = await cached_completeness(cache, store, settings)
    resp = await run_in_threadpool(lambda: render(request, "completeness.html", active="/kelengkapan", data=data,
                                                  when=when_text, wide=True))
    resp.headers["Vary"] = "Accept, Cookie"
    return resp
