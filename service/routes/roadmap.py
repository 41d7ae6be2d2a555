"""Decisions and the Peta Rencana SPBE over HTTP.

* ``POST /decisions`` (write token, ``Authorization: Bearer``): one decision as JSON, e.g.
  ``{"jenis": "konfirmasi-klaster", "klaster": "f-…", "alasan": "…"}`` (English keys ``kind``, ``cluster``,
  ``apps``, ``target``, ``disposition``, ``item``, ``year``, ``owner``, ``status``, ``reason`` work too).
  201 with the decision; 400/403/404/409 with a bilingual text when rejected (nothing written).
* ``GET /decisions``: the recorded decisions (JSON).
* ``GET /roadmap``: the roadmap as HTML (site page with timeline), xlsx, csv, Turtle or JSON, by ``Accept`` or
  ``?format=``; ``?instansi=`` one agency.
* ``GET /roadmap/views`` (also ``/views``): the architecture views as HTML or xlsx.

Blocking work (analysis, SPARQL) runs in worker threads, never on the event loop.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, PlainTextResponse, Response

from spbe_kg.settings import Settings

from ..deps import get_settings, get_store
from ..errors import ApiError, lang_of
from ..security import require_write
from ..sparql.negotiation import choose
from ..store.base import Store

router = APIRouter(tags=["roadmap"])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROADMAP_FORMATS = {"html": "text/html", "xlsx": XLSX, "csv": "text/csv", "ttl": "text/turtle", "json": "application/json"}
VIEW_FORMATS = {"html": "text/html", "xlsx": XLSX}
KEYS = {  # body key -> DecisionRequest field (Bahasa Indonesia and English)
    "jenis": "kind", "kind": "kind", "klaster": "clusters", "cluster": "clusters", "clusters": "clusters",
    "aplikasi": "apps", "anggota": "apps", "apps": "apps", "target": "target", "disposisi": "disposition",
    "disposition": "disposition", "butir": "item", "item": "item", "tahun": "year", "year": "year",
    "pemilik": "owner", "owner": "owner", "status": "status", "kode": "code", "code": "code",
    "alasan": "reason", "reason": "reason",
}


def principal_of(request: Request):
    """The authenticated principal of a write request (``security.require_write`` put its writer on the
    request): the admin, or a pemda token's agency (``write_scope.principal``)."""
    from ..write_scope import principal

    return principal(request.scope.get("spbe.writer"), get_settings(request))


def _error(e, lang: str) -> PlainTextResponse:
    return PlainTextResponse(e.text(lang) + "\n", status_code=e.status, headers={"Content-Language": lang})


def _request_from(body, lang: str):
    from spbe_kg.roadmap.decide import DecisionRequest
    from spbe_kg.roadmap.messages import DecisionError

    if not isinstance(body, dict):
        raise DecisionError("body", detail=type(body).__name__)
    kw: dict = {"reason_lang": lang}
    for k, v in body.items():
        field = KEYS.get(k)
        if field is None:
            raise DecisionError("body-key", field=k)
        if field in ("clusters", "apps"):
            v = [v] if isinstance(v, str) else v
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise DecisionError("body-list", field=k)
        elif v is not None and not isinstance(v, (str, int)):
            raise DecisionError("body-text", field=k)
        kw[field] = v
    if "kind" not in kw:
        raise DecisionError("needs", kind="?", what="needs_kind")
    return DecisionRequest(**kw)


def _decide_sync(store, settings, raw: bytes, lang: str, principal):
    """Parse, check and record (in a worker thread: the analysis and its imports are blocking)."""
    from spbe_kg.roadmap.decide import decide
    from spbe_kg.roadmap.messages import DecisionError

    try:
        body = json.loads(raw or b"null")
    except ValueError as e:
        raise DecisionError("body", detail=str(e)) from None
    return decide(store, settings, _request_from(body, lang), principal)


@router.post("/decisions", status_code=201)
async def post_decision(request: Request, _: None = Depends(require_write), store: Store = Depends(get_store),
                        settings: Settings = Depends(get_settings)):
    """Record one architect's decision (needs the write token)."""
    lang = lang_of(request, settings.lang)
    raw = await request.body()
    principal = principal_of(request)
    from spbe_kg.roadmap.messages import DecisionError

    try:
        d = await run_in_threadpool(_decide_sync, store, settings, raw, lang, principal)
    except DecisionError as e:
        return _error(e, lang)
    return JSONResponse({"iri": d.iri, "jenis": d.kind, "tentang": list(d.subjects), "oleh": d.agent,
                         "waktu": d.time.isoformat(), **{k: list(v) for k, v in d.values.items()}}, status_code=201)


@router.get("/decisions")
def list_decisions(store: Store = Depends(get_store), settings: Settings = Depends(get_settings)):
    """Every recorded decision (oldest first)."""
    from spbe_kg.roadmap.decisions import load

    ds = load(store, settings)
    return JSONResponse([{"iri": d.iri, "jenis": d.kind, "tentang": list(d.subjects), "oleh": d.agent,
                          "waktu": d.time.isoformat(), "alasan": d.reason, "sidikBukti": d.evidence_hash, "kode": d.code,
                          **{k: list(v) for k, v in d.values.items()}} for d in ds])


def _media(request: Request, format: str | None, formats: dict[str, str]) -> str:
    if format is not None:
        media = formats.get(format)
        if media is None:
            raise ApiError(406, "not-acceptable", detail=", ".join(formats))
        return media
    media = choose(request.headers.get("accept"), list(formats.values()))
    if media is None:
        raise ApiError(406, "not-acceptable", detail=", ".join(formats.values()))
    return media


def _site(request: Request, active: str) -> dict:
    from urllib.parse import urlencode

    from .ui_render import root_of, site_context

    params = dict(request.query_params)
    params.pop("format", None)

    def lang_url(code: str) -> str:
        return "?" + urlencode({**params, "lang": code})

    return {**site_context(request, active), "wide": True, "lang_url": lang_url, "api": root_of(request)}


def _unknown_instansi(store, instansi, lang):
    from spbe_kg.roadmap.graphs import known_instansi
    from spbe_kg.roadmap.messages import DecisionError

    if instansi and not known_instansi(store, instansi):
        return _error(DecisionError("unknown-instansi", value=instansi), lang)
    return None


@router.get("/roadmap")
def roadmap(request: Request, format: str | None = None, instansi: str | None = None,
            store: Store = Depends(get_store), settings: Settings = Depends(get_settings)):
    """The Peta Rencana SPBE built from confirmed decisions."""
    from spbe_kg.roadmap import html, writers
    from spbe_kg.roadmap.plan import build_roadmap

    media = _media(request, format, ROADMAP_FORMATS)
    if media == "text/html":
        site = _site(request, "/roadmap")
        lang = site["lang"]
    else:
        lang = lang_of(request, settings.lang)
    bad = _unknown_instansi(store, instansi, lang)
    if bad is not None:
        return bad
    rm = build_roadmap(store, settings, instansi=instansi)
    headers = {"Vary": "Accept, Accept-Language", "Content-Language": lang}
    if media == "text/html":
        return Response(html.render_roadmap(rm, {**site, "editable": True}, lang, formats=("xlsx", "csv", "ttl", "json")),
                        media_type="text/html; charset=utf-8", headers=headers)
    if media == XLSX:
        headers["Content-Disposition"] = 'attachment; filename="peta-rencana.xlsx"'
        return Response(writers.to_xlsx(rm, lang), media_type=XLSX, headers=headers)
    if media == "text/csv":
        return Response(writers.to_csv(rm, lang), media_type="text/csv; charset=utf-8", headers=headers)
    if media == "text/turtle":
        return Response(writers.to_turtle(rm, settings), media_type="text/turtle; charset=utf-8", headers=headers)
    return JSONResponse({"periode": [rm.start, rm.end], "instansi": instansi,
                         "butir": [writers.item_json(it, lang) for it in rm.items],
                         "jumlahPerKode": [{"kode": c, "label": lbl, "sekarang": b, "setelah": a} for c, lbl, b, a in rm.counts],
                         "masalahUrutan": writers.problems_text(rm, lang)}, headers=headers)


@router.get("/roadmap/views")
@router.get("/views")
def views(request: Request, format: str | None = None, instansi: str | None = None,
          store: Store = Depends(get_store), settings: Settings = Depends(get_settings)):
    """Architecture views: application × RAL, application × OPD, per RAA category, national applications in use."""
    from spbe_kg.roadmap import html, writers
    from spbe_kg.roadmap.views import build_views

    media = _media(request, format, VIEW_FORMATS)
    site = _site(request, "/roadmap") if media == "text/html" else {}
    lang = site["lang"] if site else lang_of(request, settings.lang)
    bad = _unknown_instansi(store, instansi, lang)
    if bad is not None:
        return bad
    tables = build_views(store, settings, instansi=instansi)
    if media == XLSX:
        return Response(writers.views_xlsx(tables, lang), media_type=XLSX,
                        headers={"Content-Disposition": 'attachment; filename="tampilan-arsitektur.xlsx"'})
    return Response(html.render_views(tables, site, lang, instansi=instansi, formats=("xlsx",)),
                    media_type="text/html; charset=utf-8", headers={"Vary": "Accept, Accept-Language", "Content-Language": lang})
